import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FolioError } from '../../../shared/errors';
import { fixtureCache, party } from '../../../test/fixtures/statements/cache';
import { agingBuckets, bucketFor } from './ar-aging';
import { computeStatement } from './index';

/*
 * As of 2026-03-31, default buckets. Client A (USD):
 *  i0    due 2026-03-31 age 0   → current   100.00
 *  ivat  due 2026-03-31 age 0   → current     0.05 + VAT 10% (0.005 → 0.01) = 0.06
 *  i30   due 2026-03-01 age 30  → 1-30      200.00 + VAT 20% 40.00 = 240.00 − paid 40.00 (03-15) = 200.00
 *  iover due 2026-03-10 age 21  → 1-30       50.00 − paid 80.00 = −30.00 (overpayment: a credit)
 *  i31   due 2026-02-28 age 31  → 31-60     300.00 (its payment on 2026-04-02 is after as-of: ignored)
 *  i120  due 2025-12-01 age 120 → 91-120    400.00 (30 + 31 + 28 + 31 days)
 *  i121  due 2025-11-30 age 121 → 120+      500.00
 *  ipaid due 2026-02-01 age 58  → 31-60      70.00 − 70.00 = 0 (settled: only with all items)
 *  ifut  issued 2026-04-01, after as-of: always left out
 * USD: current 100.06, 1-30 170.00, 31-60 300.00, 61-90 0.00, 91-120 400.00, 120+ 500.00, total 1470.06
 * Client B (EUR): b1 due 2026-01-15 age 16+28+31 = 75 → 61-90: 1000.00 − 250.00 (paid on the as-of day) = 750.00
 */
const rows = {
  parties: [party('A', 'Ångström AB'), party('B', 'Βήτα Ltd'), party('C', 'Nobody')],
  billing_items: [
    item('i0', 'A', '2026-03-01', '2026-03-31', 'USD', 10000),
    item('ivat', 'A', '2026-03-01', '2026-03-31', 'USD', 5, '10'),
    item('i30', 'A', '2026-02-01', '2026-03-01', 'USD', 20000, '20'),
    item('iover', 'A', '2026-02-10', '2026-03-10', 'USD', 5000),
    item('i31', 'A', '2026-01-28', '2026-02-28', 'USD', 30000),
    item('i120', 'A', '2025-11-01', '2025-12-01', 'USD', 40000),
    item('i121', 'A', '2025-10-31', '2025-11-30', 'USD', 50000),
    item('ipaid', 'A', '2026-01-01', '2026-02-01', 'USD', 7000),
    item('ifut', 'A', '2026-04-01', '2026-04-30', 'USD', 99900),
    item('b1', 'B', '2025-12-15', '2026-01-15', 'EUR', 100000),
  ],
  billing_payments: [
    pay('p1', 'i30', '2026-03-15', 4000),
    pay('p2', 'iover', '2026-03-20', 8000),
    pay('p3', 'i31', '2026-04-02', 30000),
    pay('p4', 'ipaid', '2026-02-01', 7000),
    pay('p5', 'b1', '2026-03-31', 25000),
  ],
};
function item(id: string, partyId: string, issue: string, due: string, cur: string, amount: number, vat: string | null = null) {
  return { id, party_id: partyId, target_type: 'CLIENT', description: `Item ${id}`, issue_date: issue, due_date: due, currency: cur, amount, vat_pct: vat, invoice_number: `N-${id}` };
}
function pay(id: string, itemId: string, date: string, amount: number) {
  return { id, billing_item_id: itemId, paid_date: date, amount };
}

const usd = { current: '100.06', '1-30': '170.00', '31-60': '300.00', '61-90': '0.00', '91-120': '400.00', '120+': '500.00', total: '1470.06' };
const eur = { current: '0.00', '1-30': '0.00', '31-60': '0.00', '61-90': '750.00', '91-120': '0.00', '120+': '0.00', total: '750.00' };

