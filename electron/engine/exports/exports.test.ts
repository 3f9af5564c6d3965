/**
 * Every grid exported through the engine's commands and read back: CSV with papaparse, XLSX with
 * exceljs. Money cells are numbers equal to the engine's exact amounts with their currency's
 * digits, dates are date cells, the totals are the engine's totals, one row per currency (never
 * added across currencies), formula-looking text is defused (CSV) or plain text (XLSX), non-Latin
 * names survive, files given a path are written there, and every export is audited.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { ExportResult, StatementModel, StatementRequest } from '../../../shared/contract';
import { minorDigits, parseMoney } from '../../../shared/money';
import { tempDir, testEngine, withRenderer, type TestEngine } from '../../../test/helpers/engine';
import { sampleRecords, writeFixtureBundle } from '../cache/test-support';

import { batchRunner } from '../batch/runner';

const EVIL = '=HYPERLINK("http://evil.example","click")';
const AT = '2026-01-15T10:00:00Z';

/** The sample data plus open items in EUR, JPY (0 digits) and KWD (3 digits), some named like formulas. */
function bundle(dir: string): string {
  const r = sampleRecords(AT);
  const u = { updated_at: AT };
  r.parties!.push({ id: 'c2', ...u, name: '山田太郎 Σοφία', type: 'CLIENT', country: 'JP', default_currency: 'EUR' });
  const item = (id: string, party: string, target: string, currency: string, amount: string, due: string, description: string) => ({
    id,
    ...u,
    party_id: party,
    target_type: target,
    description,
    issue_date: '2025-10-01',
    due_date: due,
    currency,
    quantity: '1',
    unit_price: amount,
    amount,
  });
  r.billing_items!.push(
    item('bi2', 'b1', 'BUYER', 'EUR', '1234.56', '2026-01-10', EVIL),
    item('bi3', 'c2', 'CLIENT', 'KWD', '12.345', '2025-11-01', 'Σύμβαση -1+2'),
    item('bi4', 'c2', 'CLIENT', 'EUR', '0.10', '2026-04-01', '@SUM(A1)'),
    item('bi5', 'b1', 'BUYER', 'EUR', '100.20', '2025-12-01', 'Late fee'),
  );
  r.payment_items!.push({ id: 'pi2', ...u, client_id: 'c1', deal_id: 'd1', posted_date: '2026-01-14', description: EVIL, reference: 'R-2', currency: 'USD', gross: '0.30', commission: '0.10', net: '0.20' });
  const files: Record<string, Array<Record<string, unknown> | string>> = { ...r };
  files.billing_items = [...r.billing_items!, '{"id":"bad1","updated_at":"2026-01-15T10:00:00Z","currency":"EUR"}', 'not json at all'];
  return writeFixtureBundle(dir, { exportedAt: '2026-01-16T00:00:00Z', kind: 'full', files });
}

async function readXlsx(r: ExportResult): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(r.base64!, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

function readCsv(r: ExportResult): string[][] {
  const text = Buffer.from(r.base64!, 'base64').toString('utf8');
  assert.ok(text.startsWith('\ufeff'), 'UTF-8 with a BOM');
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: false });
  return parsed.data.filter((row) => !(row.length === 1 && row[0] === ''));
}

/** Rows of a sheet as cell arrays (1-based columns dropped to 0-based). */
function sheetRows(ws: ExcelJS.Worksheet): ExcelJS.Cell[][] {
  const out: ExcelJS.Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: ExcelJS.Cell[] = [];
    for (let i = 1; i <= Math.max(row.cellCount, ws.columnCount); i++) cells.push(row.getCell(i));
    out.push(cells);
  });
  return out;
}

function rowIndex(rows: ExcelJS.Cell[][], text: string): number {
  const i = rows.findIndex((r) => r[0]?.value === text);
  assert.ok(i >= 0, `a row starts with ${text}`);
  return i;
}

/** The exact minor units of a number cell in a currency (the cell must be a number). */
function minorOf(cell: ExcelJS.Cell, currency: string): number {
  assert.equal(cell.type, ExcelJS.ValueType.Number, `${cell.address} is a number cell`);
  const digits = minorDigits(currency);
  assert.equal(cell.numFmt, digits ? `#,##0.${'0'.repeat(digits)}` : '#,##0', `${cell.address} shows ${digits} digits of ${currency}`);
  const minor = Math.round((cell.value as number) * 10 ** digits);
  // the number is the nearest double to the exact decimal: printing it gives the decimal back
  assert.equal(parseMoney((cell.value as number).toFixed(digits), currency), minor);
  return minor;
}

