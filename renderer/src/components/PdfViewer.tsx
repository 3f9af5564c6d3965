/**
 * The in-app viewer: a statement's bytes (base64 from history:file or templates:sample) become a
 * Blob URL shown in an <iframe> (Chromium's PDF viewer for PDFs; HTML and text as themselves).
 * The URL is revoked when the document changes or the viewer goes away.
 */
import { useEffect, useState } from 'react';
import { base64ToBlob } from './files';

export interface ViewerDoc {
  base64: string;
  mime: string;
  title: string;
}

export function useBlobUrl(doc: ViewerDoc | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!doc) {
      setUrl(null);
      return;
    }
    // HTML statements are shown as inert text-free documents: the iframe is sandboxed below
    const u = URL.createObjectURL(base64ToBlob(doc.base64, doc.mime));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [doc]);
  return url;
}

export function PdfViewer({ doc, height = '72vh' }: { doc: ViewerDoc | null; height?: number | string }) {
  const url = useBlobUrl(doc);
  if (!doc || !url) return <div className="viewer viewer-empty">No document</div>;
  const isPdf = doc.mime === 'application/pdf';
  return (
    <div className="viewer" style={{ height }}>
      {isPdf ? (
        <iframe title={doc.title} src={`${url}#toolbar=1&view=FitH`} className="viewer-frame" />
      ) : (
        <iframe title={doc.title} src={url} className="viewer-frame viewer-doc" sandbox="" />
      )}
    </div>
  );
}
