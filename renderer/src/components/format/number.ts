/** Screen-only number text (file sizes); amounts and statement cells are written by shared/format. */
import { formatNumber } from '../../../../shared/format';

/** Bytes → "12.3 KB" (file sizes in the history grid are in KB, as seed 003 asks). */
export function formatKb(bytes: number | null | undefined, locale: string): string {
  if (bytes === null || bytes === undefined) return '';
  const tenths = Math.round((bytes * 10) / 1024);
  return `${formatNumber(`${Math.floor(tenths / 10)}.${tenths % 10}`, locale, { minFraction: 1 })} KB`;
}
