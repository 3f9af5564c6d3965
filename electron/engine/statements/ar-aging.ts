/**
 * AR aging statement (AR). Balance of a billing item as of a date = amount (+ VAT when vat_pct,
 * rounded once per item) − payments with paid_date ≤ as_of. Items issued after as_of are left out;
 * open = balance ≠ 0. Age = as_of − due_date in days; buckets Current (age ≤ 0), then the
 * `aging.buckets` bounds (default 1–30, 31–60, 61–90, 91–120, 120+). Lines are grouped by currency
 * and party; an overpayment (negative balance) is a credit in its bucket, never dropped.
 */
import type { FiltersOf, Line, LineGroup, StatementModel } from '../../../shared/contract';
import { toDayNumber } from '../../../shared/dates';
import { applyPercent, parseDecimal, type Decimal, type Minor } from '../../../shared/money';
import { allRows, baseModel, cleanFilters, col, invalid, money, partyBlock, requireParty, Totals, type ComputeContext } from './common';

/** What totals and order need, read for every item (narrow, so large statements stay fast). */
interface AgingRow {
  id: string;
  party_id: string;
  currency: string;
  amount: number;
  vat_pct: string | null;
  due_date: string;
  paid: number;
}
/** What a printed line needs besides that, read only for the lines materialized. */
interface DetailRow {
  id: string;
  description: string;
  issue_date: string;
  invoice_number: string | null;
}

interface Rec {
  row: AgingRow;
  gross: Minor;
  balance: Minor;
  age: number;
  bucket: AgingBucket;
}

interface Group {
  currency: string;
  partyId: string;
  partyName: string;
  recs: Rec[];
  /** per bucket index, then the total (minor units) */
  sums: number[];
}

export interface LinePage {
  offset: number;
  limit: number;
}

export interface AgingBucket {
  key: string;
  label: string;
  /** inclusive upper bound of the age in days; null for the last (open-ended) bucket */
  max: number | null;
}

/** Bucket keys from the bounds: [30,60,90,120] → current, 1-30, 31-60, 61-90, 91-120, 120+. */
export function agingBuckets(bounds: number[]): AgingBucket[] {
  const b = [...new Set(bounds)].filter((n) => Number.isInteger(n) && n > 0).sort((x, y) => x - y);
  if (b.length === 0) throw invalid('BAD_AGING_BUCKETS', 'aging.buckets must hold at least one positive whole number of days', 'aging.buckets');
  const out: AgingBucket[] = [{ key: 'current', label: 'Current', max: 0 }];
  let lo = 1;
  for (const hi of b) {
    out.push({ key: `${lo}-${hi}`, label: `${lo}–${hi}`, max: hi });
    lo = hi + 1;
  }
  const last = b[b.length - 1]!;
  out.push({ key: `${last}+`, label: `${last}+`, max: null });
  return out;
}

export function bucketIndex(age: number, buckets: AgingBucket[]): number {
  for (let i = 0; i < buckets.length; i++) {
    const max = buckets[i]!.max;
    if (max !== null && age <= max) return i;
  }
  return buckets.length - 1;
}

export function bucketFor(age: number, buckets: AgingBucket[]): AgingBucket {
  return buckets[bucketIndex(age, buckets)]!;
}

/**
 * `page`: materialize only the lines in [offset, offset + limit) of the statement's order (preview
 * of a large statement); totals, groups and lineCount always cover every line.
 */
