/**
 * AR aging statement (AR). Balance of a billing item as of a date = amount (+ VAT when vat_pct,
 * rounded once per item) − payments with paid_date ≤ as_of. Items issued after as_of are left out;
 * open = balance ≠ 0. Age = as_of − due_date in days; buckets Current (age ≤ 0), then the
 * `aging.buckets` bounds (default 1–30, 31–60, 61–90, 91–120, 120+). Lines are grouped by currency
 * and party; an overpayment (negative balance) is a credit in its bucket, never dropped.
 */
import type { FiltersOf, Line, LineGroup, StatementModel } from '../../../shared/contract';
import { isDate, toDayNumber } from '../../../shared/dates';
import type { Decimal } from '../../../shared/money';
import { agingIndex, itemGross, paidBy, type AgingIndex } from '../cache/aging-index';
import { cacheVersion } from '../cache/version';
import type { SqlValue } from '../db/database';
import { baseModel, cleanFilters, col, invalid, money, partyBlock, requireParty, Totals, type ComputeContext } from './common';
import { cellMatches, orderBy, pageAcross, searchNeedle, sortColumn } from './line-order';
import { STATEMENT_TYPE_DEFS } from '../../../shared/statement-types';

/** What a printed line needs besides the scan, read only for the lines materialized. */
interface DetailRow {
  id: string;
  description: string;
  issue_date: string;
  due_date: string;
  invoice_number: string | null;
}

interface Group {
  currency: string;
  partyId: string;
  partyName: string;
  /** the group's lines: indexes into the scan, by due date then id */
  recs: number[];
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

/** A preview's search, sort and page of the lines (the rules of line-order.ts). */
export interface LineView extends LinePage {
  sort?: { column: string; dir: 'asc' | 'desc' } | undefined;
  search?: string | undefined;
}

const COLUMNS = [
  col('invoiceNumber', 'Invoice', 'text'),
  col('description', 'Description', 'text', 2),
  col('issueDate', 'Issued', 'date'),
  col('dueDate', 'Due', 'date'),
  col('amount', 'Amount', 'money'),
  col('paid', 'Paid', 'money'),
  col('balance', 'Balance', 'money'),
  col('age', 'Age', 'integer'),
  col('bucket', 'Bucket', 'text'),
];

/**
 * `page`: materialize only the lines in [offset, offset + limit) of the statement's order (preview
 * of a large statement); totals, groups and lineCount always cover every line.
 */
export function computeArAging(f: FiltersOf<'ar-aging'>, ctx: ComputeContext, page?: LinePage): StatementModel {
  return arAging(f, ctx, page ? { page } : {}).model;
}

/**
 * The preview of a searched or sorted AR aging: the same lines, in the same order, and the same
 * total as searching, sorting and paging the whole model (`pageModel`), computed over the scan so
 * that only the page's lines are materialized (a 19,000-line portfolio is otherwise built whole
 * for one page). Like a plain page, it carries only the page's parties; `total` counts the lines
 * that match.
 */
export function viewArAging(f: FiltersOf<'ar-aging'>, ctx: ComputeContext, view: LineView): { model: StatementModel; total: number } {
  return arAging(f, ctx, { view });
}

function arAging(f: FiltersOf<'ar-aging'>, ctx: ComputeContext, opts: { page?: LinePage; view?: LineView }): { model: StatementModel; total: number } {
  const { page, view } = opts;
  const asOf = f.asOf ?? ctx.today;
  const openOnly = f.openItemsOnly ?? true;
  const client = f.clientId ? requireParty(ctx.cache, f.clientId, 'clientId', 'client') : null;
  const buckets = agingBuckets(ctx.settings.agingBuckets);
  const keys = [...buckets.map((b) => b.key), 'total'];

  const state = agingState(ctx, client, asOf, openOnly, buckets);
  const { scan, groupList, totals, credits } = state;
  const asOfDay = toDayNumber(asOf, 'asOf');
  const lineCount = groupList.reduce((n, g) => n + g.recs.length, 0);

  // lines by due date, then id (or as the view searches and sorts them); pick the ones to materialize
  let chosen: number[][];
  let details: Map<number, DetailRow>;
  let total = lineCount;
  if (view) {
    ({ chosen, details, total } = viewLines(ctx, state, asOfDay, buckets, view));
  } else {
    chosen = pageAcross(
      groupList.map((g) => g.recs),
      page ? page.offset : 0,
      page ? page.limit : Number.POSITIVE_INFINITY,
    );
    details = itemDetails(ctx, chosen.flat().map((i) => scan.rowid[i]!));
  }

  // a paged preview (searched and sorted or not) carries only the page's parties (groups and
  // summary rows); totals cover all
  const shown = groupList.map((g, gi) => ({ g, lines: chosen[gi]! })).filter((x) => !(page || view) || x.lines.length > 0);
  const groups: LineGroup[] = shown.map(({ g, lines }) => ({
    key: `${g.currency}|${g.partyId}`,
    title: `${g.partyName} (${g.currency})`,
    currency: g.currency,
    lines: lines.map((i) => agingLine(scan, i, g, details.get(scan.rowid[i]!)!, asOfDay, buckets)),
    totals: Object.fromEntries(keys.map((k, i) => [k, money(g.sums[i]!, g.currency)])),
  }));
  const bucketCols = buckets.map((b) => col(b.key, b.label, 'money'));

  const model = baseModel(
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
      columns: [...COLUMNS],
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
        ...(lineCount === 0 ? [openOnly ? `No open items as of ${asOf}` : `No items as of ${asOf}`] : []),
        ...(credits ? [`${credits} overpaid item${credits === 1 ? '' : 's'} shown as credit (negative balance) in ${credits === 1 ? 'its' : 'their'} bucket`] : []),
      ],
      itemTotalKey: STATEMENT_TYPE_DEFS['ar-aging'].itemTotalKey,
      lineCount,
    },
    ctx.cache,
  );
  return { model, total };
}

