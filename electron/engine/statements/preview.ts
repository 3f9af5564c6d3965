/**
 * Preview: the same model as Generate, with no file, no reference and no ledger record; its lines
 * searched, sorted and paged for the UI's grid. Totals always cover the whole statement.
 */
import type { Column, Line, PreviewResult, StatementModel } from '../../../shared/contract';
import type { ParsedInput } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { appendAudit } from '../audit/log';
import { invoicedItems } from '../ledger/records';
import { ledgerForReading } from '../ledger/service';
import type { Caller, Engine } from '../engine';
import { buildComputeContext } from './context';
import type { ComputeContext } from './common';
import { computeStatement } from './index';

export type PreviewInput = ParsedInput<'statement:preview'>;

export interface PageOptions {
  offset: number;
  limit: number;
  sort?: { column: string; dir: 'asc' | 'desc' } | undefined;
  search?: string | undefined;
}

/** Decimal strings compare as numbers without floats: sign, integer length, then digits. */
function compareDecimal(a: string, b: string): number {
  const na = a.startsWith('-');
  const nb = b.startsWith('-');
  if (na !== nb) return na ? -1 : 1;
  const [ai = '', af = ''] = (na ? a.slice(1) : a).split('.');
  const [bi = '', bf = ''] = (nb ? b.slice(1) : b).split('.');
  let c = ai.length - bi.length || (ai < bi ? -1 : ai > bi ? 1 : 0);
  if (c === 0) {
    const w = Math.max(af.length, bf.length);
    const x = af.padEnd(w, '0');
    const y = bf.padEnd(w, '0');
    c = x < y ? -1 : x > y ? 1 : 0;
  }
  return na ? -c : c;
}

function compareCells(kind: Column['kind'], a: unknown, b: unknown): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  if ((kind === 'money' || kind === 'percent' || kind === 'quantity' || kind === 'integer') && /^-?\d/.test(sa) && /^-?\d/.test(sb)) {
    return compareDecimal(sa, sb);
  }
  return sa.localeCompare(sb);
}

/** Applies search, sort and paging to a model's lines (groups keep their order; totals unchanged). */
export function pageModel(model: StatementModel, opts: PageOptions): { model: StatementModel; total: number } {
  const needle = opts.search?.trim().toLocaleLowerCase();
  let column: Column | undefined;
  if (opts.sort) {
    column = model.columns.find((c) => c.key === opts.sort!.column);
    if (!column) {
      throw new FolioError(
        'validation',
        'UNKNOWN_COLUMN',
        `sort.column: ${opts.sort.column} is not a column of this statement (${model.columns.map((c) => c.key).join(', ')})`,
        'sort.column',
      );
    }
  }
  const matches = (l: Line) =>
    !needle || Object.values(l.cells).some((v) => v !== null && String(v).toLocaleLowerCase().includes(needle));
  const dir = opts.sort?.dir === 'desc' ? -1 : 1;
  let skip = opts.offset;
  let room = opts.limit;
  let total = 0;
  const groups = model.groups.map((g) => {
    let lines = needle ? g.lines.filter(matches) : g.lines;
    if (column) {
      const key = column.key;
      const kind = column.kind;
      lines = lines
        .map((l, i) => ({ l, i }))
        .sort((x, y) => compareCells(kind, x.l.cells[key], y.l.cells[key]) * dir || x.i - y.i)
        .map((x) => x.l);
    }
    total += lines.length;
    const from = Math.min(skip, lines.length);
    skip -= from;
    const page = lines.slice(from, from + room);
    room -= page.length;
    return { ...g, lines: page };
  });
  return { model: { ...model, groups }, total };
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
  // without search or sort, a large statement materializes only the page's lines
  const plain = !input.search?.trim() && !input.sort;
  const full = computeCached(input, context, plain);
  const paged = plain && full.groups.reduce((n, g) => n + g.lines.length, 0) < full.lineCount;
  const { model, total } = paged ? { model: full, total: full.lineCount } : pageModel(full, input);
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
