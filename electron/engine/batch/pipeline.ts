/**
 * Wires the batch runner to the statement, rendering and ledger parts: subject keys from the
 * statement engine, "already made" from the ledger, statements made by producer.ts. An engine
 * service, so a test gives one engine its own producer or commit sizes
 * (`engine.provide(batchWiring, { ...productionBatchWiring, commitEvery: 5 })`).
 */
import { defineService } from '../engine';
import { findCompletedRef } from '../ledger/records';
import { subjectKey } from '../statements';
import type { BatchDeps } from './runner';
import { createBatchProducer } from './producer';

/** The production wiring. */
export const productionBatchWiring: BatchDeps = {
  keyOf: subjectKey,
  findCompleted: findCompletedRef,
  createProducer: createBatchProducer,
  commitEvery: 500,
  commitMs: 1000,
};

export const batchWiring = defineService<BatchDeps>('batch-wiring', () => productionBatchWiring);
