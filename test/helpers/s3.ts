/**
 * An S3 server on 127.0.0.1 (a random free port) for one test: `fauxqs` (in memory; round-trips
 * streamed uploads) or `s3rver` (files in a temp folder; corrupts aws-chunked streamed uploads
 * unless the client sets `requestChecksumCalculation: 'WHEN_REQUIRED'`, as our client factory does).
 * Neither enforces `If-None-Match`. Always `await server.stop()` (in `after`/`finally`).
 *
 *   const s3 = await startS3({ kind: 's3rver' });
 *   const b = await s3.bucket('folio-test');   // creates it
 *   await b.put('bundles/b1/manifest.json', '{"format":1,…}');
 *   const env = s3.env({ bucket: 'folio-test' }); // FOLIO_S3_* and AWS_* for an engine or the CLI
 *   await s3.stop();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

export type S3Kind = 'fauxqs' | 's3rver';

export interface S3Bucket {
  readonly name: string;
  put(key: string, body: string | Uint8Array): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** null when the object does not exist */
  tryGet(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  /** every key under the prefix, sorted */
  keys(prefix?: string): Promise<string[]>;
}

export interface S3TestServer {
  readonly kind: S3Kind;
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly port: number;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  /** a client for the test's own setup and checks (path style, checksums only when required) */
  readonly client: S3Client;
  /** creates the bucket (idempotent) and returns helpers for it */
  bucket(name: string): Promise<S3Bucket>;
  /** environment for an engine or `runCli`: FOLIO_S3_ENDPOINT, FOLIO_S3_REGION, path style, AWS keys */
  env(opts?: { bucket?: string; prefix?: string }): Record<string, string>;
  /** stops the server (connections closed at once); safe to call twice */
  stop(): Promise<void>;
}

export interface StartS3Options {
  kind?: S3Kind;
  /** buckets to create before returning */
  buckets?: string[];
}

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const REGION = 'us-east-1';

export async function startS3(opts: StartS3Options = {}): Promise<S3TestServer> {
  const kind = opts.kind ?? 'fauxqs';
  const started = kind === 'fauxqs' ? await startFauxqsServer() : await startS3rverServer();
  const endpoint = `http://127.0.0.1:${started.port}`;
  const client = new S3Client({
    endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  let stopped = false;
  const server: S3TestServer = {
    kind,
    endpoint,
    port: started.port,
    region: REGION,
    credentials: CREDENTIALS,
    client,
    async bucket(name) {
      try {
        await client.send(new CreateBucketCommand({ Bucket: name }));
      } catch (err) {
        const n = (err as { name?: string }).name;
        if (n !== 'BucketAlreadyOwnedByYou' && n !== 'BucketAlreadyExists') throw err;
      }
      return bucketHelpers(client, name);
    },
    env({ bucket, prefix } = {}) {
      const e: Record<string, string> = {
        FOLIO_S3_ENDPOINT: endpoint,
        FOLIO_S3_REGION: REGION,
        FOLIO_S3_FORCE_PATH_STYLE: '1',
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        AWS_REGION: REGION,
      };
      if (bucket) e.FOLIO_S3_BUCKET = bucket;
      if (prefix) e.FOLIO_S3_PREFIX = prefix;
      return e;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      client.destroy();
      await started.stop();
    },
  };
  for (const b of opts.buckets ?? []) await server.bucket(b);
  return server;
}

function bucketHelpers(client: S3Client, name: string): S3Bucket {
  const get = async (key: string): Promise<Buffer> => {
    const res = await client.send(new GetObjectCommand({ Bucket: name, Key: key }));
    return Buffer.from(await res.Body!.transformToByteArray());
  };
  return {
    name,
    async put(key, body) {
      await client.send(new PutObjectCommand({ Bucket: name, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }));
    },
    get,
    async tryGet(key) {
      try {
        return await get(key);
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return null;
        throw err;
      }
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: name, Key: key }));
    },
    async keys(prefix = '') {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const res = await client.send(
          new ListObjectsV2Command({ Bucket: name, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
        );
        for (const o of res.Contents ?? []) if (o.Key) out.push(o.Key);
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
      return out.sort();
    },
  };
}

interface Started {
  port: number;
  stop(): Promise<void>;
}

async function startFauxqsServer(): Promise<Started> {
  // startFauxqs() listens on 0.0.0.0 whatever `host` says; build the app and listen on loopback only
  const { buildApp } = (await import('fauxqs')) as typeof import('fauxqs');
  const app = buildApp({ host: '127.0.0.1', logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address() as AddressInfo;
  return { port: addr.port, stop: () => app.close() };
}

async function startS3rverServer(): Promise<Started> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver') as new (opts: Record<string, unknown>) => {
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    httpServer?: import('node:http').Server;
  };
  const dir = mkdtempSync(join(tmpdir(), 'folio-s3rver-'));
  const instance = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, allowMismatchedSignatures: true });
  const addr = await instance.run();
  return {
    port: addr.port,
    async stop() {
      instance.httpServer?.closeAllConnections();
      await instance.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
