/**
 * Settings: the user's `settings.json` in the data folder (durable writes), under the IT policy
 * (which wins and locks its keys), with environment overrides for one run (cli.md).
 * Credentials never live here: they go to the platform's secret store.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsSchema, type SettingKey, type Settings, type SettingSource, type SettingsView } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { defineService, type Caller, type Engine } from '../engine';
import { writeFileDurable } from '../fs/durable';
import { readPolicy, type Policy } from './policy';

export const CREDENTIALS_SECRET = 's3-credentials';

/** One setting changed by `set`: its value before (the user's, else the default) and after. */
export interface SettingChange {
  key: SettingKey;
  from: unknown;
  to: unknown;
}

/** Names that look like credentials: they are never settings (cli.md: not from a plain-text file). */
const CREDENTIAL_NAME = /(secret|access.?key|password|token|credential)/i;

/** Checks a value for `key` with the key's own schema; a bad one names the key and what is wrong. */
export function parseSettingValue(key: SettingKey, value: unknown): unknown {
  const r = settingsSchema.shape[key].safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const inner = issue.path.map(String).join('.');
    throw new FolioError('validation', 'BAD_SETTING_VALUE', `${key}${inner ? `.${inner}` : ''}: ${issue.message}`.slice(0, 1000), key);
  }
  if (key === 'locale') checkLocale(r.data as string);
  return r.data;
}

function checkLocale(tag: string): void {
  try {
    Intl.getCanonicalLocales(tag);
  } catch {
    throw new FolioError('validation', 'BAD_SETTING_VALUE', `locale: "${tag}" is not a language tag such as en-GB or de-DE`, 'locale');
  }
}

export class SettingsService {
  private user: Partial<Settings>;
  readonly policy: Policy;
  private readonly file: string;

  constructor(private readonly engine: Engine) {
    this.file = join(engine.platform.dataDir, 'settings.json');
    this.policy = readPolicy(engine.platform.policyFiles, engine.platform.osUser());
    this.user = this.readUserFile();
  }

  private readUserFile(): Partial<Settings> {
    if (!existsSync(this.file)) return {};
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (err) {
      throw new FolioError('validation', 'SETTINGS_UNREADABLE', `${this.file} is not valid JSON: ${(err as Error).message}`, 'settings.json');
    }
    const parsed = settingsSchema.partial().safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new FolioError('validation', 'SETTINGS_INVALID', `${this.file}: ${issue.path.join('.')}: ${issue.message}`, issue.path.join('.'));
    }
    // only the keys the user set: defaults must not be frozen into the file (a later version's
    // default then applies to every key the user never chose)
    const present = new Set(Object.keys(json as object));
    return Object.fromEntries(Object.entries(parsed.data).filter(([k]) => present.has(k))) as Partial<Settings>;
  }

  /** Effective settings: defaults < user file < policy < environment for this run. */
  values(): Settings {
    const merged = settingsSchema.parse({ ...this.user, ...this.policy.settings });
    return { ...merged, ...this.envOverrides() };
  }

  get<K extends SettingKey>(key: K): Settings[K] {
    return this.values()[key];
  }

  private envOverrides(): Partial<Settings> {
    const env = this.engine.platform.env;
    const o: Partial<Settings> = {};
    if (env.FOLIO_S3_ENDPOINT) o['s3.endpoint'] = env.FOLIO_S3_ENDPOINT;
    if (env.FOLIO_S3_REGION) o['s3.region'] = env.FOLIO_S3_REGION;
    if (env.FOLIO_S3_BUCKET) o['s3.bucket'] = env.FOLIO_S3_BUCKET;
    if (env.FOLIO_S3_PREFIX !== undefined && env.FOLIO_S3_PREFIX !== '') o['s3.prefix'] = env.FOLIO_S3_PREFIX;
    if (env.FOLIO_S3_FORCE_PATH_STYLE) o['s3.forcePathStyle'] = env.FOLIO_S3_FORCE_PATH_STYLE === '1' || env.FOLIO_S3_FORCE_PATH_STYLE === 'true';
    if (env.FOLIO_USER) o['user.name'] = env.FOLIO_USER;
    for (const k of this.policy.locked) delete o[k];
    return o;
  }

  /** Where each effective value comes from (env > policy > user > default; policy keys ignore env). */
  sources(): Record<SettingKey, SettingSource> {
    const env = this.envOverrides();
    const out = {} as Record<SettingKey, SettingSource>;
    for (const k of Object.keys(settingsSchema.shape) as SettingKey[]) {
      out[k] = k in env ? 'env' : k in this.policy.settings ? 'policy' : k in this.user ? 'user' : 'default';
    }
    return out;
  }

  /** The value the user level holds for `key`: the user's own, else the default. */
  private userLevel(key: SettingKey): unknown {
    return key in this.user ? this.user[key] : settingsSchema.shape[key].parse(undefined);
  }

  /**
   * Checks that `key` is a setting the user may change (validation UNKNOWN_SETTING naming the key,
   * forbidden SETTING_MANAGED when IT's policy manages it). Shared by `set`, the Settings screen
   * and `folio config set`.
   */
  settingKey(key: string): SettingKey {
    // own keys only: `'__proto__' in shape` and `'toString' in shape` are true (found by the security fuzz)
    if (!Object.prototype.hasOwnProperty.call(settingsSchema.shape, key)) {
      const hint = CREDENTIAL_NAME.test(key)
        ? ': credentials are never settings; they come from the AWS chain (AWS_ACCESS_KEY_ID, profiles, SSO) or the Settings screen\'s protected store'
        : '';
      throw new FolioError('validation', 'UNKNOWN_SETTING', `There is no setting named ${key.slice(0, 100)}${hint}`, key.slice(0, 100));
    }
    const k = key as SettingKey;
    if (this.policy.locked.includes(k)) {
      throw new FolioError('forbidden', 'SETTING_MANAGED', `${key} is managed by your organisation and cannot be changed here`, key);
    }
    return k;
  }

  /** Sets one key after validating it; refuses keys the policy manages. Nothing is stored on error. */
  async set(key: string, value: unknown): Promise<SettingChange> {
    const k = this.settingKey(key);
    const parsedValue = parseSettingValue(k, value);
    const from = this.userLevel(k);
    const next = { ...this.user, [k]: parsedValue };
    await writeFileDurable(this.file, JSON.stringify(next, null, 2) + '\n');
    this.user = next;
    return { key: k, from, to: parsedValue };
  }

  async caller(): Promise<Caller> {
    const v = this.values();
    return { user: v['user.name'] || this.engine.platform.osUser(), role: v['user.role'] };
  }

  async view(): Promise<SettingsView> {
    const env = this.engine.platform.env;
    const stored = (await this.engine.platform.secrets.get(CREDENTIALS_SECRET)) !== null;
    const fromEnv = Boolean(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || Boolean(env.AWS_PROFILE);
    return {
      values: this.values(),
      sources: this.sources(),
      managed: this.policy.locked,
      policyFile: this.policy.file,
      policyError: this.policy.error,
      credentials: { stored, source: stored ? 'protected-store' : fromEnv ? 'environment' : 'none' },
      // `encryption` is added by the settings handlers (crypto/ uses this service: importing it
      // here would be a cycle, and a lazy import() fails under the CLI's CommonJS loader)
    };
  }
}

export const settingsService = defineService('settings', (engine) => new SettingsService(engine));

export async function resolveCaller(engine: Engine): Promise<Caller> {
  return (await engine.use(settingsService)).caller();
}
