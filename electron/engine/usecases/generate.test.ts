import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testEngine, withRenderer } from '../../../test/helpers/engine';
import { FolioError } from '../../../shared/errors';
import { verifyAudit } from '../audit/log';
import { generateStatement } from './generate';
import { findCompletedRef, invoicedItems } from '../ledger/records';
import { ledgerService } from '../ledger/service';
import { sha256Hex } from '../store/files';
import { clientRequest, seedClients, testRenderer } from '../ledger/testing';

const caller = { user: 'alice', role: 'accountant' as const };
const failing = new Set<string>();
const failNext: boolean[] = [];
const renderer = testRenderer({ failWhen: (ref) => failing.has(ref) || failNext.shift() === true });

test('generate: file in the store, COMPLETED row with sha256/size/line items, queued upload, audit entry', async () => {
  const t = testEngine(withRenderer({ env: { FOLIO_USER: 'alice', FOLIO_S3_BUCKET: 'statements-bucket', FOLIO_S3_PREFIX: 'acme/' } }, renderer));
  try {
    await seedClients(t.engine, 1);
    const r = await generateStatement(t.engine, clientRequest('c1'), caller);
    assert.equal(r.status, 'COMPLETED', r.error);
    assert.match(r.ref, /^CS-\d{13}-[0-9A-F]{8}$/);
    assert.ok(r.file && existsSync(r.file), 'the file is in the store');
    const bytes = readFileSync(r.file!);
    assert.equal(r.sha256, sha256Hex(bytes));
    assert.equal(r.sizeBytes, bytes.length);
    assert.equal(r.lineCount, 3);
    assert.deepEqual(r.totals.USD, { gross: '600.00', commission: '60.00', net: '540.00' });

    const { db } = await t.engine.use(ledgerService);
    const row = db.get<Record<string, unknown>>('SELECT * FROM generated_statement WHERE statement_ref = ?', [r.ref])!;
    assert.equal(row.generation_status_cd, 'COMPLETED');
    assert.equal(row.statement_type_cd, 'CLIENT_STATEMENT');
    assert.equal(row.client_id, 'c1');
    assert.equal(row.date_from, '2026-01-01');
    assert.equal(row.currency_cd, 'USD');
    assert.equal(row.generated_by, 'alice');
    assert.equal(row.upload_status, 'QUEUED');
    assert.equal(row.sha256, r.sha256);
    const meta = JSON.parse(row.metadata as string) as Record<string, unknown>;
    assert.equal(meta.reference, r.ref);
    assert.equal(meta.lineCount, 3);
    assert.equal(meta.templateId, 'test-default');
    assert.ok('dataVersion' in meta && 'findings' in meta && 'filters' in meta && 'totals' in meta);
    const items = db.all<{ amount: string; sort_order: number; service_description: string }>(
      'SELECT amount, sort_order, service_description FROM statement_line_item li JOIN generated_statement gs USING (generated_statement_id) WHERE gs.statement_ref = ? ORDER BY sort_order',
      [r.ref],
    );
    assert.equal(items.length, 3);
    assert.deepEqual(items.map((i) => i.sort_order), [0, 1, 2]);
    const q = db.get<{ s3_key: string; meta_key: string; status: string }>('SELECT * FROM upload_queue WHERE statement_ref = ?', [r.ref])!;
    assert.equal(q.status, 'PENDING');
    assert.equal(q.s3_key, `acme/statements/CLIENT_STATEMENT/${row.generated_dt!.toString().slice(0, 4)}/${row.generated_dt!.toString().slice(5, 7)}/${r.ref}.txt`);
    assert.equal(q.meta_key, q.s3_key.replace(/\.txt$/, '.json'));
    const audit = db.get<{ action: string; details: string }>("SELECT * FROM audit_log WHERE action = 'generate' ORDER BY seq DESC LIMIT 1")!;
    assert.match(audit.details, new RegExp(r.ref));
    assert.equal(verifyAudit(db).ok, true);
    assert.equal(findCompletedRef(db, 'client|c1|2026-01-01|2026-01-31|*|-'), r.ref);

    // the row is durable: a fresh engine on the same folder sees it
    await t.engine.close();
    const t2 = testEngine(withRenderer({ dataDir: t.dataDir }, renderer));
    const rec = await t2.engine.call('history:get', { ref: r.ref });
    assert.equal(rec.generationStatusCd, 'COMPLETED');
    // a second statement about the same subject is a re-issue of the first
    const r2 = await generateStatement(t2.engine, clientRequest('c1'), caller);
    assert.notEqual(r2.ref, r.ref);
    assert.equal((await t2.engine.call('history:get', { ref: r2.ref })).metadata.reissueOf, r.ref);
    await t2.close();
  } finally {
    await t.close();
  }
});