describe('AR aging statement', () => {
  it('buckets boundary ages 0/30/31/120/121, ignores later payments and items, shows overpayments as credits', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement({ type: 'ar-aging', filters: { asOf: '2026-03-31' } }, ctx);
    assert.deepEqual(m.totals, { EUR: eur, USD: usd });
    assert.equal(m.lineCount, 8);
    const cells = new Map(m.groups.flatMap((g) => g.lines).map((l) => [l.id, l.cells]));
    assert.deepEqual(
      ['i0', 'i30', 'i31', 'i120', 'i121', 'iover', 'b1'].map((id) => [id, cells.get(id)!.age, cells.get(id)!.bucket]),
      [
        ['i0', 0, 'Current'],
        ['i30', 30, '1–30'],
        ['i31', 31, '31–60'],
        ['i120', 120, '91–120'],
        ['i121', 121, '120+'],
        ['iover', 21, '1–30'],
        ['b1', 75, '61–90'],
      ],
    );
    assert.equal(cells.get('iover')!.balance, '-30.00');
    assert.equal(cells.get('i31')!.paid, '0.00');
    assert.equal(cells.get('i30')!.amount, '240.00');
    assert.ok(!cells.has('ipaid') && !cells.has('ifut'));
    assert.deepEqual(m.groups.map((g) => g.title), ['Βήτα Ltd (EUR)', 'Ångström AB (USD)']);
    assert.ok(m.notes.some((n) => /credit/.test(n)));
    assert.equal(m.sections[0]!.rows.length, 2);
  });

  it('includes settled items with all items, filters by client, defaults as-of to today', async () => {
    const ctx = await fixtureCache(rows, { today: '2026-03-31' });
    const all = computeStatement({ type: 'ar-aging', filters: { clientId: 'A', openItemsOnly: false } }, ctx);
    assert.equal(all.lineCount, 8); // 7 open + ipaid
    assert.deepEqual(all.totals, { USD: usd });
    assert.equal(all.party?.name, 'Ångström AB');
    assert.equal(all.filters.asOf, '2026-03-31');
    const none = computeStatement({ type: 'ar-aging', filters: { clientId: 'C' } }, ctx);
    assert.equal(none.lineCount, 0);
    assert.deepEqual(none.totals, {});
    assert.match(none.notes[0]!, /No open items as of 2026-03-31/);
    assert.throws(
      () => computeStatement({ type: 'ar-aging', filters: { clientId: 'ZZ' } }, ctx),
      (e: unknown) => e instanceof FolioError && e.field === 'clientId',
    );
  });

  it('follows the aging.buckets setting for bucket keys', async () => {
    const ctx = await fixtureCache(rows, { settings: { agingBuckets: [15, 45], varianceThresholdPct: 25, locale: 'en-GB' } });
    const m = computeStatement({ type: 'ar-aging', filters: { asOf: '2026-03-31', clientId: 'A' } }, ctx);
    // iover (21), i30 (30) and i31 (31) → 16-45: 200.00 − 30.00 + 300.00; i120, i121 → 45+: 400 + 500
    assert.deepEqual(m.totals, { USD: { current: '100.06', '1-15': '0.00', '16-45': '470.00', '45+': '900.00', total: '1470.06' } });
  });

  it('a paged compute materializes only the page, in the same order, with full totals', async () => {
    const ctx = await fixtureCache(rows);
    const req = { type: 'ar-aging' as const, filters: { asOf: '2026-03-31' } };
    const full = computeStatement(req, ctx);
    const all = full.groups.flatMap((g) => g.lines);
    for (const [offset, limit] of [[0, 3], [2, 3], [6, 10], [8, 5]] as const) {
      const m = computeStatement(req, ctx, { page: { offset, limit } });
      assert.deepEqual(m.groups.flatMap((g) => g.lines), all.slice(offset, offset + limit), `${offset}/${limit}`);
      assert.equal(m.lineCount, 8);
      assert.deepEqual(m.totals, full.totals);
      // only the page's parties are carried, with their full subtotals
      const byKey = new Map(full.groups.map((g) => [g.key, g.totals]));
      for (const g of m.groups) assert.deepEqual(g.totals, byKey.get(g.key));
      assert.ok(m.groups.every((g) => g.lines.length > 0));
      assert.equal(m.sections[0]!.rows.length, m.groups.length);
    }
  });

  it('a portfolio of 6,000 open items: totals add up, details read by one pass match the page lookups', async () => {
    // item n (1..6000): 1.00 × n USD, due 2026-03-01 (age 30 → 1-30) for odd n, 2026-03-31 (current) for even n
    // current = 1.00 × (2+4+…+6000) = 1.00 × 2 × (3000·3001/2) = 1.00 × 9003000 = 9003000.00; 1-30 = 1.00 × 3000² = 9000000.00
    const many = Array.from({ length: 6000 }, (_, i) => item(`m${String(i + 1).padStart(4, '0')}`, 'A', '2026-02-01', (i + 1) % 2 ? '2026-03-01' : '2026-03-31', 'USD', (i + 1) * 100));
    const ctx = await fixtureCache({ parties: rows.parties, billing_items: many });
    const req = { type: 'ar-aging' as const, filters: { asOf: '2026-03-31' } };
    const full = computeStatement(req, ctx);
    assert.equal(full.lineCount, 6000);
    assert.equal(full.totals.USD!.current, '9003000.00');
    assert.equal(full.totals.USD!['1-30'], '9000000.00');
    assert.equal(full.totals.USD!.total, '18003000.00');
    const lines = full.groups.flatMap((g) => g.lines);
    const page = computeStatement(req, ctx, { page: { offset: 4321, limit: 50 } }).groups.flatMap((g) => g.lines);
    assert.deepEqual(page, lines.slice(4321, 4371));
    assert.equal(lines[0]!.cells.invoiceNumber, 'N-m0001');
  });

  it('orders lines as JavaScript compares ids, where SQLite (UTF-8 bytes) would differ, with payments still matched', async () => {
    // same party and due date: "x\u{1F600}" sorts before "x\uFF5E" in UTF-16 units, after it in UTF-8 bytes
    const emoji = 'x\u{1F600}';
    const wide = 'x\uFF5E';
    const ctx = await fixtureCache({
      parties: rows.parties,
      billing_items: [item(wide, 'A', '2026-02-01', '2026-03-01', 'USD', 1000), item(emoji, 'A', '2026-02-01', '2026-03-01', 'USD', 2000), item('b2', 'B', '2026-02-01', '2026-03-31', 'EUR', 500)],
      billing_payments: [pay('q1', emoji, '2026-03-02', 500)],
    });
    for (const filters of [{ asOf: '2026-03-31' }, { asOf: '2026-03-31', clientId: 'A' }]) {
      const m = computeStatement({ type: 'ar-aging', filters }, ctx);
      const a = m.groups.find((g) => g.currency === 'USD')!;
      assert.deepEqual(a.lines.map((l) => l.id), [emoji, wide]);
      // 20.00 − 5.00 paid, and 10.00: 25.00 in 1-30
      assert.deepEqual(a.lines.map((l) => l.cells.balance), ['15.00', '10.00']);
      assert.equal(m.totals.USD!['1-30'], '25.00');
    }
  });

  it('bucket helper: boundaries are inclusive upper bounds', () => {
    const b = agingBuckets([30, 60, 90, 120]);
    assert.deepEqual(b.map((x) => x.key), ['current', '1-30', '31-60', '61-90', '91-120', '120+']);
    assert.deepEqual([-5, 0, 1, 30, 31, 60, 61, 90, 91, 120, 121, 9999].map((a) => bucketFor(a, b).key), [
      'current', 'current', '1-30', '1-30', '31-60', '31-60', '61-90', '61-90', '91-120', '91-120', '120+', '120+',
    ]);
  });
});
