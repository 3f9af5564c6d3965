/**
 * Preview bench: `statement:preview` latency (p50 / p95 / max) for each statement type over the
 * `large` demo cache, through the engine (validation, compute, paging, audit). Target: every
 * preview under 50 ms. The engine is started first as the desktop app's host starts it (settings,
 * cache, ledger opened before the first command; timed in its own row), so the first preview of
 * the process is timed as a user's first preview is. Subjects are chosen once (untimed): the
 * busiest client / deal / party / contract of each kind plus a spread of ordinary ones, and AR
 * aging over all parties.
 *
 * Direct use on any data folder: `node --import tsx bench/suites/preview.ts DATA_DIR`.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { StatementRequest, StatementType } from '../../shared/contract';
import type { Engine } from '../../electron/engine';
import type { BenchRow, BenchSuite } from './types';

const TARGET_MS = 50;
const RUNS_PER_TYPE = 40;

type Db = { value<T>(sql: string, p?: unknown[]): T | undefined; all<T>(sql: string, p?: unknown[]): T[] };

/** Requests to time, per type (busiest subjects first). */
function subjects(cache: Db): Record<StatementType, StatementRequest[]> {
  const from = cache.value<string>('SELECT min(posted_date) FROM payment_items') ?? '2025-01-01';
  const to = cache.value<string>('SELECT max(posted_date) FROM payment_items') ?? '2025-12-31';
  const ids = (sql: string) => cache.all<{ id: string }>(sql).map((r) => r.id);
  const busiestClients = ids('SELECT client_id AS id FROM payment_items GROUP BY client_id ORDER BY count(*) DESC LIMIT 3');
  const someClients = ids("SELECT id FROM parties WHERE type = 'CLIENT' ORDER BY id LIMIT 10");
  const clients = [...new Set([...busiestClients, ...someClients])];
  const settlers = ids('SELECT client_id AS id FROM settlements GROUP BY client_id ORDER BY count(*) DESC LIMIT 3');
  const deals = ids('SELECT deal_id AS id FROM revenue_items GROUP BY deal_id ORDER BY count(*) DESC LIMIT 5');
  const arParties = ids('SELECT party_id AS id FROM billing_items GROUP BY party_id ORDER BY count(*) DESC LIMIT 5');
  const asOf = cache.value<string>('SELECT max(issue_date) FROM billing_items') ?? to;
  const invoiceSets = cache
    .all<{ party_id: string; target_type: 'CLIENT' | 'BUYER'; currency: string }>(
      'SELECT party_id, target_type, currency FROM billing_items GROUP BY party_id, target_type, currency ORDER BY count(*) DESC LIMIT 5',
    )
    .map((g) => ({
      ...g,
      items: cache
        .all<{ id: string }>('SELECT id FROM billing_items WHERE party_id = ? AND target_type = ? AND currency = ? ORDER BY issue_date LIMIT 200', [g.party_id, g.target_type, g.currency])
        .map((r) => r.id),
    }));
  const period = (cache.value<string>('SELECT max(work_date) FROM labor_hours') ?? to).slice(0, 7);
  const contracts = [
    ...ids("SELECT contract_id AS id FROM labor_hours GROUP BY contract_id ORDER BY count(*) DESC LIMIT 3"),
    ...ids("SELECT id FROM contracts WHERE type = 'revenue_share' ORDER BY id LIMIT 3"),
    ...ids("SELECT id FROM contracts WHERE type = 'fixed_fee' ORDER BY id LIMIT 3"),
  ];
  return {
    client: clients.map((clientId) => ({ type: 'client', filters: { clientId, dateFrom: from, dateTo: to } })),
    settlement: settlers.map((clientId) => ({ type: 'settlement', filters: { clientId, dateFrom: from, dateTo: to } })),
    deal: deals.map((dealId) => ({ type: 'deal', filters: { dealId } })),
    'ar-aging': [
      { type: 'ar-aging', filters: { asOf } },
      { type: 'ar-aging', filters: { asOf, openItemsOnly: false } },
      ...arParties.map((clientId) => ({ type: 'ar-aging' as const, filters: { clientId, asOf } })),
    ],
    invoice: invoiceSets.map((g) => ({ type: 'invoice', filters: { partyId: g.party_id, targetType: g.target_type, billingItemIds: g.items } })),
    billing: contracts.map((contractId) => ({ type: 'billing', filters: { contractId, period } })),
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function measurePreviews(engine: Engine, log: (m: string) => void): Promise<BenchRow[]> {
  const { cacheDb } = await import('../../electron/engine/db/stores');
  const cache = (await engine.use(cacheDb)) as unknown as Db;
  const byType = subjects(cache);
  const rows: BenchRow[] = [];
  for (const [type, requests] of Object.entries(byType) as Array<[StatementType, StatementRequest[]]>) {
    if (requests.length === 0) {
      rows.push({ suite: 'preview', metric: `${type}: no subjects in the data`, value: 'n/a', ok: false });
      continue;
    }
    // first preview of each subject (cold: statements compiled, tables read); then repeated ones
    const cold: number[] = [];
    for (const request of requests) {
      const t0 = performance.now();
      await engine.call('statement:preview', { request, limit: 1000 });
      cold.push(performance.now() - t0);
    }
    cold.sort((a, b) => a - b);
    const times: number[] = [];
    const cpu: number[] = [];
    let maxLines = 0;
    let slowest = '';
    for (let i = 0; i < RUNS_PER_TYPE; i++) {
      const request = requests[i % requests.length]!;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await engine.call('statement:preview', { request, limit: 1000 });
      const ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      if (ms > (times.length ? Math.max(...times) : -1)) slowest = JSON.stringify(request.filters).slice(0, 80);
      times.push(ms);
      maxLines = Math.max(maxLines, r.model.lineCount);
    }
    times.sort((a, b) => a - b);
    const max = times[times.length - 1]!;
    log(`preview ${type}: slowest ${max.toFixed(1)} ms for ${slowest}`);
    rows.push({
      suite: 'preview',
      metric: `${type} first preview per subject: p50 / max`,
      value: `${pct(cold, 50).toFixed(1)} / ${cold[cold.length - 1]!.toFixed(1)} ms`,
      target: `< ${TARGET_MS} ms`,
      ok: cold[cold.length - 1]! < TARGET_MS,
    });
    rows.push({
      suite: 'preview',
      metric: `${type} p50 / p95 / max (${requests.length} subjects, up to ${maxLines} lines)`,
      value: `${pct(times, 50).toFixed(1)} / ${pct(times, 95).toFixed(1)} / ${max.toFixed(1)} ms (cpu p95 ${pct(cpu.sort((a, b) => a - b), 95).toFixed(1)} ms, load ${loadavg()[0]!.toFixed(1)})`,
      target: `< ${TARGET_MS} ms`,
      ok: max < TARGET_MS,
    });
  }
  rows.push(await measureSortedAging(engine, byType['ar-aging'].find((r) => r.type === 'ar-aging' && !r.filters.clientId && r.filters.openItemsOnly === false)));
  return rows;
}

/**
 * The largest statement (all parties, all items) searched and sorted through the engine, as the
 * grid would ask after showing its first page: every column both ways, then a few searches.
 */
async function measureSortedAging(engine: Engine, request: StatementRequest | undefined): Promise<BenchRow> {
  const metric = 'ar-aging sorted and searched, after its first page: first / max';
  if (!request) return { suite: 'preview', metric, value: 'n/a', ok: false };
  const first = await engine.call('statement:preview', { request, limit: 1000 });
  const views = [
    ...first.model.columns.flatMap((c) => (['asc', 'desc'] as const).map((dir) => ({ sort: { column: c.key, dir } }))),
    ...['inv', '2025-0', 'no such text'].map((search) => ({ search })),
  ];
  const times: number[] = [];
  for (const view of views) {
    const t0 = performance.now();
    await engine.call('statement:preview', { request, limit: 1000, ...view });
    times.push(performance.now() - t0);
  }
  const max = Math.max(...times);
  return {
    suite: 'preview',
    metric: `${metric} (${views.length} views of ${first.model.lineCount} lines)`,
    value: `${times[0]!.toFixed(1)} / ${max.toFixed(1)} ms`,
    target: `< ${TARGET_MS} ms`,
    ok: max < TARGET_MS,
  };
}

async function onDataDir(dataDir: string, log: (m: string) => void): Promise<BenchRow[]> {
  const { createEngine, nodePlatform } = await import('../../electron/engine');
  const engine = createEngine(
    nodePlatform({ dataDir, kind: 'cli', env: { ...process.env, FOLIO_USER: 'bench', FOLIO_POLICY_FILE: '/nonexistent/folio-policy.json' } }),
  );
  try {
    // as the desktop app's engine host does before its first command: settings, cache, a new ledger
    const { startEngine } = await import('../../electron/engine/start');
    const t0 = performance.now();
    const steps = await startEngine(engine, log);
    const ms = performance.now() - t0;
    const failed = steps.filter((s) => s.error);
    const start: BenchRow = {
      suite: 'preview',
      metric: 'engine start before the first command (as the app host does)',
      value: `${ms.toFixed(1)} ms (${steps.map((s) => `${s.step} ${s.ms.toFixed(1)}`).join(', ')})`,
      ...(failed.length ? { ok: false, value: failed.map((s) => `${s.step}: ${s.error!.message}`).join('; ') } : {}),
    };
    return [start, ...(await measurePreviews(engine, log))];
  } finally {
    await engine.close();
  }
}

export const previewSuite: BenchSuite = {
  name: 'preview',
  estimate: 'under a minute once the large demo data exists',
  async run(ctx) {
    const source = await ctx.demoDataDir('large');
    const dir = ctx.scratchDir('preview-large');
    // a copy of the cache (and its key file, if the folder is encrypted): previews are audited in a scratch ledger
    for (const f of ['cache.sqlite', 'encryption.json']) if (existsSync(join(source, f))) copyFileSync(join(source, f), join(dir, f));
    return onDataDir(dir, ctx.log);
  },
};

if (require.main === module && process.argv[2]) {
  onDataDir(process.argv[2], (m) => process.stderr.write(`${m}\n`))
    .then((rows) => {
      for (const r of rows) console.log(`${r.metric}: ${r.value} ${r.ok === false ? 'NOT OK' : ''}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
