import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FolioError } from '../../../shared/errors';
import { fixtureCache, party } from '../../../test/fixtures/statements/cache';
import { monthPortion } from './billing-lines';
import { varianceFinding } from './billing';
import { computeStatement } from './index';

/*
 * Period 2026-02 (28 days); previous 2026-01.
 * k-rs revenue_share 12.5% USD:
 *   rA 2026-01-20..2026-02-09 2100.00 over 21 days: Jan 12 days, Feb 9 → split 1200.00 / 900.00
 *      Feb line 900.00 × 12.5% = 112.50
 *   rB 2026-02-10..2026-02-28 1000.01 × 12.5% = 125.00125 → 125.00
 *   Feb total 237.50. Jan: rJ 01-01..01-19 1520.00 → 190.00, + rA's 1200.00 → 150.00 = 340.00
 *   variance |237.50 − 340.00| = 102.50 = 30.1% of 340.00 > 25% → WARNING VARIANCE (none at 40%)
 * k-rs2 revenue_share 100% USD: rC 2026-01-31..2026-02-01 0.03 split [1,1] → 0.02 Jan (tie → earlier), 0.01 Feb
 *   Feb 2..28 not covered → ERROR PERIOD_INCOMPLETE
 * k-lh per_labor_hour GBP: DEV 50.00 until 2026-02-14, DEV 60.00 from 2026-02-15, QA 40.50
 *   DEV@50: 7.5 + 0.25 (on 02-14, last day of that rate) = 7.75 h → 387.50
 *   DEV@60: 8 h → 480.00;  QA: 3.33 + 1.67 = 5.00 h × 40.50 = 202.50 (per entry it would be 134.87 + 67.64)
 *   OPS on 02-10 has no rate → ERROR RATE_MISSING. Total 1070.00; Jan 20 h × 50.00 = 1000.00 → 7%: no warning
 * k-ff fixed_fee EUR 2800.00, TERMINATED, ended 2026-02-10: 10 of 28 days → 1000.00;
 *   adjustments CREDIT 150.00 → −150.00, DEBIT 20.00, SPECIAL_CHARGE 30.05 → total 900.05
 *   Jan full 2800.00 → 67.9% → WARNING VARIANCE. March: ended before → ERROR CONTRACT_NOT_ACTIVE
 * k-ff2 fixed_fee USD 1000.00 from 2026-02-16: 13 of 28 days → 464.2857 → 464.29; not active in Jan: no variance
 * k-susp SUSPENDED, k-future starts 2026-03-01 → ERROR CONTRACT_NOT_ACTIVE
 */
