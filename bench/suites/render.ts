/**
 * Render bench: client statements per minute (30 and 300 lines, party and line names in Greek,
 * Cyrillic and Latin with diacritics) through the render pool (one worker per core), and, on the
 * same models in the same run, the common alternative: the same statements as HTML printed to PDF
 * by headless Chromium (one browser, one reused page per core). Prints the ratio.
 * Targets: ≥ 30,000 thirty-line statements per minute on 2 cores, ≥ 10× Chromium.
 *
 * Wall-clock figures depend on what else the machine is doing (the load average is printed); the
 * "per CPU" rows divide by the CPU time the process and its workers used, which does not.
 *
 * Direct use: `node --import tsx bench/suites/render.ts`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import type { StatementModel } from '../../shared/contract/statements';
import { renderHtml } from '../../electron/engine/render/html';
import { embeddedMetadata } from '../../electron/engine/render/metadata';
import { createRenderPool, type RenderPool } from '../../electron/engine/render/pool';
import { SAMPLE_NAMES, sampleModel } from '../../electron/engine/render/sample';
import type { RenderJob } from '../../electron/engine/render/types';
import { findResourcesDir } from '../../electron/engine/platform';
import { builtinTemplate } from '../../electron/engine/templates/builtin';
import type { BenchRow, BenchSuite } from './types';

const CHROMIUM = process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium';
const TARGET_PER_MIN = 30_000;
const TARGET_RATIO = 10;

function jobs(lines: number, count: number, resourcesDir: string): RenderJob[] {
  const template = builtinTemplate('client', resourcesDir);
  return Array.from({ length: count }, (_, i) => {
    const model: StatementModel = sampleModel('client', { lines, seed: i + 1, name: `${SAMPLE_NAMES[i % SAMPLE_NAMES.length]} ${i}` });
    return {
      model,
      template,
      format: 'pdf' as const,
      ref: `CS-${1769817600000 + i}-${(0x10000000 + i).toString(16).toUpperCase()}`,
      generatedAt: '2026-01-31T12:00:00.000Z',
      generatedBy: 'bench',
      metadata: { bench: true, i },
    };
  });
}

interface Measure {
  perMin: number;
  perMinCpu: number;
  avgBytes: number;
}

function cpuMs(c: NodeJS.CpuUsage): number {
  return (c.user + c.system) / 1000;
}

async function measurePool(pool: RenderPool, set: RenderJob[], total: number): Promise<Measure> {
  // warm every worker (fonts parsed, code compiled)
  await Promise.all(set.slice(0, pool.threads * 4).map((j) => pool.render(j)));
  const window = pool.threads * 8;
  let next = 0;
  let bytes = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const runner = async () => {
    while (next < total) {
      const j = set[next++ % set.length]!;
      const n = (await pool.render(j)).bytes.length;
      bytes += n;
    }
  };
  await Promise.all(Array.from({ length: window }, runner));
  const ms = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  const cores = Math.min(pool.threads, availableParallelism());
  return { perMin: (total / ms) * 60_000, perMinCpu: (total / cpu) * 60_000 * cores, avgBytes: bytes / total };
}

async function measureChromium(browser: Browser, set: RenderJob[], total: number, pages: number): Promise<Measure> {
  const html = set.map((j) => renderHtml(j, embeddedMetadata(j, 0)));
  const context = await browser.newContext();
  const tabs = await Promise.all(Array.from({ length: pages }, () => context.newPage()));
  const print = async (page: (typeof tabs)[number], i: number) => {
    await page.setContent(html[i % html.length]!, { waitUntil: 'load' });
    return (await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '14mm', right: '14mm' } })).length;
  };
  await Promise.all(tabs.map((p, i) => print(p, i)));
  let next = 0;
  let bytes = 0;
  const t0 = performance.now();
  await Promise.all(
    tabs.map(async (p) => {
      while (next < total) {
        const n = await print(p, next++);
        bytes += n;
      }
    }),
  );
  const ms = performance.now() - t0;
  await context.close();
  return { perMin: (total / ms) * 60_000, perMinCpu: Number.NaN, avgBytes: bytes / total };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

export const renderSuite: BenchSuite = {
  name: 'render',
  estimate: '~1-2 min',
  async run(ctx) {
    const resourcesDir = findResourcesDir(__dirname);
    const threads = availableParallelism();
    const rows: BenchRow[] = [];
    const load = `load ${loadavg()[0]!.toFixed(1)} on ${threads} cores`;
    ctx.log(`render: building models (${load})`);
    const set30 = jobs(30, 400, resourcesDir);
    const set300 = jobs(300, 40, resourcesDir);
    const pool = createRenderPool({ resourcesDir, threads });
    let p30: Measure;
    let p300: Measure;
    try {
      ctx.log('render: pool, 30-line statements');
      p30 = await measurePool(pool, set30, 6000);
      ctx.log('render: pool, 300-line statements');
      p300 = await measurePool(pool, set300, 400);
    } finally {
      await pool.destroy();
    }
    let c30: Measure | null = null;
    let c300: Measure | null = null;
    if (existsSync(CHROMIUM)) {
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
      try {
        ctx.log('render: Chromium, 30-line statements');
        c30 = await measureChromium(browser, set30, 120, threads);
        ctx.log('render: Chromium, 300-line statements');
        c300 = await measureChromium(browser, set300, 20, threads);
      } finally {
        await browser.close();
      }
    }
    rows.push(
      {
        suite: 'render',
        metric: `30-line statements/min, pool of ${threads} (${load})`,
        value: fmt(p30.perMin),
        target: `≥ ${fmt(TARGET_PER_MIN)}`,
        peer: c30 ? `Chromium ${fmt(c30.perMin)}` : 'Chromium not found',
        ok: p30.perMin >= TARGET_PER_MIN,
      },
      { suite: 'render', metric: `30-line statements/min per ${threads} CPUs of CPU time`, value: fmt(p30.perMinCpu) },
      { suite: 'render', metric: '300-line statements/min, pool', value: fmt(p300.perMin), peer: c300 ? `Chromium ${fmt(c300.perMin)}` : '' },
      { suite: 'render', metric: `300-line statements/min per ${threads} CPUs of CPU time`, value: fmt(p300.perMinCpu) },
      { suite: 'render', metric: 'average PDF size, 30 / 300 lines (KB)', value: `${(p30.avgBytes / 1024).toFixed(1)} / ${(p300.avgBytes / 1024).toFixed(1)}`, peer: c30 && c300 ? `Chromium ${(c30.avgBytes / 1024).toFixed(1)} / ${(c300.avgBytes / 1024).toFixed(1)}` : '' },
    );
    if (c30 && c300) {
      rows.push(
        { suite: 'render', metric: 'pool ÷ Chromium, 30-line', value: `${(p30.perMin / c30.perMin).toFixed(1)}×`, target: `≥ ${TARGET_RATIO}×`, ok: p30.perMin / c30.perMin >= TARGET_RATIO },
        { suite: 'render', metric: 'pool ÷ Chromium, 300-line', value: `${(p300.perMin / c300.perMin).toFixed(1)}×`, target: `≥ ${TARGET_RATIO}×`, ok: p300.perMin / c300.perMin >= TARGET_RATIO },
      );
    }
    return rows;
  },
};

if (require.main === module) {
  renderSuite
    .run({ demoDataDir: () => Promise.reject(new Error('not used')), scratchDir: () => '', log: (m) => process.stderr.write(`${m}\n`) })
    .then((rows) => {
      for (const r of rows) console.log(`${r.metric.padEnd(58)} ${r.value.padStart(12)}  ${r.target ?? ''}  ${r.peer ?? ''}  ${r.ok === undefined ? '' : r.ok ? 'ok' : 'NO'}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
