/**
 * The local billing data: sources, last import and sync, counts per entity, quarantined lines with
 * their reasons, and the ways data comes in (a bundle folder, S3 sync, demo data).
 */
import type { ColDef } from 'ag-grid-community';
import { Fragment, useEffect, useMemo, useState } from 'react';
import { ENTITIES } from '../../../../shared/contract';
import { api } from '../../api';
import { ExportButton } from '../../components/ExportButton';
import { Busy, ErrorNotice, Notice, Pill, ProgressBar, ScreenHeader } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/form/Field';
import { formatInstant } from '../../../../shared/format';
import { DataGrid } from '../../components/grid/DataGrid';
import { instantColumn, textColumn } from '../../components/grid/columns';
import type { QuarantineRow } from '../../../../shared/contract';
import { useData, type DemoSize } from '../../stores/data';
import { useLocale } from '../../stores/settings';
import { useStatus } from '../../stores/status';
import { ENTITY_LABEL } from './entities';
import { ImportWizard } from './ImportWizard';

function plural(n: number, word: string, locale = 'en-US'): string {
  return `${n.toLocaleString(locale)} ${word}${n === 1 ? '' : 's'}`;
}

function pairs<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += 2) out.push(list.slice(i, i + 2));
  return out;
}

function bundleName(sourceKey: string): string {
  return sourceKey.split(/[\\/]/).filter(Boolean).pop() ?? sourceKey;
}

