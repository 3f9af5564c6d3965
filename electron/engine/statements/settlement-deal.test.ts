import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FolioError } from '../../../shared/errors';
import { fixtureCache, party } from '../../../test/fixtures/statements/cache';
import { computeStatement } from './index';

function validationError(field: string, code?: string) {
  return (err: unknown) => {
    assert.ok(err instanceof FolioError, String(err));
    assert.equal(err.type, 'validation');
    assert.equal(err.field, field);
    if (code) assert.equal(err.code, code);
    return true;
  };
}

/*
 * Settlements of c1, January 2026 (minor units):
 *  s1 2026-01-01 USD G 1000.00 O 250.00 B 100.00 NG 1150.00 10%   due 125.00 = (1000+250)×10%      ok
 *  s3 2026-01-15 USD G  500.00 O 100.00 B  50.00 NG  550.00 15%   due  80.00 ≠ (600)×15% = 90.00   WARNING
 *  s2 2026-01-31 USD G  333.33 O   0.00 B   0.00 NG  333.33 12.5% due  41.67 = 41.66625 → 41.67    ok
 *  s5 2026-01-20 EUR G  200.00 O   0.05 B   0.00 NG  200.05 10%   due  20.01 = 20.005 → 20.01      ok
 *  s4 2026-02-01 USD (outside)
 * USD totals: guarantee 1833.33, overage 350.00, backout 150.00, netGross 2033.33, commissionDue 246.67
 * EUR totals: 200.00, 0.05, 0.00, 200.05, 20.01
 */
const settlementRows = {
  parties: [party('c1', 'Chloé Client'), party('c2', 'Quiet Client', 'CLIENT', { default_currency: 'USD' })],
  settlements: [
    st('s1', '2026-01-01', 'USD', 100000, 25000, 10000, 115000, '10', 12500),
    st('s3', '2026-01-15', 'USD', 50000, 10000, 5000, 55000, '15', 8000),
    st('s2', '2026-01-31', 'USD', 33333, 0, 0, 33333, '12.5', 4167),
    st('s5', '2026-01-20', 'EUR', 20000, 5, 0, 20005, '10', 2001),
    st('s4', '2026-02-01', 'USD', 99900, 0, 0, 99900, '10', 9990),
  ],
};
function st(id: string, date: string, cur: string, g: number, o: number, b: number, ng: number, pct: string, due: number) {
  return { id, client_id: 'c1', deal_id: 'd-' + id, settled_date: date, engagement_date: date, venue: 'Olympia', city: 'London', currency: cur, guarantee: g, overage: o, backout: b, net_gross: ng, commission_pct: pct, commission_due: due };
}

describe('settlement statement', () => {
  it('totals per currency and a WARNING for a commission mismatch', async () => {
    const ctx = await fixtureCache(settlementRows);
    const m = computeStatement({ type: 'settlement', filters: { clientId: 'c1', dateFrom: '2026-01-01', dateTo: '2026-01-31' } }, ctx);
    assert.equal(m.lineCount, 4);
    assert.deepEqual(m.groups.map((g) => g.lines.map((l) => l.id)), [['s5'], ['s1', 's3', 's2']]);
    assert.deepEqual(m.totals, {
      EUR: { guarantee: '200.00', overage: '0.05', backout: '0.00', netGross: '200.05', commissionDue: '20.01' },
      USD: { guarantee: '1833.33', overage: '350.00', backout: '150.00', netGross: '2033.33', commissionDue: '246.67' },
    });
    assert.equal(m.findings.length, 1);
    assert.equal(m.findings[0]!.severity, 'WARNING');
    assert.equal(m.findings[0]!.code, 'COMMISSION_MISMATCH');
    assert.equal(m.findings[0]!.subject, 's3');
    assert.match(m.findings[0]!.message, /90\.00/);
  });

  it('currency filter, zero lines, bad filters', async () => {
    const ctx = await fixtureCache(settlementRows);
    const eur = computeStatement({ type: 'settlement', filters: { clientId: 'c1', dateFrom: '2026-01-01', dateTo: '2026-01-31', currency: 'EUR' } }, ctx);
    assert.equal(eur.lineCount, 1);
    assert.deepEqual(Object.keys(eur.totals), ['EUR']);
    const none = computeStatement({ type: 'settlement', filters: { clientId: 'c2', dateFrom: '2026-01-01', dateTo: '2026-01-31' } }, ctx);
    assert.equal(none.lineCount, 0);
    assert.equal(none.notes.length, 1);
    assert.deepEqual(none.totals, { USD: { guarantee: '0.00', overage: '0.00', backout: '0.00', netGross: '0.00', commissionDue: '0.00' } });
    assert.throws(() => computeStatement({ type: 'settlement', filters: { clientId: 'zz', dateFrom: '2026-01-01', dateTo: '2026-01-31' } }, ctx), validationError('clientId'));
    assert.throws(() => computeStatement({ type: 'settlement', filters: { clientId: 'c1', dateFrom: '2026-01-02', dateTo: '2026-01-01' } }, ctx), validationError('dateFrom', 'DATE_RANGE'));
    assert.throws(() => computeStatement({ type: 'settlement', filters: { clientId: 'c1', dateFrom: '2026-01-01', dateTo: '2026-01-31', currency: 'XYZ' } }, ctx), validationError('currency'));
  });
});

