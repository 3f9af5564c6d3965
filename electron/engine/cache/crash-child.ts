/**
 * Child process for the crash test: imports a demo bundle into the cache at argv[2], then keeps
 * changing and saving it, printing "saving N" before each save, until it is killed.
 */
import { join } from 'node:path';
import { cacheDb } from '../db/stores';
import { writeDemoBundle } from '../demo/generate';
import { importPath } from './import';
import { setMeta } from './meta';
import { bareEngine } from './test-support';

async function main(): Promise<void> {
  const dataDir = process.argv[2]!;
  const e = bareEngine({ dataDir });
  const demo = writeDemoBundle({ size: 10, seed: 3, through: '2025-06', out: join(dataDir, 'bundle') });
  await importPath(e.engine, demo.dir);
  const db = await e.engine.use(cacheDb);
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
