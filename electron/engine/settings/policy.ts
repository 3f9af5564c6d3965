/**
 * The machine-wide policy file IT deploys (docs/it.md, "Policy file"):
 *   Windows %ProgramData%\Folio\policy.json · macOS /Library/Application Support/Folio/policy.json
 *   Linux /etc/folio/policy.json · FOLIO_POLICY_FILE (tests, special deployments)
 * {
 *   "version": 1,
 *   "settings": { "s3.bucket": "acme-statements", "source.s3": "s3://acme-billing/bundles/", ... },
 *   "locked": ["locale"] | "*",          // more keys the user may not change (their value stays)
 *   "role": "accountant",                // everyone's role on this machine (= settings["user.role"])
 *   "roles": { "CORP\\alice": "admin", "*": "viewer" },   // per OS account; "*" = everyone else
 *   "templates": "C:\\Folio\\templates", // a template set folder
 *   "encryption": "required" | "auto" | "off" | { "mode": "required", "keyFile": "/etc/folio/folio.key" }
 * }
 * Every key in "settings" is managed (locked): it wins over the user's settings and the
 * environment. An invalid policy never falls open: Folio runs locked down (see `lockedDown`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { settingsSchema, type Role, type SettingKey, type Settings } from '../../../shared/contract';

export type EncryptionMode = 'auto' | 'required' | 'off';

export interface PolicyEncryption {
  /** auto: encrypt when a key source exists; required: refuse to store data plain; off: never start encrypting */
  mode: EncryptionMode;
  /** an IT-deployed key file (the CLI and the app both use it) */
  keyFile: string | null;
}

export interface Policy {
  file: string | null;
  /** managed values (only the keys the policy sets, plus the resolved role) */
  settings: Partial<Settings>;
  /** keys the user may not change */
  locked: SettingKey[];
  templatesDir: string | null;
  encryption: PolicyEncryption;
  /** why the policy file was rejected (Folio then runs locked down), else null */
  error: string | null;
}

const SETTING_KEYS = Object.keys(settingsSchema.shape) as SettingKey[];
const role = z.enum(['viewer', 'accountant', 'admin']);
const absPath = z
  .string()
  .min(1)
  .max(2000)
  .refine((p) => isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'must be an absolute path');

export const policySchema = z
  .object({
    $schema: z.string().max(2000).optional(),
    comment: z.string().max(10000).optional(),
    version: z.literal(1).optional(),
    settings: z.record(z.string(), z.unknown()).default({}),
    locked: z
      .preprocess((v) => (v === '*' ? [...SETTING_KEYS] : v), z.array(z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]])).max(100))
      .default([]),
    role: role.optional(),
    roles: z.record(z.string().min(1).max(256), role).optional(),
    templates: absPath.optional(),
    encryption: z
      .preprocess(
        (v) => (typeof v === 'string' ? { mode: v } : v),
        z.object({ mode: z.enum(['auto', 'required', 'off']).default('auto'), keyFile: absPath.optional() }).strict(),
      )
      .optional(),
  })
  .strict();

/** No policy file: nothing managed. */
export const NO_POLICY: Policy = Object.freeze({
  file: null,
  settings: {},
  locked: [],
  templatesDir: null,
  encryption: { mode: 'auto', keyFile: null },
  error: null,
}) as Policy;

/**
 * What Folio does when IT's policy file exists but is invalid: it does not ignore it (that would
 * hand every user the admin role and unlock everything IT meant to lock) and it does not refuse to
 * start (users could not even read their statements). It runs locked down: every setting is
 * read-only, the role is viewer (history and downloads only), and Settings shows the error.
 */
export function lockedDown(file: string, error: string): Policy {
  return {
    file,
    settings: { 'user.role': 'viewer' },
    locked: [...SETTING_KEYS],
    templatesDir: null,
    encryption: { mode: 'auto', keyFile: null },
    error: `${error}. Folio runs locked down (read-only settings, viewer role) until the policy file is fixed.`,
  };
}

/** An account name as IT writes it ("CORP\\alice", "alice@corp.example", "Alice") → "alice". */
export function normaliseAccount(name: string): string {
  let n = name.trim().toLowerCase();
  const slash = n.lastIndexOf('\\');
  if (slash >= 0) n = n.slice(slash + 1);
  const at = n.indexOf('@');
  if (at > 0) n = n.slice(0, at);
  return n;
}

/** The role the policy gives this OS account: roles[account] > roles["*"] > role > settings["user.role"]. */
export function policyRole(
  p: { roles?: Record<string, Role> | undefined; role?: Role | undefined; settings: Partial<Settings> },
  osUser: string,
): Role | null {
  if (p.roles) {
    const me = normaliseAccount(osUser);
    for (const [account, r] of Object.entries(p.roles)) if (account !== '*' && normaliseAccount(account) === me) return r;
    if (p.roles['*']) return p.roles['*'];
  }
  return p.role ?? p.settings['user.role'] ?? null;
}

function describeIssue(file: string, issue: z.core.$ZodIssue, prefix = ''): string {
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return `${file}: ${path || '(top level)'}: ${issue.message}`;
}

/** Parses a policy document (already JSON-decoded). Returns the policy or an error message. */
export function parsePolicy(file: string, json: unknown, osUser: string): Policy {
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) return lockedDown(file, describeIssue(file, parsed.error.issues[0]!));
  const p = parsed.data;
  // each setting is validated with its own schema, so only the keys IT set are managed
  const settings: Partial<Record<SettingKey, unknown>> = {};
  for (const [key, value] of Object.entries(p.settings)) {
    if (!(SETTING_KEYS as string[]).includes(key)) {
      return lockedDown(file, `${file}: settings.${key}: there is no setting named ${key}`);
    }
    const r = settingsSchema.shape[key as SettingKey].safeParse(value);
    if (!r.success) return lockedDown(file, describeIssue(file, r.error.issues[0]!, `settings.${key}`));
    settings[key as SettingKey] = r.data;
  }
  if (p.role && settings['user.role'] && p.role !== settings['user.role']) {
    return lockedDown(file, `${file}: role "${p.role}" contradicts settings.user.role "${String(settings['user.role'])}"`);
  }
  const resolved = policyRole({ roles: p.roles, role: p.role, settings: settings as Partial<Settings> }, osUser);
  if (resolved) settings['user.role'] = resolved;
  const locked = [...new Set([...(Object.keys(settings) as SettingKey[]), ...p.locked])];
  const enc = p.encryption ?? { mode: 'auto' as const, keyFile: undefined };
  return {
    file,
    settings: settings as Partial<Settings>,
    locked,
    templatesDir: p.templates ?? null,
    encryption: { mode: enc.mode, keyFile: enc.keyFile ?? null },
    error: null,
  };
}

/** Reads the first policy file that exists. Never throws: a bad file gives a locked-down policy. */
export function readPolicy(files: string[], osUser = ''): Policy {
  for (const file of files) {
    if (!existsSync(file)) continue;
    if (process.platform !== 'win32') {
      const mode = statSync(file).mode;
      if (mode & 0o002) {
        return lockedDown(file, `${file} can be changed by every user of this computer (mode ${(mode & 0o777).toString(8)}); make it writable by administrators only (chmod 644)`);
      }
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      return lockedDown(file, `${file} is not valid JSON: ${(err as Error).message}`);
    }
    return parsePolicy(file, json, osUser);
  }
  return { ...NO_POLICY, encryption: { ...NO_POLICY.encryption } };
}
