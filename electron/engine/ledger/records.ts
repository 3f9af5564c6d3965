/**
 * Ledger rows: references, the statement lifecycle (PENDING → GENERATING → COMPLETED | FAILED),
 * line items, the outbox (COMPLETED row + upload-queue row in one transaction) and the lookups
 * other parts need (`findCompletedRef`, `invoicedItems`). All synchronous: callers save with
 * `ledger.writer.commit()` afterwards.
 */
import { randomBytes } from 'node:crypto';
import {
  STATEMENT_META,
  type StatementModel,
  type StatementRecord,
  type StatementType,
  type UploadStatus,
} from '../../../shared/contract';
import type { Database } from '../db/database';

export interface StatementRow {
  generated_statement_id: number;
  statement_type_cd: string;
  statement_type: string;
  statement_ref: string;
  client_id: string | null;
  client_name: string | null;
  date_from: string | null;
  date_to: string | null;
  currency_cd: string | null;
  s3_bucket: string | null;
  s3_key: string | null;
  file_path: string | null;
  file_name: string | null;
  file_size_bytes: number | null;
  generation_status_cd: StatementRecord['generationStatusCd'];
  error_message: string | null;
  metadata: string;
  generated_by: string;
  generated_dt: string;
  sha256: string | null;
  template_id: string | null;
  template_version: number | null;
  format: string;
  upload_status: UploadStatus;
  subject_key: string | null;
  reissue_of: string | null;
  batch_id: string | null;
}

/** `{PREFIX}-{epoch ms}-{8 upper-case hex}`, unique in the ledger (statements.md). */
export function newRef(db: Database, type: StatementType, now: Date): string {
  const prefix = STATEMENT_META[type].prefix;
  for (;;) {
    const ref = `${prefix}-${now.getTime()}-${randomBytes(4).toString('hex').toUpperCase()}`;
    if (!db.value('SELECT 1 FROM generated_statement WHERE statement_ref = ?', [ref])) return ref;
  }
}

export function parseMetadata(text: string): StatementRecord['metadata'] {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' ? (v as StatementRecord['metadata']) : {};
  } catch {
    return { unreadable: text };
  }
}

export function toRecord(r: StatementRow): StatementRecord {
  return {
    statementRef: r.statement_ref,
    statementTypeCd: r.statement_type_cd,
    type: r.statement_type as StatementType,
    clientId: r.client_id,
    clientName: r.client_name,
    dateFrom: r.date_from,
    dateTo: r.date_to,
    currencyCd: r.currency_cd,
    s3Bucket: r.s3_bucket,
    s3Key: r.s3_key,
    filePath: r.file_path,
    fileName: r.file_name,
    fileSizeBytes: r.file_size_bytes,
    generationStatusCd: r.generation_status_cd,
    errorMessage: r.error_message,
    metadata: parseMetadata(r.metadata),
    generatedBy: r.generated_by,
    generatedDt: r.generated_dt,
    sha256: r.sha256,
    uploadStatus: r.upload_status,
    templateId: r.template_id,
    templateVersion: r.template_version,
    format: r.format,
  };
}

export function getRow(db: Database, ref: string): StatementRow | undefined {
  return db.get<StatementRow>('SELECT * FROM generated_statement WHERE statement_ref = ?', [ref]);
}

export interface PendingInput {
  ref: string;
  type: StatementType;
  model: StatementModel;
  metadata: Record<string, unknown>;
  user: string;
  at: string;
  format: string;
  templateId: string | null;
  templateVersion: number | null;
  subjectKey: string | null;
  reissueOf: string | null;
  batchId: string | null;
}

/** The statement's client (or party) id for history filtering. */
function clientIdOf(model: StatementModel): string | null {
  const f = model.filters as Record<string, unknown>;
  const v = f.clientId ?? f.partyId ?? model.party?.id ?? null;
  return typeof v === 'string' ? v : null;
}

