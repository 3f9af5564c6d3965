/**
 * Wires the batch runner to the statement, rendering and ledger parts: subject keys from the
 * statement engine, "already made" from the ledger, statements made by producer.ts. An engine
 * service, so a test gives one engine its own producer or commit sizes
 * (`engine.provide(batchWiring, { ...productionBatchWiring, commitEvery: 5 })`).
 */
import type { Database } from '../db/database';
import { defineService } from '../engine';
import { subjectKey } from '../statements';
import type { BatchDeps } from './runner';
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

/** The production wiring. */
export const productionBatchWiring: BatchDeps = {
  keyOf: subjectKey,
  findCompleted: findCompletedRef,
  createProducer: createBatchProducer,
  commitEvery: 500,
  commitMs: 1000,
};

export const batchWiring = defineService<BatchDeps>('batch-wiring', () => productionBatchWiring);
