/**
 * The in-app statement viewer dialog and the file actions every statement has: view, show in
 * folder, save a copy. Used after Generate and from History.
 */
import { useState } from 'react';
import type { FileResult } from '../../../../shared/contract';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/Feedback';
import { toUiError, type UiError } from '../../components/errors';
import { PdfViewer } from '../../components/PdfViewer';
import { formatKb } from '../../components/format/number';
import { useLocale } from '../../stores/settings';

export function StatementViewerDialog({ file, onClose }: { file: FileResult | null; onClose: () => void }) {
  const locale = useLocale();
  return (
    <Dialog title={file ? file.fileName : 'Statement'} open={!!file} onClose={onClose} wide>
      {file ? (
        <>
          <p className="muted viewer-meta">
            {file.statementRef} · {formatKb(file.sizeBytes, locale)} · from {file.source === 's3' ? 'S3' : 'this computer'} · SHA-256 checked{' '}
            <code title={file.sha256}>{file.sha256.slice(0, 12)}…</code>
          </p>
          <PdfViewer doc={{ base64: file.base64, mime: file.mime, title: file.fileName }} />
        </>
      ) : null}
    </Dialog>
  );
}

/** View / Show in folder / Save a copy for one statement reference. */
export function StatementActions({ statementRef }: { statementRef: string }) {
  const [file, setFile] = useState<FileResult | null>(null);
  const [busy, setBusy] = useState<'view' | 'folder' | 'copy' | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const run = async (what: 'view' | 'folder' | 'copy') => {
    setBusy(what);
    setError(null);
    setNote(null);
    try {
      if (what === 'view') setFile(await api.history.file({ ref: statementRef, purpose: 'view' }));
      else if (what === 'folder') {
        const r = await api.shell.showInFolder({ ref: statementRef });
        if (!r.shown) setNote('The file is not in the local store; it is kept in S3.');
      } else {
        const r = await api.shell.saveCopy({ ref: statementRef });
        if (r.path) setNote(`Saved a copy to ${r.path}`);
      }
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="statement-actions">
      <div className="btn-row">
        <button type="button" className="btn btn-primary" onClick={() => void run('view')} disabled={busy !== null}>
          {busy === 'view' ? 'Opening…' : 'Open statement'}
        </button>
        <button type="button" className="btn" onClick={() => void run('folder')} disabled={busy !== null}>
          Show in folder
        </button>
        <button type="button" className="btn" onClick={() => void run('copy')} disabled={busy !== null}>
          Save a copy…
        </button>
      </div>
      {note ? <p className="muted">{note}</p> : null}
      <ErrorNotice error={error} />
      <StatementViewerDialog file={file} onClose={() => setFile(null)} />
    </div>
  );
}
