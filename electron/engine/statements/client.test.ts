import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FolioError } from '../../../shared/errors';
import { fixtureCache, party } from '../../../test/fixtures/statements/cache';
import { computeStatement, subjectKey } from './index';

/*
 * Fixture (money in minor units). John Smith, USD, January 2026:
 *   p0 2025-12-31 500.00 (before the range: out)
 *   p1 2026-01-01 1000.00 / 100.00 / 900.00   (first day: in)
 *   p2 2026-01-05  250.50 /  25.05 / 225.45
 *   p3 2026-01-15   99.99 /  10.00 /  89.99
 *   p4 2026-01-20 1200.00 / 180.00 / 1020.00
 *   p5 2026-01-31    0.01 /   0.00 /   0.01   (last day: in)
 *   p6 2026-02-01  700.00 (after the range: out)
 * Expected USD totals: gross 1000.00+250.50+99.99+1200.00+0.01 = 2550.50
 *                      commission 100.00+25.05+10.00+180.00+0.00 = 315.05
 *                      net 900.00+225.45+89.99+1020.00+0.01 = 2235.45 (= 2550.50 − 315.05)
 * Multi (c-multi): EUR 100.00/15.00/85.00 + 50.25/7.54/42.71 → 150.25/22.54/127.71;
 *                  GBP 300.00/30.00/270.00; JPY 15000/1500/13500.
 */
const rows = {
  parties: [
    party('c-john', 'John Smith'),
    party('c-multi', 'Zoë Ångström'),
    party('c-empty', 'Émile Nobody', 'CLIENT', { default_currency: 'GBP' }),
    party('c-bare', 'Bare Client'),
  ],
  deals: [{ id: 'd1', ref: 'DL-1', name: 'Tour', client_id: 'c-john', engagement_date: '2026-01-10', currency: 'USD', commission_pct: '10' }],
  payment_items: [
    pay('p0', 'c-john', '2025-12-31', 'USD', 50000, 5000, 45000),
    pay('p1', 'c-john', '2026-01-01', 'USD', 100000, 10000, 90000, 'd1'),
    pay('p2', 'c-john', '2026-01-05', 'USD', 25050, 2505, 22545),
    pay('p3', 'c-john', '2026-01-15', 'USD', 9999, 1000, 8999),
    pay('p4', 'c-john', '2026-01-20', 'USD', 120000, 18000, 102000),
    pay('p5', 'c-john', '2026-01-31', 'USD', 1, 0, 1),
    pay('p6', 'c-john', '2026-02-01', 'USD', 70000, 7000, 63000),
    pay('e1', 'c-multi', '2026-01-10', 'EUR', 10000, 1500, 8500),
    pay('e2', 'c-multi', '2026-01-11', 'EUR', 5025, 754, 4271),
    pay('g1', 'c-multi', '2026-01-12', 'GBP', 30000, 3000, 27000),
    pay('j1', 'c-multi', '2026-01-13', 'JPY', 15000, 1500, 13500),
  ],
};

function pay(id: string, client: string, date: string, cur: string, gross: number, commission: number, net: number, deal: string | null = null) {
  return { id, client_id: client, deal_id: deal, posted_date: date, description: `Payment ${id}`, reference: `R-${id}`, currency: cur, gross, commission, net };
}

const jan = { dateFrom: '2026-01-01', dateTo: '2026-01-31' };

function validationError(field: string, code?: string) {
  return (err: unknown) => {
    assert.ok(err instanceof FolioError, `expected a FolioError, got ${String(err)}`);
    assert.equal(err.type, 'validation');
    assert.equal(err.field, field);
    if (code) assert.equal(err.code, code);
    return true;
  };
}

