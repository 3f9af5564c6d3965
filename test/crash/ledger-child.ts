/**
 * The child of the crash test: generates statements and drains uploads in a loop until it is
 * killed. Prints `READY` once the ledger is open (reconciled), and `DONE <ref> <sha256>` for each
 * statement only after generateStatement reported it COMPLETED (i.e. after its ledger save).
 * Usage: node --import tsx test/crash/ledger-child.ts DATA_DIR SEED
 */
import { createEngine, nodePlatform } from '../../electron/engine';
import { generateStatement } from '../../electron/engine/usecases/generate';
import { renderDeps } from '../../electron/engine/ledger/render-deps';
import { ledgerService } from '../../electron/engine/ledger/service';
import { clientRequest, testRenderer } from '../../electron/engine/ledger/testing';
import { uploadQueue } from '../../electron/engine/uploads/service';

const [dataDir, seedArg] = process.argv.slice(2);
let seed = Number(seedArg) >>> 0 || 1;
const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);

// CRASH_REAL_RENDER=1: the real PDF renderer (worker pool) instead of the small test renderer

async function main(): Promise<void> {
  const engine = createEngine(nodePlatform({ dataDir: dataDir!, kind: 'test', policyFiles: [], env: process.env }));
  if (process.env.CRASH_REAL_RENDER !== '1') engine.provide(renderDeps, testRenderer({ delayMs: 5 }));
  await engine.use(ledgerService);
  const queue = await engine.use(uploadQueue);
  process.stdout.write('READY\n');
  const caller = { user: 'crash-child', role: 'accountant' as const };
  // uploads drain alongside generation, as in the app
  void (async () => {
    for (;;) {
      await queue.drain({ force: true });
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  for (;;) {
    const batch = Array.from({ length: 3 }, () => `c${1 + Math.floor(rand() * 30)}`);
    await Promise.all(
      batch.map(async (id) => {
        const r = await generateStatement(engine, clientRequest(id, process.env.CRASH_REAL_RENDER === '1' ? 'pdf' : 'text'), caller);
        if (r.status === 'COMPLETED') process.stdout.write(`DONE ${r.ref} ${r.sha256}\n`);
      }),
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`child failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(3);
});
