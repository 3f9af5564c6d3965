/**
 * Import bench: the `large` demo bundle (5,000 clients, 50,000 contracts, 1,000,000 payment items)
 * imported into an empty cache, in child processes so that peak RSS is the import's alone:
 * (1) the whole bundle: wall time, rows/s, peak RSS, file size; (2) the payment items alone (with
 * the parties and deals they reference): the 1M-row target; (3) opening the saved cache.
 *
 * Direct use: `node --import tsx bench/suites/import.ts --child import BUNDLE DATA_DIR`
 * or `--child open DATA_DIR`.
 */
import { mkdirSync, statSync, symlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { demoBundleDir } from '../data';
import { runSuiteChild } from '../child-process';
import type { BenchRow, BenchSuite } from './types';

interface ChildResult {
  wallMs: number;
  /** user + system CPU time: what the import costs on an idle machine, whatever else runs */
  cpuMs: number;
  rows: number;
  maxRssMb: number;
  fileMb: number;
}

const runChild = (args: string[]) => runSuiteChild<ChildResult>(__filename, args, 'import');

async function child(mode: string, a: string, b?: string): Promise<void> {
  const { bareEngine } = await import('../../electron/engine/cache/test-support');
  const { cacheDb } = await import('../../electron/engine/db/stores');
  const dataDir = mode === 'import' ? b! : a;
  const e = bareEngine({ dataDir });
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let rows = 0;
  if (mode === 'import') {
    const { importPath } = await import('../../electron/engine/cache/import');
    const r = await importPath(e.engine, a);
    rows = r.applied + r.quarantined + r.skipped;
  } else {
    const db = await e.engine.use(cacheDb);
    rows = db.value<number>('SELECT count(*) FROM payment_items') as number;
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  await e.engine.close();
  const fileMb = statSync(join(dataDir, 'cache.sqlite')).size / 1048576;
  process.stdout.write(`${JSON.stringify({ wallMs, cpuMs, rows, maxRssMb: process.resourceUsage().maxRSS / 1024, fileMb })}\n`);
}

const ok = (v: number, max: number) => v <= max;

export const importSuite: BenchSuite = {
  name: 'import',
  estimate: 'about 2 minutes (writes the large demo bundle once)',
  async run(ctx) {
    const bundle = demoBundleDir(join(ctx.scratchDir('import-bundle-probe'), '..', '..'), 'large', ctx.log);
    // (1) the whole large bundle
    const full = ctx.scratchDir('import-full');
    ctx.log('import: the whole large bundle…');
    const f = await runChild(['import', bundle, full]);
    // (2) payment items (+ the parties and deals they reference) alone
    const payOnly = ctx.scratchDir('import-payments-bundle');
    for (const file of ['manifest.json', 'parties.ndjson', 'deals.ndjson', 'payment_items.ndjson']) symlinkSync(join(bundle, file), join(payOnly, file));
    const payData = ctx.scratchDir('import-payments');
    mkdirSync(payData, { recursive: true });
    ctx.log('import: 1,000,000 payment items…');
    const p = await runChild(['import', payOnly, payData]);
    // (3) opening the saved cache (the whole bundle's)
    ctx.log('import: opening the saved cache…');
    const o = await runChild(['open', full]);
    const rows: BenchRow[] = [
      { suite: 'import', metric: 'large bundle: wall time', value: `${(f.wallMs / 1000).toFixed(1)} s (${f.rows.toLocaleString('en-US')} rows)` },
      { suite: 'import', metric: 'large bundle: CPU time', value: `${(f.cpuMs / 1000).toFixed(1)} s (load average ${loadavg()[0]!.toFixed(1)})` },
      { suite: 'import', metric: 'large bundle: rows/s', value: Math.round(f.rows / (f.wallMs / 1000)).toLocaleString('en-US') },
      { suite: 'import', metric: 'large bundle: peak RSS', value: `${Math.round(f.maxRssMb)} MB`, target: '< 1536 MB', ok: ok(f.maxRssMb, 1536) },
      { suite: 'import', metric: '1M payment items: wall time', value: `${(p.wallMs / 1000).toFixed(1)} s`, target: '< 15 s', ok: ok(p.wallMs, 15000) },
      { suite: 'import', metric: '1M payment items: CPU time', value: `${(p.cpuMs / 1000).toFixed(1)} s`, target: '< 15 s', ok: ok(p.cpuMs, 15000) },
      { suite: 'import', metric: '1M payment items: rows/s', value: Math.round(p.rows / (p.wallMs / 1000)).toLocaleString('en-US') },
      { suite: 'import', metric: '1M payment items: peak RSS', value: `${Math.round(p.maxRssMb)} MB`, target: '< 1536 MB', ok: ok(p.maxRssMb, 1536) },
      { suite: 'import', metric: 'open the saved cache', value: `${(o.wallMs / 1000).toFixed(2)} s`, target: '< 2 s', ok: ok(o.wallMs, 2000) },
      { suite: 'import', metric: 'cache file size', value: `${Math.round(f.fileMb)} MB` },
    ];
    return rows;
  },
};

if (process.argv[2] === '--child') {
  child(process.argv[3]!, process.argv[4]!, process.argv[5]).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
