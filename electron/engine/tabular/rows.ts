/**
 * Checking and applying a spreadsheet's rows as one bundle of one entity:
 * - `checkRows`: every row converted (convert.ts) and judged by the bundle rules (validate.ts)
 *   against the cache as it is, nothing written; every rejected row returned with its reason;
 * - `importRows`: the good rows written as a one-entity delta bundle whose line N is the file's row
 *   N, applied by the bundle importer in one transaction, the rejected rows quarantined in the same
 *   transaction with their row numbers, reasons and cells (as the check showed them), then saved. The source key is the file (and sheet) and entity; the content hash covers the file's
 *   bytes and the mapping, so applying the same file the same way again is skipped whole.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Entity, TabularCheck, TabularMapping, TabularRejected, TabularResult } from '../../../shared/contract';
import { applyBundle } from '../cache/apply';
import { ensureAgingIndex } from '../cache/aging-index';
import { SPECS } from '../cache/entities';
import { withCacheLock } from '../cache/import';
import { validateRecord, type ParentCurrency } from '../cache/validate';
import type { Database } from '../db/database';
import { cacheDb } from '../db/stores';
import type { Engine } from '../engine';
import { converter, RowError } from './convert';
import { readTable, type Table } from './read';

export interface RowsRequest {
  path: string;
  entity: Entity;
  sheet?: string | undefined;
  mapping: TabularMapping;
}

/** A row: its record when it could be converted, and the reason when it is rejected. */
interface Judged {
  row: number;
  record: Record<string, unknown> | null;
  reason: string | null;
  raw: string;
}

function parentCurrencies(db: Database): ParentCurrency {
  const cache = new Map<Entity, Map<string, string>>();
  return (entity, id) => {
    let m = cache.get(entity);
    if (!m) {
      m = new Map();
      for (const r of db.iterate<{ id: string; currency: string }>(`SELECT id, currency FROM ${entity}`)) m.set(r.id, r.currency);
      cache.set(entity, m);
    }
    return m.get(id) ?? null;
  };
}

/** Every row of the table converted and judged by the bundle rules. */
function judge(table: Table, req: RowsRequest, parent: ParentCurrency): Judged[] {
  const conv = converter(table, req.entity, req.mapping);
  const spec = SPECS[req.entity];
  return table.rows.map((cells, i): Judged => {
    const row = table.rowNumbers[i]!;
    const raw = conv.raw(cells);
    let record: Record<string, unknown>;
    try {
      record = conv.record(cells);
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      return { row, record: null, reason: err.message, raw };
    }
    const o = validateRecord(spec, record, parent);
    return { row, record, reason: o.ok ? null : o.reason, raw };
  });
}

export async function checkRows(engine: Engine, req: RowsRequest): Promise<TabularCheck & { table: Table }> {
  const table = await readTable(req.path, req.sheet);
  const judged = judge(table, req, parentCurrencies(await engine.use(cacheDb)));
  const rejected: TabularRejected[] = judged.flatMap((j) => (j.reason === null ? [] : [{ row: j.row, reason: j.reason, raw: j.raw }]));
  return { total: judged.length, valid: judged.length - rejected.length, rejected, table };
}

function sourceKeyOf(req: RowsRequest, table: Table): string {
  return `tabular:${resolve(req.path)}${table.sheet ? `#${table.sheet}` : ''}:${req.entity}`;
}

function contentHash(req: RowsRequest): string {
  const h = createHash('sha256');
  h.update(readFileSync(req.path));
  h.update(JSON.stringify({ entity: req.entity, sheet: req.sheet ?? null, columns: Object.entries(req.mapping.columns).sort(), n: req.mapping.numberFormat, d: req.mapping.dateFormat }));
  return h.digest('hex');
}

/** The bundle file: line N holds the record of the file's row N (blank lines are skipped). */
function writeBundleFile(dir: string, entity: Entity, judged: Judged[]): string {
  const last = judged.reduce((m, j) => Math.max(m, j.row), 1);
  const lines: string[] = new Array<string>(last).fill('');
  for (const j of judged) if (j.reason === null) lines[j.row - 1] = JSON.stringify(j.record);
  const file = join(dir, `${entity}.ndjson`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export async function importRows(engine: Engine, req: RowsRequest): Promise<TabularResult & { table: Table }> {
  const started = Date.now();
  return withCacheLock(engine, async () => {
    const db = await engine.use(cacheDb);
    const table = await readTable(req.path, req.sheet);
    const sourceKey = sourceKeyOf(req, table);
    const hash = contentHash(req);
    const base = { sourceKey, danglingReferences: 0, warnings: [] as string[], table };
    if (db.value('SELECT 1 FROM applied_bundles WHERE source_key = ? AND content_hash = ?', [sourceKey, hash])) {
      return { ...base, status: 'skipped', applied: 0, skipped: table.rows.length, quarantined: 0, warnings: ['already applied (the same file with the same mapping)'], durationMs: Date.now() - started };
    }
    const judged = judge(table, req, parentCurrencies(db));
    // judged against the cache as it is inside the lock: exactly what the check showed. The
    // rejected rows are quarantined here, as the file's rows with their row numbers; the bundle
    // holds the good ones (the importer applies them by its rules: newer wins, ids upserted)
    const rejected = judged.filter((j) => j.reason !== null);
    const dir = mkdtempSync(join(tmpdir(), 'folio-tabular-'));
    try {
      const file = writeBundleFile(dir, req.entity, judged);
      const shown = basename(req.path) + (table.sheet ? ` [${table.sheet}]` : '');
      const at = engine.platform.now().toISOString();
      const result = db.transaction(() => {
        const r = applyBundle(
          db,
          { sourceKey, hash, manifest: { format: 1, exportedAt: table.modifiedAt, kind: 'delta' }, files: new Map([[req.entity, file]]), displayName: () => shown, warnings: [] },
          { now: () => engine.platform.now() },
        );
        for (const j of rejected) {
          db.run('INSERT INTO quarantine (source_key, file, line, reason, raw, at) VALUES (?, ?, ?, ?, ?, ?)', [sourceKey, shown, j.row, j.reason, j.raw.slice(0, 4000), at]);
        }
        ensureAgingIndex(db);
        return r;
      });
      await db.save();
      engine.emit('data:changed', { reason: 'import' });
      const c = result.counts[req.entity] ?? { applied: 0, skipped: 0, deleted: 0, quarantined: 0 };
      return { ...base, status: 'applied', applied: c.applied + c.deleted, skipped: c.skipped, quarantined: c.quarantined + rejected.length, danglingReferences: result.danglingReferences, warnings: result.warnings, durationMs: Date.now() - started };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
