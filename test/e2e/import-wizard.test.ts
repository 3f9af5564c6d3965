/**
 * The Data screen's CSV / XLSX import wizard in Chromium against the real engine: an XLSX of
 * clients written with exceljs (data on the second sheet), then a CSV of payments as Excel writes
 * it in a decimal-comma locale (BOM, `;`, CRLF, a quoted newline, DD.MM.YYYY dates) with three bad
 * rows. Every rejected row is shown with its reason before anything is applied; after Apply the
 * engine holds the good rows (data:status, a client statement preview) and the rejects are in
 * quarantine; opening the same file again pre-fills the mapping saved for it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openApp, type AppHarness } from './harness';
import { CSV_GOOD, writeClientsXlsx, writeExcelCsv, XLSX_CLIENTS, type CsvFile } from './tabular-files';
import { goTo } from './ui';

function wizard(page: Page) {
  return page.getByRole('region', { name: 'Import a spreadsheet' });
}

/** Opens the wizard and the file: typed into the field (Enter), or through "Choose…" (shell:chooseFile; the browser asks for the path). */
async function openFile(page: Page, path: string, how: 'type' | 'choose' = 'type'): Promise<void> {
  const w = wizard(page);
  if (await w.getByRole('button', { name: 'Import a spreadsheet…' }).count()) await w.getByRole('button', { name: 'Import a spreadsheet…' }).click();
  const form = w.getByRole('form', { name: 'Choose the file' });
  if (how === 'choose') {
    page.once('dialog', (d) => void d.accept(path));
    await form.getByRole('button', { name: 'Choose…' }).click();
  } else {
    await form.getByLabel('File to import').fill(path);
    await form.getByLabel('File to import').press('Enter');
  }
  await w.getByRole('form', { name: 'What the file holds' }).waitFor();
}

