/**
 * The built-in default templates (resources/templates/<type>.json): version 1 of the template
 * `default-<type>`, always available, never stored, and the fallback when a template fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATEMENT_TYPES, type StatementType } from '../../../shared/contract/statements';
import { templateBody, type TemplateVersion } from '../../../shared/contract/templates';
import { FolioError } from '../../../shared/errors';

export const BUILTIN_CREATED_AT = '2026-01-01T00:00:00.000Z';

export function defaultTemplateId(type: StatementType): string {
  return `default-${type}`;
}

/** The type whose default template this id is, or null. */
export function builtinType(id: string): StatementType | null {
  const m = /^default-(.+)$/.exec(id);
  return m && (STATEMENT_TYPES as readonly string[]).includes(m[1]!) ? (m[1] as StatementType) : null;
}

const cache = new Map<string, TemplateVersion>();

export function builtinTemplate(type: StatementType, resourcesDir: string): TemplateVersion {
  const key = `${resourcesDir}\u0000${type}`;
  let t = cache.get(key);
  if (!t) {
    const file = join(resourcesDir, 'templates', `${type}.json`);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new FolioError('internal', 'BUILTIN_TEMPLATE_MISSING', `The built-in template ${file} cannot be read: ${(err as Error).message}`);
    }
    const parsed = templateBody.safeParse(raw);
    if (!parsed.success) throw new FolioError('internal', 'BUILTIN_TEMPLATE_INVALID', `The built-in template ${file} is invalid: ${parsed.error.issues[0]?.message}`);
    t = Object.freeze({ id: defaultTemplateId(type), version: 1, current: true, body: parsed.data, createdBy: 'folio', createdAt: BUILTIN_CREATED_AT });
    cache.set(key, t);
  }
  // shared and immutable: callers copy before changing anything
  return t;
}
