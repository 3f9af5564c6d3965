/**
 * The audit inbox: when another Folio process holds the ledger (the desktop app while `folio
 * preview` runs), an operation's audit entry cannot go into the chain at once. It is appended to
 * `audit-inbox/{pid}-{start}.jsonl` (one JSON line per entry, fsynced) and merged into the chain,
 * with its original time, user and role, by the next process that opens the ledger for writing,
 * once the writing process has exited. A merged file is recorded in `ledger_meta` in the same
 * transaction as its entries, so a crash between the save and the file's removal never merges
 * it twice.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database';
import type { Caller, Engine } from '../engine';

const DIR = 'audit-inbox';
const started = Date.now();

export interface InboxEntry {
  at: string;
  user: string;
  role: string;
  action: string;
  details: Record<string, unknown>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Appends one entry to this process's inbox file (durably). */
export function writeInbox(engine: Engine, caller: Caller, action: string, details: Record<string, unknown>): void {
  const dir = join(engine.platform.dataDir, DIR);
  mkdirSync(dir, { recursive: true });
  const entry: InboxEntry = { at: engine.platform.now().toISOString(), user: caller.user, role: caller.role, action, details };
  const fd = openSync(join(dir, `${process.pid}-${started}.jsonl`), 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Merges the inbox files of processes that have exited into the chain (synchronously, in one
 * transaction); returns the names merged. The caller saves, then calls `removeMerged`.
 */
export function mergeInbox(
  dataDir: string,
  db: Database,
  append: (entry: InboxEntry, file: string) => void,
): string[] {
  const dir = join(dataDir, DIR);
  if (!existsSync(dir)) return [];
  const merged: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => /^\d+-\d+\.jsonl$/.test(f))
    .sort((a, b) => Number(a.split('-')[1]!.split('.')[0]) - Number(b.split('-')[1]!.split('.')[0]));
  for (const f of files) {
    const pid = Number(f.split('-')[0]);
    if (pid === process.pid || alive(pid)) continue; // still writing: next time
    if (db.value('SELECT 1 FROM ledger_meta WHERE key = ?', [`audit.inbox.${f}`])) {
      merged.push(f); // merged before a crash: only the removal is left
      continue;
    }
    const lines = readFileSync(join(dir, f), 'utf8').split('\n');
    db.transaction(() => {
      for (const line of lines) {
        if (!line.trim()) continue;
        let e: InboxEntry;
        try {
          e = JSON.parse(line) as InboxEntry;
        } catch {
          continue; // a line cut by a crash
        }
        if (typeof e.action !== 'string' || typeof e.user !== 'string' || typeof e.at !== 'string') continue;
        append(e, f);
      }
      db.run('INSERT INTO ledger_meta (key, value) VALUES (?, ?)', [`audit.inbox.${f}`, new Date().toISOString()]);
    });
    merged.push(f);
  }
  return merged;
}

/** After the save holding the merged entries: the inbox files go. */
export function removeMerged(dataDir: string, files: string[]): void {
  for (const f of files) rmSync(join(dataDir, DIR, f), { force: true });
}
