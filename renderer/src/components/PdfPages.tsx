/**
 * PDF pages drawn with pdf.js onto canvases, inside the app: the window needs no PDF plugin
 * (Electron's plugins stay off) and the same viewer works in Electron and the browser bridge.
 * The worker is bundled by Vite as a file of the app (CSP worker-src 'self'); no eval, no wasm.
 */
import { useEffect, useRef, useState } from 'react';
import { base64ToBytes } from './files';

type PdfJs = typeof import('pdfjs-dist');
let pdfjs: Promise<PdfJs> | null = null;

/** pdf.js is loaded on first use, so the app starts without it. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = (worker as { default: string }).default;
    return lib;
  });
  return pdfjs;
}

export interface PdfPagesProps {
  base64: string;
  title: string;
  /** CSS height of the scrolling area */
  height?: number | string;
}

export function PdfPages({ base64, title, height = '72vh' }: PdfPagesProps) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ pages: number; rendered: number; error: string | null }>({ pages: 0, rendered: 0, error: null });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let cancelled = false;
    let destroy: (() => void) | null = null;
    el.replaceChildren();
    setState({ pages: 0, rendered: 0, error: null });
    (async () => {
      const lib = await loadPdfJs();
      const task = lib.getDocument({ data: base64ToBytes(base64), isEvalSupported: false, useWasm: false, disableFontFace: false });
      destroy = () => void task.destroy();
      const doc = await task.promise;
      if (cancelled) return;
      setState((s) => ({ ...s, pages: doc.numPages }));
      const width = Math.max(320, el.clientWidth - 32);
      const ratio = window.devicePixelRatio || 1;
      for (let n = 1; n <= doc.numPages && !cancelled; n++) {
        const page = await doc.getPage(n);
        const base = page.getViewport({ scale: 1 });
        const scale = width / base.width;
        const viewport = page.getViewport({ scale: scale * ratio });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
        canvas.className = 'pdf-page';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `${title}, page ${n} of ${doc.numPages}`);
        el.appendChild(canvas);
        await page.render({ canvas, viewport }).promise;
        if (!cancelled) setState((s) => ({ ...s, rendered: n }));
      }
    })().catch((e: unknown) => {
      if (!cancelled) setState((s) => ({ ...s, error: e instanceof Error ? e.message : String(e) }));
    });
    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [base64, title]);

  return (
    <div className="pdf-viewer" style={{ height }}>
      <div className="pdf-status" role="status" aria-live="polite">
        {state.error
          ? `The document could not be shown: ${state.error}`
          : state.pages === 0
            ? 'Opening…'
            : state.rendered < state.pages
              ? `Page ${state.rendered} of ${state.pages}…`
              : `${state.pages} page${state.pages === 1 ? '' : 's'}`}
      </div>
      <div ref={host} className="pdf-pages" data-rendered={state.pages > 0 && state.rendered === state.pages ? 'true' : 'false'} />
    </div>
  );
}
