/**
 * The machine-wide policy file IT deploys. Its `settings` win over the user's and are locked.
 * {
 *   "settings": { "s3.bucket": "acme-statements", "user.role": "accountant", ... },
 *   "locked": ["s3.endpoint"],          // extra keys the user may not change (their current value stays)
 *   "templates": "C:\\Folio\\templates" // optional: a template set folder
 * }
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { settingsSchema, type SettingKey, type Settings } from '../../../shared/contract';

export const policySchema = z
  .object({
    settings: settingsSchema.partial().default({}),
    locked: z.array(z.enum(Object.keys(settingsSchema.shape) as [SettingKey, ...SettingKey[]])).default([]),
    templates: z.string().max(2000).optional(),
  })
  .strict();

export interface Policy {
  file: string | null;
  settings: Partial<Settings>;
  locked: SettingKey[];
  templatesDir: string | null;
  error: string | null;
}

export function readPolicy(files: string[]): Policy {
  for (const file of files) {
    if (!existsSync(file)) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      return { file, settings: {}, locked: [], templatesDir: null, error: `${file} is not valid JSON: ${(err as Error).message}` };
    }
    const parsed = policySchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return {
        file,
        settings: {},
        locked: [],
        templatesDir: null,
        error: `${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`,
      };
    }
    const p = parsed.data;
    const locked = [...new Set([...(Object.keys(p.settings) as SettingKey[]), ...p.locked])];
    return { file, settings: p.settings as Partial<Settings>, locked, templatesDir: p.templates ?? null, error: null };
  }
  return { file: null, settings: {}, locked: [], templatesDir: null, error: null };
}