/** Records a PENDING row with its line items (so that a crash after the file is written can finish it). */
export function insertPending(db: Database, p: PendingInput): number {
  return db.transaction(() => {
    db.run(
      `INSERT INTO generated_statement (statement_type_cd, statement_type, statement_ref, client_id, client_name,
         date_from, date_to, currency_cd, generation_status_cd, metadata, generated_by, generated_dt,
         template_id, template_version, format, upload_status, subject_key, reissue_of, batch_id,
         created_by, created_at, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, 'LOCAL_ONLY', ?, ?, ?, ?, ?, ?, ?)`,
      [
        STATEMENT_META[p.type].code,
        p.type,
        p.ref,
        clientIdOf(p.model),
        p.model.party?.name ?? null,
        p.model.dateFrom,
        p.model.dateTo,
        p.model.currency,
        JSON.stringify(p.metadata),
        p.user,
        p.at,
        p.templateId,
        p.templateVersion,
        p.format,
        p.subjectKey,
        p.reissueOf,
        p.batchId,
        p.user,
        p.at,
        p.user,
        p.at,
      ],
    );
    const id = db.value<number>('SELECT last_insert_rowid()')!;
    let sort = 0;
    for (const g of p.model.groups) {
      for (const line of g.lines) {
        const it = line.item;
        db.run(
          `INSERT INTO statement_line_item (generated_statement_id, source_id, service_description, service_period_start,
             service_period_end, quantity, rate, amount, currency_cd, item_type, sort_order)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, line.id, it.description, it.periodStart, it.periodEnd, it.quantity, it.rate, it.amount, g.currency, it.itemType, sort++],
        );
      }
    }
    return id;
  });
}

export function setStatus(db: Database, ref: string, status: 'GENERATING', user: string, at: string): void {
  db.run(
    `UPDATE generated_statement SET generation_status_cd = ?, updated_by = ?, updated_at = ?
     WHERE statement_ref = ? AND generation_status_cd IN ('PENDING', 'GENERATING')`,
    [status, user, at, ref],
  );
}

export function markFailed(db: Database, ref: string, error: string, user: string, at: string, extraMetadata?: Record<string, unknown>): void {
  db.transaction(() => {
    const row = getRow(db, ref);
    if (!row || row.generation_status_cd === 'COMPLETED') return;
    const metadata = extraMetadata ? JSON.stringify({ ...parseMetadata(row.metadata), ...extraMetadata }) : row.metadata;
    db.run(
      `UPDATE generated_statement SET generation_status_cd = 'FAILED', error_message = ?, metadata = ?, updated_by = ?, updated_at = ?
       WHERE statement_ref = ?`,
      [error.slice(0, 4000), metadata, user, at, ref],
    );
  });
}

export interface CompletedInput {
  ref: string;
  filePath: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  s3Key: string;
  metaKey: string;
  /** QUEUED when a bucket is configured, else LOCAL_ONLY (uploaded once one is) */
  uploadStatus: UploadStatus;
  user: string;
  at: string;
  metadata?: Record<string, unknown>;
}

/** The outbox: COMPLETED row and its upload-queue row in one transaction. */
export function markCompleted(db: Database, c: CompletedInput): void {
  db.transaction(() => {
    const sets = [
      "generation_status_cd = 'COMPLETED'",
      'error_message = NULL',
      'file_path = ?',
      'file_name = ?',
      'file_size_bytes = ?',
      'sha256 = ?',
      'upload_status = ?',
      'updated_by = ?',
      'updated_at = ?',
    ];
    const params: Array<string | number | null> = [c.filePath, c.fileName, c.sizeBytes, c.sha256, c.uploadStatus, c.user, c.at];
    if (c.metadata) {
      sets.push('metadata = ?');
      params.push(JSON.stringify(c.metadata));
    }
    const n = db.run(
      `UPDATE generated_statement SET ${sets.join(', ')} WHERE statement_ref = ? AND generation_status_cd IN ('PENDING', 'GENERATING')`,
      [...params, c.ref],
    );
    if (n !== 1) throw new Error(`statement ${c.ref} is not waiting to be completed`);
    db.run(
      `INSERT INTO upload_queue (statement_ref, s3_key, meta_key, status, attempts, created_at, updated_at)
       VALUES (?, ?, ?, 'PENDING', 0, ?, ?)`,
      [c.ref, c.s3Key, c.metaKey, c.at, c.at],
    );
  });
}

/** The ref of the COMPLETED statement about a subject (the newest when re-issued), or null. */
export function findCompletedRef(db: Database, subjectKey: string): string | null {
  return (
    db.value<string>(
      `SELECT statement_ref FROM generated_statement WHERE subject_key = ? AND generation_status_cd = 'COMPLETED'
       ORDER BY generated_dt DESC, generated_statement_id DESC LIMIT 1`,
      [subjectKey],
    ) ?? null
  );
}

/** Billing item id → ref of a COMPLETED invoice holding it (the newest when re-issued). */
export function invoicedItems(db: Database, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const rows = db.all<{ source_id: string; statement_ref: string }>(
    `SELECT li.source_id, gs.statement_ref FROM statement_line_item li
     JOIN generated_statement gs ON gs.generated_statement_id = li.generated_statement_id
     WHERE li.source_id IN (SELECT value FROM json_each(?))
       AND gs.statement_type = 'invoice' AND gs.generation_status_cd = 'COMPLETED'
     ORDER BY gs.generated_dt, gs.generated_statement_id`,
    [JSON.stringify(ids)],
  );
  for (const r of rows) out.set(r.source_id, r.statement_ref);
  return out;
}
