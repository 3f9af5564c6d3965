/**
 * The in-app viewer: a statement's bytes (base64 from history:file or templates:sample). PDFs are
 * drawn with pdf.js (PdfPages: no browser PDF plugin needed); HTML and text statements become a
 * Blob URL in a sandboxed <iframe> (CSP frame-src blob:). URLs are revoked when no longer shown.
 */
import { useEffect, useState } from 'react';
import { base64ToBlob } from './files';
import { PdfPages } from './PdfPages';

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
  const isPdf = doc?.mime === 'application/pdf';
  const url = useBlobUrl(doc && !isPdf ? doc : null);
  if (doc && isPdf) return <PdfPages base64={doc.base64} title={doc.title} height={height} />;
  if (!doc || !url) return <div className="viewer viewer-empty">No document</div>;
  return (
    <div className="viewer" style={{ height }}>
      <iframe title={doc.title} src={url} className="viewer-frame viewer-doc" sandbox="" />
    </div>
  );
}
