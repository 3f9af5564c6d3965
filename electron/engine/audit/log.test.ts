import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, testEngine } from '../../../test/helpers/engine';
import { ledgerService } from '../store/ledger';
import { appendAudit, verifyAudit } from './log';

const caller = { user: 'alice', role: 'accountant' as const };

async function seeded(n: number) {
  const t = testEngine();
  for (let i = 0; i < n; i++) await appendAudit(t.engine, caller, i % 2 ? 'generate' : 'view', { ref: `CS-${i}`, amount: '1.10' });
  const { db } = await t.engine.use(ledgerService);
  return { t, db };
}

test('appended entries chain and verify; UPDATE and DELETE are refused', async () => {
  const { t, db } = await seeded(5);
  try {
    const v = verifyAudit(db);
    assert.equal(v.ok, true, v.message);
    assert.equal(v.entries, 5);
    const rows = (await t.engine.call('audit:list', {})).rows;
    assert.equal(rows[0]!.seq, 5, 'newest first');
    assert.equal(rows[0]!.prevHash, rows[1]!.hash);
    assert.throws(() => db.run("UPDATE audit_log SET user = 'mallory' WHERE seq = 2"), /append-only/);
    assert.throws(() => db.run('DELETE FROM audit_log WHERE seq = 5'), /append-only/);
  } finally {
    await t.close();
  }
});

test('verify detects an edited, a removed, a reordered and a truncated entry', async () => {
  const cases: Array<[string, string, number]> = [
    ['edited details', `UPDATE audit_log SET details = '{"amount":"9.10","ref":"CS-2"}' WHERE seq = 3`, 3],
    ['edited user', `UPDATE audit_log SET user = 'mallory' WHERE seq = 2`, 2],
    ['removed', 'DELETE FROM audit_log WHERE seq = 3', 3],
    ['reordered', 'UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -1', 2],
    ['truncated', 'DELETE FROM audit_log WHERE seq >= 5', 5],
  ];
  for (const [name, sql, at] of cases) {
    const { t, db } = await seeded(6);
    try {
      db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ${sql}`);
      const v = verifyAudit(db);
      assert.equal(v.ok, false, `${name}: ${v.message}`);
      assert.equal(v.brokenAt, at, `${name}: ${v.message}`);
    } finally {
      await t.close();
    }
  }
});

test('folio audit --verify exits 0 on an intact log and 1 on an edited one', async () => {
  const { t, db } = await seeded(3);
  try {
    await t.engine.close();
    let r = await runCli(['--data-dir', t.dataDir, 'audit', '--verify']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 entries/);
    r = await runCli(['--data-dir', t.dataDir, '--json', 'audit']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json<{ rows: Array<{ seq: number }> }>().rows.map((e) => e.seq), [1, 2, 3]);
    // edit a row directly in the saved file, as someone with a SQLite tool would
    const { Database } = await import('../db/database');
    const { join } = await import('node:path');
    const raw = await Database.open({ file: join(t.dataDir, 'ledger.sqlite'), migrationsDir: join(t.engine.platform.resourcesDir, 'migrations', 'ledger'), label: 'ledger' });
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 2");
    await raw.save();
    raw.close();
    r = await runCli(['--data-dir', t.dataDir, 'audit', '--verify']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /entry 2 was edited/);
    void db;
  } finally {
    await t.close();
  }
});
