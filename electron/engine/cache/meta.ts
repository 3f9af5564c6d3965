/** Small key/value state of the cache (`cache_meta`): data version, last import, last sync. */
import type { Database } from '../db/database';

export function getMeta(db: Database, key: string): string | null {
  return (db.value<string>('SELECT value FROM cache_meta WHERE key = ?', [key]) as string | undefined) ?? null;
}

export function setMeta(db: Database, key: string, value: string): void {
  db.run('INSERT INTO cache_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
}

/** The cache's data version: bumped by every applied bundle (statements record it). */
export function dataVersion(db: Database): number {
  return Number(getMeta(db, 'data_version') ?? 0);
}

export function bumpDataVersion(db: Database): number {
  const next = dataVersion(db) + 1;
  setMeta(db, 'data_version', String(next));
  return next;
}

export interface LastSync {
  at: string;
  ok: boolean;
  offline: boolean;
  message: string;
}

export function lastSync(db: Database): LastSync | null {
  const raw = getMeta(db, 'last_sync');
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LastSync;
  } catch {
    return null;
  }
}
