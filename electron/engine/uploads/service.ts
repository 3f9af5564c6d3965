/**
 * The upload queue service: drains PENDING uploads to S3 whenever the engine is online (the
 * platform's view, then a real attempt), with a bounded number of parallel uploads
 * (`uploads.concurrency`), exponential backoff with jitter stored in each row, and a HEAD-checked
 * immutable put (put.ts). Outside tests it also drains on its own: every few seconds when rows are
 * due, on an online change, and when a statement is queued (`kick()`).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { UploadsSummary } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { appendAuditIn } from '../audit/log';
import { defineService, type Caller, type Engine } from '../engine';
import { getRow, toRecord } from '../ledger/records';
import { ledgerService, type Ledger } from '../store/ledger';
import { FORMAT_EXT, readStoreFile, sha256Hex } from '../store/files';
import { createS3Client, isOfflineError } from '../s3/client';
import { settingsService } from '../settings/service';
import { putImmutable, s3Status, type PutOutcome } from './put';
import * as q from '../store/upload-queue';

export interface UploadQueue {
  /** uploads what is due now; `force` tries even when the platform says offline */
  drain(opts?: { force?: boolean }): Promise<UploadsSummary>;
  /** a drain soon, in the background (after a statement is queued); only when draining on its own (not in tests) */
  kick(): void;
  list(): Promise<UploadsSummary>;
  retry(id?: number): Promise<UploadsSummary>;
}

const TICK_MS = 5000;

function permanent(err: unknown): boolean {
  if (err instanceof FolioError) return err.type !== 'offline';
  const status = s3Status(err);
  return status !== undefined && status >= 400 && status < 500 && ![408, 409, 412, 429].includes(status);
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string };
  const status = s3Status(err);
  return `${status ? `HTTP ${status} ` : ''}${e?.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e?.message ?? String(err)}`;
}