describe('CSV / XLSX import wizard (Chromium, real engine)', () => {
  let h: AppHarness;
  let dir: string;
  let csv: CsvFile;
  let xlsx: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'folio-tabular-e2e-'));
    csv = writeExcelCsv(dir);
    xlsx = await writeClientsXlsx(dir);
    h = await openApp({ viewport: { width: 1440, height: 1000 } });
    await h.ready();
    await goTo(h.page, 'data');
  });
  after(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('XLSX: choose the sheet, columns matched by header name, every row applied', async () => {
    const { page, engine } = h;
    await openFile(page, xlsx, 'choose');
    const w = wizard(page);
    const source = w.getByRole('form', { name: 'What the file holds' });
    await source.getByLabel('The rows are').selectOption('parties');
    await source.getByLabel('Sheet').selectOption('Clients');
    const first = source.getByRole('table', { name: 'First rows of the file' });
    await first.getByRole('cell', { name: XLSX_CLIENTS[1].name }).waitFor();
    await h.screenshot('import-xlsx-source');
    await source.getByRole('button', { name: 'Next: columns' }).click();

    const columns = w.getByRole('form', { name: 'Map the columns' });
    assert.equal(await columns.getByLabel('Column for name (required)').inputValue(), 'Name');
    assert.equal(await columns.getByLabel('Column for type (required)').inputValue(), 'Type');
    assert.equal(await columns.getByLabel('Column for default_currency').inputValue(), 'Default currency');
    await h.screenshot('import-xlsx-columns');
    await columns.getByRole('button', { name: 'Next: formats' }).click();
    await w.getByRole('form', { name: 'Number and date formats' }).getByRole('button', { name: 'Check every row' }).click();

    const check = w.getByRole('group', { name: 'Check before applying' });
    await check.getByText('Every row can be imported').waitFor();
    assert.equal((await engine.call('data:status', {})).counts.parties ?? 0, 0, 'nothing is applied by the check');
    await check.getByRole('button', { name: `Apply ${XLSX_CLIENTS.length} rows` }).click();

    const result = w.getByRole('group', { name: 'Import result' });
    await result.waitFor();
    assert.equal(await result.getByTestId('result-applied').textContent(), String(XLSX_CLIENTS.length));
    assert.equal(await result.getByTestId('result-quarantined').textContent(), '0');
    const status = await engine.call('data:status', {});
    assert.equal(status.counts.parties, XLSX_CLIENTS.length);
    // the Data screen's counts follow
    await page.getByRole('table', { name: 'Records per entity' }).getByRole('row', { name: new RegExp(`Parties\\s+${XLSX_CLIENTS.length}\\b`) }).waitFor();
    await h.screenshot('import-xlsx-result');
    await result.getByRole('button', { name: 'Done' }).click();
  });

  test('Excel CSV (BOM, ;, CRLF, decimal comma, quoted newline): every rejected row shown with its reason before applying', async () => {
    const { page, engine } = h;
    await openFile(page, csv.path);
    const w = wizard(page);
    const source = w.getByRole('form', { name: 'What the file holds' });
    assert.equal(await source.getByLabel('Sheet').count(), 0, 'a CSV has no sheets');
    await source.getByLabel('The rows are').selectOption('payment_items');
    // the quoted newline and the ; inside it are one cell; the BOM is not part of the first header
    const first = source.getByRole('table', { name: 'First rows of the file' });
    await first.getByRole('columnheader', { name: 'Payment ID', exact: true }).waitFor();
    await first.getByRole('cell', { name: CSV_GOOD[1].description }).waitFor();
    await source.getByRole('button', { name: 'Next: columns' }).click();

    const columns = w.getByRole('form', { name: 'Map the columns' });
    assert.equal(await columns.getByLabel('Column for client_id (required)').inputValue(), 'Client ID');
    assert.equal(await columns.getByLabel('Column for posted_date (required)').inputValue(), 'Posted date');
    assert.equal(await columns.getByLabel('Column for net (required)').inputValue(), 'Net');
    // "Payment ID" is not "id" by name: the required field is marked and Next waits for it
    const idSelect = columns.getByLabel('Column for id (required)');
    assert.equal(await idSelect.inputValue(), '');
    assert.equal(await columns.getByRole('button', { name: 'Next: formats' }).isDisabled(), true);
    await h.screenshot('import-csv-columns-missing');
    await idSelect.selectOption('Payment ID');
    await columns.getByRole('button', { name: 'Next: formats' }).click();

    const formats = w.getByRole('form', { name: 'Number and date formats' });
    await formats.getByLabel('Numbers').selectOption({ label: '1.234,56 (decimal comma)' });
    await formats.getByLabel('Dates').selectOption({ label: '31.01.2026 (DD.MM.YYYY)' });
    await h.screenshot('import-csv-formats');
    await formats.getByRole('button', { name: 'Check every row' }).click();

    const check = w.getByRole('group', { name: 'Check before applying' });
    await check.getByText(`${csv.rejected.length} rows will not be imported`).waitFor();
    const rejected = check.getByRole('grid', { name: 'Rejected rows' });
    assert.equal(await rejected.getAttribute('aria-rowcount'), String(csv.rejected.length + 1), 'one header row and one row per rejected row');
    for (const r of csv.rejected) {
      const row = rejected.getByRole('row').filter({ hasText: r.id });
      await row.waitFor();
      const cells = (await row.getByRole('gridcell').allTextContents()).map((s) => s.trim());
      assert.equal(cells[0], String(r.row), `${r.id} is on row ${r.row}`);
      assert.match(cells[1] ?? '', r.reason, `${r.id}: ${cells[1]}`);
    }
    await h.screenshot('import-csv-check');
    // nothing applied yet
    assert.equal((await engine.call('data:status', {})).counts.payment_items ?? 0, 0);

    await check.getByRole('button', { name: `Apply ${CSV_GOOD.length} rows` }).click();
    const result = w.getByRole('group', { name: 'Import result' });
    await result.waitFor();
    assert.equal(await result.getByTestId('result-applied').textContent(), String(CSV_GOOD.length));
    assert.equal(await result.getByTestId('result-quarantined').textContent(), String(csv.rejected.length));
    await h.screenshot('import-csv-result');

    // through the engine: the counts, the quarantine, and the client's statement to the cent
    const status = await engine.call('data:status', {});
    assert.equal(status.counts.payment_items, CSV_GOOD.length);
    const q = await engine.call('data:quarantine', { offset: 0, limit: 100 });
    for (const r of csv.rejected) {
      const hit = q.rows.find((x) => x.raw.includes(`Payment ID: ${r.id}`));
      assert.ok(hit, `${r.id} is quarantined as the file's row`);
      assert.equal(hit.line, r.row);
      assert.match(hit.reason, r.reason);
    }
    const preview = await engine.call('statement:preview', { request: { type: 'client', filters: { clientId: 'XL-C2', dateFrom: '2026-01-01', dateTo: '2026-01-31' } }, offset: 0, limit: 100 });
    assert.equal(preview.model.lineCount, CSV_GOOD.length);
    assert.deepEqual(preview.model.totals.EUR, { gross: '251324.46', commission: '25132.45', net: '226192.01' });
    const descriptions = preview.model.groups.flatMap((g) => g.lines.map((l) => l.cells.description));
    assert.ok(descriptions.includes(CSV_GOOD[1].description), 'the quoted newline is kept inside the description');
    // the Data screen shows the quarantined rows with their reasons
    await page.getByRole('grid', { name: 'Quarantined lines' }).getByText(csv.rejected[0]!.id, { exact: false }).first().waitFor();
    await result.getByRole('button', { name: 'Done' }).click();
  });

  test('the same file again: the mapping and formats saved for it are filled in', async () => {
    const { page } = h;
    await openFile(page, csv.path);
    const w = wizard(page);
    const source = w.getByRole('form', { name: 'What the file holds' });
    // keyboard only: the step opens on its first control; choose the entity, Enter moves on
    const entity = source.getByLabel('The rows are');
    await entity.focus();
    await entity.selectOption('payment_items');
    await source.getByRole('button', { name: 'Next: columns' }).focus();
    await page.keyboard.press('Enter');
    const columns = w.getByRole('form', { name: 'Map the columns' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Column for id (required)', 'focus moves to the first mapping select');
    await columns.getByText('The mapping saved for this file was filled in', { exact: false }).waitFor();
    assert.equal(await columns.getByLabel('Column for id (required)').inputValue(), 'Payment ID');
    await h.screenshot('import-csv-saved-mapping');
    await columns.getByRole('button', { name: 'Next: formats' }).click();
    const formats = w.getByRole('form', { name: 'Number and date formats' });
    assert.equal(await formats.getByLabel('Numbers').evaluate((e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent), '1.234,56 (decimal comma)');
    assert.equal(await formats.getByLabel('Dates').evaluate((e) => (e as HTMLSelectElement).selectedOptions[0]?.textContent), '31.01.2026 (DD.MM.YYYY)');
    // applying the same rows again changes nothing
    await formats.getByRole('button', { name: 'Check every row' }).click();
    await w.getByRole('group', { name: 'Check before applying' }).getByRole('button', { name: /^Apply/ }).click();
    await w.getByRole('group', { name: 'Import result' }).waitFor();
    assert.equal((await h.engine.call('data:status', {})).counts.payment_items, CSV_GOOD.length);
    assert.deepEqual(h.pageErrors.filter((e) => !/Permissions-Policy/.test(e)), []);
  });
});
