import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Database } from './database';

describe('Database', () => {
  it('keeps its rollback journal in memory and its lock; savepoints still roll back, saves still hold the rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folio-db-'));
    try {
      const file = join(dir, 'x.sqlite');
      mkdirSync(join(dir, 'no-migrations'));
      const db = await Database.open({ file, migrationsDir: join(dir, 'no-migrations'), label: 'test' });
      assert.equal(db.value<string>('PRAGMA journal_mode'), 'memory');
      assert.equal(db.value<string>('PRAGMA locking_mode'), 'exclusive');
      db.exec('CREATE TABLE t (v INTEGER)');
      db.transaction(() => {
        db.run('INSERT INTO t VALUES (1)');
        assert.throws(() =>
          db.transaction(() => {
            db.run('INSERT INTO t VALUES (2)');
            throw new Error('inner');
          }),
        );
      });
      assert.throws(() =>
        db.transaction(() => {
          db.run('INSERT INTO t VALUES (3)');
          throw new Error('outer');
        }),
      );
      assert.deepEqual(db.all<{ v: number }>('SELECT v FROM t').map((r) => r.v), [1]);
      await db.save();
      // the modes survive an export (sql.js exports through the backup API), and the database
      // stays usable: written and saved again
      assert.equal(db.value<string>('PRAGMA journal_mode'), 'memory');
      assert.equal(db.value<string>('PRAGMA locking_mode'), 'exclusive');
      db.run('INSERT INTO t VALUES (4)');
      await db.save();
      db.close();
      const again = await Database.open({ file, migrationsDir: join(dir, 'no-migrations'), label: 'test' });
      assert.deepEqual(again.all<{ v: number }>('SELECT v FROM t ORDER BY v').map((r) => r.v), [1, 4]);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
