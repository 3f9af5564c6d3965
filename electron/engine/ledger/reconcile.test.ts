import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testEngine, withRenderer } from '../../../test/helpers/engine';
import { verifyAudit } from '../audit/log';
import { buildComputeContext, computeStatement } from '../statements';
import { insertPending, newRef, setStatus } from './records';
import { ledgerService, reconcileReport } from './service';
import { storeRelPath, writeStoreFile } from '../store/files';
import { clientRequest, seedClients, testRenderer, testTemplate } from './testing';

const renderer = testRenderer();

/** A statement interrupted after PENDING/GENERATING was saved, with or without its file written. */
async function interrupted(engine: import('../engine').Engine, clientId: string, withFile: boolean): Promise<string> {
  const ledger = await engine.use(ledgerService);
  const req = clientRequest(clientId).request;
  const model = computeStatement(req, await buildComputeContext(engine));
  const at = engine.platform.now().toISOString();
  const ref = newRef(ledger.db, 'client', engine.platform.now());
  const metadata = { type: 'client', reference: ref, filters: model.filters, generatedAt: at, generatedBy: 'alice', templateId: 'test-default', templateVersion: 1 };
  insertPending(ledger.db, { ref, type: 'client', model, metadata, user: 'alice', at, format: 'text', templateId: 'test-default', templateVersion: 1, subjectKey: `s|${clientId}`, reissueOf: null, batchId: null });
  setStatus(ledger.db, ref, 'GENERATING', 'alice', at);
  if (withFile) {
    const out = await renderer.render(engine, { model, template: testTemplate, format: 'text', ref, generatedAt: at, generatedBy: 'alice', metadata });
    await writeStoreFile(engine, ledger.storeDir, storeRelPath(ref, at, 'txt'), out.bytes);
  }
  await ledger.writer.commit();
  return ref;
}

