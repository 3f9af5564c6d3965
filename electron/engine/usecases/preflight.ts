/**
 * "No surprise at Generate" (issue 16 item 4): everything that would make Generate fail and can be
 * known before rendering, checked the same way by the preview (as ERROR findings naming the fix)
 * and by generate (which refuses with the same code). docs/rules.md lists every FAILED path of
 * generate with its preview-time twin, and the few that cannot be known in advance.
 *
 * Checks, in order:
 *   - the template resolves (pinned id/version, the settings' default, its type) — the resolver's
 *     own error codes (TEMPLATE_NOT_FOUND, TEMPLATE_VERSION_NOT_FOUND, TEMPLATE_WRONG_TYPE,
 *     BAD_TEMPLATE_REF); generate throws them, the preview shows them as ERROR findings;
 *   - the ledger can be written (LEDGER_IN_USE: another Folio process holds it);
 *   - the store folder is writable and the disk has room (STORE_NOT_WRITABLE, DISK_FULL);
 *   - the model half of the renderer's QA (QA_FAILED: lines add up to the totals);
 *   - a UK VAT invoice's template has the seller's name, address and VAT number
 *     (UK_INVOICE_SELLER_DETAILS; the renderer's own check, render/uk-seller.ts);
 *   - every character of the statement's text is in a configured font, for PDF (MISSING_GLYPH,
 *     FONT_NOT_FOUND).
 */
import { accessSync, constants, existsSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, OutputFormat, StatementModel, StatementRequest, TemplateVersion } from '../../../shared/contract';
import { templateBody } from '../../../shared/contract/templates';
import { FolioError } from '../../../shared/errors';
import { isWellFormedLocale } from '../../../shared/format';
import type { Database } from '../db/database';
import type { Engine } from '../engine';
import { ledgerService, storeDirOf } from '../ledger/service';
import { cleanText, loadFontSet } from '../render/fonts/fontset';
import { checkModel } from '../render/qa';
import { ukSellerError, ukSellerFallbackError, ukSellerMissing } from '../render/uk-seller';
import { builtinTemplate } from '../templates';
import { resolveIn } from '../templates/store';

/** Free space a statement needs besides the ledger's own copy (a save writes the ledger anew). */
const MIN_FREE_BYTES = 16 * 1024 * 1024;

/** What generate would use: the template query's parts. */
export interface TemplateChoice {
  /** `id`, `id@version` or undefined (the type's, the client's …) */
  pinned?: string | undefined;
  contractType?: string | undefined;
}

function finding(code: string, message: string, subject?: string): Finding {
  return { severity: 'ERROR', code, message, ...(subject ? { subject } : {}) };
}

function fromError(err: unknown, fix: string): Finding {
  if (err instanceof FolioError) return finding(err.code, `${err.message}${fix ? `. ${fix}` : ''}`, err.field);
  throw err;
}

function clientOf(request: StatementRequest): string | undefined {
  const f = request.filters as Record<string, unknown>;
  const v = f.clientId ?? f.partyId;
  return typeof v === 'string' ? v : undefined;
}

/** The pinned template generate uses: the one asked for, else the settings' `template.default`. */
export function pinnedOf(template: string | undefined, settingsDefault: string): string | undefined {
  const t = template?.trim() || settingsDefault.trim();
  return t || undefined;
}

/** The template query of a statement (generate and the preview resolve with the same one). */
export function templateQuery(
  request: StatementRequest,
  choice: TemplateChoice,
): { type: StatementRequest['type']; contractType?: string; clientId?: string; pinned?: string } {
  const clientId = clientOf(request);
  return {
    type: request.type,
    ...(choice.contractType ? { contractType: choice.contractType } : {}),
    ...(clientId ? { clientId } : {}),
    ...(choice.pinned ? { pinned: choice.pinned } : {}),
  };
}

/** Why the renderer would not draw with a template (it then falls back to the built-in), or null. */
interface Fallback {
  reason: string;
  field: string;
}

/**
 * The template the renderer really draws with: the chosen one when its body is valid (and its
 * locale well formed), else the built-in default it falls back to, and why.
 */
function effectiveTemplate(template: TemplateVersion, resourcesDir: string): { drawn: TemplateVersion; fallback: Fallback | null } {
  const parsed = templateBody.safeParse(template.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const drawn = builtinTemplate(template.body?.statementType ?? 'client', resourcesDir);
    return { drawn, fallback: { reason: `${issue.path.join('.')}: ${issue.message}`, field: `template.${issue.path.join('.')}` } };
  }
  if (!isWellFormedLocale(parsed.data.locale)) {
    const drawn = builtinTemplate(parsed.data.statementType, resourcesDir);
    return { drawn, fallback: { reason: `its locale "${parsed.data.locale}" is not a valid locale tag (such as en-GB)`, field: 'template.locale' } };
  }
  return { drawn: { ...template, body: parsed.data }, fallback: null };
}

/** Every text of the model the PDF may draw (the filters are the request's, not drawn). */
function* texts(value: unknown, key = ''): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* texts(v);
  else if (value && typeof value === 'object' && key !== 'filters') for (const [k, v] of Object.entries(value)) yield* texts(v, k);
}

