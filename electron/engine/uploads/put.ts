/**
 * One idempotent, immutable S3 upload.
 *
 * - `If-None-Match: *` on every put: S3 refuses to replace an existing object (412).
 * - The SHA-256 of the bytes travels as `x-amz-checksum-sha256` (S3 verifies it on receipt) and
 *   as user metadata `sha256` (what a later HEAD compares; S3-compatible servers keep it too).
 * - On 412/409, or after a failure whose response may have been lost, the object is HEADed: it is
 *   accepted only when its recorded SHA-256 and length match ours; otherwise the upload FAILS
 *   permanently ("exists with different content") and nothing is overwritten.
 * - After a put, a HEAD verifies what landed (checksum metadata, length, and the ETag as MD5 for
 *   single-part puts without KMS).
 * - Files above the multipart threshold go through `@aws-sdk/lib-storage` (parts, parallel, the
 *   same If-None-Match on completion).
 * The caller's client must not retry on its own (maxAttempts 1): the queue owns retries, so that
 * a retry always goes through the HEAD check first.
 */
import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, type S3Client, type ServerSideEncryption } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

export const MULTIPART_THRESHOLD = 16 * 1024 * 1024;

export interface PutJob {
  bucket: string;
  key: string;
  bytes: Uint8Array;
  contentType: string;
  /** hex SHA-256 of bytes */
  sha256: string;
  metadata?: Record<string, string>;
  sse?: '' | 'AES256' | 'aws:kms';
  /** the object may already be there from an earlier attempt whose outcome is unknown */
  maybeExists?: boolean;
  multipartThreshold?: number;
}

export type PutOutcome =
  | { ok: true; etag: string | null; how: 'put' | 'already-there' }
  | { ok: false; permanent: true; error: string };

/** An error from S3 or the network, classified for the queue. */
export function s3Status(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function isConflict(err: unknown): boolean {
  const e = err as { name?: string; Code?: string };
  const status = s3Status(err);
  return status === 412 || status === 409 || e.name === 'PreconditionFailed' || e.name === 'ConditionalRequestConflict';
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string };
  return s3Status(err) === 404 || e.name === 'NotFound' || e.name === 'NoSuchKey';
}

interface Head {
  sha256: string | null;
  length: number | null;
  etag: string | null;
}

async function head(client: S3Client, bucket: string, key: string): Promise<Head | null> {
  try {
    const h = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }));
    const metaSha = h.Metadata?.sha256 ?? null;
    const checksumSha = h.ChecksumSHA256 && !h.ChecksumSHA256.includes('-') ? Buffer.from(h.ChecksumSHA256, 'base64').toString('hex') : null;
    return { sha256: metaSha ?? checksumSha, length: h.ContentLength ?? null, etag: h.ETag ?? null };
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

function matches(h: Head, job: PutJob): boolean {
  return h.sha256 === job.sha256 && (h.length === null || h.length === job.bytes.length);
}

function differs(h: Head, job: PutJob): string {
  return `s3://${job.bucket}/${job.key} exists with different content (sha256 ${h.sha256 ?? 'unknown'}, ${h.length ?? '?'} bytes; ours ${job.sha256}, ${job.bytes.length} bytes); it was not overwritten`;
}

/** Checks what a put left on the server; a mismatch is permanent (the object is never replaced). */
async function verifyLanded(client: S3Client, job: PutJob, etag: string | null): Promise<PutOutcome> {
  const h = await head(client, job.bucket, job.key);
  if (!h) throw new Error(`s3://${job.bucket}/${job.key} is not there after a successful put`);
  if (!matches(h, job)) return { ok: false, permanent: true, error: differs(h, job) };
  const md5 = /^"?([0-9a-f]{32})"?$/.exec(etag ?? h.etag ?? '')?.[1];
  if (md5 && job.sse !== 'aws:kms' && job.bytes.length < (job.multipartThreshold ?? MULTIPART_THRESHOLD)) {
    const ours = createHash('md5').update(job.bytes).digest('hex');
    if (md5 !== ours) return { ok: false, permanent: true, error: `s3://${job.bucket}/${job.key}: the server's ETag ${md5} does not match the file's MD5 ${ours}` };
  }
  return { ok: true, etag: etag ?? h.etag, how: 'put' };
}

/**
 * Uploads once. Resolves with the outcome; throws for transient failures (network, 5xx,
 * throttling) which the queue retries later.
 */
export async function putImmutable(client: S3Client, job: PutJob): Promise<PutOutcome> {
  if (job.maybeExists) {
    const h = await head(client, job.bucket, job.key);
    if (h) return matches(h, job) ? { ok: true, etag: h.etag, how: 'already-there' } : { ok: false, permanent: true, error: differs(h, job) };
  }
  const params = {
    Bucket: job.bucket,
    Key: job.key,
    ContentType: job.contentType,
    IfNoneMatch: '*',
    Metadata: { ...(job.metadata ?? {}), sha256: job.sha256 },
    ...(job.sse ? { ServerSideEncryption: job.sse as ServerSideEncryption } : {}),
  };
  let etag: string | null = null;
  try {
    if (job.bytes.length >= (job.multipartThreshold ?? MULTIPART_THRESHOLD)) {
      const up = new Upload({
        client,
        params: { ...params, Body: job.bytes, ChecksumAlgorithm: 'SHA256' },
        // S3's smallest part is 5 MiB; never larger than the threshold (else one part = a plain put)
        partSize: Math.max(5 * 1024 * 1024, Math.min(8 * 1024 * 1024, job.multipartThreshold ?? MULTIPART_THRESHOLD)),
        queueSize: 2,
        leavePartsOnError: false,
      });
      const res = await up.done();
      etag = (res as { ETag?: string }).ETag ?? null;
    } else {
      const res = await client.send(
        new PutObjectCommand({
          ...params,
          Body: job.bytes,
          ContentLength: job.bytes.length,
          ChecksumSHA256: Buffer.from(job.sha256, 'hex').toString('base64'),
        }),
      );
      etag = res.ETag ?? null;
    }
  } catch (err) {
    if (isConflict(err)) {
      // someone (likely our own earlier attempt) already wrote it: accept only the same content
      const h = await head(client, job.bucket, job.key);
      if (!h) throw err; // a conflict on a missing object: transient (concurrent write), retry later
      return matches(h, job) ? { ok: true, etag: h.etag, how: 'already-there' } : { ok: false, permanent: true, error: differs(h, job) };
    }
    throw err;
  }
  return verifyLanded(client, job, etag);
}
