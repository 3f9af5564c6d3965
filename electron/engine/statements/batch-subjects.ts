/**
 * Which subjects a batch run of each kind covers, streamed as ids in id order (docs/rules.md
 * "Batch"): the queries behind the batch plan, bound to their types in `registry.ts`.
 */
import { applyPercent } from '../../../shared/money';
import type { Database } from '../db/database';

/** The run's normalised filters (the registry's batch `run` fields), its contract types and listed parties. */
export interface SubjectQuery {
  filters: Readonly<Record<string, string>>;
  contractTypes?: readonly string[] | undefined;
  /** the parties the run was narrowed to (sorted, checked to exist), or null for every party */
  listed: readonly string[] | null;
}

export type BatchSubjects = (cache: Database, q: SubjectQuery) => Iterable<string>;

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(',');
}

function* ids(rows: Iterable<{ id: string }>): Generator<string> {
  for (const r of rows) yield r.id;
}

export function monthBounds(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

/** Every contract of the chosen types and customers whose [start_date, end_date] overlaps the period, whatever its status. */
export const contractsActiveInPeriod: BatchSubjects = (cache, q) => {
  const { from, to } = monthBounds(q.filters.period!);
  const where = ['start_date <= ?', '(end_date IS NULL OR end_date >= ?)'];
  const params: string[] = [to, from];
  if (q.contractTypes?.length) {
    where.push(`type IN (${placeholders(q.contractTypes.length)})`);
    params.push(...q.contractTypes);
  }
  if (q.listed) {
    where.push(`customer_id IN (${placeholders(q.listed.length)})`);
    params.push(...q.listed);
  }
  return ids(cache.iterate<{ id: string }>(`SELECT id FROM contracts WHERE ${where.join(' AND ')} ORDER BY id`, params));
};

/** The listed clients, else every client with a row of `table` dated (`dateColumn`) in the range. */
function clientsWithRows(table: string, dateColumn: string): BatchSubjects {
  return (cache, q) =>
    q.listed ??
    ids(
      cache.iterate<{ id: string }>(
        `SELECT DISTINCT client_id AS id FROM ${table} WHERE ${dateColumn} BETWEEN ? AND ? ORDER BY client_id`,
        [q.filters.dateFrom!, q.filters.dateTo!],
      ),
    );
}
export const clientsWithPayments = clientsWithRows('payment_items', 'posted_date');
export const clientsWithSettlements = clientsWithRows('settlements', 'settled_date');

/** The listed parties, else those with at least one billing item whose balance as of the date is not zero (streamed). */
export const partiesWithOpenItems: BatchSubjects = (cache, q) => q.listed ?? openItemParties(cache, q.filters.asOf!);

function* openItemParties(cache: Database, asOf: string): Generator<string> {
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
