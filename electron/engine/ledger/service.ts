/**
 * The ledger as the parts above it see it: the ledger store (store/ledger.ts: database, writer,
 * file store, lock) with what the ledger layer adds when it opens: the crash reconciliation
 * (reconcile.ts registers it) and the answer to the statement engine's "which billing items are
 * on a COMPLETED invoice". Importing this module registers both.
 */
import type { Database } from '../db/database';
import type { Engine } from '../engine';
import { setInvoicedItemsLookup } from '../statements';
import { onLedgerStart } from '../store/ledger';
import './reconcile';
import { invoicedItems } from './records';

export { ledgerForReading, ledgerService, onLedgerStart, storeDirOf, type Ledger } from '../store/ledger';
export { reconcileReport, type ReconcileReport } from './reconcile';

// the statement engine's ComputeContext asks the ledger which billing items are on a COMPLETED invoice
const openLedgers = new WeakMap<Engine, Database>();
setInvoicedItemsLookup((engine, ids) => {
  const db = openLedgers.get(engine);
  return db && !db.isClosed ? invoicedItems(db, ids) : new Map();
});
onLedgerStart(
  function answerInvoicedItems(engine, ledger) {
    openLedgers.set(engine, ledger.db);
  },
  { phase: 'ready' },
);
