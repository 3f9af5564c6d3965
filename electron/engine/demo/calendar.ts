/** Date arithmetic for the demo generator on UTC epoch days (no local time zones). */
export const DAY_MS = 86400000;

export function epochDay(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export interface Month {
  y: number;
  m: number;
  first: number; // epoch day
  last: number;
  days: number;
}

export function month(y: number, m: number): Month {
  while (m > 12) {
    m -= 12;
    y++;
  }
  while (m < 1) {
    m += 12;
    y--;
  }
  const days = daysInMonth(y, m);
  return { y, m, first: epochDay(y, m, 1), last: epochDay(y, m, days), days };
}

/** The twelve calendar months ending with `through` (YYYY-MM), oldest first. */
export function twelveMonths(through: string): Month[] {
  const [y, m] = through.split('-').map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, i) => month(y, m - 11 + i));
}

/** The calendar month before the one holding `now` (UTC), as YYYY-MM. */
export function previousMonth(now: Date): string {
  const mo = month(now.getUTCFullYear(), now.getUTCMonth());
  return `${mo.y}-${String(mo.m).padStart(2, '0')}`;
}
