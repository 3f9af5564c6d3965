/**
 * The description of an exported grid, the same for CSV and XLSX: columns with a kind, rows of
 * cells, and blocks of totals below them (one row per currency: amounts of different currencies
 * are never added together). Writers (csv.ts, xlsx.ts) read only this.
 */
import type { ExportFormat } from '../../../shared/contract';

/**
 * How a cell is written. `money`: a decimal string in major units of the row's currency (the
 * column's `currency`: a code, or the key of the row's cell holding it); `date`: YYYY-MM-DD;
 * `instant`: an ISO UTC time; `decimal`: a decimal string (hours, quantities); `percent`: a
 * decimal string of percent ("12.5" = 12.5 %); `integer`: a whole number.
 */
export type CellKind = 'text' | 'money' | 'date' | 'instant' | 'integer' | 'decimal' | 'percent';
export type CellValue = string | number | null | undefined;
export type Row = Record<string, CellValue>;

export interface ExportColumn {
  key: string;
  label: string;
  kind: CellKind;
  /** money: `{ code }` for one currency, or `{ cell }` naming the row's currency cell */
  currency?: { code: string } | { cell: string };
  /** width in characters (XLSX) */
  width?: number;
}

/** A small table below the rows: totals per currency, per party, counts by status. */
export interface TotalsBlock {
  title: string;
  columns: ExportColumn[];
  rows: Row[];
}

export interface ExportTable {
  /** the grid: used for the sheet's name and the audit entry */
  grid: 'preview' | 'history' | 'batch' | 'quarantine';
  /** the sheet's title (XLSX) */
  title: string;
  /** the file name without extension, e.g. `ar-aging-2026-01-31` */
  fileStem: string;
  columns: ExportColumn[];
  rows: Row[];
  totals: TotalsBlock[];
}

export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  rows: number;
}

export const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function col(key: string, label: string, kind: CellKind, extra: Partial<ExportColumn> = {}): ExportColumn {
  return { key, label, kind, ...extra };
}

/** The currency code of a money cell in a row, or null when the row names none. */
export function currencyOf(column: ExportColumn, row: Row): string | null {
  const c = column.currency;
  if (!c) return null;
  if ('code' in c) return c.code;
  const v = row[c.cell];
  return typeof v === 'string' && v ? v : null;
}

/** A file name safe on Windows and macOS (no path separators or reserved characters). */
export function safeFileStem(stem: string): string {
  const s = stem
    .normalize('NFC')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\p{Cc}+/gu, '-')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return s.slice(0, 120) || 'export';
}
