/**
 * "Export: CSV | Excel" for a grid. The engine builds the file from its own data (the whole
 * statement or list, never the rows the grid has loaded). In Electron a save dialog asks where,
 * then the engine writes the file there; in a browser the engine returns the bytes and the page
 * downloads them. The last result (or error) is shown next to the buttons.
 */
import { useState } from 'react';
import type { ExportFormat, ExportResult } from '../../../shared/contract';
import { api, transportKind } from '../api';
import { describeError, toUiError, type UiError } from './errors';
import { base64ToBlob, downloadBlob } from './files';

const LABEL: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel' };

/** Asks where (Electron) and exports; null when the user cancelled the dialog. */
export async function exportTo(format: ExportFormat, baseName: string, run: (path: string | undefined) => Promise<ExportResult>): Promise<ExportResult | null> {
  if (transportKind === 'electron') {
    const title = format === 'csv' ? 'Export to CSV' : 'Export to Excel';
    const { path } = await api.shell.chooseSavePath({ title, defaultName: `${baseName}.${format}`, extensions: [format] });
    if (!path) return null;
    return run(path);
  }
  const r = await run(undefined);
  if (r.base64) downloadBlob(base64ToBlob(r.base64, r.mime), r.fileName);
  return r;
}

export interface ExportButtonProps {
  /** what is exported, for the accessible names ("Export statement history to CSV") */
  what: string;
  /** the file name the save dialog proposes, without extension */
  baseName: string;
  disabled?: boolean;
  title?: string;
  run(format: ExportFormat, path: string | undefined): Promise<ExportResult>;
}

export function ExportButton({ what, baseName, disabled, title, run }: ExportButtonProps) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [done, setDone] = useState<ExportResult | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  async function go(format: ExportFormat) {
    setBusy(format);
    setError(null);
    setDone(null);
    try {
      setDone(await exportTo(format, baseName, (path) => run(format, path)));
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="export-button" role="group" aria-label={`Export ${what}`} title={title}>
      <span className="export-label">Export</span>
      {(['csv', 'xlsx'] as const).map((f) => (
        <button key={f} type="button" className="btn btn-small" disabled={disabled || busy !== null} aria-label={`Export ${what} to ${LABEL[f]}`} onClick={() => void go(f)}>
          {busy === f ? 'Exporting…' : LABEL[f]}
        </button>
      ))}
      {done ? (
        <span className="export-status muted" role="status" title={done.path ?? done.fileName}>
          {done.rows.toLocaleString()} row{done.rows === 1 ? '' : 's'} · {done.path ? (done.path.split(/[\\/]/).pop() ?? done.path) : done.fileName}
        </span>
      ) : null}
      {error ? (
        <span className="export-status export-error" role="alert">
          {describeError(error)}
        </span>
      ) : null}
    </div>
  );
}
