/**
 * Rendering: a statement model + a template version → PDF, HTML or plain text bytes.
 * `renderStatement` runs in-process (the worker pool calls it in each worker); it validates the
 * template, falls back to the built-in default when the template fails, and runs the QA check.
 */
import { templateBody } from '../../../shared/contract/templates';
import { FolioError } from '../../../shared/errors';
import { isWellFormedLocale } from '../../../shared/format';
import { findResourcesDir } from '../platform';
import { builtinTemplate } from '../templates/builtin';
import { loadFontSet } from './fonts/fontset';
import { esc, renderHtml, readHtmlMetadata } from './html';
import { embeddedMetadata, readEmbeddedMetadata as readPdfMetadata, type EmbeddedMetadata } from './metadata';
import { renderPdf } from './pdf/document';
import { checkDrawn, checkModel, checkText } from './qa';
import { readTextMetadata, renderText } from './text';
import type { RenderJob, RenderOutput } from './types';
import { checkUkSeller } from './uk-seller';

export type { RenderJob, RenderOutput } from './types';
export type { EmbeddedMetadata } from './metadata';
export { renderPool } from './pool';

export interface RenderOptions {
  /** the folder holding fonts/ and templates/ (default: the app's resources folder) */
  resourcesDir?: string;
}

let defaultResources: string | null = null;
function resources(opts: RenderOptions): string {
  if (opts.resourcesDir) return opts.resourcesDir;
  defaultResources ??= findResourcesDir();
  return defaultResources;
}

async function renderOnce(job: RenderJob, resourcesDir: string): Promise<Uint8Array> {
  const parsed = templateBody.safeParse(job.template.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FolioError('validation', 'TEMPLATE_INVALID', `template ${job.template.id}@${job.template.version}: ${issue.path.join('.')}: ${issue.message}`, 'template');
  }
  const j: RenderJob = { ...job, template: { ...job.template, body: parsed.data } };
  const locale = parsed.data.locale;
  checkModel(j.model, j.ref);
  checkUkSeller(j.model, j.template);
  if (!isWellFormedLocale(locale)) {
    throw new FolioError('validation', 'TEMPLATE_INVALID', `template ${job.template.id}@${job.template.version}: locale "${locale}" is not a valid locale`, 'locale');
  }
  if (job.format === 'pdf') {
    const pdf = await renderPdf(j, loadFontSet(resourcesDir));
    checkDrawn(j.model, locale, pdf.drawn, j.ref);
    return pdf.bytes;
  }
  const meta = embeddedMetadata(j, 0);
  const text = job.format === 'html' ? renderHtml(j, meta) : renderText(j, meta);
  checkText(j.model, locale, text, j.ref, job.format === 'html' ? esc : undefined);
  return new TextEncoder().encode(text);
}

const NO_FALLBACK = new Set(['UK_INVOICE_SELLER_DETAILS']);

const FORMATS = {
  pdf: { mime: 'application/pdf', ext: 'pdf' },
  html: { mime: 'text/html; charset=utf-8', ext: 'html' },
  text: { mime: 'text/plain; charset=utf-8', ext: 'txt' },
} as const;

/**
 * Renders one statement. A template that fails (invalid body, unreadable logo, bad locale, a
 * failed QA check …) is retried with the type's built-in default: the output then says
 * `templateFallback: true` and why. Errors of the built-in itself (e.g. a MISSING_GLYPH in a
 * party's name) are thrown.
 */
export async function renderStatement(job: RenderJob, opts: RenderOptions = {}): Promise<RenderOutput> {
  const fmt = FORMATS[job.format];
  if (!fmt) throw new FolioError('validation', 'BAD_FORMAT', `format must be pdf, html or text, not ${String(job.format)}`, 'format');
  const dir = resources(opts);
  const builtin = builtinTemplate(job.model.type, dir);
  const isBuiltin = job.template.id === builtin.id && job.template.version === builtin.version;
  try {
    const bytes = await renderOnce(job, dir);
    return { bytes, mime: fmt.mime, ext: fmt.ext, templateFallback: false, fallbackReason: null };
  } catch (err) {
    // the built-in cannot fix these: missing seller details, or a model the engine refuses
    if (isBuiltin || (err instanceof FolioError && NO_FALLBACK.has(err.code))) throw err;
    const reason = `template ${job.template.id}@${job.template.version} failed: ${(err as Error).message}`;
    const bytes = await renderOnce({ ...job, template: builtin }, dir);
    return { bytes, mime: fmt.mime, ext: fmt.ext, templateFallback: true, fallbackReason: reason };
  }
}

/** The full self-description embedded in a rendered file (PDF, HTML or text), or null. */
export async function readEmbeddedInfo(bytes: Uint8Array, format: 'pdf' | 'html' | 'text' = 'pdf'): Promise<EmbeddedMetadata | null> {
  if (format === 'pdf') return readPdfMetadata(bytes);
  const text = new TextDecoder().decode(bytes);
  return format === 'html' ? readHtmlMetadata(text) : readTextMetadata(text);
}

/**
 * The ledger metadata JSON (the job's `metadata`) embedded in a rendered file, or null when the
 * file holds none (not a Folio file, truncated, damaged).
 */
export async function readEmbeddedMetadata(bytes: Uint8Array, format: 'pdf' | 'html' | 'text' = 'pdf'): Promise<Record<string, unknown> | null> {
  const info = await readEmbeddedInfo(bytes, format);
  return info ? info.metadata : null;
}
