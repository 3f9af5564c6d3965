/**
 * Sealing an existing plain data folder in place: the cache, the ledger and (unless turned off)
 * the statement files in the store. Each file is replaced atomically (temp, fsync, rename), and a
 * sealed file is skipped, so an interrupted migration simply resumes at the next start (the
 * manifest stays in state "migrating" until every file is sealed).
 */
import { existsSync, promises as fsp, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FolioError } from '../../../shared/errors';
import { writeFileDurable } from '../fs/durable';
import { readFileHead } from '../fs/head';
import { nodeSqlite, settleDatabaseFile } from '../db/node-sqlite-backend';
import { isSealed, seal, type Purpose } from './aead';

export const DB_FILES: ReadonlyArray<readonly [Purpose, string]> = [
  ['cache', 'cache.sqlite'],
  ['ledger', 'ledger.sqlite'],
];
export const STORE_DIR = 'store';

/** Refuses to migrate while another live Folio process holds the ledger (it would save plain bytes over ours). */
export function assertNoOtherWriter(dataDir: string): void {
  const file = join(dataDir, 'ledger.lock');
  if (!existsSync(file)) return;
  let info: { pid?: number; host?: string } | null = null;
  try {
    info = JSON.parse(readFileSync(file, 'utf8')) as { pid?: number; host?: string };
  } catch {
    return; // a half-written lock from a crash: stale
  }
  if (!info?.pid || info.pid === process.pid) return;
  if (info.host && info.host !== hostname()) {
    throw new FolioError('conflict', 'LEDGER_IN_USE', `Folio on ${info.host} is using this data folder; close it there before it is encrypted`);
  }
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return; // the process is gone: stale lock
  }
  throw new FolioError('conflict', 'LEDGER_IN_USE', `Another Folio process (pid ${info.pid}) is using this data folder; close it so the folder can be encrypted`);
}

/** True when a plain file that must be sealed exists (used to refuse a folder whose manifest was lost). */
export function sealedDatabases(dataDir: string): string[] {
  const out: string[] = [];
  for (const [, name] of DB_FILES) {
    const file = join(dataDir, name);
    if (!existsSync(file)) continue;
    if (isSealed(readFileHead(file, 16))) out.push(file);
  }
  return out;
}

async function sealFile(file: string, purpose: Purpose, key: Uint8Array, context: Uint8Array): Promise<boolean> {
  // a plain database written by node:sqlite may have committed pages in its WAL: fold them in
  // first, so the sealed bytes are the whole database
  if (purpose !== 'file') settleDatabaseFile(nodeSqlite(), file);
  const bytes = new Uint8Array(await fsp.readFile(file));
  if (bytes.length === 0 || isSealed(bytes)) return false;
  await writeFileDurable(file, seal(key, purpose, bytes, context));
  return true;
}

async function* storeFiles(dir: string): AsyncGenerator<string> {
  if (!existsSync(dir)) return;
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    const abs = join(dir, e.name);
    if (e.isDirectory()) yield* storeFiles(abs);
    // hidden names are durable-write temp files in flight, not statements
    else if (e.isFile() && !e.name.startsWith('.')) yield abs;
  }
}

export interface SealReport {
  databases: number;
  files: number;
}

/** Seals every plain file of the folder. `files: false` leaves the statement files plain. */
export async function sealFolder(dataDir: string, key: Uint8Array, context: Uint8Array, opts: { files: boolean }): Promise<SealReport> {
  const report: SealReport = { databases: 0, files: 0 };
  for (const [purpose, name] of DB_FILES) {
    const file = join(dataDir, name);
    if (existsSync(file) && (await sealFile(file, purpose, key, context))) report.databases++;
  }
  if (opts.files) {
    for await (const file of storeFiles(join(dataDir, STORE_DIR))) {
      if (await sealFile(file, 'file', key, context)) report.files++;
    }
  }
  return report;
}
