/**
 * Matching a file's columns to an entity's fields by header name, the same in the import wizard
 * and in `folio import FILE.csv` without a mapping: case, spaces, accents and punctuation ignored.
 */
import type { TabularField } from './contract';

/** field → the column header it is read from ('' = not imported) */
export type ColumnMap = Record<string, string>;

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
