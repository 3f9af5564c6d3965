/**
 * One bundle record → the row to store, or the reason it is quarantined. Every rule of
 * data-bundle.md is checked here, field by field, with the field named in the reason.
 */
import type { SqlValue } from 'sql.js';
import { formatMoney, isCurrency, minorDigits, parseDecimal, parseMoney } from '../../../shared/money';
import type { Entity } from '../../../shared/contract';
import { isCountry, type EntitySpec, type FieldSpec } from './entities';

export type Outcome =
  | { ok: true; id: string; updatedAt: string; deleted: false; params: SqlValue[] }
  | { ok: true; id: string; updatedAt: string; deleted: true; params: null }
  | { ok: false; reason: string };

/** The currency of a parent record (a contract, a billing item), or null when it is unknown. */
export type ParentCurrency = (entity: Entity, id: string) => string | null;

class Bad extends Error {}
const bad = (field: string, msg: string): never => {
  throw new Bad(`${field}: ${msg}`);
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date YYYY-MM-DD (no Date objects, no time zones). */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = +m[1]!;
  const mo = +m[2]!;
  const d = +m[3]!;
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]!);
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO 8601 instant (with Z or an offset) → canonical UTC `YYYY-MM-DDTHH:MM:SS.mmmZ`, so that
 * stored instants compare as strings. null when it is not a real instant.
 */
let lastInstantIn = '';
let lastInstantOut: string | null = null;
export function normalizeInstant(s: string): string | null {
  if (s === lastInstantIn) return lastInstantOut;
  const out = normalizeInstantUncached(s);
  lastInstantIn = s;
  lastInstantOut = out;
  return out;
}

