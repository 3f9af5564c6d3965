/**
 * Exact decimal strings ("1234.50", "-0.05") written for people, and read back, in a supported
 * locale (locales.ts). Everything works on the digits: a binary float never touches an amount,
 * and no runtime's Intl is asked, so the engine's PDF and the renderer's grid print the same text.
 */
import { minorDigits } from '../money/currency';
import { resolveLocale, type LocaleSpec } from './locales';

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

export interface NumberOptions {
  /** pad the fraction with zeros to this many digits (a currency's minor digits) */
  minFraction?: number;
  /** round half away from zero beyond this many fraction digits (default: keep every digit) */
  maxFraction?: number;
}

/** A value as decimal text, or null: strings trimmed, numbers only when they print as plain decimals. */
function decimalText(value: unknown): RegExpExecArray | null {
  if (typeof value === 'string') return DECIMAL.exec(value.trim());
  if (typeof value === 'bigint') return DECIMAL.exec(value.toString());
  if (typeof value === 'number' && Number.isFinite(value)) return DECIMAL.exec(String(value));
  return null;
}

/** Adds one unit in the last place to a string of digits ("0999" → "1000"). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/** int.frac rounded half away from zero to `places` fraction digits (on the digits). */
function roundDigits(int: string, frac: string, places: number): [string, string] {
  if (frac.length <= places) return [int, frac];
  const keep = frac.slice(0, places);
  if (frac.charCodeAt(places) < 53 /* '5' */) return [int, keep];
  const bumped = incrementDigits(int + keep);
  const cut = bumped.length - places;
  return [bumped.slice(0, cut) || '0', bumped.slice(cut)];
}

/** The integer digits with the locale's grouping ("12345678" → "1,23,45,678" in en-IN). */
export function groupDigits(int: string, spec: LocaleSpec): string {
  if (int.length < spec.minGroupingDigits) return int;
  let rest = int.length - 3;
  let out = int.slice(rest);
  const size = spec.grouping === 'indian' ? 2 : 3;
  while (rest > 0) {
    const from = Math.max(0, rest - size);
    out = int.slice(from, rest) + spec.group + out;
    rest = from;
  }
  return out;
}

/**
 * "1234567.5" → "1,234,567.5" (en-US), "1.234.567,5" (de-DE), "1,23,45,678" (en-IN),
 * "−1 234,5" (sv-SE). Fraction zeros beyond `minFraction` are dropped. A value that is not a
 * decimal is returned as its text; null, undefined and "" give "".
 */
export function formatNumber(value: unknown, locale: string, opts: NumberOptions = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const m = decimalText(value);
  if (!m) return String(value);
  const spec = resolveLocale(locale);
  const min = opts.minFraction ?? 0;
  let int = m[2]!;
  let frac = m[3] ?? '';
  if (opts.maxFraction !== undefined) [int, frac] = roundDigits(int, frac, opts.maxFraction);
  let end = frac.length;
  while (end > min && frac.charCodeAt(end - 1) === 48) end--;
  frac = end < frac.length ? frac.slice(0, end) : frac;
  if (frac.length < min) frac = frac.padEnd(min, '0');
  let lead = 0;
  while (lead < int.length - 1 && int.charCodeAt(lead) === 48) lead++;
  if (lead) int = int.slice(lead);
  const negative = m[1] === '-' && (int !== '0' || /[1-9]/.test(frac));
  return `${negative ? spec.minus : ''}${groupDigits(int, spec)}${frac ? spec.decimal + frac : ''}`;
}

/** An amount in `currency`, with its minor digits (JPY 0, KWD 3; 2 without a currency); never rounded. */
export function formatAmount(value: unknown, currency: string | null | undefined, locale: string): string {
  return formatNumber(value, locale, { minFraction: currency ? minorDigits(currency) : 2 });
}

/** "USD 1,234.50" (empty for no value). */
export function formatAmountWithCode(value: unknown, currency: string, locale: string): string {
  const v = formatAmount(value, currency, locale);
  return v ? `${currency} ${v}` : '';
}

/** "12.5" → "12.5%" (de-DE "12,5%"); at most six fraction digits. Non-decimals are returned as text. */
export function formatPercent(value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  return decimalText(value) ? `${formatNumber(value, locale, { maxFraction: 6 })}%` : String(value);
}

/** A quantity or hours: at most six fraction digits. */
export function formatQuantity(value: unknown, locale: string): string {
  return formatNumber(value, locale, { maxFraction: 6 });
}

const SPACE_LIKE = /[ \u00a0\u202f\u2009]/g;

/**
 * Reads a number as `formatNumber` writes it in `locale` back into a canonical decimal string
 * ("−1 234,50" in sv-SE → "-1234.50", "1.234" in de-DE → "1234"). Either minus sign is taken;
 * where the locale groups with a space, any space counts. Null when the text is not a number
 * written in that locale.
 */
export function parseNumber(text: string, locale: string): string | null {
  const spec = resolveLocale(locale);
  let s = text.trim();
  let negative = false;
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = true;
    s = s.slice(1);
  }
  const parts = s.split(spec.decimal);
  if (parts.length > 2) return null;
  const spaced = SPACE_LIKE.test(spec.group);
  SPACE_LIKE.lastIndex = 0;
  const written = spaced ? parts[0]!.replace(SPACE_LIKE, spec.group) : parts[0]!;
  const int = written.split(spec.group).join('');
  const frac = parts[1];
  if (!/^\d+$/.test(int) || (frac !== undefined && !/^\d+$/.test(frac))) return null;
  // grouped digits must be grouped as the locale groups them ("1.2.3" is not a number in de-DE)
  if (written !== int && groupDigits(int, spec) !== written) return null;
  const plain = frac === undefined ? int : `${int}.${frac}`;
  return negative ? `-${plain}` : plain;
}

/** True when a value is a decimal below zero ("-0.00" is not). */
export function isNegativeDecimal(value: unknown): boolean {
  const m = decimalText(value);
  return !!m && m[1] === '-' && /[1-9]/.test(m[2]! + (m[3] ?? ''));
}

/** Sign, integer digits without leading zeros, fraction without trailing zeros. */
function normalized(value: unknown): { neg: boolean; int: string; frac: string } | null {
  const m = decimalText(value);
  if (!m) return null;
  let int = m[2]!;
  let lead = 0;
  while (lead < int.length - 1 && int.charCodeAt(lead) === 48) lead++;
  if (lead) int = int.slice(lead);
  let frac = m[3] ?? '';
  let end = frac.length;
  while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
  if (end < frac.length) frac = frac.slice(0, end);
  return { neg: m[1] === '-' && (int !== '0' || frac !== ''), int, frac };
}

/**
 * Compares two decimals exactly (strings, bigints or numbers; "1.50" = "1.5", "-0" = "0"): −1, 0
 * or 1. Values that are not decimals sort before every number, and equal one another.
 */
export function compareDecimalText(a: unknown, b: unknown): number {
  const x = normalized(a);
  const y = normalized(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  if (x.neg !== y.neg) return x.neg ? -1 : 1;
  let c = x.int.length - y.int.length || (x.int < y.int ? -1 : x.int > y.int ? 1 : 0);
  if (c === 0) c = x.frac < y.frac ? -1 : x.frac > y.frac ? 1 : 0;
  c = Math.sign(c);
  return x.neg ? -c || 0 : c;
}
