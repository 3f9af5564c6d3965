import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HeadBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { testEngine } from '../../../test/helpers/engine';
import { startS3 } from '../../../test/helpers/s3';
import { CREDENTIALS_SECRET } from '../settings/service';
import { createS3Client, isOfflineError, parseCredentialsSecret, parseS3Url } from './client';

test('the client reaches an S3 server configured through the environment and the AWS chain', async () => {
  const s3 = await startS3({ kind: 's3rver', buckets: ['folio-client'] });
  const t = testEngine({ env: { FOLIO_USER: 'tester', ...s3.env() } });
  try {
    const { client, credentialsSource, endpoint } = await createS3Client(t.engine);
    assert.equal(credentialsSource, 'aws-chain');
    assert.equal(endpoint, s3.endpoint);
    const res = await client.send(new HeadBucketCommand({ Bucket: 'folio-client' }));
    assert.equal(res.$metadata.httpStatusCode, 200);
    client.destroy();
  } finally {
    await t.close();
    await s3.stop();
  }
});

test('stored credentials win over the chain; a stopped server fails fast as offline', async () => {
  const s3 = await startS3({ kind: 'fauxqs', buckets: ['folio-client'] });
  const env = s3.env();
  delete env.AWS_ACCESS_KEY_ID;
  delete env.AWS_SECRET_ACCESS_KEY;
  const t = testEngine({ env: { FOLIO_USER: 'tester', ...env } });
  try {
    await t.engine.platform.secrets.set(CREDENTIALS_SECRET, JSON.stringify(s3.credentials));
    const { client, credentialsSource } = await createS3Client(t.engine);
    assert.equal(credentialsSource, 'protected-store');
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'folio-client' }));
    assert.equal(listed.KeyCount ?? 0, 0);
    await s3.stop();
    const started = Date.now();
    const err = await client.send(new HeadBucketCommand({ Bucket: 'folio-client' })).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err, 'a request to a stopped server fails');
    assert.ok(isOfflineError(err), `classified as offline: ${String(err)}`);
    assert.ok(Date.now() - started < 5000, 'fails within seconds');
    client.destroy();
  } finally {
    await t.close();
    await s3.stop();
  }
});

test('parseS3Url and parseCredentialsSecret name the field at fault', () => {
  assert.deepEqual(parseS3Url('s3://my-bucket/bundles'), { bucket: 'my-bucket', prefix: 'bundles/' });
  assert.deepEqual(parseS3Url('s3://my-bucket/'), { bucket: 'my-bucket', prefix: '' });
  assert.throws(() => parseS3Url('http://x/y'), (e: { field?: string }) => e.field === 'source.s3');
  assert.throws(() => parseCredentialsSecret('{"accessKeyId":"a"}'), (e: { field?: string }) => e.field === 'credentials');
  assert.deepEqual(parseCredentialsSecret('{"accessKeyId":"a","secretAccessKey":"b"}'), { accessKeyId: 'a', secretAccessKey: 'b' });
});
