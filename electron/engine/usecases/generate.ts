/**
 * Generate one statement (statements.md lifecycle):
 *   validate + compute (bad filters: a validation error, nothing recorded)
 *   → PENDING row with its line items → GENERATING → render in the pool (QA inside)
 *   → the file written once to the local store → COMPLETED (SHA-256, size) + its upload-queue row
 *     + the audit entry, in ONE transaction (the outbox) → the group-commit save
 *   or FAILED with the error (ERROR findings: a FAILED row, no file).
 * COMPLETED is reported only after the save that holds the row (unless the caller group-commits
 * itself: `awaitSave: false`, as the batch runner does).
 */
import { basename } from 'node:path';
import {
  generateInput,
  STATEMENT_META,
  type Finding,
  type GenerateResult,
  type Input,
  type ParsedInput,
  type StatementModel,
  type Settings,
  type StatementRequest,
  type TemplateVersion,
} from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { appendAuditIn } from '../audit/log';
import { parseInput, type Caller, type Engine } from '../engine';
import { buildComputeContext, computeStatement, subjectKey } from '../statements';
import { settingsService } from '../settings/service';
import { counts, uploadKeys } from '../store/upload-queue';
import { uploadQueue } from '../uploads/service';
import { findCompletedRef, insertPending, invoicedItems, markCompleted, markFailed, newRef, setStatus } from '../ledger/records';
import { renderDeps, type RenderDeps } from '../ledger/render-deps';
import { ledgerService, type Ledger } from '../ledger/service';
import { FORMAT_EXT, sha256Hex, storeRelPath, writeStoreFile } from '../store/files';
import { modelChecks, pinnedOf, storeChecks, templateQuery, withFindings } from './preflight';

export interface GenerateOptions {
  batchId?: string;
  /** default true: resolve only after the ledger save holding the row. false: the caller commits */
  awaitSave?: boolean;
  /** the template query's contract type (billing), when the caller knows it */
  contractType?: string;
}

export type GenerateInput = Input<'statement:generate'>;

function errorSummary(findings: Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'ERROR');
  return `blocked by ${errors.length} ERROR finding${errors.length === 1 ? '' : 's'}: ${errors
    .slice(0, 5)
    .map((f) => `${f.code}: ${f.message}`)
    .join('; ')}${errors.length > 5 ? ' …' : ''}`;
}


/** The statement's metadata JSON (ledger row and embedded in the file). */
function metadataOf(
  model: StatementModel,
  ref: string,
  extra: { templateId: string; templateVersion: number; generatedBy: string; generatedAt: string; format: string; subjectKey: string; reissueOf: string | null; batchId: string | null },
): Record<string, unknown> {
  return {
    type: model.type,
    statementTypeCd: STATEMENT_META[model.type].code,
    reference: ref,
    filters: model.filters,
    currency: model.currency,
    totals: model.totals,
    lineCount: model.lineCount,
    templateId: extra.templateId,
    templateVersion: extra.templateVersion,
    templateFallback: false,
    dataVersion: model.dataVersion,
    findings: model.findings,
    generatedBy: extra.generatedBy,
    generatedAt: extra.generatedAt,
    format: extra.format,
    subjectKey: extra.subjectKey,
    ...(extra.reissueOf ? { reissueOf: extra.reissueOf } : {}),
    ...(extra.batchId ? { batchId: extra.batchId } : {}),
  };
}

/** What one generation knows once its model is computed and its template resolved. */
interface Job {
  engine: Engine;
  caller: Caller;
  opts: GenerateOptions;
  request: StatementRequest;
  format: ParsedInput<'statement:generate'>['format'];
  ledger: Ledger;
  settings: Settings;
  deps: RenderDeps;
  model: StatementModel;
  template: TemplateVersion;
  at: string;
  subject: string;
  /** the COMPLETED statement of the same subject this one re-issues */
  reissueOf: string | null;
  batchId: string | null;
}

interface Stored {
  abs: string;
  rel: string;
  sha: string;
  size: number;
  fallback: boolean;
  fallbackReason: string | null;
}

