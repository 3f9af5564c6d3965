/**
 * CSV writer (papaparse `unparse`): RFC 4180, CRLF, UTF-8 with a BOM so that Excel reads non-Latin
 * names right. Cells are plain values a spreadsheet reads as numbers and dates: money as an exact
 * decimal with a dot ("-1234.50", no thousands separator), dates as YYYY-MM-DD, times as
 * "YYYY-MM-DD HH:MM:SS" (UTC). Text that a spreadsheet would run as a formula (= + - @ tab CR
 * at the start, other than a plain signed number) is defused with a leading apostrophe.
 * The totals blocks follow the rows, each after an empty line and its title.
 */
import Papa from 'papaparse';
import { formatMoney, parseMoney } from '../../../shared/money';
import { FolioError } from '../../../shared/errors';
import { currencyOf, type CellValue, type ExportColumn, type ExportTable, type Row } from './table';

/** = @ tab CR always; + or - unless the whole cell is a plain number */
export const FORMULA_START = /^(?:[=@\t\r]|[+-](?!\d+(?:\.\d+)?$))/;

export const BOM = '\ufeff';

export function csvText(value: CellValue, column: ExportColumn, row: Row): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.kind) {
    case 'money': {
      const code = currencyOf(column, row);
      if (!code) throw new FolioError('internal', 'EXPORT_NO_CURRENCY', `The ${column.label} cell has no currency`);
      // through minor units: a valid amount of its currency, written with all its minor digits
      return formatMoney(parseMoney(String(value), code), code);
    }
    case 'instant':
      return String(value).replace('T', ' ').replace(/(\.\d+)?Z$/, '');
    default:
      return String(value);
  }
}

function block(columns: ExportColumn[], rows: Iterable<Row>): string[][] {
  const out: string[][] = [columns.map((c) => c.label)];
  for (const r of rows) out.push(columns.map((c) => csvText(r[c.key], c, r)));
  return out;
}

/** The table as CSV text (BOM, header, rows, then each totals block), every line ending in CRLF. */
export function writeCsv(table: ExportTable): string {
  const data = block(table.columns, table.rows);
  for (const t of table.totals) {
    data.push([], [t.title], ...block(t.columns, t.rows));
  }
  return `${BOM}${Papa.unparse(data, { newline: '\r\n', escapeFormulae: FORMULA_START })}\r\n`;
}
