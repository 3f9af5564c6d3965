/**
 * Reading a CSV or XLSX file into a table of cells: papaparse for CSV (separator found from the
 * file, quoted newlines, BOM removed; UTF-8, else Windows-1252 as older Excel writes it), exceljs
 * for XLSX (the sheet asked, else the first with data). A cell keeps what kind it was: an XLSX
 * number or date cell is already a value and is not read again with the chosen number or date
 * format.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { FolioError } from '../../../shared/errors';

export interface Cell {
  text: string;
  /** 'number': text is a plain decimal ("-1234.5"); 'date': text is YYYY-MM-DD or an ISO instant */
  kind: 'text' | 'number' | 'date';
}

export interface Table {
  format: 'csv' | 'xlsx';
  sheets: string[];
  sheet: string | null;
  delimiter: string | null;
  headers: string[];
  /** data rows (the header row left out); rowNumbers[i] is row i's number in the file (header = 1) */
  rows: Cell[][];
  rowNumbers: number[];
  /** the file's modification time: the default `updated_at` of its records */
  modifiedAt: string;
}

const MAX_BYTES = 512 * 1024 * 1024;

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

export async function readTable(path: string, sheet?: string): Promise<Table> {
  const format = formatOf(path);
  const st = statOf(path);
  if (st.size > MAX_BYTES) throw new FolioError('validation', 'FILE_TOO_LARGE', `${path} is larger than ${MAX_BYTES / 1024 / 1024} MiB; import it from the command line`, 'path');
  const modifiedAt = st.mtime.toISOString();
  return format === 'csv' ? { ...readCsv(readFileSync(path)), modifiedAt } : { ...(await readXlsx(path, sheet)), modifiedAt };
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function splitHeader(all: string[][]): { headers: string[]; body: string[][] } {
  const [first, ...body] = all;
  if (!first || first.every((h) => h.trim() === '')) throw new FolioError('validation', 'NO_HEADER', 'The file has no header row (the first row names the columns)', 'path');
  return { headers: first.map((h) => h.trim()), body };
}

export function readCsv(bytes: Buffer): Omit<Table, 'modifiedAt'> {
  const text = decode(bytes).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: [';', ',', '\t', '|'], skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new FolioError('validation', 'BAD_CSV', `Row ${fatal.row !== undefined ? fatal.row + 1 : '?'}: ${fatal.message}`, 'path');
  const { headers, body } = splitHeader(parsed.data);
  return {
    format: 'csv',
    sheets: [],
    sheet: null,
    delimiter: parsed.meta.delimiter,
    headers,
    rows: body.map((r) => r.map((t) => ({ text: t, kind: 'text' as const }))),
    rowNumbers: body.map((_, i) => i + 2),
  };
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