interface AgingState {
  scan: Scan;
  groupList: Group[];
  totals: Totals;
  credits: number;
  /** every line's text, once a search or a text sort has read it (kept with the state) */
  details?: Map<number, DetailRow>;
}
/** a few recent portfolio-wide aging states per database (as-of dates, open/all items) */
const stateMemo = new WeakMap<object, Map<string, AgingState>>();
const STATES_KEPT = 4;

/**
 * Balances, ages and buckets of every item, grouped (currency, party name, party id) with lines by
 * due date then id. Kept for the same cache version (cache/version.ts) and parameters, so paging,
 * sorting and searching a preview is cheap.
 */
function agingState(ctx: ComputeContext, client: { id: string; name: string } | null, asOf: string, openOnly: boolean, buckets: AgingBucket[]): AgingState {
  if (client) return buildAgingState(ctx, client, asOf, openOnly, buckets); // one party: cheap, not kept
  agingIndex(ctx.cache); // (built and stored first if missing: the key below is then the settled state)
  const key = JSON.stringify([cacheVersion(ctx.cache), asOf, openOnly, buckets.map((b) => b.max)]);
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
  const asOfDay = toDayNumber(asOf, 'asOf');
  const scan = client ? scanItems(ctx, client.id, asOf) : portfolioScan(ctx, asOf);
  const { gross, paid, due } = scan;

  const totals = new Totals(keys);
  const byGroup: Group[] = [];
  let credits = 0;
  const nb = buckets.length;
  // the scan comes in (currency, party) runs with lines already by due date, then id
  for (const run of scan.runs) {
    let g: Group | null = null;
    for (let i = run.start; i < run.end; i++) {
      const balance = gross[i]! - paid[i]!;
      if (openOnly && balance === 0) continue;
      const age = asOfDay - dueDay(scan, i, due[i]!);
      const bi = bucketIndex(age, buckets);
      if (balance < 0) credits++;
      if (!g) byGroup.push((g = { currency: run.currency, partyId: run.partyId, partyName: run.partyId, recs: [], sums: new Array<number>(nb + 1).fill(0) }));
      g.sums[bi]! += balance;
      g.sums[nb]! += balance;
      g.recs.push(i);
    }
  }
  // currency totals = sums of the party subtotals (exact integers)
  for (const g of byGroup) for (let i = 0; i <= nb; i++) if (g.sums[i]) totals.add(g.currency, keys[i]!, g.sums[i]!);
  for (const g of byGroup) totals.ensure(g.currency);

  // party names, then groups by currency, party name, party id
  const names = client ? new Map([[client.id, client.name]]) : (scan.names ?? partyNames(ctx));
  for (const g of byGroup) g.partyName = names.get(g.partyId) ?? g.partyId;
  const groupList = byGroup.sort((a, b) =>
    a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.partyName < b.partyName ? -1 : a.partyName > b.partyName ? 1 : a.partyId < b.partyId ? -1 : a.partyId > b.partyId ? 1 : 0,
  );
  return { scan, groupList, totals, credits };
}

