import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../../test/helpers/engine';
import { CSV_GOOD, writeClientsXlsx, writeExcelCsv, XLSX_CLIENTS } from '../../../test/e2e/tabular-files';

test('folio import FILE.csv|xlsx --entity: mapped by header name, by --mapping, then by the saved mapping; rejected rows printed; bad usage exits 2', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-cli-tabular-'));
  try {
    const data = join(dir, 'data');
    const xlsx = await writeClientsXlsx(dir);
    const csv = writeExcelCsv(dir);
    const clients = await runCli(['--data-dir', data, '--json', 'import', xlsx, '--entity', 'parties', '--sheet', 'Clients']);
    assert.equal(clients.code, 0, clients.stderr);
    assert.equal(clients.json<{ applied: number }>().applied, XLSX_CLIENTS.length);

    // "Payment ID" is not "id" by name: without a mapping the required field has no column
    const unmapped = await runCli(['--data-dir', data, 'import', csv.path, '--entity', 'payment_items', '--numbers', 'comma', '--dates', 'DD.MM.YYYY']);
    assert.equal(unmapped.code, 2);
    assert.match(unmapped.stderr, /--mapping: no column for the required field id of payment_items/);

    const mappingFile = join(dir, 'payments-mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ columns: { id: 'Payment ID', client_id: 'Client ID', posted_date: 'Posted date', description: 'Description', reference: 'Reference', currency: 'Currency', gross: 'Gross', commission: 'Commission', net: 'Net' }, numberFormat: 'comma', dateFormat: 'DD.MM.YYYY' }));
    const text = await runCli(['--data-dir', data, 'import', csv.path, '--entity', 'payment_items', '--mapping', mappingFile]);
    assert.equal(text.code, 0, text.stderr);
    for (const r of csv.rejected) assert.match(text.stdout, new RegExp(`row ${r.row}: .*${r.reason.source}`, 'i'));
    assert.match(text.stdout, new RegExp(`total: ${CSV_GOOD.length} applied, 0 skipped, ${csv.rejected.length} quarantined`));

    // the mapping was saved for these columns: the same file again needs none, and is skipped whole
    const again = await runCli(['--data-dir', data, '--json', 'import', csv.path, '--entity', 'payment_items']);
    assert.equal(again.code, 0, again.stderr);
    const r = again.json<{ status: string; mapping: { columns: Record<string, string>; numberFormat: string } }>();
    assert.equal(r.status, 'skipped');
    assert.equal(r.mapping.columns.id, 'Payment ID');
    assert.equal(r.mapping.numberFormat, 'comma');

    const noEntity = await runCli(['--data-dir', data, 'import', csv.path]);
    assert.equal(noEntity.code, 2);
    assert.match(noEntity.stderr, /--entity: is required for a CSV or XLSX file/);
    const badNumbers = await runCli(['--data-dir', data, 'import', csv.path, '--entity', 'payment_items', '--numbers', 'euro']);
    assert.equal(badNumbers.code, 2);
    assert.match(badNumbers.stderr, /--numbers: must be one of point, comma, space/);
    const missing = await runCli(['--data-dir', data, 'import', join(dir, 'nope.csv'), '--entity', 'parties']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /There is no file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
