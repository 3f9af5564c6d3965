/**
 * How a preview searches and sorts a statement's lines, one rule for every type: the generic
 * pageModel over a whole model, and AR aging's own search and sort over its scan (which
 * materializes only the page's lines).
 */
import type { Column } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { compareDecimalText } from '../../../shared/format';

export function compareCells(kind: Column['kind'], a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  if ((kind === 'money' || kind === 'percent' || kind === 'quantity' || kind === 'integer') && /^-?\d/.test(sa) && /^-?\d/.test(sb)) {
    return compareDecimalText(sa, sb);
  }
  return sa.localeCompare(sb);
}

/** The search's needle (trimmed, lower case), or undefined when there is nothing to search for. */
export function searchNeedle(search: string | undefined): string | undefined {
  return search?.trim().toLocaleLowerCase() || undefined;
}

/** A cell matches a needle when its text holds it, in any case. */
export function cellMatches(value: unknown, needle: string): boolean {
  return value !== null && value !== undefined && String(value).toLocaleLowerCase().includes(needle);
}

/** The column a sort names, or an error naming `sort.column` and the statement's columns. */
export function sortColumn(columns: Column[], sort: { column: string } | undefined): Column | undefined {
  if (!sort) return undefined;
  const column = columns.find((c) => c.key === sort.column);
  if (!column) {
    throw new FolioError(
      'validation',
      'UNKNOWN_COLUMN',
      `sort.column: ${sort.column} is not a column of this statement (${columns.map((c) => c.key).join(', ')})`,
      'sort.column',
    );
  }
  return column;
}

/** Items sorted by their cell in a column; equal cells keep their order, in either direction. */
export function orderBy<T>(items: T[], cellOf: (item: T) => unknown, kind: Column['kind'], dir: 'asc' | 'desc' | undefined): T[] {
  const sign = dir === 'desc' ? -1 : 1;
  const cells = items.map(cellOf);
  return items
    .map((_, i) => i)
    .sort((a, b) => compareCells(kind, cells[a], cells[b]) * sign || a - b)
    .map((i) => items[i]!);
}

/** One page across groups in their order: each group's share of [offset, offset + limit). */
export function pageAcross<T>(lists: T[][], offset: number, limit: number): T[][] {
  let skip = offset;
  let room = limit;
  return lists.map((list) => {
    const from = Math.min(skip, list.length);
    skip -= from;
    const page = list.slice(from, from + room);
    room -= page.length;
    return page;
  });
}
