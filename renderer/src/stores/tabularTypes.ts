/**
 * The import wizard's choices as the user sees them (number and date formats with an example) and
 * the header-name match that pre-fills a mapping when none is saved for the source.
 */
import type { DateFormat, NumberFormat, TabularField } from '../../../shared/contract';

export type { DateFormat, NumberFormat, TabularCheck, TabularField, TabularInspect, TabularResult } from '../../../shared/contract';

/** field → the column header it is read from ('' = not imported) */
export type ColumnMap = Record<string, string>;

export const NUMBER_FORMAT_OPTIONS: Array<{ value: NumberFormat; label: string }> = [
  { value: 'point', label: '1,234.56 (decimal point)' },
  { value: 'comma', label: '1.234,56 (decimal comma)' },
  { value: 'space', label: '1 234,56 (space thousands, decimal comma)' },
];
export const DATE_FORMAT_OPTIONS: Array<{ value: DateFormat; label: string }> = [
  { value: 'YYYY-MM-DD', label: '2026-01-31 (YYYY-MM-DD)' },
  { value: 'DD.MM.YYYY', label: '31.01.2026 (DD.MM.YYYY)' },
  { value: 'DD/MM/YYYY', label: '31/01/2026 (DD/MM/YYYY)' },
  { value: 'MM/DD/YYYY', label: '01/31/2026 (MM/DD/YYYY)' },
];

/** "Client ID", "client-id", "CLIENT_ID " → "clientid" */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Each field gets the first unused column whose header reads the same as the field's name. */
export function autoMapping(fields: TabularField[], headers: string[]): ColumnMap {
  const used = new Set<string>();
  const out: ColumnMap = {};
  for (const f of fields) {
    const want = normalizeHeader(f.name);
    const hit = headers.find((h) => !used.has(h) && normalizeHeader(h) === want);
    out[f.name] = hit ?? '';
    if (hit) used.add(hit);
  }
  return out;
}
