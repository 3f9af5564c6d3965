/**
 * The audit log: append-only and hash-chained, in the ledger database.
 *
 * Each entry's hash is SHA-256 over the RFC 8785 canonical JSON of
 * `{ seq, at, user, role, action, details, prevHash }`; `prevHash` is the previous entry's hash
 * (64 zeros for the first). The newest entry's seq and hash are also kept in `ledger_meta`
 * (`audit.head`), so that removing entries from the end is detected too. Triggers refuse UPDATE
 * and DELETE on the table; `verifyAudit` catches anyone who went around them (an edited, removed
 * or reordered entry).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry, Role } from '../../../shared/contract';
import type { Database } from '../db/database';
import type { Caller, Engine } from '../engine';
import { ledgerService, onLedgerStart } from '../store/ledger';
import { mergeInbox, removeMerged, writeInbox } from './inbox';

export const GENESIS_HASH = '0'.repeat(64);
const HEAD_KEY = 'audit.head';
/** details larger than this are cut (the log records what happened, not the data itself) */
const MAX_DETAILS_CHARS = 16_000;

/** The actions other parts record (free text is allowed; these are the common ones). */
export type AuditAction =
  | 'import'
  | 'sync'
  | 'preview'
  | 'generate'
  | 'download'
  | 'view'
  | 'upload'
  | 'settings'
  | 'template'
  | 'batch'
  | 'reconcile'
  | 'export'
  | (string & {});

interface AuditRow {
  seq: number;
  at: string;
  user: string;
  role: string;
  action: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const text = canonicalize({
    seq: e.seq,
    at: e.at,
    user: e.user,
    role: e.role,
    action: e.action,
    details: e.details,
    prevHash: e.prevHash,
  });
  return createHash('sha256').update(text ?? '', 'utf8').digest('hex');
}

/** Plain JSON only (drops undefined, functions; bigint → string), cut when very large. */
function cleanDetails(details: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(details ?? {}, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  if (text.length <= MAX_DETAILS_CHARS) return JSON.parse(text) as Record<string, unknown>;
  return { truncated: true, summary: text.slice(0, MAX_DETAILS_CHARS) };
}

/**
 * Appends one entry using an open ledger database; synchronous, so that it can sit inside the
 * caller's transaction (e.g. the statement row, its upload row and its audit entry together).
 * The caller saves (usually `writer.commit()`).
 */
export function appendAuditIn(
  db: Database,
  caller: Caller,
  action: AuditAction,
  details: Record<string, unknown>,
  at: Date = new Date(),
): AuditEntry {
  return db.transaction(() => {
    const last = db.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const base = {
      seq: (last?.seq ?? 0) + 1,
      at: at.toISOString(),
      user: caller.user,
      role: caller.role,
      action,
      details: cleanDetails(details),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const entry: AuditEntry = { ...base, hash: entryHash(base) };
    db.run(
      'INSERT INTO audit_log (seq, at, user, role, action, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [entry.seq, entry.at, entry.user, entry.role, entry.action, canonicalize(entry.details) ?? '{}', entry.prevHash, entry.hash],
    );
    db.run('INSERT INTO ledger_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [
      HEAD_KEY,
      JSON.stringify({ seq: entry.seq, hash: entry.hash }),
    ]);
    return entry;
  });
}

/**
 * Records an operation in the audit log (import, sync, preview, generate, download, view, upload,
 * settings and template changes …). The entry is saved with the ledger's next group commit (at
 * the latest ~2 s later, or when the engine closes); pass `{ durable: true }` to wait for a save.
 * When another process holds the ledger, the entry goes to the audit inbox (inbox.ts) and joins
 * the chain when a process next opens the ledger for writing (the returned entry has seq 0).
 */
export async function appendAudit(
  engine: Engine,
  caller: Caller,
  action: AuditAction,
  details: Record<string, unknown>,
  opts: { durable?: boolean } = {},
): Promise<AuditEntry> {
  let ledger;
  try {
    ledger = await engine.use(ledgerService);
  } catch (err) {
    if ((err as { code?: string }).code !== 'LEDGER_IN_USE') throw err;
    // another process holds the ledger: the entry waits in the inbox and joins the chain later
    writeInbox(engine, caller, action, cleanDetails(details));
    return { seq: 0, at: engine.platform.now().toISOString(), user: caller.user, role: caller.role, action, details, prevHash: '', hash: '' };
  }
  const entry = appendAuditIn(ledger.db, caller, action, details, engine.platform.now());
  if (opts.durable) await ledger.writer.commit();
  else ledger.writer.commitLater();
  return entry;
}

function toEntry(r: AuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(r.details) as Record<string, unknown>;
  } catch {
    details = { unreadable: r.details };
  }
  return { seq: r.seq, at: r.at, user: r.user, role: r.role, action: r.action, details, prevHash: r.prev_hash, hash: r.hash };
}