/*
 * Deal d1 (USD, commission 15%): revenue 1000.00 + 333.33 + 0.01 = 1333.34 (133334 cents).
 * Payees 33.33 / 33.33 / 33.34 → weights 3333/3333/3334 of 10000:
 *   133334×3333 = 444402222 → 44440 r 2222;  same;  133334×3334 = 444535556 → 44453 r 5556
 *   floors 133333, one cent left → the largest remainder (third) → 444.40 / 444.40 / 444.54
 * Commission 15%: 66.66 / 66.66 / 66.681 → 66.68; net 377.74 / 377.74 / 377.86
 * Totals: gross 1333.34, commission 200.00, net 1133.34.
 * d-tie: 0.01 split 50/50: remainders equal → the earlier payee gets the cent: 0.01 / 0.00.
 */
const dealRows = {
  parties: [party('c1', 'Client Ü'), party('b1', 'Buyer Ж', 'BUYER'), party('pa', 'Payee A', 'PAYEE'), party('pb', 'Payee B', 'PAYEE'), party('pc', 'Payee C', 'PAYEE')],
  deals: [
    deal('d1', 'USD', '15'),
    deal('d-tie', 'USD', '10'),
    deal('d-bad', 'USD', '10'),
    deal('d-none', 'USD', '10'),
    deal('d-cur', 'EUR', '10'),
  ],
  revenue_items: [
    rev('r1', 'd1', '2026-01-05', 100000, 'USD'),
    rev('r2', 'd1', '2026-01-06', 33333, 'USD'),
    rev('r3', 'd1', '2026-01-07', 1, 'USD'),
    rev('t1', 'd-tie', '2026-01-05', 1, 'USD'),
    rev('x1', 'd-bad', '2026-01-05', 100000, 'USD'),
    rev('n1', 'd-none', '2026-01-05', 100000, 'USD'),
    rev('e1', 'd-cur', '2026-01-05', 50000, 'EUR'),
    rev('e2', 'd-cur', '2026-01-06', 7000, 'USD'),
  ],
  deal_payees: [
    payee('dp1', 'd1', 'pa', '33.33'),
    payee('dp2', 'd1', 'pb', '33.33'),
    payee('dp3', 'd1', 'pc', '33.34'),
    payee('tp1', 'd-tie', 'pa', '50'),
    payee('tp2', 'd-tie', 'pb', '50'),
    payee('bp1', 'd-bad', 'pa', '60'),
    payee('bp2', 'd-bad', 'pb', '30'),
    payee('cp1', 'd-cur', 'pa', '100'),
  ],
};
function deal(id: string, cur: string, pct: string) {
  return { id, ref: `REF-${id}`, name: `Deal ${id}`, client_id: 'c1', buyer_id: 'b1', venue: 'Arena', city: 'Paris', engagement_date: '2026-01-10', currency: cur, commission_pct: pct };
}
function rev(id: string, dealId: string, date: string, gross: number, cur: string) {
  return { id, deal_id: dealId, date, description: `Revenue ${id}`, gross, currency: cur };
}
function payee(id: string, dealId: string, partyId: string, pct: string) {
  return { id, deal_id: dealId, party_id: partyId, role: 'ARTIST', allocation_pct: pct };
}

describe('deal statement', () => {
  it('splits the gross by allocation with the largest remainder and rounds commission per payee', async () => {
    const ctx = await fixtureCache(dealRows);
    const m = computeStatement({ type: 'deal', filters: { dealId: 'd1' } }, ctx);
    assert.equal(m.lineCount, 3);
    assert.deepEqual(m.findings, []);
    assert.deepEqual(m.totals, { USD: { gross: '1333.34', commission: '200.00', net: '1133.34' } });
    assert.deepEqual(
      m.payees!.map((p) => [p.partyId, p.allocationPct, p.gross, p.commission, p.net]),
      [
        ['pa', '33.33', '444.40', '66.66', '377.74'],
        ['pb', '33.33', '444.40', '66.66', '377.74'],
        ['pc', '33.34', '444.54', '66.68', '377.86'],
      ],
    );
    assert.ok(m.header.some((h) => h.value === 'Buyer Ж'));
    assert.equal(m.sections[0]!.rows.length, 3);
  });

  it('gives a tied cent to the earlier payee', async () => {
    const ctx = await fixtureCache(dealRows);
    const m = computeStatement({ type: 'deal', filters: { dealId: 'd-tie' } }, ctx);
    assert.deepEqual(m.payees!.map((p) => p.gross), ['0.01', '0.00']);
  });

  it('ERROR when allocations do not add up to 100, when there are no payees, and for revenue in another currency', async () => {
    const ctx = await fixtureCache(dealRows);
    const bad = computeStatement({ type: 'deal', filters: { dealId: 'd-bad' } }, ctx);
    assert.deepEqual(bad.findings.map((f) => [f.severity, f.code]), [['ERROR', 'ALLOCATION_NOT_100']]);
    assert.match(bad.findings[0]!.message, /90%/);
    const none = computeStatement({ type: 'deal', filters: { dealId: 'd-none' } }, ctx);
    assert.deepEqual(none.findings.map((f) => [f.severity, f.code]), [['ERROR', 'NO_PAYEES']]);
    const cur = computeStatement({ type: 'deal', filters: { dealId: 'd-cur' } }, ctx);
    assert.deepEqual(cur.findings.map((f) => [f.severity, f.code, f.subject]), [['ERROR', 'REVENUE_CURRENCY_MISMATCH', 'e2']]);
    // the USD item is never added into the EUR total: 500.00 EUR, commission 10% = 50.00
    assert.deepEqual(cur.totals, { EUR: { gross: '500.00', commission: '50.00', net: '450.00' } });
    assert.throws(() => computeStatement({ type: 'deal', filters: { dealId: 'nope' } }, ctx), validationError('dealId', 'UNKNOWN_DEAL'));
  });
});
