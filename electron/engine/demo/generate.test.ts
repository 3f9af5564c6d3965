import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { importPath } from '../cache/import';
import { bareEngine } from '../cache/test-support';
import { cacheDb } from '../db/stores';
import { demoScale, writeDemoBundle } from './generate';

const root = mkdtempSync(join(tmpdir(), 'folio-demo-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

function digest(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex');
}

test('the same seed, size and through give the same bytes; another seed differs', () => {
  const a = writeDemoBundle({ size: 'small', seed: 42, through: '2026-01', out: join(root, 'a') });
  const b = writeDemoBundle({ size: 'small', seed: 42, through: '2026-01', out: join(root, 'b') });
  const c = writeDemoBundle({ size: 'small', seed: 43, through: '2026-01', out: join(root, 'c') });
  assert.equal(digest(a.dir), digest(b.dir));
  assert.notEqual(digest(a.dir), digest(c.dir));
  assert.equal(a.lines.payment_items, 10_000 + 3, 'small: 10,000 payment items (+3 bad lines)');
  assert.equal(a.lines.contracts, 500 + 1);
  assert.equal(a.exportedAt, '2026-02-01T06:00:00Z');
  assert.deepEqual(demoScale('large'), { clients: 5000, contracts: 50000, payments: 1_000_000 });
  assert.deepEqual(demoScale(7), { clients: 7, contracts: 70, payments: 1400 });
});

for (const size of ['small', 2] as const) {
  test(`demo ${size}: realistic, and holds every finding condition and bad lines import quarantines`, async () => {
    const demo = writeDemoBundle({ size, seed: 5, through: '2025-11', out: join(root, `f-${size}`) });
    const e = bareEngine();
    try {
      const r = await importPath(e.engine, demo.dir);
      assert.equal(r.quarantined, demo.badLines);
      assert.ok(demo.badLines >= 9);
      const db = await e.engine.use(cacheDb);
      const v = (sql: string, p?: (string | number)[]) => db.value(sql, p) as number;
      // twelve months through 2025-11
      assert.equal(db.value('SELECT min(posted_date) >= ? AND max(posted_date) <= ? FROM payment_items', ['2024-12-01', '2025-11-30']), 1);
      // names in Greek and Cyrillic and with diacritics; a zero-decimal currency; all three contract types
      const names = db.all<{ name: string }>('SELECT name FROM parties').map((x) => x.name).join(' ');
      assert.match(names, /\p{Script=Greek}/u);
      assert.match(names, /\p{Script=Cyrillic}/u);
      assert.match(names, /[éèëöüåñíóáç]/i);
      assert.ok(v("SELECT count(DISTINCT currency) FROM payment_items") >= 3);
      assert.ok(v("SELECT count(*) FROM billing_items WHERE currency = 'JPY'") > 0);
      assert.equal(v('SELECT count(DISTINCT type) FROM contracts'), 3);
      // part-paid billing items: some payment, less than the amount
      assert.ok(v('SELECT count(*) FROM billing_items b WHERE (SELECT sum(amount) FROM billing_payments p WHERE p.billing_item_id = b.id) < b.amount') > 0);
      // a rate changing mid-month
      assert.ok(v("SELECT count(*) FROM contract_rates WHERE effective_from NOT LIKE '%-01' AND effective_from > '2024-12-01'") > 0);
      // settlement commission mismatch (WARNING)
      assert.ok(v(`SELECT count(*) FROM settlements WHERE commission_due <> CAST(round((guarantee + overage) * CAST(commission_pct AS REAL) / 100.0) AS INTEGER)`) >= 1);
      // deal payees not adding to 100; a deal with no payees; revenue in another currency (ERROR)
      assert.ok(v('SELECT count(*) FROM (SELECT deal_id FROM deal_payees GROUP BY deal_id HAVING sum(CAST(allocation_pct AS REAL)) <> 100)') >= 1);
      assert.ok(v('SELECT count(*) FROM deals d WHERE NOT EXISTS (SELECT 1 FROM deal_payees p WHERE p.deal_id = d.id)') >= 1);
      assert.ok(v('SELECT count(*) FROM revenue_items r JOIN deals d ON d.id = r.deal_id WHERE r.currency <> d.currency') >= 1);
      // contracts not ACTIVE; a labor entry without an effective rate; a revenue_share month not covered
      assert.ok(v("SELECT count(*) FROM contracts WHERE status <> 'ACTIVE'") >= 2);
      assert.ok(v(`SELECT count(*) FROM labor_hours h WHERE NOT EXISTS (SELECT 1 FROM contract_rates r WHERE r.contract_id = h.contract_id
        AND r.job_code = h.job_code AND r.effective_from <= h.work_date AND (r.effective_to IS NULL OR r.effective_to >= h.work_date))`) >= 1);
      assert.equal(v("SELECT count(*) FROM revenue_reports WHERE contract_id = 'k000001' AND period_start >= '2025-05-01' AND period_end <= '2025-05-31'"), 0);
      assert.ok(v("SELECT count(*) FROM revenue_reports WHERE contract_id = 'k000001'") >= 10);
      // a fixed-fee contract whose month total jumps: a special charge as large as the fee
      assert.equal(v("SELECT count(*) FROM adjustments a JOIN contracts c ON c.id = a.contract_id WHERE c.id = 'k000003' AND c.type = 'fixed_fee' AND a.kind = 'SPECIAL_CHARGE' AND a.amount = c.monthly_fee"), 1);
    } finally {
      await e.close();
    }
  });
}