export async function generateStatement(engine: Engine, rawInput: GenerateInput, caller: Caller, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const job = await computeJob(engine, rawInput, caller, opts);
  const { ref, metadata } = recordPending(job);
  // ERROR findings block the statement: recorded as FAILED, no file
  if (job.model.findings.some((f) => f.severity === 'ERROR')) return recordFailed(job, ref, errorSummary(job.model.findings));
  const stored = await renderAndStore(job, ref, metadata);
  if ('error' in stored) return recordFailed(job, ref, stored.error);
  await recordCompleted(job, ref, metadata, stored);
  return resultOf(job, ref, 'COMPLETED', stored);
}

/** 1. validate and compute: a bad filter throws here and nothing is recorded; then the template. */
async function computeJob(engine: Engine, rawInput: GenerateInput, caller: Caller, opts: GenerateOptions): Promise<Job> {
  const { request, format, template: pinned } = parseInput(generateInput, rawInput);
  const ledger = await engine.use(ledgerService);
  const settings = (await engine.use(settingsService)).values();
  const deps = await engine.use(renderDeps);
  const ctx = await buildComputeContext(engine, { invoicedItems: (ids) => invoicedItems(ledger.db, ids) });
  const computed = computeStatement(request, ctx);
  const pin = pinnedOf(pinned, settings['template.default']);
  const template = await deps.resolveTemplate(engine, templateQuery(request, { pinned: pin, contractType: opts.contractType }));
  // the preview's preflight, run here too: what would fail in rendering is an ERROR finding first
  const model = withFindings(computed, [...storeChecks(engine), ...modelChecks(computed, template, format, engine.platform.resourcesDir)]);
  const subject = subjectKey(request);
  return {
    engine, caller, opts, request, format, ledger, settings, deps, model, template,
    at: engine.platform.now().toISOString(),
    subject,
    reissueOf: findCompletedRef(ledger.db, subject),
    batchId: opts.batchId ?? null,
  };
}

/** 2. PENDING with its line items (ref allocated and inserted in one synchronous step: unique). */
function recordPending(job: Job): { ref: string; metadata: Record<string, unknown> } {
  const { ledger, request, model, template, format, subject, reissueOf, batchId, at } = job;
  const user = job.caller.user;
  const ref = newRef(ledger.db, request.type, new Date(at));
  const metadata = metadataOf(model, ref, {
    templateId: template.id, templateVersion: template.version, generatedBy: user, generatedAt: at, format, subjectKey: subject, reissueOf, batchId,
  });
  insertPending(ledger.db, {
    ref, type: request.type, model, metadata, user, at, format,
    templateId: template.id, templateVersion: template.version, subjectKey: subject, reissueOf, batchId,
  });
  // History and the header show the statement in progress at once, not only when it is done (a
  // batch run reports its own progress: no event per started statement there)
  if (!batchId) job.engine.emit('ledger:changed', { ref, status: 'PENDING' });
  return { ref, metadata };
}

/**
 * 3. GENERATING → render (QA inside the renderer) → the file, written once.
 * (no save here: saves are O(ledger size); a crash after the file is written leaves a file that
 * reconciliation identifies from its embedded metadata)
 */
async function renderAndStore(job: Job, ref: string, metadata: Record<string, unknown>): Promise<Stored | { error: string }> {
  const { engine, ledger, model, template, format, at, opts } = job;
  setStatus(ledger.db, ref, 'GENERATING', job.caller.user, engine.platform.now().toISOString());
  try {
    const out = await job.deps.render(engine, { model, template, format, ref, generatedAt: at, generatedBy: job.caller.user, metadata });
    const rel = storeRelPath(ref, at, out.ext || FORMAT_EXT[format]!.ext);
    // a caller that group-commits (batch) has the folder fsynced once before its save, not per file
    const abs = await writeStoreFile(engine, ledger.storeDir, rel, out.bytes, opts.awaitSave === false ? { deferDirSync: ledger.storeDirSyncs } : {});
    return { abs, rel, sha: sha256Hex(out.bytes), size: out.bytes.length, fallback: out.templateFallback, fallbackReason: out.fallbackReason };
  } catch (err) {
    const e = err instanceof FolioError ? err : new FolioError('internal', 'RENDER_FAILED', (err as Error).message);
    return { error: `${e.code}: ${e.message}` };
  }
}

