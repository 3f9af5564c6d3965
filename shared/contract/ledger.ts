import { z } from 'zod';
import { command, empty, id, isoDate } from './define';
import { STATEMENT_TYPES, type Finding } from './statements';

export type GenerationStatus = 'PENDING' | 'GENERATING' | 'COMPLETED' | 'FAILED';
export type UploadStatus = 'LOCAL_ONLY' | 'QUEUED' | 'UPLOADED' | 'FAILED';

/** A ledger record: seed 003's generated_statement in camelCase, plus sha256 and upload status. */
export interface StatementRecord {
  statementRef: string;
  statementTypeCd: string;
  type: (typeof STATEMENT_TYPES)[number];
  clientId: string | null;
  clientName: string | null;
  dateFrom: string | null;
  dateTo: string | null;
  currencyCd: string | null;
  s3Bucket: string | null;
  s3Key: string | null;
  filePath: string | null;
  fileName: string | null;
  fileSizeBytes: number | null;
  generationStatusCd: GenerationStatus;
  errorMessage: string | null;
  metadata: Record<string, unknown> & { findings?: Finding[] };
  generatedBy: string;
  generatedDt: string;
  sha256: string | null;
  uploadStatus: UploadStatus;
  templateId: string | null;
  templateVersion: number | null;
  format: string;
}

export interface UploadRow {
  id: number;
  statementRef: string;
  key: string;
  status: 'PENDING' | 'UPLOADING' | 'UPLOADED' | 'FAILED';
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  updatedAt: string;
}

export interface UploadsSummary {
  pending: number;
  failed: number;
  uploaded: number;
  rows: UploadRow[];
  online: boolean;
  configured: boolean;
}

export interface AuditEntry {
  seq: number;
  at: string;
  user: string;
  role: string;
  action: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface FileResult {
  statementRef: string;
  fileName: string;
  mime: string;
  source: 'local' | 's3';
  sha256: string;
  sizeBytes: number;
  /** the file's bytes, base64, for in-app viewing and browser downloads */
  base64: string;
}

export const historyFilters = z
  .object({
    clientId: id.optional(),
    type: z.enum(STATEMENT_TYPES).optional(),
    generatedFrom: isoDate.optional(),
    generatedTo: isoDate.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(10000).default(200),
  })
  .strict();

export const ledgerCommands = {
  'history:list': command<{ rows: StatementRecord[]; total: number }>()(historyFilters, 'viewer'),
  'history:get': command<StatementRecord>()(z.object({ ref: id }).strict(), 'viewer'),
  /** the statement's file, checked against its SHA-256, from the local store or else S3 */
  'history:file': command<FileResult>()(
    z.object({ ref: id, purpose: z.enum(['view', 'download']).default('download') }).strict(),
    'viewer',
  ),
  /** writes the checked, decrypted file to a path chosen by the user (CLI `download --out`, "save a copy") */
  'history:export': command<{ path: string; source: 'local' | 's3'; sha256: string }>()(
    z.object({ ref: id, path: z.string().min(1, 'is required').max(4096, 'is longer than any file path') }).strict(),
    'viewer',
  ),
  'uploads:list': command<UploadsSummary>()(empty, 'viewer'),
  'uploads:drain': command<UploadsSummary>()(empty, 'accountant'),
  'uploads:retry': command<UploadsSummary>()(z.object({ id: z.number().int().optional() }).strict(), 'accountant'),
  'audit:list': command<{ rows: AuditEntry[]; total: number }>()(
    z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(10000).default(200) }).strict(),
    'viewer',
  ),
  'audit:verify': command<{ ok: boolean; entries: number; brokenAt: number | null; message: string }>()(empty, 'viewer'),
} as const;