function normalizeInstantUncached(s: string): string | null {
  const m = INSTANT.exec(s);
  if (!m || !isCalendarDate(m[1]!) || +m[2]! > 23 || +m[3]! > 59 || +m[4]! > 59) return null;
  if (m[6] === 'Z') return `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${(m[5] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const FAST_DECIMAL = /^-?\d{1,12}(?:\.\d{1,6})?$/;
const DIGITS = new Map<string, number>();
function digitsOf(currency: string): number {
  let d = DIGITS.get(currency);
  if (d === undefined) DIGITS.set(currency, (d = minorDigits(currency)));
  return d;
}

/**
 * The common case of parseMoney ("-1234.5", at most 15 significant digits) without regex or
 * BigInt; null sends the value to parseMoney, which decides (and words the reason).
 */
function fastMoney(s: string, currency: string): number | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  const digits = digitsOf(currency);
  let i = 0;
  const neg = s.charCodeAt(0) === 45;
  if (neg) i = 1;
  let v = 0;
  let whole = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return null;
    v = v * 10 + (c - 48);
    whole++;
  }
  if (whole === 0) return null;
  let frac = 0;
  if (i < n) {
    if (++i === n) return null;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return null;
      v = v * 10 + (c - 48);
      frac++;
    }
  }
  if (frac > digits || whole + digits > 15) return null;
  for (; frac < digits; frac++) v *= 10;
  return neg && v !== 0 ? -v : v;
}

const CURRENCIES = new Map<string, boolean>();
function knownCurrency(code: string): boolean {
  let ok = CURRENCIES.get(code);
  if (ok === undefined) {
    ok = isCurrency(code);
    if (CURRENCIES.size < 1000) CURRENCIES.set(code, ok);
  }
  return ok;
}

function text(v: unknown, f: FieldSpec): string | null {
  if (v === undefined || v === null || v === '') return f.required ? bad(f.name, 'is required') : null;
  if (typeof v !== 'string') return bad(f.name, `must be a string, not ${typeof v}`);
  if (v.length > 10000) return bad(f.name, 'is longer than 10,000 characters');
  return v;
}

const FAST_PCT = /^\d{1,3}(?:\.\d{1,8})?$/;
function pct(v: string, f: FieldSpec): string {
  if (FAST_PCT.test(v) && Number(v) <= 100) return v;
  let d;
  try {
    d = parseDecimal(v, 8);
  } catch (err) {
    return bad(f.name, (err as Error).message);
  }
  if (d.num < 0n || d.num > 100n * 10n ** BigInt(d.scale)) bad(f.name, `${v} is not a percentage between 0 and 100`);
  return v;
}

function field(v: unknown, f: FieldSpec, rec: Record<string, unknown>, parent: ParentCurrency): SqlValue {
  if (f.kind === 'lines') {
    if (v === undefined || v === null) return f.required ? bad(f.name, 'is required') : null;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return bad(f.name, 'must be an array of strings');
    return JSON.stringify(v);
  }
  if (f.kind === 'money' && typeof v === 'number') return bad(f.name, `must be a decimal string such as "12.50", not the JSON number ${v}`);
  const s = text(v, f);
  if (s === null) return null;
  switch (f.kind) {
    case 'text':
    case 'ref':
      return s;
    case 'date':
      return isCalendarDate(s) ? s : bad(f.name, `"${s.slice(0, 40)}" is not a calendar date YYYY-MM-DD`);
    case 'enum':
      return f.values!.includes(s) ? s : bad(f.name, `"${s.slice(0, 40)}" is not one of ${f.values!.join(', ')}`);
    case 'currency':
      return knownCurrency(s) ? s : bad(f.name, `"${s.slice(0, 40)}" is not an ISO 4217 currency code`);
    case 'country':
      return isCountry(s) ? s : bad(f.name, `"${s.slice(0, 40)}" is not an ISO 3166 alpha-2 country code`);
    case 'pct':
      return pct(s, f);
    case 'decimal':
      if (FAST_DECIMAL.test(s)) return s;
      try {
        parseDecimal(s, 6);
      } catch (err) {
        bad(f.name, (err as Error).message);
      }
      return s;
    case 'money': {
      let currency: string | null;
      if (f.currencyField) currency = rec[f.currencyField] as string;
      else {
        const via = rec[f.currencyFrom!.via] as string;
        currency = parent(f.currencyFrom!.entity, via);
        if (currency === null) bad(f.name, `its currency is that of ${f.currencyFrom!.entity} ${via}, which is not in the cache`);
      }
      const fast = fastMoney(s, currency!);
      if (fast !== null) return fast;
      try {
        return parseMoney(s, currency!);
      } catch (err) {
        return bad(f.name, `${(err as Error).message}`);
      }
    }
  }
}

/** Cross-field rules of one entity (after every field passed). */
function crossChecks(entity: Entity, row: Record<string, SqlValue>): void {
  switch (entity) {
    case 'payment_items': {
      const g = row.gross as number;
      const c = row.commission as number;
      const n = row.net as number;
      if (g - c !== n) {
        const cur = row.currency as string;
        bad('net', `${formatMoney(n, cur)} is not gross − commission (${formatMoney(g, cur)} − ${formatMoney(c, cur)} = ${formatMoney(g - c, cur)})`);
      }
      break;
    }
    case 'contracts':
      if (row.end_date !== null && (row.end_date as string) < (row.start_date as string)) bad('end_date', 'is before start_date');
      if (row.type === 'revenue_share' && row.share_pct === null) bad('share_pct', 'is required for a revenue_share contract');
      if (row.type === 'fixed_fee' && row.monthly_fee === null) bad('monthly_fee', 'is required for a fixed_fee contract');
      break;
    case 'contract_rates':
      if (row.effective_to !== null && (row.effective_to as string) < (row.effective_from as string)) bad('effective_to', 'is before effective_from');
      break;
    case 'revenue_reports':
      if ((row.period_end as string) < (row.period_start as string)) bad('period_end', 'is before period_start');
      break;
    case 'adjustments':
      if ((row.amount as number) < 0) bad('amount', 'must be positive (a CREDIT is a positive amount that reduces the total)');
      break;
    default:
      break;
  }
}

const curFields = new WeakMap<EntitySpec, FieldSpec | null>();
function currencyFieldOf(spec: EntitySpec): FieldSpec | null {
  let f = curFields.get(spec);
  if (f === undefined) curFields.set(spec, (f = spec.fields.find((x) => x.kind === 'currency' && x.required) ?? null));
  return f;
}

/** Validates one parsed JSON value as a record of `spec`. */
export function validateRecord(spec: EntitySpec, value: unknown, parent: ParentCurrency): Outcome {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('record', 'is not a JSON object');
    const rec = value as Record<string, unknown>;
    const id = rec.id;
    if (typeof id !== 'string' || id === '') bad('id', 'is required (a non-empty string)');
    if ((id as string).length > 200) bad('id', 'is longer than 200 characters');
    if (typeof rec.updated_at !== 'string') bad('updated_at', 'is required (an ISO 8601 instant)');
    const updatedAt = normalizeInstant(rec.updated_at as string);
    if (updatedAt === null) bad('updated_at', `"${String(rec.updated_at).slice(0, 40)}" is not an ISO 8601 instant with a time zone`);
    const del = rec.deleted;
    if (del !== undefined && del !== null && typeof del !== 'boolean') bad('deleted', 'must be true or false');
    if (del === true) return { ok: true, id: id as string, updatedAt: updatedAt!, deleted: true, params: null };
    const params: SqlValue[] = [id as string, updatedAt!];
    const row: Record<string, SqlValue> = {};
    // a currency field is checked first: the money fields of the record depend on it
    const curField = currencyFieldOf(spec);
    if (curField) field(rec[curField.name], curField, rec, parent);
    for (const f of spec.fields) {
      const v = field(rec[f.name], f, rec, parent);
      params.push(v);
      row[f.name] = v;
    }
    crossChecks(spec.entity, row);
    return { ok: true, id: id as string, updatedAt: updatedAt!, deleted: false, params };
  } catch (err) {
    if (err instanceof Bad) return { ok: false, reason: err.message };
    throw err;
  }
}
