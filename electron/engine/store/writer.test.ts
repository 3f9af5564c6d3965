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

test('a save first makes pending work durable (flushed, then what came meanwhile synchronously), never after the export', async () => {
  const file = join(tempDir(), 'ledger.sqlite');
  const db = await Database.open({ file, migrationsDir, label: 'ledger' });
  const events: string[] = [];
  let pending = 0;
  const before = {
    get size() {
      return pending;
    },
    async flush() {
      events.push(`flush ${pending}`);
      pending = 0;
      await new Promise((r) => setTimeout(r, 5));
      // a file written while the (first) flush ran
      if (events.length === 1) {
        db.transaction(() => db.run('INSERT INTO ledger_meta (key, value) VALUES (?, ?)', ['late', '1']));
        pending = 1;
      }
    },
    flushSync() {
      events.push(`flushSync ${pending}`);
      pending = 0;
    },
  };
  const writer = new LedgerWriter(db, 0, before);
  db.transaction(() => db.run('INSERT INTO ledger_meta (key, value) VALUES (?, ?)', ['early', '1']));
  pending = 2;
  await writer.commit();
  assert.deepEqual(events, ['flush 2', 'flushSync 1']);
  const onDisk = await Database.open({ file, migrationsDir, label: 'check' });
  try {
    assert.equal(onDisk.value('SELECT value FROM ledger_meta WHERE key = ?', ['late']), '1');
  } finally {
    onDisk.close();
  }
  pending = 1;
  db.transaction(() => db.run('INSERT INTO ledger_meta (key, value) VALUES (?, ?)', ['last', '1']));
  await writer.close();
  assert.deepEqual(events.slice(2), ['flush 1', 'flushSync 0']);
  db.close();
});