class Queue implements UploadQueue {
  private running: Promise<UploadsSummary> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private offUnsub: (() => void) | null = null;
  private lastEmit = 0;
  private stopped = false;
  private auto = false;
  private lastWarning: string | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly ledger: Ledger,
  ) {}

  start(): void {
    this.auto = true;
    const tick = Number(this.engine.platform.env.FOLIO_UPLOADS_TICK_MS) || TICK_MS;
    this.timer = setInterval(() => this.tick(), Math.max(50, tick));
    this.timer.unref();
    this.offUnsub = this.engine.platform.onOnlineChange?.((online) => online && this.kick()) ?? null;
  }

  private tick(): void {
    if (this.stopped || this.running || !this.engine.platform.isOnline()) return;
    if (q.dueRows(this.ledger.db, this.engine.platform.now().toISOString(), 1).length) this.kick();
  }

  kick(): void {
    if (this.stopped || !this.auto) return;
    this.drain().then(
      () => (this.lastWarning = null),
      (err: unknown) => {
        // e.g. a bad s3.endpoint: said once, not every tick
        const message = `Folio: upload drain failed: ${(err as Error).message}`;
        if (message !== this.lastWarning) process.emitWarning(message);
        this.lastWarning = message;
      },
    );
  }

  private settings() {
    return this.engine.use(settingsService).then((s) => s.values());
  }

  async list(): Promise<UploadsSummary> {
    const s = await this.settings();
    return q.summary(this.ledger.db, this.engine.platform.isOnline(), s['s3.bucket'] !== '');
  }

  async retry(id?: number): Promise<UploadsSummary> {
    const n = q.retryNow(this.ledger.db, this.engine.platform.now().toISOString(), id);
    if (id !== undefined && n === 0) throw new FolioError('not_found', 'UPLOAD_NOT_FOUND', `There is no waiting or failed upload ${id}`, 'id');
    await this.ledger.writer.commit();
    this.emit(true);
    this.kick();
    return this.list();
  }

  drain(opts: { force?: boolean } = {}): Promise<UploadsSummary> {
    if (this.running) {
      // a drain is under way: run once more after it, for rows queued meanwhile
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      try {
        do {
          this.again = false;
          await this.drainOnce(opts.force ?? false);
        } while (this.again && !this.stopped);
      } finally {
        this.running = null;
      }
      return this.list();
    })();
    this.running = run;
    return run;
  }

  private async drainOnce(force: boolean): Promise<void> {
    const s = await this.settings();
    const bucket = s['s3.bucket'];
    if (!bucket) return;
    if (!force && !this.engine.platform.isOnline()) return;
    const { db, writer } = this.ledger;
    // only rows whose COMPLETED statement is durable: those queued before a save that has finished
    const watermark = db.value<number>('SELECT coalesce(max(id), 0) FROM upload_queue') ?? 0;
    await writer.commit();
    const due = q.dueRows(db, this.engine.platform.now().toISOString(), 100_000).filter((r) => r.id <= watermark);
    if (!due.length) return;
    const caller = await (await this.engine.use(settingsService)).caller();
    const { client } = await createS3Client(this.engine, { maxAttempts: 1, requestTimeoutMs: 60_000 });
    const concurrency = s['uploads.concurrency'];
    let offline = false;
    try {
      // a chunk costs one save before its puts (saves are O(ledger size)): chunks are large
      const chunkSize = Math.max(concurrency * 8, 200);
      for (let start = 0; start < due.length && !offline && !this.stopped; start += chunkSize) {
        const chunk = due.slice(start, start + chunkSize);
        // the attempt is counted durably BEFORE any put: a retry after a crash knows the object may exist
        const at = this.engine.platform.now().toISOString();
        const previous = new Map<number, number>();
        db.transaction(() => {
          for (const row of chunk) {
            previous.set(row.id, row.attempts);
            q.markUploading(db, row.id, bucket, at);
          }
        });
        await writer.commit();
        let next = 0;
        const worker = async (): Promise<void> => {
          while (!offline && !this.stopped && next < chunk.length) {
            const row = chunk[next++]!;
            const result = await this.uploadOne(client, bucket, s['s3.sse'], row, previous.get(row.id) ?? row.attempts, caller);
            if (result === 'offline') offline = true;
            this.emit(false);
          }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, chunk.length) }, worker));
        // rows of the chunk not attempted (offline, stopping) wait for their next turn
        const left = chunk.slice(next).map((r) => r.id);
        if (left.length) {
          const when = new Date(this.engine.platform.now().getTime() + q.backoffMs(1)).toISOString();
          db.transaction(() => {
            for (const id of left) q.markRetry(db, id, offline ? 'offline: not attempted' : 'not attempted', when, this.engine.platform.now().toISOString());
          });
        }
      }
    } finally {
      client.destroy();
      await writer.commit();
      this.emit(true);
    }
  }

  private async uploadOne(
    client: S3Client,
    bucket: string,
    sse: '' | 'AES256' | 'aws:kms',
    row: q.QueueRow,
    previousAttempts: number,
    caller: Caller,
  ): Promise<'ok' | 'retry' | 'failed' | 'offline'> {
    const { db } = this.ledger;
    const now = () => this.engine.platform.now().toISOString();
    const stmt = getRow(db, row.statement_ref);
    if (!stmt || stmt.generation_status_cd !== 'COMPLETED' || !stmt.file_path || !stmt.sha256) {
      q.markFailed(db, row, 'the statement is not COMPLETED with a file; nothing to upload', now(), caller.user);
      return 'failed';
    }
    const attempts = previousAttempts + 1;
    try {
      const bytes = await readStoreFile(this.engine, this.ledger.storeDir, stmt.file_path);
      if (!bytes) throw new FolioError('integrity', 'STORE_FILE_MISSING', `The local file ${stmt.file_path} is missing`);
      if (sha256Hex(bytes) !== stmt.sha256) {
        throw new FolioError('integrity', 'STORE_FILE_CORRUPT', `The local file ${stmt.file_path} fails its SHA-256 check; it was not uploaded`);
      }
      const record = toRecord(stmt);
      const { filePath: _local, uploadStatus: _u, s3Bucket: _b, ...published } = record;
      void _local;
      void _u;
      void _b;
      const metaBytes = new TextEncoder().encode(`${JSON.stringify({ ...published, s3Key: row.s3_key }, null, 2)}\n`);
      const common = { bucket, sse, maybeExists: previousAttempts > 0 };
      const fileOut: PutOutcome = await putImmutable(client, {
        ...common,
        key: row.s3_key,
        bytes,
        sha256: stmt.sha256,
        contentType: FORMAT_EXT[stmt.format]?.mime ?? 'application/octet-stream',
        metadata: { 'statement-ref': stmt.statement_ref, 'statement-type': stmt.statement_type_cd },
      });
      if (!fileOut.ok) {
        q.markFailed(db, row, fileOut.error, now(), caller.user);
        return 'failed';
      }
      const metaOut = await putImmutable(client, {
        ...common,
        key: row.meta_key,
        bytes: metaBytes,
        sha256: sha256Hex(metaBytes),
        contentType: 'application/json',
        metadata: { 'statement-ref': stmt.statement_ref },
      });
      if (!metaOut.ok) {
        q.markFailed(db, row, metaOut.error, now(), caller.user);
        return 'failed';
      }
      db.transaction(() => {
        q.markUploaded(db, row, bucket, fileOut.etag, now(), caller.user);
        appendAuditIn(db, caller, 'upload', { ref: row.statement_ref, bucket, key: row.s3_key, sha256: stmt.sha256, attempts, how: fileOut.how }, this.engine.platform.now());
      });
      return 'ok';
    } catch (err) {
      if (permanent(err)) {
        q.markFailed(db, row, describe(err), now(), caller.user);
        return 'failed';
      }
      const wait = q.backoffMs(attempts);
      q.markRetry(db, row.id, describe(err), new Date(this.engine.platform.now().getTime() + wait).toISOString(), now());
      return isOfflineError(err) ? 'offline' : 'retry';
    }
  }

  private emit(force: boolean): void {
    const t = Date.now();
    if (!force && t - this.lastEmit < 250) return;
    this.lastEmit = t;
    this.engine.emit('uploads:changed', q.counts(this.ledger.db));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.offUnsub?.();
    if (this.running) await this.running.catch(() => undefined);
  }
}

/**
 * The desktop app (and the browser bridge) drain on their own; a CLI run queues, and
 * `folio uploads --drain` uploads (a drain racing the end of a short CLI run would be cut off).
 */
export function drainsOnItsOwn(platform: Engine['platform']): boolean {
  return platform.kind === 'electron' || platform.kind === 'browser-bridge' || platform.env.FOLIO_UPLOADS_AUTODRAIN === '1';
}

export const uploadQueue = defineService<UploadQueue>(
  'upload-queue',
  async (engine) => {
    const ledger = await engine.use(ledgerService);
    const queue = new Queue(engine, ledger);
    if (drainsOnItsOwn(engine.platform)) queue.start();
    return queue;
  },
  async (queue) => (queue as Queue).stop(),
);
