/**
 * The ledger service: the ledger database, its group-commit writer, the local file store and the
 * writer lock. Created on first use; at creation it reconciles what a crash may have left behind
 * (see reconcile.ts). Everything that writes the ledger goes through `engine.use(ledgerService)`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database';
import { ledgerDb } from '../db/stores';
import { defineService, type Engine } from '../engine';
import { acquireLedgerLock } from './lock';
import { LedgerWriter } from './writer';

export interface Ledger {
  db: Database;
  writer: LedgerWriter;
  /** the local file store: one file per reference, never overwritten */
  storeDir: string;
  quarantineDir: string;
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

export function storeDirOf(engine: Engine): string {
  return join(engine.platform.dataDir, 'store');
}

export const ledgerService = defineService<Ledger>(
  'ledger',
  async (engine) => {
    mkdirSync(engine.platform.dataDir, { recursive: true });
    const release = acquireLedgerLock(join(engine.platform.dataDir, 'ledger.lock'));
    try {
      const db = await engine.use(ledgerDb);
      const storeDir = storeDirOf(engine);
      const quarantineDir = join(storeDir, 'quarantine');
      mkdirSync(quarantineDir, { recursive: true });
      const ledger: LedgerInternal = { db, writer: new LedgerWriter(db), storeDir, quarantineDir, release };
      for (const hook of startHooks) await hook(engine, ledger);
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
