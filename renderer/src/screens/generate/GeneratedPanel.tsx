/**
 * After Generate: the reference, status, file facts, totals and findings, and the file actions.
 */
import { useEffect, useState } from 'react';
import type { UploadStatus } from '../../../../shared/contract';
import { api } from '../../api';
import { Notice, Pill } from '../../components/Feedback';
import { formatKb } from '../../components/format/number';
import { useGenerate } from '../../stores/generate';
import { useLocale } from '../../stores/settings';
import { useStatus } from '../../stores/status';
import { StatementActions } from '../shared/StatementViewer';
import { Findings, TotalsTable } from './ModelParts';

const UPLOAD_TEXT: Record<UploadStatus, [string, 'good' | 'info' | 'neutral' | 'bad']> = {
  UPLOADED: ['Stored in S3', 'good'],
  QUEUED: ['Queued for upload to S3', 'info'],
  LOCAL_ONLY: ['Kept on this computer (S3 not configured)', 'neutral'],
  FAILED: ['Upload failed: see Uploads', 'bad'],
};

/** The statement's upload status, refreshed when the ledger or the queue changes. */
function useUploadStatus(ref: string | null): UploadStatus | null {
  const tick = useStatus((s) => `${s.ledgerTick}|${s.uploads?.pending}|${s.uploads?.uploaded}|${s.uploads?.failed}`);
  const [status, setStatus] = useState<UploadStatus | null>(null);
  useEffect(() => {
    if (!ref) return;
    let live = true;
    api.history
      .get({ ref })
      .then((r) => live && setStatus(r.uploadStatus))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ref, tick]);
  return ref ? status : null;
}

export function GeneratedPanel() {
  const locale = useLocale();
  const result = useGenerate((s) => s.generation.result);
  const clear = useGenerate((s) => s.clearResult);
  const upload = useUploadStatus(result?.status === 'COMPLETED' ? result.ref : null);
  if (!result) return null;
  const ok = result.status === 'COMPLETED';
  return (
    <section className={`panel generated ${ok ? 'generated-ok' : 'generated-failed'}`} aria-label="Generated statement">
      <div className="panel-head">
        <div>
          <h2>{ok ? 'Statement generated' : 'Statement failed'}</h2>
          <p className="ref-line">
            <span className="ref" data-testid="statement-ref">
              {result.ref}
            </span>{' '}
            <Pill tone={ok ? 'good' : 'bad'}>{result.status}</Pill>
            {upload ? (
              <span data-testid="upload-status">
                <Pill tone={UPLOAD_TEXT[upload][1]}>{UPLOAD_TEXT[upload][0]}</Pill>
              </span>
            ) : null}
          </p>
        </div>
        <div className="panel-actions">
          <button type="button" className="btn-link" onClick={clear}>
            Dismiss
          </button>
        </div>
      </div>
      {ok ? (
        <>
          <dl className="facts facts-inline">
            <div className="fact">
              <dt>{result.type === 'client' ? 'Transactions' : 'Lines'}</dt>
              <dd data-testid="line-count">{result.lineCount.toLocaleString(locale)}</dd>
            </div>
            <div className="fact">
              <dt>File size</dt>
              <dd>{formatKb(result.sizeBytes, locale)}</dd>
            </div>
            <div className="fact">
              <dt>Template</dt>
              <dd>
                {result.templateId} v{result.templateVersion}
              </dd>
            </div>
            <div className="fact">
              <dt>SHA-256</dt>
              <dd>
                <code title={result.sha256 ?? ''}>{result.sha256?.slice(0, 16)}…</code>
              </dd>
            </div>
          </dl>
          {result.templateFallback ? (
            <Notice tone="warning" title="Rendered with the default template">
              The chosen template could not be rendered, so the built-in default was used. The statement records this.
            </Notice>
          ) : null}
          <Findings findings={result.findings} />
          <TotalsTable totals={result.totals} locale={locale} />
          <StatementActions statementRef={result.ref} />
        </>
      ) : (
        <Notice tone="error" title="Nothing was stored as completed">
          {result.error ?? 'The statement could not be generated.'}
        </Notice>
      )}
    </section>
  );
}
