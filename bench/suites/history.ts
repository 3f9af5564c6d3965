/**
 * History over a large ledger (issue 6): 100,000 statements (+ 5 line items each, + their upload
 * rows) written straight into a ledger, then `history:list` queries timed
 * (target: median < 20 ms; min and p95 shown), and the cost of one durable ledger save at that size (what a group commit pays with sql.js).
 */
import { createEngine, nodePlatform } from '../../electron/engine';
import { ledgerService } from '../../electron/engine/ledger/service';
import type { BenchRow, BenchSuite } from './types';

const N = Number(process.env.BENCH_HISTORY_N ?? 100_000);
const TYPES = [
  ['client', 'CLIENT_STATEMENT', 'CS'],
  ['settlement', 'SETTLEMENT_STATEMENT', 'SS'],
  ['deal', 'DEAL_STATEMENT', 'DS'],
  ['ar-aging', 'AR_STATEMENT', 'AR'],
  ['invoice', 'INVOICE', 'INV'],
  ['billing', 'BILLING_STATEMENT', 'BS'],
] as const;

const INSERT_STATEMENT = `INSERT INTO generated_statement (statement_type_cd, statement_type, statement_ref, client_id, client_name, date_from, date_to,
   currency_cd, file_path, file_name, file_size_bytes, generation_status_cd, metadata, generated_by, generated_dt, sha256,
   template_id, template_version, format, upload_status, subject_key, created_by, created_at, updated_by, updated_at)
 VALUES (?, ?, ?, ?, ?, '2025-01-01', '2025-01-31', 'USD', ?, ?, 48000, 'COMPLETED', ?, 'bench', ?, ?, 'default', 1, 'pdf',
   'UPLOADED', ?, 'bench', ?, 'bench', ?)`;
const INSERT_LINE = `INSERT INTO statement_line_item (generated_statement_id, source_id, service_description, service_period_start, service_period_end,
   quantity, rate, amount, currency_cd, item_type, sort_order) VALUES (?, ?, ?, '2025-01-01', '2025-01-31', '1', '100.00', '100.00', 'USD', 'ITEM', ?)`;
const INSERT_QUEUE = `INSERT INTO upload_queue (statement_ref, s3_key, meta_key, status, attempts, created_at, updated_at) VALUES (?, ?, ?, 'UPLOADED', 1, ?, ?)`;

