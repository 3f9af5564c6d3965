/**
 * Bundle folders on disk: finding them (one bundle, or a folder of bundles), reading the manifest
 * (a missing or wrong manifest refuses the bundle whole) and the content hash that makes a bundle
 * applied twice a no-op.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Entity } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { entityOfFile } from './entities';
import { normalizeInstant } from './validate';

export interface Manifest {
  format: 1;
  exportedAt: string;
  kind: 'full' | 'delta';
}

export interface BundleDir {
  dir: string;
  name: string;
  /** the raw manifest.json text, or null when missing */
  manifestText: string | null;
}

/** `path` is a bundle (holds manifest.json or .ndjson files) or a folder of bundles. */
export function findBundles(path: string): BundleDir[] {
  const root = resolve(path);
  if (!existsSync(root)) throw new FolioError('validation', 'PATH_NOT_FOUND', `path: ${root} does not exist`, 'path');
  if (!statSync(root).isDirectory()) throw new FolioError('validation', 'NOT_A_FOLDER', `path: ${root} is not a folder`, 'path');
  if (looksLikeBundle(root)) return [bundleDir(root)];
  const subs = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => join(root, d.name))
    .filter(looksLikeBundle)
    .sort();
  if (!subs.length) {
    throw new FolioError('validation', 'NO_BUNDLE', `path: ${root} holds no bundle (no manifest.json, no .ndjson files, no bundle folders)`, 'path');
  }
  return subs.map(bundleDir);
}

function looksLikeBundle(dir: string): boolean {
  return readdirSync(dir).some((f) => f === 'manifest.json' || /\.ndjson(\.gz)?$/.test(f));
}

function bundleDir(dir: string): BundleDir {
  const m = join(dir, 'manifest.json');
  return { dir, name: dir.split(/[\\/]/).pop()!, manifestText: existsSync(m) ? readFileSync(m, 'utf8') : null };
}

/** Parses a manifest; throws FolioError naming the field when it is missing or wrong. */
export function parseManifest(text: string | null): Manifest {
  if (text === null) throw new FolioError('validation', 'MANIFEST_MISSING', 'manifest.json: the bundle has no manifest; refused whole', 'manifest.json');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FolioError('validation', 'MANIFEST_INVALID', `manifest.json: not valid JSON (${(err as Error).message}); refused whole`, 'manifest.json');
  }
  const o = json as Record<string, unknown> | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new FolioError('validation', 'MANIFEST_INVALID', 'manifest.json: not a JSON object; refused whole', 'manifest.json');
  if (o.format !== 1) {
    throw new FolioError('validation', 'MANIFEST_FORMAT', `manifest.json: format is ${JSON.stringify(o.format) ?? 'missing'}, this version reads format 1; refused whole`, 'format');
  }
  const at = typeof o.exported_at === 'string' ? normalizeInstant(o.exported_at) : null;
  if (!at) throw new FolioError('validation', 'MANIFEST_EXPORTED_AT', 'manifest.json: exported_at must be an ISO 8601 instant; refused whole', 'exported_at');
  if (o.kind !== 'full' && o.kind !== 'delta') {
    throw new FolioError('validation', 'MANIFEST_KIND', `manifest.json: kind must be "full" or "delta", not ${JSON.stringify(o.kind) ?? 'missing'}; refused whole`, 'kind');
  }
  return { format: 1, exportedAt: at, kind: o.kind };
}

export interface BundleFiles {
  /** entity → file path (a plain and a .gz file for the same entity: the plain one is refused) */
  entities: Map<Entity, string>;
  unknown: string[];
}

export function bundleFiles(dir: string): BundleFiles {
  const entities = new Map<Entity, string>();
  const unknown: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (f === 'manifest.json' || f.startsWith('.')) continue;
    const e = entityOfFile(f);
    if (!e) {
      unknown.push(f);
      continue;
    }
    if (entities.has(e)) {
      throw new FolioError('validation', 'DUPLICATE_ENTITY_FILE', `${f}: the bundle holds ${e} twice (plain and gzip); refused whole`, f);
    }
    entities.set(e, join(dir, f));
  }
  return { entities, unknown };
}

/** SHA-256 over the manifest and every file (name and bytes, in name order). */
export async function hashBundle(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) {
    if (f.startsWith('.')) continue;
    const p = join(dir, f);
    if (!statSync(p).isFile()) continue;
    h.update(`${f}\0`);
    for await (const chunk of createReadStream(p, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
    h.update('\0');
  }
  return h.digest('hex');
}
