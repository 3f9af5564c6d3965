/**
 * The ledger as the parts above it see it: the ledger store (store/ledger.ts: database, writer,
 * file store, lock) with what the ledger layer adds when it opens: the crash reconciliation
 * (reconcile.ts registers it). Importing this module registers it.
 */
import './reconcile';

export { ledgerForReading, ledgerService, onLedgerStart, storeDirOf, type Ledger } from '../store/ledger';
export { reconcileReport, type ReconcileReport } from './reconcile';
