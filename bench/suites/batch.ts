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

interface StageResult {
  sample: number;
  /** ms per statement, one core */
  compute: number;
  renderPdf: number;
  store: number;
  ledgerRows: number;
}

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
  peaks: { rss: number; heap: number; arrayBuffers: number; external: number };
}

function runChild<T>(mode: '--child' | '--stages', dataDir: string, period: string, log: (m: string) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', __filename, mode, dataDir, period], {
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
        resolve(JSON.parse(last) as T);
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
    // FOLIO_BENCH_BATCH_SIZE=medium|small: a quick check of the suite itself (the target is for large)
    const size = (process.env.FOLIO_BENCH_BATCH_SIZE ?? 'large') as 'small' | 'medium' | 'large';
    const source = await ctx.demoDataDir(size);
    const dir = ctx.scratchDir(`batch-${size}`);
    copyFileSync(join(source, 'cache.sqlite'), join(dir, 'cache.sqlite'));
    const period = await busiestPeriod(dir);
    ctx.log(`batch: ${size} data, billing run for ${period} in a child process`);
    const r = await runChild<ChildResult>('--child', dir, period, ctx.log);
    ctx.log('batch: per-stage costs on a sample, one core, in a second child');
    const stagesDir = ctx.scratchDir('batch-stages');
    copyFileSync(join(source, 'cache.sqlite'), join(stagesDir, 'cache.sqlite'));
    const st = await runChild<StageResult>('--stages', stagesDir, period, ctx.log);
    const perMin = r.elapsedMs > 0 ? Math.round((r.completed + r.failed) / (r.elapsedMs / 60_000)) : 0;
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const cpuPerStatement = st.compute + st.renderPdf + st.store + st.ledgerRows + r.ledgerSaveMs / Math.max(1, r.completed);
    const rows: BenchRow[] = [
      { suite: 'batch', metric: `billing run ${period} (${size}): planned / made / failed`, value: `${r.planned} / ${r.completed} / ${r.failed} (${r.status})`, target: `≈ ${STATEMENTS} planned`, ok: r.status === 'COMPLETED' && r.planned >= STATEMENTS * 0.95 },
      { suite: 'batch', metric: 'statements per minute', value: String(perMin), target: `≥ ${TARGET_PER_MIN}`, peer: 'seed 000: 500', ok: perMin >= TARGET_PER_MIN },
      { suite: 'batch', metric: 'peak RSS (child)', value: `${r.maxRssMb} MB`, target: `< ${TARGET_RSS_MB} MB`, ok: r.maxRssMb < TARGET_RSS_MB },
      { suite: 'batch', metric: 'wall time (plan)', value: `${Math.round(r.elapsedMs / 1000)} s (${Math.round(r.planMs)} ms)` },
      { suite: 'batch', metric: 'ledger saves / time / size', value: `${r.ledgerSaves} / ${Math.round(r.ledgerSaveMs / 1000)} s / ${r.ledgerMb} MB` },
      { suite: 'batch', metric: 'peak heap / array buffers (sql.js databases and exports, if any)', value: `${r.peaks.heap} MB / ${r.peaks.arrayBuffers} MB` },
      { suite: 'batch', metric: `per statement, one core (sample ${st.sample}): compute`, value: ms(st.compute) },
      { suite: 'batch', metric: 'per statement: render PDF (pdf-lib)', value: ms(st.renderPdf) },
      { suite: 'batch', metric: 'per statement: store file (write, fsync, link; mostly I/O wait, overlapped in a run)', value: ms(st.store) },
      { suite: 'batch', metric: 'per statement: ledger rows (pending, completed, outbox, audit)', value: ms(st.ledgerRows) },
      { suite: 'batch', metric: 'per statement: share of ledger saves', value: ms(r.ledgerSaveMs / Math.max(1, r.completed)) },
      { suite: 'batch', metric: 'sum of the stages per statement vs the target\'s budget on 2 cores', value: ms(cpuPerStatement), target: `≤ ${ms((2 * 60_000) / TARGET_PER_MIN)}`, ok: cpuPerStatement <= (2 * 60_000) / TARGET_PER_MIN },
    ];
    return rows;
  },
};

/** The month (of the data's last twelve) with the most contracts running: the biggest billing run. */
async function busiestPeriod(dataDir: string): Promise<string> {
  const { Database } = await import('../../electron/engine/db/database');
  const { findResourcesDir } = await import('../../electron/engine/platform');
  const { periodBounds } = await import('../../electron/engine/batch/plan');
  const db = await Database.open({ file: join(dataDir, 'cache.sqlite'), migrationsDir: join(findResourcesDir(), 'migrations', 'cache'), label: 'cache' });
  try {
    const last = db.value<string>('SELECT max(work_date) FROM labor_hours') ?? db.value<string>('SELECT max(start_date) FROM contracts');
    if (!last) throw new Error('the demo data has no contracts');
    let [y, m] = last.slice(0, 7).split('-').map(Number) as [number, number];
    let best = { period: last.slice(0, 7), n: -1 };
    for (let i = 0; i < 12; i++) {
      const period = `${y}-${String(m).padStart(2, '0')}`;
      const { from, to } = periodBounds(period);
      const n = db.value<number>('SELECT count(*) FROM contracts WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?)', [to, from]) ?? 0;
      if (n > best.n) best = { period, n };
      if (--m === 0) [y, m] = [y - 1, 12];
    }
    return best.period;
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
    const peaks = { rss: 0, heap: 0, arrayBuffers: 0, external: 0 };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peaks.rss = Math.max(peaks.rss, Math.round(m.rss / 1e6));
      peaks.heap = Math.max(peaks.heap, Math.round(m.heapUsed / 1e6));
      peaks.arrayBuffers = Math.max(peaks.arrayBuffers, Math.round(m.arrayBuffers / 1e6));
      peaks.external = Math.max(peaks.external, Math.round(m.external / 1e6));
    }, 250);
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
    clearInterval(sampler);
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
      peaks,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await engine.close();
  }
}