describe('grid exports (engine)', () => {
  let t: TestEngine;
  let model: StatementModel;
  const arRequest: StatementRequest = { type: 'ar-aging', filters: { asOf: '2026-03-15' } };

  before(async () => {
    t = testEngine(withRenderer({ now: () => new Date('2026-03-15T12:00:00Z') }));
    const res = await t.engine.call('data:import', { path: bundle(join(t.dataDir, 'in', 'b1')) });
    assert.equal(res.quarantined, 2, JSON.stringify(res.bundles[0]?.warnings));
    model = (await t.engine.call('statement:preview', { request: arRequest, limit: 100000 })).model;
  });
  after(async () => {
    await t.close();
  });

  it('AR aging to XLSX: a column per bucket, number cells with the currency digits, totals per party and per currency equal to the engine', async () => {
    const r = await t.engine.call('export:statement', { request: arRequest, format: 'xlsx' });
    assert.equal(r.rows, model.lineCount);
    assert.match(r.fileName, /^preview-ar-aging-all-parties-2026-03-15\.xlsx$/);
    const ws = await readXlsx(r);
    assert.equal(ws.views[0]?.state, 'frozen', 'header row frozen');
    const rows = sheetRows(ws);
    const header = rows[0]!.map((c) => c.value);
    const buckets = model.sections[0]!.columns.filter((c) => c.kind === 'money' && c.key !== 'total').map((c) => c.label);
    assert.deepEqual(header.slice(-buckets.length), buckets, 'one column per configured bucket');
    assert.ok(rows[0]!.every((c) => c.font?.bold), 'bold header');
    const col = (label: string) => header.indexOf(label);
    // every line: its balance in exactly its bucket's column, dates as date cells
    const lines = model.groups.flatMap((g) => g.lines.map((l) => ({ l, currency: g.currency })));
    for (const [i, { l, currency }] of lines.entries()) {
      const row = rows[i + 1]!;
      assert.equal(row[col('Currency')]!.value, currency);
      assert.equal(row[col('Description')]!.value, l.cells.description, 'text as plain text (no formula)');
      assert.equal(row[col('Description')]!.type, ExcelJS.ValueType.String);
      assert.equal(minorOf(row[col('Balance')]!, currency), parseMoney(l.cells.balance, currency));
      const due = row[col('Due')]!;
      assert.equal(due.type, ExcelJS.ValueType.Date);
      assert.equal((due.value as Date).toISOString().slice(0, 10), l.cells.dueDate);
      assert.equal(row[col('Age')]!.value, l.cells.age);
      for (const b of buckets) {
        const cell = row[col(b)]!;
        if (b === l.cells.bucket) assert.equal(minorOf(cell, currency), parseMoney(l.cells.balance, currency));
        else assert.equal(cell.value, null, `${b} is empty for a line in ${String(l.cells.bucket)}`);
      }
    }
    assert.ok(rows.some((r) => r.some((c) => c.value === EVIL && c.type === ExcelJS.ValueType.String)), 'a formula-like description is text');
    assert.ok(rows.some((r) => r.some((c) => c.value === '山田太郎 Σοφία')), 'non-Latin names survive');
    // totals by currency: one row each, equal to the engine's totals, bold
    const byCurrency = rowIndex(rows, 'Totals by currency');
    const thead = rows[byCurrency + 1]!.map((c) => c.value);
    const currencies = Object.keys(model.totals);
    assert.deepEqual(rows.slice(byCurrency + 2, byCurrency + 2 + currencies.length).map((r) => r[0]!.value), currencies);
    for (const [k, cur] of currencies.entries()) {
      const row = rows[byCurrency + 2 + k]!;
      assert.ok(row[1]!.font?.bold, 'totals are bold');
      for (const [key, value] of Object.entries(model.totals[cur]!)) {
        const label = key === 'total' ? 'Total' : model.sections[0]!.columns.find((c) => c.key === key)!.label;
        assert.equal(minorOf(row[thead.indexOf(label)]!, cur), parseMoney(value, cur), `${cur} ${key}`);
      }
    }
    assert.ok(currencies.includes('JPY') && currencies.includes('KWD') && currencies.includes('EUR'));
    // by party: each party and currency its own row
    const byParty = rowIndex(rows, 'Totals by party');
    const prow = rows.slice(byParty + 2, byCurrency).filter((r) => r.length > 1);
    assert.equal(prow.length, model.groups.length);
    for (const g of model.groups) {
      const row = prow.find((r) => r[1]!.value === g.currency && r[0]!.value === g.title.replace(` (${g.currency})`, ''))!;
      assert.ok(row, `a totals row for ${g.title}`);
      const total = rows[byParty + 1]!.findIndex((c) => c.value === 'Total');
      assert.equal(minorOf(row[total]!, g.currency), parseMoney(g.totals.total!, g.currency));
    }
  });

  it('AR aging to CSV: plain decimals, formulas defused, totals per currency never summed together', async () => {
    const r = await t.engine.call('export:statement', { request: arRequest, format: 'csv' });
    const rows = readCsv(r);
    const header = rows[0]!;
    const lines = model.groups.flatMap((g) => g.lines.map((l) => ({ l, currency: g.currency })));
    for (const [i, { l, currency }] of lines.entries()) {
      const row = rows[i + 1]!;
      const digits = minorDigits(currency);
      assert.equal(row[header.indexOf('Balance')], l.cells.balance);
      assert.match(row[header.indexOf('Balance')]!, digits ? new RegExp(`^-?\\d+\\.\\d{${digits}}$`) : /^-?\d+$/);
      assert.equal(row[header.indexOf('Due')], l.cells.dueDate);
    }
    const descriptions = rows.map((r) => r[header.indexOf('Description')]);
    assert.ok(descriptions.includes(`'${EVIL}`), 'the formula starts with an apostrophe');
    assert.ok(descriptions.includes("'@SUM(A1)"));
    assert.ok(descriptions.includes('Σύμβαση -1+2'), 'only a leading = + - @ is defused');
    assert.ok(!rows.flat().some((c) => /^[=@]/.test(c)), 'no cell starts a formula');
    const at = rows.findIndex((row) => row[0] === 'Totals by currency');
    const totals = rows.slice(at + 2);
    assert.deepEqual(totals.map((row) => row[0]), Object.keys(model.totals), 'one totals row per currency, nothing across them');
    for (const row of totals) assert.equal(row.at(-1), model.totals[row[0]!]!.total);
  });

  it('a client statement: every line, money per currency, the totals keys of the statement', async () => {
    const request: StatementRequest = { type: 'client', filters: { clientId: 'c1', dateFrom: '2026-01-01', dateTo: '2026-01-31' } };
    const m = (await t.engine.call('statement:preview', { request })).model;
    const r = await t.engine.call('export:statement', { request, format: 'xlsx' });
    const rows = sheetRows(await readXlsx(r));
    assert.equal(r.rows, m.lineCount);
    const header = rows[0]!.map((c) => c.value);
    assert.deepEqual(header.slice(-3), ['Gross', 'Commission', 'Net']);
    const lines = m.groups.flatMap((g) => g.lines.map((l) => ({ l, currency: g.currency })));
    lines.forEach(({ l, currency }, i) => assert.equal(minorOf(rows[i + 1]![header.indexOf('Net')]!, currency), parseMoney(l.cells.net, currency)));
    assert.ok(rows.some((row) => row[header.indexOf('Description')]?.value === EVIL));
    const at = rowIndex(rows, 'Totals');
    for (const [k, [cur, t]] of Object.entries(m.totals).entries()) {
      const row = rows[at + 2 + k]!;
      assert.equal(row[0]!.value, cur);
      assert.equal(minorOf(row[rows[at + 1]!.findIndex((c) => c.value === 'Net')]!, cur), parseMoney(t.net!, cur));
    }
  });

  it('quarantine: every row, with its reason, and counts per file; written durably to a chosen path', async () => {
    const path = join(tempDir('folio-export-'), 'sub', 'quarantine.csv');
    const r = await t.engine.call('export:grid', { grid: 'quarantine', format: 'csv', path });
    assert.equal(r.path, path);
    assert.equal(r.base64, null);
    const text = readFileSync(path, 'utf8');
    assert.equal(Buffer.byteLength(text), r.sizeBytes);
    const rows = Papa.parse<string[]>(text.replace(/^\ufeff/, '')).data;
    assert.deepEqual(rows[0], ['Id', 'File', 'Line', 'Reason', 'Content', 'Bundle', 'Quarantined (UTC)']);
    const q = await t.engine.call('data:quarantine', {});
    assert.equal(r.rows, q.total);
    for (const [i, qr] of q.rows.entries()) {
      assert.equal(rows[i + 1]![3], qr.reason);
      assert.equal(rows[i + 1]![4], qr.raw);
      assert.match(rows[i + 1]![6]!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    }
    const xlsx = await t.engine.call('export:grid', { grid: 'quarantine', format: 'xlsx' });
    const sheet = sheetRows(await readXlsx(xlsx));
    assert.equal(sheet[1]![0]!.type, ExcelJS.ValueType.Number);
    assert.equal(sheet[1]![6]!.type, ExcelJS.ValueType.Date);
    assert.equal((sheet[1]![6]!.value as Date).toISOString().slice(0, 19), q.rows[0]!.at.slice(0, 19));
    const all = sheet[rowIndex(sheet, 'All')]!;
    assert.equal(all[1]!.value, q.total);
  });

  it('history (the filtered list) and a batch run (its items and counts), audited as export', async () => {
    const runner = await t.engine.use(batchRunner);
    const run = await runner.wait((await t.engine.call('batch:start', { kind: 'client', dateFrom: '2026-01-01', dateTo: '2026-01-31' })).id);
    assert.ok(run.counts.completed >= 1, JSON.stringify(run.counts));
    const list = await t.engine.call('history:list', { type: 'client' });
    const h = await t.engine.call('export:grid', { grid: 'history', filters: { type: 'client' }, format: 'xlsx' });
    assert.equal(h.rows, list.total);
    const hrows = sheetRows(await readXlsx(h));
    const hh = hrows[0]!.map((c) => c.value);
    for (const [i, rec] of list.rows.entries()) {
      const row = hrows[i + 1]!;
      assert.equal(row[0]!.value, rec.statementRef);
      assert.equal(row[hh.indexOf('Client')]!.value, rec.clientName);
      assert.equal(row[hh.indexOf('Date From')]!.type, ExcelJS.ValueType.Date);
      assert.equal((row[hh.indexOf('Generated (UTC)')]!.value as Date).toISOString(), new Date(rec.generatedDt).toISOString());
      assert.equal(row[hh.indexOf('File Size (bytes)')]!.value, rec.fileSizeBytes);
    }
    assert.equal(hrows[rowIndex(hrows, 'All')]![1]!.value, list.total);
    const none = await t.engine.call('export:grid', { grid: 'history', filters: { type: 'invoice' }, format: 'csv' });
    assert.equal(none.rows, 0);

    const b = await t.engine.call('export:grid', { grid: 'batch', id: run.id, format: 'csv' });
    const brows = readCsv(b);
    assert.equal(brows[0]!.join(','), 'run_id,status,action,subject_id,subject_name,subject_key,statement_ref,severity,code,message');
    const detail = await t.engine.call('batch:get', { id: run.id });
    for (const item of detail.items) assert.ok(brows.some((row) => row[3] === item.subjectId && row[1] === item.status && row[4] === item.subjectName), item.subject);
    const counts = brows.slice(brows.findIndex((row) => row[0] === 'Totals') + 2);
    assert.deepEqual(counts.map((row) => row[0]), ['Planned', 'Completed', 'With warnings', 'Failed', 'Skipped (already made)']);
    assert.equal(counts[1]![1], String(run.counts.completed));
    const bx = sheetRows(await readXlsx(await t.engine.call('export:grid', { grid: 'batch', id: run.id, format: 'xlsx' })));
    assert.equal(bx[rowIndex(bx, 'Planned')]![1]!.value, run.counts.planned);

    const audit = await t.engine.call('audit:list', { limit: 10000 });
    const exports = audit.rows.filter((e) => e.action === 'export');
    assert.ok(exports.some((e) => e.details.grid === 'batch' && e.details.runId === run.id && e.details.format === 'csv'));
    assert.ok(exports.some((e) => e.details.grid === 'history' && e.details.rows === list.total && e.details.format === 'xlsx'));
    assert.ok(exports.some((e) => e.details.grid === 'preview' && e.details.type === 'ar-aging' && e.details.rows === model.lineCount));
  });

  it('bad input names the field and writes nothing', async () => {
    await assert.rejects(t.engine.call('export:grid', { grid: 'batch', id: 'B-NOPE', format: 'csv' }), (e: { type: string }) => e.type === 'not_found');
    await assert.rejects(t.engine.call('export:grid', { grid: 'quarantine', format: 'pdf' as never }), (e: { field?: string }) => e.field === 'format');
    await assert.rejects(t.engine.call('export:statement', { request: { type: 'client', filters: { clientId: 'nobody', dateFrom: '2026-01-01', dateTo: '2026-01-31' } }, format: 'csv' }), (e: { field?: string }) => e.field === 'clientId');
  });
});