test('bad filters: a validation error naming the field and nothing recorded', async () => {
  const t = testEngine(withRenderer({}, renderer));
  try {
    await seedClients(t.engine, 1);
    await assert.rejects(
      generateStatement(t.engine, { request: { type: 'client', filters: { clientId: 'nobody', dateFrom: '2026-01-01', dateTo: '2026-01-31' } } }, caller),
      (e: FolioError) => e.type === 'validation' && e.field === 'clientId',
    );
    await assert.rejects(
      generateStatement(t.engine, { request: { type: 'client', filters: { clientId: 'c1', dateFrom: '2026-02-01', dateTo: '2026-01-31' } } }, caller),
      (e: FolioError) => e.type === 'validation',
    );
    const { db } = await t.engine.use(ledgerService);
    assert.equal(db.value('SELECT count(*) FROM generated_statement'), 0);
    assert.equal(db.value('SELECT count(*) FROM upload_queue'), 0);
  } finally {
    await t.close();
  }
});

test('a render/QA failure: FAILED with the error, no file, no upload queued', async () => {
  const t = testEngine(withRenderer({}, renderer));
  try {
    await seedClients(t.engine, 1);
    failNext.push(true);
    const r = await generateStatement(t.engine, clientRequest('c1'), caller);
    assert.equal(r.status, 'FAILED');
    assert.match(r.error ?? '', /QA failed/);
    assert.equal(r.file, null);
    const { db } = await t.engine.use(ledgerService);
    const row = db.get<{ generation_status_cd: string; error_message: string; file_path: string | null }>('SELECT * FROM generated_statement WHERE statement_ref = ?', [r.ref])!;
    assert.equal(row.generation_status_cd, 'FAILED');
    assert.match(row.error_message, /QA failed/);
    assert.equal(row.file_path, null);
    assert.equal(db.value('SELECT count(*) FROM upload_queue'), 0);
  } finally {
    await t.close();
  }
});

test('references stay unique and every COMPLETED row is saved when 40 statements are generated at once', async () => {
  const t = testEngine(withRenderer({}, renderer));
  try {
    const ids = await seedClients(t.engine, 40);
    const results = await Promise.all(ids.map((id) => generateStatement(t.engine, clientRequest(id), caller)));
    assert.equal(new Set(results.map((r) => r.ref)).size, 40);
    assert.ok(results.every((r) => r.status === 'COMPLETED'));
    const { writer } = await t.engine.use(ledgerService);
    assert.ok(writer.stats.saves < 40 * 2, `saves were grouped (${writer.stats.saves})`);
    await t.engine.close();
    const t2 = testEngine(withRenderer({ dataDir: t.dataDir }, renderer));
    const page = await t2.engine.call('history:list', { limit: 100 });
    assert.equal(page.total, 40);
    assert.deepEqual(new Set(page.rows.map((r) => r.statementRef)), new Set(results.map((r) => r.ref)));
    await t2.close();
  } finally {
    await t.close();
  }
});

