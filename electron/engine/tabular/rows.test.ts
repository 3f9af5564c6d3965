import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TabularMapping } from '../../../shared/contract';
import { bareEngine } from '../cache/test-support';
import { cacheDb } from '../db/stores';
import { readTable } from './read';
import { checkRows, importRows, REJECTED_SHOWN } from './rows';

const PAYMENTS: TabularMapping = {
  columns: { id: 'Payment ID', client_id: 'Client', posted_date: 'Posted', description: 'Text', currency: 'Cur', gross: 'Gross', commission: 'Commission', net: 'Net' },
  numberFormat: 'comma',
  dateFormat: 'DD.MM.YYYY',
};

/** "123456" minor units → "1.234,56" */
function deMoney(minor: number): string {
  const s = String(minor).padStart(3, '0');
  return `${s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${s.slice(-2)}`;
}

/**
 * An Excel-style payments CSV (BOM, `;`, CRLF, "1.234,56", DD.MM.YYYY, a quoted cell with a line
 * break and a `;` every 97th row) of `n` data rows; `bad(row)` says which file rows (header = 1)
 * carry an amount that cannot be read.
 */
function paymentsCsv(file: string, n: number, bad: (row: number) => boolean): void {
  const lines = ['\uFEFFPayment ID;Client;Posted;Text;Cur;Gross;Commission;Net'];
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    const gross = 10000 + i;
    const text = i % 97 === 0 ? `"Show fee\r\nsecond line; ""quoted"""` : `Fee ${i}`;
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push([`P${row}`, 'C1', `${day}.01.2026`, text, 'EUR', bad(row) ? '12x' : deMoney(gross), deMoney(1000), deMoney(gross - 1000)].join(';'));
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
}

