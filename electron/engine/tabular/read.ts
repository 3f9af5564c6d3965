/**
 * Reading a CSV or XLSX file as a table of cells, one row at a time: a CSV is streamed (csv.ts:
 * separator found from the head of the file, quoted newlines, BOM removed; UTF-8, else
 * Windows-1252 as older Excel writes it), so its size is not capped; an XLSX workbook is read
 * whole by exceljs (the sheet asked, else the first with data), up to 512 MiB. A cell keeps what kind it was: an XLSX
 * number or date cell is already a value and is not read again with the chosen number or date
 * format.
 */
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { FolioError } from '../../../shared/errors';
import { delimiterOf, encodingOf, parseCsv } from './csv';

export interface Cell {
  text: string;
  /** 'number': text is a plain decimal ("-1234.5"); 'date': text is YYYY-MM-DD or an ISO instant */
  kind: 'text' | 'number' | 'date';
}

/** What a file is before its rows are read: enough to map its columns and convert its rows. */
export interface TableHead {
  format: 'csv' | 'xlsx';
  sheets: string[];
  sheet: string | null;
  delimiter: string | null;
  headers: string[];
  /** the file's modification time: the default `updated_at` of its records */
  modifiedAt: string;
}

/** A file opened for reading its data rows (the header row left out), one at a time. */
export interface TableSource extends TableHead {
  /**
   * Calls `fn(cells, row)` for every data row in file order, `row` being its number in the file
   * (header = 1); `fn` returning false stops. Resolves with the number of rows given to `fn`.
   */
  eachRow(fn: (cells: Cell[], row: number) => boolean | void): Promise<number>;
}

/** A whole table in memory (tests, small files): the head and every data row. */
export interface Table extends TableHead {
  rows: Cell[][];
  rowNumbers: number[];
}

/** An XLSX workbook is read whole by exceljs: it stays capped. A CSV is streamed: no cap. */
const MAX_XLSX_BYTES = 512 * 1024 * 1024;

export function formatOf(path: string): 'csv' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new FolioError('validation', 'UNSUPPORTED_FILE', `${ext || 'A file without an extension'} is not a file Folio imports: choose a .csv or .xlsx file (save .xls workbooks as .xlsx first)`, 'path');
}

function statOf(path: string): { mtime: Date; size: number } {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new FolioError('validation', 'NOT_A_FILE', `${path} is not a file`, 'path');
    return st;
  } catch (err) {
    if (err instanceof FolioError) throw err;
    throw new FolioError('not_found', 'FILE_NOT_FOUND', `There is no file ${path}`, 'path');
  }
}

function noHeader(): FolioError {
  return new FolioError('validation', 'NO_HEADER', 'The file has no header row (the first row names the columns)', 'path');
}

/** Opens a CSV or XLSX file: the head read now (a CSV's first row only), the rows on `eachRow`. */
export async function openTable(path: string, sheet?: string): Promise<TableSource> {
  const format = formatOf(path);
  const st = statOf(path);
  const modifiedAt = st.mtime.toISOString();
  if (format === 'csv') return openCsv(path, modifiedAt);
  if (st.size > MAX_XLSX_BYTES) throw new FolioError('validation', 'FILE_TOO_LARGE', `${path} is larger than ${MAX_XLSX_BYTES / 1024 / 1024} MiB; save it as CSV to import it`, 'path');
  const t = await readXlsx(path, sheet);
  return {
    format: t.format,
    sheets: t.sheets,
    sheet: t.sheet,
    delimiter: null,
    headers: t.headers,
    modifiedAt,
    eachRow(fn) {
      let n = 0;
      for (let i = 0; i < t.rows.length; i++) {
        n++;
        if (fn(t.rows[i]!, t.rowNumbers[i]!) === false) break;
      }
      return Promise.resolve(n);
    },
  };
}

async function openCsv(path: string, modifiedAt: string): Promise<TableSource> {
  const opts = { encoding: encodingOf(path), delimiter: '' };
  opts.delimiter = delimiterOf(path, opts.encoding);
  let headers: string[] | null = null;
  await parseCsv(path, opts, (fields) => {
    headers = fields.map((h) => h.trim());
    return false;
  });
  if (!headers) throw noHeader();
  return {
    format: 'csv',
    sheets: [],
    sheet: null,
    delimiter: opts.delimiter,
    headers,
    modifiedAt,
    async eachRow(fn) {
      let n = 0;
      let stopped = false;
      await parseCsv(path, opts, (fields, row) => {
        if (row === 1 || stopped) return !stopped;
        n++;
        const cells = new Array<Cell>(fields.length);
        for (let i = 0; i < fields.length; i++) cells[i] = { text: fields[i]!, kind: 'text' };
        if (fn(cells, row) === false) stopped = true;
        return !stopped;
      });
      return n;
    },
  };
}