/** The rows of statement i of N: spread over two years, 2,000 clients, the six types, 5 lines each. */
function statementRows(i: number, n = N) {
  const [type, code, prefix] = TYPES[i % TYPES.length]!;
  const start = Date.UTC(2024, 0, 1);
  const ms = start + Math.floor((i / n) * 2 * 365 * 86_400_000);
  const at = new Date(ms).toISOString();
  const ref = `${prefix}-${ms}-${((i * 2654435761) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
  const client = `C${String(i % 2000).padStart(5, '0')}`;
  const metadata = JSON.stringify({
    type,
    reference: ref,
    filters: { clientId: client, dateFrom: '2025-01-01', dateTo: '2025-01-31' },
    totals: { USD: { gross: '12345.67', commission: '1234.57', net: '11111.10' } },
    lineCount: 5,
    templateId: 'default',
    templateVersion: 1,
    templateFallback: false,
    dataVersion: 42,
    findings: [],
    generatedBy: 'bench',
    generatedAt: at,
    format: 'pdf',
  });
  return {
    statement: [code, type, ref, client, `Client ${client}`, `x/${ref}.pdf`, `${ref}.pdf`, metadata, at, 'ab'.repeat(32), `${type}|${client}|${i}`, at, at],
    lines: (id: number) => Array.from({ length: 5 }, (_, k) => [id, `item-${i}-${k}`, `Line ${k} of ${ref}`, k]),
    queue: [ref, `statements/${code}/${ref}.pdf`, `statements/${code}/${ref}.json`, at, at],
  };
}

/**
 * The alternative, measured for comparison: the same schema in SQLite proper (Node's built-in
 * node:sqlite, WAL, synchronous=FULL), where a commit costs O(rows changed), not O(file).
 * Returns the median ms of a 500-statement commit and of a 1-statement commit at N statements.
 */
async function walPeer(dir: string, migrationsDir: string): Promise<{ batch: number; single: number }> {
  const { DatabaseSync } = (await import('node:sqlite')) as typeof import('node:sqlite');
  const { readdirSync, readFileSync } = await import('node:fs');
  const db = new DatabaseSync(`${dir}/ledger-wal.sqlite`);
  try {
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
    for (const f of readdirSync(migrationsDir).filter((f) => /^00[12]_.*\.sql$/.test(f)).sort()) db.exec(readFileSync(`${migrationsDir}/${f}`, 'utf8'));
    const st = db.prepare(INSERT_STATEMENT);
    const li = db.prepare(INSERT_LINE);
    const qu = db.prepare(INSERT_QUEUE);
    const insert = (i: number) => {
      const r = statementRows(i, N + 2000);
      const id = Number(st.run(...(r.statement as Array<string | number>)).lastInsertRowid);
      for (const line of r.lines(id)) li.run(...(line as Array<string | number>));
      qu.run(...(r.queue as Array<string | number>));
    };
    for (let base = 0; base < N; base += 10_000) {
      db.exec('BEGIN');
      for (let i = base; i < Math.min(N, base + 10_000); i++) insert(i);
      db.exec('COMMIT');
    }
    const timeCommit = (from: number, count: number) => {
      const t0 = performance.now();
      db.exec('BEGIN');
      for (let i = from; i < from + count; i++) insert(i);
      db.exec('COMMIT');
      return performance.now() - t0;
    };
    const batch = [timeCommit(N, 500), timeCommit(N + 500, 500), timeCommit(N + 1000, 500)].sort((a, b) => a - b)[1]!;
    const single = [timeCommit(N + 1500, 1), timeCommit(N + 1501, 1), timeCommit(N + 1502, 1)].sort((a, b) => a - b)[1]!;
    return { batch, single };
  } finally {
    db.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const historySuite: BenchSuite = {
  name: 'history',
  estimate: '~1 min (builds a 100,000-statement ledger)',
  async run(ctx) {
    const dir = ctx.scratchDir('history');
    const engine = createEngine(nodePlatform({ dataDir: dir, kind: 'test', policyFiles: [], env: { FOLIO_USER: 'bench' } }));
    const rows: BenchRow[] = [];
    try {
      const ledger = await engine.use(ledgerService);
      const { db } = ledger;
      ctx.log(`history: writing ${N} statements…`);
      const t0 = performance.now();
      for (let base = 0; base < N; base += 10_000) {
        db.transaction(() => {
          for (let i = base; i < Math.min(N, base + 10_000); i++) {
            const r = statementRows(i);
            db.run(INSERT_STATEMENT, r.statement);
            const id = db.value<number>('SELECT last_insert_rowid()')!;
            for (const line of r.lines(id)) db.run(INSERT_LINE, line);
            db.run(INSERT_QUEUE, r.queue);
          }
        });
      }
      ctx.log(`history: ${N} statements written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      // one durable save of the whole ledger: what each group commit costs at this size
      const saves: number[] = [];
      for (let i = 0; i < 3; i++) {
        db.run("INSERT INTO ledger_meta (key, value) VALUES ('bench', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [String(i)]);
        const s0 = performance.now();
        await ledger.writer.commit();
        saves.push(performance.now() - s0);
      }
      const { statSync } = await import('node:fs');
      const size = statSync(`${dir}/ledger.sqlite`).size;
      saves.sort((a, b) => a - b);
      rows.push({ suite: 'history', metric: `ledger file at ${N} statements`, value: `${(size / 1048576).toFixed(0)} MiB` });
      ctx.log('history: the same ledger in node:sqlite (WAL) for comparison…');
      const { join } = await import('node:path');
      const peer = await walPeer(dir, join(engine.platform.resourcesDir, 'migrations', 'ledger'));
      rows.push({
        suite: 'history',
        metric: `group-commit save (export + fsync) at ${N}`,
        value: `${saves[1]!.toFixed(0)} ms median (sql.js exports the whole file: O(ledger size) per save)`,
        peer: `node:sqlite WAL: ${peer.batch.toFixed(0)} ms per 500-statement commit, ${peer.single.toFixed(1)} ms per 1-statement commit`,
      });

      const queries: Array<[string, Record<string, unknown>]> = [
        ['newest 200, no filter', {}],
        ['by client', { clientId: 'C00042' }],
        ['by type', { type: 'invoice' }],
        ['generated in one month', { generatedFrom: '2025-03-01', generatedTo: '2025-03-31' }],
        ['client + type + range', { clientId: 'C00042', type: 'client', generatedFrom: '2024-01-01', generatedTo: '2025-12-31' }],
        ['page 250 (offset 50,000)', { offset: 50_000 }],
      ];
      for (const [label, filters] of queries) {
        const times: number[] = [];
        let total = 0;
        for (let i = 0; i < 45; i++) {
          const q0 = performance.now();
          const page = await engine.call('history:list', { limit: 200, ...filters });
          const ms = performance.now() - q0;
          if (i >= 5) times.push(ms);
          total = page.total;
        }
        times.sort((a, b) => a - b);
        const p50 = percentile(times, 50);
        // the target is on the median: on these shared 2-core machines the tail mostly measures
        // other processes (see the load row); the minimum is the query's own cost
        rows.push({
          suite: 'history',
          metric: `history:list ${label} (${total} match)`,
          value: `min ${times[0]!.toFixed(1)}, p50 ${p50.toFixed(1)}, p95 ${percentile(times, 95).toFixed(1)} ms`,
          target: 'p50 < 20 ms',
          ok: p50 < 20,
        });
      }
      const { loadavg, cpus } = await import('node:os');
      rows.push({ suite: 'history', metric: 'machine load while measuring (1-min load average / cores)', value: `${loadavg()[0]!.toFixed(1)} / ${cpus().length}` });
    } finally {
      await engine.close();
    }
    return rows;
  },
};
