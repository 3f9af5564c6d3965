/**
 * Importing bundles into the cache: `importPath(engine, path)` for a bundle folder or a folder of
 * bundles, and `importBundleDirs` (also used by S3 sync on downloaded bundles). Bundles are
 * applied in exported_at order, each in one transaction followed by a durable save, so a crash
 * mid-import leaves the cache as it was after the previous bundle. A bundle already applied (same
 * source key and content hash) is skipped; a bundle with a bad manifest is refused whole.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import type { BundleResult, Entity, ImportResult } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { Database } from '../db/database';
import { cacheDb } from '../db/stores';
import { ensureAgingIndex } from './aging-index';
import type { Engine } from '../engine';
import { applyBundle } from './apply';
import { bundleFiles, findBundles, hashBundle, parseManifest, type BundleDir, type Manifest } from './bundle';

export interface ImportOptions {
  /** the source key remembered with the content hash (default: `folder:<absolute bundle path>`) */
  sourceKey?: (b: BundleDir) => string;
  /** the content hash remembered with the source key (default: SHA-256 of the bundle's bytes) */
  contentHash?: (b: BundleDir) => string;
  /** the file name shown in quarantine rows */
  displayName?: (b: BundleDir, entity: Entity, file: string) => string;
  progressKind?: 'import' | 'sync' | 'demo';
  label?: string;
}

/** the page cache while a bundle goes in */
const IMPORT_CACHE_KB = 131072;

/**
 * Runs `fn` with a large page cache (index pages stay in memory instead of being written to and
 * read back for every few thousand rows), then the default again: the bundle importer and the
 * spreadsheet import apply their rows through it.
 */
export function withImportCache<T>(db: Database, fn: () => T): T {
  db.exec(`PRAGMA cache_size = -${IMPORT_CACHE_KB}`);
  try {
    return fn();
  } finally {
    db.exec('PRAGMA cache_size = -2000');
  }
}

const locks = new WeakMap<Engine, Promise<unknown>>();

/** Runs `fn` after any import or sync already running on this engine (they never interleave). */
export function withCacheLock<T>(engine: Engine, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(engine) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(engine, next.catch(() => undefined));
  return next;
}

/** Applies the bundle(s) at `path` (a bundle folder, or a folder of bundle folders). */
export function importPath(engine: Engine, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  return withCacheLock(engine, () => importBundleDirs(engine, findBundles(path), opts));
}

interface Prepared {
  b: BundleDir;
  sourceKey: string;
  manifest: Manifest;
  files: Map<Entity, string>;
  warnings: string[];
  hash: string;
  bytes: number;
}

/** Applies bundle folders already found (the caller holds the cache lock). */
export async function importBundleDirs(engine: Engine, dirs: BundleDir[], opts: ImportOptions = {}): Promise<ImportResult> {
  const started = Date.now();
  const db = await engine.use(cacheDb);
  const results: BundleResult[] = [];
  const ready: Prepared[] = [];
  for (const b of dirs) {
    const sourceKey = opts.sourceKey ? opts.sourceKey(b) : `folder:${b.dir}`;
    try {
      const manifest = parseManifest(b.manifestText);
      const { entities, unknown } = bundleFiles(b.dir);
      const warnings = unknown.map((f) => `unknown file ${f} ignored`);
      let bytes = 0;
      for (const f of entities.values()) bytes += statSync(f).size * (f.endsWith('.gz') ? 6 : 1);
      ready.push({ b, sourceKey, manifest, files: entities, warnings, hash: opts.contentHash ? opts.contentHash(b) : await hashBundle(b.dir), bytes });
    } catch (err) {
      if (!(err instanceof FolioError)) throw err;
      results.push(refused(sourceKey, err.message));
    }
  }
  ready.sort((x, y) => (x.manifest.exportedAt < y.manifest.exportedAt ? -1 : x.manifest.exportedAt > y.manifest.exportedAt ? 1 : x.b.name < y.b.name ? -1 : 1));

  const taskId = `${opts.progressKind ?? 'import'}-${randomBytes(4).toString('hex')}`;
  const label = opts.label ?? 'Importing bundles';
  // progress counts lines; a line is about 200 bytes in the bundles we know
  const total = Math.max(1, Math.round(ready.reduce((s, p) => s + p.bytes, 0) / 200));
  let base = 0;
  const emit = (done: number, finished: boolean) => {
    const el = Date.now() - started;
    const rate = el > 0 ? (done / el) * 60000 : null;
    engine.emit('progress', {
      taskId,
      kind: opts.progressKind ?? 'import',
      label,
      done: Math.min(done, total),
      total,
      ratePerMin: rate,
      etaMs: rate ? Math.max(0, ((total - done) / rate) * 60000) : null,
      finished,
    });
  };
  emit(0, false);
  let appliedAny = false;
  for (const p of ready) {
    const seen = db.value('SELECT 1 FROM applied_bundles WHERE source_key = ? AND content_hash = ?', [p.sourceKey, p.hash]);
    if (seen) {
      results.push({ sourceKey: p.sourceKey, exportedAt: p.manifest.exportedAt, kind: p.manifest.kind, status: 'skipped', counts: {}, warnings: ['already applied (same source and content)'], danglingReferences: 0 });
      continue;
    }
    const result: BundleResult = withImportCache(db, () =>
      db.transaction(() => {
        const applied = applyBundle(
          db,
          {
            sourceKey: p.sourceKey,
            hash: p.hash,
            manifest: p.manifest,
            files: p.files,
            warnings: p.warnings,
            ...(opts.displayName ? { displayName: (e: Entity, f: string) => opts.displayName!(p.b, e, f) } : {}),
          },
          { now: () => engine.platform.now(), progress: (lines) => emit(base + lines, false) },
        );
        // the AR aging index, dropped by triggers when items, payments or names changed
        ensureAgingIndex(db);
        return applied;
      }),
    );
    await db.save();
    appliedAny = true;
    base += Math.round(p.bytes / 200);
    results.push(result);
  }
  emit(total, true);
  if (appliedAny) engine.emit('data:changed', { reason: opts.progressKind ?? 'import' });
  return summarize(results, started);
}

function refused(sourceKey: string, message: string): BundleResult {
  return { sourceKey, exportedAt: null, kind: null, status: 'refused', error: message, counts: {}, warnings: [], danglingReferences: 0 };
}

export function summarize(bundles: BundleResult[], started: number): ImportResult {
  let applied = 0;
  let skipped = 0;
  let quarantined = 0;
  for (const b of bundles) {
    for (const c of Object.values(b.counts)) {
      applied += c.applied + c.deleted;
      skipped += c.skipped;
      quarantined += c.quarantined;
    }
  }
  return { bundles, applied, skipped, quarantined, durationMs: Date.now() - started };
}
