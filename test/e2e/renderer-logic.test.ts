/**
 * The renderer's pure logic, run in Node (no browser): exact locale formatting of decimal money
 * strings, exact decimal sorting, and the Generate form's validation with the contract's schemas.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { previousMonth } from '../../shared/dates';
import { compareDecimalText as compareDecimal, formatAmount, formatNumber, formatRangeCompact, isNegativeDecimal as isNegative } from '../../shared/format';
import { formatKb } from '../../renderer/src/components/format/number';
import { statementCellText } from '../../renderer/src/components/grid/columns';
import { throttle } from '../../renderer/src/components/throttle';
import { autoMapping, normalizeHeader } from '../../renderer/src/stores/tabularTypes';
import { formFieldFor, requestKey, validateForm, type GenerateForm } from '../../renderer/src/stores/generateRequest';

const base: GenerateForm = {
  type: 'client',
  client: { id: 'C-JOHN', label: 'John Smith' },
  deal: null,
  party: null,
  contract: null,
  targetType: 'CLIENT',
  billingItemIds: [],
  ukEntity: false,
  reissue: false,
  period: '2026-01',
  dateFrom: '2026-01-01',
  dateTo: '2026-01-31',
  asOf: '2026-02-15',
  openItemsOnly: true,
  currency: '',
  template: '',
  format: 'pdf',
  excludedIds: [],
  gbpRate: '',
};

describe('money formatting from decimal strings (never through a float)', () => {
  const formatDecimal = (v: unknown, locale: string, minFraction = 0) => formatNumber(v, locale, { minFraction });
  test('groups and pads per locale, as the grid writes statement cells', () => {
    assert.equal(formatDecimal('1234567.5', 'en-US', 2), '1,234,567.50');
    assert.equal(formatDecimal('-1234.05', 'de-DE', 2), '-1.234,05');
    assert.equal(formatDecimal('12345678.00', 'en-IN', 2), '1,23,45,678.00');
    assert.equal(statementCellText('12345678.00', 'money', 'INR', 'en-IN'), '1,23,45,678.00');
    assert.equal(statementCellText('-1234.5', 'money', 'SEK', 'sv-SE'), '\u22121\u00a0234,50');
    assert.equal(formatAmount('1500', 'JPY', 'ja-JP'), '1,500');
    assert.equal(formatAmount('12.345', 'KWD', 'en-US'), '12.345');
  });
  test('keeps every digit of amounts beyond float precision', () => {
    assert.equal(formatDecimal('12345678901234567.89', 'en-US', 2), '12,345,678,901,234,567.89');
    assert.equal(formatDecimal('0.10', 'en-US', 2), '0.10');
    assert.equal(formatDecimal('-0.00', 'en-US', 2), '0.00');
  });
  test('returns text that is not a decimal unchanged, and empty for nothing', () => {
    assert.equal(formatDecimal('n/a', 'en-US'), 'n/a');
    assert.equal(formatDecimal(null, 'en-US'), '');
    assert.equal(formatDecimal('1e5', 'en-US'), '1e5');
  });
  test('compares decimals exactly', () => {
    assert.equal(compareDecimal('10.5', '9.75'), 1);
    assert.equal(compareDecimal('-1', '0'), -1);
    assert.equal(compareDecimal('1.50', '1.5'), 0);
    assert.equal(compareDecimal('9007199254740993.01', '9007199254740993.02'), -1);
    assert.ok(isNegative('-0.01'));
    assert.ok(!isNegative('-0.00'));
    assert.equal(formatKb(2048, 'en-US'), '2.0 KB');
  });
});

describe('Generate form validation (the contract schema, before the engine is asked)', () => {
  test('a complete client statement request passes and keeps only its filters', () => {
    const v = validateForm(base);
    assert.ok(v.ok);
    assert.deepEqual(v.request, { type: 'client', filters: { clientId: 'C-JOHN', dateFrom: '2026-01-01', dateTo: '2026-01-31' } });
  });
  test('a missing client, an impossible date and a reversed range are shown at their fields', () => {
    const missing = validateForm({ ...base, client: null });
    assert.ok(!missing.ok);
    assert.equal(missing.errors.client, 'Choose a client from the list');
    const bad = validateForm({ ...base, dateFrom: '2026-02-30' });
    assert.ok(!bad.ok);
    assert.match(bad.errors.dateFrom ?? '', /real calendar date/);
    const reversed = validateForm({ ...base, dateFrom: '2026-02-01', dateTo: '2026-01-01' });
    assert.ok(!reversed.ok);
    assert.equal(reversed.errors.dateTo, 'Date to must be on or after Date from');
  });
  test('AR aging needs no client; an invoice needs at least one billing item', () => {
    assert.ok(validateForm({ ...base, type: 'ar-aging', client: null }).ok);
    const inv = validateForm({ ...base, type: 'invoice', party: { id: 'B-ACME', label: 'Acme' }, targetType: 'BUYER' });
    assert.ok(!inv.ok);
    assert.match(inv.errors.billingItemIds ?? '', /at least one billing item/);
    const billing = validateForm({ ...base, type: 'billing', contract: { id: 'K-FIX', label: 'x' }, period: '2026-13' });
    assert.ok(!billing.ok);
    assert.ok(billing.errors.period);
  });
  test('engine field names map to form fields; request keys ignore property order', () => {
    assert.equal(formFieldFor('clientId'), 'client');
    assert.equal(formFieldFor('billingItemIds'), 'billingItemIds');
    assert.equal(formFieldFor(undefined), '_form');
    assert.equal(
      requestKey({ type: 'client', filters: { clientId: 'a', dateFrom: '2026-01-01', dateTo: '2026-01-31' } }),
      requestKey({ type: 'client', filters: { dateTo: '2026-01-31', dateFrom: '2026-01-01', clientId: 'a' } }),
    );
    assert.deepEqual(previousMonth('2026-01-15'), { from: '2025-12-01', to: '2025-12-31', period: '2025-12' });
    assert.deepEqual(previousMonth('2024-03-01'), { from: '2024-02-01', to: '2024-02-29', period: '2024-02' });
    assert.equal(formatRangeCompact('2024-02-01', '2024-02-29', 'en-US'), 'Feb 2024');
    assert.equal(formatRangeCompact('2024-02-01', '2024-02-29', 'de-DE'), 'Feb. 2024');
    assert.equal(formatRangeCompact('2024-02-01', '2024-02-28', 'en-US'), '02/01/2024 – 02/28/2024');
    assert.equal(formatRangeCompact(null, null, 'en-US'), '');
  });
  test('ledger refresh throttle: the first event at once, a burst folded into one trailing call, quiet again after', async () => {
    let calls = 0;
    const t = throttle(() => calls++, 50);
    t();
    assert.equal(calls, 1, 'the first event refreshes at once');
    for (let i = 0; i < 100; i++) t();
    assert.equal(calls, 1, 'a burst inside the window waits');
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(calls, 2, 'the burst ends in one trailing refresh');
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(calls, 2, 'nothing more when nothing happened');
    t();
    assert.equal(calls, 3, 'after a quiet window the next event is at once again');
  });
  test('import wizard: headers match fields by name whatever the case, spaces, accents or punctuation; each column once', () => {
    assert.equal(normalizeHeader('\uFEFFClient ID'), 'clientid');
    assert.equal(normalizeHeader(' Posted-Date '), 'posteddate');
    assert.equal(normalizeHeader('Dátum'), 'datum');
    const fields = [
      { name: 'client_id', required: true, kind: 'ref' },
      { name: 'posted_date', required: true, kind: 'date' },
      { name: 'net', required: true, kind: 'money' },
      { name: 'gross', required: true, kind: 'money' },
    ];
    assert.deepEqual(autoMapping(fields, ['Client ID', 'Posted date', 'NET', 'Amount']), { client_id: 'Client ID', posted_date: 'Posted date', net: 'NET', gross: '' });
    assert.deepEqual(autoMapping([fields[2]!, { ...fields[2]!, name: 'NET' }], ['net']), { net: 'net', NET: '' });
  });
});
