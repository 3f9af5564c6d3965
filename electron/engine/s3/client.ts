/**
 * The shared S3 client factory (statement uploads, downloads, bundle sync and the connection test
 * all use it). Endpoint, region and path style come from the settings (environment overrides are
 * already merged by the settings service); credentials from the platform's protected store
 * (`s3-credentials`: JSON `{accessKeyId, secretAccessKey}`), else the standard AWS chain.
 * Timeouts are short and retries bounded, so that being offline fails in seconds, not minutes.
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { FolioError } from '../../../shared/errors';
import type { Engine } from '../engine';
import { CREDENTIALS_SECRET, settingsService } from '../settings/service';

export interface S3Options {
  /** ms to establish a TCP connection (default 3000) */
  connectionTimeoutMs?: number;
  /** ms without a response on an open connection (default 15000; large downloads stream) */
  requestTimeoutMs?: number;
  /** total attempts including the first (default 2) */
  maxAttempts?: number;
}

export interface S3Target {
  client: S3Client;
  endpoint: string | null;
  region: string;
  credentialsSource: 'protected-store' | 'aws-chain';
}

/** Parses the stored credentials secret; a malformed one is a clear error, not a silent fallback. */
export function parseCredentialsSecret(raw: string): { accessKeyId: string; secretAccessKey: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new FolioError('validation', 'CREDENTIALS_INVALID', 'The stored S3 credentials are not valid JSON; set them again in Settings', 'credentials');
  }
  const o = json as Record<string, unknown> | null;
  if (!o || typeof o.accessKeyId !== 'string' || typeof o.secretAccessKey !== 'string' || !o.accessKeyId || !o.secretAccessKey) {
    throw new FolioError('validation', 'CREDENTIALS_INVALID', 'The stored S3 credentials lack accessKeyId or secretAccessKey; set them again in Settings', 'credentials');
  }
  return { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey };
}

/** An S3 client configured from the engine's settings and secrets. */
export async function createS3Client(engine: Engine, opts: S3Options = {}): Promise<S3Target> {
  const settings = (await engine.use(settingsService)).values();
  const stored = await engine.platform.secrets.get(CREDENTIALS_SECRET);
  const endpoint = settings['s3.endpoint'].trim() || null;
  const region = settings['s3.region'] || 'us-east-1';
  const config: S3ClientConfig = {
    region,
    forcePathStyle: settings['s3.forcePathStyle'],
    maxAttempts: opts.maxAttempts ?? 2,
    requestHandler: {
      connectionTimeout: opts.connectionTimeoutMs ?? 3000,
      requestTimeout: opts.requestTimeoutMs ?? 15000,
    },
    // checksums only where S3 requires them: S3-compatible servers (MinIO, s3rver, Ceph) mishandle
    // the aws-chunked trailers the SDK otherwise adds to every streamed upload
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  if (endpoint) {
    if (!/^https?:\/\/[^\s/]+/i.test(endpoint)) {
      throw new FolioError('validation', 'BAD_ENDPOINT', `s3.endpoint must be a URL such as https://s3.example.com, not "${endpoint}"`, 's3.endpoint');
    }
    config.endpoint = endpoint;
  }
  const env = engine.platform.env;
  if (stored !== null) config.credentials = parseCredentialsSecret(stored);
  else if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    // the chain's first link, read from the platform's environment (the CLI's or a test's), which
    // may differ from this process's; otherwise the SDK's default chain (env, profiles, SSO, IMDS)
    config.credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  }
  return { client: new S3Client(config), endpoint, region, credentialsSource: stored !== null ? 'protected-store' : 'aws-chain' };
}

/** Parses `s3://bucket/prefix/` into its bucket and prefix (prefix '' or ending in '/'). */
export function parseS3Url(url: string, field = 'source.s3'): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url.trim());
  if (!m) throw new FolioError('validation', 'BAD_S3_URL', `${field} must look like s3://bucket/prefix/, not "${url}"`, field);
  let prefix = m[2] ?? '';
  if (prefix && !prefix.endsWith('/')) prefix += '/';
  return { bucket: m[1]!, prefix };
}

/** Network-level failures that mean "offline / unreachable" rather than "refused". */
export function isOfflineError(err: unknown): boolean {
  const e = err as { code?: string; name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (!e) return false;
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED'].includes(code)) return true;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout' || e.name === 'AbortError') return true;
  if (e.$metadata && e.$metadata.httpStatusCode === undefined && /ECONN|socket|timeout|network|getaddrinfo/i.test(e.message ?? '')) return true;
  return /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up|connect timeout/i.test(e.message ?? '');
}