/** The whole table in memory: for tests and small files only (a CSV is otherwise streamed). */
export async function readTable(path: string, sheet?: string): Promise<Table> {
  const src = await openTable(path, sheet);
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  await src.eachRow((cells, row) => {
    rows.push(cells);
    rowNumbers.push(row);
  });
  return { ...headOf(src), rows, rowNumbers };
}

/** A source's head, without its row reader. */
export function headOf(src: TableSource): TableHead {
  const { eachRow: _eachRow, ...head } = src;
  return head;
}

/** Counts a file's data rows by streaming it (the header row not counted). */
export async function countRows(src: TableSource): Promise<number> {
  return src.eachRow(() => undefined);
}

function splitHeader(all: string[][]): { headers: string[]; body: string[][] } {
  const [first, ...body] = all;
  if (!first || first.every((h) => h.trim() === '')) throw noHeader();
  return { headers: first.map((h) => h.trim()), body };
}

/** An XLSX cell value → a cell (numbers as plain decimals, dates as ISO, formulas by their result). */
export function cellOf(v: ExcelJS.CellValue, numFmt?: string): Cell {
  if (v === null || v === undefined) return { text: '', kind: 'text' };
  // a cell formatted as a percentage holds the fraction (12.5 % is 0.125); bundles write percent
  if (typeof v === 'number') return { text: numFmt?.includes('%') ? timesHundred(plainNumber(v)) : plainNumber(v), kind: 'number' };
  if (typeof v === 'string') return { text: v, kind: 'text' };
  if (typeof v === 'boolean') return { text: v ? 'true' : 'false', kind: 'text' };
  if (v instanceof Date) {
    const iso = v.toISOString();
    return { text: iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso, kind: 'date' };
  }
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join(''), kind: 'text' };
  if ('formula' in v || 'sharedFormula' in v) return cellOf((v as { result?: ExcelJS.CellValue }).result ?? null, numFmt);
  if ('text' in v) return { text: String(v.text), kind: 'text' };
  if ('error' in v) return { text: String(v.error), kind: 'text' };
  return { text: String(v), kind: 'text' };
}

/** "0.125" → "12.5", "-3" → "-300": the decimal point moved, no float arithmetic. */
export function timesHundred(s: string): string {
  const neg = s.startsWith('-');
  const [i = '0', f = ''] = (neg ? s.slice(1) : s).split('.');
  const frac = f.padEnd(2, '0');
  const int = (i + frac.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = frac.slice(2).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${rest ? `.${rest}` : ''}`;
}

/** 1234.5 → "1234.5", 1e-7 → "0.0000001" (never exponent notation). */
function plainNumber(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

async function readXlsx(path: string, want: string | undefined): Promise<Omit<Table, 'modifiedAt'>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (err) {
    throw new FolioError('validation', 'BAD_XLSX', `${path} could not be read as an Excel workbook: ${(err as Error).message}`, 'path');
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = want ? wb.getWorksheet(want) : (wb.worksheets.find((w) => w.actualRowCount > 1) ?? wb.worksheets[0]);
  if (!ws) throw new FolioError('validation', 'NO_SUCH_SHEET', want ? `The workbook has no sheet "${want}" (it has ${sheets.join(', ')})` : 'The workbook has no sheets', 'sheet');
  const width = ws.actualColumnCount;
  const all: Array<{ n: number; cells: Cell[] }> = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= Math.max(width, row.cellCount); c++) {
      const cell = row.getCell(c);
      cells.push(cellOf(cell.value, cell.numFmt));
    }
    if (cells.some((x) => x.text.trim() !== '')) all.push({ n, cells });
  });
  const { headers } = splitHeader(all.slice(0, 1).map((r) => r.cells.map((c) => c.text)));
  const rows = all.slice(1);
  return { format: 'xlsx', sheets, sheet: ws.name, delimiter: null, headers, rows: rows.map((r) => r.cells), rowNumbers: rows.map((r) => r.n) };
}
