/**
 * Templates in the ledger (003_templates.sql): list, versions, save (a new version, made
 * current), rollback (an earlier version made current) and resolution for a statement:
 * pinned `id@version` > the client's own > the billing contract type's > the type default
 * (`default-<type>`, whose version 1 is the built-in) > the built-in.
 */
import { STATEMENT_TYPES, type StatementType } from '../../../shared/contract/statements';
import { templateBody, type TemplateBody, type TemplateSummary, type TemplateVersion } from '../../../shared/contract/templates';
import { FolioError } from '../../../shared/errors';
import type { Database } from '../db/database';
import { builtinTemplate, builtinType, defaultTemplateId } from './builtin';

interface TemplateRow {
  id: string;
  name: string;
  statement_type: string;
  contract_type: string | null;
  client_id: string | null;
  current_version: number;
  latest_version: number;
}
interface VersionRow {
  template_id: string;
  version: number;
  body: string;
  created_by: string;
  created_at: string;
}

export interface TemplateQuery {
  type: StatementType;
  contractType?: string | null;
  clientId?: string | null;
  /** `id` (its current version) or `id@version` */
  pinned?: string | null;
}

function parseBody(row: VersionRow): TemplateBody {
  try {
    return templateBody.parse(JSON.parse(row.body));
  } catch {
    // a stored body that no longer validates is still returned: rendering falls back to the built-in
    return JSON.parse(row.body) as TemplateBody;
  }
}

function toVersion(row: VersionRow, current: number): TemplateVersion {
  return { id: row.template_id, version: row.version, current: row.version === current, body: parseBody(row), createdBy: row.created_by, createdAt: row.created_at };
}

function templateRow(db: Database, id: string): TemplateRow | undefined {
  return db.get<TemplateRow>('SELECT * FROM template WHERE id = ?', [id]);
}

/** One version of a template (the built-in for `default-<type>@1`), or null. */
export function getVersion(db: Database, resourcesDir: string, id: string, version?: number): TemplateVersion | null {
  const row = templateRow(db, id);
  const type = builtinType(id);
  const want = version ?? row?.current_version ?? (type ? 1 : undefined);
  if (want === undefined) return null;
  if (type && want === 1) return { ...builtinTemplate(type, resourcesDir), current: (row?.current_version ?? 1) === 1 };
  if (!row) return null;
  const v = db.get<VersionRow>('SELECT * FROM template_version WHERE template_id = ? AND version = ?', [id, want]);
  return v ? toVersion(v, row.current_version) : null;
}

export function listTemplates(db: Database, resourcesDir: string): TemplateSummary[] {
  const rows = db.all<TemplateRow>('SELECT * FROM template ORDER BY statement_type, id');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: TemplateSummary[] = [];
  for (const type of STATEMENT_TYPES) {
    const id = defaultTemplateId(type);
    const r = byId.get(id);
    out.push({
      id,
      name: r?.name ?? builtinTemplate(type, resourcesDir).body.name,
      statementType: type,
      contractType: null,
      clientId: null,
      currentVersion: r?.current_version ?? 1,
      latestVersion: r?.latest_version ?? 1,
      builtIn: true,
    });
  }
  for (const r of rows) {
    if (builtinType(r.id)) continue;
    out.push({
      id: r.id,
      name: r.name,
      statementType: r.statement_type as StatementType,
      contractType: r.contract_type,
      clientId: r.client_id,
      currentVersion: r.current_version,
      latestVersion: r.latest_version,
      builtIn: false,
    });
  }
  return out;
}

export function listVersions(db: Database, resourcesDir: string, id: string): TemplateVersion[] {
  const row = templateRow(db, id);
  const type = builtinType(id);
  if (!row && !type) throw new FolioError('not_found', 'TEMPLATE_NOT_FOUND', `There is no template ${id}`, 'id');
  const out: TemplateVersion[] = [];
  if (type) out.push({ ...builtinTemplate(type, resourcesDir), current: (row?.current_version ?? 1) === 1 });
  if (row) {
    for (const v of db.all<VersionRow>('SELECT * FROM template_version WHERE template_id = ? ORDER BY version', [id])) out.push(toVersion(v, row.current_version));
  }
  return out;
}

