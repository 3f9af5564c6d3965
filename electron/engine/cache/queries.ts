/**
 * Read queries over the cache for the Data screen and the statement forms: counts, quarantine
 * pages, and autocomplete lists that stay fast over thousands of parties (an in-memory index per
 * data version, matched by prefix first, then by substring, case- and accent-insensitively).
 */
import {
  ENTITIES,
  type BillingItemOption,
  type ContractOption,
  type DataStatus,
  type DealOption,
  type Entity,
  type PartyOption,
  type QuarantineRow,
} from '../../../shared/contract';
import { formatMoney } from '../../../shared/money';
import type { Database } from '../db/database';
import { getMeta, lastSync } from './meta';
import { cacheVersion } from './version';

export function entityCounts(db: Database): Record<Entity, number> {
  const out = {} as Record<Entity, number>;
  for (const e of ENTITIES) out[e] = (db.value<number>(`SELECT count(*) FROM ${e}`) as number) ?? 0;
  return out;
}

export function dataStatus(db: Database, source: { folder: string | null; s3: string | null }): DataStatus {
  const counts = entityCounts(db);
  const ls = lastSync(db);
  return {
    empty: Object.values(counts).every((n) => n === 0),
    counts,
    lastImportAt: getMeta(db, 'last_import_at'),
    lastSync: ls ? { at: ls.at, ok: ls.ok, message: ls.message } : null,
    source,
    quarantined: db.value<number>('SELECT count(*) FROM quarantine') as number,
    bundles: db.value<number>('SELECT count(*) FROM applied_bundles') as number,
  };
}

/** Quarantined lines, newest first. */
export function quarantinePage(db: Database, offset: number, limit: number): { rows: QuarantineRow[]; total: number } {
  const rows = db
    .all<{ id: number; source_key: string; file: string; line: number; reason: string; raw: string; at: string }>(
      'SELECT id, source_key, file, line, reason, raw, at FROM quarantine ORDER BY id DESC LIMIT ? OFFSET ?',
      [limit, offset],
    )
    .map((r) => ({ id: r.id, sourceKey: r.source_key, file: r.file, line: r.line, reason: r.reason, raw: r.raw, at: r.at }));
  return { rows, total: db.value<number>('SELECT count(*) FROM quarantine') as number };
}

/** Lower case without accents: "Zoë" and "zoe" match, "Σοφία" and "σοφια" match. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Indexed<T> {
  keys: string[]; // folded search text per option
  options: T[];
}

interface Indexes {
  version: string;
  parties: Indexed<PartyOption>;
  deals: Indexed<DealOption>;
  contracts: Indexed<ContractOption>;
}

const indexes = new WeakMap<Database, Indexes>();

function build(db: Database): Indexes {
  const version = cacheVersion(db);
  const cached = indexes.get(db);
  if (cached && cached.version === version) return cached;
  const parties: Indexed<PartyOption> = { keys: [], options: [] };
  for (const r of db.iterate<{ id: string; name: string; type: PartyOption['type']; default_currency: string | null }>(
    'SELECT id, name, type, default_currency FROM parties ORDER BY name, id',
  )) {
    parties.keys.push(fold(`${r.name}\u0000${r.id}`));
    parties.options.push({ id: r.id, name: r.name, type: r.type, defaultCurrency: r.default_currency });
  }
  const deals: Indexed<DealOption> = { keys: [], options: [] };
  for (const r of db.iterate<{ id: string; ref: string; name: string; client_name: string | null }>(
    'SELECT d.id, d.ref, d.name, p.name AS client_name FROM deals d LEFT JOIN parties p ON p.id = d.client_id ORDER BY d.ref, d.id',
  )) {
    deals.keys.push(fold(`${r.ref}\u0000${r.name}\u0000${r.client_name ?? ''}\u0000${r.id}`));
    deals.options.push({ id: r.id, ref: r.ref, name: r.name, clientName: r.client_name ?? '' });
  }
  const contracts: Indexed<ContractOption> = { keys: [], options: [] };
  for (const r of db.iterate<{ id: string; customer_name: string | null; type: ContractOption['type']; status: string; currency: string }>(
    'SELECT c.id, p.name AS customer_name, c.type, c.status, c.currency FROM contracts c LEFT JOIN parties p ON p.id = c.customer_id ORDER BY c.id',
  )) {
    contracts.keys.push(fold(`${r.id}\u0000${r.customer_name ?? ''}`));
    contracts.options.push({ id: r.id, customerName: r.customer_name ?? '', type: r.type, status: r.status, currency: r.currency });
  }
  const idx = { version, parties, deals, contracts };
  indexes.set(db, idx);
  return idx;
}

/** Options whose search text starts with the query (any field), then those containing it. */
function match<T>(ix: Indexed<T>, query: string, limit: number, keep: (o: T) => boolean = () => true): T[] {
  const q = fold(query.trim());
  const first: T[] = [];
  const rest: T[] = [];
  for (let i = 0; i < ix.options.length && first.length < limit; i++) {
    const o = ix.options[i]!;
    if (!keep(o)) continue;
    if (!q) {
      first.push(o);
      continue;
    }
    const k = ix.keys[i]!;
    const at = k.indexOf(q);
    if (at < 0) continue;
    if (at === 0 || k[at - 1] === '\u0000' || k[at - 1] === ' ') first.push(o);
    else if (rest.length < limit) rest.push(o);
  }
  return first.concat(rest).slice(0, limit);
}

export function findParties(db: Database, query: string, type: PartyOption['type'] | undefined, limit: number): PartyOption[] {
  return match(build(db).parties, query, limit, type ? (o) => o.type === type : undefined);
}

export function findDeals(db: Database, query: string, limit: number): DealOption[] {
  return match(build(db).deals, query, limit);
}

export function findContracts(db: Database, query: string, limit: number): ContractOption[] {
  return match(build(db).contracts, query, limit);
}

/** A party's billing items of one target type, oldest first; `invoicedRef` from the ledger when known. */
export function billingItemsFor(
  db: Database,
  partyId: string,
  targetType: 'CLIENT' | 'BUYER',
  invoiced: (ids: string[]) => Map<string, string>,
): BillingItemOption[] {
  const rows = db.all<{
    id: string;
    description: string;
    issue_date: string;
    due_date: string;
    currency: string;
    amount: number;
    invoice_number: string | null;
  }>(
    `SELECT id, description, issue_date, due_date, currency, amount, invoice_number FROM billing_items
     WHERE party_id = ? AND target_type = ? ORDER BY issue_date, id`,
    [partyId, targetType],
  );
  const refs = rows.length ? invoiced(rows.map((r) => r.id)) : new Map<string, string>();
  return rows.map((r) => ({
    id: r.id,
    description: r.description,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    currency: r.currency,
    amount: formatMoney(r.amount, r.currency),
    invoiceNumber: r.invoice_number,
    invoicedRef: refs.get(r.id) ?? null,
  }));
}
