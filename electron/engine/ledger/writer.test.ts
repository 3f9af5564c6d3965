import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/helpers/engine';
import { Database } from '../db/database';
import { findResourcesDir } from '../platform';
import { LedgerWriter } from './writer';

const migrationsDir = join(findResourcesDir(), 'migrations', 'ledger');

test('group commit: every commit() resolves after a save that holds its row, and saves are shared', async () => {
  const file = join(tempDir(), 'ledger.sqlite');
  const db = await Database.open({ file, migrationsDir, label: 'ledger' });
  const writer = new LedgerWriter(db);
  const seen: number[] = [];
  const jobs = Array.from({ length: 200 }, async (_, i) => {
    await new Promise((r) => setTimeout(r, i % 7));
    db.transaction(() => db.run('INSERT INTO ledger_meta (key, value) VALUES (?, ?)', [`k${i}`, String(i)]));
    await writer.commit();
    // the saved file must already hold this row
    const onDisk = await Database.open({ file, migrationsDir, label: 'check' });
    try {
      assert.equal(onDisk.value('SELECT value FROM ledger_meta WHERE key = ?', [`k${i}`]), String(i));
    } finally {
      onDisk.close();
    }
    seen.push(i);
  });
  await Promise.all(jobs);
  assert.equal(seen.length, 200);
  assert.ok(writer.stats.saves < 200, `saves were shared (${writer.stats.saves} saves for 200 commits)`);
  await writer.close();
  db.close();
});