test('invoicedItems maps items on COMPLETED invoices only', async () => {
  const t = testEngine(withRenderer({}, renderer));
  try {
    const { db } = await t.engine.use(ledgerService);
    const at = '2026-01-01T00:00:00.000Z';
    db.exec(`INSERT INTO generated_statement (statement_type_cd, statement_type, statement_ref, generation_status_cd, generated_by, generated_dt, sha256, file_size_bytes, created_by, created_at, updated_by, updated_at)
      VALUES ('INVOICE', 'invoice', 'INV-1', 'COMPLETED', 'a', '${at}', 'x', 1, 'a', '${at}', 'a', '${at}'),
             ('INVOICE', 'invoice', 'INV-2', 'FAILED', 'a', '${at}', NULL, NULL, 'a', '${at}', 'a', '${at}')`);
    db.exec(`INSERT INTO statement_line_item (generated_statement_id, source_id, service_description, amount, item_type, sort_order)
      VALUES (1, 'b1', 'x', '1.00', 'ITEM', 0), (2, 'b2', 'x', '1.00', 'ITEM', 0)`);
    const m = invoicedItems(db, ['b1', 'b2', 'b3']);
    assert.deepEqual([...m], [['b1', 'INV-1']]);
    assert.throws(() => db.run("UPDATE generated_statement SET sha256 = 'y' WHERE statement_ref = 'INV-1'"), /immutable/);
  } finally {
    await t.close();
  }
});

test('with encryption at rest the store file is sealed; download hands out the plain, checked bytes', async () => {
  const t = testEngine(withRenderer({ env: { FOLIO_USER: 'alice', FOLIO_KEY: 'ab'.repeat(32) } }, renderer));
  try {
    await seedClients(t.engine, 1);
    const { encryption } = await import('../crypto');
    const enc = await t.engine.use(encryption);
    assert.equal(enc.filesEncrypted, true, 'the folder is encrypted (FOLIO_KEY)');
    const r = await generateStatement(t.engine, clientRequest('c1'), caller);
    const onDisk = readFileSync(r.file!);
    assert.notEqual(sha256Hex(onDisk), r.sha256, 'the stored bytes are not the plain file');
    assert.ok(!onDisk.toString('latin1').includes(r.ref), 'the reference is not readable in the sealed file');
    const f = await t.engine.call('history:file', { ref: r.ref });
    const plain = Buffer.from(f.base64, 'base64');
    assert.equal(sha256Hex(plain), r.sha256);
    assert.match(plain.toString(), new RegExp(r.ref));
  } finally {
    await t.close();
  }
});

test('invoices: items on a COMPLETED invoice are refused (nothing recorded) unless re-issued, which records the earlier ref', async () => {
  const t = testEngine(withRenderer({ env: { FOLIO_USER: 'alice' } }, renderer));
  try {
    const { insertRows, party } = await import('../../../test/fixtures/statements/cache');
    const { cacheDb } = await import('../db/stores');
    const bi = (id: string, amount: number) => ({ id, party_id: 'x1', target_type: 'BUYER', description: `Service ${id}`, issue_date: '2026-01-05', due_date: '2026-02-04', currency: 'USD', quantity: null, unit_price: null, amount, vat_pct: '20' });
    insertRows(await t.engine.use(cacheDb), { parties: [party('x1', 'Buyer Ωmega', 'BUYER')], billing_items: [bi('b1', 10000), bi('b2', 2500)] });
    const input = { request: { type: 'invoice' as const, filters: { partyId: 'x1', targetType: 'BUYER' as const, billingItemIds: ['b1', 'b2'] } }, format: 'text' as const };
    const first = await generateStatement(t.engine, input, caller);
    assert.equal(first.status, 'COMPLETED', first.error);
    assert.match(first.ref, /^INV-/);
    const { db } = await t.engine.use(ledgerService);
    assert.deepEqual([...invoicedItems(db, ['b1', 'b2', 'b9'])].sort(), [['b1', first.ref], ['b2', first.ref]]);
    const before = db.value('SELECT count(*) FROM generated_statement');
    await assert.rejects(generateStatement(t.engine, input, caller), (e: FolioError) => e.type === 'validation' && e.field === 'billingItemIds');
    assert.equal(db.value('SELECT count(*) FROM generated_statement'), before, 'nothing recorded');
    const again = await generateStatement(t.engine, { ...input, request: { ...input.request, filters: { ...input.request.filters, reissue: true } } }, caller);
    assert.equal(again.status, 'COMPLETED', again.error);
    const rec = await t.engine.call('history:get', { ref: again.ref });
    assert.equal(rec.metadata.reissueOf, first.ref);
    assert.equal(db.value('SELECT reissue_of FROM generated_statement WHERE statement_ref = ?', [again.ref]), first.ref);
    assert.equal(rec.clientId, 'x1', 'the invoiced party is the history client');
  } finally {
    await t.close();
  }
});

