/**
 * A `folio` process for the batch tests: the real CLI, engine, statement engine and ledger, with
 * the ledger's deterministic test renderer unless FOLIO_TEST_REAL_RENDER=1, group commits every
 * FOLIO_TEST_COMMIT_EVERY statements, and (FOLIO_TEST_KILL_AFTER=N) a SIGKILL of itself when a
 * statement past the N-th starts rendering once a group commit has saved some statements: a crash
 * part way, with no chance to save or clean up.
 *
 *   node --import tsx test/batch/child.ts folio-args…
 */
import { processIo } from '../../electron/cli/context';
import { run } from '../../electron/cli/program';
import { batchWiring, productionBatchWiring } from '../../electron/engine/batch/pipeline';
import type { Engine } from '../../electron/engine/engine';
import { renderDeps, type RenderDeps } from '../../electron/engine/ledger/render-deps';
import { testRenderer } from '../../electron/engine/ledger/testing';

const env = process.env;
let renderer: RenderDeps | null = null;
if (env.FOLIO_TEST_REAL_RENDER !== '1') {
  const inner = testRenderer({ delayMs: Number(env.FOLIO_TEST_RENDER_MS ?? 2) });
  const killAfter = Number(env.FOLIO_TEST_KILL_AFTER ?? 0);
  let renders = 0;
  let watching = false;
  let durable = 0;
  renderer = {
    ...inner,
    async render(engine, job) {
      if (killAfter && !watching) {
        watching = true;
        // batch:changed is emitted after each group commit, with the counts that save holds
        engine.subscribe((name, p) => {
          if (name === 'batch:changed') durable = Math.max(durable, (p as { counts: { completed: number } }).counts.completed);
        });
      }
      // die at the first render past the N-th once some statements are durably saved: a crash part way
      if (killAfter && ++renders >= killAfter && durable > 0) process.kill(process.pid, 'SIGKILL');
      return inner.render(engine, job);
    },
  };
}

/** the run's engine: group commits every FOLIO_TEST_COMMIT_EVERY statements, the test renderer */
function wire(engine: Engine): void {
  engine.provide(batchWiring, { ...productionBatchWiring, commitEvery: Number(env.FOLIO_TEST_COMMIT_EVERY ?? 5), commitMs: 200 });
  if (renderer) engine.provide(renderDeps, renderer);
}

run(process.argv.slice(2), { ...processIo, wire }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 70;
  },
);
