/**
 * Checking and applying a spreadsheet's rows as one bundle of one entity, streamed row by row (a
 * CSV of millions of rows costs memory for its first 1,000 rejected rows, not for its size):
 * - `checkRows`: every row converted (convert.ts) and judged by the bundle rules (validate.ts)
 *   against the cache as it is, nothing written; the first 1,000 rejected rows returned with their
 *   reasons, and how many there are in all;
 * - `importRows`: the good rows written as a one-entity delta bundle whose line N is the file's row
 *   N, applied by the bundle importer in one transaction, the rejected rows quarantined in the same
 *   transaction with their row numbers, reasons and cells (as the check showed them), every one of
 *   them (through a side file), then saved. The source key is the file (and sheet) and entity; the
 *   content hash covers the file's bytes and the mapping, so applying the same file the same way
 *   again is skipped whole.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Entity, TabularCheck, TabularMapping, TabularRejected, TabularResult } from '../../../shared/contract';
import { applyBundle } from '../cache/apply';
import { ensureAgingIndex } from '../cache/aging-index';
import { SPECS } from '../cache/entities';
import { withCacheLock, withImportCache } from '../cache/import';
import { readLines } from '../cache/lines';
import { validateRecord, type ParentCurrency } from '../cache/validate';
import type { Database } from '../db/database';
import { cacheDb } from '../db/stores';
import type { Engine } from '../engine';
import { converter, RowError } from './convert';
import { countRows, headOf, openTable, type TableHead, type TableSource } from './read';

const RAW_MAX = 4000;

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
  /** the row's cells as "header: value" (made for rejected rows only) */
  raw: string;
}

/** The rejected rows kept in memory for the check and the result; the rest are only counted. */
export const REJECTED_SHOWN = 1000;

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

/** Every row of the file converted and judged by the bundle rules, given to `fn` one at a time. */
function judgeRows(src: TableSource, req: RowsRequest, parent: ParentCurrency, fn: (j: Judged) => void): Promise<number> {
  const conv = converter(src, req.entity, req.mapping);
  const spec = SPECS[req.entity];
  return src.eachRow((cells, row) => {
    let record: Record<string, unknown>;
    try {
      record = conv.record(cells);
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      return fn({ row, record: null, reason: err.message, raw: conv.raw(cells) });
    }
    const o = validateRecord(spec, record, parent);
    fn(o.ok ? { row, record, reason: null, raw: '' } : { row, record, reason: o.reason, raw: conv.raw(cells) });
  });
}

/** The first REJECTED_SHOWN rejected rows, and how many there are in all. */
class Rejects {
  shown: TabularRejected[] = [];
  total = 0;
  add(j: Judged): void {
    this.total++;
    if (this.shown.length < REJECTED_SHOWN) this.shown.push({ row: j.row, reason: j.reason!, raw: j.raw });
  }
}

export async function checkRows(engine: Engine, req: RowsRequest): Promise<TabularCheck & { table: TableHead }> {
  const src = await openTable(req.path, req.sheet);
  const rejects = new Rejects();
  const total = await judgeRows(src, req, parentCurrencies(await engine.use(cacheDb)), (j) => {
    if (j.reason !== null) rejects.add(j);
  });
  return { total, valid: total - rejects.total, rejected: rejects.shown, rejectedTotal: rejects.total, table: headOf(src) };
}

function sourceKeyOf(req: RowsRequest, table: TableHead): string {
  return `tabular:${resolve(req.path)}${table.sheet ? `#${table.sheet}` : ''}:${req.entity}`;
}

/** The file's bytes (streamed) and the mapping. */
async function contentHash(req: RowsRequest): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(req.path, { highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
  h.update(JSON.stringify({ entity: req.entity, sheet: req.sheet ?? null, columns: Object.entries(req.mapping.columns).sort(), n: req.mapping.numberFormat, d: req.mapping.dateFormat }));
  return h.digest('hex');
}

/** Lines appended to a file through a buffer, written synchronously about every MiB. */
class LineWriter {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  /** the number of the next line to be written (1-based) */
  next = 1;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'w');
  }
  /** writes `text` as line `line`, blank lines before it for the lines skipped */
  put(line: number, text: string): void {
    while (this.next < line) this.push('');
    this.push(text);
  }
  private push(text: string): void {
    this.buf.push(text);
    this.size += text.length + 1;
    this.next++;
    if (this.size >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buf.length) writeSync(this.fd, this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

export async function importRows(engine: Engine, req: RowsRequest): Promise<TabularResult & { table: TableHead }> {
  const started = Date.now();
  return withCacheLock(engine, async () => {
    const db = await engine.use(cacheDb);
    const src = await openTable(req.path, req.sheet);
    const table = headOf(src);
    const sourceKey = sourceKeyOf(req, table);
    const hash = await contentHash(req);
    const base = { sourceKey, danglingReferences: 0, warnings: [] as string[], table };
    if (db.value('SELECT 1 FROM applied_bundles WHERE source_key = ? AND content_hash = ?', [sourceKey, hash])) {
      return { ...base, status: 'skipped', applied: 0, skipped: await countRows(src), quarantined: 0, warnings: ['already applied (the same file with the same mapping)'], durationMs: Date.now() - started };
    }
    // judged against the cache as it is inside the lock: exactly what the check showed. The
    // bundle file's line N holds the record of the file's row N (the importer applies the good
    // ones by its rules: newer wins, ids upserted); the rejected rows go to a side file, then to
    // quarantine in the apply's transaction, as the file's rows with their row numbers
    const dir = mkdtempSync(join(tmpdir(), 'folio-tabular-'));
    try {
      const bundle = new LineWriter(join(dir, `${req.entity}.ndjson`));
      const side = new LineWriter(join(dir, 'rejected.ndjson'));
      const rejects = new Rejects();
      try {
        bundle.put(1, '');
        await judgeRows(src, req, parentCurrencies(db), (j) => {
          if (j.reason === null) return bundle.put(j.row, JSON.stringify(j.record));
          rejects.add(j);
          side.put(side.next, JSON.stringify([j.row, j.reason, j.raw.slice(0, RAW_MAX)]));
        });
      } finally {
        bundle.close();
        side.close();
      }
      const shown = basename(req.path) + (table.sheet ? ` [${table.sheet}]` : '');
      const at = engine.platform.now().toISOString();
      // the bundle importer's large page cache while the rows go in
      const result = withImportCache(db, () =>
        db.transaction(() => {
          const r = applyBundle(
            db,
            { sourceKey, hash, manifest: { format: 1, exportedAt: table.modifiedAt, kind: 'delta' }, files: new Map([[req.entity, bundle.file]]), displayName: () => shown, warnings: [] },
            { now: () => engine.platform.now() },
          );
          for (const [, line] of readLines(side.file)) {
            if (line === '') continue;
            const [row, reason, raw] = JSON.parse(line) as [number, string, string];
            db.run('INSERT INTO quarantine (source_key, file, line, reason, raw, at) VALUES (?, ?, ?, ?, ?, ?)', [sourceKey, shown, row, reason, raw, at]);
          }
          ensureAgingIndex(db);
          return r;
        }),
      );
      await db.save();
      engine.emit('data:changed', { reason: 'import' });
      const c = result.counts[req.entity] ?? { applied: 0, skipped: 0, deleted: 0, quarantined: 0 };
      return { ...base, status: 'applied', applied: c.applied + c.deleted, skipped: c.skipped, quarantined: c.quarantined + rejects.total, danglingReferences: result.danglingReferences, warnings: result.warnings, durationMs: Date.now() - started };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
