/**
 * Spreadsheet files the way accountants' tools write them, for the import wizard's e2e tests:
 * - a CSV as Excel writes it in a German/Swedish locale: UTF-8 BOM, `;` separator, CRLF line ends,
 *   decimal comma with `.` thousands ("1.234,56"), DD.MM.YYYY dates, a quoted cell holding a
 *   newline and a `;`, and a few rows that break a rule (so the check step has rejects to show);
 * - an XLSX written with exceljs: real number and date cells, a second sheet that is not the data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

export const XLSX_CLIENTS = [
  { id: 'XL-C1', name: 'Åsa Lindqvist Agency', type: 'CLIENT', email: 'asa@example.com', country: 'SE', currency: 'SEK' },
  { id: 'XL-C2', name: 'Brauer & Söhne', type: 'CLIENT', email: 'info@brauer.example', country: 'DE', currency: 'EUR' },
  { id: 'XL-B1', name: 'Nordic Venues AB', type: 'BUYER', email: '', country: 'SE', currency: 'SEK' },
] as const;

/** the payment rows that are valid, as the engine should store them (money in major units) */
export const CSV_GOOD = [
  { id: 'CSV-P1', client: 'XL-C2', date: '2026-01-05', description: 'Show fee — Köln', reference: 'R-1', gross: '1234.56', commission: '123.46', net: '1111.10' },
  { id: 'CSV-P2', client: 'XL-C2', date: '2026-01-12', description: 'Merch share\nwith a second line; and a semicolon', reference: 'R-2', gross: '250000.00', commission: '25000.00', net: '225000.00' },
  { id: 'CSV-P3', client: 'XL-C2', date: '2026-01-20', description: 'Streaming income', reference: 'R-3', gross: '89.90', commission: '8.99', net: '80.91' },
] as const;

/** "1234.56" → "1.234,56" */
function deMoney(v: string): string {
  const [i, f] = v.split('.') as [string, string];
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${f}`;
}
/** "2026-01-05" → "05.01.2026" */
function deDate(v: string): string {
  return `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}`;
}
function cell(v: string): string {
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export interface CsvFile {
  path: string;
  /** 1-based data row numbers (the header is row 1) of the rows that must be rejected, with a word the reason holds */
  rejected: Array<{ row: number; id: string; reason: RegExp }>;
}

export function writeExcelCsv(dir: string): CsvFile {
  const header = ['Payment ID', 'Client ID', 'Posted date', 'Description', 'Reference', 'Currency', 'Gross', 'Commission', 'Net'];
  const rows: string[][] = CSV_GOOD.map((p) => [p.id, p.client, deDate(p.date), p.description, p.reference, 'EUR', deMoney(p.gross), deMoney(p.commission), deMoney(p.net)]);
  // net is not gross − commission
  rows.push(['CSV-BAD1', 'XL-C2', '21.01.2026', 'Wrong net', 'R-4', 'EUR', '100,00', '10,00', '95,00']);
  // 31 February is no date
  rows.push(['CSV-BAD2', 'XL-C2', '31.02.2026', 'Impossible date', 'R-5', 'EUR', '10,00', '1,00', '9,00']);
  // the description is required
  rows.push(['CSV-BAD3', 'XL-C2', '22.01.2026', '', 'R-6', 'EUR', '10,00', '1,00', '9,00']);
  const text = '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
  const path = join(dir, 'Zahlungen Januar.csv');
  writeFileSync(path, text, 'utf8');
  const n = CSV_GOOD.length;
  return {
    path,
    rejected: [
      { row: n + 2, id: 'CSV-BAD1', reason: /net/i },
      { row: n + 3, id: 'CSV-BAD2', reason: /date/i },
      { row: n + 4, id: 'CSV-BAD3', reason: /description/i },
    ],
  };
}

export async function writeClientsXlsx(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Folio e2e';
  const about = wb.addWorksheet('About');
  about.addRow(['Exported from the CRM']);
  const ws = wb.addWorksheet('Clients');
  ws.addRow(['ID', 'Name', 'Type', 'Email', 'Country', 'Default currency', 'Updated at']);
  for (const c of XLSX_CLIENTS) ws.addRow([c.id, c.name, c.type, c.email || null, c.country, c.currency, new Date(Date.UTC(2026, 0, 2, 9, 30))]);
  ws.getColumn(7).numFmt = 'yyyy-mm-dd hh:mm';
  const path = join(dir, 'clients.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}