const rows = {
  parties: [party('cust', 'Customer Ünal')],
  contracts: [
    k('k-rs', 'revenue_share', 'ACTIVE', '2025-01-01', null, 'USD', { share_pct: '12.5' }),
    k('k-rs2', 'revenue_share', 'ACTIVE', '2025-01-01', null, 'USD', { share_pct: '100' }),
    k('k-lh', 'per_labor_hour', 'ACTIVE', '2025-06-01', null, 'GBP'),
    k('k-ff', 'fixed_fee', 'TERMINATED', '2025-03-01', '2026-02-10', 'EUR', { monthly_fee: 280000 }),
    k('k-ff2', 'fixed_fee', 'ACTIVE', '2026-02-16', null, 'USD', { monthly_fee: 100000 }),
    k('k-susp', 'fixed_fee', 'SUSPENDED', '2025-01-01', null, 'USD', { monthly_fee: 100000 }),
    k('k-future', 'fixed_fee', 'ACTIVE', '2026-03-01', null, 'USD', { monthly_fee: 100000 }),
  ],
  revenue_reports: [
    { id: 'rA', contract_id: 'k-rs', period_start: '2026-01-20', period_end: '2026-02-09', gross_revenue: 210000 },
    { id: 'rB', contract_id: 'k-rs', period_start: '2026-02-10', period_end: '2026-02-28', gross_revenue: 100001 },
    { id: 'rJ', contract_id: 'k-rs', period_start: '2026-01-01', period_end: '2026-01-19', gross_revenue: 152000 },
    { id: 'rC', contract_id: 'k-rs2', period_start: '2026-01-31', period_end: '2026-02-01', gross_revenue: 3 },
  ],
  contract_rates: [
    { id: 'rt1', contract_id: 'k-lh', job_code: 'DEV', hourly_rate: 5000, effective_from: '2025-01-01', effective_to: '2026-02-14' },
    { id: 'rt2', contract_id: 'k-lh', job_code: 'DEV', hourly_rate: 6000, effective_from: '2026-02-15', effective_to: null },
    { id: 'rt3', contract_id: 'k-lh', job_code: 'QA', hourly_rate: 4050, effective_from: '2025-01-01', effective_to: null },
  ],
  labor_hours: [
    lh('h0', '2026-01-15', 'DEV', '20'),
    lh('h1', '2026-02-03', 'DEV', '7.5'),
    lh('h2', '2026-02-14', 'DEV', '0.25'),
    lh('h3', '2026-02-15', 'DEV', '8'),
    lh('h4', '2026-02-20', 'QA', '3.33'),
    lh('h5', '2026-02-21', 'QA', '1.67'),
    lh('h6', '2026-02-10', 'OPS', '2'),
  ],
  adjustments: [
    adj('a1', '2026-02-05', 'CREDIT', 15000),
    adj('a2', '2026-02-06', 'DEBIT', 2000),
    adj('a3', '2026-02-07', 'SPECIAL_CHARGE', 3005),
    adj('a4', '2026-03-01', 'DEBIT', 99900),
  ],
};
function k(id: string, type: string, status: string, start: string, end: string | null, cur: string, extra: Record<string, string | number> = {}) {
  return { id, customer_id: 'cust', type, status, start_date: start, end_date: end, currency: cur, ...extra };
}
function lh(id: string, date: string, job: string, hours: string) {
  return { id, contract_id: 'k-lh', work_date: date, job_code: job, hours };
}
function adj(id: string, date: string, kind: string, amount: number) {
  return { id, contract_id: 'k-ff', date, kind, description: `${kind} ${id}`, amount };
}
const bs = (contractId: string, period = '2026-02') => ({ type: 'billing' as const, filters: { contractId, period } });
const codes = (m: { findings: Array<{ severity: string; code: string }> }) => m.findings.map((f) => `${f.severity} ${f.code}`);

