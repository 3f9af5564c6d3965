/**
 * Wires the batch runner to the statement, rendering and ledger parts: subject keys from the
 * statement engine, "already made" from the ledger, statements made by producer.ts.
 */
import { findCompletedRef } from '../ledger/records';
import { subjectKey } from '../statements';
import { setBatchDeps, type BatchDeps } from './runner';
import { createBatchProducer } from './producer';

/** The production wiring (tests and the bench may tune commit sizes: `setBatchDeps({ ...batchDeps, commitEvery })`). */
export const batchDeps: BatchDeps = {
  keyOf: subjectKey,
  findCompleted: findCompletedRef,
  createProducer: createBatchProducer,
  commitEvery: 500,
  commitMs: 1000,
};

setBatchDeps(batchDeps);
