/**
 * A batch run's items as an export table (the Batch screen's grid export and the run report): one
 * row per finding (an item without findings: one row), `action` saying what an accountant does
 * about it. The run report (`batch:report`, `folio batch report`) is the CSV of the problem items
 * (failed, or made with warnings; failures first) with no totals block, one table for scripts;
 * the grid export adds the run's counts. Written by the shared export writers (exports/csv.ts:
 * papaparse, UTF-8 with a BOM, formula-looking text defused; exports/xlsx.ts).
 */
import type { BatchItemOutcome, BatchRun } from '../../../shared/contract';
import { writeCsv } from '../sheets/csv';
import { col, type ExportTable, type Row } from '../sheets/table';

/** The run report's columns (folio batch report, the Batch screen's CSV report). */
export const BATCH_COLUMNS = [
  col('run_id', 'run_id', 'text'),
  col('status', 'status', 'text'),
  col('action', 'action', 'text'),
  col('subject_id', 'subject_id', 'text'),
  col('subject_name', 'subject_name', 'text'),
  col('subject_key', 'subject_key', 'text'),
  col('statement_ref', 'statement_ref', 'text'),
  col('severity', 'severity', 'text'),
  col('code', 'code', 'text'),
  col('message', 'message', 'text'),
];

/** True when a finding is the historical-variance warning (review required). */
export function isVarianceFinding(f: { code: string; message: string }): boolean {
  return /VARIANCE/i.test(f.code) || /historical variance/i.test(f.message);
}

function actionFor(item: BatchItemOutcome, f: { severity: string; code: string; message: string } | null): string {
  if (item.status === 'FAILED') return f && f.severity === 'ERROR' ? 'fix data (failed validation)' : 'investigate (not made)';
  if (item.status === 'SKIPPED') return 'none (already made)';
  if (f && isVarianceFinding(f)) return 'review variance';
  return f ? 'check warning' : 'none';
}

/** One row per finding (an item without findings: one row), `action` saying what to do about it. */
export function* batchRows(run: BatchRun, items: Iterable<BatchItemOutcome>): Generator<Row> {
  for (const item of items) {
    for (const f of item.findings.length ? item.findings : [null]) {
      yield {
        run_id: run.id,
        status: item.status,
        action: actionFor(item, f),
        subject_id: item.subjectId,
        subject_name: item.subjectName,
        subject_key: item.subject,
        statement_ref: item.statementRef,
        severity: f?.severity ?? '',
        code: f?.code ?? '',
        message: f?.message ?? '',
      };
    }
  }
}

export function batchFileStem(run: BatchRun): string {
  const day = run.startedAt.slice(0, 10);
  const shard = run.filters.shard ? `-shard${run.filters.shard.index}of${run.filters.shard.count}` : '';
  return `batch-${run.kind}-${day}${shard}-${run.id}`;
}

/** `withTotals`: the run's counts below the rows (the grid export; the CSV report has none). */
export function batchTable(run: BatchRun, items: Iterable<BatchItemOutcome>, withTotals: boolean): ExportTable {
  const c = run.counts;
  return {
    grid: 'batch',
    title: `Batch ${run.kind} ${run.startedAt.slice(0, 10)}`,
    fileStem: batchFileStem(run),
    columns: BATCH_COLUMNS,
    rows: [...batchRows(run, items)],
    totals: withTotals
      ? [
          {
            title: 'Totals',
            columns: [col('outcome', 'Outcome', 'text'), col('count', 'Statements', 'integer')],
            rows: [
              { outcome: 'Planned', count: c.planned },
              { outcome: 'Completed', count: c.completed },
              { outcome: 'With warnings', count: c.warnings },
              { outcome: 'Failed', count: c.failed },
              { outcome: 'Skipped (already made)', count: c.skipped },
            ],
          },
        ]
      : [],
  };
}

export const REPORT_COLUMNS = BATCH_COLUMNS.map((c) => c.key);

/** The report's CSV text for the problem items given. */
export function reportCsv(run: BatchRun, problemItems: Iterable<BatchItemOutcome>): string {
  return writeCsv(batchTable(run, problemItems, false));
}

export function reportFileName(run: BatchRun): string {
  return `${batchFileStem(run)}.csv`;
}