/** An item's due date as a day number (one that is not a date fails here, as it always did). */
function dueDay(scan: Scan, i: number, day: number): number {
  return Number.isNaN(day) ? toDayNumber(scan.badDue.get(i)!) : day;
}

/**
 * Every item issued by the as-of date, one column per array (no object per item, so a large
 * portfolio leaves little for the garbage collector): gross amount (VAT rounded once per item),
 * paid by the as-of date, due day. In (currency, party) runs, lines by due date then id.
 */
interface Scan {
  runs: Array<{ currency: string; partyId: string; start: number; end: number }>;
  rowid: number[];
  gross: number[];
  paid: number[];
  /** day number; NaN when the stored due date is not a date (kept in badDue) */
  due: number[];
  badDue: Map<number, string>;
  /** party names, when the scan came with them (from the aging index) */
  names?: Map<string, string>;
}

/**
 * Every party's items: read in statement order from the covering index billing_items_aging
 * (currency, party, due date, id, …; no table lookups, no sort) and the payments summed per item
 * from the covering payments index. The scan is kept for the same cache version (cache/version.ts)
 * and as-of date, so open/all items and paging do not read the tables again.
 */
function portfolioScan(ctx: ComputeContext, asOf: string): Scan {
  const changes = cacheVersion(ctx.cache);
  const memo = scans.get(ctx.cache);
  if (memo && memo.asOf === asOf && memo.changes === changes) return memo.scan;
  const idx = agingIndex(ctx.cache);
  const scan = idx ? indexScan(idx, toDayNumber(asOf, 'asOf')) : scanItems(ctx, null, asOf);
  scans.set(ctx.cache, { asOf, changes: cacheVersion(ctx.cache), scan });
  return scan;
}

const scans = new WeakMap<object, { asOf: string; changes: string; scan: Scan }>();

/** The portfolio scan for one as-of date from the aging index (no table read). */
function indexScan(idx: AgingIndex, asOfDay: number): Scan {
  const scan: Scan = { runs: [], rowid: [], gross: [], paid: [], due: [], badDue: new Map(), names: new Map() };
  for (const r of idx.runs) {
    scan.names!.set(r.partyId, r.partyName);
    const start = scan.rowid.length;
    for (let i = r.start; i < r.end; i++) {
      if (idx.issue[i]! > asOfDay) continue;
      scan.rowid.push(idx.rowid[i]!);
      scan.gross.push(idx.gross[i]!);
      scan.paid.push(paidBy(idx, i, asOfDay));
      scan.due.push(idx.due[i]!);
    }
    if (scan.rowid.length > start) scan.runs.push({ currency: r.currency, partyId: r.partyId, start, end: scan.rowid.length });
  }
  return scan;
}

const ITEM_COLS = 'bi.rowid, bi.currency, bi.party_id, bi.due_date, bi.id, bi.amount, bi.vat_pct';

