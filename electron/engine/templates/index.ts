/**
 * Templates, engine-facing: resolution for a statement, and the operations behind the
 * `templates:*` handlers. Changes (save, rollback) are written with their audit entry in one
 * ledger transaction, then saved durably.
 */
import type { StatementType } from '../../../shared/contract/statements';
import type { TemplateBody, TemplateSummary, TemplateVersion } from '../../../shared/contract/templates';
import { appendAuditIn } from '../audit/log';
import type { Caller, Engine } from '../engine';
import { ledgerService } from '../store/ledger';
import { listTemplates, listVersions, resolveIn, rollbackTemplate, saveTemplate, type TemplateQuery } from './store';

export { builtinTemplate, defaultTemplateId } from './builtin';
export type { TemplateQuery } from './store';

/**
 * The template version a statement uses: pinned (`id` or `id@version`; "latest" = not pinned) >
 * the client's own > the billing contract type's > the type default > the built-in.
 */
export async function resolveTemplate(
  engine: Engine,
  q: { type: StatementType; contractType?: string | null; clientId?: string | null; pinned?: string | null },
): Promise<TemplateVersion> {
  const ledger = await engine.use(ledgerService);
  return resolveIn(ledger.db, engine.platform.resourcesDir, q as TemplateQuery);
}

export async function templatesList(engine: Engine): Promise<TemplateSummary[]> {
  return listTemplates((await engine.use(ledgerService)).db, engine.platform.resourcesDir);
}

export async function templateVersions(engine: Engine, id: string): Promise<TemplateVersion[]> {
  return listVersions((await engine.use(ledgerService)).db, engine.platform.resourcesDir, id);
}

export async function templateSave(engine: Engine, caller: Caller, id: string, body: TemplateBody): Promise<TemplateVersion> {
  const ledger = await engine.use(ledgerService);
  const at = engine.platform.now();
  const saved = ledger.db.transaction(() => {
    const v = saveTemplate(ledger.db, id, body, caller.user, at.toISOString());
    appendAuditIn(ledger.db, caller, 'template', { op: 'save', id, version: v.version, name: body.name, statementType: body.statementType }, at);
    return v;
  });
  await ledger.writer.commit();
  return saved;
}

export async function templateRollback(engine: Engine, caller: Caller, id: string, version: number): Promise<TemplateVersion> {
  const ledger = await engine.use(ledgerService);
  const at = engine.platform.now();
  const v = ledger.db.transaction(() => {
    const r = rollbackTemplate(ledger.db, engine.platform.resourcesDir, id, version, caller.user, at.toISOString());
    appendAuditIn(ledger.db, caller, 'template', { op: 'rollback', id, version }, at);
    return r;
  });
  await ledger.writer.commit();
  return v;
}
