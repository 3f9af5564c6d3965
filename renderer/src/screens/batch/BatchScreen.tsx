/**
 * Batch production: start a run with filters, watch it live (progress, rate, ETA), pause, resume
 * or cancel it, and read its report (grid + CSV download).
 */
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useEffect, useMemo } from 'react';
import { BATCH_KINDS, type BatchItemOutcome, type BatchKind, type BatchRun } from '../../../../shared/contract';
import { api } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { ErrorNotice, Notice, Pill, ProgressBar, ScreenHeader } from '../../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../../components/form/Field';
import { DataGrid } from '../../components/grid/DataGrid';
import { instantColumn, textColumn } from '../../components/grid/columns';
import { batchFormFields, formRows, statementTypeDef, STATEMENT_TYPES, type BatchRunField, type FormField } from '../../../../shared/statement-types';
import { useBatch, type ContractType } from '../../stores/batch';
import { useLocale } from '../../stores/settings';
import { useStatus } from '../../stores/status';

/** A batch kind as the screen names it (the registry's batch label). */
function kindLabel(kind: string): string {
  return (STATEMENT_TYPES as string[]).includes(kind) ? (statementTypeDef(kind as BatchKind).batch?.label ?? kind) : kind;
}

const CONTRACT_TYPES: Array<[ContractType, string]> = [
  ['revenue_share', 'Revenue share'],
  ['per_labor_hour', 'Per labour hour'],
  ['fixed_fee', 'Fixed fee'],
];
const RUN_TONE = { RUNNING: 'info', PAUSED: 'warn', CANCELLED: 'neutral', COMPLETED: 'good', FAILED: 'bad', INTERRUPTED: 'warn' } as const;
const ITEM_TONE = { COMPLETED: 'good', FAILED: 'bad', SKIPPED: 'neutral' } as const;

function RunStatusCell(p: ICellRendererParams<BatchRun>) {
  return p.data ? <Pill tone={RUN_TONE[p.data.status]}>{p.data.status}</Pill> : null;
}
function ItemStatusCell(p: ICellRendererParams<BatchItemOutcome>) {
  return p.data ? <Pill tone={ITEM_TONE[p.data.status]}>{p.data.status}</Pill> : null;
}

function RunDetail({ run }: { run: BatchRun }) {
  const locale = useLocale();
  const progress = useStatus((s) => Object.values(s.progress).find((p) => p.kind === 'batch' && p.taskId.includes(run.id)) ?? s.latest('batch'));
  const items = useBatch((s) => s.items);
  const onlyProblems = useBatch((s) => s.onlyProblems);
  const { control, downloadReport, setOnlyProblems } = useBatch.getState();
  const c = run.counts;
  const done = c.completed + c.failed + c.skipped;
  const live = run.status === 'RUNNING' ? progress : null;
  const itemColumns = useMemo<ColDef<BatchItemOutcome>[]>(
    () => [
      textColumn('subjectName', 'Subject', { minWidth: 170, flex: 1.3, tooltipField: 'subjectName' }),
      { headerName: 'Status', field: 'status', cellRenderer: ItemStatusCell, minWidth: 115, flex: 0.5 },
      textColumn('statementRef', 'Statement Ref', { minWidth: 190, cellClass: 'mono', tooltipField: 'subject' }),
      {
        headerName: 'Findings',
        colId: 'findings',
        minWidth: 200,
        flex: 2,
        valueGetter: (p) => (p.data?.findings ?? []).map((f) => `${f.severity}: ${f.message}`).join(' · '),
        tooltipValueGetter: (p) => p.value as string,
      },
    ],
    [],
  );
  return (
    <section className="panel" aria-label="Batch run">
      <div className="panel-head">
        <div>
          <h2>
            {kindLabel(run.kind)}{' '}
            <span data-testid="run-status">
              <Pill tone={RUN_TONE[run.status]}>{run.status}</Pill>
            </span>
          </h2>
          <p className="muted">
            Run <code>{run.id}</code> · started by {run.startedBy}
          </p>
        </div>
        <div className="panel-actions">
          {run.status === 'RUNNING' ? (
            <button type="button" className="btn" onClick={() => void control(run.id, 'pause')}>
              Pause
            </button>
          ) : null}
          {run.status === 'PAUSED' || run.status === 'INTERRUPTED' ? (
            <button type="button" className="btn" onClick={() => void control(run.id, 'resume')}>
              Resume
            </button>
          ) : null}
          {run.status === 'RUNNING' || run.status === 'PAUSED' ? (
            <button type="button" className="btn btn-danger" onClick={() => void control(run.id, 'cancel')}>
              Cancel
            </button>
          ) : null}
          <button type="button" className="btn" onClick={() => void downloadReport(run.id)}>
            Download CSV report
          </button>
          <ExportButton what="batch run report" baseName={`batch-${run.kind}-${run.startedAt.slice(0, 10)}-${run.id}`} run={(format, path) => api.export.grid({ grid: 'batch', id: run.id, onlyProblems, format, path })} />
        </div>
      </div>
      <dl className="facts facts-inline counts">
        {(
          [
            ['Planned', c.planned, 'neutral'],
            ['Completed', c.completed, 'good'],
            ['With warnings', c.warnings, 'warn'],
            ['Failed', c.failed, 'bad'],
            ['Skipped (already made)', c.skipped, 'neutral'],
          ] as const
        ).map(([label, n, tone]) => (
          <div className={`fact count-${tone}`} key={label}>
            <dt>{label}</dt>
            <dd>{n.toLocaleString(locale)}</dd>
          </div>
        ))}
      </dl>
      {run.status === 'RUNNING' || run.status === 'PAUSED' ? (
        <ProgressBar progress={live ?? { taskId: run.id, kind: 'batch', label: run.status === 'PAUSED' ? 'Paused' : 'Generating', done, total: c.planned, ratePerMin: null, etaMs: null, finished: false }} />
      ) : null}
      <div className="preview-tools">
        <CheckboxField label="Only failures and warnings" checked={onlyProblems} onChange={(v) => void setOnlyProblems(v)} />
      </div>
      <DataGrid<BatchItemOutcome>
        label="Batch run report"
        rows={items}
        columns={itemColumns}
        getRowId={(r) => r.subject}
        emptyText="No statements in this run yet"
        height={Math.min(420, 46 + Math.max(4, items?.length ?? 0) * 34)}
      />
    </section>
  );
}

