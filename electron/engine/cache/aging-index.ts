/**
 * The AR aging index: what an all-parties aging needs of every billing item, independent of the
 * as-of date, in statement order, as a few columns of numbers: gross (amount + VAT rounded once,
 * minor units), issue and due days, payments (day, amount) with their total and last day.
 *
 * It is built when a bundle is imported (in the import's transaction) and kept in the cache
 * (`derived_state`), so the first aging preview of a fresh process reads one row instead of some
 * 35,000. Triggers drop it whenever billing items, payments or party names change; a reader then
 * rebuilds it. Items with a date that is not a calendar date or a VAT rate that is not a decimal
 * get no index: the statement falls back to reading the tables, which reports them as before.
 *
 * Amounts are minor units held as exact safe integers in Float64Arrays, as JavaScript numbers
 * are everywhere in the engine; no fraction ever enters.
 */
import { isDate, toDayNumber } from '../../../shared/dates';
import { applyPercent, parseDecimal, type Decimal } from '../../../shared/money';
import type { Database, SqlValue } from '../db/database';
import { cacheVersion } from './version';

export interface AgingRun {
  currency: string;
  partyId: string;
  partyName: string;
  /** items [start, end) of the columns, by due date then id */
  start: number;
  end: number;
}

export interface AgingIndex {
  /** (currency, party) runs, by currency, party name, party id */
  runs: AgingRun[];
  rowid: Float64Array;
  gross: Float64Array;
  issue: Int32Array;
  due: Int32Array;
  /** paid by the last payment, and that payment's day (NO_PAYMENT when none) */
  paidTotal: Float64Array;
  lastPaid: Int32Array;
  /** the item's payments are payDay/payAmt[payStart[i], payStart[i + 1]), by day */
  payStart: Int32Array;
  payDay: Int32Array;
  payAmt: Float64Array;
}

export const NO_PAYMENT = -2147483648;
const NAME = 'aging';
const FORMAT = 1;

const lt = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Builds the index from the tables; null when some item cannot be indexed (see above). */
export function buildAgingIndex(db: Database): AgingIndex | null {
  const names = new Map<string, string>();
  for (const [id, name] of db.arrays('SELECT id, name FROM parties')) names.set(id as string, name as string);
  const rows = db.arrays('SELECT rowid, currency, party_id, due_date, id, amount, vat_pct, issue_date FROM billing_items');
  const n = rows.length;
  const grossOf = new Float64Array(n);
  const vatOf = new Map<string, Decimal>();
  for (let i = 0; i < n; i++) {
    const [, , , due, , amount, pct, issue] = rows[i] as [number, string, string, string, string, number, string | null, string];
    if (!isDate(due) || !isDate(issue) || !Number.isSafeInteger(amount)) return null;
    try {
      grossOf[i] = itemGross(amount, pct, vatOf);
    } catch {
      return null; // a VAT rate that is not a decimal
    }
  }
  const nameOf = (r: SqlValue[]) => names.get(r[2] as string) ?? (r[2] as string);
  // statement order: currency, party name, party id, then due date, id (JavaScript string order,
  // as the statement sorts)
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => {
    const a = rows[x]!;
    const b = rows[y]!;
    return lt(a[1] as string, b[1] as string) || lt(nameOf(a), nameOf(b)) || lt(a[2] as string, b[2] as string) || lt(a[3] as string, b[3] as string) || lt(a[4] as string, b[4] as string);
  });
  const at = new Map<string, number>();
  order.forEach((from, to) => at.set(rows[from]![4] as string, to));

  const perItem: Array<Array<[number, number]> | undefined> = new Array(n);
  let payments = 0;
  for (const [itemId, paidDate, amount] of db.arrays('SELECT billing_item_id, paid_date, amount FROM billing_payments')) {
    const i = at.get(itemId as string);
    if (i === undefined) continue; // a payment of an item not in the cache counts nowhere
    if (!isDate(paidDate) || !Number.isSafeInteger(amount)) return null;
    (perItem[i] ??= []).push([toDayNumber(paidDate as string), amount as number]);
    payments++;
  }

  const idx: AgingIndex = {
    runs: [],
    rowid: new Float64Array(n),
    gross: new Float64Array(n),
    issue: new Int32Array(n),
    due: new Int32Array(n),
    paidTotal: new Float64Array(n),
    lastPaid: new Int32Array(n),
    payStart: new Int32Array(n + 1),
    payDay: new Int32Array(payments),
    payAmt: new Float64Array(payments),
  };
  let p = 0;
  let run: AgingRun | null = null;
  for (let i = 0; i < n; i++) {
    const r = rows[order[i]!]!;
    const currency = r[1] as string;
    const partyId = r[2] as string;
    if (run && run.currency === currency && run.partyId === partyId) run.end = i + 1;
    else idx.runs.push((run = { currency, partyId, partyName: nameOf(r), start: i, end: i + 1 }));
    idx.rowid[i] = r[0] as number;
    idx.gross[i] = grossOf[order[i]!]!;
    idx.issue[i] = toDayNumber(r[7] as string);
    idx.due[i] = toDayNumber(r[3] as string);
    idx.payStart[i] = p;
    const list = perItem[i]?.sort((a, b) => a[0] - b[0]) ?? [];
    let total = 0;
    for (const [day, amount] of list) {
      idx.payDay[p] = day;
      idx.payAmt[p] = amount;
      total += amount;
      p++;
    }
    idx.paidTotal[i] = total;
    idx.lastPaid[i] = list.length ? list[list.length - 1]![0] : NO_PAYMENT;
  }
  idx.payStart[n] = p;
  return idx;
}