describe('billing statement', () => {
  it('revenue share: pro rata by days across the period edge, variance against the previous month', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement(bs('k-rs'), ctx);
    assert.deepEqual(m.groups[0]!.lines.map((l) => [l.id, l.item.quantity, l.item.amount]), [
      ['rA', '900.00', '112.50'],
      ['rB', '1000.01', '125.00'],
    ]);
    assert.deepEqual(m.totals, { USD: { total: '237.50' } });
    assert.deepEqual(codes(m), ['WARNING VARIANCE']);
    assert.match(m.findings[0]!.message, /340\.00/);
    const lenient = await fixtureCache(rows, { settings: { agingBuckets: [30], varianceThresholdPct: 40, locale: 'en-GB' } });
    assert.deepEqual(codes(computeStatement(bs('k-rs'), lenient)), []);
    assert.deepEqual(computeStatement(bs('k-rs', '2026-01'), ctx).totals, { USD: { total: '340.00' } });
  });

  it('revenue share: reports that leave days uncovered are an ERROR (billing period completeness)', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement(bs('k-rs2'), ctx);
    assert.deepEqual(m.totals, { USD: { total: '0.01' } });
    assert.ok(codes(m).includes('ERROR PERIOD_INCOMPLETE'));
    assert.match(m.findings.find((f) => f.code === 'PERIOD_INCOMPLETE')!.message, /2026-02-02–2026-02-28/);
    assert.equal(monthPortion(3, '2026-01-31', '2026-02-01', '2026-01'), 2);
  });

  it('per labor hour: grouped by job code at the rate effective on each date; missing rate is an ERROR', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement(bs('k-lh'), ctx);
    assert.deepEqual(m.groups[0]!.lines.map((l) => [l.item.quantity, l.item.rate, l.item.amount]), [
      ['7.75', '50.00', '387.50'],
      ['8', '60.00', '480.00'],
      ['5', '40.50', '202.50'],
    ]);
    assert.deepEqual(m.totals, { GBP: { total: '1070.00' } });
    assert.deepEqual(codes(m), ['ERROR RATE_MISSING']);
    assert.match(m.findings[0]!.message, /h6/);
  });

  it('fixed fee prorated by active days, adjustments signed, terminated contract', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement(bs('k-ff'), ctx);
    assert.deepEqual(m.groups[0]!.lines.map((l) => [l.item.itemType, l.item.amount]), [
      ['FIXED_FEE', '1000.00'],
      ['CREDIT', '-150.00'],
      ['DEBIT', '20.00'],
      ['SPECIAL_CHARGE', '30.05'],
    ]);
    assert.deepEqual(m.totals, { EUR: { total: '900.05' } });
    assert.deepEqual(codes(m), ['WARNING VARIANCE']);
    assert.deepEqual(codes(computeStatement(bs('k-ff', '2026-03'), ctx)), ['ERROR CONTRACT_NOT_ACTIVE']);
    const late = computeStatement(bs('k-ff2'), ctx);
    assert.deepEqual(late.totals, { USD: { total: '464.29' } });
    assert.deepEqual(codes(late), []);
  });

  it('suspended or not yet started contracts are an ERROR; unknown contract is a validation error', async () => {
    const ctx = await fixtureCache(rows);
    assert.deepEqual(codes(computeStatement(bs('k-susp'), ctx)), ['ERROR CONTRACT_NOT_ACTIVE']);
    assert.deepEqual(codes(computeStatement(bs('k-future'), ctx)), ['ERROR CONTRACT_NOT_ACTIVE']);
    assert.throws(() => computeStatement(bs('nope'), ctx), (e: unknown) => e instanceof FolioError && e.field === 'contractId');
  });

  it('overlapping revenue reports are a WARNING; missing share % or monthly fee fail rate verification', async () => {
    // k-ov: two reports both covering 2026-02-10..2026-02-15 (share 10%): 100.00 + 50.00 → 15.00
    const ctx = await fixtureCache({
      ...rows,
      contracts: [
        ...rows.contracts,
        k('k-ov', 'revenue_share', 'ACTIVE', '2025-01-01', null, 'USD', { share_pct: '10' }),
        k('k-nopct', 'revenue_share', 'ACTIVE', '2025-01-01', null, 'USD'),
        k('k-nofee', 'fixed_fee', 'ACTIVE', '2025-01-01', null, 'USD'),
      ],
      revenue_reports: [
        ...rows.revenue_reports,
        { id: 'o1', contract_id: 'k-ov', period_start: '2026-02-01', period_end: '2026-02-15', gross_revenue: 10000 },
        { id: 'o2', contract_id: 'k-ov', period_start: '2026-02-10', period_end: '2026-02-28', gross_revenue: 5000 },
        { id: 'n1', contract_id: 'k-nopct', period_start: '2026-02-01', period_end: '2026-02-28', gross_revenue: 5000 },
      ],
    });
    const ov = computeStatement(bs('k-ov'), ctx);
    assert.deepEqual(ov.totals, { USD: { total: '15.00' } });
    assert.deepEqual(codes(ov), ['WARNING REVENUE_REPORTS_OVERLAP']);
    assert.deepEqual(codes(computeStatement(bs('k-nopct'), ctx)), ['ERROR RATE_MISSING']);
    assert.deepEqual(codes(computeStatement(bs('k-nofee'), ctx)), ['ERROR RATE_MISSING']);
  });

  it('variance rule: strictly more than the threshold, exact arithmetic', () => {
    assert.equal(varianceFinding(12500, 10000, 25, 'USD', '2026-01'), null); // exactly 25%
    assert.equal(varianceFinding(12501, 10000, 25, 'USD', '2026-01')?.code, 'VARIANCE');
    assert.equal(varianceFinding(7499, 10000, 25, 'USD', '2026-01')?.code, 'VARIANCE');
    assert.equal(varianceFinding(500, 0, 25, 'USD', '2026-01'), null);
    assert.equal(varianceFinding(11251, 10000, 12.5, 'USD', '2026-01')?.code, 'VARIANCE');
    assert.equal(varianceFinding(11250, 10000, 12.5, 'USD', '2026-01'), null);
  });
});
