/**
 * What the engine needs from wherever it runs (Electron utilityProcess, the CLI, tests).
 * The engine never imports 'electron': the shell passes these in.
 */
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface SecretStore {
  /** where the secrets live, for Settings and error messages */
  readonly kind: 'safeStorage' | 'environment' | 'key-file' | 'memory';
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface Platform {
  /** the user's data folder: cache, ledger, store, settings, logs */
  readonly dataDir: string;
  /** the folder holding migrations/, fonts/, templates/ */
  readonly resourcesDir: string;
  readonly appVersion: string;
  readonly kind: 'electron' | 'cli' | 'test' | 'browser-bridge';
  now(): Date;
  /** the OS's view of the network; the engine also learns from real attempts */
  isOnline(): boolean;
  onOnlineChange?(cb: (online: boolean) => void): () => void;
  /** the OS user, the default for generated_by */
  osUser(): string;
  secrets: SecretStore;
  /** machine-wide policy files to look for, in order (IT deploys one) */
  policyFiles: string[];
  env: Readonly<Record<string, string | undefined>>;
  /** a desktop notification, where there is a desktop */
  notify?(title: string, body: string): void;
}

/** Finds the repository's or the package's resources folder from a code location. */
export function findResourcesDir(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'migrations'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`Folio's resources folder was not found above ${from}`);
}

/** The desktop app's data folder for this user (the CLI's default, so both see the same data). */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.FOLIO_DATA_DIR) return resolve(env.FOLIO_DATA_DIR);
  const home = homedir();
  if (process.platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Folio');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Folio');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Folio');
}

export function defaultPolicyFiles(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  // IT's machine file comes first: FOLIO_POLICY_FILE (tests, trials) applies only where IT deployed
  // none, so a user cannot step around the policy with an environment variable (docs/it.md)
  const machine =
    platform === 'win32'
      ? [...new Set(['C:\\ProgramData\\Folio\\policy.json', `${env.ProgramData ?? 'C:\\ProgramData'}\\Folio\\policy.json`])]
      : platform === 'darwin'
        ? ['/Library/Application Support/Folio/policy.json']
        : ['/etc/folio/policy.json'];
  return env.FOLIO_POLICY_FILE ? [...machine, resolve(env.FOLIO_POLICY_FILE)] : machine;
}

export function safeOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** Secrets for the CLI and tests: from the environment (read-only) plus an in-memory overlay. */
export function environmentSecrets(env: Readonly<Record<string, string | undefined>>): SecretStore {
  const overlay = new Map<string, string | null>();
  const envName = (name: string) => `FOLIO_SECRET_${name.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;
  return {
    kind: 'environment',
    async get(name) {
      if (overlay.has(name)) return overlay.get(name) ?? null;
      return env[envName(name)] ?? null;
    },
    async set(name, value) {
      overlay.set(name, value);
    },
    async delete(name) {
      overlay.set(name, null);
    },
  };
}

export interface NodePlatformOptions {
  dataDir?: string;
  kind?: Platform['kind'];
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  online?: () => boolean;
  secrets?: SecretStore;
  appVersion?: string;
  policyFiles?: string[];
}

/** A platform for plain Node: the CLI, tests and the browser bridge. */
export function nodePlatform(opts: NodePlatformOptions = {}): Platform {
  const env = opts.env ?? process.env;
  return {
    dataDir: resolve(opts.dataDir ?? defaultDataDir(env)),
    resourcesDir: findResourcesDir(),
    appVersion: opts.appVersion ?? readPackageVersion(),
    kind: opts.kind ?? 'cli',
    now: opts.now ?? (() => new Date()),
    isOnline: opts.online ?? (() => true),
    osUser: safeOsUser,
    secrets: opts.secrets ?? environmentSecrets(env),
    policyFiles: opts.policyFiles ?? defaultPolicyFiles(env),
    env,
  };
}

let cachedVersion: string | null = null;
export function readPackageVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const json = require(pkg) as { name?: string; version?: string };
      if (json.name === 'folio' && json.version) return (cachedVersion = json.version);
    }
    dir = dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}
