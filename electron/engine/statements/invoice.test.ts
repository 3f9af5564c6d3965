import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FolioError } from '../../../shared/errors';
import { fixtureCache, party } from '../../../test/fixtures/statements/cache';
import { computeStatement } from './index';

/*
 * Buyer x1 (USD):
 *  b3 issued 2026-01-02 due 2026-01-31: 100.00, no VAT                       → 100.00 + 0.00   = 100.00
 *  b1 issued 2026-01-05 due 2026-02-04: 3 × 33.33 = 99.99, VAT 20% 19.998→20.00 → 119.99
 *  b2 issued 2026-01-10 due 2026-03-01: 2.5 × 10.01 = 25.025→25.03, VAT 5% 1.2515→1.25 → 26.28
 * Totals: net 225.02, vat 21.25, gross 246.27; due 2026-03-01 (latest), time of supply 2026-01-10.
 * b4: 4 × 2.50 = 10.00 but stored 9.00 → WARNING AMOUNT_MISMATCH, the invoice uses 10.00.
 * UK, EUR (u1): e1 10 × 12.34 = 123.40 VAT 20% 24.68; e2 50.00 VAT 20% 10.00
 *   net 173.40, VAT 34.68, gross 208.08; GBP VAT at 0.8571 = 29.724228 → 29.72; at 0.85 → 29.478 → 29.48
 * UK, USD: 1000.00 VAT 20% = 200.00; at 0.7913 → 158.26. UK, JPY: 10000 VAT 10% = 1000 JPY; at 0.0052 → 5.20 GBP.
 */
const rows = {
  parties: [
    party('x1', 'Buyer Ωmega', 'BUYER'),
    party('x2', 'Other Buyer', 'BUYER'),
    party('u1', 'Édith Ltd', 'CLIENT', { address_lines: JSON.stringify(['1 Rue de la Paix', '75002 Paris']), country: 'FR', vat_number: 'FR123' }),
    party('u2', 'No Address Co', 'CLIENT'),
  ],
  billing_items: [
    bi('b3', 'x1', 'BUYER', '2026-01-02', '2026-01-31', 'USD', null, null, 10000, null),
    bi('b1', 'x1', 'BUYER', '2026-01-05', '2026-02-04', 'USD', '3', 3333, 9999, '20'),
    bi('b2', 'x1', 'BUYER', '2026-01-10', '2026-03-01', 'USD', '2.5', 1001, 2503, '5'),
    bi('b4', 'x1', 'BUYER', '2026-01-11', '2026-01-31', 'USD', '4', 250, 900, null),
    bi('bc', 'x1', 'CLIENT', '2026-01-11', '2026-01-31', 'USD', null, null, 100, null),
    bi('be', 'x1', 'BUYER', '2026-01-11', '2026-01-31', 'EUR', null, null, 100, null),
    bi('bo', 'x2', 'BUYER', '2026-01-11', '2026-01-31', 'USD', null, null, 100, null),
    bi('e1', 'u1', 'CLIENT', '2026-02-01', '2026-03-03', 'EUR', '10', 1234, 12340, '20'),
    bi('e2', 'u1', 'CLIENT', '2026-02-03', '2026-03-05', 'EUR', null, null, 5000, '20'),
    bi('d1', 'u1', 'CLIENT', '2026-02-03', '2026-03-05', 'USD', null, null, 100000, '20'),
    bi('y1', 'u1', 'CLIENT', '2026-02-03', '2026-03-05', 'JPY', null, null, 10000, '10'),
    bi('g1', 'u2', 'CLIENT', '2026-02-03', '2026-03-05', 'GBP', null, null, 10000, '20'),
  ],
};
function bi(id: string, p: string, target: string, issue: string, due: string, cur: string, qty: string | null, unit: number | null, amount: number, vat: string | null) {
  return { id, party_id: p, target_type: target, description: `Service ${id}`, issue_date: issue, due_date: due, currency: cur, quantity: qty, unit_price: unit, amount, vat_pct: vat };
}
const bad = (field: string, code: string) => (e: unknown) => e instanceof FolioError && e.type === 'validation' && e.field === field && e.code === code;

