/**
 * What every statement module shares: the compute context, filter checks that throw a
 * validation error naming the field, party blocks, per-currency grouping and totals.
 */
import { dataVersion } from '../cache/meta';
import type { Column, Finding, Line, LineGroup, PartyBlock, StatementModel } from '../../../shared/contract';
import { isDate } from '../../../shared/dates';
import { FolioError } from '../../../shared/errors';
import { formatMoney, isCurrency, type Minor } from '../../../shared/money';
import type { Database } from '../db/database';

export interface ComputeSettings {
  /** upper bounds of the aging buckets after Current, e.g. [30, 60, 90, 120] */
  agingBuckets: number[];
  /** historical variance threshold in percent (billing) */
  varianceThresholdPct: number;
  locale: string;
  /** GBP per one unit of a currency (UK invoices in other currencies); optional */
  gbpRates?: Record<string, string>;
}

export interface ComputeContext {
  cache: Database;
  /** today's local calendar date YYYY-MM-DD (AR aging default as-of, invoice issue date) */
  today: string;
  settings: ComputeSettings;
  /** billing item id → ref of a COMPLETED invoice holding it (the ledger provides it) */
  invoicedItems(ids: string[]): Map<string, string>;
}

export const DEFAULT_SETTINGS: ComputeSettings = {
  agingBuckets: [30, 60, 90, 120],
  varianceThresholdPct: 25,
  locale: 'en-US',
};

export function invalid(code: string, message: string, field: string): FolioError {
  return new FolioError('validation', code, message, field);
}

export function checkDateRange(from: string, to: string): void {
  if (!isDate(from)) throw invalid('BAD_DATE', `dateFrom: "${from}" is not a date YYYY-MM-DD`, 'dateFrom');
  if (!isDate(to)) throw invalid('BAD_DATE', `dateTo: "${to}" is not a date YYYY-MM-DD`, 'dateTo');
  if (from > to) throw invalid('DATE_RANGE', `dateFrom ${from} is after dateTo ${to}`, 'dateFrom');
}

export function checkCurrency(code: string | undefined, field = 'currency'): void {
  if (code !== undefined && !isCurrency(code)) {
    throw invalid('UNKNOWN_CURRENCY', `${field}: ${code} is not a known ISO 4217 currency`, field);
  }
}

interface PartyRow {
  id: string;
  name: string;
  type: string;
  email: string | null;
  address_lines: string | null;
  country: string | null;
  vat_number: string | null;
  company_number: string | null;
  default_currency: string | null;
}

export function findParty(cache: Database, id: string): (PartyBlock & { type: string; defaultCurrency: string | null }) | null {
  const row = cache.get<PartyRow>('SELECT * FROM parties WHERE id = ?', [id]);
  if (!row) return null;
  let addressLines: string[] = [];
  if (row.address_lines) {
    try {
      const parsed: unknown = JSON.parse(row.address_lines);
      if (Array.isArray(parsed)) addressLines = parsed.map(String);
      else addressLines = [String(parsed)];
    } catch {
      addressLines = row.address_lines.split('\n');
    }
  }
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    addressLines,
    country: row.country,
    email: row.email,
    vatNumber: row.vat_number,
    companyNumber: row.company_number,
    defaultCurrency: row.default_currency,
  };
}

export function partyBlock(p: PartyBlock): PartyBlock {
  return {
    id: p.id,
    name: p.name,
    addressLines: p.addressLines,
    country: p.country,
    email: p.email,
    vatNumber: p.vatNumber,
    companyNumber: p.companyNumber,
  };
}

/** A client (or any party) that must exist. */
export function requireParty(cache: Database, id: string, field: string, what = 'client'): ReturnType<typeof findParty> & object {
  const p = findParty(cache, id);
  if (!p) throw invalid(`UNKNOWN_${what.toUpperCase()}`, `${field}: there is no ${what} with id ${id}`, field);
  return p;
}

/** the bundle data version a statement records (cache_meta, bumped by every applied bundle) */
export { dataVersion };

export const money = (minor: Minor, currency: string): string => formatMoney(minor, currency);

/** Totals per currency: key → minor units, kept exact until formatted. */
export class Totals {
  private readonly by = new Map<string, Map<string, Minor>>();
  constructor(private readonly keys: readonly string[]) {}

  ensure(currency: string): Map<string, Minor> {
    let t = this.by.get(currency);
    if (!t) {
      t = new Map(this.keys.map((k) => [k, 0]));
      this.by.set(currency, t);
    }
    return t;
  }

  add(currency: string, key: string, amount: Minor): void {
    const t = this.ensure(currency);
    const next = (t.get(key) ?? 0) + amount;
    if (!Number.isSafeInteger(next)) throw new FolioError('internal', 'MONEY_RANGE', 'A total is out of range for exact money arithmetic');
    t.set(key, next);
  }

  get(currency: string, key: string): Minor {
    return this.by.get(currency)?.get(key) ?? 0;
  }

  currencies(): string[] {
    return [...this.by.keys()].sort();
  }

  /** currency → key → decimal string, currencies in code order */
  format(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const c of this.currencies()) {
      const t = this.by.get(c)!;
      out[c] = Object.fromEntries(this.keys.map((k) => [k, money(t.get(k) ?? 0, c)]));
    }
    return out;
  }

  formatOne(currency: string): Record<string, string> {
    return this.format()[currency] ?? Object.fromEntries(this.keys.map((k) => [k, money(0, currency)]));
  }
}

/** Lines grouped per currency (code order), each group with its subtotals. */
export function groupsByCurrency(
  lines: Array<{ currency: string; line: Line }>,
  totals: Totals,
  titleOf: (currency: string) => string = (c) => c,
): LineGroup[] {
  const by = new Map<string, Line[]>();
  for (const { currency, line } of lines) {
    let g = by.get(currency);
    if (!g) by.set(currency, (g = []));
    g.push(line);
  }
  return [...by.keys()].sort().map((c) => ({
    key: c,
    title: titleOf(c),
    currency: c,
    lines: by.get(c)!,
    totals: totals.formatOne(c),
  }));
}

/** The statement currency: the filter's, else the only currency present, else null (grouped). */
export function statementCurrency(filter: string | undefined, totals: Totals): string | null {
  if (filter) return filter;
  const cs = totals.currencies();
  return cs.length === 1 ? cs[0]! : null;
}

export function lineCount(groups: LineGroup[]): number {
  return groups.reduce((n, g) => n + g.lines.length, 0);
}

export function finding(severity: Finding['severity'], code: string, message: string, subject?: string): Finding {
  return subject === undefined ? { severity, code, message } : { severity, code, message, subject };
}

/** Fills the parts every model has the same way. */
export function baseModel(
  partial: Omit<StatementModel, 'lineCount' | 'dataVersion'> & { lineCount?: number },
  cache: Database,
): StatementModel {
  return { ...partial, lineCount: partial.lineCount ?? lineCount(partial.groups), dataVersion: dataVersion(cache) };
}

export function col(key: string, label: string, kind: Column['kind'], width?: number): Column {
  return width === undefined ? { key, label, kind } : { key, label, kind, width };
}

/** Drops undefined values (filters echoed into the model and its metadata). */
export function cleanFilters(f: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}

/** Placeholders for a list of ids in SQL, bound in chunks under SQLite's variable limit. */
export function chunked<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
