/**
 * The statement engine: from the local cache to a statement model, for the six types of
 * statements.md. `computeStatement` is synchronous and pure over the cache: it validates the
 * filters first (FolioError 'validation' naming the field; nothing recorded), then builds the model.
 */
import type { StatementModel, StatementRequest } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { LineView } from './ar-aging';
import type { ComputeContext } from './common';
import { engineOf, type ComputeOptions } from './registry';

export type { ComputeContext, ComputeSettings } from './common';
export { DEFAULT_SETTINGS } from './common';
export { buildComputeContext } from './context';
export { STATEMENT_ENGINES, statementType, type ComputeOptions, type StatementTypeEngine } from './registry';

function engineFor(request: StatementRequest) {
  const e = engineOf(request.type);
  if (!e) throw new FolioError('validation', 'UNKNOWN_TYPE', `Unknown statement type ${(request as { type: string }).type}`, 'type');
  return e;
}

/** The model of a request, by its type's compute function (statements/registry.ts). */
export function computeStatement(request: StatementRequest, ctx: ComputeContext, opts: ComputeOptions = {}): StatementModel {
  return engineFor(request).compute(request.filters, ctx, opts);
}

/**
 * A preview's search, sort and page computed by the statement type itself, without building every
 * line (AR aging, the one type whose statements run to thousands of lines); null for the others,
 * whose whole model is searched, sorted and paged (`pageModel`).
 */
export function viewStatement(request: StatementRequest, ctx: ComputeContext, view: LineView): { model: StatementModel; total: number } | null {
  return engineFor(request).view?.(request.filters, ctx, view) ?? null;
}

/**
 * What a statement is about, stable across runs: used for batch resumability and re-issue
 * detection. Two requests with the same key would produce the same statement from the same data.
 */
export function subjectKey(request: StatementRequest): string {
  return engineFor(request).subjectKey(request.filters);
}