function scanItems(ctx: ComputeContext, partyId: string | null, asOf: string, keepKeys = false): Scan {
  let paidOf: Map<string, number> | null = null;
  let rows: SqlValue[][];
  if (partyId === null) {
    paidOf = new Map();
    for (const v of ctx.cache.arrays('SELECT billing_item_id, SUM(amount) FROM billing_payments WHERE paid_date <= ? GROUP BY billing_item_id', [asOf])) {
      paidOf.set(v[0] as string, v[1] as number);
    }
    // `+issue_date`: most of the table qualifies, so scan the aging index in its order rather than
    // look rows up through the issue_date index
    rows = ctx.cache.arrays(`SELECT ${ITEM_COLS} FROM billing_items bi WHERE +bi.issue_date <= ? ORDER BY bi.currency, bi.party_id, bi.due_date, bi.id`, [asOf]);
  } else {
    // one party: the party index, and each item's payments through the payments index
    rows = ctx.cache.arrays(
      `SELECT ${ITEM_COLS}, COALESCE((SELECT SUM(bp.amount) FROM billing_payments bp WHERE bp.billing_item_id = bi.id AND bp.paid_date <= ?), 0) ` +
        'FROM billing_items bi WHERE bi.party_id = ? AND bi.issue_date <= ? ORDER BY bi.currency, bi.due_date, bi.id',
      [asOf, partyId, asOf],
    );
  }
  const rowid: number[] = [];
  const gross: number[] = [];
  const paid: number[] = [];
  const due: number[] = [];
  const scan: Scan = { runs: [], rowid, gross, paid, due, badDue: new Map() };
  // SQLite orders text by UTF-8 bytes, JavaScript by UTF-16 units: they agree except for rare
  // characters, so each row is checked against the one before; only when the order differs are
  // the sort keys kept (otherwise holding ~4 strings per item would cost the garbage collector)
  // and the statement's order restored
  const keys: string[][] | null = keepKeys ? [[], [], [], []] : null;
  let sorted = true;
  let pc = '';
  let pp = '';
  let pd = '';
  let pi = '';
  let run: Scan['runs'][number] | null = null;
  // parse each distinct VAT rate and due date once
  const vatOf = new Map<string, Decimal>();
  const dayOf = new Map<string, number>();
  for (const v of rows) {
    const n = rowid.length;
    const c = v[1] as string;
    const p = v[2] as string;
    const dueDate = v[3] as string;
    const id = v[4] as string;
    const amount = v[5] as number;
    const pct = v[6] as string | null;
    if (run && c === pc && p === pp) {
      if (!(dueDate > pd || (dueDate === pd && id > pi))) sorted = false;
      run.end = n + 1;
    } else {
      if (run && !(c > pc || (c === pc && p > pp))) sorted = false;
      scan.runs.push((run = { currency: c, partyId: p, start: n, end: n + 1 }));
    }
    pc = c;
    pp = p;
    pd = dueDate;
    pi = id;
    if (keys) {
      keys[0]!.push(c);
      keys[1]!.push(p);
      keys[2]!.push(dueDate);
      keys[3]!.push(id);
    }
    let day = dayOf.get(dueDate);
    if (day === undefined) dayOf.set(dueDate, (day = isDate(dueDate) ? toDayNumber(dueDate) : Number.NaN));
    if (Number.isNaN(day)) scan.badDue.set(n, dueDate);
    rowid.push(v[0] as number);
    gross.push(itemGross(amount, pct, vatOf));
    paid.push(paidOf ? (paidOf.get(id) ?? 0) : (v[7] as number));
    due.push(day);
  }
  if (sorted) return scan;
  if (!keys) return scanItems(ctx, partyId, asOf, true);
  const [cur, party, dueS, ids] = keys as [string[], string[], string[], string[]];
  const before = (a: number, b: number): number =>
    cur[a]! < cur[b]! ? -1 : cur[a]! > cur[b]! ? 1 : party[a]! < party[b]! ? -1 : party[a]! > party[b]! ? 1 : dueS[a]! < dueS[b]! ? -1 : dueS[a]! > dueS[b]! ? 1 : ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0;
  reorder(scan, keys, before);
  scan.runs = [];
  for (let i = 0; i < rowid.length; i++) {
    const last = scan.runs[scan.runs.length - 1];
    if (last && last.currency === cur[i] && last.partyId === party[i]) last.end = i + 1;
    else scan.runs.push({ currency: cur[i]!, partyId: party[i]!, start: i, end: i + 1 });
  }
  return scan;
}

