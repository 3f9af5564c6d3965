/**
 * Child process for the crash tests (killed with SIGKILL by the parent):
 * - `save DIR`: imports a demo bundle, then keeps changing and saving the cache, printing
 *   "saving N" before each save;
 * - `import DIR`: imports a small demo bundle (saved), prints "importing", then imports a large one.
 */
import { join } from 'node:path';
import { cacheDb } from '../db/stores';
import { writeDemoBundle } from '../demo/generate';
import { importPath } from './import';
import { setMeta } from './meta';
import { bareEngine } from './test-support';

async function main(): Promise<void> {
  const [mode, dataDir] = [process.argv[2]!, process.argv[3]!];
  const e = bareEngine({ dataDir });
  const demo = writeDemoBundle({ size: 10, seed: 3, through: '2025-06', out: join(dataDir, 'bundle') });
  await importPath(e.engine, demo.dir);
  const db = await e.engine.use(cacheDb);
  if (mode === 'import') {
    const big = writeDemoBundle({ size: 400, seed: 4, through: '2025-06', out: join(dataDir, 'big') });
    process.stdout.write('importing\n');
    await importPath(e.engine, big.dir);
    process.stdout.write('imported\n');
    return;
  }
  process.stdout.write('ready\n');
  for (let i = 1; ; i++) {
    db.transaction(() => {
      setMeta(db, 'crash_counter', String(i));
      db.run('UPDATE payment_items SET description = ? WHERE rowid % 7 = ?', [`round ${i}`, i % 7]);
    });
    process.stdout.write(`saving ${i}\n`);
    await db.save();
  }
}
void main();
