/**
 * Planning: which subjects a run covers, as a compact list of ids (never models), filtered to the
 * run's shard. Rules (docs/rules.md "Batch"):
 * - billing: every contract of the chosen types and customers whose [start_date, end_date]
 *   overlaps the period, whatever its status (a SUSPENDED one fails validation and is reported);
 * - client: every client with a payment item posted in the range, or the listed clients;
 * - settlement: every client with a settlement settled in the range, or the listed clients;
 * - ar-aging: every party with an open billing item as of the date, or the listed parties.
 */
import type { BatchInput, BatchKind, StatementRequest } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { applyPercent } from '../../../shared/money';
import type { Database } from '../db/database';
import { inShard } from './shard';

export interface PlannedSubject {
  /** contract id (billing) or party id */
  id: string;
}

export interface Plan {
  kind: BatchKind;
  /** the normalised filters the requests are built from */
  period: string | null;
  dateFrom: string | null;
  dateTo: string | null;
  asOf: string | null;
  /** subject ids in this shard, in id order */
  ids: string[];
  /** subjects matching the filters before sharding */
  matched: number;
}

export type SubjectKeyFn = (request: StatementRequest) => string;

/** The statement request for one planned subject. */
export function requestFor(plan: Plan, id: string): StatementRequest {
  switch (plan.kind) {
    case 'billing':
      return { type: 'billing', filters: { contractId: id, period: plan.period! } };
    case 'client':
      return { type: 'client', filters: { clientId: id, dateFrom: plan.dateFrom!, dateTo: plan.dateTo! } };
    case 'settlement':
      return { type: 'settlement', filters: { clientId: id, dateFrom: plan.dateFrom!, dateTo: plan.dateTo! } };
    case 'ar-aging':
      return { type: 'ar-aging', filters: { clientId: id, asOf: plan.asOf! } };
  }
}

export function periodBounds(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

function need<T>(value: T | undefined, field: string, kind: string): T {
  if (value === undefined) {
    throw new FolioError('validation', 'MISSING_FILTER', `${field}: is required for a ${kind} batch`, field);
  }
  return value;
}

function checkRange(from: string, to: string): void {
  if (from > to) throw new FolioError('validation', 'BAD_RANGE', `dateTo: ${to} is before dateFrom ${from}`, 'dateTo');
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

/** Listed parties must exist: a typo in a 5,000-id list is named, not silently skipped. */
function checkParties(cache: Database, ids: string[], field: string): void {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = new Set(
      cache.all<{ id: string }>(`SELECT id FROM parties WHERE id IN (${placeholders(chunk.length)})`, chunk).map((r) => r.id),
    );
    const missing = chunk.find((id) => !found.has(id));
    if (missing !== undefined) {
      throw new FolioError('validation', 'UNKNOWN_PARTY', `${field}: there is no party with id ${missing} in the cache`, field);
    }
  }
}

/**
 * Plans a run. `today` is the local calendar date (AR default as-of). Throws a validation
 * FolioError naming the field for bad or missing filters; nothing is recorded then.
 */
export function planRun(cache: Database, input: BatchInput, keyOf: SubjectKeyFn, today: string): Plan {
  const kind = input.kind;
  const plan: Plan = { kind, period: null, dateFrom: null, dateTo: null, asOf: null, ids: [], matched: 0 };
  const listed = input.partyIds && input.partyIds.length ? [...new Set(input.partyIds)].sort() : null;
  if (listed) checkParties(cache, listed, 'partyIds');
  let source: Iterable<string>;
  switch (kind) {
    case 'billing': {
      plan.period = need(input.period, 'period', kind);
      const { from, to } = periodBounds(plan.period);
      const where = ['start_date <= ?', '(end_date IS NULL OR end_date >= ?)'];
      const params: string[] = [to, from];
      if (input.contractTypes?.length) {
        where.push(`type IN (${placeholders(input.contractTypes.length)})`);
        params.push(...input.contractTypes);
      }
      if (listed) {
        where.push(`customer_id IN (${placeholders(listed.length)})`);
        params.push(...listed);
      }
      source = ids(cache.iterate<{ id: string }>(`SELECT id FROM contracts WHERE ${where.join(' AND ')} ORDER BY id`, params));
      break;
    }
    case 'client':
    case 'settlement': {
      plan.dateFrom = need(input.dateFrom, 'dateFrom', kind);
      plan.dateTo = need(input.dateTo, 'dateTo', kind);
      checkRange(plan.dateFrom, plan.dateTo);
      if (listed) source = listed;
      else if (kind === 'client') {
        source = ids(
          cache.iterate<{ id: string }>(
            'SELECT DISTINCT client_id AS id FROM payment_items WHERE posted_date BETWEEN ? AND ? ORDER BY client_id',
            [plan.dateFrom, plan.dateTo],
          ),
        );
      } else {
        source = ids(
          cache.iterate<{ id: string }>(
            'SELECT DISTINCT client_id AS id FROM settlements WHERE settled_date BETWEEN ? AND ? ORDER BY client_id',
            [plan.dateFrom, plan.dateTo],
          ),
        );
      }
      break;
    }
    case 'ar-aging': {
      plan.asOf = input.asOf ?? today;
      source = listed ?? partiesWithOpenItems(cache, plan.asOf);
      break;
    }
  }
  for (const id of source) {
    plan.matched++;
    if (inShard(keyOf(requestFor(plan, id)), input.shard)) plan.ids.push(id);
  }
  return plan;
}

function* ids(rows: Iterable<{ id: string }>): Generator<string> {
  for (const r of rows) yield r.id;
}

/** Parties with at least one billing item whose balance as of `asOf` is not zero (streamed). */
function* partiesWithOpenItems(cache: Database, asOf: string): Generator<string> {
  const rows = cache.iterate<{ party_id: string; amount: number; vat_pct: string | null; paid: number }>(
    `SELECT b.party_id, b.amount, b.vat_pct,
            (SELECT coalesce(sum(p.amount), 0) FROM billing_payments p WHERE p.billing_item_id = b.id AND p.paid_date <= ?) AS paid
       FROM billing_items b WHERE b.issue_date <= ? ORDER BY b.party_id`,
    [asOf, asOf],
  );
  let last: string | null = null;
  for (const r of rows) {
    if (r.party_id === last) continue;
    const vat = r.vat_pct ? applyPercent(r.amount, r.vat_pct) : 0;
    if (r.amount + vat - r.paid !== 0) {
      last = r.party_id;
      yield r.party_id;
    }
  }
}
