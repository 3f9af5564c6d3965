/**
 * Sync from S3 (`source.s3` = s3://bucket/prefix/): each bundle is a sub-prefix with its manifest.
 * Bundles already applied (same source key and listing hash) are not downloaded again; the new
 * ones are downloaded to a temporary folder first and only then applied (in exported_at order), so
 * a connection lost half-way leaves the cache exactly as it was. Offline is a normal outcome:
 * `{ ok: false, offline: true, message }`, quickly.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { SyncResult } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { findBundles } from '../cache/bundle';
import { importBundleDirs, withCacheLock } from '../cache/import';
import { setMeta } from '../cache/meta';
import { cacheDb } from '../db/stores';
import type { Engine } from '../engine';
import { createS3Client, isOfflineError, parseS3Url } from '../s3/client';
import { settingsService } from '../settings/service';

interface RemoteBundle {
  name: string;
  prefix: string;
  sourceKey: string;
  /** SHA-256 over the bundle's object names, ETags and sizes: changes when any object changes */
  hash: string;
  objects: Array<{ key: string; rel: string }>;
}

/** Lists every bundle under the prefix (a sub-prefix holding a manifest or .ndjson files). */
export async function listBundles(client: S3Client, bucket: string, prefix: string): Promise<RemoteBundle[]> {
  const groups = new Map<string, Array<{ key: string; rel: string; etag: string; size: number }>>();
  let token: string | undefined;
  do {
    const res = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
    for (const o of res.Contents ?? []) {
      if (!o.Key || o.Key.endsWith('/')) continue;
      const rest = o.Key.slice(prefix.length);
      const slash = rest.lastIndexOf('/');
      const name = slash < 0 ? '' : rest.slice(0, slash);
      const rel = slash < 0 ? rest : rest.slice(slash + 1);
      let g = groups.get(name);
      if (!g) groups.set(name, (g = []));
      g.push({ key: o.Key, rel, etag: o.ETag ?? '', size: o.Size ?? 0 });
    }
    token = res.IsTruncated ? res.NextContinuationToken : undefined;
  } while (token);
  const out: RemoteBundle[] = [];
  for (const [name, objs] of groups) {
    if (!objs.some((o) => o.rel === 'manifest.json' || /\.ndjson(\.gz)?$/.test(o.rel))) continue;
    objs.sort((a, b) => (a.rel < b.rel ? -1 : 1));
    const h = createHash('sha256');
    for (const o of objs) h.update(`${o.rel}\0${o.etag}\0${o.size}\n`);
    const bprefix = name ? `${prefix}${name}/` : prefix;
    out.push({ name: name || '.', prefix: bprefix, sourceKey: `s3://${bucket}/${bprefix}`, hash: h.digest('hex'), objects: objs.map(({ key, rel }) => ({ key, rel })) });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

async function download(client: S3Client, bucket: string, key: string, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  await pipeline(res.Body as Readable, createWriteStream(file));
}

/** Pulls and applies the bundles not yet applied. Never throws for network or S3 failures. */
export function syncS3(engine: Engine): Promise<SyncResult> {
  return withCacheLock(engine, () => runSync(engine));
}

async function runSync(engine: Engine): Promise<SyncResult> {
  const settings = (await engine.use(settingsService)).values();
  const url = settings['source.s3'];
  if (!url) throw new FolioError('validation', 'NO_S3_SOURCE', 'source.s3 is not set: configure s3://bucket/prefix/ in Settings (or folio config set source.s3 …)', 'source.s3');
  const { bucket, prefix } = parseS3Url(url);
  const db = await engine.use(cacheDb);
  const at = () => engine.platform.now().toISOString();
  engine.emit('sync:state', { state: 'syncing', at: at(), message: `Syncing from ${url}` });
  const { client } = await createS3Client(engine);
  const tmp = mkdtempSync(join(tmpdir(), 'folio-sync-'));
  let outcome: SyncResult;
  try {
    const remote = await listBundles(client, bucket, prefix);
    const fresh = remote.filter((b) => !db.value('SELECT 1 FROM applied_bundles WHERE source_key = ? AND content_hash = ?', [b.sourceKey, b.hash]));
    const byDir = new Map<string, RemoteBundle>();
    let i = 0;
    for (const b of fresh) {
      const dir = join(tmp, String(i++).padStart(5, '0'));
      mkdirSync(dir, { recursive: true });
      for (const o of b.objects) await download(client, bucket, o.key, join(dir, o.rel));
      byDir.set(dir, b);
    }
    const dirs = [...byDir.keys()].flatMap((d) => findBundles(d));
    const result = dirs.length
      ? await importBundleDirs(engine, dirs, {
          sourceKey: (d) => byDir.get(d.dir)!.sourceKey,
          contentHash: (d) => byDir.get(d.dir)!.hash,
          displayName: (d, _e, file) => `${byDir.get(d.dir)!.prefix}${file.split(/[\\/]/).pop()}`,
          progressKind: 'sync',
          label: 'Syncing bundles',
        })
      : null;
    const applied = result?.bundles.filter((b) => b.status === 'applied').length ?? 0;
    const refused = result?.bundles.filter((b) => b.status === 'refused').length ?? 0;
    const message =
      `${remote.length} bundle(s) under ${url}: ${applied} applied, ${remote.length - fresh.length} already applied` +
      (refused ? `, ${refused} refused` : '') +
      (result ? `, ${result.quarantined} line(s) quarantined` : '');
    outcome = { ok: true, offline: false, message, listed: remote.length, result };
  } catch (err) {
    if (err instanceof FolioError && err.type !== 'offline') throw err;
    const offline = isOfflineError(err);
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const message = offline
      ? `Offline: ${settings['s3.endpoint'] || 'S3'} cannot be reached (${e.message ?? e.name}). The cache was left as it was.`
      : `Sync failed: ${e.name ?? 'error'}${e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : ''}: ${e.message ?? ''}. The cache was left as it was.`;
    outcome = { ok: false, offline, message, listed: 0, result: null };
  } finally {
    client.destroy();
    rmSync(tmp, { recursive: true, force: true });
  }
  const stamp = at();
  setMeta(db, 'last_sync', JSON.stringify({ at: stamp, ok: outcome.ok, offline: outcome.offline, message: outcome.message }));
  await db.save();
  engine.emit('sync:state', { state: outcome.ok ? 'ok' : outcome.offline ? 'offline' : 'error', at: stamp, message: outcome.message });
  return outcome;
}
