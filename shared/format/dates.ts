/**
 * Calendar dates (YYYY-MM-DD) and instants (ISO timestamps) written for people in a supported
 * locale, from the locale table (locales.ts) rather than a runtime's Intl. Calendar dates are never
 * shifted by a time zone; instants are shown in UTC (`formatTimestampUtc`, what a PDF prints, the
 * same on every machine) or in the runtime's local time (`formatInstant`, for screens).
 */
import { daysInMonth } from '../dates';
import { resolveLocale, type LocaleSpec } from './locales';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const TOKENS = /YYYY|MMM|MM|DD|M/g;

const pad2 = (n: number) => String(n).padStart(2, '0');

function fill(pattern: string, spec: LocaleSpec, y: string, m: number, d: string): string {
  return pattern.replace(TOKENS, (t) => (t === 'YYYY' ? y : t === 'MMM' ? spec.months[m - 1]! : t === 'MM' ? pad2(m) : t === 'M' ? String(m) : d));
}

function calendarDate(value: unknown): [string, number, string] | null {
  if (typeof value !== 'string') return null;
  const m = DATE.exec(value);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? [m[1]!, month, m[3]!] : null;
}

/** "2026-01-31" → "01/31/2026" (en-US), "31/01/2026" (en-GB), "31.01.2026" (de-DE), "2026-01-31" (sv-SE). */
export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const c = calendarDate(value);
  if (!c) return value;
  const spec = resolveLocale(locale);
  return fill(spec.date, spec, c[0], c[1], c[2]);
}

/** "2026-01-31" → "Jan 31, 2026" (en-US), "31 Jan 2026" (en-GB), "31. Jan. 2026" (de-DE). */
export function formatDateMedium(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const c = calendarDate(value);
  if (!c) return value;
  const spec = resolveLocale(locale);
  return fill(spec.dateMedium, spec, c[0], c[1], c[2]);
}

/** "2026-01" → "Jan 2026" (en-US), "janv. 2026" (fr-FR), "2026年1月" (ja-JP). */
export function formatMonthYear(month: string, locale: string): string {
  const m = MONTH.exec(month);
  if (!m) return month;
  const spec = resolveLocale(locale);
  return fill(spec.monthYear, spec, m[1]!, Number(m[2]), '01');
}

function clock(hours: number, minutes: number, spec: LocaleSpec): string {
  if (!spec.dayPeriods) return `${pad2(hours)}:${pad2(minutes)}`;
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${pad2(h12)}:${pad2(minutes)} ${spec.dayPeriods[hours < 12 ? 0 : 1]}`;
}

/** An ISO timestamp as its UTC date and 24-hour time: "31/01/2026 14:05 UTC" (what documents print). */
export function formatTimestampUtc(iso: string, locale: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  if (!m) return iso;
  return `${formatDate(m[1]!, locale)} ${m[2]} UTC`;
}

function instantParts(value: string): Date | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function localDate(d: Date): string {
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** An instant in the runtime's local time: "Jan 31, 2026, 02:05 PM" (en-US), "31 Jan 2026, 14:05" (en-GB). */
export function formatInstant(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const d = instantParts(value);
  if (!d) return value;
  const spec = resolveLocale(locale);
  return `${formatDateMedium(localDate(d), locale)}, ${clock(d.getHours(), d.getMinutes(), spec)}`;
}

/** An instant in local time, compact for dense grids: "01/31/2026, 02:05 PM" (en-US). */
export function formatInstantNumeric(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const d = instantParts(value);
  if (!d) return value;
  const spec = resolveLocale(locale);
  return `${formatDate(localDate(d), locale)}, ${clock(d.getHours(), d.getMinutes(), spec)}`;
}

/** A date range: "Jan 01, 2026 – Jan 31, 2026". */
export function formatRange(from: string | null | undefined, to: string | null | undefined, locale: string): string {
  if (!from && !to) return '';
  return `${formatDateMedium(from, locale)} – ${formatDateMedium(to, locale)}`;
}

/** A date range for grids: a whole calendar month is written as the month ("Jan 2026"). */
export function formatRangeCompact(from: string | null | undefined, to: string | null | undefined, locale: string): string {
  if (!from && !to) return '';
  const f = from ? /^(\d{4})-(\d{2})-01$/.exec(from) : null;
  if (f && to && Number(f[2]) >= 1 && Number(f[2]) <= 12) {
    const last = daysInMonth(Number(f[1]), Number(f[2]));
    if (to === `${f[1]}-${f[2]}-${pad2(last)}`) return formatMonthYear(`${f[1]}-${f[2]}`, locale);
  }
  return `${formatDate(from, locale)} – ${formatDate(to, locale)}`;
}

/** ISO dates inside a free text ("2026-01-01 to 2026-01-31") written in the locale. */
export function localizeDates(value: string, locale: string): string {
  return value.includes('-') ? value.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (d) => formatDate(d, locale)) : value;
}