/** A billing item's gross: amount + VAT rounded once (each distinct rate string parsed once, kept in `rates`). */
export function itemGross(amount: number, pct: string | null, rates: Map<string, Decimal>): number {
  if (!pct) return amount;
  let rate = rates.get(pct);
  if (!rate) rates.set(pct, (rate = parseDecimal(pct)));
  return amount + applyPercent(amount, rate);
}

/** Paid on item i by the end of the given day. */
export function paidBy(idx: AgingIndex, i: number, day: number): number {
  if (idx.lastPaid[i]! <= day) return idx.paidTotal[i]!;
  let sum = 0;
  for (let k = idx.payStart[i]!, end = idx.payStart[i + 1]!; k < end && idx.payDay[k]! <= day; k++) sum += idx.payAmt[k]!;
  return sum;
}

// one blob: a JSON head (format, runs, column lengths), then the columns, each 8-byte aligned
const COLUMNS = ['rowid', 'gross', 'issue', 'due', 'paidTotal', 'lastPaid', 'payStart', 'payDay', 'payAmt'] as const;
type Column = (typeof COLUMNS)[number];
const KIND: Record<Column, 'f64' | 'i32'> = { rowid: 'f64', gross: 'f64', issue: 'i32', due: 'i32', paidTotal: 'f64', lastPaid: 'i32', payStart: 'i32', payDay: 'i32', payAmt: 'f64' };
const pad8 = (x: number) => (x + 7) & ~7;

export function encodeAgingIndex(idx: AgingIndex): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify({ format: FORMAT, runs: idx.runs, lengths: COLUMNS.map((c) => idx[c].length) }));
  let size = pad8(4 + head.length);
  for (const c of COLUMNS) size += pad8(idx[c].byteLength);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, head.length, true);
  out.set(head, 4);
  let off = pad8(4 + head.length);
  for (const c of COLUMNS) {
    out.set(new Uint8Array(idx[c].buffer, idx[c].byteOffset, idx[c].byteLength), off);
    off += pad8(idx[c].byteLength);
  }
  return out;
}

export function decodeAgingIndex(bytes: Uint8Array): AgingIndex | null {
  const buf = new Uint8Array(bytes).buffer; // an aligned copy of its own
  const headLen = new DataView(buf).getUint32(0, true);
  const head = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 4, headLen))) as { format: number; runs: AgingRun[]; lengths: number[] };
  if (head.format !== FORMAT) return null;
  const idx = { runs: head.runs } as AgingIndex;
  let off = pad8(4 + headLen);
  COLUMNS.forEach((c, k) => {
    const len = head.lengths[k]!;
    const view = KIND[c] === 'f64' ? new Float64Array(buf, off, len) : new Int32Array(buf, off, len);
    (idx as unknown as Record<Column, Float64Array | Int32Array>)[c] = view;
    off += pad8(view.byteLength);
  });
  return idx;
}

/** Rebuilds and stores the index (inside the caller's transaction, e.g. an import's). */
export function refreshAgingIndex(db: Database): AgingIndex | null {
  const idx = buildAgingIndex(db);
  db.run('DELETE FROM derived_state WHERE name = ?', [NAME]);
  if (idx) db.run('INSERT INTO derived_state (name, bytes) VALUES (?, ?)', [NAME, encodeAgingIndex(idx)]);
  return idx;
}

/** Rebuilds the index when the triggers dropped it (an import calls this in its transaction). */
export function ensureAgingIndex(db: Database): void {
  if (!storedBytes(db)) refreshAgingIndex(db);
}

const storedBytes = (db: Database) => db.value<Uint8Array>('SELECT bytes FROM derived_state WHERE name = ?', [NAME]);

const memo = new WeakMap<Database, { key: string; idx: AgingIndex | null }>();

/**
 * The index for the database's current state: the stored one, else built (and stored when the
 * database can take the write; a reader that cannot just keeps it in memory).
 */
export function agingIndex(db: Database): AgingIndex | null {
  const key = cacheVersion(db);
  const hit = memo.get(db);
  if (hit && hit.key === key) return hit.idx;
  const stored = storedBytes(db);
  let idx = stored ? decodeAgingIndex(stored) : null;
  if (!idx) {
    if (db.inTransaction) idx = buildAgingIndex(db);
    else {
      try {
        idx = db.transaction(() => refreshAgingIndex(db));
      } catch {
        idx = buildAgingIndex(db); // e.g. another process holds the write lock
      }
    }
  }
  memo.set(db, { key: cacheVersion(db), idx });
  return idx;
}

