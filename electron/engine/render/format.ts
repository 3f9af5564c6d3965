/**
 * Writing a model's values for people, in the template's locale. Money, percentages and
 * quantities arrive as exact decimal strings and are formatted from their digits (grouping and
 * the decimal mark come from Intl for the locale): a float never touches an amount.
 */
import { minorDigits } from '../../../shared/money';
import type { Column, ColumnKind } from '../../../shared/contract/statements';
import { TOTAL_LABELS } from '../../../shared/total-labels';

interface Separators {
  group: string;
  decimal: string;
}
const separators = new Map<string, Separators>();

function seps(locale: string): Separators {
  let s = separators.get(locale);
  if (!s) {
    let parts: Intl.NumberFormatPart[];
    try {
      parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
    } catch {
      parts = new Intl.NumberFormat('en-GB').formatToParts(1234567.5);
    }
    s = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
    separators.set(locale, s);
  }
  return s;
}

const DEC = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * "1234567.5" → "1,234,567.50" (en-GB, minDigits 2) or "1.234.567,50" (de-DE). Exact: works on
 * the digits. A value that is not a decimal string is returned as it is.
 */
export function formatDecimal(value: string, locale: string, minDigits = 0, maxDigits = 12): string {
  const m = DEC.exec(value);
  if (!m) return value;
  const { group, decimal } = seps(locale);
  let frac = m[3] ?? '';
  while (frac.length > minDigits && frac.endsWith('0') && frac.length > 0) frac = frac.slice(0, -1);
  if (frac.length > maxDigits) frac = frac.slice(0, maxDigits);
  frac = frac.padEnd(minDigits, '0');
  const int = m[2]!.replace(/^0+(?=\d)/, '');
  let grouped = '';
  for (let i = int.length; i > 0; i -= 3) grouped = int.slice(Math.max(0, i - 3), i) + (grouped ? group + grouped : '');
  const neg = m[1] === '-' && /[1-9]/.test(int + frac);
  return `${neg ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
}

/** An amount in `currency`, with the currency's minor digits (never rounded: all digits kept). */
export function formatMoneyText(value: string, currency: string | null, locale: string): string {
  return formatDecimal(value, locale, currency ? minorDigits(currency) : 2);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateCache = new Map<string, string>();
/** "2026-01-31" → "31/01/2026" (en-GB), "01/31/2026" (en-US), "31.01.2026" (de-DE). */
export function formatDate(value: string, locale: string): string {
  const key = `${locale}|${value}`;
  const hit = dateCache.get(key);
  if (hit !== undefined) return hit;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  let f = dateFormats.get(locale);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    }
    dateFormats.set(locale, f);
  }
  const out = f.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (dateCache.size > 20_000) dateCache.clear();
  dateCache.set(key, out);
  return out;
}

/** An ISO timestamp as a date and UTC time: "31/01/2026 14:05 UTC". */
export function formatTimestamp(iso: string, locale: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  if (!m) return iso;
  return `${formatDate(m[1]!, locale)} ${m[2]} UTC`;
}

/** A cell of a column, as text. */
export function formatCell(
  value: string | number | null | undefined,
  kind: ColumnKind,
  currency: string | null,
  locale: string,
): string {
  if (value === null || value === undefined || value === '') return '';
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  switch (kind) {
    case 'money':
      return formatMoneyText(s, currency, locale);
    case 'percent':
      return DEC.test(s) ? `${formatDecimal(s, locale, 0, 6)}%` : s;
    case 'quantity':
      return formatDecimal(s, locale, 0, 6);
    case 'integer':
      return /^-?\d+$/.test(s) ? formatDecimal(s, locale) : s;
    case 'date':
      return formatDate(s, locale);
    default:
      return s;
  }
}

export function isNumericKind(kind: ColumnKind): boolean {
  return kind === 'money' || kind === 'percent' || kind === 'quantity' || kind === 'integer';
}

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

/** ISO dates inside a free text value ("2026-01-01 to 2026-01-31") written in the locale. */
export function localizeDates(value: string, locale: string): string {
  return value.includes('-') ? value.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDate(d, locale)) : value;
}
