/**
 * History and download: ledger records newest first, and a statement's file from the local store
 * or else from S3, ALWAYS checked against the SHA-256 recorded when it was made. A file that fails
 * its check is an integrity error and is never handed over.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { promises as fsp } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FileResult, StatementRecord } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { Database } from '../db/database';
import type { Engine } from '../engine';
import { writeFileDurable } from '../fs/durable';
import { createS3Client, isOfflineError } from '../s3/client';
import { settingsService } from '../settings/service';
import { getRow, toRecord, type StatementRow } from './records';
import { ledgerService } from './service';
import { FORMAT_EXT, readStoreFile, sha256Hex } from '../store/files';

export interface HistoryQuery {
  clientId?: string | undefined;
  type?: string | undefined;
  generatedFrom?: string | undefined;
  generatedTo?: string | undefined;
  offset: number;
  limit: number;
}

/** The day after a YYYY-MM-DD date (generated_dt is an ISO UTC time; the range is inclusive of whole days). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** the columns a StatementRecord needs (not the tracking columns): less to copy out of sql.js */
const RECORD_COLUMNS = [
  'statement_ref', 'statement_type_cd', 'statement_type', 'client_id', 'client_name', 'date_from', 'date_to', 'currency_cd',
  's3_bucket', 's3_key', 'file_path', 'file_name', 'file_size_bytes', 'generation_status_cd', 'error_message', 'metadata',
  'generated_by', 'generated_dt', 'sha256', 'upload_status', 'template_id', 'template_version', 'format',
].join(', ');

const indexCache = new WeakMap<Database, Set<string>>();
function indexFor(db: Database, client: boolean, type: boolean): string {
  let have = indexCache.get(db);
  if (!have) {
    have = new Set(db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'generated_statement'").map((r) => r.name));
    indexCache.set(db, have);
  }
  const name = client && type ? 'generated_statement_client_type_dt' : client ? 'generated_statement_client_dt' : type ? 'generated_statement_type_dt' : null;
  return name && have.has(name) ? `INDEXED BY ${name}` : '';
}

export function listHistory(db: Database, f: HistoryQuery): { rows: StatementRecord[]; total: number } {
  if (f.generatedFrom && f.generatedTo && f.generatedFrom > f.generatedTo) {
    throw new FolioError('validation', 'BAD_RANGE', 'generatedFrom is after generatedTo', 'generatedFrom');
  }
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (f.clientId) {
    where.push('client_id = ?');
    params.push(f.clientId);
  }
  if (f.type) {
    where.push('statement_type = ?');
    params.push(f.type);
  }
  if (f.generatedFrom) {
    where.push('generated_dt >= ?');
    params.push(f.generatedFrom);
  }
  if (f.generatedTo) {
    where.push('generated_dt < ?');
    params.push(nextDay(f.generatedTo));
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.value<number>(`SELECT count(*) FROM generated_statement ${w}`, params) ?? 0;
  // the planner, without statistics, may walk the type index in date order for client+type filters
  // (to avoid a sort) instead of the far more selective client+type index: name the index
  const hint = indexFor(db, Boolean(f.clientId), Boolean(f.type));
  const rows = db
    .all<StatementRow>(
      `SELECT ${RECORD_COLUMNS} FROM generated_statement ${hint} ${w} ORDER BY generated_dt DESC, generated_statement_id DESC LIMIT ? OFFSET ?`,
      [...params, f.limit, f.offset],
    )
    .map(toRecord);
  return { rows, total };
}

export function getHistory(db: Database, ref: string): StatementRecord {
  const row = getRow(db, ref);
  if (!row) throw new FolioError('not_found', 'STATEMENT_NOT_FOUND', `There is no statement ${ref}`, 'ref');
  return toRecord(row);
}

export interface CheckedFile {
  record: StatementRecord;
  bytes: Uint8Array;
  source: 'local' | 's3';
  sha256: string;
}

/** The statement's plain bytes, from the local store or else S3, after the SHA-256 check. */
export async function checkedFile(engine: Engine, ref: string): Promise<CheckedFile> {
  const ledger = await engine.use(ledgerService);
  const row = getRow(ledger.db, ref);
  if (!row) throw new FolioError('not_found', 'STATEMENT_NOT_FOUND', `There is no statement ${ref}`, 'ref');
  if (row.generation_status_cd !== 'COMPLETED' || !row.sha256) {
    throw new FolioError('conflict', 'STATEMENT_NOT_COMPLETED', `Statement ${ref} is ${row.generation_status_cd}: it has no file`, 'ref');
  }
  const record = toRecord(row);
  const problems: string[] = [];
  if (row.file_path) {
    const local = await readStoreFile(engine, ledger.storeDir, row.file_path);
    if (local) {
      const sum = sha256Hex(local);
      if (sum === row.sha256) return { record, bytes: local, source: 'local', sha256: sum };
      problems.push(`the local file fails its SHA-256 check (recorded ${row.sha256}, file ${sum})`);
    } else problems.push('the local file is missing');
  }
  if (row.s3_key && row.upload_status === 'UPLOADED') {
    const bucket = row.s3_bucket || (await engine.use(settingsService)).get('s3.bucket');
    try {
      const { client } = await createS3Client(engine, { requestTimeoutMs: 60_000 });
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: row.s3_key }));
        const bytes = await res.Body!.transformToByteArray();
        const sum = sha256Hex(bytes);
        if (sum === row.sha256) return { record, bytes, source: 's3', sha256: sum };
        problems.push(`the S3 copy s3://${bucket}/${row.s3_key} fails its SHA-256 check (recorded ${row.sha256}, object ${sum})`);
      } finally {
        client.destroy();
      }
    } catch (err) {
      if (isOfflineError(err)) problems.push(`S3 is unreachable (${(err as Error).message})`);
      else problems.push(`the S3 copy could not be read (${(err as Error).message})`);
    }
  } else if (!row.s3_key || row.upload_status !== 'UPLOADED') {
    problems.push('there is no uploaded copy in S3');
  }
  const integrity = problems.some((p) => p.includes('SHA-256'));
  throw new FolioError(
    integrity ? 'integrity' : 'not_found',
    integrity ? 'FILE_INTEGRITY' : 'FILE_UNAVAILABLE',
    `The file of ${ref} cannot be handed over: ${problems.join('; ')}`,
    'ref',
  );
}

export function fileResult(c: CheckedFile): FileResult {
  return {
    statementRef: c.record.statementRef,
    fileName: c.record.fileName ?? `${c.record.statementRef}.${FORMAT_EXT[c.record.format]?.ext ?? 'bin'}`,
    mime: FORMAT_EXT[c.record.format]?.mime ?? 'application/octet-stream',
    source: c.source,
    sha256: c.sha256,
    sizeBytes: c.bytes.length,
    base64: Buffer.from(c.bytes).toString('base64'),
  };
}

/** Writes the checked, decrypted file to a path the user chose (durably; replaces a file there). */
export async function exportFile(engine: Engine, ref: string, path: string): Promise<{ path: string; source: 'local' | 's3'; sha256: string }> {
  const c = await checkedFile(engine, ref);
  const abs = resolve(path);
  try {
    await fsp.mkdir(dirname(abs), { recursive: true });
    await writeFileDurable(abs, c.bytes);
  } catch (err) {
    throw new FolioError('io', 'EXPORT_FAILED', `Could not write ${abs}: ${(err as Error).message}`, 'path');
  }
  return { path: abs, source: c.source, sha256: c.sha256 };
}
