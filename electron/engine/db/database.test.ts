import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Database } from './database';
import { nodeSqlite, settleDatabaseFile } from './node-sqlite-backend';
import { dbEngineSetting } from './stores';

function tempDir(): { dir: string; migrations: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'folio-db-'));
  mkdirSync(join(dir, 'no-migrations'));
  return { dir, migrations: join(dir, 'no-migrations'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

for (const engine of ['node:sqlite', 'sql.js'] as const) {
  describe(`Database on ${engine}`, () => {
    it('savepoints roll back their part, an outer rollback everything; saved rows survive a reopen', async () => {
      const t = tempDir();
      try {
        const file = join(t.dir, 'x.sqlite');
        const db = await Database.open({ file, migrationsDir: t.migrations, label: 'test', engine });
        assert.equal(db.engine, engine);
        assert.equal(db.value<string>('PRAGMA journal_mode'), engine === 'node:sqlite' ? 'wal' : 'memory');
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
        assert.equal(db.dirty, true);
        await db.save();
        assert.equal(db.dirty, false);
        db.run('INSERT INTO t VALUES (4)');
        await db.save();
        db.close();
        const again = await Database.open({ file, migrationsDir: t.migrations, label: 'test', engine });
        assert.deepEqual(again.all<{ v: number }>('SELECT v FROM t ORDER BY v').map((r) => r.v), [1, 4]);
        again.close();
      } finally {
        t.done();
      }
    });

    it('binds like sql.js (whole numbers as INTEGER, booleans as 0/1, undefined as NULL) and returns plain rows', async () => {
      const t = tempDir();
      try {
        const db = await Database.open({ file: null, migrationsDir: t.migrations, label: 'test', engine });
        db.exec('CREATE TABLE t (s TEXT, i INTEGER, r REAL, n)');
        assert.equal(db.run('INSERT INTO t VALUES (?, ?, ?, ?)', [5, 2 ** 40, 1.5, undefined]), 1);
        db.run('INSERT INTO t VALUES (?, ?, ?, ?)', ['x', true, false, null]);
        const rows = db.all('SELECT s, typeof(s) ts, i, typeof(i) ti, r, n FROM t ORDER BY rowid');
        assert.deepEqual(rows, [
          { s: '5', ts: 'text', i: 2 ** 40, ti: 'integer', r: 1.5, n: null },
          { s: 'x', ts: 'text', i: 1, ti: 'integer', r: 0, n: null },
        ]);
        assert.equal(Object.getPrototypeOf(rows[0]), Object.prototype);
        assert.deepEqual(db.arrays('SELECT s, i FROM t ORDER BY rowid'), [
          ['5', 2 ** 40],
          ['x', 1],
        ]);
        assert.equal(db.value<string>("SELECT \"double quoted\" || ''"), 'double quoted', 'double-quoted literals as in sql.js');
        // iterating while querying the same statement elsewhere
        const seen: string[] = [];
        for (const r of db.iterate<{ s: string }>('SELECT s FROM t ORDER BY rowid')) seen.push(`${r.s}:${db.value<number>('SELECT count(*) FROM t')}`);
        assert.deepEqual(seen, ['5:2', 'x:2']);
        db.close();
      } finally {
        t.done();
      }
    });
  });
}

describe('Database engines together', () => {
  it('a node:sqlite (WAL) file opens in sql.js once closed, and a sql.js file in node:sqlite', async () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'x.sqlite');
      const a = await Database.open({ file, migrationsDir: t.migrations, label: 'test', engine: 'node:sqlite' });
      a.exec('CREATE TABLE t (v TEXT)');
      a.run('INSERT INTO t VALUES (?)', ['from node:sqlite']);
      await a.save();
      a.close();
      assert.equal(readFileSync(file)[18], 2, 'the header says WAL');
      const b = await Database.open({ file, migrationsDir: t.migrations, label: 'test', engine: 'sql.js' });
      assert.equal(b.value('SELECT v FROM t'), 'from node:sqlite');
      b.run('INSERT INTO t VALUES (?)', ['from sql.js']);
      await b.save();
      b.close();
      const c = await Database.open({ file, migrationsDir: t.migrations, label: 'test', engine: 'node:sqlite' });
      assert.deepEqual(c.arrays('SELECT v FROM t ORDER BY rowid').flat(), ['from node:sqlite', 'from sql.js']);
      c.close();
    } finally {
      t.done();
    }
  });

  it('keeps a large database on disk: opening and reading it does not load it into memory', async () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'big.sqlite');
      const db = await Database.open({ file, migrationsDir: t.migrations, label: 'test', engine: 'node:sqlite' });
      db.exec('CREATE TABLE t (v BLOB)');
      db.transaction(() => {
        for (let i = 0; i < 400; i++) db.run('INSERT INTO t VALUES (randomblob(262144))'); // 100 MiB
      });
      await db.save();
      db.close();
      assert.ok(statSync(file).size > 100e6);
      const before = process.memoryUsage();
      const again = await Database.open({ file, migrationsDir: t.migrations, label: 'test' });
      assert.equal(again.value<number>('SELECT count(*) FROM t'), 400);
      assert.equal(again.value<number>('SELECT length(v) FROM t WHERE rowid = 200'), 262144);
      const after = process.memoryUsage();
      assert.ok(after.arrayBuffers - before.arrayBuffers < 20e6, `array buffers grew by ${after.arrayBuffers - before.arrayBuffers} bytes`);
      assert.ok(after.rss - before.rss < 60e6, `rss grew by ${after.rss - before.rss} bytes`);
      again.close();
    } finally {
      t.done();
    }
  });

  it('settles a WAL left by a crash into the file, so the bytes alone hold every committed row', async () => {
    const t = tempDir();
    try {
      const mod = nodeSqlite()!;
      const file = join(t.dir, 'live.sqlite');
      const live = new mod.DatabaseSync(file);
      live.exec('PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (7);');
      // what a crash leaves: the file and its WAL, never checkpointed
      const crashed = join(t.dir, 'crashed.sqlite');
      copyFileSync(file, crashed);
      copyFileSync(`${file}-wal`, `${crashed}-wal`);
      live.close();
      settleDatabaseFile(mod, crashed);
      assert.equal(existsSync(`${crashed}-wal`), false);
      const bytes = readFileSync(crashed);
      assert.equal(bytes[18], 1, 'back in rollback-journal mode');
      const db = await Database.open({ file: crashed, migrationsDir: t.migrations, label: 'test', engine: 'sql.js' });
      assert.equal(db.value<number>('SELECT v FROM t'), 7);
      db.close();
    } finally {
      t.done();
    }
  });
});

describe('FOLIO_DB_ENGINE', () => {
  it('takes auto, sql.js or node:sqlite and names itself when it is anything else', () => {
    assert.equal(dbEngineSetting(undefined), 'auto');
    assert.equal(dbEngineSetting(' sql.js '), 'sql.js');
    assert.equal(dbEngineSetting('node:sqlite'), 'node:sqlite');
    assert.throws(() => dbEngineSetting('mysql'), (e: Error & { field?: string }) => e.field === 'FOLIO_DB_ENGINE' && /not "mysql"/.test(e.message));
  });
});
