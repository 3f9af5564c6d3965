import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { startS3, type S3TestServer } from '../../../test/helpers/s3';
import { testEngine, withRenderer } from '../../../test/helpers/engine';
import { FolioError } from '../../../shared/errors';
import { generateStatement } from '../usecases/generate';
import { ledgerService } from '../ledger/service';
import { clientRequest, seedClients } from '../ledger/testing';
import { uploadQueue } from './service';
import { startS3Proxy, type S3Proxy } from './testing-proxy';

const caller = { user: 'alice', role: 'accountant' as const };
let s3: S3TestServer;
before(async () => {
  s3 = await startS3({ kind: 'fauxqs' });
});
after(async () => {
  await s3.stop();
});

/** An engine whose clock can be moved forward (backoff schedules). */
function clockEngine(env: Record<string, string>) {
  let offset = 0;
  const t = testEngine(withRenderer({ env: { FOLIO_USER: 'alice', ...env }, now: () => new Date(Date.now() + offset) }));
  return { ...t, advance: (ms: number) => (offset += ms) };
}

test('generate → queued → uploaded with the right key, metadata JSON beside it and a verified checksum', async () => {
  const bucket = await s3.bucket('up-basic');
  const t = clockEngine(s3.env({ bucket: bucket.name, prefix: 'acme' }));
  try {
    await seedClients(t.engine, 1);
    const r = await generateStatement(t.engine, clientRequest('c1'), caller);
    const before = await t.engine.call('uploads:list', {});
    assert.equal(before.pending, 1);
    const s = await t.engine.call('uploads:drain', {});
    assert.equal(s.uploaded, 1, JSON.stringify(s.rows));
    const rec = await t.engine.call('history:get', { ref: r.ref });
    assert.equal(rec.uploadStatus, 'UPLOADED');
    assert.equal(rec.s3Bucket, bucket.name);
    const ym = rec.generatedDt.slice(0, 7).replace('-', '/');
    assert.equal(rec.s3Key, `acme/statements/CLIENT_STATEMENT/${ym}/${r.ref}.txt`);
    const keys = await bucket.keys();
    assert.deepEqual(keys, [rec.s3Key, rec.s3Key!.replace(/\.txt$/, '.json')].sort());
    const obj = await bucket.get(rec.s3Key!);
    const { createHash } = await import('node:crypto');
    assert.equal(createHash('sha256').update(obj).digest('hex'), r.sha256);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: bucket.name, Key: rec.s3Key! }));
    assert.equal(head.Metadata?.sha256, r.sha256);
    assert.equal(head.Metadata?.['statement-ref'], r.ref);
    const meta = JSON.parse((await bucket.get(rec.s3Key!.replace(/\.txt$/, '.json'))).toString()) as Record<string, unknown>;
    assert.equal(meta.statementRef, r.ref);
    assert.equal(meta.sha256, r.sha256);
    assert.equal(meta.statementTypeCd, 'CLIENT_STATEMENT');
    const audit = await t.engine.call('audit:list', {});
    assert.ok(audit.rows.some((e) => e.action === 'upload' && e.details.ref === r.ref));
  } finally {
    await t.close();
  }
});