export function computeArAging(f: FiltersOf<'ar-aging'>, ctx: ComputeContext, page?: LinePage): StatementModel {
  const asOf = f.asOf ?? ctx.today;
  const openOnly = f.openItemsOnly ?? true;
  const client = f.clientId ? requireParty(ctx.cache, f.clientId, 'clientId', 'client') : null;
  const buckets = agingBuckets(ctx.settings.agingBuckets);
  const keys = [...buckets.map((b) => b.key), 'total'];

  const { groupList, totals, credits } = agingState(ctx, client, asOf, openOnly, buckets);

  // lines by due date, then id; pick the ones to materialize
  let skip = page ? page.offset : 0;
  let room = page ? page.limit : Number.POSITIVE_INFINITY;
  const chosen: Rec[][] = groupList.map((g) => {
    const from = Math.min(skip, g.recs.length);
    skip -= from;
    const take = g.recs.slice(from, from + Math.min(room, g.recs.length));
    room -= take.length;
    return take;
  });
  const details = itemDetails(ctx, chosen.flat().map((r) => r.row.id));

  // a paged preview carries only the page's parties (groups and summary rows); totals cover all
  const shown = groupList.map((g, gi) => ({ g, lines: chosen[gi]! })).filter((x) => !page || x.lines.length > 0);
  const groups: LineGroup[] = shown.map(({ g, lines }) => ({
    key: `${g.currency}|${g.partyId}`,
    title: `${g.partyName} (${g.currency})`,
    currency: g.currency,
    lines: lines.map((rec) => agingLine(rec, g.partyName, details.get(rec.row.id)!)),
    totals: Object.fromEntries(keys.map((k, i) => [k, money(g.sums[i]!, g.currency)])),
  }));
  const lineCount = groupList.reduce((n, g) => n + g.recs.length, 0);
  const bucketCols = buckets.map((b) => col(b.key, b.label, 'money'));

  return baseModel(
    {
      type: 'ar-aging',
      title: 'AR aging statement',
      party: client ? partyBlock(client) : null,
      header: [
        { label: 'Client', value: client ? client.name : 'All parties' },
        { label: 'As of', value: asOf },
        { label: 'Items', value: openOnly ? 'Open items only' : 'All items' },
      ],
      filters: cleanFilters({ ...f, asOf, openItemsOnly: openOnly }),
      dateFrom: null,
      dateTo: asOf,
      currency: totals.currencies().length === 1 ? totals.currencies()[0]! : null,
      columns: [
        col('invoiceNumber', 'Invoice', 'text'),
        col('description', 'Description', 'text', 2),
        col('issueDate', 'Issued', 'date'),
        col('dueDate', 'Due', 'date'),
        col('amount', 'Amount', 'money'),
        col('paid', 'Paid', 'money'),
        col('balance', 'Balance', 'money'),
        col('age', 'Age', 'integer'),
        col('bucket', 'Bucket', 'text'),
      ],
      groups,
      totals: totals.format(),
      sections: [
        {
          key: 'by-party',
          title: 'Summary by party',
          columns: [col('party', 'Party', 'text', 2), col('currency', 'Currency', 'text'), ...bucketCols, col('total', 'Total', 'money')],
          rows: shown.map(({ g }, i) => ({ partyId: g.partyId, party: g.partyName, currency: g.currency, ...groups[i]!.totals })),
        },
      ],
      findings: [],
      notes: [
        ...(groups.length === 0 ? [openOnly ? `No open items as of ${asOf}` : `No items as of ${asOf}`] : []),
        ...(credits ? [`${credits} overpaid item${credits === 1 ? '' : 's'} shown as credit (negative balance) in ${credits === 1 ? 'its' : 'their'} bucket`] : []),
      ],
      itemTotalKey: 'total',
      lineCount,
    },
    ctx.cache,
  );
}

interface AgingState {
  groupList: Group[];
  totals: Totals;
  credits: number;
}
/** a few recent portfolio-wide aging states per database (as-of dates, open/all items) */
const stateMemo = new WeakMap<object, Map<string, AgingState>>();
const STATES_KEPT = 4;

/**
 * Balances, ages and buckets of every item, grouped (currency, party name, party id) with lines by
 * due date then id. Kept for the same database state and parameters (any write through the
 * connection changes total_changes()), so paging, sorting and searching a preview is cheap.
 */
function agingState(ctx: ComputeContext, client: { id: string; name: string } | null, asOf: string, openOnly: boolean, buckets: AgingBucket[]): AgingState {
  if (client) return buildAgingState(ctx, client, asOf, openOnly, buckets); // one party: cheap, not kept
  const changes = ctx.cache.value<number>('SELECT total_changes()') ?? 0;
  const key = JSON.stringify([changes, asOf, openOnly, buckets.map((b) => b.max)]);
  let memo = stateMemo.get(ctx.cache);
  if (!memo) stateMemo.set(ctx.cache, (memo = new Map()));
  const hit = memo.get(key);
  if (hit) {
    memo.delete(key);
    memo.set(key, hit); // most recently used last
    return hit;
  }
  const state = buildAgingState(ctx, client, asOf, openOnly, buckets);
  memo.set(key, state);
  while (memo.size > STATES_KEPT) memo.delete(memo.keys().next().value!);
  return state;
}

