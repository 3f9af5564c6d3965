/**
 * The batch producer: one statement through the ledger's own generate pipeline
 * (`generateStatement`: validate, PENDING row and line items, render in the worker pool with QA,
 * file written once to the store, COMPLETED + upload-queue row + audit entry in one transaction),
 * with `awaitSave: false`: the runner group-commits every few hundred statements and reports
 * COMPLETED only after that save. Same code path as a single `generate`, so a batch statement is
 * indistinguishable from one made by hand (besides its batch id).
 */
import type { BatchRun, Finding, StatementRequest } from '../../../shared/contract';
import { appendAuditIn } from '../audit/log';
import { cacheDb } from '../db/stores';
import type { Caller, Engine } from '../engine';
import { generateStatement } from '../usecases/generate';
import { ledgerService } from '../store/ledger';
import { uploadQueue } from '../uploads/service';
import type { ProduceOutcome, Producer } from './runner';

/** Where a batch's time goes (ms, summed over concurrent work): for the bench. */
export const batchStats = { generate: 0, statements: 0 };

export async function createBatchProducer(engine: Engine, run: BatchRun, caller: Caller): Promise<Producer> {
  const ledger = await engine.use(ledgerService);
  const cache = await engine.use(cacheDb);
  const db = ledger.db;
  const format = run.filters.format ?? 'pdf';
  const at = () => engine.platform.now();

  db.transaction(() => appendAuditIn(db, caller, 'batch', { run: run.id, kind: run.kind, filters: run.filters, event: 'start' }, at()));

  return {
    async produce(request: StatementRequest, _subjectKey: string, _reissueOf: string | null): Promise<ProduceOutcome> {
      const contractType =
        request.type === 'billing'
          ? (cache.value<string>('SELECT type FROM contracts WHERE id = ?', [request.filters.contractId]) ?? undefined)
          : undefined;
      const t = performance.now();
      const r = await generateStatement(engine, { request, format }, caller, {
        batchId: run.id,
        awaitSave: false,
        ...(contractType ? { contractType } : {}),
      });
      batchStats.generate += performance.now() - t;
      batchStats.statements++;
      const findings: Finding[] = [...r.findings];
      if (r.status === 'FAILED' && !findings.some((f) => f.severity === 'ERROR')) {
        findings.push({ severity: 'ERROR', code: 'GENERATE_FAILED', message: r.error ?? 'the statement could not be made' });
      }
      return { status: r.status, ref: r.ref, findings, ...(r.error ? { error: r.error } : {}) };
    },
    afterCommit() {
      // uploads start as soon as rows are durable, where the upload service already runs (the app);
      // the CLI leaves them queued for `folio uploads --drain`
      const uploads = engine.peek(uploadQueue);
      if (uploads) void uploads.then((u) => u.kick()).catch(() => undefined);
    },
    async close() {
      if (db.isClosed) return;
      db.transaction(() => appendAuditIn(db, caller, 'batch', { run: run.id, event: 'end' }, at()));
    },
  };
}
