/**
 * The preview use case: the same model as Generate, with no file, no reference and no ledger record;
 * its lines searched, sorted and paged for the UI's grid (`statements/page.ts`). Totals always cover
 * the whole statement.
 */
import type { Finding, ParsedInput, PreviewResult, StatementModel } from '../../../shared/contract';
import { appendAudit } from '../audit/log';
import { cacheVersion } from '../cache/version';
import { invoicedItems } from '../ledger/records';
import { ledgerForReading } from '../ledger/service';
import type { Caller, Engine } from '../engine';
import { buildComputeContext, computeStatement, viewStatement, type ComputeContext } from '../statements';
import { searchNeedle } from '../statements/line-order';
import { pageModel } from '../statements/page';
import { settingsService } from '../settings/service';
import { pinnedOf, previewPreflight, withFindings } from './preflight';

export type PreviewInput = ParsedInput<'statement:preview'>;

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
  // what would make Generate fail, as ERROR findings naming the fix (generate runs the same checks)
  const pre = await preflight(engine, input, full);
  const blocked = full.findings.some((f) => f.severity === 'ERROR') || pre.some((f) => f.severity === 'ERROR');
  // one entry per preview: its first page; the pages fetched after it are the same preview
  if (input.offset === 0) await auditPreview(engine, caller, input, full);
  return { type: full.type, model: withFindings(model, pre), page: { offset: input.offset, limit: input.limit, total }, blocked };
}

/**
 * Large full models are kept (a few per cache database, keyed by the request, the cache version
 * — cache/version.ts: any write through this connection or commit by another process — today and
 * the settings), so the
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
      : JSON.stringify([input.request, cacheVersion(ctx.cache), ctx.today, ctx.settings]);
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

async function preflight(engine: Engine, input: PreviewInput, model: StatementModel): Promise<Finding[]> {
  const settings = (await engine.use(settingsService)).values();
  const choice = { pinned: pinnedOf(input.template, settings['template.default']) };
  return previewPreflight(engine, await ledgerForReading(engine), model, { request: input.request, choice, format: input.format });
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
