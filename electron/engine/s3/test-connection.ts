/** Settings → "Test connection": HeadBucket on the upload bucket, with a message a person can act on. */
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import type { Engine } from '../engine';
import { settingsService } from '../settings/service';
import { createS3Client, isOfflineError } from './client';

export async function testConnection(engine: Engine): Promise<{ ok: boolean; message: string }> {
  const s = (await engine.use(settingsService)).values();
  const bucket = s['s3.bucket'];
  if (!bucket) return { ok: false, message: 's3.bucket is not set: enter the bucket statements are uploaded to' };
  let target;
  try {
    target = await createS3Client(engine, { maxAttempts: 1, requestTimeoutMs: 8000 });
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  const where = `${target.endpoint ?? `AWS S3 (${target.region})`}`;
  try {
    await target.client.send(new HeadBucketCommand({ Bucket: bucket }));
    return { ok: true, message: `Connected: bucket ${bucket} at ${where} is reachable with the ${target.credentialsSource === 'protected-store' ? 'stored' : 'AWS chain'} credentials` };
  } catch (err) {
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    if (isOfflineError(err)) return { ok: false, message: `Cannot reach ${where}: ${e.message ?? e.name} (offline, or a wrong s3.endpoint)` };
    if (status === 404 || e.name === 'NotFound' || e.name === 'NoSuchBucket') return { ok: false, message: `Bucket ${bucket} does not exist at ${where} (check s3.bucket and s3.region)` };
    if (status === 403 || e.name === 'Forbidden' || e.name === 'AccessDenied') return { ok: false, message: `Access to bucket ${bucket} was denied: check the credentials and the bucket policy` };
    if (status === 301 || e.name === 'PermanentRedirect') return { ok: false, message: `Bucket ${bucket} is in another region than ${target.region}: fix s3.region` };
    if (e.name === 'CredentialsProviderError') return { ok: false, message: 'No S3 credentials: store them in Settings or provide them through the AWS environment or profile' };
    return { ok: false, message: `S3 answered ${e.name ?? 'an error'}${status ? ` (HTTP ${status})` : ''}: ${e.message ?? ''}` };
  } finally {
    target.client.destroy();
  }
}