/** Puts every column of the scan (and the key columns) in the order `before` gives. */
function reorder(scan: Scan, keys: string[][], before: (a: number, b: number) => number): void {
  const order = scan.rowid.map((_, i) => i).sort(before);
  const bad = new Map<number, string>();
  order.forEach((from, to) => {
    const b = scan.badDue.get(from);
    if (b !== undefined) bad.set(to, b);
  });
  scan.badDue = bad;
  for (const col of [scan.rowid, scan.gross, scan.paid, scan.due, ...keys] as unknown[][]) {
    const copy = col.slice();
    for (let i = 0; i < order.length; i++) col[i] = copy[order[i]!];
  }
}

/** Every party's name (read once per aging state, which is kept: no memo of its own). */
function partyNames(ctx: ComputeContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of ctx.cache.arrays('SELECT id, name FROM parties')) out.set(v[0] as string, v[1] as string);
  return out;
}

/** The printed columns of the given items (by rowid, valid for the scan's database state). */
function itemDetails(ctx: ComputeContext, rowids: number[]): Map<number, DetailRow> {
  const out = new Map<number, DetailRow>();
  const cols = 'rowid, id, description, issue_date, due_date, invoice_number';
  const add = (v: unknown[]) =>
    out.set(v[0] as number, { id: v[1] as string, description: v[2] as string, issue_date: v[3] as string, due_date: v[4] as string, invoice_number: v[5] as string | null });
  const many = rowids.length > 5000;
  // most of the table: one sequential pass beats thousands of key lookups; otherwise one prepared
  // statement for any number of rowids (a JSON array bound as one parameter)
  const wanted = many ? new Set(rowids) : null;
  const rows = many
    ? ctx.cache.arrays(`SELECT ${cols} FROM billing_items`)
    : ctx.cache.arrays(`SELECT ${cols} FROM billing_items WHERE rowid IN (SELECT value FROM json_each(?))`, [JSON.stringify(rowids)]);
  for (const v of rows) if (!wanted || wanted.has(v[0] as number)) add(v);
  return out;
}

/** A line's cells: what the grid shows, what a search reads (lineMatches tests the same cells). */
function agingCells(scan: Scan, i: number, g: Group, d: DetailRow, asOfDay: number, buckets: AgingBucket[]): Line['cells'] {
  const c = g.currency;
  const gross = scan.gross[i]!;
  const paid = scan.paid[i]!;
  const balance = gross - paid;
  const age = asOfDay - dueDay(scan, i, scan.due[i]!);
  return {
    party: g.partyName,
    invoiceNumber: d.invoice_number,
    description: d.description,
    issueDate: d.issue_date,
    dueDate: d.due_date,
    amount: money(gross, c),
    paid: money(paid, c),
    balance: money(balance, c),
    age,
    bucket: bucketFor(age, buckets).label,
    credit: balance < 0 ? 'CR' : null,
  };
}

/**
 * A line's cell in a sort column, ordering as its printed cell does: money as minor units (the
 * group has one currency, so the same order as the decimal strings), the rest as printed.
 */
