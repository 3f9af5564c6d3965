/**
 * The statement engine: from the local cache to a statement model, for the six types of
 * statements.md. `computeStatement` is synchronous and pure over the cache: it validates the
 * filters first (FolioError 'validation' naming the field; nothing recorded), then builds the model.
 */
import { createHash } from 'node:crypto';
import type { StatementModel, StatementRequest } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { computeArAging, viewArAging, type LineView } from './ar-aging';
import { computeBilling } from './billing';
import { computeClient } from './client';
import type { ComputeContext } from './common';
import { computeDeal } from './deal';
import { computeInvoice } from './invoice';
import { computeSettlement } from './settlement';

export type { ComputeContext, ComputeSettings } from './common';
export { DEFAULT_SETTINGS } from './common';
export { buildComputeContext, setInvoicedItemsLookup } from './context';

export interface ComputeOptions {
  /**
   * Preview of a large statement: only the lines of this page need to be materialized (totals,
   * groups and lineCount still cover every line). Types whose size is bounded by one subject ignore it.
   */
  page?: { offset: number; limit: number };
}

export function computeStatement(request: StatementRequest, ctx: ComputeContext, opts: ComputeOptions = {}): StatementModel {
  switch (request.type) {
    case 'client':
      return computeClient(request.filters, ctx);
    case 'settlement':
      return computeSettlement(request.filters, ctx);
    case 'deal':
      return computeDeal(request.filters, ctx);
    case 'ar-aging':
      return computeArAging(request.filters, ctx, opts.page);
    case 'invoice':
      return computeInvoice(request.filters, ctx);
    case 'billing':
      return computeBilling(request.filters, ctx);
    default:
      throw new FolioError('validation', 'UNKNOWN_TYPE', `Unknown statement type ${(request as { type: string }).type}`, 'type');
  }
}

/**
 * A preview's search, sort and page computed by the statement type itself, without building every
 * line (AR aging, the one type whose statements run to thousands of lines); null for the others,
 * whose whole model is searched, sorted and paged (`pageModel`).
 */
export function viewStatement(request: StatementRequest, ctx: ComputeContext, view: LineView): { model: StatementModel; total: number } | null {
  return request.type === 'ar-aging' ? viewArAging(request.filters, ctx, view) : null;
}

/** A list of ids as a short stable token (sorted; hashed when long). */
function idsToken(ids: readonly string[] | undefined): string {
  if (!ids || ids.length === 0) return '-';
  const joined = [...new Set(ids)].sort().join(',');
  return joined.length <= 120 ? joined : `sha256:${createHash('sha256').update(joined).digest('hex').slice(0, 32)}`;
}

/**
 * What a statement is about, stable across runs: used for batch resumability and re-issue
 * detection. Two requests with the same key would produce the same statement from the same data.
 */
export function subjectKey(request: StatementRequest): string {
  switch (request.type) {
    case 'client': {
      const f = request.filters;
      return `client|${f.clientId}|${f.dateFrom}|${f.dateTo}|${f.currency ?? '*'}|${idsToken(f.excludedIds)}`;
    }
    case 'settlement': {
      const f = request.filters;
      return `settlement|${f.clientId}|${f.dateFrom}|${f.dateTo}|${f.currency ?? '*'}`;
    }
    case 'deal':
      return `deal|${request.filters.dealId}`;
    case 'ar-aging': {
      const f = request.filters;
      return `ar-aging|${f.clientId ?? '*'}|${f.asOf ?? 'today'}|${f.openItemsOnly === false ? 'all' : 'open'}`;
    }
    case 'invoice': {
      const f = request.filters;
      return `invoice|${f.partyId}|${f.targetType}|${idsToken(f.billingItemIds)}`;
    }
    case 'billing':
      return `billing|${request.filters.contractId}|${request.filters.period}`;
    default:
      throw new FolioError('validation', 'UNKNOWN_TYPE', `Unknown statement type`, 'type');
  }
}