test('download: local first, else S3, always SHA-256 checked; a tampered file is refused', async () => {
  const bucket = await s3.bucket('up-download');
  const t = clockEngine(s3.env({ bucket: bucket.name }));
  try {
    await seedClients(t.engine, 2);
    const r = await generateStatement(t.engine, clientRequest('c1'), caller);
    const out = join(t.dataDir, 'copy.txt');
    let res = await t.engine.call('history:export', { ref: r.ref, path: out });
    assert.equal(res.source, 'local');
    // tampered local file, not uploaded yet: refused, nothing written
    const { storeDir } = await t.engine.use(ledgerService);
    const rec = await t.engine.call('history:get', { ref: r.ref });
    const local = join(storeDir, rec.filePath!);
    writeFileSync(local, 'tampered');
    rmSync(out);
    await assert.rejects(t.engine.call('history:export', { ref: r.ref, path: out }), (e: FolioError) => e.type === 'integrity' && /SHA-256/.test(e.message));
    await assert.rejects(t.engine.call('history:file', { ref: r.ref }), (e: FolioError) => e.type === 'integrity');
    assert.equal(existsSync(out), false, 'nothing was written at the export path');

    // the second statement is uploaded; its local file removed → served from S3, checked
    const r2 = await generateStatement(t.engine, clientRequest('c2'), caller);
    await t.engine.call('uploads:drain', {});
    const rec2 = await t.engine.call('history:get', { ref: r2.ref });
    rmSync(join(storeDir, rec2.filePath!));
    const f = await t.engine.call('history:file', { ref: r2.ref, purpose: 'view' });
    assert.equal(f.source, 's3');
    assert.equal(f.sha256, r2.sha256);
    // the S3 copy tampered too → refused
    await bucket.put(rec2.s3Key!, 'evil');
    await assert.rejects(t.engine.call('history:export', { ref: r2.ref, path: out }), (e: FolioError) => e.type === 'integrity');
    // local tampered but S3 good → the good S3 copy, never the tampered bytes
    const r3 = await generateStatement(t.engine, clientRequest('c1'), caller);
    await t.engine.call('uploads:drain', {});
    const rec3 = await t.engine.call('history:get', { ref: r3.ref });
    writeFileSync(join(storeDir, rec3.filePath!), 'tampered');
    res = await t.engine.call('history:export', { ref: r3.ref, path: out });
    assert.equal(res.source, 's3');
    assert.equal(res.sha256, r3.sha256);
    const audit = (await t.engine.call('audit:list', { limit: 100 })).rows;
    assert.ok(audit.some((e) => e.action === 'download' && typeof e.details.refused === 'string'), 'refusals are audited');
    assert.ok(audit.some((e) => e.action === 'view' && e.details.ref === r2.ref));
  } finally {
    await t.close();
  }
});

test('server down during a batch of 200: all queued; server up: all uploaded exactly once', async () => {
  const bucket = await s3.bucket('up-batch');
  const proxy: S3Proxy = await startS3Proxy(s3.endpoint);
  const t = clockEngine({ ...s3.env({ bucket: bucket.name }), FOLIO_S3_ENDPOINT: proxy.endpoint });
  try {
    const ids = await seedClients(t.engine, 200);
    proxy.down = true;
    const results = [];
    for (let i = 0; i < ids.length; i += 20) {
      results.push(...(await Promise.all(ids.slice(i, i + 20).map((id) => generateStatement(t.engine, clientRequest(id), caller)))));
      if (i === 100) await t.engine.call('uploads:drain', {}); // a drain attempt mid-batch, offline
    }
    assert.ok(results.every((r) => r.status === 'COMPLETED'));
    let s = await t.engine.call('uploads:drain', {});
    assert.equal(s.pending, 200);
    assert.equal(s.uploaded, 0);
    assert.ok(s.rows.some((r) => r.lastError && r.nextAttemptAt), 'backoff scheduled with the error');
    assert.equal(proxy.acceptedPuts.size, 0);
    proxy.down = false;
    t.advance(60 * 60_000);
    s = await t.engine.call('uploads:drain', {});
    assert.equal(s.uploaded, 200, JSON.stringify(s.rows.filter((r) => r.status !== 'UPLOADED').slice(0, 3)));
    assert.equal(s.pending + s.failed, 0);
    assert.equal(proxy.acceptedPuts.size, 400, 'a file and a metadata JSON per statement');
    assert.ok([...proxy.acceptedPuts.values()].every((n) => n === 1), 'each object put exactly once');
    assert.equal((await bucket.keys()).length, 400);
  } finally {
    await t.close();
    await proxy.stop();
  }
});

