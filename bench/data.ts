/**
 * Bench data sets (owner: the cache issue): the demo bundle of a size, written once under
 * .bench-data/bundles/<size>, and a data folder with it imported (.bench-data/data-<size>), built
 * once and kept between runs (rebuilt when missing). The months end with BENCH_THROUGH so that
 * the data (and the periods benches ask for) do not move with the calendar.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPath } from '../electron/engine/cache/import';
import { bareEngine } from '../electron/engine/cache/test-support';
import { writeDemoBundle } from '../electron/engine/demo/generate';

export const BENCH_THROUGH = '2025-12';
export const BENCH_SEED = 1;

/** The demo bundle folder of a size (written once). */
export function demoBundleDir(root: string, size: 'small' | 'medium' | 'large', log: (m: string) => void): string {
  const dir = join(root, 'bundles', size);
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  log(`writing the ${size} demo bundle…`);
  writeDemoBundle({ size, seed: BENCH_SEED, through: BENCH_THROUGH, out: dir });
  writeFileSync(join(dir, '.complete'), '');
  log(`${size} demo bundle written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

export async function prepareDemoDataDir(root: string, size: 'small' | 'medium' | 'large', log: (m: string) => void): Promise<string> {
  const dataDir = join(root, `data-${size}`);
  if (existsSync(join(dataDir, '.complete')) && existsSync(join(dataDir, 'cache.sqlite'))) return dataDir;
  const bundle = demoBundleDir(root, size, log);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  log(`importing the ${size} demo bundle into ${dataDir}…`);
  const e = bareEngine({ dataDir });
  try {
    await importPath(e.engine, bundle);
  } finally {
    await e.close();
  }
  writeFileSync(join(dataDir, '.complete'), '');
  log(`${size} imported in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dataDir;
}
