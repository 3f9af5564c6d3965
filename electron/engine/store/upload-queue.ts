/**
 * The upload queue's rows: keys, listing, the backoff schedule (stored in the row, so it survives
 * restarts), and the state changes of one upload. Synchronous ledger writes; callers commit.
 */
import type { UploadRow, UploadsSummary } from '../../../shared/contract';
import type { Database } from '../db/database';

/** `{prefix}statements/{TYPE}/{yyyy}/{mm}/{ref}.{ext}` and the metadata JSON beside it. */
export function uploadKeys(prefix: string, typeCd: string, generatedDt: string, ref: string, ext: string): { key: string; metaKey: string } {
  let p = prefix.trim().replace(/^\/+/, '');
  if (p && !p.endsWith('/')) p += '/';
  const base = `${p}statements/${typeCd}/${generatedDt.slice(0, 4)}/${generatedDt.slice(5, 7)}/${ref}`;
  return { key: `${base}.${ext}`, metaKey: `${base}.json` };
}

/** Exponential backoff with full jitter: 2 s, 4 s, 8 s … capped at 15 minutes. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const cap = 15 * 60_000;
  const exp = Math.min(cap, 2000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}

export interface QueueRow {
  id: number;
  statement_ref: string;
  s3_key: string;
  meta_key: string;
  bucket: string | null;
  status: UploadRow['status'];
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  etag: string | null;
  updated_at: string;
}

export function toUploadRow(r: QueueRow): UploadRow {
  return {
    id: r.id,
    statementRef: r.statement_ref,
    key: r.s3_key,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    updatedAt: r.updated_at,
  };
}

export function counts(db: Database): { pending: number; failed: number; uploaded: number } {
  const c = { pending: 0, failed: 0, uploaded: 0 };
  for (const r of db.all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM upload_queue GROUP BY status')) {
    if (r.status === 'PENDING' || r.status === 'UPLOADING') c.pending += r.n;
    else if (r.status === 'FAILED') c.failed += r.n;
    else c.uploaded += r.n;
  }
  return c;
}

/** The summary for the Uploads screen and `folio uploads`: everything not yet uploaded, then the latest uploads. */
export function summary(db: Database, online: boolean, configured: boolean, limit = 500): UploadsSummary {
  const rows = db
    .all<QueueRow>(
      `SELECT * FROM (SELECT * FROM upload_queue WHERE status <> 'UPLOADED' ORDER BY id LIMIT ?)
       UNION ALL SELECT * FROM (SELECT * FROM upload_queue WHERE status = 'UPLOADED' ORDER BY id DESC LIMIT 50)`,
      [limit],
    )
    .map(toUploadRow);
  return { ...counts(db), rows, online, configured };
}

/** Rows due now (PENDING whose backoff has passed), oldest first. */
export function dueRows(db: Database, nowIso: string, limit: number): QueueRow[] {
  return db.all<QueueRow>(
    `SELECT * FROM upload_queue WHERE status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
     ORDER BY id LIMIT ?`,
    [nowIso, limit],
  );
}

export function markUploading(db: Database, id: number, bucket: string, at: string): void {
  db.run(
    `UPDATE upload_queue SET status = 'UPLOADING', attempts = attempts + 1, bucket = ?, updated_at = ? WHERE id = ? AND status = 'PENDING'`,
    [bucket, at, id],
  );
}

export function markUploaded(db: Database, row: QueueRow, bucket: string, etag: string | null, at: string, user: string): void {
  db.transaction(() => {
    db.run(
      `UPDATE upload_queue SET status = 'UPLOADED', bucket = ?, etag = ?, last_error = NULL, next_attempt_at = NULL,
         uploaded_at = ?, updated_at = ? WHERE id = ?`,
      [bucket, etag, at, at, row.id],
    );
    db.run(
      `UPDATE generated_statement SET upload_status = 'UPLOADED', s3_bucket = ?, s3_key = ?, updated_by = ?, updated_at = ?
       WHERE statement_ref = ?`,
      [bucket, row.s3_key, user, at, row.statement_ref],
    );
  });
}

/** A transient failure: back to PENDING with the next attempt scheduled. */
export function markRetry(db: Database, id: number, error: string, nextAt: string, at: string): void {
  db.run(
    `UPDATE upload_queue SET status = 'PENDING', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
    [error.slice(0, 2000), nextAt, at, id],
  );
}

/** A permanent failure: needs a person (retry now, or a look at the bucket). */
export function markFailed(db: Database, row: QueueRow, error: string, at: string, user: string): void {
  db.transaction(() => {
    db.run(`UPDATE upload_queue SET status = 'FAILED', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?`, [
      error.slice(0, 2000),
      at,
      row.id,
    ]);
    db.run(`UPDATE generated_statement SET upload_status = 'FAILED', updated_by = ?, updated_at = ? WHERE statement_ref = ?`, [
      user,
      at,
      row.statement_ref,
    ]);
  });
}

/** "Retry now": FAILED (or one row, or every waiting row) back to PENDING, due at once. */
export function retryNow(db: Database, at: string, id?: number): number {
  return db.transaction(() => {
    const where = id === undefined ? `status IN ('FAILED', 'PENDING')` : `id = ? AND status IN ('FAILED', 'PENDING')`;
    const params = id === undefined ? [at] : [at, id];
    const n = db.run(`UPDATE upload_queue SET status = 'PENDING', next_attempt_at = NULL, updated_at = ? WHERE ${where}`, params);
    db.run(
      `UPDATE generated_statement SET upload_status = 'QUEUED' WHERE upload_status IN ('FAILED', 'LOCAL_ONLY')
       AND statement_ref IN (SELECT statement_ref FROM upload_queue WHERE status = 'PENDING')`,
    );
    return n;
  });
}

/** After a crash: uploads left UPLOADING go back to PENDING (the HEAD check makes the retry safe). */
export function requeueInterrupted(db: Database, at: string): number {
  return db.run(
    `UPDATE upload_queue SET status = 'PENDING', next_attempt_at = NULL, last_error = 'interrupted; retried', updated_at = ?
     WHERE status = 'UPLOADING'`,
    [at],
  );
}