async function withEngine(fn: (e: ReturnType<typeof bareEngine>, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'folio-rows-'));
  const e = bareEngine({ dataDir: join(dir, 'data') });
  try {
    const parties = join(dir, 'parties.csv');
    writeFileSync(parties, 'id,name,type\nC1,Brauer & Söhne,CLIENT\n');
    const p = await importRows(e.engine, { path: parties, entity: 'parties', mapping: { columns: { id: 'id', name: 'name', type: 'type' }, numberFormat: 'point', dateFormat: 'YYYY-MM-DD' } });
    assert.equal(p.applied, 1);
    await fn(e, dir);
  } finally {
    await e.engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function quarantined(e: ReturnType<typeof bareEngine>, sourceKey: string): Promise<number[]> {
  const db = await e.engine.use(cacheDb);
  return [...db.iterate<{ line: number }>('SELECT line FROM quarantine WHERE source_key = ? ORDER BY line', [sourceKey])].map((r) => r.line);
}

test('a 50,000-row Excel CSV streams in: every good row applied, every bad row quarantined with its row number', { timeout: 120_000 }, async () => {
  await withEngine(async (e, dir) => {
    const file = join(dir, 'payments.csv');
    const badRows = [2, 99, 777, 25_000, 50_001];
    paymentsCsv(file, 50_000, (r) => badRows.includes(r));
    const req = { path: file, entity: 'payment_items' as const, mapping: PAYMENTS };
    const check = await checkRows(e.engine, req);
    assert.equal(check.total, 50_000);
    assert.equal(check.valid, 50_000 - badRows.length);
    assert.equal(check.rejectedTotal, badRows.length);
    assert.deepEqual(check.rejected.map((r) => r.row), badRows);
    assert.match(check.rejected[0]!.reason, /gross: "12x" is not a number/);
    assert.match(check.rejected[2]!.raw, /Payment ID: P777 \|/);
    assert.equal(check.table.delimiter, ';');

    const r = await importRows(e.engine, req);
    assert.equal(r.status, 'applied');
    assert.equal(r.applied, 50_000 - badRows.length);
    assert.equal(r.quarantined, badRows.length);
    assert.equal(r.danglingReferences, 0);
    assert.deepEqual(await quarantined(e, r.sourceKey), badRows);
    const db = await e.engine.use(cacheDb);
    assert.equal(db.value('SELECT count(*) FROM payment_items'), 50_000 - badRows.length);
    // rows after quoted line breaks keep their numbers: P<row> is the file's row <row>
    assert.equal(db.value('SELECT description FROM payment_items WHERE id = ?', ['P196']), 'Show fee\nsecond line; "quoted"');
    assert.deepEqual(db.get('SELECT gross, description, posted_date FROM payment_items WHERE id = ?', ['P197']), { gross: 10195, description: 'Fee 195', posted_date: '2026-01-28' });

    // the same file the same way again: skipped whole, its rows counted
    const again = await importRows(e.engine, req);
    assert.equal(again.status, 'skipped');
    assert.equal(again.skipped, 50_000);
  });
});

test('more than 1,000 bad rows: the check and the result list the first 1,000, count them all, and quarantine them all', { timeout: 120_000 }, async () => {
  await withEngine(async (e, dir) => {
    const file = join(dir, 'payments.csv');
    const n = 6_000;
    const isBad = (row: number) => row % 3 === 0;
    paymentsCsv(file, n, isBad);
    const badRows = Array.from({ length: n }, (_, i) => i + 2).filter(isBad);
    assert.ok(badRows.length > REJECTED_SHOWN);
    const req = { path: file, entity: 'payment_items' as const, mapping: PAYMENTS };
    const check = await checkRows(e.engine, req);
    assert.equal(check.rejectedTotal, badRows.length);
    assert.equal(check.rejected.length, REJECTED_SHOWN);
    assert.deepEqual(check.rejected.map((r) => r.row), badRows.slice(0, REJECTED_SHOWN));
    assert.equal(check.valid, n - badRows.length);

    const r = await importRows(e.engine, req);
    assert.equal(r.applied, n - badRows.length);
    assert.equal(r.quarantined, badRows.length);
    assert.deepEqual(await quarantined(e, r.sourceKey), badRows);
  });
});

test('fewer than 1,000 bad rows are listed whole', { timeout: 60_000 }, async () => {
  await withEngine(async (e, dir) => {
    const file = join(dir, 'payments.csv');
    const isBad = (row: number) => row % 10 === 0;
    paymentsCsv(file, 2_000, isBad);
    const check = await checkRows(e.engine, { path: file, entity: 'payment_items', mapping: PAYMENTS });
    assert.equal(check.rejectedTotal, 200);
    assert.equal(check.rejected.length, 200);
  });
});

test('a Windows-1252 file whose first non-ASCII byte lies far past the head is read as Windows-1252', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-rows-'));
  try {
    const file = join(dir, 'clients.csv');
    const rows = ['id,name'];
    for (let i = 0; i < 20_000; i++) rows.push(`C${i},Client ${i}`);
    rows.push('C-last,Müller');
    writeFileSync(file, Buffer.from(rows.join('\r\n') + '\r\n', 'latin1'));
    const t = await readTable(file);
    assert.equal(t.delimiter, ',');
    assert.equal(t.rows.length, 20_001);
    assert.equal(t.rows.at(-1)![1]!.text, 'Müller');
    assert.equal(t.rowNumbers.at(-1), 20_002);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing file, an empty file and a file of blank lines: clear errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-rows-'));
  try {
    await assert.rejects(readTable(join(dir, 'nope.csv')), (err: { code?: string }) => err.code === 'FILE_NOT_FOUND');
    writeFileSync(join(dir, 'empty.csv'), '');
    await assert.rejects(readTable(join(dir, 'empty.csv')), (err: { code?: string }) => err.code === 'NO_HEADER');
    writeFileSync(join(dir, 'blank.csv'), '\uFEFF\r\n  \r\n\r\n');
    await assert.rejects(readTable(join(dir, 'blank.csv')), (err: { code?: string }) => err.code === 'NO_HEADER');
    writeFileSync(join(dir, 'open-quote.csv'), 'id,name\nA,"never closed\nB,x\n');
    await assert.rejects(readTable(join(dir, 'open-quote.csv')), (err: { code?: string }) => err.code === 'BAD_CSV');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
