/**
 * Preview: the same model as Generate, with no file, no reference and no ledger record; its lines
 * searched, sorted and paged for the UI's grid. Totals always cover the whole statement.
 */
import type { PreviewResult, StatementModel } from '../../../shared/contract';
import type { ParsedInput } from '../../../shared/contract';
import { appendAudit } from '../audit/log';
import { invoicedItems } from '../ledger/records';
import { ledgerForReading } from '../ledger/service';
import type { Caller, Engine } from '../engine';
import { buildComputeContext } from './context';
import type { ComputeContext } from './common';
import { computeStatement, viewStatement } from './index';
import { cellMatches, orderBy, pageAcross, searchNeedle, sortColumn } from './line-order';

export type PreviewInput = ParsedInput<'statement:preview'>;

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

export async function previewStatement(
  engine: Engine,
  input: PreviewInput,
  caller: Caller,
  ctx?: ComputeContext,
): Promise<PreviewResult> {
  let context = ctx;
  if (!context) {
    // invoices: the same "already on a COMPLETED invoice" check as generate, from the ledger
    // (read-only when another Folio process holds the ledger: a preview writes nothing there)
    const ledger = input.request.type === 'invoice' ? await ledgerForReading(engine) : null;
    context = await buildComputeContext(engine, ledger ? { invoicedItems: (ids) => invoicedItems(ledger, ids) } : {});
  }
  // a large statement materializes only the page's lines: without search or sort through the
  // page of computeStatement, with them through the type's own view (AR aging)
  const plain = searchNeedle(input.search) === undefined && !input.sort;
  const view = plain ? null : viewStatement(input.request, context, input);
  const full = view ? view.model : computeCached(input, context, plain);
  const paged = plain && full.groups.reduce((n, g) => n + g.lines.length, 0) < full.lineCount;
  const { model, total } = view ?? (paged ? { model: full, total: full.lineCount } : pageModel(full, input));
  const blocked = full.findings.some((f) => f.severity === 'ERROR');
  // one entry per preview: its first page; the pages fetched after it are the same preview
  if (input.offset === 0) await auditPreview(engine, caller, input, full);
  return { type: full.type, model, page: { offset: input.offset, limit: input.limit, total }, blocked };
}

/**
 * Large full models are kept (a few per cache database, keyed by the request, the database state
 * — total_changes() moves with any write through the connection — today and the settings), so the
 * UI paging, sorting and searching through a 10,000-line statement does not recompute it each time.
 * Invoices are not kept: whether an item is already invoiced lives in the ledger.
 */
const MEMO_MIN_LINES = 500;
const MEMO_KEPT = 3;
const memo = new WeakMap<object, Map<string, StatementModel>>();

function computeCached(input: PreviewInput, ctx: ComputeContext, plain: boolean): StatementModel {
  const key =
    input.request.type === 'invoice'
      ? null
      : JSON.stringify([input.request, ctx.cache.value<number>('SELECT total_changes()') ?? 0, ctx.today, ctx.settings]);
  let kept = memo.get(ctx.cache);
  const hit = key ? kept?.get(key) : undefined;
  if (hit) return hit;
  const model = computeStatement(input.request, ctx, plain ? { page: { offset: input.offset, limit: input.limit } } : {});
  const complete = model.groups.reduce((n, g) => n + g.lines.length, 0) === model.lineCount;
  if (key && complete && model.lineCount >= MEMO_MIN_LINES) {
    if (!kept) memo.set(ctx.cache, (kept = new Map()));
    kept.set(key, model);
    while (kept.size > MEMO_KEPT) kept.delete(kept.keys().next().value!);
  }
  return model;
}

async function auditPreview(engine: Engine, caller: Caller, input: PreviewInput, model: StatementModel): Promise<void> {
  await appendAudit(engine, caller, 'preview', {
    type: model.type,
    filters: model.filters,
    lineCount: model.lineCount,
    findings: model.findings.length,
    dataVersion: model.dataVersion,
    ...(input.search ? { search: input.search } : {}),
  });
}