/** The first character of the model's text no configured font has, as the renderer would report it. */
function glyphFinding(model: StatementModel, resourcesDir: string): Finding | null {
  let fonts: ReturnType<typeof loadFontSet> | null = null;
  for (const raw of texts(model)) {
    // printable ASCII is in every face Folio ships: only other text needs the fonts (loaded lazily)
    if (/^[\x20-\x7e]*$/.test(raw)) continue;
    const text = cleanText(raw);
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0x20 && cp <= 0x7e) continue;
      try {
        fonts ??= loadFontSet(resourcesDir);
      } catch (err) {
        return fromError(err, 'Fix the font configuration (resources/fonts/fonts.json or FOLIO_EXTRA_FONTS)');
      }
      if (!fonts.lookup(cp, 0) || !fonts.lookup(cp, 1)) {
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        const shown = text.length > 80 ? `${text.slice(0, 77)}…` : text;
        return finding(
          'MISSING_GLYPH',
          `The character "${ch}" (U+${hex}) in "${shown}" is not in any configured font: add a font that has it (resources/fonts/fonts.json or FOLIO_EXTRA_FONTS), or correct the text in the data, or generate HTML or text instead`,
          'font',
        );
      }
    }
  }
  return null;
}

/**
 * The checks of the model against the template it would be drawn with (synchronous, no I/O but
 * the fonts): QA of the model, a UK invoice's seller details, every character in a font (PDF).
 */
export function modelChecks(model: StatementModel, template: TemplateVersion, format: OutputFormat, resourcesDir: string): Finding[] {
  const out: Finding[] = [];
  try {
    checkModel(model, `this ${model.type} statement`);
  } catch (err) {
    out.push(fromError(err, 'This is a fault in Folio, not in your data: please report it with the statement\'s filters'));
  }
  const { drawn, fallback } = effectiveTemplate(template, resourcesDir);
  const missing = ukSellerMissing(model, drawn);
  if (missing.length) {
    // a template that cannot be drawn falls back to the built-in, which has no seller: the fix is
    // in the chosen template (its locale or body), not in the built-in the finding would name
    const e = fallback ? ukSellerFallbackError(template, fallback, missing) : ukSellerError(drawn, missing);
    out.push(finding(e.code, e.message, e.field));
  }
  if (format === 'pdf') {
    const g = glyphFinding(model, resourcesDir);
    if (g) out.push(g);
  }
  return out;
}

/** The ledger and the store can take a new statement: ERROR findings when they cannot. */
export function storeChecks(engine: Engine): Finding[] {
  const dataDir = engine.platform.dataDir;
  const storeDir = storeDirOf(engine);
  const dir = existsSync(storeDir) ? storeDir : dataDir;
  try {
    accessSync(dir, constants.W_OK);
  } catch (err) {
    return [finding('STORE_NOT_WRITABLE', `The statement store ${dir} cannot be written (${(err as NodeJS.ErrnoException).code ?? 'error'}): give your account write access to the data folder, or choose another data folder`, 'store')];
  }
  const ledgerFile = join(dataDir, 'ledger.sqlite');
  const ledgerBytes = existsSync(ledgerFile) ? statSync(ledgerFile).size : 0;
  const override = Number(engine.platform.env.FOLIO_MIN_FREE_BYTES);
  const need = (Number.isFinite(override) && override > 0 ? override : MIN_FREE_BYTES) + ledgerBytes;
  try {
    const fs = statfsSync(dir);
    const free = Number(fs.bavail) * Number(fs.bsize);
    if (free < need) {
      const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
      return [finding('DISK_FULL', `The disk holding ${dir} has ${mb(free)} free; a statement and the ledger's save need ${mb(need)}: free some space on that disk`, 'store')];
    }
  } catch {
    // statfs is not available on every file system: the write itself will tell
  }
  return [];
}

/** Generate needs the ledger for writing; another Folio process holding it is an ERROR finding. */
async function ledgerCheck(engine: Engine): Promise<Finding[]> {
  try {
    await engine.use(ledgerService);
    return [];
  } catch (err) {
    if ((err as { code?: string }).code !== 'LEDGER_IN_USE') throw err;
    return [fromError(err, 'Generate needs the ledger: close the other Folio process (the app or a batch), or generate there')];
  }
}

/**
 * The preview's preflight: the ERROR findings Generate would fail on, with the same codes. The
 * template is resolved as generate resolves it (`ledger`: the ledger database, read-only is fine).
 */
export async function previewPreflight(
  engine: Engine,
  ledger: Database,
  model: StatementModel,
  opts: { request: StatementRequest; choice: TemplateChoice; format: OutputFormat },
): Promise<Finding[]> {
  const out = await ledgerCheck(engine);
  out.push(...storeChecks(engine));
  let template: TemplateVersion;
  try {
    template = resolveIn(ledger, engine.platform.resourcesDir, templateQuery(opts.request, opts.choice));
  } catch (err) {
    out.push(fromError(err, 'Choose another template on the Generate form, or fix template.default in Settings'));
    return out;
  }
  out.push(...modelChecks(model, template, opts.format, engine.platform.resourcesDir));
  return out;
}

/** Findings added to a model (a copy: the preview keeps full models for paging). */
export function withFindings(model: StatementModel, extra: Finding[]): StatementModel {
  return extra.length ? { ...model, findings: [...model.findings, ...extra] } : model;
}
