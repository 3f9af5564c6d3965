/**
 * The run record in the ledger (004_batch.sql): batch_run and batch_item. Every function is
 * synchronous (sql.js); callers save the ledger (group commit) when durability is needed.
 */
import type { BatchCounts, BatchInput, BatchItemOutcome, BatchKind, BatchRun, BatchStatus } from '../../../shared/contract';
import type { Finding } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import type { Database } from '../db/database';

interface RunRow {
  id: string;
  kind: BatchKind;
  filters: string;
  status: BatchStatus;
  planned: number;
  completed: number;
  failed: number;
  warnings: number;
  skipped: number;
  started_at: string;
  ended_at: string | null;
  started_by: string;
  host: string;
  message: string | null;
}

export type StoredRun = BatchRun;

const RUN_COLUMNS = 'id, kind, filters, status, planned, completed, failed, warnings, skipped, started_at, ended_at, started_by, host, message';

function toRun(r: RunRow): StoredRun {
  return {
    id: r.id,
    kind: r.kind,
    filters: JSON.parse(r.filters) as BatchInput,
    status: r.status,
    counts: { planned: r.planned, completed: r.completed, failed: r.failed, warnings: r.warnings, skipped: r.skipped },
    startedAt: r.started_at,
    endedAt: r.ended_at,
    startedBy: r.started_by,
    host: r.host,
    message: r.message,
  };
}

/** The filters that make two runs "the same batch" (not how fast or on which shard it runs). */
export function runKey(input: BatchInput): string {
  const { concurrency: _c, shard: _s, ...rest } = input;
  const norm = {
    ...rest,
    contractTypes: rest.contractTypes ? [...rest.contractTypes].sort() : undefined,
    partyIds: rest.partyIds ? [...new Set(rest.partyIds)].sort() : undefined,
  };
  return JSON.stringify(norm, Object.keys(norm).sort());
}

