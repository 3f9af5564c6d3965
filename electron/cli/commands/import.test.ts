import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../test/helpers/engine';
import { writeFixtureBundle } from '../../engine/cache/test-support';

test('folio demo + import print counts and quarantined lines; a bad manifest or option exits 2 naming the field', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-cli-import-'));
  try {
    const data = join(dir, 'data');
    const demo = await runCli(['--json', 'demo', '--size', '2', '--seed', '9', '--through', '2025-12', '--out', join(dir, 'demo')]);
    assert.equal(demo.code, 0, demo.stderr);
    const written = demo.json<{ lines: Record<string, number>; badLines: number }>();
    const imp = await runCli(['--data-dir', data, '--json', 'import', join(dir, 'demo')]);
    assert.equal(imp.code, 0, imp.stderr);
    const r = imp.json<{ quarantined: number; bundles: Array<{ status: string; counts: Record<string, { applied: number }> }>; quarantinedLines: Array<{ file: string; line: number; reason: string }> }>();
    assert.equal(r.bundles[0]!.status, 'applied');
    assert.equal(r.quarantined, written.badLines);
    assert.equal(r.quarantinedLines.length, written.badLines);
    assert.equal(r.bundles[0]!.counts.payment_items!.applied, written.lines.payment_items! - 3);
    const text = await runCli(['--data-dir', data, 'import', join(dir, 'demo')]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /SKIPPED .*demo/);
    const info = await runCli(['--data-dir', data, 'import', join(dir, 'nowhere')]);
    assert.equal(info.code, 2);
    assert.match(info.stderr, /path: .*does not exist/);
    writeFixtureBundle(join(dir, 'bad'), { exportedAt: '', manifest: '{"format":3}', files: { parties: [] } });
    const bad = await runCli(['--data-dir', data, 'import', join(dir, 'bad')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /format is 3/);
    const size = await runCli(['demo', '--size', 'huge', '--out', join(dir, 'x')]);
    assert.equal(size.code, 2);
    assert.match(size.stderr, /--size/);
    const through = await runCli(['demo', '--through', '2025-13', '--out', join(dir, 'x')]);
    assert.equal(through.code, 2);
    assert.match(through.stderr, /--through/);
    const sync = await runCli(['--data-dir', data, 'sync']);
    assert.equal(sync.code, 2, 'no source.s3 configured is bad input');
    assert.match(sync.stderr, /source\.s3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
