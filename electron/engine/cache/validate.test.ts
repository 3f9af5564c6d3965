import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatMoney, parseMoney } from '../../../shared/money';
import { SPECS } from './entities';
import { isCalendarDate, normalizeInstant, validateRecord } from './validate';

const payment = (gross: string, commission: string, net: string, currency = 'USD') =>
  validateRecord(SPECS.payment_items, { id: 'p', updated_at: '2026-01-01T00:00:00Z', client_id: 'c', posted_date: '2026-01-02', description: 'd', currency, gross, commission, net }, () => null);

test('money fields agree with shared/money parseMoney on any decimal string', () => {
  const values = fc.oneof(
    fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.integer({ min: 0, max: 4 })).map(([neg, n, d]) => {
      const s = n.toString().padStart(d + 1, '0');
      return `${neg ? '-' : ''}${d ? `${s.slice(0, s.length - d)}.${s.slice(s.length - d)}` : s}`;
    }),
    fc.constantFrom('', '-', '.5', '5.', '+5', '1e3', '1,5', ' 1', '00012.30', '-0.00', '999999999999999'),
  );
  fc.assert(
    fc.property(values, fc.constantFrom('USD', 'JPY', 'KWD'), (v, cur) => {
      let want: number | null;
      try {
        want = parseMoney(v, cur);
      } catch {
        want = null;
      }
      const o = payment(v, '0', v, cur);
      if (want === null) assert.equal(o.ok, false, `${v} ${cur} refused`);
      else {
        assert.ok(o.ok, `${v} ${cur} accepted: ${!o.ok ? o.reason : ''}`);
        assert.equal((o as { params: unknown[] }).params[8], want);
        assert.equal(formatMoney(want, cur), formatMoney((o as { params: number[] }).params[8]!, cur));
      }
    }),
    { numRuns: 2000 },
  );
});

test('dates and instants: real calendar dates only; instants normalised to UTC milliseconds', () => {
  assert.ok(isCalendarDate('2024-02-29'));
  assert.ok(!isCalendarDate('2025-02-29'));
  assert.ok(!isCalendarDate('2025-13-01'));
  assert.ok(!isCalendarDate('2025-1-01'));
  assert.equal(normalizeInstant('2026-01-03T01:00:00+02:00'), '2026-01-02T23:00:00.000Z');
  assert.equal(normalizeInstant('2026-01-03T01:00:00.5Z'), '2026-01-03T01:00:00.500Z');
  assert.equal(normalizeInstant('2026-01-03T01:00:00'), null, 'a time zone is required');
  assert.equal(normalizeInstant('2026-02-30T01:00:00Z'), null);
  const o = payment('10.00', '1.00', '9.00');
  assert.ok(o.ok);
  assert.match((payment('10.00', '1.00', '9.01') as { reason: string }).reason, /^net: 9\.01 is not gross − commission/);
});
