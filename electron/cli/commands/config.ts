import type { Command } from 'commander';
import { settingsSchema, type SettingKey, type SettingsView } from '../../../shared/contract';
import { FolioError } from '../../../shared/errors';
import { print, withEngine, type CliIo } from '../context';

/**
 * `folio config get [KEY]` and `folio config set KEY VALUE` (cli.md, "Settings"): the same settings
 * as the Settings screen, through the same `settings:get` / `settings:set` commands (one
 * validation, the same audit entry, IT's policy winning). A VALUE on the command line is text: it
 * is turned into the key's type here (true/false, a number, a list, a JSON object), then checked by
 * the engine. An unknown key or a bad value exits 2 naming the key, and nothing is stored; a key
 * IT's policy manages is refused (exit 1).
 */

const KEYS = Object.keys(settingsSchema.shape) as SettingKey[];

export interface ConfigEntry {
  key: SettingKey;
  value: unknown;
  source: SettingsView['sources'][SettingKey];
  /** IT's policy manages this key: `config set` refuses it */
  managed: boolean;
}

/** The zod type name of a setting, under its default: string, enum, boolean, number, array, record. */
function kindOf(key: SettingKey): string {
  let s = settingsSchema.shape[key] as unknown as { def: { type: string; innerType?: unknown } };
  while (s.def.innerType && (s.def.type === 'default' || s.def.type === 'optional')) s = s.def.innerType as typeof s;
  return s.def.type;
}

function badValue(key: string, message: string): FolioError {
  return new FolioError('validation', 'BAD_SETTING_VALUE', `${key}: ${message}`, key);
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function parseJson(key: string, raw: string, example: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badValue(key, `must be JSON such as ${example} (got ${JSON.stringify(raw.slice(0, 80))})`);
  }
}

/** The command line's text VALUE as the key's type (the engine then validates it). */
export function cliSettingValue(key: string, raw: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(settingsSchema.shape, key)) return raw; // the engine names the unknown key
  switch (kindOf(key as SettingKey)) {
    case 'boolean': {
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      throw badValue(key, `must be true or false (got ${JSON.stringify(raw.slice(0, 80))})`);
    }
    case 'number':
      if (!NUMBER.test(raw.trim())) throw badValue(key, `must be a number such as 25 (got ${JSON.stringify(raw.slice(0, 80))})`);
      return Number(raw.trim());
    case 'array': {
      if (raw.trim().startsWith('[')) return parseJson(key, raw, '[30,60,90,120]');
      const parts = raw.split(',').map((p) => p.trim());
      if (parts.some((p) => !NUMBER.test(p))) throw badValue(key, `must be numbers separated by commas, such as 30,60,90,120 (got ${JSON.stringify(raw.slice(0, 80))})`);
      return parts.map(Number);
    }
    case 'record':
      return parseJson(key, raw, '{"EUR":"0.8571"}');
    default:
      return raw;
  }
}

function entries(view: SettingsView): ConfigEntry[] {
  return KEYS.map((key) => ({ key, value: view.values[key], source: view.sources[key], managed: view.managed.includes(key) }));
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function entryLine(e: ConfigEntry, width: number): string {
  const value = typeof e.value === 'string' ? (e.value === '' ? '""' : e.value) : JSON.stringify(e.value);
  return `${e.key.padEnd(width)}  ${value}  (${e.source}${e.managed ? ', managed by your organisation' : ''})`;
}

function credentialsLine(view: SettingsView): string {
  const c = view.credentials.source;
  return `S3 credentials: ${c === 'protected-store' ? "stored in the app's protected store" : c === 'environment' ? 'from the environment (AWS chain)' : 'none set (the AWS default chain is tried)'}`;
}

function listText(view: SettingsView): string {
  const all = entries(view);
  const width = Math.max(...all.map((e) => e.key.length));
  return [
    ...all.map((e) => entryLine(e, width)),
    credentialsLine(view),
    ...(view.policyFile ? [`policy file: ${view.policyFile}${view.policyError ? ` (INVALID: ${view.policyError})` : ''}`] : []),
  ].join('\n');
}

function checkKnown(key: string): SettingKey {
  if (!Object.prototype.hasOwnProperty.call(settingsSchema.shape, key)) {
    throw new FolioError('validation', 'UNKNOWN_SETTING', `There is no setting named ${key.slice(0, 100)} (settings: ${KEYS.join(', ')})`, key.slice(0, 100));
  }
  return key as SettingKey;
}

function registerGet(config: Command, io: CliIo): void {
  config
    .command('get')
    .description('print one setting, or every setting with where its value comes from (default, user, policy, env)')
    .argument('[key]', `a setting, e.g. s3.bucket (${KEYS.join(', ')})`)
    .action(async (key: string | undefined, _o: unknown, cmd: Command) => {
      const k = key === undefined ? undefined : checkKnown(key);
      const view = await withEngine(cmd, io, (engine) => engine.call('settings:get', {}));
      if (k === undefined) {
        const result = { settings: entries(view), credentials: view.credentials, policyFile: view.policyFile, policyError: view.policyError };
        print(cmd, io, result, () => listText(view));
        return;
      }
      const e = entries(view).find((x) => x.key === k)!;
      print(cmd, io, e, () => show(e.value));
    });
}

function registerSet(config: Command, io: CliIo): void {
  config
    .command('set')
    .description('change one setting, checked as the Settings screen checks it (nothing is stored when it is refused)')
    .argument('<key>', 'a setting, e.g. s3.bucket')
    .argument('<value>', 'its new value: text, true/false, a number, 30,60,90 for a list, JSON for fx.gbpRates')
    .action(async (key: string, raw: string, _o: unknown, cmd: Command) => {
      const value = cliSettingValue(key, raw);
      const view = await withEngine(cmd, io, (engine) => engine.call('settings:set', { key, value }));
      const e = entries(view).find((x) => x.key === key)!;
      print(cmd, io, e, () => `${e.key} = ${show(e.value)}`);
      if (e.source === 'env') io.err(`folio: note: ${e.key} is overridden by an environment variable for runs that set it`);
    });
}

export function registerConfig(program: Command, io: CliIo): void {
  const config = program
    .command('config')
    .description("read and write the Settings screen's settings (IT's policy file wins; FOLIO_S3_* and FOLIO_USER override for one run)");
  registerGet(config, io);
  registerSet(config, io);
}