function buildAgingState(ctx: ComputeContext, client: { id: string; name: string } | null, asOf: string, openOnly: boolean, buckets: AgingBucket[]): AgingState {
  const keys = [...buckets.map((b) => b.key), 'total'];
  const rows = client ? clientRows(ctx, client.id, asOf) : portfolioRows(ctx, asOf);

  const totals = new Totals(keys);
  const byCurrency = new Map<string, Map<string, Group>>();
  const byGroup: Group[] = [];
  let credits = 0;
  // large statements: parse each distinct VAT rate and due date once
  const vatOf = new Map<string, Decimal>();
  const dayOf = new Map<string, number>();
  const asOfDay = toDayNumber(asOf, 'asOf');
  const nb = buckets.length;
  for (const r of rows) {
    let vat: Decimal | undefined;
    if (r.vat_pct) {
      vat = vatOf.get(r.vat_pct);
      if (!vat) vatOf.set(r.vat_pct, (vat = parseDecimal(r.vat_pct)));
    }
    const gross: Minor = r.amount + (vat ? applyPercent(r.amount, vat) : 0);
    const balance = gross - r.paid;
    if (openOnly && balance === 0) continue;
    let due = dayOf.get(r.due_date);
    if (due === undefined) dayOf.set(r.due_date, (due = toDayNumber(r.due_date)));
    const age = asOfDay - due;
    const bi = bucketIndex(age, buckets);
    const bucket = buckets[bi]!;
    if (balance < 0) credits++;
    const c = r.currency;
    let parties = byCurrency.get(c);
    if (!parties) byCurrency.set(c, (parties = new Map()));
    let g = parties.get(r.party_id);
    if (!g) {
      parties.set(r.party_id, (g = { currency: c, partyId: r.party_id, partyName: r.party_id, recs: [], sums: new Array<number>(nb + 1).fill(0) }));
      byGroup.push(g);
    }
    g.sums[bi]! += balance;
    g.sums[nb]! += balance;
    g.recs.push({ row: r, gross, balance, age, bucket });
  }
  // currency totals = sums of the party subtotals (exact integers)
  for (const g of byGroup) for (let i = 0; i <= nb; i++) if (g.sums[i]) totals.add(g.currency, keys[i]!, g.sums[i]!);
  for (const c of byCurrency.keys()) totals.ensure(c);

  // party names, then groups by currency, party name, party id; lines by due date, then id
  const names = client ? new Map([[client.id, client.name]]) : partyNames(ctx);
  for (const g of byGroup) g.partyName = names.get(g.partyId) ?? g.partyId;
  const groupList = byGroup.sort((a, b) =>
    a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.partyName < b.partyName ? -1 : a.partyName > b.partyName ? 1 : a.partyId < b.partyId ? -1 : a.partyId > b.partyId ? 1 : 0,
  );
  for (const g of groupList) {
    g.recs.sort((x, y) => (x.row.due_date < y.row.due_date ? -1 : x.row.due_date > y.row.due_date ? 1 : x.row.id < y.row.id ? -1 : x.row.id > y.row.id ? 1 : 0));
  }
  return { groupList, totals, credits };
}

/** One party's items: the party index, and each item's payments through the payments index. */
function clientRows(ctx: ComputeContext, partyId: string, asOf: string): AgingRow[] {
  return allRows<AgingRow>(
    ctx.cache,
    'SELECT bi.id, bi.party_id, bi.currency, bi.amount, bi.vat_pct, bi.due_date, ' +
      'COALESCE((SELECT SUM(bp.amount) FROM billing_payments bp WHERE bp.billing_item_id = bi.id AND bp.paid_date <= ?), 0) AS paid ' +
      'FROM billing_items bi WHERE bi.party_id = ? AND bi.issue_date <= ?',
    [asOf, partyId, asOf],
  );
}

/**
 * Every party's items: most of the table qualifies, so one sequential pass over the items (the
 * issue_date index would cost a random lookup per row) and one grouped pass over the payments.
 */
