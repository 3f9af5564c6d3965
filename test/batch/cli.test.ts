/** `folio batch` usage: options named in errors, exit codes per cli.md and docs/rules.md. */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { runCli, tempDir } from '../helpers/engine';

describe('folio batch (usage)', () => {
  const dir = tempDir('folio-batch-cli-');
  after(() => rmSync(dir, { recursive: true, force: true }));
  const folio = (...args: string[]) => runCli(['--data-dir', dir, ...args]);

  it('names the option at fault and exits 2', async () => {
    const shard = await folio('batch', 'billing', '--period', '2026-01', '--shard', '4/3');
    assert.equal(shard.code, 2);
    assert.match(shard.stderr, /--shard/);
    const period = await folio('batch', 'billing', '--period', '2026-13');
    assert.equal(period.code, 2);
    assert.match(period.stderr, /--period.*YYYY-MM/);
    const missing = await folio('batch', 'billing');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--period/);
    const conc = await folio('batch', 'client', '--from', '2026-01-01', '--to', '2026-01-31', '--concurrency', '0');
    assert.equal(conc.code, 2);
    assert.match(conc.stderr, /--concurrency/);
    const range = await folio('batch', 'client', '--from', '2026-02-01', '--to', '2026-01-31');
    assert.equal(range.code, 2);
    assert.match(range.stderr, /--to/);
    const unknown = await folio('batch', 'billing', '--period', '2026-01', '--customers', 'nobody');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /nobody/);
  });

  it('an empty plan completes at once and exits 0; list and show read the runs', async () => {
    const r = await folio('--json', 'batch', 'billing', '--period', '2026-01');
    assert.equal(r.code, 0, r.stderr);
    const run = r.json<{ id: string; status: string; counts: { planned: number } }>();
    assert.equal(run.status, 'COMPLETED');
    assert.equal(run.counts.planned, 0);
    const list = await folio('--json', 'batch', 'list');
    assert.deepEqual(
      list.json<Array<{ id: string }>>().map((x) => x.id),
      [run.id],
    );
    const show = await folio('batch', 'show', run.id);
    assert.equal(show.code, 0);
    assert.match(show.stdout, new RegExp(`billing batch ${run.id}: COMPLETED`));
    const none = await folio('batch', 'show', 'B-nope');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no batch run B-nope/);
  });
});