function sortCellOf(scan: Scan, details: Map<number, DetailRow> | null, asOfDay: number, buckets: AgingBucket[], key: string): (i: number) => unknown {
  const detail = (i: number) => details!.get(scan.rowid[i]!)!;
  switch (key) {
    case 'amount':
      return (i) => scan.gross[i]!;
    case 'paid':
      return (i) => scan.paid[i]!;
    case 'balance':
      return (i) => scan.gross[i]! - scan.paid[i]!;
    case 'age':
      return (i) => asOfDay - dueDay(scan, i, scan.due[i]!);
    case 'bucket':
      return (i) => bucketFor(asOfDay - dueDay(scan, i, scan.due[i]!), buckets).label;
    case 'invoiceNumber':
      return (i) => detail(i).invoice_number;
    case 'description':
      return (i) => detail(i).description;
    case 'issueDate':
      return (i) => detail(i).issue_date;
    default: // dueDate (sortColumn admits only COLUMNS)
      return (i) => detail(i).due_date;
  }
}

/**
 * Whether any of a line's cells holds the needle: the cells of agingCells, tested one by one
 * without building them (the party's name is tested once per group by the caller).
 */
function lineMatches(scan: Scan, i: number, g: Group, d: DetailRow, asOfDay: number, buckets: AgingBucket[], needle: string): boolean {
  if (cellMatches(d.invoice_number, needle) || cellMatches(d.description, needle) || cellMatches(d.issue_date, needle) || cellMatches(d.due_date, needle)) return true;
  const gross = scan.gross[i]!;
  const paid = scan.paid[i]!;
  const balance = gross - paid;
  if (cellMatches(money(gross, g.currency), needle) || cellMatches(money(paid, g.currency), needle) || cellMatches(money(balance, g.currency), needle)) return true;
  const age = asOfDay - dueDay(scan, i, scan.due[i]!);
  return cellMatches(age, needle) || cellMatches(bucketFor(age, buckets).label, needle) || (balance < 0 && cellMatches('CR', needle));
}

/** Sort columns read from the scan alone (no item text needed). */
const SCAN_SORTED = new Set(['amount', 'paid', 'balance', 'age', 'bucket']);

/** The view's lines per group (searched, sorted), its page, and the details the page needs. */
function viewLines(
  ctx: ComputeContext,
  state: AgingState,
  asOfDay: number,
  buckets: AgingBucket[],
  view: LineView,
): { chosen: number[][]; details: Map<number, DetailRow>; total: number } {
  const { scan, groupList } = state;
  const needle = searchNeedle(view.search);
  const column = sortColumn(COLUMNS, view.sort);
  // every line's text, when the search or the sort reads it (one pass over the table)
  const all =
    needle !== undefined || (column && !SCAN_SORTED.has(column.key))
      ? (state.details ??= itemDetails(ctx, groupList.flatMap((g) => g.recs.map((i) => scan.rowid[i]!))))
      : null;
  const cellOf = column ? sortCellOf(scan, all, asOfDay, buckets, column.key) : null;
  const lists = groupList.map((g) => {
    let list = g.recs;
    if (needle !== undefined && !cellMatches(g.partyName, needle)) {
      list = list.filter((i) => lineMatches(scan, i, g, all!.get(scan.rowid[i]!)!, asOfDay, buckets, needle));
    }
    if (column) list = orderBy(list, cellOf!, column.kind, view.sort!.dir);
    return list;
  });
  const chosen = pageAcross(lists, view.offset, view.limit);
  const details = all ?? itemDetails(ctx, chosen.flat().map((i) => scan.rowid[i]!));
  return { chosen, details, total: lists.reduce((n, l) => n + l.length, 0) };
}

function agingLine(scan: Scan, i: number, g: Group, d: DetailRow, asOfDay: number, buckets: AgingBucket[]): Line {
  const cells = agingCells(scan, i, g, d, asOfDay, buckets);
  const balance = scan.gross[i]! - scan.paid[i]!;
  const ref = d.invoice_number ?? d.id;
  return {
    id: d.id,
    cells,
    item: {
      description: `${ref} ${d.description}${balance < 0 ? ' (credit)' : ''}`,
      periodStart: d.issue_date,
      periodEnd: d.due_date,
      quantity: null,
      rate: null,
      amount: cells.balance as string,
      itemType: balance < 0 ? 'AR_CREDIT' : 'AR_ITEM',
    },
  };
}
