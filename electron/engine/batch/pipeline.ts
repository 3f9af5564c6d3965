/**
 * Wires the batch runner to the statement, rendering and ledger parts: subject keys from the
 * statement engine, "already made" from the ledger, statements made by producer.ts.
 */
import { subjectKey } from '../statements';
import { setBatchDeps, type BatchDeps } from './runner';
import type { Database } from '../db/database';
import { createBatchProducer } from './producer';

export function findCompletedRef(ledger: Database, key: string): string | null {
  return (
    ledger.value<string>(
      `SELECT statement_ref FROM generated_statement WHERE subject_key = ? AND generation_status_cd = 'COMPLETED'
        ORDER BY generated_statement_id DESC LIMIT 1`,
      [key],
    ) ?? null
  );
}

/** The production wiring (tests and the bench may tune commit sizes: `setBatchDeps({ ...batchDeps, commitEvery })`). */
export const batchDeps: BatchDeps = {
  keyOf: subjectKey,
  findCompleted: findCompletedRef,
  createProducer: createBatchProducer,
  commitEvery: 500,
  commitMs: 1000,
};

setBatchDeps(batchDeps);
