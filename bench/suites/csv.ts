/**
 * CSV import bench: 1,000,000 payment items in a CSV as Excel writes it in a German locale (BOM,
 * `;`, CRLF, "1.234,56", DD.MM.YYYY, some quoted cells with a `;` and a line break), imported
 * through the wizard's engine calls (inspect, check, import) into a cache that holds the parties
 * and deals they reference; the peer is the same 1M rows as an NDJSON bundle through the bundle
 * importer, in the same run. Each import runs in its own child process, so that peak RSS is its
 * own.
 *
 * Direct use: `node --import tsx bench/suites/csv.ts --child csv|bundle DATA_DIR PARENTS INPUT`.
 */
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { runSuiteChild } from '../child-process';
import type { BenchRow, BenchSuite } from './types';

const ROWS = 1_000_000;
const CLIENTS = 200;
const DEALS = 1_000;
const EXPORTED_AT = '2025-12-31T12:00:00Z';

interface ChildResult {
  /** the import's wall and CPU time (the parents' import before it not counted) */
  wallMs: number;
  cpuMs: number;
  /** csv: the wizard's inspect (head + streamed row count) and check, before the import */
  inspectMs?: number;
  checkMs?: number;
  rows: number;
  applied: number;
  quarantined: number;
  maxRssMb: number;
}

const runChild = (args: string[]) => runSuiteChild<ChildResult>(__filename, args, 'csv');

