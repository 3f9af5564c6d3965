/**
 * The engine's half of the statement-type registry: each type's definition
 * (shared/statement-types) bound to its compute function, its optional search/sort view, its
 * subject key and, for the types a batch can make, the query listing the batch's subjects.
 * `computeStatement`, `viewStatement`, `subjectKey` and the batch plan dispatch through it.
 */
import { createHash } from 'node:crypto';
import type { FiltersOf, StatementModel, StatementType } from '../../../shared/contract';
import { STATEMENT_TYPE_DEFS, type BatchKind } from '../../../shared/statement-types';
import { computeArAging, viewArAging, type LineView } from './ar-aging';
import { clientsWithPayments, clientsWithSettlements, contractsActiveInPeriod, partiesWithOpenItems, type BatchSubjects } from './batch-subjects';
import { computeBilling } from './billing';
import { computeClient } from './client';
import type { ComputeContext } from './common';
import { computeDeal } from './deal';
import { computeInvoice } from './invoice';
import { computeSettlement } from './settlement';

export interface ComputeOptions {
  /**
   * Preview of a large statement: only the lines of this page need to be materialized (totals,
   * groups and lineCount still cover every line). Types whose size is bounded by one subject ignore it.
   */
  page?: { offset: number; limit: number };
}

export interface StatementTypeEngine<T extends StatementType> {
  compute(filters: FiltersOf<T>, ctx: ComputeContext, opts: ComputeOptions): StatementModel;
  /** search, sort and page without building every line (types that run to thousands of lines) */
  view?(filters: FiltersOf<T>, ctx: ComputeContext, view: LineView): { model: StatementModel; total: number };
  /** what the statement is about, stable across runs (batch resumability, re-issue detection) */
  subjectKey(filters: FiltersOf<T>): string;
}

type Engines = { [T in StatementType]: StatementTypeEngine<T> & (T extends BatchKind ? { batchSubjects: BatchSubjects } : object) };

/** A list of ids as a short stable token (sorted; hashed when long). */
function idsToken(ids: readonly string[] | undefined): string {
  if (!ids || ids.length === 0) return '-';
  const joined = [...new Set(ids)].sort().join(',');
  return joined.length <= 120 ? joined : `sha256:${createHash('sha256').update(joined).digest('hex').slice(0, 32)}`;
}

export const STATEMENT_ENGINES: Engines = {
  client: {
    compute: (f, ctx) => computeClient(f, ctx),
    subjectKey: (f) => `client|${f.clientId}|${f.dateFrom}|${f.dateTo}|${f.currency ?? '*'}|${idsToken(f.excludedIds)}`,
    batchSubjects: clientsWithPayments,
  },
  settlement: {
    compute: (f, ctx) => computeSettlement(f, ctx),
    subjectKey: (f) => `settlement|${f.clientId}|${f.dateFrom}|${f.dateTo}|${f.currency ?? '*'}`,
    batchSubjects: clientsWithSettlements,
  },
  deal: {
    compute: (f, ctx) => computeDeal(f, ctx),
    subjectKey: (f) => `deal|${f.dealId}`,
  },
  'ar-aging': {
    compute: (f, ctx, opts) => computeArAging(f, ctx, opts.page),
    view: (f, ctx, view) => viewArAging(f, ctx, view),
    subjectKey: (f) => `ar-aging|${f.clientId ?? '*'}|${f.asOf ?? 'today'}|${f.openItemsOnly === false ? 'all' : 'open'}`,
    batchSubjects: partiesWithOpenItems,
  },
  invoice: {
    compute: (f, ctx) => computeInvoice(f, ctx),
    subjectKey: (f) => `invoice|${f.partyId}|${f.targetType}|${idsToken(f.billingItemIds)}`,
  },
  billing: {
    compute: (f, ctx) => computeBilling(f, ctx),
    subjectKey: (f) => `billing|${f.contractId}|${f.period}`,
    batchSubjects: contractsActiveInPeriod,
  },
};

/** One type's definition and engine functions together (undefined for an unknown type). */
export function statementType<T extends StatementType>(type: T): ({ def: (typeof STATEMENT_TYPE_DEFS)[T] } & Engines[T]) | undefined {
  if (!Object.hasOwn(STATEMENT_ENGINES, type)) return undefined;
  return { def: STATEMENT_TYPE_DEFS[type], ...STATEMENT_ENGINES[type] };
}

/** The engine functions of any type, as the general shape (dispatch on a request of unknown type). */
export function engineOf(type: string): StatementTypeEngine<StatementType> | undefined {
  return Object.hasOwn(STATEMENT_ENGINES, type) ? (STATEMENT_ENGINES[type as StatementType] as unknown as StatementTypeEngine<StatementType>) : undefined;
}

/** The batch subjects query of a batch kind. */
export function batchSubjectsOf(kind: BatchKind): BatchSubjects {
  return STATEMENT_ENGINES[kind].batchSubjects;
}