export function DataScreen() {
  const locale = useLocale();
  const s = useData();
  const dataTick = useStatus((st) => st.dataTick);
  const progress = useStatus((st) => st.latest('import') ?? st.latest('sync') ?? st.latest('demo'));
  const [demoSize, setDemoSize] = useState<DemoSize>('small');

  useEffect(() => {
    void useData.getState().load();
    void useData.getState().loadQuarantine();
  }, [dataTick]);

  const qColumns = useMemo<ColDef<QuarantineRow>[]>(
    () => [
      textColumn('file', 'File', { minWidth: 150, flex: 0.8 }),
      { headerName: 'Line', field: 'line', type: 'rightAligned', width: 80, flex: 0, minWidth: 70 },
      textColumn('reason', 'Reason', { minWidth: 260, flex: 2, tooltipField: 'reason' }),
      textColumn('raw', 'Content', { minWidth: 220, flex: 1.5, cellClass: 'mono', tooltipField: 'raw' }),
      textColumn('sourceKey', 'Bundle', { minWidth: 160, flex: 1, valueFormatter: (p) => bundleName(String(p.value ?? '')), tooltipField: 'sourceKey' }),
      instantColumn('at', 'Quarantined', locale),
    ],
    [locale],
  );

  const st = s.status;
  const busyLabel = s.busy === 'import' ? 'Importing the bundle…' : s.busy === 'sync' ? 'Syncing from S3…' : s.busy === 'demo' ? 'Generating demo data…' : '';
  const last = s.lastImport;
  return (
    <div className="screen screen-data">
      <ScreenHeader title="Billing data" subtitle="Folio works from a local copy of the billing system's data, so statements can be made offline." />
      <ErrorNotice error={s.error} />
      {s.busy ? <ProgressBar progress={progress} label={busyLabel} /> : null}
      {last && !s.busy ? (
        <Notice tone={last.quarantined ? 'warning' : 'success'} title={`Import finished in ${(last.durationMs / 1000).toFixed(1)} s`}>
          {plural(last.bundles.filter((b) => b.status === 'applied').length, 'bundle')} applied ({plural(last.applied, 'record', locale)}),{' '}
          {plural(last.bundles.filter((b) => b.status === 'skipped').length, 'bundle')} already applied and skipped, {plural(last.quarantined, 'line', locale)} quarantined.
          {last.bundles.filter((b) => b.status === 'refused').map((b) => (
            <div key={b.sourceKey}>
              Refused {b.sourceKey}: {b.error}
            </div>
          ))}
        </Notice>
      ) : null}
      {s.lastSync && !s.busy ? <Notice tone={s.lastSync.ok ? 'success' : s.lastSync.offline ? 'warning' : 'error'}>{s.lastSync.message}</Notice> : null}
      <div className="data-grid-top">
        <section className="panel" aria-label="Sources">
          <div className="panel-head">
            <h2>Sources</h2>
            <Busy active={s.loading} label="Reading…" />
          </div>
          <dl className="facts">
            <div className="fact">
              <dt>Bundle folder</dt>
              <dd>{st?.source.folder || <span className="muted">not set</span>}</dd>
            </div>
            <div className="fact">
              <dt>S3 source</dt>
              <dd>{st?.source.s3 || <span className="muted">not set (Settings)</span>}</dd>
            </div>
            <div className="fact">
              <dt>Last import</dt>
              <dd>{st?.lastImportAt ? formatInstant(st.lastImportAt, locale) : <span className="muted">never</span>}</dd>
            </div>
            <div className="fact">
              <dt>Last sync</dt>
              <dd>
                {st?.lastSync ? (
                  <>
                    {formatInstant(st.lastSync.at, locale)} <Pill tone={st.lastSync.ok ? 'good' : 'warn'}>{st.lastSync.ok ? 'OK' : 'Not completed'}</Pill>
                    <div className="muted">{st.lastSync.message}</div>
                  </>
                ) : (
                  <span className="muted">never</span>
                )}
              </dd>
            </div>
            <div className="fact">
              <dt>Bundles applied</dt>
              <dd>{st ? st.bundles.toLocaleString(locale) : '–'}</dd>
            </div>
          </dl>
          <div className="import-row">
            <TextField label="Bundle folder to import" name="folder" value={s.folder} onChange={s.setFolder} placeholder="/path/to/bundle or folder of bundles" />
            <button type="button" className="btn" onClick={() => void s.chooseFolder()} disabled={!!s.busy}>
              Choose…
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void s.importFolder()} disabled={!!s.busy}>
              Import
            </button>
          </div>
          <div className="btn-row">
            <button type="button" className="btn" onClick={() => void s.sync()} disabled={!!s.busy}>
              Sync now
            </button>
            <SelectField
              label="Demo data size"
              name="demoSize"
              value={demoSize}
              onChange={(v) => setDemoSize(v as DemoSize)}
              options={[
                { value: 'small', label: 'Small (50 clients)' },
                { value: 'medium', label: 'Medium (500 clients)' },
                { value: 'large', label: 'Large (5,000 clients)' },
              ]}
            />
            <button type="button" className="btn" onClick={() => void s.loadDemo(demoSize)} disabled={!!s.busy}>
              Load demo data
            </button>
          </div>
        </section>
        <section className="panel" aria-label="What is in the cache">
          <div className="panel-head">
            <h2>In the local cache</h2>
          </div>
          <table className="totals counts-table" aria-label="Records per entity">
            <thead>
              <tr>
                <th scope="col">Entity</th>
                <th scope="col" className="num">
                  Records
                </th>
                <th scope="col">Entity</th>
                <th scope="col" className="num">
                  Records
                </th>
              </tr>
            </thead>
            <tbody>
              {pairs(ENTITIES).map((row) => (
                <tr key={row[0]}>
                  {row.map((e) => (
                    <Fragment key={e}>
                      <th scope="row">{ENTITY_LABEL[e]}</th>
                      <td className="num">{st ? (st.counts[e] ?? 0).toLocaleString(locale) : '–'}</td>
                    </Fragment>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <ImportWizard />
      <section className="panel" aria-label="Quarantined lines">
        <div className="panel-head">
          <h2>
            Quarantined lines <span className="muted">({s.quarantineTotal.toLocaleString(locale)})</span>
          </h2>
          <p className="muted">Lines that broke a rule were kept aside with the reason; the rest of each bundle was applied.</p>
          <ExportButton what="quarantined lines" baseName="quarantine" disabled={!s.quarantineTotal} run={(format, path) => api.export.grid({ grid: 'quarantine', format, path })} />
        </div>
        <DataGrid<QuarantineRow> label="Quarantined lines" rows={s.quarantine} columns={qColumns} getRowId={(r) => String(r.id)} emptyText="No quarantined lines" height={300} />
      </section>
    </div>
  );
}