test('a response lost after a successful put: no duplicate, no overwrite (S3-like If-None-Match enforced)', async () => {
  const bucket = await s3.bucket('up-lost');
  const proxy = await startS3Proxy(s3.endpoint);
  proxy.enforceIfNoneMatch = true;
  const t = clockEngine({ ...s3.env({ bucket: bucket.name }), FOLIO_S3_ENDPOINT: proxy.endpoint });
  try {
    await seedClients(t.engine, 2);
    const r = await generateStatement(t.engine, clientRequest('c1'), caller);
    let dropped = 0;
    proxy.dropResponse = (method, path) => method === 'PUT' && path.endsWith('.txt') && dropped++ === 0;
    let s = await t.engine.call('uploads:drain', {});
    assert.equal(s.uploaded, 0, 'the lost response is not taken as success');
    assert.equal(s.pending, 1);
    assert.equal(proxy.acceptedPuts.size, 1, 'the server did store it');
    t.advance(60 * 60_000);
    s = await t.engine.call('uploads:drain', {});
    assert.equal(s.uploaded, 1, JSON.stringify(s.rows));
    assert.ok([...proxy.acceptedPuts.values()].every((n) => n === 1), 'never put twice');
    const rec = await t.engine.call('history:get', { ref: r.ref });
    assert.equal(rec.uploadStatus, 'UPLOADED');

    // an object already there with OTHER content: FAILED "exists with different content", untouched
    const r2 = await generateStatement(t.engine, clientRequest('c2'), caller);
    const { db } = await t.engine.use(ledgerService);
    const key = db.value<string>('SELECT s3_key FROM upload_queue WHERE statement_ref = ?', [r2.ref])!;
    await bucket.put(key, 'someone else');
    s = await t.engine.call('uploads:drain', {});
    const row = s.rows.find((x) => x.statementRef === r2.ref)!;
    assert.equal(row.status, 'FAILED');
    assert.match(row.lastError ?? '', /exists with different content/);
    assert.equal((await bucket.get(key)).toString(), 'someone else');
    assert.equal((await t.engine.call('history:get', { ref: r2.ref })).uploadStatus, 'FAILED');
    // retry now: still refused, still untouched
    s = await t.engine.call('uploads:retry', {});
    s = await t.engine.call('uploads:drain', {});
    assert.equal(s.rows.find((x) => x.statementRef === r2.ref)!.status, 'FAILED');
    assert.equal((await bucket.get(key)).toString(), 'someone else');
  } finally {
    await t.close();
    await proxy.stop();
  }
});

test('the queue survives a restart: pending uploads are still there and drain later', async () => {
  const bucket = await s3.bucket('up-restart');
  const proxy = await startS3Proxy(s3.endpoint);
  const env = { ...s3.env({ bucket: bucket.name }), FOLIO_S3_ENDPOINT: proxy.endpoint };
  const t = clockEngine(env);
  try {
    await seedClients(t.engine, 3);
    for (const id of ['c1', 'c2', 'c3']) await generateStatement(t.engine, clientRequest(id), caller);
    proxy.down = true;
    await t.engine.call('uploads:drain', {});
    await t.engine.close();
    proxy.down = false;
    const t2 = testEngine(withRenderer({ dataDir: t.dataDir, env: { FOLIO_USER: 'alice', ...env }, now: () => new Date(Date.now() + 3600_000) }));
    const q = await t2.engine.use(uploadQueue);
    assert.equal((await q.list()).pending, 3);
    assert.equal((await q.drain()).uploaded, 3);
    await t2.close();
  } finally {
    await t.close();
    await proxy.stop();
  }
});

test('the app drains on its own once online (platform state + a real attempt), with uploads:changed events', async () => {
  const bucket = await s3.bucket('up-auto');
  let online = false;
  const t = testEngine(withRenderer({
    env: { FOLIO_USER: 'alice', ...s3.env({ bucket: bucket.name }), FOLIO_UPLOADS_AUTODRAIN: '1', FOLIO_UPLOADS_TICK_MS: '100' },
    online: () => online,
  }));
  const events: Array<{ pending: number; uploaded: number }> = [];
  t.engine.subscribe((name, payload) => {
    if (name === 'uploads:changed') events.push(payload as { pending: number; uploaded: number });
  });
  try {
    await seedClients(t.engine, 1);
    const r = await generateStatement(t.engine, clientRequest('c1'), caller);
    await new Promise((res) => setTimeout(res, 400));
    assert.equal((await t.engine.call('history:get', { ref: r.ref })).uploadStatus, 'QUEUED', 'offline: nothing attempted');
    assert.equal((await bucket.keys()).length, 0);
    online = true;
    const deadline = Date.now() + 10_000;
    while ((await t.engine.call('history:get', { ref: r.ref })).uploadStatus !== 'UPLOADED' && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal((await t.engine.call('history:get', { ref: r.ref })).uploadStatus, 'UPLOADED');
    assert.equal((await bucket.keys()).length, 2);
    assert.ok(events.some((e) => e.uploaded === 1 && e.pending === 0), JSON.stringify(events));
  } finally {
    await t.close();
  }
});
