/**
 * The import wizard's choices as the user sees them (number and date formats with an example) and
 * the header-name match that pre-fills a mapping when none is saved for the source.
 */
import type { DateFormat, NumberFormat } from '../../../shared/contract';

export type { DateFormat, NumberFormat, TabularCheck, TabularField, TabularInspect, TabularResult } from '../../../shared/contract';

export type { ColumnMap } from '../../../shared/tabular-match';

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

export { autoMapping, normalizeHeader } from '../../../shared/tabular-match';