/** A page of the log, newest first. */
export function listAudit(db: Database, offset = 0, limit = 200): { rows: AuditEntry[]; total: number } {
  const total = db.value<number>('SELECT count(*) FROM audit_log') ?? 0;
  const rows = db.all<AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ? OFFSET ?', [limit, offset]).map(toEntry);
  return { rows, total };
}

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  /** the seq of the first entry found wrong (or the last good seq + 1 when entries are missing) */
  brokenAt: number | null;
  message: string;
}

/** Walks the whole chain: every seq present and in order, every hash right, the head matching. */
export function verifyAudit(db: Database): AuditVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const broken = (at: number, message: string): AuditVerdict => ({ ok: false, entries: count, brokenAt: at, message });
  for (const r of db.iterate<AuditRow>('SELECT * FROM audit_log ORDER BY seq')) {
    if (r.seq !== expectedSeq) {
      return broken(expectedSeq, r.seq > expectedSeq ? `entry ${expectedSeq} is missing (next is ${r.seq})` : `entry ${r.seq} is out of order`);
    }
    let details: unknown;
    try {
      details = JSON.parse(r.details);
    } catch {
      return broken(r.seq, `entry ${r.seq} has unreadable details`);
    }
    if (r.prev_hash !== prevHash) {
      return broken(r.seq, `entry ${r.seq} does not follow entry ${r.seq - 1} (an entry was removed, inserted or reordered)`);
    }
    const hash = entryHash({
      seq: r.seq,
      at: r.at,
      user: r.user,
      role: r.role,
      action: r.action,
      details: details as Record<string, unknown>,
      prevHash: r.prev_hash,
    });
    if (hash !== r.hash) return broken(r.seq, `entry ${r.seq} was edited (its hash does not match its content)`);
    prevHash = r.hash;
    expectedSeq++;
    count++;
  }
  const headText = db.value<string>('SELECT value FROM ledger_meta WHERE key = ?', [HEAD_KEY]);
  if (count === 0 && !headText) return { ok: true, entries: 0, brokenAt: null, message: 'the audit log is empty' };
  let head: { seq: number; hash: string } | null = null;
  try {
    head = headText ? (JSON.parse(headText) as { seq: number; hash: string }) : null;
  } catch {
    head = null;
  }
  if (!head || head.seq !== count || head.hash !== prevHash) {
    return broken(count + 1, `the log ends at entry ${count} but its head records entry ${head?.seq ?? '?'} (entries were removed from the end)`);
  }
  return { ok: true, entries: count, brokenAt: null, message: `${count} entries, chain intact` };
}

const ROLES: readonly string[] = ['viewer', 'accountant', 'admin'];

// each time the ledger opens: audit entries written by processes that could not open it join the
// chain, with their own time, user and role
onLedgerStart(
  async function mergeAuditInbox(engine, { db, writer }) {
    const merged = mergeInbox(engine.platform.dataDir, db, (e, file) => {
      const role = (ROLES.includes(e.role) ? e.role : 'viewer') as Role;
      const at = new Date(Number.isNaN(Date.parse(e.at)) ? Date.now() : Date.parse(e.at));
      appendAuditIn(db, { user: e.user, role }, e.action, { ...e.details, recordedVia: `audit-inbox/${file}` }, at);
    });
    if (merged.length) {
      await writer.commit();
      removeMerged(engine.platform.dataDir, merged);
    }
  },
  { phase: 'merge' },
);