export function insertRun(db: Database, run: StoredRun): void {
  db.run(
    `INSERT INTO batch_run (id, kind, filters, run_key, shard_index, shard_count, status, planned, completed, failed,
       warnings, skipped, started_at, ended_at, started_by, host, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      run.id,
      run.kind,
      JSON.stringify(run.filters),
      runKey(run.filters),
      run.filters.shard?.index ?? null,
      run.filters.shard?.count ?? null,
      run.status,
      run.counts.planned,
      run.counts.completed,
      run.counts.failed,
      run.counts.warnings,
      run.counts.skipped,
      run.startedAt,
      run.endedAt,
      run.startedBy,
      run.host,
      run.message,
    ],
  );
}

export function updateRun(db: Database, run: StoredRun): void {
  db.run(
    `UPDATE batch_run SET status = ?, planned = ?, completed = ?, failed = ?, warnings = ?, skipped = ?, ended_at = ?, message = ?
      WHERE id = ?`,
    [
      run.status,
      run.counts.planned,
      run.counts.completed,
      run.counts.failed,
      run.counts.warnings,
      run.counts.skipped,
      run.endedAt,
      run.message,
      run.id,
    ],
  );
}

export function getRun(db: Database, id: string): StoredRun {
  const r = db.get<RunRow>(`SELECT ${RUN_COLUMNS} FROM batch_run WHERE id = ?`, [id]);
  if (!r) throw new FolioError('not_found', 'BATCH_NOT_FOUND', `There is no batch run ${id}`, 'id');
  return toRun(r);
}

export function listRuns(db: Database, limit = 200): StoredRun[] {
  return db.all<RunRow>(`SELECT ${RUN_COLUMNS} FROM batch_run ORDER BY started_at DESC, id DESC LIMIT ?`, [limit]).map(toRun);
}

/** Runs left RUNNING by a process that died become INTERRUPTED (engine start). */
export function markInterrupted(db: Database, now: string): number {
  return db.run(
    `UPDATE batch_run SET status = 'INTERRUPTED', ended_at = ?, message = 'the process stopped while the run was going; resume it or run the same batch again'
      WHERE status IN ('RUNNING', 'PAUSED')`,
    [now],
  );
}

export type ItemRow = BatchItemOutcome;

export function insertItem(db: Database, runId: string, seq: number, item: ItemRow, at: string): void {
  const errors = item.findings.filter((f) => f.severity === 'ERROR').length;
  const warnings = item.findings.length - errors;
  db.run(
    `INSERT INTO batch_item (run_id, seq, subject_key, subject_id, subject_name, status, statement_ref, error_count,
       warning_count, needs_review, findings, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, subject_key) DO UPDATE SET seq = excluded.seq, subject_name = excluded.subject_name,
       status = excluded.status, statement_ref = excluded.statement_ref, error_count = excluded.error_count,
       warning_count = excluded.warning_count, needs_review = excluded.needs_review, findings = excluded.findings, at = excluded.at`,
    [
      runId,
      seq,
      item.subject,
      item.subjectId,
      item.subjectName,
      item.status,
      item.statementRef,
      errors,
      warnings,
      item.needsReview ? 1 : 0,
      JSON.stringify(item.findings),
      at,
    ],
  );
}

/** Subject keys this run already finished (COMPLETED or SKIPPED): a resumed run does not redo them. */
export function doneInRun(db: Database, runId: string): Set<string> {
  const out = new Set<string>();
  for (const r of db.iterate<{ subject_key: string }>(
    "SELECT subject_key FROM batch_item WHERE run_id = ? AND status IN ('COMPLETED', 'SKIPPED')",
    [runId],
  )) {
    out.add(r.subject_key);
  }
  return out;
}

/** Counts recomputed from the items (the truth after a crash: items are saved with their statements). */
export function countItems(db: Database, runId: string): Omit<BatchCounts, 'planned'> {
  const r = db.get<{ completed: number; failed: number; warnings: number; skipped: number }>(
    `SELECT coalesce(sum(status = 'COMPLETED'), 0) AS completed, coalesce(sum(status = 'FAILED'), 0) AS failed,
            coalesce(sum(status = 'COMPLETED' AND warning_count > 0), 0) AS warnings, coalesce(sum(status = 'SKIPPED'), 0) AS skipped
       FROM batch_item WHERE run_id = ?`,
    [runId],
  )!;
  return { completed: r.completed, failed: r.failed, warnings: r.warnings, skipped: r.skipped };
}

interface ItemDbRow {
  subject_key: string;
  subject_id: string;
  subject_name: string;
  status: BatchItemOutcome['status'];
  statement_ref: string | null;
  needs_review: number;
  findings: string;
}

function toItem(r: ItemDbRow): ItemRow {
  return {
    subject: r.subject_key,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    status: r.status,
    statementRef: r.statement_ref,
    needsReview: r.needs_review === 1,
    findings: JSON.parse(r.findings) as Finding[],
  };
}

const PROBLEM = "(status = 'FAILED' OR warning_count > 0)";

export function listItems(
  db: Database,
  runId: string,
  opts: { offset: number; limit: number; onlyProblems: boolean },
): { items: ItemRow[]; total: number } {
  const where = `run_id = ?${opts.onlyProblems ? ` AND ${PROBLEM}` : ''}`;
  const total = db.value<number>(`SELECT count(*) FROM batch_item WHERE ${where}`, [runId]) ?? 0;
  const items = db
    .all<ItemDbRow>(
      `SELECT subject_key, subject_id, subject_name, status, statement_ref, needs_review, findings FROM batch_item
        WHERE ${where} ORDER BY seq, subject_key LIMIT ? OFFSET ?`,
      [runId, opts.limit, opts.offset],
    )
    .map(toItem);
  return { items, total };
}

/** Streams the problem items (failed, or made with warnings) for the CSV report. */
export function* problemItems(db: Database, runId: string): Generator<ItemRow> {
  for (const r of db.iterate<ItemDbRow>(
    `SELECT subject_key, subject_id, subject_name, status, statement_ref, needs_review, findings FROM batch_item
      WHERE run_id = ? AND ${PROBLEM} ORDER BY status DESC, seq`,
    [runId],
  )) {
    yield toItem(r);
  }
}

/** Statements made by the run that need review for historical variance. */
export function countNeedsReview(db: Database, runId: string): number {
  return db.value<number>("SELECT count(*) FROM batch_item WHERE run_id = ? AND status = 'COMPLETED' AND needs_review = 1", [runId]) ?? 0;
}
