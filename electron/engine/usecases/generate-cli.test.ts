/**
 * `folio generate / history / download / uploads` end to end through the CLI, with the real
 * statement engine, the real PDF renderer (worker pool) and a loopback S3 (fauxqs).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli, testEngine } from '../../../test/helpers/engine';
import { startS3, type S3TestServer } from '../../../test/helpers/s3';
import { readEmbeddedMetadata } from '../render';
import { seedClients } from '../ledger/testing';

let s3: S3TestServer;
before(async () => {
  s3 = await startS3({ kind: 'fauxqs', buckets: ['cli-bucket'] });
});
after(async () => {
  await s3.stop();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

test('folio generate → PDF in the store and at --out, history --json, download, uploads --drain', { timeout: 120_000 }, async () => {
  const t = testEngine();
  await seedClients(t.engine, 2);
  await t.close({ keep: true });
  const env = s3.env({ bucket: 'cli-bucket', prefix: 'cli' });
  const dd = ['--data-dir', t.dataDir];
  try {
    const out = join(t.dataDir, 'out', 'statement.pdf');
    const g = await runCli([...dd, '--json', 'generate', 'client', '--client', 'c1', '--from', '2026-01-01', '--to', '2026-01-31', '--out', out], env);
    assert.equal(g.code, 0, g.stderr);
    const r = g.json<{ type: string; ref: string; status: string; file: string; sha256: string; lineCount: number; totals: Record<string, Record<string, string>>; findings: unknown[] }>();
    assert.equal(r.type, 'client');
    assert.equal(r.status, 'COMPLETED');
    assert.match(r.ref, /^CS-\d{13}-[0-9A-F]{8}$/);
    assert.equal(r.file, out);
    assert.equal(r.lineCount, 3);
    assert.deepEqual(r.totals.USD, { gross: '600.00', commission: '60.00', net: '540.00' });
    assert.ok(Array.isArray(r.findings));
    const pdf = readFileSync(out);
    assert.equal(sha(pdf), r.sha256);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    execFileSync('qpdf', ['--check', out], { stdio: 'pipe' });
    assert.match(execFileSync('pdftotext', [out, '-']).toString(), new RegExp(r.ref));
    const embedded = await readEmbeddedMetadata(new Uint8Array(pdf), 'pdf');
    assert.equal(embedded?.reference, r.ref);

    // bad filters: exit 2 naming the option, nothing recorded
    const bad = await runCli([...dd, 'generate', 'client', '--client', 'nobody', '--from', '2026-01-01', '--to', '2026-01-31'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--client/);

    const h = await runCli([...dd, '--json', 'history', '--client', 'c1'], env);
    assert.equal(h.code, 0, h.stderr);
    const rows = h.json<Array<Record<string, unknown>>>();
    assert.equal(rows.length, 1, 'the bad request left no record');
    for (const k of ['statementRef', 'statementTypeCd', 'clientId', 'dateFrom', 'dateTo', 'currencyCd', 's3Bucket', 's3Key', 'filePath', 'fileName', 'fileSizeBytes', 'generationStatusCd', 'errorMessage', 'metadata', 'generatedBy', 'generatedDt', 'sha256', 'uploadStatus']) {
      assert.ok(k in rows[0]!, `history --json has ${k}`);
    }
    assert.equal(rows[0]!.statementRef, r.ref);
    assert.equal(rows[0]!.uploadStatus, 'QUEUED');
    assert.equal(rows[0]!.generatedBy, 'tester');
    assert.equal(rows[0]!.fileSizeBytes, pdf.length);

    // a CLI run queues the upload; --drain uploads it
    assert.equal((await runCli([...dd, '--json', 'uploads'], env)).json<{ pending: number }>().pending, 1);
    const u = await runCli([...dd, '--json', 'uploads', '--drain'], env);
    assert.equal(u.code, 0, `${u.stderr}\n${u.stdout}`);
    assert.equal(u.json<{ uploaded: number; pending: number }>().uploaded, 1);
    const key = (await runCli([...dd, '--json', 'history'], env)).json<Array<{ s3Key: string; uploadStatus: string }>>()[0]!;
    assert.equal(key.uploadStatus, 'UPLOADED');
    assert.match(key.s3Key, new RegExp(`^cli/statements/CLIENT_STATEMENT/\\d{4}/\\d{2}/${r.ref}\\.pdf$`));
    assert.equal(sha(await (await s3.bucket('cli-bucket')).get(key.s3Key)), r.sha256);

    const dl = join(t.dataDir, 'dl', 'copy.pdf');
    const d = await runCli([...dd, 'download', r.ref, '--out', dl], env);
    assert.equal(d.code, 0, d.stderr);
    assert.equal(sha(readFileSync(dl)), r.sha256);
    const missing = await runCli([...dd, 'download', 'CS-0-00000000', '--out', dl], env);
    assert.equal(missing.code, 2);

    const a = await runCli([...dd, 'audit', '--verify'], env);
    assert.equal(a.code, 0, a.stderr);
    const log = (await runCli([...dd, '--json', 'audit'], env)).json<{ rows: Array<{ action: string }> }>().rows.map((e) => e.action);
    for (const action of ['generate', 'upload', 'download']) assert.ok(log.includes(action), `audit has ${action}`);
    assert.ok(existsSync(join(t.dataDir, 'store')));
  } finally {
    (await import('node:fs')).rmSync(t.dataDir, { recursive: true, force: true });
  }
});

test('folio history / uploads / download / audit: bad usage exits 2 naming the option; text output', async () => {
  const t = testEngine();
  await t.close({ keep: true });
  const dd = ['--data-dir', t.dataDir];
  try {
    for (const [args, option] of [
      [['history', '--type', 'bogus'], '--type'],
      [['history', '--generated-from', '2026-02-30'], '--generated-from'],
      [['history', '--generated-from', '2026-03-01', '--generated-to', '2026-02-01'], '--generated-from'],
      [['history', '--limit', '0'], '--limit'],
      [['audit', '--limit', 'x'], '--limit'],
    ] as const) {
      const r = await runCli([...dd, ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(option));
    }
    const d = await runCli([...dd, 'download', 'CS-1-00000000']);
    assert.equal(d.code, 2, 'download without --out');
    const h = await runCli([...dd, 'history']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /no statements match/);
    const u = await runCli([...dd, 'uploads']);
    assert.equal(u.code, 0);
    assert.match(u.stdout, /0 pending, 0 failed, 0 uploaded \(no S3 bucket configured/);
    const a = await runCli([...dd, 'audit']);
    assert.equal(a.code, 0);
  } finally {
    (await import('node:fs')).rmSync(t.dataDir, { recursive: true, force: true });
  }
});
