import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cellOf, readTable, timesHundred } from './read';
import { converter, parseAmount, parseDate } from './convert';

test('amounts are read exactly in the chosen format, with signs, brackets and currency symbols', () => {
  assert.equal(parseAmount('1,234.56', 'point'), '1234.56');
  assert.equal(parseAmount('1.234,56', 'comma'), '1234.56');
  assert.equal(parseAmount('1 234,56', 'space'), '1234.56');
  assert.equal(parseAmount('1\u00a0234\u00a0567,5', 'space'), '1234567.5');
  assert.equal(parseAmount('(120.00)', 'point'), '-120.00');
  assert.equal(parseAmount('€ 1.234,56', 'comma'), '1234.56');
  assert.equal(parseAmount('1 234,56 kr', 'space'), '1234.56');
  assert.equal(parseAmount('USD -5', 'point'), '-5');
  assert.equal(parseAmount('5-', 'point'), '-5');
  assert.equal(parseAmount('12,5 %', 'comma'), '12.5');
  assert.equal(parseAmount('0,10', 'comma'), '0.10');
  assert.equal(parseAmount('-0.00', 'point'), '0.00');
  // 0.1 + 0.2 stays exact: no binary float on the way
  assert.equal(parseAmount('9007199254740993.01', 'point'), '9007199254740993.01');
  // a separator in the wrong place, or the other format's decimal mark, is not a number
  assert.equal(parseAmount('1,5', 'point'), null);
  assert.equal(parseAmount('1.234,56', 'point'), null);
  assert.equal(parseAmount('12.34.5', 'comma'), null);
  assert.equal(parseAmount('abc1', 'point'), null);
  assert.equal(parseAmount('', 'point'), null);
});

test('dates in the chosen format (ISO always understood), real calendar dates only', () => {
  assert.equal(parseDate('05.01.2026', 'DD.MM.YYYY'), '2026-01-05');
  assert.equal(parseDate('5/1/2026', 'DD/MM/YYYY'), '2026-01-05');
  assert.equal(parseDate('1/5/2026', 'MM/DD/YYYY'), '2026-01-05');
  assert.equal(parseDate('2026-01-05', 'DD.MM.YYYY'), '2026-01-05');
  assert.equal(parseDate('29.02.2024', 'DD.MM.YYYY'), '2024-02-29');
  assert.equal(parseDate('31.02.2026', 'DD.MM.YYYY'), null);
  assert.equal(parseDate('05/01/2026', 'DD.MM.YYYY'), null);
  assert.equal(parseDate('05.01.2026', 'YYYY-MM-DD'), null);
});

test('an Excel CSV (BOM, ;, CRLF, quoted newline) → records through the mapping; a bad amount rejects the row naming the field', async (t0) => {
  const dir = mkdtempSync(join(tmpdir(), 'folio-convert-'));
  t0.after(() => rmSync(dir, { recursive: true, force: true }));
  const csv = '\uFEFFID;Gross;Day;Note\r\nA;1.234,50;05.01.2026;"two\r\nlines; here"\r\nB;12x;06.01.2026;x\r\n';
  writeFileSync(join(dir, 'excel.csv'), csv);
  const t = { ...(await readTable(join(dir, 'excel.csv'))), modifiedAt: '2026-02-01T00:00:00.000Z' };
  assert.deepEqual(t.headers, ['ID', 'Gross', 'Day', 'Note']);
  assert.equal(t.delimiter, ';');
  assert.equal(t.rows.length, 2);
  const conv = converter(t, 'revenue_items', { columns: { id: 'ID', gross: 'Gross', date: 'Day', description: 'Note' }, numberFormat: 'comma', dateFormat: 'DD.MM.YYYY' });
  assert.deepEqual(conv.record(t.rows[0]!), { id: 'A', updated_at: '2026-02-01T00:00:00.000Z', gross: '1234.50', date: '2026-01-05', description: 'two\nlines; here' });
  assert.throws(() => conv.record(t.rows[1]!), /gross: "12x" is not a number written like 1\.234,56/);
  assert.throws(() => converter(t, 'revenue_items', { columns: { gross: 'Amount' }, numberFormat: 'comma', dateFormat: 'DD.MM.YYYY' }), /not a column of the file/);
});

test('XLSX cells: numbers as plain decimals, percentages as percent, dates as ISO, formulas by their result', () => {
  assert.deepEqual(cellOf(1234.56), { text: '1234.56', kind: 'number' });
  assert.deepEqual(cellOf(1e-7), { text: '0.0000001', kind: 'number' });
  assert.deepEqual(cellOf(0.125, '0.0%'), { text: '12.5', kind: 'number' });
  assert.equal(timesHundred('-3'), '-300');
  assert.equal(timesHundred('0.07'), '7');
  assert.deepEqual(cellOf(new Date(Date.UTC(2026, 0, 31))), { text: '2026-01-31', kind: 'date' });
  assert.deepEqual(cellOf(new Date(Date.UTC(2026, 0, 2, 9, 30))), { text: '2026-01-02T09:30:00.000Z', kind: 'date' });
  assert.deepEqual(cellOf({ formula: 'A1*2', result: 42 } as never), { text: '42', kind: 'number' });
  assert.deepEqual(cellOf({ richText: [{ text: 'Brauer ' }, { text: '& Söhne' }] } as never), { text: 'Brauer & Söhne', kind: 'text' });
});
