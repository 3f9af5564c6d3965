import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  daysInclusive,
  diffDays,
  fromDayNumber,
  isDate,
  monthRange,
  overlap,
  toDayNumber,
  today,
} from './dates';

describe('calendar dates', () => {
  it('day numbers round-trip and agree with the proleptic Gregorian calendar', () => {
    assert.equal(toDayNumber('1970-01-01'), 0);
    assert.equal(toDayNumber('2000-03-01'), 11017);
    fc.assert(
      fc.property(fc.integer({ min: -719162, max: 2932896 }), (n) => {
        const s = fromDayNumber(n);
        assert.equal(toDayNumber(s), n);
        assert.equal(s, new Date(n * 86400000).toISOString().slice(0, 10));
      }),
    );
  });

  it('knows leap years and month lengths', () => {
    assert.deepEqual(monthRange('2024-02'), { start: '2024-02-01', end: '2024-02-29' });
    assert.deepEqual(monthRange('2026-02'), { start: '2026-02-01', end: '2026-02-28' });
    assert.equal(monthRange('2100-02').end, '2100-02-28');
    assert.equal(monthRange('2000-02').end, '2000-02-29');
    assert.equal(monthRange('2026-12').end, '2026-12-31');
    assert.equal(isDate('2026-02-29'), false);
    assert.equal(isDate('2024-02-29'), true);
    assert.equal(isDate('2026-04-31'), false);
    assert.equal(isDate('2026-4-01'), false);
    assert.throws(() => monthRange('2026-13'));
    assert.throws(() => toDayNumber('2026-02-30'));
  });

  it('day arithmetic does not drift across daylight saving changes, whatever the zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC']) {
        process.env.TZ = tz;
        assert.equal(addDays('2026-03-29', 1), '2026-03-30');
        assert.equal(addDays('2026-03-08', 1), '2026-03-09');
        assert.equal(addDays('2026-10-25', 1), '2026-10-26');
        assert.equal(diffDays('2026-03-01', '2026-04-01'), 31);
        assert.equal(diffDays('2025-12-01', '2026-03-31'), 120);
        assert.equal(daysInclusive('2026-01-20', '2026-02-09'), 21);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40000 }), fc.integer({ min: -5000, max: 5000 }), (n, k) => {
        const d = fromDayNumber(n);
        assert.equal(diffDays(d, addDays(d, k)), k);
      }),
    );
  });

  it('months and ranges', () => {
    assert.equal(addMonths('2026-01', -1), '2025-12');
    assert.equal(addMonths('2026-12', 1), '2027-01');
    assert.equal(addMonths('2026-03', -14), '2025-01');
    assert.deepEqual(overlap('2026-01-20', '2026-02-09', '2026-02-01', '2026-02-28'), { from: '2026-02-01', to: '2026-02-09' });
    assert.equal(overlap('2026-01-01', '2026-01-31', '2026-02-01', '2026-02-28'), null);
    assert.equal(daysInclusive('2026-02-02', '2026-02-01'), 0);
  });

  it('today is the wall-clock date in the given zone', () => {
    const instant = new Date('2026-01-31T20:00:00Z');
    assert.equal(today(instant, 'Pacific/Auckland'), '2026-02-01');
    assert.equal(today(instant, 'America/Los_Angeles'), '2026-01-31');
    assert.equal(today(new Date('2026-03-29T00:30:00Z'), 'Europe/London'), '2026-03-29');
    assert.equal(today(new Date('2026-03-28T23:30:00Z'), 'Europe/Paris'), '2026-03-29');
  });

  it('today without a zone follows the runtime zone, also when TZ changes (formatters are cached)', () => {
    const instant = new Date('2026-01-31T20:00:00Z');
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      assert.equal(today(instant), '2026-02-01');
      assert.equal(today(instant), '2026-02-01');
      process.env.TZ = 'America/Los_Angeles';
      assert.equal(today(instant), '2026-01-31');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
