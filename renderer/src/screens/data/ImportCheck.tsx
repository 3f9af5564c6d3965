/**
 * The import wizard's last two steps: the check (how many rows are good, and the rejected rows,
 * the first 1,000 listed, with row number, reason and content, before anything is applied) and,
 * after Apply, what was applied, skipped (already applied, or older than what is stored) and quarantined.
 */
import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { Notice } from '../../components/Feedback';
import { DataGrid } from '../../components/grid/DataGrid';
import { textColumn } from '../../components/grid/columns';
import { useLocale } from '../../stores/settings';
import { useTabularImport } from '../../stores/tabularImport';
import type { TabularCheck } from '../../stores/tabularTypes';
import { ENTITY_LABEL } from './entities';

type Rejected = TabularCheck['rejected'][number];

function plural(n: number, word: string, locale: string): string {
  return `${n.toLocaleString(locale)} ${word}${n === 1 ? '' : 's'}`;
}

export function CheckStep() {
  const locale = useLocale();
  const check = useTabularImport((s) => s.check);
  const entity = useTabularImport((s) => s.entity);
  const busy = useTabularImport((s) => s.busy);
  const st = useTabularImport.getState();
  const columns = useMemo<ColDef<Rejected>[]>(
    () => [
      { headerName: 'Row', field: 'row', type: 'rightAligned', width: 80, flex: 0, minWidth: 70, sort: 'asc' },
      textColumn('reason', 'Reason', { minWidth: 280, flex: 2, tooltipField: 'reason', wrapText: true, autoHeight: true }),
      textColumn('raw', 'Content', { minWidth: 240, flex: 1.5, cellClass: 'mono', tooltipField: 'raw' }),
    ],
    [],
  );
  if (!check) return null;
  // the engine sends the first 1,000 rejected rows; rejectedTotal counts them all
  const rejected = check.rejectedTotal;
  const listed = check.rejected.length;
  const label = entity ? ENTITY_LABEL[entity].toLowerCase() : 'records';
  return (
    <div className="wizard-body" role="group" aria-label="Check before applying">
      <Notice tone={rejected ? 'warning' : 'success'} title={rejected ? `${plural(rejected, 'row', locale)} will not be imported` : 'Every row can be imported'}>
        <span data-testid="check-summary">
          {plural(check.valid, 'row', locale)} of {check.total.toLocaleString(locale)} read as {label}.
          {rejected ? ` The ${plural(rejected, 'rejected row', locale)} below go to quarantine with their reasons (shown on this screen afterwards); the rest is applied.` : ''}
        </span>
      </Notice>
      {rejected ? (
        <section aria-label="Rejected rows">
          <h3 className="wizard-h3">
            Rejected rows{' '}
            <span className="muted" data-testid="rejected-count">
              {listed < rejected ? `(showing the first ${listed.toLocaleString(locale)} of ${rejected.toLocaleString(locale)})` : `(${rejected.toLocaleString(locale)})`}
            </span>
          </h3>
          <DataGrid<Rejected> label="Rejected rows" rows={check.rejected} columns={columns} getRowId={(r) => String(r.row)} emptyText="No rejected rows" height={Math.min(420, 60 + listed * 42)} />
        </section>
      ) : null}
      <div className="wizard-nav">
        <button type="button" className="btn" onClick={() => st.goTo('formats')} disabled={!!busy}>
          Back
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void st.apply()} disabled={!!busy || check.valid === 0}>
          {busy === 'apply' ? 'Applying…' : `Apply ${plural(check.valid, 'row', locale)}`}
        </button>
      </div>
    </div>
  );
}

export function ResultStep() {
  const locale = useLocale();
  const result = useTabularImport((s) => s.result);
  const st = useTabularImport.getState();
  if (!result) return null;
  return (
    <div className="wizard-body" role="group" aria-label="Import result">
      <Notice tone={result.quarantined ? 'warning' : 'success'} title="Import applied">
        The counts under "In the local cache" and the quarantined lines below are up to date.
      </Notice>
      <dl className="facts facts-inline" aria-label="Import counts">
        <div className="fact">
          <dt>Applied</dt>
          <dd data-testid="result-applied">{result.applied.toLocaleString(locale)}</dd>
        </div>
        <div className="fact">
          <dt>Skipped</dt>
          <dd data-testid="result-skipped">{result.skipped.toLocaleString(locale)}</dd>
        </div>
        <div className="fact">
          <dt>Quarantined</dt>
          <dd data-testid="result-quarantined">{result.quarantined.toLocaleString(locale)}</dd>
        </div>
      </dl>
      <div className="wizard-nav">
        <button type="button" className="btn" onClick={() => st.start()}>
          Import another file
        </button>
        <button type="button" className="btn btn-primary" onClick={() => st.close()}>
          Done
        </button>
      </div>
    </div>
  );
}
