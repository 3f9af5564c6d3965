/**
 * The labels printed around a model's values (columns, totals). The values themselves are written
 * by shared/format, the one formatter the renderer's grid uses too.
 */
import type { Column } from '../../../shared/contract/statements';
import { TOTAL_LABELS } from '../../../shared/total-labels';

/** "commissionDue" → "Commission due", "1-30" → "1–30 days", "120+" → "120+ days". */
export function humanizeKey(key: string): string {
  if (/^\d+-\d+$/.test(key)) return `${key.replace('-', '–')} days`;
  if (/^\d+\+$/.test(key)) return `${key} days`;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}


/** The label of a column: the template's `col.<key>` label, else the model's. */
export function columnLabel(col: Column, labels: Record<string, string>): string {
  return labels[`col.${col.key}`] ?? col.label;
}

/** The label of a total: the template's `total.<key>` label, else a readable default. */
export function totalLabel(key: string, labels: Record<string, string>): string {
  return labels[`total.${key}`] ?? TOTAL_LABELS[key] ?? humanizeKey(key);
}