/** Saves a new version and makes it current (inside the caller's transaction). */
export function saveTemplate(db: Database, id: string, body: TemplateBody, user: string, at: string): TemplateVersion {
  if (id.includes('@')) throw new FolioError('validation', 'BAD_TEMPLATE_ID', 'id: a template id cannot contain "@" (it separates the version)', 'id');
  const type = builtinType(id);
  if (id.startsWith('default-') && !type) throw new FolioError('validation', 'BAD_TEMPLATE_ID', `id: "default-" is kept for the type defaults (default-client … default-billing)`, 'id');
  if (type && (body.statementType !== type || body.clientId !== null || body.contractType !== null)) {
    throw new FolioError('validation', 'BAD_TEMPLATE', `body: ${id} is the ${type} default: its statementType must be ${type}, with no clientId and no contractType`, 'body.statementType');
  }
  if (body.contractType !== null && body.statementType !== 'billing') {
    throw new FolioError('validation', 'BAD_TEMPLATE', 'body.contractType: only billing statement templates have a contract type', 'body.contractType');
  }
  const row = templateRow(db, id);
  if (row && row.statement_type !== body.statementType) {
    throw new FolioError('conflict', 'TEMPLATE_TYPE_CHANGE', `body.statementType: template ${id} is a ${row.statement_type} template; save a new template for ${body.statementType}`, 'body.statementType');
  }
  const version = row ? row.latest_version + 1 : type ? 2 : 1;
  if (row) {
    db.run(
      'UPDATE template SET name = ?, contract_type = ?, client_id = ?, current_version = ?, latest_version = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      [body.name, body.contractType, body.clientId, version, version, at, user, id],
    );
  } else {
    db.run(
      'INSERT INTO template (id, name, statement_type, contract_type, client_id, current_version, latest_version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [id, body.name, body.statementType, body.contractType, body.clientId, version, version, at, user],
    );
  }
  db.run('INSERT INTO template_version (template_id, version, body, created_by, created_at) VALUES (?, ?, ?, ?, ?)', [id, version, JSON.stringify(body), user, at]);
  return { id, version, current: true, body, createdBy: user, createdAt: at };
}

/** Makes an earlier (or later) version current (inside the caller's transaction). */
export function rollbackTemplate(db: Database, resourcesDir: string, id: string, version: number, user: string, at: string): TemplateVersion {
  const target = getVersion(db, resourcesDir, id, version);
  if (!target) {
    const known = templateRow(db, id) || builtinType(id);
    throw known
      ? new FolioError('not_found', 'TEMPLATE_VERSION_NOT_FOUND', `version: template ${id} has no version ${version}`, 'version')
      : new FolioError('not_found', 'TEMPLATE_NOT_FOUND', `id: there is no template ${id}`, 'id');
  }
  const row = templateRow(db, id);
  if (row) {
    const b = target.body;
    db.run('UPDATE template SET current_version = ?, name = ?, contract_type = ?, client_id = ?, updated_at = ?, updated_by = ? WHERE id = ?', [
      version,
      b.name,
      b.contractType ?? null,
      b.clientId ?? null,
      at,
      user,
      id,
    ]);
  }
  return { ...target, current: true };
}

function parsePinned(pinned: string): { id: string; version?: number } {
  const at = pinned.lastIndexOf('@');
  if (at < 0) return { id: pinned };
  const v = pinned.slice(at + 1);
  if (!/^[1-9]\d*$/.test(v)) throw new FolioError('validation', 'BAD_TEMPLATE_REF', `template: "${pinned}" must be an id or id@version (version a positive whole number)`, 'template');
  return { id: pinned.slice(0, at), version: Number(v) };
}

/** The template version a statement of this kind uses. */
export function resolveIn(db: Database, resourcesDir: string, q: TemplateQuery): TemplateVersion {
  if (q.pinned && q.pinned !== 'latest') {
    const p = parsePinned(q.pinned);
    const t = getVersion(db, resourcesDir, p.id, p.version);
    if (!t) {
      const known = templateRow(db, p.id) || builtinType(p.id);
      throw known
        ? new FolioError('not_found', 'TEMPLATE_VERSION_NOT_FOUND', `template: ${p.id} has no version ${p.version}`, 'template')
        : new FolioError('not_found', 'TEMPLATE_NOT_FOUND', `template: there is no template ${p.id}`, 'template');
    }
    if (t.body.statementType !== q.type) {
      throw new FolioError('validation', 'TEMPLATE_WRONG_TYPE', `template: ${p.id} is a ${t.body.statementType} template, not a ${q.type} template`, 'template');
    }
    return t;
  }
  const candidates: Array<[string, unknown[]]> = [];
  if (q.clientId && q.contractType) {
    candidates.push(['statement_type = ? AND client_id = ? AND contract_type = ?', [q.type, q.clientId, q.contractType]]);
  }
  if (q.clientId) candidates.push(['statement_type = ? AND client_id = ? AND contract_type IS NULL', [q.type, q.clientId]]);
  if (q.contractType) candidates.push(['statement_type = ? AND client_id IS NULL AND contract_type = ?', [q.type, q.contractType]]);
  for (const [where, params] of candidates) {
    const row = db.get<{ id: string }>(`SELECT id FROM template WHERE ${where} ORDER BY updated_at DESC, id LIMIT 1`, params as string[]);
    if (row) {
      const t = getVersion(db, resourcesDir, row.id);
      if (t) return t;
    }
  }
  return getVersion(db, resourcesDir, defaultTemplateId(q.type)) ?? builtinTemplate(q.type, resourcesDir);
}