function portfolioRows(ctx: ComputeContext, asOf: string): AgingRow[] {
  // The scan is kept for the same database state and as-of date (any write through the
  // connection changes total_changes()), so paging, sorting and searching a portfolio-wide
  // preview do not read the tables again.
  const changes = ctx.cache.value<number>('SELECT total_changes()') ?? 0;
  const memo = scans.get(ctx.cache);
  if (memo && memo.asOf === asOf && memo.changes === changes) return memo.rows;
  const rows = scanPortfolio(ctx, asOf);
  scans.set(ctx.cache, { asOf, changes, rows });
  return rows;
}

const scans = new WeakMap<object, { asOf: string; changes: number; rows: AgingRow[] }>();

function scanPortfolio(ctx: ComputeContext, asOf: string): AgingRow[] {
  const paid = new Map<string, number>();
  const ps = ctx.cache.prepare('SELECT billing_item_id, SUM(amount) FROM billing_payments WHERE paid_date <= ? GROUP BY billing_item_id');
  try {
    ps.bind([asOf]);
    while (ps.step()) {
      const v = ps.get();
      paid.set(v[0] as string, v[1] as number);
    }
  } finally {
    ps.reset();
  }
  const out: AgingRow[] = [];
  const st = ctx.cache.prepare('SELECT id, party_id, currency, amount, vat_pct, due_date FROM billing_items WHERE +issue_date <= ?');
  try {
    st.bind([asOf]);
    while (st.step()) {
      const v = st.get();
      const id = v[0] as string;
      out.push({ id, party_id: v[1] as string, currency: v[2] as string, amount: v[3] as number, vat_pct: v[4] as string | null, due_date: v[5] as string, paid: paid.get(id) ?? 0 });
    }
  } finally {
    st.reset();
  }
  return out;
}

/** Every party's name (kept with the portfolio scan for the same database state). */
function partyNames(ctx: ComputeContext): Map<string, string> {
  const changes = ctx.cache.value<number>('SELECT total_changes()') ?? 0;
  const memo = nameMemo.get(ctx.cache);
  if (memo && memo.changes === changes) return memo.names;
  const out = new Map<string, string>();
  const st = ctx.cache.prepare('SELECT id, name FROM parties');
  try {
    while (st.step()) {
      const v = st.get();
      out.set(v[0] as string, v[1] as string);
    }
  } finally {
    st.reset();
  }
  nameMemo.set(ctx.cache, { changes, names: out });
  return out;
}
const nameMemo = new WeakMap<object, { changes: number; names: Map<string, string> }>();

function itemDetails(ctx: ComputeContext, ids: string[]): Map<string, DetailRow> {
  const out = new Map<string, DetailRow>();
  if (ids.length > 5000) {
    // most of the table: one sequential pass beats thousands of key lookups
    const wanted = new Set(ids);
    const st = ctx.cache.prepare('SELECT id, description, issue_date, invoice_number FROM billing_items');
    try {
      while (st.step()) {
        const v = st.get();
        const id = v[0] as string;
        if (wanted.has(id)) out.set(id, { id, description: v[1] as string, issue_date: v[2] as string, invoice_number: v[3] as string | null });
      }
    } finally {
      st.reset();
    }
    return out;
  }
  // one prepared statement for any number of ids (a JSON array bound as one parameter)
  const rows = allRows<DetailRow>(
    ctx.cache,
    'SELECT id, description, issue_date, invoice_number FROM billing_items WHERE id IN (SELECT value FROM json_each(?))',
    [JSON.stringify(ids)],
  );
  for (const r of rows) out.set(r.id, r);
  return out;
}

function agingLine(rec: Rec, partyName: string, d: DetailRow): Line {
  const { row: r, gross, balance, age, bucket } = rec;
  const c = r.currency;
  const ref = d.invoice_number ?? r.id;
  return {
    id: r.id,
    cells: {
      party: partyName,
      invoiceNumber: d.invoice_number,
      description: d.description,
      issueDate: d.issue_date,
      dueDate: r.due_date,
      amount: money(gross, c),
      paid: money(r.paid, c),
      balance: money(balance, c),
      age,
      bucket: bucket.label,
      credit: balance < 0 ? 'CR' : null,
    },
    item: {
      description: `${ref} ${d.description}${balance < 0 ? ' (credit)' : ''}`,
      periodStart: d.issue_date,
      periodEnd: r.due_date,
      quantity: null,
      rate: null,
      amount: money(balance, c),
      itemType: balance < 0 ? 'AR_CREDIT' : 'AR_ITEM',
    },
  };
}
