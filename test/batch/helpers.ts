/**
 * Batch test data: a small demo bundle imported once into a data folder, copied (cache only)
 * into a fresh folder per test; a child `folio` process; the ledger read back.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Database } from '../../electron/engine/db/database';
import { findResourcesDir } from '../../electron/engine/platform';
import { importPath } from '../../electron/engine/cache/import';
import { writeDemoBundle } from '../../electron/engine/demo/generate';
import { tempDir, testEngine } from '../helpers/engine';

export const PERIOD = '2026-01';
let seeded: Promise<string> | null = null;
const made: string[] = [];

/** Removes every folder these helpers made (call in `after`). */
export function removeDataDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  seeded = null;
}

/** A data folder holding the imported demo data (size 3: 3 clients, 30 contracts), built once. */
export function demoDataDir(): Promise<string> {
  seeded ??= (async () => {
    const root = tempDir('folio-batch-demo-');
    made.push(root);
    const bundle = writeDemoBundle({ size: 3, seed: 7, through: PERIOD, out: join(root, 'bundle') });
    const t = testEngine({ dataDir: join(root, 'data') });
    try {
      await importPath(t.engine, bundle.dir);
    } finally {
      await t.close({ keep: true });
    }
    return join(root, 'data');
  })();
  return seeded;
}

/** A fresh data folder with a copy of the demo cache (empty ledger and store). */
export async function freshDataDir(): Promise<string> {
  const src = await demoDataDir();
  const dir = tempDir('folio-batch-');
  made.push(dir);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(src, 'cache.sqlite'), join(dir, 'cache.sqlite'));
  return dir;
}

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const ROOT = resolve(__dirname, '..', '..');

/** Runs `folio ARGS` in a child process (test/batch/child.ts). */
export function folioChild(args: string[], env: Record<string, string> = {}, timeoutMs = 90_000): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'batch', 'child.ts'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FOLIO_USER: 'tester', FOLIO_POLICY_FILE: '/nonexistent/folio-policy.json', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** Opens a data folder's ledger read-only (never saved). */
export async function readLedger(dataDir: string): Promise<Database> {
  return Database.open({ file: join(dataDir, 'ledger.sqlite'), migrationsDir: join(findResourcesDir(), 'migrations', 'ledger'), label: 'ledger' });
}

/** subject key → number of COMPLETED statements. */
export function completedBySubject(ledger: Database): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of ledger.iterate<{ subject_key: string; n: number }>(
    "SELECT subject_key, count(*) AS n FROM generated_statement WHERE generation_status_cd = 'COMPLETED' GROUP BY subject_key",
  )) {
    out.set(r.subject_key, r.n);
  }
  return out;
}
