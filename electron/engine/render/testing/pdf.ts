/** Test helpers: text extraction (poppler's pdftotext) and qpdf checks on rendered PDFs. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(bytes: Uint8Array, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'folio-pdf-'));
  const file = join(dir, 'x.pdf');
  writeFileSync(file, bytes);
  try {
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of each page (pdftotext -layout), in order. */
export function pdfPages(bytes: Uint8Array): string[] {
  return withFile(bytes, (file) => {
    const out = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const pages = out.split('\f');
    if (pages.at(-1)?.trim() === '') pages.pop();
    return pages;
  });
}

/** qpdf --check: exit status and output. */
export function qpdfCheck(bytes: Uint8Array): { ok: boolean; output: string } {
  return withFile(bytes, (file) => {
    const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  });
}

/** PNGs of the pages (pdftoppm), written to `outPrefix`-N.png. */
export function pdfToPng(bytes: Uint8Array, outPrefix: string, dpi = 60): void {
  withFile(bytes, (file) => execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, outPrefix]));
}
