/**
 * The run report as CSV (RFC 4180, UTF-8 with a BOM so that spreadsheet apps read non-Latin
 * names right): one row per finding of every failed statement or statement made with warnings,
 * failures first. `action` says what an accountant does about it.
 */
import type { BatchItemOutcome, BatchRun } from '../../../shared/contract';

export const REPORT_COLUMNS = [
  'run_id',
  'status',
  'action',
  'subject_id',
  'subject_name',
  'subject_key',
  'statement_ref',
  'severity',
  'code',
  'message',
] as const;

/** One CSV field: quoted when it holds a comma, quote, CR or LF; formula-looking text is defused. */
export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  // a cell starting with = + - @ is run as a formula by spreadsheet apps (CSV injection)
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: Array<string | number | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** True when a finding is the historical-variance warning (review required). */
export function isVarianceFinding(f: { code: string; message: string }): boolean {
  return /VARIANCE/i.test(f.code) || /historical variance/i.test(f.message);
}

function actionFor(item: BatchItemOutcome, f: { severity: string; code: string; message: string } | null): string {
  if (item.status === 'FAILED') return f && f.severity === 'ERROR' ? 'fix data (failed validation)' : 'investigate (not made)';
  if (f && isVarianceFinding(f)) return 'review variance';
  return 'check warning';
}

export function reportRows(run: BatchRun, items: Iterable<BatchItemOutcome>): Generator<string> {
  return (function* () {
    yield `\ufeff${csvLine([...REPORT_COLUMNS])}`;
    for (const item of items) {
      const findings = item.findings.length ? item.findings : [null];
      for (const f of findings) {
        yield csvLine([
          run.id,
          item.status,
          actionFor(item, f),
          item.subjectId,
          item.subjectName,
          item.subject,
          item.statementRef,
          f?.severity ?? '',
          f?.code ?? '',
          f?.message ?? '',
        ]);
      }
    }
  })();
}

export function reportFileName(run: BatchRun): string {
  const day = run.startedAt.slice(0, 10);
  const shard = run.filters.shard ? `-shard${run.filters.shard.index}of${run.filters.shard.count}` : '';
  return `batch-${run.kind}-${day}${shard}-${run.id}.csv`;
}