export function BatchScreen() {
  const locale = useLocale();
  const s = useBatch();
  useEffect(() => {
    void useBatch.getState().loadRuns();
  }, []);
  const selected = s.runs?.find((r) => r.id === s.selectedId) ?? null;
  const runColumns = useMemo<ColDef<BatchRun>[]>(
    () => [
      instantColumn('startedAt', 'Started', locale, { sort: 'desc', minWidth: 140 }),
      { headerName: 'Kind', field: 'kind', valueFormatter: (p) => kindLabel(String(p.value)), minWidth: 160, flex: 1.2 },
      { headerName: 'Period', colId: 'period', valueGetter: (p) => p.data?.filters.period ?? (p.data?.filters.dateFrom ? `${p.data.filters.dateFrom} – ${p.data.filters.dateTo}` : p.data?.filters.asOf ?? ''), minWidth: 100, flex: 0.8 },
      { headerName: 'Status', field: 'status', cellRenderer: RunStatusCell, minWidth: 115, flex: 0.7 },
      { headerName: 'Done', colId: 'done', type: 'rightAligned', valueGetter: (p) => (p.data ? `${(p.data.counts.completed + p.data.counts.failed + p.data.counts.skipped).toLocaleString(locale)} / ${p.data.counts.planned.toLocaleString(locale)}` : ''), minWidth: 90, flex: 0.5 },
      { headerName: 'Failed', colId: 'failed', type: 'rightAligned', valueGetter: (p) => p.data?.counts.failed ?? 0, minWidth: 80, flex: 0.4 },
      textColumn('startedBy', 'Started by', { minWidth: 100, flex: 0.6 }),
    ],
    [locale],
  );
  const f = s.form;
  const def = statementTypeDef(f.kind);
  const runField = (field: FormField) => (
    <TextField
      key={field.field}
      label={field.label}
      name={field.field}
      type={field.kind === 'month' ? 'month' : 'date'}
      required={field.required}
      value={f[field.field as BatchRunField]}
      onChange={(v) => s.setForm({ [field.field]: v })}
      error={s.errors[field.field]}
    />
  );
  return (
    <div className="screen screen-batch">
      <ScreenHeader title="Batch runs" subtitle="Month-end production: one statement per contract or client. A run can be paused and resumed, and never makes a duplicate." />
      <div className="batch-layout">
        <form
          className="panel batch-form"
          aria-label="Start a batch run"
          onSubmit={(e) => {
            e.preventDefault();
            void s.start();
          }}
        >
          <h2>New run</h2>
          <SelectField label="Statements" name="kind" value={f.kind} onChange={(v) => s.setForm({ kind: v as BatchKind })} options={BATCH_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} />
          {formRows(batchFormFields(def)).map((row) =>
            row.length > 1 ? (
              <div key={row[0]!.field} className="field-row">
                {row.map((field) => runField(field))}
              </div>
            ) : (
              runField(row[0]!)
            ),
          )}
          {def.batch?.contractTypes ? (
            <fieldset className="field">
              <legend className="field-label">Contract types (none ticked: all)</legend>
              {CONTRACT_TYPES.map(([t, label]) => (
                <CheckboxField
                  key={t}
                  label={label}
                  checked={f.contractTypes.includes(t)}
                  onChange={(on) => s.setForm({ contractTypes: on ? [...f.contractTypes, t] : f.contractTypes.filter((x) => x !== t) })}
                />
              ))}
            </fieldset>
          ) : null}
          <TextField
            label={def.batch?.partiesLabel ?? 'Only these parties'}
            name="partyIds"
            value={f.partyIds}
            onChange={(v) => s.setForm({ partyIds: v })}
            placeholder="Ids, comma separated (empty: all)"
            error={s.errors.partyIds}
          />
          <CheckboxField label="Re-issue statements already made for this period" checked={f.reissue} onChange={(v) => s.setForm({ reissue: v })} />
          <button type="submit" className="btn btn-primary" disabled={s.starting}>
            {s.starting ? 'Starting…' : 'Start run'}
          </button>
        </form>
        <div className="batch-main">
          <ErrorNotice error={s.error} />
          {selected ? <RunDetail run={selected} /> : <Notice tone="info">Choose a run below to see its report, or start a new one.</Notice>}
          <section className="panel">
            <div className="panel-head">
              <h2>Runs</h2>
            </div>
            <DataGrid<BatchRun> label="Batch runs" rows={s.runs} columns={runColumns} getRowId={(r) => r.id} onRowClicked={(r) => void s.select(r.id)} emptyText="No batch runs yet" height={Math.min(300, 46 + Math.max(3, s.runs?.length ?? 0) * 34)} rowClassRules={{ 'row-selected': (p) => p.data?.id === s.selectedId }} />
          </section>
        </div>
      </div>
    </div>
  );
}
