/**
 * The S3 upload queue: what is waiting (offline is normal: uploads wait and go when the network is
 * back), what failed and why, with retry of one row or all.
 */
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useEffect, useMemo } from 'react';
import type { UploadRow } from '../../../../shared/contract';
import { ErrorNotice, Notice, Pill, ScreenHeader } from '../../components/Feedback';
import { DataGrid } from '../../components/grid/DataGrid';
import { instantColumn, textColumn } from '../../components/grid/columns';
import { useLocale } from '../../stores/settings';
import { useStatus } from '../../stores/status';
import { useUploads } from '../../stores/uploads';

const TONE = { PENDING: 'info', UPLOADING: 'info', UPLOADED: 'good', FAILED: 'bad' } as const;

function StatusCell(p: ICellRendererParams<UploadRow>) {
  return p.data ? <Pill tone={TONE[p.data.status]}>{p.data.status}</Pill> : null;
}

function RetryCell(p: ICellRendererParams<UploadRow>) {
  const busy = useUploads((s) => s.busy);
  const r = p.data;
  if (!r || r.status !== 'FAILED') return null;
  return (
    <button type="button" className="btn btn-small" disabled={busy} aria-label={`Retry ${r.statementRef}`} onClick={() => void useUploads.getState().retry(r.id)}>
      Retry now
    </button>
  );
}

export function UploadsScreen() {
  const locale = useLocale();
  const s = useUploads();
  const tick = useStatus((st) => `${st.ledgerTick}|${st.uploads?.pending}|${st.uploads?.failed}|${st.uploads?.uploaded}`);
  const online = useStatus((st) => st.online);

  useEffect(() => {
    void useUploads.getState().load();
  }, [tick]);

  const columns = useMemo<ColDef<UploadRow>[]>(
    () => [
      textColumn('statementRef', 'Statement Ref', { minWidth: 220, cellClass: 'mono' }),
      { headerName: 'Status', field: 'status', cellRenderer: StatusCell, minWidth: 120, flex: 0.6 },
      { headerName: 'Attempts', field: 'attempts', type: 'rightAligned', minWidth: 100, flex: 0.4 },
      textColumn('lastError', 'Reason', { minWidth: 260, flex: 2, tooltipField: 'lastError' }),
      instantColumn('nextAttemptAt', 'Next attempt', locale),
      instantColumn('updatedAt', 'Updated', locale, { sort: 'desc' }),
      textColumn('key', 'S3 key', { minWidth: 240, flex: 1.5, cellClass: 'mono' }),
      { headerName: '', colId: 'retry', cellRenderer: RetryCell, width: 120, flex: 0, sortable: false },
    ],
    [locale],
  );

  const sum = s.summary;
  return (
    <div className="screen screen-uploads">
      <ScreenHeader
        title="Uploads to S3"
        subtitle="Every statement is kept on this computer first and uploaded to S3 when possible."
        actions={
          <>
            <button type="button" className="btn" disabled={s.busy || !sum?.failed} onClick={() => void s.retry()}>
              Retry all failed
            </button>
            <button type="button" className="btn btn-primary" disabled={s.busy || !sum?.pending} onClick={() => void s.drain()}>
              {s.busy ? 'Uploading…' : 'Upload now'}
            </button>
          </>
        }
      />
      <ErrorNotice error={s.error} />
      {sum && !sum.configured ? (
        <Notice tone="info" title="S3 is not configured">
          Statements stay on this computer. Set the S3 bucket and credentials in Settings to upload them.
        </Notice>
      ) : null}
      {online === false || (sum && !sum.online) ? (
        <Notice tone="info" title="Working offline">
          {sum?.pending ?? 0} statement{sum?.pending === 1 ? '' : 's'} will upload when the network is back. Nothing is lost meanwhile.
        </Notice>
      ) : null}
      <dl className="facts facts-inline counts">
        <div className="fact count-neutral">
          <dt>Waiting</dt>
          <dd data-testid="uploads-pending">{sum ? sum.pending.toLocaleString(locale) : '–'}</dd>
        </div>
        <div className="fact count-bad">
          <dt>Failed</dt>
          <dd data-testid="uploads-failed">{sum ? sum.failed.toLocaleString(locale) : '–'}</dd>
        </div>
        <div className="fact count-good">
          <dt>Uploaded</dt>
          <dd>{sum ? sum.uploaded.toLocaleString(locale) : '–'}</dd>
        </div>
      </dl>
      <section className="panel">
        <DataGrid<UploadRow> label="Upload queue" rows={sum?.rows ?? null} columns={columns} getRowId={(r) => String(r.id)} emptyText="The upload queue is empty" height="calc(100vh - 360px)" />
      </section>
    </div>
  );
}
