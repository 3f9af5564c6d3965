/**
 * Paging a computed model for the UI's grid: its lines searched, sorted and paged; groups keep their
 * order and the totals always cover the whole statement. Pure: no database, no engine.
 */
import type { StatementModel } from '../../../shared/contract';
import { cellMatches, orderBy, pageAcross, searchNeedle, sortColumn } from './line-order';

export interface PageOptions {
  offset: number;
  limit: number;
  sort?: { column: string; dir: 'asc' | 'desc' } | undefined;
  search?: string | undefined;
}

/** Applies search, sort and paging to a model's lines (groups keep their order; totals unchanged). */
export function pageModel(model: StatementModel, opts: PageOptions): { model: StatementModel; total: number } {
  const needle = searchNeedle(opts.search);
  const column = sortColumn(model.columns, opts.sort);
  const lists = model.groups.map((g) => {
    const lines = needle ? g.lines.filter((l) => Object.values(l.cells).some((v) => cellMatches(v, needle))) : g.lines;
    return column ? orderBy(lines, (l) => l.cells[column.key], column.kind, opts.sort!.dir) : lines;
  });
  const pages = pageAcross(lists, opts.offset, opts.limit);
  const total = lists.reduce((n, l) => n + l.length, 0);
  return { model: { ...model, groups: model.groups.map((g, i) => ({ ...g, lines: pages[i]! })) }, total };
}
