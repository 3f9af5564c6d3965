/**
 * batch:* handlers. Starting and controlling runs goes through the runner (which writes the
 * ledger and so holds the ledger's writer lock); reading runs and reports only reads the ledger,
 * so `folio batch list` works while the desktop app is running a batch.
 */
import type { BatchRun } from '../../../shared/contract';
import { batchRunner, type BatchRunner } from '../batch/runner';
import { reportCsv, reportFileName } from '../batch/report';
import { getRun, listItems, listRuns, problemItems } from '../batch/store';
import { ledgerDb } from '../db/stores';
import { defineHandlers, type Engine } from '../engine';
import { ledgerService } from '../ledger/service';

async function live(engine: Engine, id: string): Promise<BatchRun | null> {
  const runner = engine.peek<BatchRunner>(batchRunner);
  return runner ? (await runner).current(id) : null;
}

/**
 * A run stored as RUNNING/PAUSED that this engine is not running was left by a process that
 * stopped, or is going on in another process. Opening the ledger for writing tells which: it
 * succeeds only when no live process holds the ledger, and then marks such runs INTERRUPTED.
 */
async function settleStale(engine: Engine, runs: BatchRun[]): Promise<boolean> {
  const stale = [];
  for (const r of runs) if ((r.status === 'RUNNING' || r.status === 'PAUSED') && !(await live(engine, r.id))) stale.push(r);
  if (!stale.length || engine.peek(ledgerService)) return false;
  try {
    await engine.use(ledgerService);
    return true;
  } catch {
    return false; // another live process holds the ledger: its runs really are going on
  }
}

export const batchHandlers = defineHandlers({
  'batch:start': async (input, { engine, caller }) => (await engine.use(batchRunner)).start(input, caller),
  'batch:list': async (_input, { engine }) => {
    const db = await engine.use(ledgerDb);
    let runs = listRuns(db);
    if (await settleStale(engine, runs)) runs = listRuns(db);
    return Promise.all(runs.map(async (r) => (await live(engine, r.id)) ?? r));
  },
  'batch:get': async (input, { engine }) => {
    const db = await engine.use(ledgerDb);
    let run = (await live(engine, input.id)) ?? getRun(db, input.id);
    if (await settleStale(engine, [run])) run = getRun(db, input.id);
    const { items, total } = listItems(db, input.id, input);
    return { run, items, total };
  },
  'batch:pause': async (input, { engine }) => (await engine.use(batchRunner)).pause(input.id),
  'batch:resume': async (input, { engine, caller }) => (await engine.use(batchRunner)).resume(input.id, caller),
  'batch:cancel': async (input, { engine }) => (await engine.use(batchRunner)).cancel(input.id),
  'batch:report': async (input, { engine }) => {
    const db = await engine.use(ledgerDb);
    const run = (await live(engine, input.id)) ?? getRun(db, input.id);
    return { fileName: reportFileName(run), csv: reportCsv(run, problemItems(db, run.id)) };
  },
});