/** FAILED with its error and audit entry in one transaction, then the save. */
async function recordFailed(job: Job, ref: string, message: string): Promise<GenerateResult> {
  const { engine, ledger, caller, request, batchId } = job;
  ledger.db.transaction(() => {
    markFailed(ledger.db, ref, message, caller.user, engine.platform.now().toISOString());
    appendAuditIn(ledger.db, caller, 'generate', { ref, type: request.type, status: 'FAILED', error: message.slice(0, 500), batchId }, engine.platform.now());
  });
  await save(ledger, job.opts);
  engine.emit('ledger:changed', { ref, status: 'FAILED' });
  return resultOf(job, ref, 'FAILED', null, message);
}

/** 4. the outbox: COMPLETED + upload-queue row + audit entry in one transaction, then the save. */
async function recordCompleted(job: Job, ref: string, metadata: Record<string, unknown>, stored: Stored): Promise<void> {
  const { engine, ledger, settings, caller, request, at } = job;
  const keys = uploadKeys(settings['s3.prefix'], STATEMENT_META[request.type].code, at, ref, stored.rel.split('.').pop() ?? FORMAT_EXT[job.format]!.ext);
  const finalMeta = { ...metadata, templateFallback: stored.fallback, ...(stored.fallbackReason ? { templateFallbackReason: stored.fallbackReason } : {}) };
  ledger.db.transaction(() => {
    markCompleted(ledger.db, {
      ref,
      filePath: stored.rel,
      fileName: basename(stored.rel),
      sizeBytes: stored.size,
      sha256: stored.sha,
      s3Key: keys.key,
      metaKey: keys.metaKey,
      uploadStatus: settings['s3.bucket'] ? 'QUEUED' : 'LOCAL_ONLY',
      user: caller.user,
      at: engine.platform.now().toISOString(),
      metadata: finalMeta,
    });
    appendAuditIn(ledger.db, caller, 'generate', completedAudit(job, ref, stored), engine.platform.now());
  });
  await saveCompleted(job, ref);
  engine.emit('ledger:changed', { ref, status: 'COMPLETED' });
  if (job.opts.awaitSave !== false) {
    engine.emit('uploads:changed', counts(ledger.db));
    if (settings['s3.bucket']) (await engine.use(uploadQueue)).kick();
  }
}

function completedAudit(job: Job, ref: string, stored: Stored): Record<string, unknown> {
  const { request, subject, template, reissueOf, batchId } = job;
  return {
    ref, type: request.type, status: 'COMPLETED', sha256: stored.sha, sizeBytes: stored.size, subjectKey: subject,
    template: `${template.id}@${template.version}`, ...(reissueOf ? { reissueOf } : {}), batchId,
  };
}

async function saveCompleted(job: Job, ref: string): Promise<void> {
  try {
    await save(job.ledger, job.opts);
  } catch (err) {
    throw new FolioError(
      'io',
      'LEDGER_SAVE_FAILED',
      `Statement ${ref} was made but the ledger could not be saved (${(err as Error).message}); it is not reported COMPLETED until a later save holds it`,
    );
  }
}

function resultOf(job: Job, ref: string, status: 'COMPLETED' | 'FAILED', stored: Stored | null, error?: string): GenerateResult {
  const { request, model, template } = job;
  return {
    type: request.type,
    ref,
    status,
    file: stored?.abs ?? null,
    sha256: stored?.sha ?? null,
    sizeBytes: stored?.size ?? null,
    lineCount: model.lineCount,
    totals: model.totals,
    findings: model.findings,
    templateId: template.id,
    templateVersion: template.version,
    templateFallback: stored?.fallback ?? false,
    ...(model.payees ? { payees: model.payees } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

async function save(ledger: Ledger, opts: GenerateOptions): Promise<void> {
  if (opts.awaitSave === false) return;
  await ledger.writer.commit();
}
