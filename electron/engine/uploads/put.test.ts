import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3, type S3TestServer } from '../../../test/helpers/s3';
import { putImmutable } from './put';
import { startS3Proxy, type S3Proxy } from './testing-proxy';

let s3: S3TestServer;
let proxy: S3Proxy;
let client: S3Client;
const BUCKET = 'put-tests';
before(async () => {
  s3 = await startS3({ kind: 'fauxqs', buckets: [BUCKET] });
  proxy = await startS3Proxy(s3.endpoint);
  client = new S3Client({
    endpoint: proxy.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: s3.credentials,
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
});
after(async () => {
  client.destroy();
  await proxy.stop();
  await s3.stop();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const job = (key: string, bytes: Uint8Array, extra: Partial<Parameters<typeof putImmutable>[1]> = {}) => ({
  bucket: BUCKET,
  key,
  bytes,
  sha256: sha(bytes),
  contentType: 'application/pdf',
  ...extra,
});

test('a put sends If-None-Match, the SHA-256 checksum, the SSE header and metadata, then verifies what landed', async () => {
  const bytes = randomBytes(5000);
  const out = await putImmutable(client, job('a/one.pdf', bytes, { sse: 'AES256' }));
  assert.deepEqual(out.ok && out.how, 'put');
  const h = proxy.lastHeaders.get(`PUT /${BUCKET}/a/one.pdf`)!;
  assert.equal(h['if-none-match'], '*');
  assert.equal(h['x-amz-checksum-sha256'], Buffer.from(sha(bytes), 'hex').toString('base64'));
  assert.equal(h['x-amz-server-side-encryption'], 'AES256');
  assert.equal(h['x-amz-meta-sha256'], sha(bytes));
  const head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'a/one.pdf' }));
  assert.equal(head.ContentLength, 5000);
});

test('with If-None-Match enforced: same content already there → accepted without a second put; other content → permanent failure, untouched', async () => {
  proxy.enforceIfNoneMatch = true;
  try {
    const bytes = randomBytes(3000);
    assert.equal((await putImmutable(client, job('b/two.pdf', bytes))).ok, true);
    const again = await putImmutable(client, job('b/two.pdf', bytes));
    assert.deepEqual(again.ok && again.how, 'already-there');
    assert.equal(proxy.acceptedPuts.get(`/${BUCKET}/b/two.pdf`), 1);
    const other = await putImmutable(client, job('b/two.pdf', randomBytes(3000)));
    assert.equal(other.ok, false);
    assert.match(!other.ok ? other.error : '', /exists with different content/);
    assert.equal(sha(await (await s3.bucket(BUCKET)).get('b/two.pdf')), sha(bytes), 'never overwritten');
  } finally {
    proxy.enforceIfNoneMatch = false;
  }
});

test('a retry (maybeExists) HEADs first and never re-puts, even where the server ignores If-None-Match', async () => {
  const bytes = randomBytes(2000);
  await putImmutable(client, job('c/three.pdf', bytes));
  const before = proxy.acceptedPuts.get(`/${BUCKET}/c/three.pdf`);
  const r = await putImmutable(client, job('c/three.pdf', bytes, { maybeExists: true }));
  assert.deepEqual(r.ok && r.how, 'already-there');
  assert.equal(proxy.acceptedPuts.get(`/${BUCKET}/c/three.pdf`), before);
  const d = await putImmutable(client, job('c/three.pdf', randomBytes(10), { maybeExists: true }));
  assert.equal(d.ok, false);
});

test('a lost response is a transient error, never a success', async () => {
  proxy.dropResponse = (m, p) => m === 'PUT' && p.endsWith('/d/four.pdf');
  try {
    await assert.rejects(putImmutable(client, job('d/four.pdf', randomBytes(100))));
  } finally {
    proxy.dropResponse = null;
  }
});

test('large files go multipart (lib-storage) and are verified by their SHA-256 metadata', { timeout: 60_000 }, async () => {
  const bytes = randomBytes(6 * 1024 * 1024 + 123);
  const r = await putImmutable(client, job('e/big.pdf', bytes, { multipartThreshold: 5 * 1024 * 1024 }));
  assert.equal(r.ok, true, !r.ok ? r.error : '');
  const complete = proxy.lastHeaders.get('POST /put-tests/e/big.pdf');
  assert.ok(complete, 'a multipart upload was used');
  assert.equal(complete['if-none-match'], '*', 'the completion is conditional too');
  assert.equal(proxy.acceptedPuts.size > 0, true);
  assert.equal(sha(await (await s3.bucket(BUCKET)).get('e/big.pdf')), sha(bytes));
});
