import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { StatementModel } from '../../../shared/contract';
import { toDayNumber } from '../../../shared/dates';
import { cacheDb } from '../db/stores';
import { writeDemoBundle } from '../demo/generate';
import { fixtureContext } from '../../../test/fixtures/statements/cache';
import { computeStatement } from '../statements/index';
import { agingIndex, buildAgingIndex, decodeAgingIndex, encodeAgingIndex, paidBy } from './aging-index';
import { importPath } from './import';
import { bareEngine } from './test-support';

async function demoCache() {
  const e = bareEngine();
  const demo = writeDemoBundle({ size: 60, seed: 11, through: '2025-06', out: join(e.dataDir, 'bundle') });
  await importPath(e.engine, demo.dir);
  return { e, db: await e.engine.use(cacheDb) };
}

const groupsByKey = (m: StatementModel) => new Map(m.groups.map((g) => [g.key, g]));

describe('AR aging index', () => {
  it('is stored by the import and agrees with the tables: gross, days and payments as of any date', async () => {
    const { e, db } = await demoCache();
    try {
      assert.ok(db.value('SELECT 1 FROM derived_state WHERE name = ?', ['aging']), 'the import stored the index');
      const idx = agingIndex(db)!;
      assert.ok(idx.rowid.length > 50, `${idx.rowid.length} items`);
      const again = decodeAgingIndex(encodeAgingIndex(idx))!;
      assert.deepEqual(again, idx, 'the stored form decodes to the same index');
      const row = new Map(Array.from(idx.rowid, (r, i) => [r, i] as const));
      for (const asOf of ['2024-12-31', '2025-03-15', '2025-06-30', '2026-01-01']) {
        const day = toDayNumber(asOf);
        const sums = db.arrays(
          `SELECT bi.rowid, COALESCE((SELECT SUM(amount) FROM billing_payments bp WHERE bp.billing_item_id = bi.id AND bp.paid_date <= ?), 0) FROM billing_items bi`,
          [asOf],
        );
        for (const [rowid, paid] of sums) assert.equal(paidBy(idx, row.get(rowid as number)!, day), paid, `item ${rowid} as of ${asOf}`);
      }
    } finally {
      await e.close();
    }
  });

  it('gives every party the same lines and totals as that party alone (read from the tables)', async () => {
    const { e, db } = await demoCache();
    try {
      const ctx = fixtureContext(db);
      for (const [asOf, openItemsOnly] of [['2025-06-30', true], ['2025-04-10', false]] as const) {
        const all = computeStatement({ type: 'ar-aging', filters: { asOf, openItemsOnly } }, ctx);
        assert.ok(all.groups.length > 10, `${all.groups.length} groups`);
        const groups = groupsByKey(all);
        const parties = [...new Set(all.groups.map((g) => g.key.split('|')[1]!))];
        let lines = 0;
        for (const clientId of parties) {
          const one = computeStatement({ type: 'ar-aging', filters: { asOf, openItemsOnly, clientId } }, ctx);
          for (const g of one.groups) {
            const same = groups.get(g.key);
            assert.ok(same, `${g.key} is in the all-parties statement`);
            assert.deepEqual(same.totals, g.totals, `${g.key} totals`);
            assert.deepEqual(same.lines.map((l) => [l.id, l.cells.balance, l.cells.age]), g.lines.map((l) => [l.id, l.cells.balance, l.cells.age]), `${g.key} lines`);
            lines += g.lines.length;
          }
        }
        assert.equal(lines, all.lineCount, 'no line only in the all-parties statement');
      }
    } finally {
      await e.close();
    }
  });

  it('is dropped when a payment changes behind its back, and the statement follows the tables', async () => {
    const { e, db } = await demoCache();
    try {
      const ctx = fixtureContext(db);
      const asOf = '2025-06-30';
      const before = computeStatement({ type: 'ar-aging', filters: { asOf, openItemsOnly: false } }, ctx);
      const p = db.get<{ id: string; billing_item_id: string; amount: number }>('SELECT id, billing_item_id, amount FROM billing_payments WHERE paid_date <= ? ORDER BY id LIMIT 1', [asOf])!;
      const party = db.value<string>('SELECT party_id FROM billing_items WHERE id = ?', [p.billing_item_id])!;
      db.run('UPDATE billing_payments SET amount = amount + 1 WHERE id = ?', [p.id]);
      assert.equal(db.value('SELECT 1 FROM derived_state WHERE name = ?', ['aging']), undefined, 'the trigger dropped the index');
      const after = computeStatement({ type: 'ar-aging', filters: { asOf, openItemsOnly: false } }, ctx);
      const key = [...groupsByKey(after).keys()].find((k) => k.endsWith(`|${party}`))!;
      const cents = (s: string) => BigInt(s.replace('.', ''));
      assert.equal(cents(groupsByKey(after).get(key)!.totals.total!), cents(groupsByKey(before).get(key)!.totals.total!) - 1n, 'the balance is one minor unit lower');
      assert.ok(db.value('SELECT 1 FROM derived_state WHERE name = ?', ['aging']), 'rebuilt and stored again');
      // a date that is not a date: no index, and the statement reports it as it always did
      db.run("UPDATE billing_items SET due_date = '2025-02-30' WHERE rowid = (SELECT min(rowid) FROM billing_items)");
      assert.equal(buildAgingIndex(db), null);
      assert.throws(() => computeStatement({ type: 'ar-aging', filters: { asOf, openItemsOnly: false } }, ctx), /2025-02-30/);
    } finally {
      await e.close();
    }
  });
});