test('ERROR findings block the statement: a FAILED row naming them, no file, no upload', async () => {
  const t = testEngine(withRenderer({ env: { FOLIO_USER: 'alice' } }, renderer));
  try {
    const { insertRows, party } = await import('../../../test/fixtures/statements/cache');
    const { cacheDb } = await import('../db/stores');
    insertRows(await t.engine.use(cacheDb), {
      parties: [party('c1', 'John Smith')],
      deals: [{ id: 'd1', ref: 'DL-1', name: 'Tour', client_id: 'c1', engagement_date: '2026-01-10', currency: 'USD', commission_pct: '10' }],
    });
    const r = await generateStatement(t.engine, { request: { type: 'deal', filters: { dealId: 'd1' } }, format: 'text' }, caller);
    assert.equal(r.status, 'FAILED');
    assert.match(r.error ?? '', /NO_PAYEES/);
    assert.ok(r.findings.some((f) => f.severity === 'ERROR' && f.code === 'NO_PAYEES'));
    const { db, storeDir } = await t.engine.use(ledgerService);
    const row = db.get<{ generation_status_cd: string; error_message: string; metadata: string }>('SELECT * FROM generated_statement WHERE statement_ref = ?', [r.ref])!;
    assert.equal(row.generation_status_cd, 'FAILED');
    assert.match(row.error_message, /NO_PAYEES/);
    assert.ok((JSON.parse(row.metadata) as { findings: unknown[] }).findings.length > 0);
    assert.equal(db.value('SELECT count(*) FROM upload_queue'), 0);
    const { listStoreFiles } = await import('../store/files');
    assert.deepEqual(await listStoreFiles(storeDir), []);
  } finally {
    await t.close();
  }
});

test('generate: ledger:changed says PENDING as soon as the row is recorded (History and the header show it in progress), then COMPLETED', async () => {
  const t = testEngine(withRenderer({ env: { FOLIO_USER: 'alice' } }, renderer));
  try {
    await seedClients(t.engine, 1);
    const { db } = await t.engine.use(ledgerService);
    const seen: Array<{ status: string; rowStatus: string | undefined }> = [];
    const off = t.engine.subscribe((name, payload) => {
      if (name !== 'ledger:changed') return;
      const p = payload as { ref: string; status: string };
      seen.push({ status: p.status, rowStatus: db.get<{ s: string }>('SELECT generation_status_cd AS s FROM generated_statement WHERE statement_ref = ?', [p.ref])?.s });
    });
    const r = await generateStatement(t.engine, clientRequest('c1'), caller);
    off();
    assert.equal(r.status, 'COMPLETED', r.error);
    assert.deepEqual(seen, [
      { status: 'PENDING', rowStatus: 'PENDING' },
      { status: 'COMPLETED', rowStatus: 'COMPLETED' },
    ]);
  } finally {
    await t.engine.close();
  }
});
