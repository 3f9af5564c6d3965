/**
 * One statement cell as text, by its column's kind: the PDF, HTML and text renderers and the
 * preview grid all call this, so a cell reads the same in the file and on screen.
 */
import type { ColumnKind } from '../contract/statements';
import { formatDate } from './dates';
import { formatAmount, formatNumber, formatPercent, formatQuantity } from './number';

export function isNumericKind(kind: ColumnKind): boolean {
  return kind === 'money' || kind === 'percent' || kind === 'quantity' || kind === 'integer';
}

/** A cell of a column of `kind` (money in `currency`), as text in `locale`; "" for no value. */
export function formatCell(value: unknown, kind: ColumnKind, currency: string | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  switch (kind) {
    case 'money':
      return formatAmount(value, currency, locale);
    case 'percent':
      return formatPercent(value, locale);
    case 'quantity':
      return formatQuantity(value, locale);
    case 'integer':
      return typeof value === 'string' && !/^-?\d+$/.test(value) ? value : formatNumber(value, locale);
    case 'date':
      return formatDate(String(value), locale);
    default:
      return String(value);
  }
}
