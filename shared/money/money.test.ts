import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  addDecimal,
  applyPercent,
  compareDecimal,
  divRound,
  formatDecimal,
  formatMoney,
  MoneyError,
  mulDiv,
  multiply,
  parseDecimal,
  parseMoney,
  splitLargestRemainder,
} from './index';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'KWD', 'CLF'] as const;
const amount = fc.integer({ min: -1e13, max: 1e13 });

describe('money: rounding', () => {
  it('rounds half away from zero', () => {
    assert.deepEqual([5n, 15n, 25n, 14n, 16n, -5n, -15n, -25n, -14n, -16n].map((a) => divRound(a, 10n)), [1n, 2n, 3n, 1n, 2n, -1n, -2n, -3n, -1n, -2n]);
    assert.equal(applyPercent(5, '10'), 1); // 0.5 cent → 1
    assert.equal(applyPercent(-5, '10'), -1);
    assert.equal(applyPercent(33333, '12.5'), 4167); // 4166.625 → 4167
    assert.equal(multiply(1001, '2.5'), 2503); // 2502.5 → 2503
  });

  it('is symmetric: round(−x) = −round(x)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (x, n, d) => {
        assert.equal(mulDiv(-x, n, d), -mulDiv(x, n, d) || 0);
        assert.equal(divRound(-BigInt(x) * n, d), -divRound(BigInt(x) * n, d));
      }),
    );
  });

  it('the Number fast path of mulDiv agrees with exact BigInt rounding everywhere', () => {
    const big = fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n });
    fc.assert(
      fc.property(fc.oneof(amount, fc.integer({ min: -(2 ** 26), max: 2 ** 26 })), fc.oneof(big, fc.bigInt({ min: -1000n, max: 1000n })), fc.oneof(fc.bigInt({ min: 1n, max: 2n ** 53n - 1n }), fc.bigInt({ min: 1n, max: 1000n })), (x, n, d) => {
          const expected = divRound(BigInt(x) * n, d);
          if (expected > BigInt(Number.MAX_SAFE_INTEGER) || expected < -BigInt(Number.MAX_SAFE_INTEGER)) {
            assert.throws(() => mulDiv(x, n, d), MoneyError);
          } else {
            assert.equal(mulDiv(x, n, d), Number(expected));
          }
        },
      ),
      { numRuns: 2000 },
    );
    // exact halves and values just around them, both signs
    for (const [x, n, d, r] of [[5, 1n, 10n, 1], [-5, 1n, 10n, -1], [4999, 1n, 10000n, 0], [5000, 1n, 10000n, 1], [-5000, 1n, 10000n, -1], [2 ** 52, 3n, 3n, 2 ** 52]] as const) {
      assert.equal(mulDiv(x, n, d), r);
    }
  });

  it('applyPercent(x, p) is within half a minor unit of the exact product, and 0/100% are exact', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 1_000_000 }), (x, p1000) => {
        const pct = formatDecimal({ num: BigInt(p1000), scale: 3 });
        const r = BigInt(applyPercent(x, pct));
        // |r − x·p/100000| ≤ 1/2  ⇔  |r·100000 − x·p| ≤ 50000
        const err = r * 100000n - BigInt(x) * BigInt(p1000);
        assert.ok((err < 0n ? -err : err) <= 50000n);
      }),
    );
    fc.assert(fc.property(amount, (x) => applyPercent(x, '100') === x && applyPercent(x, '0') === 0));
  });
});

describe('money: largest-remainder split', () => {
  it('parts always add up to the whole and each is within one unit of its exact share', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 20 }).filter((w) => w.some((x) => x > 0n)),
        (total, weights) => {
          const parts = splitLargestRemainder(total, weights);
          assert.equal(parts.reduce((a, b) => a + b, 0), total);
          const sum = weights.reduce((a, b) => a + b, 0n);
          parts.forEach((p, i) => {
            const err = BigInt(p) * sum - BigInt(total) * weights[i]!;
            assert.ok((err < 0n ? -err : err) < sum, `part ${i} strays more than one unit`);
          });
        },
      ),
    );
  });

  it('splits by decimal percentages too, deterministically (ties to the earlier weight)', () => {
    assert.deepEqual(splitLargestRemainder(133334, ['33.33', '33.33', '33.34']), [44440, 44440, 44454]);
    assert.deepEqual(splitLargestRemainder(1, ['50', '50']), [1, 0]);
    assert.deepEqual(splitLargestRemainder(-1, ['50', '50']), [-1, 0]);
    assert.deepEqual(splitLargestRemainder(100, [1n, 1n, 1n]), [34, 33, 33]);
    assert.throws(() => splitLargestRemainder(100, ['0', '0']), MoneyError);
    assert.throws(() => splitLargestRemainder(100, ['-1', '2']), MoneyError);
  });
});

describe('money: decimal strings in and out, never floats', () => {
  it('format then parse gives back the same minor units, in every currency', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom(...CURRENCIES), (x, c) => {
        assert.equal(parseMoney(formatMoney(x, c), c), x);
      }),
    );
  });

  it('parse then format gives back a canonical decimal string', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?[1-9]\d{0,9}\.\d{2}$/), (s) => {
        assert.equal(formatMoney(parseMoney(s, 'USD'), 'USD'), s);
      }),
    );
    assert.equal(formatMoney(-5, 'USD'), '-0.05');
    assert.equal(formatMoney(1500, 'JPY'), '1500');
    assert.equal(formatMoney(1234, 'KWD'), '1.234');
    assert.equal(parseMoney('1500', 'USD'), 150000);
  });

  it('refuses numbers, exponents, too many decimals and unsafe integers', () => {
    fc.assert(
      fc.property(fc.double(), (d) => {
        assert.throws(() => parseMoney(d, 'USD'), MoneyError);
        assert.throws(() => parseDecimal(d), MoneyError);
      }),
    );
    for (const s of ['1e3', '1.005', '0x10', ' 1.00', '1,00', '', '.5', '5.', 'NaN', 'Infinity']) {
      assert.throws(() => parseMoney(s, 'USD'), MoneyError, s);
    }
    assert.throws(() => parseMoney('1.5', 'JPY'), MoneyError);
    assert.throws(() => formatMoney(1.5, 'USD'), MoneyError);
    assert.throws(() => formatMoney(2 ** 53, 'USD'), MoneyError);
    assert.throws(() => parseMoney('999999999999999999', 'USD'), MoneyError);
    assert.throws(() => mulDiv(0.1, 1n, 1n));
  });

  it('exact decimal helpers: add, compare, format', () => {
    assert.equal(formatDecimal(addDecimal(parseDecimal('3.33'), parseDecimal('1.67'))), '5');
    assert.equal(formatDecimal(addDecimal(parseDecimal('7.5'), parseDecimal('0.25'))), '7.75');
    assert.equal(formatDecimal(parseDecimal('-0.50')), '-0.5');
    assert.equal(formatDecimal(parseDecimal('-0.00')), '0');
    assert.equal(compareDecimal(parseDecimal('5'), parseDecimal('20')), -1);
    assert.equal(compareDecimal(parseDecimal('20.0'), parseDecimal('20')), 0);
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }), (num, scale) => {
        const d = { num, scale };
        assert.equal(compareDecimal(parseDecimal(formatDecimal(d)), d), 0);
      }),
    );
  });
});
