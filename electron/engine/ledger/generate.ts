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
  type StatementModel,
  type StatementRequest,
} from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { appendAuditIn } from '../audit/log';
import { parseInput, type Caller, type Engine } from '../engine';
import { buildComputeContext, computeStatement, subjectKey } from '../statements';
import { settingsService } from '../settings/service';
import { counts, uploadKeys } from '../uploads/queue';
import { uploadQueue } from '../uploads/service';
import { findCompletedBySubject, insertPending, invoicedItems, markCompleted, markFailed, newRef, setStatus } from './records';
import { renderDeps } from './render-deps';
import { ledgerService, type Ledger } from './service';
import { FORMAT_EXT, sha256Hex, storeRelPath, writeStoreFile } from './store';

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

function pinnedOf(template: string | undefined, settingsDefault: string): string | undefined {
  const t = template?.trim() || settingsDefault.trim();
  return t || undefined;
}

function clientOf(request: StatementRequest): string | undefined {
  const f = request.filters as Record<string, unknown>;
  const v = f.clientId ?? f.partyId;
  return typeof v === 'string' ? v : undefined;
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

export async function generateStatement(engine: Engine, rawInput: GenerateInput, caller: Caller, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const input = parseInput(generateInput, rawInput);
  const { request, format } = input;
  const ledger = await engine.use(ledgerService);
  const settings = (await engine.use(settingsService)).values();
  const deps = renderDeps();

  // 1. validate and compute: a bad filter throws here and nothing is recorded
  const ctx = await buildComputeContext(engine, { invoicedItems: (ids) => invoicedItems(ledger.db, ids) });
  const model = computeStatement(request, ctx);
  const template = await deps.resolveTemplate(engine, {
    type: request.type,
    ...(opts.contractType ? { contractType: opts.contractType } : {}),
    ...(clientOf(request) ? { clientId: clientOf(request)! } : {}),
    ...(pinnedOf(input.template, settings['template.default']) ? { pinned: pinnedOf(input.template, settings['template.default'])! } : {}),
  });

  const user = caller.user;
  const now = engine.platform.now();
  const at = now.toISOString();
  const subject = subjectKey(request);
  const previous = findCompletedBySubject(ledger.db, subject);
  const batchId = opts.batchId ?? null;
  const ext = FORMAT_EXT[format]!.ext;
  const result = (ref: string, status: 'COMPLETED' | 'FAILED', file: string | null, sha: string | null, size: number | null, fallback: boolean, error?: string): GenerateResult => ({
    type: request.type,
    ref,
    status,
    file,
    sha256: sha,
    sizeBytes: size,
    lineCount: model.lineCount,
    totals: model.totals,
    findings: model.findings,
    templateId: template.id,
    templateVersion: template.version,
    templateFallback: fallback,
    ...(model.payees ? { payees: model.payees } : {}),
    ...(error !== undefined ? { error } : {}),
  });

  // 2. PENDING with its line items (ref allocated and inserted in one synchronous step: unique)
  const ref = newRef(ledger.db, request.type, now);
  const metadata = metadataOf(model, ref, {
    templateId: template.id,
    templateVersion: template.version,
    generatedBy: user,
    generatedAt: at,
    format,
    subjectKey: subject,
    reissueOf: previous?.statementRef ?? null,
    batchId,
  });
  insertPending(ledger.db, {
    ref,
    type: request.type,
    model,
    metadata,
    user,
    at,
    format,
    templateId: template.id,
    templateVersion: template.version,
    subjectKey: subject,
    reissueOf: previous?.statementRef ?? null,
    batchId,
  });
  // History and the header show the statement in progress at once, not only when it is done (a
  // batch run reports its own progress: no event per started statement there)
  if (!batchId) engine.emit('ledger:changed', { ref, status: 'PENDING' });

  const fail = async (message: string, extra?: Record<string, unknown>): Promise<GenerateResult> => {
    ledger.db.transaction(() => {
      markFailed(ledger.db, ref, message, user, engine.platform.now().toISOString(), extra);
      appendAuditIn(ledger.db, caller, 'generate', { ref, type: request.type, status: 'FAILED', error: message.slice(0, 500), batchId }, engine.platform.now());
    });
    await save(ledger, opts);
    engine.emit('ledger:changed', { ref, status: 'FAILED' });
    return result(ref, 'FAILED', null, null, null, false, message);
  };

  // ERROR findings block the statement: recorded as FAILED, no file
  if (model.findings.some((f) => f.severity === 'ERROR')) return fail(errorSummary(model.findings));

  // 3. GENERATING → render (QA inside the renderer) → the file, written once
  // (no save here: saves are O(ledger size); a crash after the file is written leaves a file that
  // reconciliation identifies from its embedded metadata)
  setStatus(ledger.db, ref, 'GENERATING', user, engine.platform.now().toISOString());
  let stored: { abs: string; rel: string; sha: string; size: number; fallback: boolean; fallbackReason: string | null };
  try {
    const out = await deps.render(engine, { model, template, format, ref, generatedAt: at, generatedBy: user, metadata });
    const rel = storeRelPath(ref, at, out.ext || ext);
    // a caller that group-commits (batch) has the folder fsynced once before its save, not per file
    const abs = await writeStoreFile(engine, ledger.storeDir, rel, out.bytes, opts.awaitSave === false ? { deferDirSync: ledger.storeDirSyncs } : {});
    stored = { abs, rel, sha: sha256Hex(out.bytes), size: out.bytes.length, fallback: out.templateFallback, fallbackReason: out.fallbackReason };
  } catch (err) {
    const e = err instanceof FolioError ? err : new FolioError('internal', 'RENDER_FAILED', (err as Error).message);
    return fail(`${e.code}: ${e.message}`);
  }

  // 4. the outbox: COMPLETED + upload-queue row + audit entry in one transaction, then the save
  const keys = uploadKeys(settings['s3.prefix'], STATEMENT_META[request.type].code, at, ref, stored.rel.split('.').pop() ?? ext);
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
      user,
      at: engine.platform.now().toISOString(),
      metadata: finalMeta,
    });
    appendAuditIn(
      ledger.db,
      caller,
      'generate',
      { ref, type: request.type, status: 'COMPLETED', sha256: stored.sha, sizeBytes: stored.size, subjectKey: subject, template: `${template.id}@${template.version}`, ...(previous ? { reissueOf: previous.statementRef } : {}), batchId },
      engine.platform.now(),
    );
  });
  try {
    await save(ledger, opts);
  } catch (err) {
    throw new FolioError(
      'io',
      'LEDGER_SAVE_FAILED',
      `Statement ${ref} was made but the ledger could not be saved (${(err as Error).message}); it is not reported COMPLETED until a later save holds it`,
    );
  }
  engine.emit('ledger:changed', { ref, status: 'COMPLETED' });
  if (opts.awaitSave !== false) {
    engine.emit('uploads:changed', counts(ledger.db));
    if (settings['s3.bucket']) (await engine.use(uploadQueue)).kick();
  }
  return result(ref, 'COMPLETED', stored.abs, stored.sha, stored.size, stored.fallback);
}

async function save(ledger: Ledger, opts: GenerateOptions): Promise<void> {
  if (opts.awaitSave === false) return;
  await ledger.writer.commit();
}