describe('client statement', () => {
  it('John Smith has 5 payment items posted in January 2026 → 5 transactions (from/to inclusive)', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement({ type: 'client', filters: { clientId: 'c-john', ...jan } }, ctx);
    assert.equal(m.lineCount, 5);
    assert.deepEqual(
      m.groups[0]!.lines.map((l) => l.id),
      ['p1', 'p2', 'p3', 'p4', 'p5'],
    );
    assert.deepEqual(m.totals, { USD: { gross: '2550.50', commission: '315.05', net: '2235.45' } });
    assert.equal(m.currency, 'USD');
    assert.equal(m.groups[0]!.lines[0]!.cells.dealRef, 'DL-1');
    assert.equal(m.groups[0]!.lines[1]!.cells.gross, '250.50');
    assert.equal(m.groups[0]!.lines[0]!.item.itemType, 'PAYMENT');
    assert.equal(m.party?.name, 'John Smith');
    assert.deepEqual(m.notes, []);
  });

  it('groups a multi-currency client per currency and never sums across them', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement({ type: 'client', filters: { clientId: 'c-multi', ...jan } }, ctx);
    assert.equal(m.currency, null);
    assert.deepEqual(m.groups.map((g) => [g.currency, g.lines.length]), [['EUR', 2], ['GBP', 1], ['JPY', 1]]);
    assert.deepEqual(m.totals, {
      EUR: { gross: '150.25', commission: '22.54', net: '127.71' },
      GBP: { gross: '300.00', commission: '30.00', net: '270.00' },
      JPY: { gross: '15000', commission: '1500', net: '13500' },
    });
  });

  it('filters on a currency and leaves out excluded ids', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement({ type: 'client', filters: { clientId: 'c-multi', ...jan, currency: 'EUR', excludedIds: ['e2'] } }, ctx);
    assert.equal(m.lineCount, 1);
    assert.equal(m.currency, 'EUR');
    assert.deepEqual(m.totals, { EUR: { gross: '100.00', commission: '15.00', net: '85.00' } });
  });

  it('a client with no items in range gives a zero-line statement with a note', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement({ type: 'client', filters: { clientId: 'c-empty', ...jan } }, ctx);
    assert.equal(m.lineCount, 0);
    assert.deepEqual(m.notes, ['No transactions in this period']);
    assert.deepEqual(m.totals, { GBP: { gross: '0.00', commission: '0.00', net: '0.00' } });
    const bare = computeStatement({ type: 'client', filters: { clientId: 'c-bare', ...jan } }, ctx);
    assert.deepEqual(bare.totals, {});
    assert.equal(bare.lineCount, 0);
  });

  it('refuses bad filters naming the field', async () => {
    const ctx = await fixtureCache(rows);
    assert.throws(() => computeStatement({ type: 'client', filters: { clientId: 'nobody', ...jan } }, ctx), validationError('clientId', 'UNKNOWN_CLIENT'));
    assert.throws(
      () => computeStatement({ type: 'client', filters: { clientId: 'c-john', dateFrom: '2026-02-01', dateTo: '2026-01-31' } }, ctx),
      validationError('dateFrom', 'DATE_RANGE'),
    );
    assert.throws(
      () => computeStatement({ type: 'client', filters: { clientId: 'c-john', ...jan, currency: 'ABC' } }, ctx),
      validationError('currency', 'UNKNOWN_CURRENCY'),
    );
    // p0 is John's but outside the range; e1 is another client's
    for (const id of ['p0', 'e1', 'zzz']) {
      assert.throws(
        () => computeStatement({ type: 'client', filters: { clientId: 'c-john', ...jan, excludedIds: [id] } }, ctx),
        validationError('excludedIds', 'EXCLUDED_NOT_IN_STATEMENT'),
      );
    }
    // an id outside the currency filter does not belong to the statement either
    assert.throws(
      () => computeStatement({ type: 'client', filters: { clientId: 'c-multi', ...jan, currency: 'EUR', excludedIds: ['g1'] } }, ctx),
      validationError('excludedIds'),
    );
  });

  it('subjectKey is stable and order-insensitive for excluded ids', () => {
    const a = subjectKey({ type: 'client', filters: { clientId: 'c', ...jan, excludedIds: ['b', 'a'] } });
    const b = subjectKey({ type: 'client', filters: { clientId: 'c', ...jan, excludedIds: ['a', 'b'] } });
    assert.equal(a, b);
    assert.equal(a, 'client|c|2026-01-01|2026-01-31|*|a,b');
    assert.equal(subjectKey({ type: 'billing', filters: { contractId: 'k1', period: '2026-01' } }), 'billing|k1|2026-01');
  });
});
