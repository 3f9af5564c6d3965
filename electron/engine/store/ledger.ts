/**
 * The ledger store: the ledger database, its group-commit writer, the local file store's folders
 * and the writer lock. Created on first use (`engine.use(ledgerService)`); everything that writes
 * the ledger goes through it. It knows nothing of what is kept in it: the parts above it (crash
 * reconciliation in ledger/, the audit inbox merge in audit/, interrupted batches in batch/)
 * register start hooks (`onLedgerStart`), run here once the store is open and before anyone else
 * gets it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database';
import { ledgerDb } from '../db/stores';
import { defineService, onServiceStart, type Engine, type StartHook } from '../engine';
import { PendingDirSyncs } from '../fs/durable';
import { acquireLedgerLock } from './lock';
import { LedgerWriter } from './writer';

export interface Ledger {
  db: Database;
  writer: LedgerWriter;
  /** the local file store: one file per reference, never overwritten */
  storeDir: string;
  /** store folders holding batch files not yet durable as entries: synced before each save */
  storeDirSyncs: PendingDirSyncs;
  quarantineDir: string;
  /** the lock was taken over from a process that stopped without releasing it (an unclean stop) */
  tookOverStale: boolean;
}

interface LedgerInternal extends Ledger {
  release: () => void;
}

/**
 * The ledger for reading (history, audit list/verify, the upload list): the ledger service when
 * this process may write it; when another live Folio process holds it (the desktop app while the
 * CLI runs), its last saved state, read-only.
 */
export async function ledgerForReading(engine: Engine): Promise<Database> {
  try {
    return (await engine.use(ledgerService)).db;
  } catch (err) {
    if ((err as { code?: string }).code !== 'LEDGER_IN_USE') throw err;
    return engine.use(ledgerDb);
  }
}

export function storeDirOf(engine: Engine): string {
  return join(engine.platform.dataDir, 'store');
}

export const ledgerService = defineService<Ledger>(
  'ledger',
  async (engine) => {
    mkdirSync(engine.platform.dataDir, { recursive: true });
    const lock = acquireLedgerLock(join(engine.platform.dataDir, 'ledger.lock'));
    const release = lock.release;
    try {
      const db = await engine.use(ledgerDb);
      const storeDir = storeDirOf(engine);
      const quarantineDir = join(storeDir, 'quarantine');
      mkdirSync(quarantineDir, { recursive: true });
      const storeDirSyncs = new PendingDirSyncs();
      const writer = new LedgerWriter(db, 0, storeDirSyncs);
      const ledger: LedgerInternal = { db, writer, storeDir, storeDirSyncs, quarantineDir, tookOverStale: lock.tookOverStale, release };
      await engine.runStartHooks(ledgerService, ledger as Ledger);
      return ledger;
    } catch (err) {
      release();
      throw err;
    }
  },
  async (ledger) => {
    try {
      await ledger.writer.close();
    } finally {
      (ledger as LedgerInternal).release();
    }
  },
);

/**
 * Registers work run once each time the ledger store opens, before its first user gets it.
 * `phase` orders owners (see engine.ts): reconciliation repairs, the audit inbox merges, the rest
 * is `ready` (the default). Hooks registered with the same function run once.
 */
export function onLedgerStart(run: StartHook<Ledger>['run'], opts: { name?: string; phase?: StartHook<Ledger>['phase'] } = {}): void {
  onServiceStart(ledgerService, { name: opts.name ?? (run.name || 'unnamed'), phase: opts.phase ?? 'ready', run });
}
