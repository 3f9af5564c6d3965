/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic goes through integer day numbers (days since
 * 1970-01-01 in the proleptic Gregorian calendar), computed with pure integer formulas: no Date
 * object in local time, so nothing can drift with time zones or daylight saving.
 */
import { FolioError } from './errors';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isYearMonth(s: unknown): s is string {
  return typeof s === 'string' && MONTH_RE.test(s);
}

function assertDate(s: string, field = 'date'): [number, number, number] {
  if (!isDate(s)) throw new FolioError('validation', 'BAD_DATE', `${field}: "${String(s).slice(0, 40)}" is not a date YYYY-MM-DD`, field);
  const m = DATE_RE.exec(s)!;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days from civil (H. Hinnant's algorithm): 1970-01-01 → 0. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD` → integer day number (1970-01-01 = 0). */
export function toDayNumber(date: string, field?: string): number {
  const [y, m, d] = assertDate(date, field);
  return daysFromCivil(y, m, d);
}

/** Integer day number → `YYYY-MM-DD`. */
export function fromDayNumber(n: number): string {
  if (!Number.isSafeInteger(n)) throw new FolioError('internal', 'BAD_DAY_NUMBER', `${n} is not a day number`);
  const [y, m, d] = civilFromDays(n);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** b − a in days (positive when b is later). */
export function diffDays(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Days from `from` to `to`, both inclusive (0 when to < from). */
export function daysInclusive(from: string, to: string): number {
  return Math.max(0, diffDays(from, to) + 1);
}

export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** The first and last day of a month `YYYY-MM`. */
export function monthRange(month: string, field = 'period'): { start: string; end: string } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new FolioError('validation', 'BAD_MONTH', `${field}: "${String(month).slice(0, 40)}" is not a month YYYY-MM`, field);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${pad(daysInMonth(y, mo))}` };
}

/** The month before / after `YYYY-MM`. */
export function addMonths(month: string, n: number): string {
  const m = MONTH_RE.exec(month);
  if (!m) throw new FolioError('validation', 'BAD_MONTH', `"${String(month).slice(0, 40)}" is not a month YYYY-MM`, 'period');
  const idx = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${pad(Math.floor(idx / 12), 4)}-${pad((idx % 12) + 1)}`;
}

/** The month `YYYY-MM` holding a date. */
export function monthOf(date: string): string {
  assertDate(date);
  return date.slice(0, 7);
}

/** Overlap of two inclusive ranges, or null. */
export function overlap(aFrom: string, aTo: string, bFrom: string, bTo: string): { from: string; to: string } | null {
  const from = maxDate(aFrom, bFrom);
  const to = minDate(aTo, bTo);
  return from <= to ? { from, to } : null;
}

/**
 * One `Intl.DateTimeFormat` per named time zone: building one costs far more than using it
 * (≈0.6 ms, paid per statement before), and the first one of a process loads ICU's date data
 * (≈12 ms, paid by the first preview before).
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dayFormats.size >= 64) dayFormats.clear();
    dayFormats.set(timeZone, f);
  }
  return f;
}

/**
 * Today's calendar date where the user is: the wall-clock date of `now` in `timeZone`, through
 * Intl, which knows the zone's offset and daylight saving at that instant. Without a zone, the
 * runtime's own zone (Node follows `TZ`, also when it changes) through Date's local fields, which
 * need no Intl.
 */
export function today(now: Date = new Date(), timeZone?: string): string {
  if (timeZone === undefined) {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
  }
  const parts = dayFormat(timeZone).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** The month before the one holding `date`, as a period and its first and last days (a default statement period). */
export function previousMonth(date: string): { from: string; to: string; period: string } {
  const period = addMonths(monthOf(date), -1);
  const { start, end } = monthRange(period);
  return { from: start, to: end, period };
}
