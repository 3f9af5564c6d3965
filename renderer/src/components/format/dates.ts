/**
 * Dates for people. Calendar dates (YYYY-MM-DD) are formatted as calendar dates in UTC so that no
 * time zone can move them a day; instants (ISO timestamps) are shown in the user's local time.
 */
const dateCache = new Map<string, Intl.DateTimeFormat>();
const instantCache = new Map<string, Intl.DateTimeFormat>();

function safeLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale])[0] ?? 'en-US';
  } catch {
    return 'en-US';
  }
}

export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  let f = dateCache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(safeLocale(locale), { year: 'numeric', month: 'short', day: '2-digit', timeZone: 'UTC' });
    dateCache.set(locale, f);
  }
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

export function formatInstant(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  let f = instantCache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(safeLocale(locale), {
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    instantCache.set(locale, f);
  }
  return f.format(d);
}

const numericCache = new Map<string, Intl.DateTimeFormat>();

/** A compact calendar date for dense grids: 12/01/2025, 01.12.2025 … per locale. */
export function formatDateNumeric(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  let f = numericCache.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(safeLocale(locale), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' });
    numericCache.set(locale, f);
  }
  return f.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

/** A compact local date and time for dense grids. */
export function formatInstantNumeric(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(safeLocale(locale), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** A date range for grids: a whole calendar month is written as the month ("Jan 2026"). */
export function formatRangeCompact(from: string | null | undefined, to: string | null | undefined, locale: string): string {
  if (!from && !to) return '';
  const f = from ? /^(\d{4})-(\d{2})-01$/.exec(from) : null;
  if (f && to) {
    const last = new Date(Date.UTC(Number(f[1]), Number(f[2]), 0)).getUTCDate();
    if (to === `${f[1]}-${f[2]}-${String(last).padStart(2, '0')}`) {
      return new Intl.DateTimeFormat(safeLocale(locale), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(f[1]), Number(f[2]) - 1, 1)));
    }
  }
  return `${formatDateNumeric(from, locale)} – ${formatDateNumeric(to, locale)}`;
}

export function formatRange(from: string | null | undefined, to: string | null | undefined, locale: string): string {
  if (!from && !to) return '';
  return `${formatDate(from, locale)} – ${formatDate(to, locale)}`;
}

/** Today as YYYY-MM-DD in the user's local calendar. */
export function todayLocal(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** First and last day of the month before `today` (a sensible default statement period). */
export function previousMonth(today: string): { from: string; to: string; period: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  const mm = String(pm).padStart(2, '0');
  return { from: `${py}-${mm}-01`, to: `${py}-${mm}-${String(last).padStart(2, '0')}`, period: `${py}-${mm}` };
}
