import { z } from 'zod';
import { ENTITIES, type Entity } from './data';
import { command } from './define';

/**
 * CSV and XLSX import (the Data screen's wizard): look inside a file, find the mapping saved for
 * it, check every row against the bundle rules without storing anything, then apply it with the
 * same quarantine and idempotency rules as a bundle (data-bundle.md).
 */

/** How the file writes numbers: "1,234.56", "1.234,56" or "1 234,56". */
export const NUMBER_FORMATS = ['point', 'comma', 'space'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const path = z.string().min(1, 'is required').max(4096, 'is longer than any file path');
const sheet = z.string().min(1).max(200).optional();
const entity = z.enum(ENTITIES);

export const tabularMapping = z
  .object({
    /** bundle field → the file's column header */
    columns: z.record(z.string().min(1).max(100), z.string().max(500)),
    numberFormat: z.enum(NUMBER_FORMATS).default('point'),
    dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
  })
  .strict();
export type TabularMapping = z.output<typeof tabularMapping>;

const rowsRequest = z.object({ path, entity, sheet, mapping: tabularMapping }).strict();

export interface TabularField {
  name: string;
  required: boolean;
  /** text, ref, date, money, currency, country, pct, decimal, enum, lines, instant */
  kind: string;
  values?: readonly string[];
}

export interface TabularInspect {
  path: string;
  format: 'csv' | 'xlsx';
  /** the workbook's sheets (empty for a CSV) */
  sheets: string[];
  /** the sheet read (the first with data when none was asked) */
  sheet: string | null;
  /** CSV: the separator found */
  delimiter: string | null;
  headers: string[];
  /** the first data rows, as text, for the preview */
  rows: string[][];
  /** data rows in the file or sheet (the header row not counted) */
  rowCount: number;
  /** every entity's fields, `id` and `updated_at` first */
  entities: Record<Entity, TabularField[]>;
}

export interface TabularSavedMapping extends TabularMapping {
  entity: Entity;
  savedAt: string;
  /** the file it was saved from */
  path: string;
}

export interface TabularRejected {
  /** the row as a spreadsheet numbers it (the header is row 1) */
  row: number;
  reason: string;
  /** the row's cells, "header: value" */
  raw: string;
}

export interface TabularCheck {
  total: number;
  valid: number;
  /** the first 1,000 rejected rows (REJECTED_SHOWN), in file order; all of them are quarantined */
  rejected: TabularRejected[];
  /** how many rows are rejected in all (more than `rejected.length` when the list is cut) */
  rejectedTotal: number;
}

export interface TabularResult {
  status: 'applied' | 'skipped';
  sourceKey: string;
  applied: number;
  skipped: number;
  quarantined: number;
  danglingReferences: number;
  warnings: string[];
  durationMs: number;
}

/** The same role as data:import: reading a file from disk into the cache is the admin's. */
export const tabularCommands = {
  'tabular:inspect': command<TabularInspect>()(z.object({ path, sheet }).strict(), 'admin'),
  /** the mapping saved for a file with these columns (the same export, another month), or null */
  'tabular:mappings': command<{ mapping: TabularSavedMapping | null }>()(z.object({ path, entity, sheet }).strict(), 'admin'),
  'tabular:preview': command<TabularCheck>()(rowsRequest, 'admin'),
  'tabular:import': command<TabularResult>()(rowsRequest, 'admin'),
} as const;