test('reconcile: GENERATING with its file → finished; without → FAILED; unrecorded and unknown files → quarantined and accounted for; UPLOADING → PENDING', async () => {
  const t = testEngine(withRenderer({ env: { FOLIO_USER: 'alice', FOLIO_S3_BUCKET: 'b' } }, renderer));
  try {
    await seedClients(t.engine, 4);
    const finished = await interrupted(t.engine, 'c1', true);
    const failed = await interrupted(t.engine, 'c2', false);
    const ledger = await t.engine.use(ledgerService);
    const { storeDir, db } = ledger;
    // an upload left UPLOADING
    const done = await interrupted(t.engine, 'c3', true);
    await t.engine.close();

    // a file written by a process that died before its PENDING row was ever saved
    const t1 = testEngine(withRenderer({ dataDir: t.dataDir, env: { FOLIO_USER: 'alice', FOLIO_S3_BUCKET: 'b' } }, renderer));
    const l1 = await t1.engine.use(ledgerService);
    assert.deepEqual(new Set(reconcileReport(l1)!.finished), new Set([finished, done]));
    assert.deepEqual(reconcileReport(l1)!.failed, [failed]);
    l1.db.run("UPDATE upload_queue SET status = 'UPLOADING', attempts = 1 WHERE statement_ref = ?", [done]);
    await l1.writer.commit();
    const ghostModel = computeStatement(clientRequest('c4').request, await buildComputeContext(t1.engine));
    const ghostRef = 'CS-1767225600000-0000BEEF';
    const at = '2026-01-01T00:00:00.000Z';
    const ghost = await renderer.render(t1.engine, { model: ghostModel, template: testTemplate, format: 'text', ref: ghostRef, generatedAt: at, generatedBy: 'bob', metadata: { type: 'client', reference: ghostRef, generatedAt: at, generatedBy: 'bob', filters: ghostModel.filters } });
    await t1.engine.close();
    mkdirSync(join(storeDir, '2026', '01'), { recursive: true });
    writeFileSync(join(storeDir, storeRelPath(ghostRef, at, 'txt')), ghost.bytes);
    writeFileSync(join(storeDir, '2026', '01', 'junk.pdf'), 'not a statement');
    writeFileSync(join(storeDir, '2026', '01', '.CS-1.txt.123.abcd.tmp'), 'half');
    // the process died: its lock is left behind with a pid that no longer runs
    writeFileSync(join(t.dataDir, 'ledger.lock'), JSON.stringify({ pid: 4194000, host: (await import('node:os')).hostname(), at }));

    const t2 = testEngine(withRenderer({ dataDir: t.dataDir, env: { FOLIO_USER: 'alice', FOLIO_S3_BUCKET: 'b' } }, renderer));
    const l2 = await t2.engine.use(ledgerService);
    const rep = reconcileReport(l2)!;
    assert.deepEqual(rep.recordedOrphans, [ghostRef]);
    assert.equal(rep.quarantined.length, 2);
    assert.equal(rep.uploadsRequeued, 1);
    assert.equal(rep.tempFilesRemoved, 1);
    const get = (ref: string) => l2.db.get<Record<string, string | number | null>>('SELECT * FROM generated_statement WHERE statement_ref = ?', [ref])!;
    assert.equal(get(finished).generation_status_cd, 'COMPLETED');
    assert.ok(get(finished).sha256);
    assert.equal(l2.db.value("SELECT status FROM upload_queue WHERE statement_ref = ?", [finished]), 'PENDING');
    assert.equal(get(failed).generation_status_cd, 'FAILED');
    assert.match(String(get(failed).error_message), /interrupted/);
    assert.equal(get(ghostRef).generation_status_cd, 'FAILED');
    assert.equal(get(ghostRef).generated_by, 'bob');
    assert.match(String(get(ghostRef).error_message), /quarantine/);
    assert.equal(l2.db.value('SELECT status FROM upload_queue WHERE statement_ref = ?', [done]), 'PENDING');
    const q = readdirSync(l2.quarantineDir).sort();
    assert.deepEqual(q, [`${ghostRef}.txt`, 'junk.pdf']);
    assert.equal(existsSync(join(storeDir, '2026', '01', 'junk.pdf')), false);
    const entry = (await t2.engine.call('audit:list', {})).rows.find((e) => e.action === 'reconcile' && e.details.scanned === true)!;
    assert.deepEqual((entry.details.quarantined as string[]).sort(), [`quarantine/${ghostRef}.txt`, 'quarantine/junk.pdf']);
    assert.equal(verifyAudit(l2.db).ok, true);
    void db;
    await t2.close({ keep: true });
  } finally {
    await t.close();
  }
});

test('a second engine or process cannot open the ledger for writing while one holds it', async () => {
  const t = testEngine(withRenderer({}, renderer));
  try {
    await t.engine.use(ledgerService);
    const other = testEngine(withRenderer({ dataDir: t.dataDir }, renderer));
    await assert.rejects(other.engine.use(ledgerService), /already open in this process/);
    await t.engine.close();
    // a live process (our parent) named in the lock: refused
    writeFileSync(join(t.dataDir, 'ledger.lock'), JSON.stringify({ pid: process.ppid, host: (await import('node:os')).hostname(), at: 'now' }));
    await assert.rejects(other.engine.use(ledgerService), /in use by another Folio process \(pid/);
    // reading still works from the last saved state; writing (a download is audited) is refused
    assert.equal((await other.engine.call('history:list', {})).total, 0);
    assert.equal((await other.engine.call('audit:verify', {})).ok, true);
    assert.equal((await other.engine.call('uploads:list', {})).pending, 0);
    await assert.rejects(other.engine.call('history:export', { ref: 'CS-1-00000000', path: join(t.dataDir, 'x.pdf') }), /in use by another Folio process/);
    await other.close({ keep: true });
  } finally {
    await t.close();
  }
});
