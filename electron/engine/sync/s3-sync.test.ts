import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { EventName } from '../../../shared/contract';
import { runCli } from '../../../test/helpers/engine';
import { startS3, type S3Bucket } from '../../../test/helpers/s3';
import { dataVersion, lastSync } from '../cache/meta';
import { bareEngine, sampleRecords, writeFixtureBundle } from '../cache/test-support';
import { cacheDb } from '../db/stores';
import { settingsService } from '../settings/service';
import { testConnection } from '../s3/test-connection';
import { syncS3 } from './s3-sync';

async function upload(bucket: S3Bucket, prefix: string, dir: string, gzipEntity?: string): Promise<void> {
  for (const f of readdirSync(dir)) {
    const body = readFileSync(join(dir, f));
    if (gzipEntity && f === `${gzipEntity}.ndjson`) await bucket.put(`${prefix}${f}.gz`, gzipSync(body));
    else await bucket.put(`${prefix}${f}`, body);
  }
}

test('sync pulls new bundles from s3rver in exported_at order, skips applied ones, and reports offline', { timeout: 60_000 }, async () => {
  const s3 = await startS3({ kind: 's3rver' });
  const work = mkdtempSync(join(tmpdir(), 'folio-sync-test-'));
  const t = bareEngine({ env: { FOLIO_USER: 'tester', ...s3.env({ bucket: 'folio-data' }) } });
  try {
    const bucket = await s3.bucket('folio-data');
    await (await t.engine.use(settingsService)).set('source.s3', 's3://folio-data/exports/');
    const events: Array<[EventName, unknown]> = [];
    t.engine.subscribe((name, payload) => events.push([name, payload]));
    // two bundles: "z-first" is exported first although its name sorts last
    const recs = sampleRecords();
    await upload(bucket, 'exports/z-first/', writeFixtureBundle(join(work, 'z'), { exportedAt: '2026-01-16T00:00:00Z', kind: 'full', files: recs }), 'payment_items');
    const later = sampleRecords('2026-01-20T00:00:00Z').parties!.map((p) => ({ ...p, name: `${p.name as string} (renamed)` }));
    await upload(bucket, 'exports/a-second/', writeFixtureBundle(join(work, 'a'), { exportedAt: '2026-01-21T00:00:00Z', files: { parties: later } }));
    await bucket.put('exports/README.txt', 'not a bundle');

    const r1 = await syncS3(t.engine);
    assert.equal(r1.ok, true, r1.message);
    assert.equal(r1.listed, 2);
    assert.deepEqual(r1.result!.bundles.map((b) => [b.sourceKey, b.status]), [
      ['s3://folio-data/exports/z-first/', 'applied'],
      ['s3://folio-data/exports/a-second/', 'applied'],
    ]);
    const db = await t.engine.use(cacheDb);
    assert.equal(db.value('SELECT name FROM parties WHERE id = ?', ['c1']), 'Zoë Ångström (renamed)');
    assert.equal(db.value('SELECT net FROM payment_items WHERE id = ?', ['pi1']), 85000, 'the .gz file was read');
    assert.ok(events.some(([n, p]) => n === 'sync:state' && (p as { state: string }).state === 'ok'));
    assert.ok(events.some(([n]) => n === 'data:changed'));

    // nothing new: nothing downloaded or applied
    const r2 = await syncS3(t.engine);
    assert.equal(r2.ok, true);
    assert.equal(r2.result, null);
    assert.match(r2.message, /0 applied, 2 already applied/);

    // a new delta appears: only it is applied
    await upload(bucket, 'exports/c-third/', writeFixtureBundle(join(work, 'c'), { exportedAt: '2026-01-25T00:00:00Z', files: { adjustments: [{ id: 'a1', updated_at: '2026-01-24T00:00:00Z', deleted: true }] } }));
    const r3 = await syncS3(t.engine);
    assert.deepEqual(r3.result!.bundles.map((b) => b.status), ['applied']);
    assert.equal(db.value('SELECT count(*) FROM adjustments'), 0);
    assert.ok((await testConnection(t.engine)).ok);

    // offline: the server is stopped; the sync says so quickly and the cache is unchanged
    const version = dataVersion(db);
    const bytes = Buffer.from(db.exportBytes());
    await s3.stop();
    const started = Date.now();
    const r4 = await syncS3(t.engine);
    assert.equal(r4.ok, false);
    assert.equal(r4.offline, true);
    assert.match(r4.message, /Offline/);
    assert.ok(Date.now() - started < 10_000, 'fails fast');
    assert.equal(dataVersion(db), version);
    assert.equal(db.value('SELECT count(*) FROM parties'), 3);
    assert.equal(lastSync(db)!.offline, true);
    assert.ok(bytes.length > 0);
    assert.ok(events.some(([n, p]) => n === 'sync:state' && (p as { state: string }).state === 'offline'));
    const conn = await testConnection(t.engine);
    assert.equal(conn.ok, false);
    assert.match(conn.message, /Cannot reach/);
  } finally {
    await t.close();
    await s3.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('a bucket that does not exist is a failed sync (not offline) with a clear message', { timeout: 30_000 }, async () => {
  const s3 = await startS3({ kind: 'fauxqs' });
  const t = bareEngine({ env: { FOLIO_USER: 'tester', ...s3.env({ bucket: 'nope-bucket' }) } });
  try {
    await (await t.engine.use(settingsService)).set('source.s3', 's3://nope-bucket/x/');
    const r = await syncS3(t.engine);
    assert.equal(r.ok, false);
    assert.equal(r.offline, false);
    assert.match(r.message, /Sync failed/);
    const c = await testConnection(t.engine);
    assert.equal(c.ok, false);
    assert.match(c.message, /does not exist|HTTP 404/);
  } finally {
    await t.close();
    await s3.stop();
  }
});

test('folio sync against fauxqs: applies, prints the result, and exits 1 when offline', { timeout: 60_000 }, async () => {
  const s3 = await startS3({ kind: 'fauxqs' });
  const work = mkdtempSync(join(tmpdir(), 'folio-cli-sync-'));
  try {
    const bucket = await s3.bucket('folio-cli');
    await upload(bucket, 'in/b1/', writeFixtureBundle(join(work, 'b1'), { exportedAt: '2026-01-16T00:00:00Z', kind: 'full', files: sampleRecords() }));
    const data = join(work, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'settings.json'), JSON.stringify({ 'source.s3': 's3://folio-cli/in/' }));
    const env = s3.env();
    const ok = await runCli(['--data-dir', data, '--json', 'sync'], env);
    assert.equal(ok.code, 0, ok.stderr);
    const r = ok.json<{ ok: boolean; listed: number; result: { applied: number } }>();
    assert.equal(r.ok, true);
    assert.equal(r.listed, 1);
    assert.equal(r.result.applied, 15);
    await s3.stop();
    const off = await runCli(['--data-dir', data, 'sync'], env);
    assert.equal(off.code, 1);
    assert.match(off.stderr, /Offline/);
  } finally {
    await s3.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
