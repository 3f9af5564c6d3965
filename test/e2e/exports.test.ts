/**
 * Every grid's Export (CSV and Excel) clicked in Chromium against the real engine, the browser
 * download captured and read back: CSV with papaparse, XLSX with exceljs. The AR aging preview
 * (a column per aging bucket, totals per party and per currency), statement history, a batch
 * run's report and the quarantined lines: number cells are numbers equal to the engine's exact
 * amounts, dates are date cells, and the totals are the engine's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Locator } from 'playwright-core';
import type { StatementModel } from '../../shared/contract';
import { QUARANTINE_BUNDLE, importMain } from './fixtures';
import { openApp, type AppHarness } from './harness';
import { goTo } from './ui';

const AS_OF = '2026-02-01';

describe('grid exports (Chromium, real engine)', () => {
  let h: AppHarness;
  let n = 0;

  before(async () => {
    h = await openApp({
      viewport: { width: 1440, height: 900 },
      async before(engine) {
        await importMain(engine);
        await engine.call('data:import', { path: QUARANTINE_BUNDLE });
        await engine.call('statement:generate', { request: { type: 'client', filters: { clientId: 'C-JOHN', dateFrom: '2026-01-01', dateTo: '2026-01-31' } }, format: 'text' });
        await engine.call('statement:generate', { request: { type: 'client', filters: { clientId: 'C-MARIA', dateFrom: '2026-01-01', dateTo: '2026-01-31' } }, format: 'text' });
      },
    });
  });
  after(async () => {
    await h?.close();
  });

  /** Clicks an Export button, waits for the browser download and returns the saved file's bytes. */
  async function download(scope: Locator, what: string, format: 'CSV' | 'Excel'): Promise<{ name: string; bytes: Buffer }> {
    const [d] = await Promise.all([h.page.waitForEvent('download', { timeout: 60_000 }), scope.getByRole('button', { name: `Export ${what} to ${format}` }).click()]);
    const file = join(h.dataDir, `download-${++n}-${d.suggestedFilename()}`);
    await d.saveAs(file);
    await scope.getByRole('status').filter({ hasText: d.suggestedFilename() }).waitFor();
    return { name: d.suggestedFilename(), bytes: readFileSync(file) };
  }

  function csvRows(bytes: Buffer): string[][] {
    const text = bytes.toString('utf8');
    assert.ok(text.startsWith('\ufeff'), 'UTF-8 with a BOM');
    return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
  }

  async function xlsxRows(bytes: Buffer): Promise<ExcelJS.Cell[][]> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.views[0]?.state, 'frozen');
    const out: ExcelJS.Cell[][] = [];
    ws.eachRow((row) => out.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1))));
    return out;
  }

  const cents = (s: string) => BigInt(s.replace('.', ''));
  const numberCents = (c: ExcelJS.Cell) => {
    assert.equal(c.type, ExcelJS.ValueType.Number, `${c.address} is a number`);
    assert.equal(c.numFmt, '#,##0.00');
    return BigInt(Math.round((c.value as number) * 100));
  };

  test('AR aging preview: CSV and Excel hold every line, a column per bucket and the engine totals per party and currency', async () => {
    const { page } = h;
    await goTo(page, 'generate');
    await page.getByLabel('Statement type').selectOption({ label: 'AR Aging' });
    await page.getByLabel('As-of date').fill(AS_OF);
    await page.getByRole('complementary', { name: 'New statement' }).getByRole('button', { name: /^Preview\b/ }).click();
    const preview = page.getByRole('region', { name: 'Statement preview' });
    await preview.getByRole('grid', { name: 'Transactions' }).getByText('Oskar Nilsson').first().waitFor({ timeout: 30_000 });
    const model: StatementModel = (await h.engine.call('statement:preview', { request: { type: 'ar-aging', filters: { asOf: AS_OF } }, limit: 100000 })).model;
    const buckets = model.sections[0]!.columns.filter((c) => c.kind === 'money' && c.key !== 'total');

    const csv = await download(preview, 'statement preview', 'CSV');
    assert.equal(csv.name, `preview-ar-aging-all-parties-${AS_OF}.csv`);
    const rows = csvRows(csv.bytes);
    const header = rows[0]!;
    assert.deepEqual(header.slice(-buckets.length), buckets.map((b) => b.label));
    const lines = model.groups.flatMap((g) => g.lines.map((l) => ({ l, g })));
    for (const [i, { l, g }] of lines.entries()) {
      const row = rows[i + 1]!;
      assert.equal(row[header.indexOf('Party')], l.cells.party);
      assert.equal(row[header.indexOf('Currency')], g.currency);
      assert.equal(row[header.indexOf('Balance')], l.cells.balance);
      assert.equal(row[header.indexOf(String(l.cells.bucket))], l.cells.balance, 'the balance sits in its bucket column');
    }
    const byCurrency = rows.findIndex((r) => r[0] === 'Totals by currency');
    const totalsHeader = rows[byCurrency + 1]!;
    for (const [k, cur] of Object.keys(model.totals).entries()) {
      const row = rows[byCurrency + 2 + k]!;
      assert.equal(row[0], cur, 'one totals row per currency');
      assert.equal(row[totalsHeader.indexOf('Total')], model.totals[cur]!.total);
    }
    const byParty = rows.findIndex((r) => r[0] === 'Totals by party');
    assert.equal(byCurrency - byParty - 2, model.groups.length, 'a totals row per party and currency');
    assert.ok(rows.some((r) => r[0] === 'María José García') || rows.flat().some((c) => c.includes('Nilsson')), 'names survive');

    const xlsx = await download(preview, 'statement preview', 'Excel');
    assert.equal(xlsx.name, `preview-ar-aging-all-parties-${AS_OF}.xlsx`);
    const cells = await xlsxRows(xlsx.bytes);
    const xh = cells[0]!.map((c) => c.value);
    for (const [i, { l }] of lines.entries()) {
      const row = cells[i + 1]!;
      assert.equal(numberCents(row[xh.indexOf('Balance')]!), cents(String(l.cells.balance)));
      assert.equal(numberCents(row[xh.indexOf(String(l.cells.bucket))]!), cents(String(l.cells.balance)));
      const due = row[xh.indexOf('Due')]!;
      assert.equal(due.type, ExcelJS.ValueType.Date);
      assert.equal((due.value as Date).toISOString().slice(0, 10), l.cells.dueDate);
    }
    const xc = cells.findIndex((r) => r[0]!.value === 'Totals by currency');
    const xth = cells[xc + 1]!.map((c) => c.value);
    for (const [k, [cur, t]] of Object.entries(model.totals).entries()) {
      const row = cells[xc + 2 + k]!;
      assert.equal(row[0]!.value, cur);
      assert.ok(row[0]!.font?.bold, 'the totals are bold');
      for (const b of [...buckets.map((x) => x.label), 'Total']) {
        const key = b === 'Total' ? 'total' : buckets.find((x) => x.label === b)!.key;
        assert.equal(numberCents(row[xth.indexOf(b)]!), cents(t[key]!), `${cur} ${b}`);
      }
    }
    await h.screenshot('export-preview');
  });

  test('statement history: the filtered list, with dates and sizes as numbers', async () => {
    const { page } = h;
    await goTo(page, 'history');
    const list = await h.engine.call('history:list', {});
    assert.equal(list.total, 2);
    const panel = page.locator('section.panel').filter({ has: page.getByRole('grid', { name: 'Statement history' }) });
    await panel.getByRole('grid', { name: 'Statement history' }).getByText(list.rows[0]!.statementRef).waitFor();
    const csv = csvRows((await download(panel, 'statement history', 'CSV')).bytes);
    assert.equal(csv[0]![0], 'Statement Ref');
    assert.deepEqual(csv.slice(1, 3).map((r) => r[0]), list.rows.map((r) => r.statementRef));
    const cells = await xlsxRows((await download(panel, 'statement history', 'Excel')).bytes);
    const xh = cells[0]!.map((c) => c.value);
    for (const [i, rec] of list.rows.entries()) {
      const row = cells[i + 1]!;
      assert.equal(row[xh.indexOf('Client')]!.value, rec.clientName);
      assert.equal(row[xh.indexOf('Date From')]!.type, ExcelJS.ValueType.Date);
      assert.equal((row[xh.indexOf('Date From')]!.value as Date).toISOString().slice(0, 10), rec.dateFrom);
      assert.equal(row[xh.indexOf('File Size (bytes)')]!.value, rec.fileSizeBytes);
    }
    const all = cells.find((r) => r[0]!.value === 'All')!;
    assert.equal(all[1]!.value, 2);
  });

  test('a batch run: its items (one row per finding) and its counts', async () => {
    const { page } = h;
    const started = await h.engine.call('batch:start', { kind: 'billing', period: '2026-01', format: 'text' });
    await goTo(page, 'batch');
    await page.getByRole('grid', { name: 'Batch runs' }).getByText('Contract billing statements').first().click();
    const run = page.getByRole('region', { name: 'Batch run' });
    await run.getByTestId('run-status').getByText(/^(COMPLETED|FAILED)$/).waitFor({ timeout: 120_000 });
    const detail = await h.engine.call('batch:get', { id: started.id });
    const csv = csvRows((await download(run, 'batch run report', 'CSV')).bytes);
    assert.equal(csv[0]!.join(','), 'run_id,status,action,subject_id,subject_name,subject_key,statement_ref,severity,code,message');
    for (const item of detail.items) assert.ok(csv.some((r) => r[5] === item.subject && r[1] === item.status), item.subject);
    const cells = await xlsxRows((await download(run, 'batch run report', 'Excel')).bytes);
    const count = (label: string) => cells.find((r) => r[0]!.value === label)![1]!;
    assert.equal(count('Planned').type, ExcelJS.ValueType.Number);
    assert.equal(count('Planned').value, detail.run.counts.planned);
    assert.equal(count('Failed').value, detail.run.counts.failed);
    await h.screenshot('export-batch');
  });

  test('quarantined lines: every row with its reason', async () => {
    const { page } = h;
    await goTo(page, 'data');
    const panel = page.getByRole('region', { name: 'Quarantined lines' });
    const q = await h.engine.call('data:quarantine', {});
    assert.equal(q.total, 3);
    const csv = csvRows((await download(panel, 'quarantined lines', 'CSV')).bytes);
    assert.deepEqual(csv.slice(1, 4).map((r) => r[3]), q.rows.map((r) => r.reason));
    const cells = await xlsxRows((await download(panel, 'quarantined lines', 'Excel')).bytes);
    for (const [i, r] of q.rows.entries()) {
      assert.equal(cells[i + 1]![2]!.value, r.line);
      assert.equal(cells[i + 1]![2]!.type, ExcelJS.ValueType.Number);
      assert.equal(cells[i + 1]![6]!.type, ExcelJS.ValueType.Date);
    }
    await h.screenshot('export-quarantine');
  });
});
