/**
 * The preview (seed 003 "Statement Preview"): party information, the transactions in a searchable,
 * sortable grid, totals per currency, findings, and "Generate PDF". No file exists until then.
 */
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import type { StatementModel } from '../../../../shared/contract';
import { DataGrid } from '../../components/grid/DataGrid';
import { InfiniteGrid, type GridSort } from '../../components/grid/InfiniteGrid';
import { dateColumn, decimalColumn, moneyColumn, textColumn } from '../../components/grid/columns';
import { fetchPreviewRows, useGenerate, type PreviewRow } from '../../stores/generate';
import { useLocale } from '../../stores/settings';
import { Findings, PartyCard, SectionTable, TotalsTable } from './ModelParts';
import { PreviewExport } from './PreviewExport';

/** Client statements: untick a transaction to leave it out (the excluded ids filter) and preview again. */
function IncludeCell(p: ICellRendererParams<PreviewRow>) {
  const row = p.data;
  if (!row) return null;
  return (
    <input
      type="checkbox"
      className="include-box"
      checked
      aria-label={`Include ${String(row.reference ?? row._lineId)}`}
      title="Untick to leave this transaction out of the statement"
      onChange={() => void useGenerate.getState().toggleExcluded(row._lineId)}
    />
  );
}

/** The grid's columns; with rows in the engine only the statement's own columns sort (the engine's rules). */
function columnsFor(model: StatementModel, locale: string, engineRows: boolean): ColDef<PreviewRow>[] {
  const cols: ColDef<PreviewRow>[] = [];
  const local = engineRows ? { sortable: false } : {};
  if (model.type === 'client') {
    cols.push({ headerName: '', colId: '_include', width: 44, minWidth: 44, maxWidth: 44, flex: 0, sortable: false, resizable: false, cellRenderer: IncludeCell, headerTooltip: 'Included in the statement' });
  }
  const multiGroup = model.groups.length > 1 || model.type === 'ar-aging';
  const groupsAreCurrencies = model.groups.every((g) => g.title === g.currency);
  if (multiGroup && !groupsAreCurrencies) cols.push(textColumn('_group', model.type === 'ar-aging' ? 'Party' : 'Group', { minWidth: 160, ...local }));
  if (!model.currency) cols.push(textColumn('_currency', 'Currency', { flex: 0, width: 82, minWidth: 70, ...local }));
  for (const c of model.columns) {
    const extra = c.kind === 'date' ? {} : { flex: c.width ?? 1 };
    switch (c.kind) {
      case 'money':
        cols.push(moneyColumn<PreviewRow>(c.key, c.label, locale, model.currency ? { code: model.currency } : { field: '_currency' }, extra));
        break;
      case 'percent':
        cols.push(decimalColumn<PreviewRow>(c.key, c.label, locale, 'percent', extra));
        break;
      case 'quantity':
      case 'integer':
        cols.push(decimalColumn<PreviewRow>(c.key, c.label, locale, c.kind, extra));
        break;
      case 'date':
        cols.push(dateColumn<PreviewRow>(c.key, c.label, locale, extra, 'numeric'));
        break;
      default:
        cols.push(textColumn<PreviewRow>(c.key, c.label, { ...extra, minWidth: 80, tooltipField: c.key as never }));
    }
  }
  return cols;
}

export function PreviewPanel({ onGenerate }: { onGenerate: () => void }) {
  const locale = useLocale();
  const preview = useGenerate((s) => s.preview);
  const running = useGenerate((s) => s.generation.status === 'running');
  const [search, setSearch] = useState('');
  const [matched, setMatched] = useState<number | null>(null);
  const model = preview.model;
  const { engineRows, request } = preview;
  const columns = useMemo(() => (model ? columnsFor(model, locale, engineRows) : []), [model, locale, engineRows]);
  const fetchRows = useCallback(
    (start: number, end: number, sort: GridSort | undefined, text: string) =>
      request ? fetchPreviewRows(request, start, end, sort, text) : Promise.resolve({ rows: [], total: 0 }),
    [request],
  );

  if (!model) return null;
  const blocked = preview.blocked || model.findings.some((f) => f.severity === 'ERROR');
  const stale = preview.stale;
  return (
    <section className={`panel preview${stale ? ' preview-stale' : ''}`} aria-label="Statement preview">
      <div className="panel-head">
        <div>
          <h2>{model.title}</h2>
          <p className="muted">
            Preview · {preview.total.toLocaleString(locale)} {model.type === 'client' ? 'transaction' : 'line'}
            {preview.total === 1 ? '' : 's'} · no file has been created yet
          </p>
        </div>
        <div className="panel-actions">
          <button type="button" className="btn btn-primary" onClick={onGenerate} disabled={blocked || running || stale} title="Ctrl+G">
            {running ? 'Generating…' : 'Generate PDF'}
          </button>
          <PreviewExport model={model} disabled={stale || preview.status !== 'ready'} />
        </div>
      </div>
      {stale ? (
        <div className="notice notice-info" role="status">
          <div className="notice-text">The filters changed since this preview. Press Preview to see what would be generated now.</div>
        </div>
      ) : null}
      <PartyCard party={model.party} header={model.header} />
      <Findings findings={model.findings} />
      <div className="preview-tools">
        <label className="search-box">
          <span className="sr-only">Search transactions</span>
          <input
            type="search"
            placeholder={model.type === 'client' ? 'Search transactions' : 'Search lines'}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label="Search transactions"
          />
        </label>
        <span className="muted">
          {engineRows
            ? search.trim() && matched !== null
              ? `${matched.toLocaleString(locale)} of ${preview.total.toLocaleString(locale)} lines match`
              : `${preview.total.toLocaleString(locale)} lines`
            : preview.loadingMore
              ? `Loading ${preview.rows.length.toLocaleString(locale)} of ${preview.total.toLocaleString(locale)}…`
              : `${preview.rows.length.toLocaleString(locale)} lines`}
        </span>
      </div>
      {engineRows ? (
        <InfiniteGrid<PreviewRow> key={preview.key ?? ''} label="Transactions" columns={columns} getRowId={(r) => r._id} fetchRows={fetchRows} search={search} onTotal={setMatched} height={520} />
      ) : (
        <DataGrid<PreviewRow>
          label="Transactions"
          rows={preview.rows}
          columns={columns}
          getRowId={(r) => r._id}
          quickFilter={search}
          emptyText="No transactions in this period"
          alwaysShowVerticalScroll={preview.total > 14}
          height={Math.min(520, 56 + Math.max(3, preview.rows.length) * 34)}
        />
      )}
      {model.notes.length ? (
        <ul className="notes">
          {model.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      <div className="totals-wrap">
        <TotalsTable totals={model.totals} locale={locale} />
        {model.sections.map((s) => (
          <SectionTable key={s.key} section={s} locale={locale} currency={model.currency} />
        ))}
      </div>
    </section>
  );
}