/** Per-statement costs of each stage on one core, over a sample of the period's contracts. */
async function stages(dataDir: string, period: string): Promise<void> {
  const { createEngine, nodePlatform } = await import('../../electron/engine');
  const { cacheDb } = await import('../../electron/engine/db/stores');
  const { buildComputeContext, computeStatement, subjectKey } = await import('../../electron/engine/statements');
  const { renderStatement } = await import('../../electron/engine/render');
  const { builtinTemplate } = await import('../../electron/engine/templates/builtin');
  const { ledgerService } = await import('../../electron/engine/ledger/service');
  const { insertPending, markCompleted, newRef } = await import('../../electron/engine/ledger/records');
  const { sha256Hex, storeRelPath, writeStoreFile } = await import('../../electron/engine/store/files');
  const { appendAuditIn } = await import('../../electron/engine/audit/log');
  const { periodBounds } = await import('../../electron/engine/batch/plan');
  const engine = createEngine(nodePlatform({ dataDir, kind: 'cli' }));
  try {
    const cache = await engine.use(cacheDb);
    const ledger = await engine.use(ledgerService);
    const ctx = await buildComputeContext(engine);
    const { from, to } = periodBounds(period);
    const ids = cache
      .all<{ id: string }>('SELECT id FROM contracts WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?) ORDER BY id LIMIT 600', [to, from])
      .map((r) => r.id);
    const warm = 100;
    const requests = ids.map((id) => ({ type: 'billing' as const, filters: { contractId: id, period } }));
    requests.slice(0, warm).forEach((r) => computeStatement(r, ctx));
    let t = performance.now();
    const models = requests.slice(warm).map((r) => computeStatement(r, ctx));
    const compute = (performance.now() - t) / models.length;
    const ok = models.filter((m) => !m.findings.some((f) => f.severity === 'ERROR'));
    const template = builtinTemplate('billing', engine.platform.resourcesDir);
    const job = (m: (typeof ok)[number], ref: string) => ({ model: m, template, format: 'pdf' as const, ref, generatedAt: new Date().toISOString(), generatedBy: 'bench', metadata: { bench: true } });
    for (const m of ok.slice(0, 20)) await renderStatement(job(m, 'BS-1-00000000'));
    t = performance.now();
    const outs: Array<{ bytes: Uint8Array }> = [];
    for (const m of ok) outs.push(await renderStatement(job(m, 'BS-1-00000000')));
    const renderPdf = (performance.now() - t) / ok.length;
    const caller = { user: 'bench', role: 'admin' as const };
    const refs: string[] = [];
    t = performance.now();
    for (const [i, m] of ok.entries()) {
      const now = new Date();
      const ref = newRef(ledger.db, 'billing', now);
      refs.push(ref);
      insertPending(ledger.db, { ref, type: 'billing', model: m, metadata: { type: 'billing', totals: m.totals, findings: m.findings }, user: 'bench', at: now.toISOString(), format: 'pdf', templateId: template.id, templateVersion: template.version, subjectKey: subjectKey(requests[warm + i]!), reissueOf: null, batchId: 'bench' });
    }
    let ledgerRows = performance.now() - t;
    t = performance.now();
    const rels: string[] = [];
    for (const [i, ref] of refs.entries()) {
      const at = new Date().toISOString();
      const rel = storeRelPath(ref, at, 'pdf');
      rels.push(rel);
      sha256Hex(outs[i]!.bytes);
      await writeStoreFile(engine, ledger.storeDir, rel, outs[i]!.bytes);
    }
    const store = (performance.now() - t) / refs.length;
    t = performance.now();
    for (const [i, ref] of refs.entries()) {
      const at = new Date().toISOString();
      ledger.db.transaction(() => {
        markCompleted(ledger.db, { ref, filePath: rels[i]!, fileName: `${ref}.pdf`, sizeBytes: outs[i]!.bytes.length, sha256: 'x'.repeat(64), s3Key: `k/${ref}.pdf`, metaKey: `k/${ref}.json`, uploadStatus: 'LOCAL_ONLY', user: 'bench', at });
        appendAuditIn(ledger.db, caller, 'generate', { ref, status: 'COMPLETED' });
      });
    }
    ledgerRows = (ledgerRows + performance.now() - t) / refs.length;
    process.stdout.write(`${JSON.stringify({ sample: ok.length, compute, renderPdf, store, ledgerRows } satisfies StageResult)}\n`);
  } finally {
    await engine.close();
  }
}

if (process.argv[2] === '--stages') {
  stages(process.argv[3]!, process.argv[4]!).catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!, process.argv[4]!).catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
