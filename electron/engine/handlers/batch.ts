/**
 * batch:* handlers. Starting and controlling runs goes through the runner (which writes the
 * ledger and so holds the ledger's writer lock); reading runs and reports only reads the ledger,
 * so `folio batch list` works while the desktop app is running a batch.
 */
import type { BatchRun } from '../../../shared/contract';
import { batchRunner, type BatchRunner } from '../batch/runner';
import { reportFileName, reportRows } from '../batch/report';
import { getRun, listItems, listRuns, problemItems } from '../batch/store';
import { ledgerDb } from '../db/stores';
import { defineHandlers, type Engine } from '../engine';
import '../batch/pipeline';

async function live(engine: Engine, id: string): Promise<BatchRun | null> {
  const runner = engine.peek<BatchRunner>(batchRunner);
  return runner ? (await runner).current(id) : null;
}

export const batchHandlers = defineHandlers({
  'batch:start': async (input, { engine, caller }) => (await engine.use(batchRunner)).start(input, caller),
  'batch:list': async (_input, { engine }) => {
    const runs = listRuns(await engine.use(ledgerDb));
    return Promise.all(runs.map(async (r) => (await live(engine, r.id)) ?? r));
  },
  'batch:get': async (input, { engine }) => {
    const db = await engine.use(ledgerDb);
    const run = (await live(engine, input.id)) ?? getRun(db, input.id);
    const { items, total } = listItems(db, input.id, input);
    return { run, items, total };
  },
  'batch:pause': async (input, { engine }) => (await engine.use(batchRunner)).pause(input.id),
  'batch:resume': async (input, { engine, caller }) => (await engine.use(batchRunner)).resume(input.id, caller),
  'batch:cancel': async (input, { engine }) => (await engine.use(batchRunner)).cancel(input.id),
  'batch:report': async (input, { engine }) => {
    const db = await engine.use(ledgerDb);
    const run = (await live(engine, input.id)) ?? getRun(db, input.id);
    return { fileName: reportFileName(run), csv: [...reportRows(run, problemItems(db, run.id))].join('') };
  },
});