describe('invoice', () => {
  it('computes per-line VAT, totals, due date and VAT summary', async () => {
    const ctx = await fixtureCache(rows, { today: '2026-02-15' });
    const m = computeStatement({ type: 'invoice', filters: { partyId: 'x1', targetType: 'BUYER', billingItemIds: ['b1', 'b2', 'b3'] } }, ctx);
    assert.deepEqual(m.totals, { USD: { net: '225.02', vat: '21.25', gross: '246.27' } });
    const lines = m.groups[0]!.lines;
    assert.deepEqual(lines.map((l) => l.id), ['b3', 'b1', 'b2']);
    assert.deepEqual(lines.map((l) => [l.cells.amount, l.cells.vat, l.cells.total]), [
      ['100.00', '0.00', '100.00'],
      ['99.99', '20.00', '119.99'],
      ['25.03', '1.25', '26.28'],
    ]);
    assert.equal(m.invoice!.dueDate, '2026-03-01');
    assert.equal(m.invoice!.timeOfSupply, '2026-01-10');
    assert.equal(m.invoice!.issueDate, '2026-02-15');
    assert.equal(m.invoice!.number, null);
    assert.deepEqual(m.invoice!.vatByRate, [
      { rate: '0', net: '100.00', vat: '0.00' },
      { rate: '5', net: '25.03', vat: '1.25' },
      { rate: '20', net: '99.99', vat: '20.00' },
    ]);
    assert.equal(m.invoice!.gbp, null);
    assert.deepEqual(m.findings, []);
  });

  it('warns when quantity × unit price differs from the stored amount', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement({ type: 'invoice', filters: { partyId: 'x1', targetType: 'BUYER', billingItemIds: ['b4'] } }, ctx);
    assert.deepEqual(m.totals, { USD: { net: '10.00', vat: '0.00', gross: '10.00' } });
    assert.deepEqual(m.findings.map((f) => [f.severity, f.code]), [['WARNING', 'AMOUNT_MISMATCH']]);
  });

  it('refuses items of another party, target type or currency, unknown, duplicate and already invoiced items', async () => {
    const ctx = await fixtureCache(rows, { invoicedItems: (ids) => new Map(ids.filter((i) => i === 'b1').map((i) => [i, 'INV-1-AAAAAAAA'])) });
    const inv = (ids: string[], extra = {}) => () => computeStatement({ type: 'invoice', filters: { partyId: 'x1', targetType: 'BUYER', billingItemIds: ids, ...extra } }, ctx);
    assert.throws(inv(['b3', 'bo']), bad('billingItemIds', 'ITEM_OTHER_PARTY'));
    assert.throws(inv(['b3', 'bc']), bad('billingItemIds', 'ITEM_OTHER_TARGET'));
    assert.throws(inv(['b3', 'be']), bad('billingItemIds', 'ITEM_OTHER_CURRENCY'));
    assert.throws(inv(['b3', 'nope']), bad('billingItemIds', 'UNKNOWN_ITEM'));
    assert.throws(inv(['b3', 'b3']), bad('billingItemIds', 'DUPLICATE_ITEM'));
    assert.throws(inv([]), bad('billingItemIds', 'EMPTY_ITEMS'));
    assert.throws(inv(['b1']), bad('billingItemIds', 'ALREADY_INVOICED'));
    assert.throws(
      () => computeStatement({ type: 'invoice', filters: { partyId: 'zz', targetType: 'BUYER', billingItemIds: ['b1'] } }, ctx),
      bad('partyId', 'UNKNOWN_PARTY'),
    );
    const re = inv(['b1'], { reissue: true })();
    assert.equal(re.invoice!.reissue, true);
    assert.deepEqual(re.findings.map((f) => f.code), ['REISSUE']);
    assert.match(re.findings[0]!.message, /INV-1-AAAAAAAA/);
  });

  it('UK VAT invoice in EUR states the VAT in GBP at the filter rate, else the setting, else an ERROR', async () => {
    const ctx = await fixtureCache(rows, { settings: { agingBuckets: [30], varianceThresholdPct: 25, locale: 'en-GB', gbpRates: { EUR: '0.85', USD: '0.7913' } } });
    const f = { partyId: 'u1', targetType: 'CLIENT' as const, billingItemIds: ['e2', 'e1'], ukEntity: true };
    const m = computeStatement({ type: 'invoice', filters: { ...f, gbpRate: '0.8571' } }, ctx);
    assert.deepEqual(m.totals, { EUR: { net: '173.40', vat: '34.68', gross: '208.08' } });
    assert.deepEqual(m.invoice!.gbp, { rate: '0.8571', rateSource: 'filter', vat: '29.72' });
    assert.equal(m.invoice!.totalExVat, '173.40');
    assert.equal(m.invoice!.totalIncVat, '208.08');
    assert.equal(m.invoice!.customer.addressLines[1], '75002 Paris');
    assert.equal(m.groups[0]!.lines[1]!.cells.unitPrice, '50.00'); // no unit price stored: quantity 1 × amount
    assert.equal(m.groups[0]!.lines[1]!.cells.quantity, '1');
    assert.ok(m.header.some((h) => h.label === 'Time of supply' && h.value === '2026-02-03'));
    const viaSetting = computeStatement({ type: 'invoice', filters: f }, ctx);
    assert.deepEqual(viaSetting.invoice!.gbp, { rate: '0.85', rateSource: 'setting', vat: '29.48' });
    const usd = computeStatement({ type: 'invoice', filters: { ...f, billingItemIds: ['d1'] } }, ctx);
    assert.equal(usd.invoice!.gbp!.vat, '158.26');
    const jpy = computeStatement({ type: 'invoice', filters: { ...f, billingItemIds: ['y1'], gbpRate: '0.0052' } }, ctx);
    assert.deepEqual(jpy.totals, { JPY: { net: '10000', vat: '1000', gross: '11000' } });
    assert.equal(jpy.invoice!.gbp!.vat, '5.20');
    const noRate = computeStatement({ type: 'invoice', filters: { ...f, billingItemIds: ['y1'] } }, ctx);
    assert.deepEqual(noRate.findings.map((x) => [x.severity, x.code]), [['ERROR', 'UK_FX_RATE_MISSING']]);
    assert.throws(() => computeStatement({ type: 'invoice', filters: { ...f, gbpRate: '0' } }, ctx), bad('gbpRate', 'BAD_RATE'));
  });

  it('UK invoice in GBP needs no rate; a customer without address is a WARNING', async () => {
    const ctx = await fixtureCache(rows);
    const m = computeStatement({ type: 'invoice', filters: { partyId: 'u2', targetType: 'CLIENT', billingItemIds: ['g1'], ukEntity: true } }, ctx);
    assert.equal(m.invoice!.gbp, null);
    assert.deepEqual(m.totals, { GBP: { net: '100.00', vat: '20.00', gross: '120.00' } });
    assert.deepEqual(m.findings.map((x) => [x.severity, x.code]), [['WARNING', 'UK_CUSTOMER_ADDRESS_MISSING']]);
  });
});
