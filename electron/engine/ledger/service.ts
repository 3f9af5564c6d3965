/**
 * The ledger service: the ledger database, its group-commit writer, the local file store and the
 * writer lock. Created on first use; at creation it reconciles what a crash may have left behind
 * (see reconcile.ts). Everything that writes the ledger goes through `engine.use(ledgerService)`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database';
import type { Role } from '../../../shared/contract';
import { mergeInbox, removeMerged } from '../audit/inbox';
import { appendAuditIn } from '../audit/log';
import { ledgerDb } from '../db/stores';
import { defineService, type Engine } from '../engine';
import { PendingDirSyncs } from '../fs/durable';
import { setInvoicedItemsLookup } from '../statements';
import { acquireLedgerLock } from './lock';
import { reconcile, type ReconcileReport } from './reconcile';
import { invoicedItems } from './records';
import { LedgerWriter } from './writer';

export interface Ledger {
  db: Database;
  writer: LedgerWriter;
  /** the local file store: one file per reference, never overwritten */
  storeDir: string;
  /** store folders holding batch files not yet durable as entries: synced before each save */
  storeDirSyncs: PendingDirSyncs;
  quarantineDir: string;
  /** what the start-up reconciliation did */
  reconciled: ReconcileReport | null;
}

/** Hooks run once when the ledger service starts (reconciliation registers itself here). */
type StartHook = (engine: Engine, ledger: Ledger) => Promise<void>;
const startHooks: StartHook[] = [];
export function onLedgerStart(hook: StartHook): void {
  if (!startHooks.includes(hook)) startHooks.push(hook);
}

interface LedgerInternal extends Ledger {
  release: () => void;
}

// the statement engine's ComputeContext asks the ledger which billing items are on a COMPLETED invoice
const openLedgers = new WeakMap<Engine, Database>();
setInvoicedItemsLookup((engine, ids) => {
  const db = openLedgers.get(engine);
  return db && !db.isClosed ? invoicedItems(db, ids) : new Map();
});

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
      const ledger: LedgerInternal = { db, writer: new LedgerWriter(db, 0, storeDirSyncs), storeDir, storeDirSyncs, quarantineDir, reconciled: null, release };
      // after an unclean stop (a stale lock) the whole store is scanned for unrecorded files
      ledger.reconciled = await reconcile(engine, ledger, { scanStore: lock.tookOverStale || engine.platform.env.FOLIO_RECONCILE_SCAN === '1' });
      // audit entries written by processes that could not open the ledger join the chain
      const merged = mergeInbox(engine.platform.dataDir, db, (e, file) =>
        appendAuditIn(db, { user: e.user, role: (['viewer', 'accountant', 'admin'].includes(e.role) ? e.role : 'viewer') as Role }, e.action, { ...e.details, recordedVia: `audit-inbox/${file}` }, new Date(Number.isNaN(Date.parse(e.at)) ? Date.now() : Date.parse(e.at))),
      );
      if (merged.length) {
        await ledger.writer.commit();
        removeMerged(engine.platform.dataDir, merged);
      }
      for (const hook of startHooks) await hook(engine, ledger);
      openLedgers.set(engine, db);
      return ledger;
    } catch (err) {
      release();
      throw err;
    }
  },
  async (ledger, engine) => {
    openLedgers.delete(engine);
    try {
      await ledger.writer.close();
    } finally {
      (ledger as LedgerInternal).release();
    }
  },
);