/** Lines written to a file in batches. */
function lineFile(file: string): { put(line: string): void; close(): void } {
  const fd = openSync(file, 'w');
  let buf: string[] = [];
  const flush = () => {
    if (buf.length) writeSync(fd, buf.join(''));
    buf = [];
  };
  return {
    put(line) {
      buf.push(line);
      if (buf.length >= 10_000) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}

/** "123456" minor units → "1.234,56" */
function deMoney(minor: number): string {
  const s = String(minor).padStart(3, '0');
  return `${s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${s.slice(-2)}`;
}
const major = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

/** The parents bundle, the 1M-row CSV and the same rows as an NDJSON bundle. */
function writeData(dir: string): { parents: string; csv: string; bundle: string } {
  const parents = join(dir, 'parents');
  const bundle = join(dir, 'payments-bundle');
  mkdirSync(parents, { recursive: true });
  mkdirSync(bundle, { recursive: true });
  const manifest = JSON.stringify({ format: 1, exported_at: EXPORTED_AT, kind: 'delta' });
  writeFileSync(join(parents, 'manifest.json'), manifest);
  writeFileSync(join(bundle, 'manifest.json'), manifest);
  const u = { updated_at: EXPORTED_AT };
  const parties = Array.from({ length: CLIENTS }, (_, i) => JSON.stringify({ id: `BC${i}`, ...u, name: `Client ${i}`, type: 'CLIENT', country: 'DE', default_currency: 'EUR' }));
  writeFileSync(join(parents, 'parties.ndjson'), parties.join('\n') + '\n');
  const deals = Array.from({ length: DEALS }, (_, j) =>
    JSON.stringify({ id: `BD${j}`, ...u, ref: `D-${j}`, name: `Tour ${j}`, client_id: `BC${j % CLIENTS}`, engagement_date: '2025-06-01', currency: 'EUR', commission_pct: '15' }),
  );
  writeFileSync(join(parents, 'deals.ndjson'), deals.join('\n') + '\n');
  const csv = join(dir, 'payments.csv');
  const c = lineFile(csv);
  const b = lineFile(join(bundle, 'payment_items.ndjson'));
  c.put('\uFEFFPayment ID;Client ID;Deal ID;Posted date;Description;Reference;Currency;Gross;Commission;Net\r\n');
  for (let i = 0; i < ROWS; i++) {
    const gross = 10_000 + ((i * 7919) % 10_000_000);
    const commission = Math.floor((gross * 15) / 100);
    const day = (i % 28) + 1;
    const month = (i % 12) + 1;
    const dd = String(day).padStart(2, '0');
    const mm = String(month).padStart(2, '0');
    const description = i % 50 === 0 ? `Merch share ${i}\nsecond line; split` : `Show fee ${i}`;
    const cell = i % 50 === 0 ? `"${description.replace('\n', '\r\n')}"` : description;
    c.put(`BP${i};BC${i % CLIENTS};BD${i % DEALS};${dd}.${mm}.2025;${cell};R-${i};EUR;${deMoney(gross)};${deMoney(commission)};${deMoney(gross - commission)}\r\n`);
    b.put(
      `${JSON.stringify({ id: `BP${i}`, ...u, client_id: `BC${i % CLIENTS}`, deal_id: `BD${i % DEALS}`, posted_date: `2025-${mm}-${dd}`, description, reference: `R-${i}`, currency: 'EUR', gross: major(gross), commission: major(commission), net: major(gross - commission) })}\n`,
    );
  }
  c.close();
  b.close();
  return { parents, csv, bundle };
}

/** Runs one import, recording its wall and CPU time and its counts in `out`. */
async function timedImport(out: Partial<ChildResult>, run: () => Promise<{ applied: number; skipped: number; quarantined: number }>): Promise<void> {
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await run();
  out.wallMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  out.cpuMs = (cpu.user + cpu.system) / 1000;
  Object.assign(out, { rows: r.applied + r.skipped + r.quarantined, applied: r.applied, quarantined: r.quarantined });
}

async function child(mode: string, dataDir: string, parents: string, input: string): Promise<void> {
  const { bareEngine } = await import('../../electron/engine/cache/test-support');
  const { importPath } = await import('../../electron/engine/cache/import');
  const e = bareEngine({ dataDir });
  await importPath(e.engine, parents);
  const out: Partial<ChildResult> = {};
  if (mode === 'csv') {
    const { openTable, countRows } = await import('../../electron/engine/tabular/read');
    const { checkRows, importRows } = await import('../../electron/engine/tabular/rows');
    const mapping = {
      columns: { id: 'Payment ID', client_id: 'Client ID', deal_id: 'Deal ID', posted_date: 'Posted date', description: 'Description', reference: 'Reference', currency: 'Currency', gross: 'Gross', commission: 'Commission', net: 'Net' },
      numberFormat: 'comma' as const,
      dateFormat: 'DD.MM.YYYY' as const,
    };
    const req = { path: input, entity: 'payment_items' as const, mapping };
    let t = performance.now();
    await countRows(await openTable(input));
    out.inspectMs = performance.now() - t;
    t = performance.now();
    const check = await checkRows(e.engine, req);
    out.checkMs = performance.now() - t;
    if (check.rejectedTotal) throw new Error(`the check rejected ${check.rejectedTotal} rows: ${check.rejected[0]?.reason}`);
    await timedImport(out, () => importRows(e.engine, req));
  } else {
    await timedImport(out, () => importPath(e.engine, input));
  }
  await e.engine.close();
  process.stdout.write(`${JSON.stringify({ ...out, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const csvSuite: BenchSuite = {
  name: 'csv',
  estimate: 'about 1–2 minutes (writes a 1,000,000-row CSV and the same rows as a bundle)',
  async run(ctx) {
    const dir = ctx.scratchDir('csv-data');
    ctx.log('csv: writing 1,000,000 payment items as an Excel CSV and as a bundle…');
    const data = writeData(dir);
    const csvMb = statSync(data.csv).size / 1048576;
    ctx.log('csv: importing the CSV (inspect, check, import)…');
    const c = await runChild(['csv', ctx.scratchDir('csv-import'), data.parents, data.csv]);
    ctx.log('csv: importing the same rows as a bundle…');
    const b = await runChild(['bundle', ctx.scratchDir('csv-bundle-import'), data.parents, data.bundle]);
    const peer = `bundle: ${s1(b.wallMs)}, ${Math.round(b.maxRssMb)} MB`;
    const rows: BenchRow[] = [
      { suite: 'csv', metric: `1M-row CSV (${Math.round(csvMb)} MB): import wall time`, value: `${s1(c.wallMs)} (${c.applied.toLocaleString('en-US')} applied, ${c.quarantined} quarantined)`, target: '< 20 s', peer, ok: c.wallMs < 20_000 && c.applied === ROWS },
      { suite: 'csv', metric: '1M-row CSV: import CPU time', value: `${s1(c.cpuMs)} (load average ${loadavg()[0]!.toFixed(1)})`, peer: `bundle: ${s1(b.cpuMs)}` },
      { suite: 'csv', metric: '1M-row CSV: peak RSS (inspect + check + import)', value: `${Math.round(c.maxRssMb)} MB`, target: '< 1024 MB', peer, ok: c.maxRssMb < 1024 },
      { suite: 'csv', metric: '1M-row CSV: inspect (head + streamed row count)', value: s1(c.inspectMs!) },
      { suite: 'csv', metric: '1M-row CSV: check (every row judged)', value: s1(c.checkMs!) },
    ];
    return rows;
  },
};

if (process.argv[2] === '--child') {
  child(process.argv[3]!, process.argv[4]!, process.argv[5]!, process.argv[6]!).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
