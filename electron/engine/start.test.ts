import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startS3, type S3TestServer } from '../../test/helpers/s3';
import { testEngine, withRenderer } from '../../test/helpers/engine';
import { generateStatement } from './usecases/generate';
import { ledgerService } from './ledger/service';
import { clientRequest, seedClients } from './ledger/testing';
import { startEngine } from './start';
import { uploadQueue } from './uploads/service';

const caller = { user: 'alice', role: 'accountant' as const };
let s3: S3TestServer;
before(async () => {
  s3 = await startS3({ kind: 'fauxqs' });
});
after(async () => {
  await s3.stop();
});

test('start opens settings, cache and a new ledger before any command; the queue only where uploads drain on their own', async () => {
  const t = testEngine(withRenderer({}));
  try {
    assert.equal(existsSync(join(t.dataDir, 'ledger.sqlite')), false);
    const warnings: string[] = [];
    const report = await startEngine(t.engine, (m) => warnings.push(m));
    assert.deepEqual(
      report.map((s) => [s.step, s.error?.code ?? null]),
      [
        ['settings', null],
        ['cache', null],
        ['ledger', null],
      ],
    );
    assert.deepEqual(warnings, []);
    assert.ok(existsSync(join(t.dataDir, 'ledger.sqlite')));
    assert.ok(existsSync(join(t.dataDir, 'ledger.lock')), 'the ledger is held for writing');
    assert.notEqual(t.engine.peek(ledgerService), null);
    assert.equal(t.engine.peek(uploadQueue), null, 'a test or CLI engine drains only when asked');
  } finally {
    await t.close();
  }
});

test('statements queued in an earlier session upload after start, with no command asking', async () => {
  const bucket = await s3.bucket('start-resume');
  const env = { FOLIO_USER: 'alice', ...s3.env({ bucket: bucket.name }) };
  const first = testEngine(withRenderer({ env }));
  let ref: string;
  try {
    await seedClients(first.engine, 1);
    ref = (await generateStatement(first.engine, clientRequest('c1'), caller)).ref;
    assert.equal((await first.engine.call('uploads:list', {})).pending, 1);
  } finally {
    await first.close({ keep: true });
  }
  const second = testEngine(withRenderer({ dataDir: first.dataDir, env: { ...env, FOLIO_UPLOADS_AUTODRAIN: '1', FOLIO_UPLOADS_TICK_MS: '50' } }));
  try {
    const report = await startEngine(second.engine, () => undefined);
    assert.deepEqual(
      report.map((s) => s.step),
      ['settings', 'cache', 'ledger', 'uploads'],
    );
    const deadline = Date.now() + 10_000;
    let keys: string[] = [];
    while (Date.now() < deadline && !keys.some((k) => k.endsWith(`${ref}.txt`))) {
      await new Promise((r) => setTimeout(r, 50));
      keys = await bucket.keys();
    }
    assert.ok(keys.some((k) => k.endsWith(`${ref}.txt`)), `uploaded without a command: ${keys.join(', ')}`);
  } finally {
    await second.close();
  }
});

test('a step that fails is reported and warned about; start itself does not fail, and the command needing it says why', async () => {
  const t = testEngine(withRenderer({}));
  try {
    writeFileSync(join(t.dataDir, 'ledger.sqlite'), 'this is not a database, it is sixty-odd bytes of plain text.....');
    const warnings: string[] = [];
    const report = await startEngine(t.engine, (m) => warnings.push(m));
    const ledger = report.find((s) => s.step === 'ledger');
    assert.ok(ledger?.error, JSON.stringify(report));
    assert.equal(report.find((s) => s.step === 'cache')?.error, undefined);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /opening the ledger at start failed/);
    await assert.rejects(t.engine.call('history:list', {}), (err: Error) => err.message === ledger.error!.message);
  } finally {
    await t.close();
  }
});

test('another engine holding the ledger is expected: reported, not warned about', async () => {
  const holder = testEngine(withRenderer({}));
  const other = testEngine(withRenderer({ dataDir: holder.dataDir }));
  try {
    await holder.engine.use(ledgerService);
    const warnings: string[] = [];
    const report = await startEngine(other.engine, (m) => warnings.push(m));
    assert.equal(report.find((s) => s.step === 'ledger')?.error?.code, 'LEDGER_IN_USE');
    assert.deepEqual(warnings, []);
  } finally {
    await other.close();
    await holder.close();
  }
});
