/**
 * Locale formatting of exact decimal strings ("1234.50", "-0.05"), never through a binary float:
 * the integer part goes to Intl as a BigInt (so grouping follows the locale, e.g. en-IN lakhs),
 * and the fraction digits are copied as they are, joined with the locale's decimal separator.
 */
import { minorDigits } from '../../../../shared/money';

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

interface LocaleParts {
  integer: Intl.NumberFormat;
  decimal: string;
  minus: string;
}

const cache = new Map<string, LocaleParts>();

function partsFor(locale: string): LocaleParts {
  let p = cache.get(locale);
  if (!p) {
    let integer: Intl.NumberFormat;
    try {
      integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true });
    } catch {
      integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: true });
    }
    const probe = new Intl.NumberFormat(integer.resolvedOptions().locale, { minimumFractionDigits: 1 }).formatToParts(-1.5);
    p = {
      integer,
      decimal: probe.find((x) => x.type === 'decimal')?.value ?? '.',
      minus: probe.find((x) => x.type === 'minusSign')?.value ?? '-',
    };
    cache.set(locale, p);
  }
  return p;
}

/**
 * Formats a decimal string in a locale. `minFraction` pads the fraction with zeros (a currency's
 * minor digits). Anything that is not a plain decimal string is returned unchanged.
 */
export function formatDecimal(value: string | number | null | undefined, locale: string, minFraction = 0): string {
  if (value === null || value === undefined || value === '') return '';
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : String(value)) : value.trim();
  const m = DECIMAL.exec(text);
  if (!m) return String(value);
  const p = partsFor(locale);
  const whole = p.integer.format(BigInt(m[2]!));
  const frac = (m[3] ?? '').padEnd(minFraction, '0');
  const isZero = /^0*$/.test(m[2]! + (m[3] ?? ''));
  const sign = m[1] === '-' && !isZero ? p.minus : '';
  return `${sign}${whole}${frac ? p.decimal + frac : ''}`;
}

/** A money amount: the currency's minor digits always shown ("1,234.50"; JPY "1,500"). */
export function formatAmount(value: string | number | null | undefined, locale: string, currency: string | null): string {
  return formatDecimal(value, locale, currency ? minorDigits(currency) : 2);
}

/** "USD 1,234.50" */
export function formatMoneyWithCode(value: string | null | undefined, locale: string, currency: string): string {
  const v = formatAmount(value, locale, currency);
  return v ? `${currency} ${v}` : '';
}

/** True when a decimal string is below zero (for styling negatives and credits). */
export function isNegative(value: unknown): boolean {
  return typeof value === 'string' && /^-\d*\.?\d*[1-9]/.test(value.trim());
}

function toScaled(value: unknown): { n: bigint; scale: number } | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const frac = m[3] ?? '';
  const n = BigInt(m[2]! + frac);
  return { n: m[1] === '-' ? -n : n, scale: frac.length };
}

/** Exact comparison of two decimal strings; non-numbers sort first. */
export function compareDecimal(a: unknown, b: unknown): number {
  const x = toScaled(a);
  const y = toScaled(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  const scale = Math.max(x.scale, y.scale);
  const xa = x.n * 10n ** BigInt(scale - x.scale);
  const ya = y.n * 10n ** BigInt(scale - y.scale);
  return xa < ya ? -1 : xa > ya ? 1 : 0;
}

/** Bytes → "12.3 KB" (file sizes in the history grid are in KB, as seed 003 asks). */
export function formatKb(bytes: number | null | undefined, locale: string): string {
  if (bytes === null || bytes === undefined) return '';
  const tenths = Math.round((bytes * 10) / 1024);
  return `${formatDecimal(`${Math.floor(tenths / 10)}.${tenths % 10}`, locale, 1)} KB`;
}
