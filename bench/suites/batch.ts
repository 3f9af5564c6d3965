/**
 * Batch bench: statements per minute and peak RSS of a 50,000-statement billing run over the
 * `large` demo data. The run happens in a child process (this file with `--child`), on a copy
 * of the data folder holding only the cache (an empty ledger and store), so that its peak RSS is
 * the run's alone. The child also reports where the time went (compute, render, store, ledger).
 *
 * Direct use: `node --import tsx bench/suites/batch.ts --child DATA_DIR PERIOD [LIMIT]`.
 */
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow, BenchSuite } from './types';

const TARGET_PER_MIN = 30_000;
const TARGET_RSS_MB = 600;
const STATEMENTS = 50_000;

interface ChildResult {
  planned: number;
  completed: number;
  failed: number;
  skipped: number;
  status: string;
  elapsedMs: number;
  planMs: number;
  maxRssMb: number;
  ledgerSaves: number;
  ledgerSaveMs: number;
  ledgerMb: number;
  stages: Record<string, number>;
}

function runChild(dataDir: string, period: string, log: (m: string) => void): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--child', dataDir, period], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FOLIO_USER: 'bench', FOLIO_POLICY_FILE: '/nonexistent/folio-policy.json' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => log(d.toString().trim()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as ChildResult);
      } catch {
        reject(new Error(`batch bench child exited ${code}: ${out.slice(-500)}`));
      }
    });
  });
}

export const batchSuite: BenchSuite = {
  name: 'batch',
  estimate: 'a few minutes (builds the large demo data the first time)',
  async run(ctx) {
    const source = await ctx.demoDataDir('large');
    const dir = ctx.scratchDir('batch-large');
    copyFileSync(join(source, 'cache.sqlite'), join(dir, 'cache.sqlite'));
    const period = await busiestPeriod(dir);
    ctx.log(`batch: billing run for ${period} in a child process`);
    const r = await runChild(dir, period, ctx.log);
    const perMin = r.elapsedMs > 0 ? Math.round((r.completed + r.failed) / (r.elapsedMs / 60_000)) : 0;
    const stageText = Object.entries(r.stages)
      .map(([k, v]) => `${k} ${Math.round(v / 1000)}s`)
      .join(', ');
    const rows: BenchRow[] = [
      { suite: 'batch', metric: `billing run ${period}: planned / made / failed`, value: `${r.planned} / ${r.completed} / ${r.failed} (${r.status})`, target: `≥ ${STATEMENTS} planned`, ok: r.planned >= STATEMENTS && r.status === 'COMPLETED' },
      { suite: 'batch', metric: 'statements per minute', value: String(perMin), target: `≥ ${TARGET_PER_MIN}`, peer: 'seed 000: 500', ok: perMin >= TARGET_PER_MIN },
      { suite: 'batch', metric: 'peak RSS (child)', value: `${r.maxRssMb} MB`, target: `< ${TARGET_RSS_MB} MB`, ok: r.maxRssMb < TARGET_RSS_MB },
      { suite: 'batch', metric: 'wall time (plan)', value: `${Math.round(r.elapsedMs / 1000)} s (${Math.round(r.planMs)} ms)` },
      { suite: 'batch', metric: 'ledger saves / time / size', value: `${r.ledgerSaves} / ${Math.round(r.ledgerSaveMs / 1000)} s / ${r.ledgerMb} MB` },
      { suite: 'batch', metric: 'time by stage (summed over concurrent work)', value: stageText || 'n/a' },
    ];
    return rows;
  },
};

/** The month with the most contracts running (the demo's last month, normally). */
async function busiestPeriod(dataDir: string): Promise<string> {
  const { Database } = await import('../../electron/engine/db/database');
  const { findResourcesDir } = await import('../../electron/engine/platform');
  const db = await Database.open({ file: join(dataDir, 'cache.sqlite'), migrationsDir: join(findResourcesDir(), 'migrations', 'cache'), label: 'cache' });
  try {
    const last = db.value<string>('SELECT max(work_date) FROM labor_hours') ?? db.value<string>('SELECT max(start_date) FROM contracts');
    if (!last) throw new Error('the demo data has no contracts');
    return last.slice(0, 7);
  } finally {
    db.close();
  }
}

async function child(dataDir: string, period: string): Promise<void> {
  const { createEngine, nodePlatform } = await import('../../electron/engine');
  const { batchRunner } = await import('../../electron/engine/batch/runner');
  const { batchStats } = await import('../../electron/engine/batch/producer');
  const { ledgerService } = await import('../../electron/engine/ledger/service');
  const { statSync } = await import('node:fs');
  const engine = createEngine(nodePlatform({ dataDir, kind: 'cli' }));
  try {
    const runner = await engine.use(batchRunner);
    const t0 = performance.now();
    const started = await engine.call('batch:start', { kind: 'billing', period });
    const planMs = performance.now() - t0;
    let lastLog = 0;
    engine.subscribe((name, p) => {
      const e = p as { done: number; total: number; ratePerMin: number | null };
      if (name === 'progress' && performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        process.stderr.write(`batch ${e.done}/${e.total} ${e.ratePerMin ?? '-'}/min rss ${Math.round(process.memoryUsage().rss / 1e6)} MB\n`);
      }
    });
    const run = await runner.wait(started.id);
    const elapsedMs = performance.now() - t0;
    const ledger = await engine.use(ledgerService);
    const result: ChildResult = {
      planned: run.counts.planned,
      completed: run.counts.completed,
      failed: run.counts.failed,
      skipped: run.counts.skipped,
      status: run.status,
      elapsedMs,
      planMs,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      ledgerSaves: ledger.writer.stats.saves,
      ledgerSaveMs: ledger.writer.stats.totalSaveMs,
      ledgerMb: Math.round(statSync(join(dataDir, 'ledger.sqlite')).size / 1e5) / 10,
      stages: { ...batchStats },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await engine.close();
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!, process.argv[4]!).catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
