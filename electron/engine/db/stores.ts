/**
 * The two databases: the reproducible billing cache and the precious ledger, in separate files
 * so that saving one ledger row never re-exports a large cache.
 */
import { join } from 'node:path';
import { FolioError } from '../../../shared/errors';
import { encryption } from '../crypto';
import { defineService, type Engine } from '../engine';
import { Database } from './database';

export function cacheFile(engine: Engine): string {
  return join(engine.platform.dataDir, 'cache.sqlite');
}
export function ledgerFile(engine: Engine): string {
  return join(engine.platform.dataDir, 'ledger.sqlite');
}

async function openDb(engine: Engine, label: 'cache' | 'ledger', file: string): Promise<Database> {
  // encryption at rest: the data folder's codec (undefined: stored as plain SQLite)
  const codec = (await engine.use(encryption)).dbCodec(label);
  return Database.open({
    file,
    migrationsDir: join(engine.platform.resourcesDir, 'migrations', label),
    label,
    engine: dbEngineSetting(engine.platform.env.FOLIO_DB_ENGINE),
    ...(codec ? { codec } : {}),
  });
}

/** FOLIO_DB_ENGINE: unset or 'auto' (node:sqlite for plain folders), 'sql.js' or 'node:sqlite'. */
export function dbEngineSetting(value: string | undefined): 'auto' | 'sql.js' | 'node:sqlite' {
  const v = (value ?? '').trim();
  if (v === '' || v === 'auto' || v === 'sql.js' || v === 'node:sqlite') return v === '' ? 'auto' : v;
  throw new FolioError('validation', 'BAD_DB_ENGINE', `FOLIO_DB_ENGINE must be auto, sql.js or node:sqlite, not "${v.slice(0, 40)}"`, 'FOLIO_DB_ENGINE');
}

async function closeDb(db: Database): Promise<void> {
  if (db.isClosed) return;
  await db.saveIfDirty();
  db.close();
}

export const cacheDb = defineService('cache-db', (engine) => openDb(engine, 'cache', cacheFile(engine)), closeDb);
export const ledgerDb = defineService('ledger-db', (engine) => openDb(engine, 'ledger', ledgerFile(engine)), closeDb);
