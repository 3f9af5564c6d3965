import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  SUPPORTED_LOCALES,
  compareDecimalText,
  formatAmount,
  formatCell,
  formatDate,
  formatDateMedium,
  formatInstant,
  formatMonthYear,
  formatNumber,
  formatPercent,
  formatTimestampUtc,
  isNegativeDecimal,
  isSupportedLocale,
  isWellFormedLocale,
  localizeDates,
  parseNumber,
  resolveLocale,
} from './index';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const MINUS = '\u2212';

/** A decimal string with up to 18 integer and 6 fraction digits, either sign. */
const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }), fc.bigInt({ min: 0n, max: 999_999n }))
  .map(([neg, int, places, frac]) => `${neg ? '-' : ''}${int}${places ? `.${String(frac).padStart(6, '0').slice(0, places)}` : ''}`);

/** The exact value of a decimal string, scaled to 10^-6, as a BigInt (the oracle). */
function micro(s: string): bigint {
  const [i, f = ''] = s.replace('-', '').split('.');
  const v = BigInt(i!) * 1_000_000n + BigInt(f.padEnd(6, '0'));
  return s.startsWith('-') ? -v : v;
}

describe('shared/format: numbers in every supported locale', () => {
  it('writes the same amount as each locale writes it (grouping, decimal mark, minus)', () => {
    const expected: Record<string, string> = {
      'en-US': '-12,345,678.90',
      'en-GB': '-12,345,678.90',
      'en-IN': '-1,23,45,678.90',
      'de-DE': '-12.345.678,90',
      'de-CH': "-12'345'678.90",
      'fr-FR': `-12${NNBSP}345${NNBSP}678,90`,
      'sv-SE': `${MINUS}12${NBSP}345${NBSP}678,90`,
      'es-ES': '-12.345.678,90',
      'it-IT': '-12.345.678,90',
      'nl-NL': '-12.345.678,90',
      'pl-PL': `-12${NBSP}345${NBSP}678,90`,
      'ja-JP': '-12,345,678.90',
    };
    assert.deepEqual(Object.keys(expected).sort(), [...SUPPORTED_LOCALES].sort());
    for (const [locale, text] of Object.entries(expected)) assert.equal(formatAmount('-12345678.9', 'EUR', locale), text, locale);
  });

  it('groups from the locale minimum: es-ES, it-IT and pl-PL leave four digits alone', () => {
    assert.equal(formatNumber('1234', 'es-ES'), '1234');
    assert.equal(formatNumber('12345', 'es-ES'), '12.345');
    assert.equal(formatNumber('1234', 'de-DE'), '1.234');
    assert.equal(formatNumber('123', 'en-IN'), '123');
    assert.equal(formatNumber('1234', 'en-IN'), '1,234');
    assert.equal(formatNumber('123456', 'en-IN'), '1,23,456');
    assert.equal(formatNumber('1234567890123', 'en-IN'), '12,34,56,78,90,123');
  });

  it('agrees with this runtime\u2019s Intl (CLDR) on separators, minus sign and grouping for every locale', () => {
    const samples = ['-1234567890.5', '1234', '12345', '-5.25', '0.5'];
    for (const locale of SUPPORTED_LOCALES) {
      const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
      for (const s of samples) assert.equal(formatNumber(s, locale), nf.format(s as unknown as number), `${locale} ${s}`);
    }
  });

  it('pads money to the currency minor digits (JPY 0, BHD/KWD 3) and never rounds it', () => {
    assert.equal(formatAmount('1500', 'JPY', 'ja-JP'), '1,500');
    assert.equal(formatAmount('-1500', 'JPY', 'sv-SE'), `${MINUS}1${NBSP}500`);
    assert.equal(formatAmount('12.3', 'KWD', 'en-GB'), '12.300');
    assert.equal(formatAmount('-0.005', 'BHD', 'de-DE'), '-0,005');
    assert.equal(formatAmount('1.23456', 'EUR', 'en-GB'), '1.23456');
    assert.equal(formatAmount('0', 'EUR', 'fr-FR'), '0,00');
    assert.equal(formatAmount('-0.00', 'EUR', 'sv-SE'), '0,00');
    assert.equal(formatAmount('007.5', 'USD', 'en-US'), '7.50');
    assert.equal(formatAmount('90071992547409931.23', 'USD', 'en-GB'), '90,071,992,547,409,931.23');
    assert.equal(formatAmount('12', null, 'en-US'), '12.00');
  });

  it('percentages and quantities round half away from zero beyond six places', () => {
    assert.equal(formatPercent('12.5', 'de-DE'), '12,5%');
    assert.equal(formatPercent('0.0000005', 'en-US'), '0.000001%');
    assert.equal(formatPercent('-0.0000005', 'en-US'), '-0.000001%');
    assert.equal(formatPercent('-0.0000004', 'en-US'), '0%');
    assert.equal(formatNumber('9.9999995', 'en-US', { maxFraction: 6 }), '10');
    assert.equal(formatNumber('999999.9999999', 'en-US', { maxFraction: 6 }), '1,000,000');
    assert.equal(formatCell('7.50', 'quantity', null, 'en-GB'), '7.5');
    assert.equal(formatCell(1234, 'integer', null, 'en-GB'), '1,234');
    assert.equal(formatCell('n/a', 'integer', null, 'en-GB'), 'n/a');
    assert.equal(formatCell(null, 'money', 'EUR', 'en-GB'), '');
    assert.equal(formatPercent('abc', 'en-GB'), 'abc');
  });

  it('rounding is symmetric and within half a unit of the exact value', () => {
    fc.assert(
      fc.property(decimal, fc.integer({ min: 0, max: 5 }), (s, places) => {
        const a = parseNumber(formatNumber(s, 'en-US', { maxFraction: places }), 'en-US')!;
        const neg = s.startsWith('-') ? s.slice(1) : `-${s}`;
        const b = parseNumber(formatNumber(neg, 'en-US', { maxFraction: places }), 'en-US')!;
        assert.equal(micro(a), -micro(b));
        const err = micro(a) - micro(s);
        const half = 5n * 10n ** BigInt(5 - places);
        assert.ok((err < 0n ? -err : err) <= half, `${s} → ${a}`);
      }),
    );
  });

  it('text that is not a decimal is returned as it is; nothing gives ""', () => {
    for (const v of ['n/a', '1e5', '1,5', ' ', '.5', '5.', '--1']) assert.equal(formatNumber(v, 'en-US'), v);
    assert.equal(formatNumber(null, 'en-US'), '');
    assert.equal(formatNumber(undefined, 'en-US'), '');
    assert.equal(formatNumber(12n, 'en-US'), '12');
  });

  it('parse(format(x)) gives back x, in every locale, with any minus sign', () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(...SUPPORTED_LOCALES), (s, locale) => {
        const back = parseNumber(formatNumber(s, locale), locale);
        assert.ok(back !== null, `${s} in ${locale}`);
        assert.equal(compareDecimalText(back, s), 0, `${s} in ${locale} → ${back}`);
      }),
      { numRuns: 500 },
    );
    assert.equal(parseNumber('1.234', 'de-DE'), '1234');
    assert.equal(parseNumber('1,234', 'de-DE'), '1.234');
    assert.equal(parseNumber('-1 234,50', 'sv-SE'), '-1234.50');
    assert.equal(parseNumber(`${MINUS}1 234,50`, 'fr-FR'), '-1234.50');
    for (const bad of ['', '1.2.3', 'abc', '1,2,3', '--1', '1e5']) assert.equal(parseNumber(bad, 'de-DE'), null, bad);
  });
});

describe('shared/format: exact comparison', () => {
  it('orders decimals as their exact values (the BigInt oracle), whatever their scale', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const x = micro(a);
        const y = micro(b);
        assert.equal(compareDecimalText(a, b), x < y ? -1 : x > y ? 1 : 0, `${a} vs ${b}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('equal values at other scales compare equal; non-numbers sort first', () => {
    assert.equal(compareDecimalText('1.50', '1.5'), 0);
    assert.equal(compareDecimalText('-0', '0.00'), 0);
    assert.equal(compareDecimalText('0010', '10'), 0);
    assert.equal(compareDecimalText('9007199254740993.01', '9007199254740993.02'), -1);
    assert.equal(compareDecimalText('-10', '-9.99'), -1);
    assert.equal(compareDecimalText(5, '4.99'), 1);
    assert.equal(compareDecimalText('n/a', '-1000'), -1);
    assert.equal(compareDecimalText(null, undefined), 0);
    assert.ok(isNegativeDecimal('-0.01'));
    assert.ok(!isNegativeDecimal('-0.00'));
    assert.ok(!isNegativeDecimal('n/a'));
  });
});

describe('shared/format: calendar dates and instants', () => {
  it('writes calendar dates in every locale, never shifted by a zone', () => {
    const expected: Record<string, [string, string]> = {
      'en-US': ['01/05/2026', 'Jan 05, 2026'],
      'en-GB': ['05/01/2026', '05 Jan 2026'],
      'en-IN': ['05/01/2026', '05 Jan 2026'],
      'de-DE': ['05.01.2026', '05. Jan. 2026'],
      'de-CH': ['05.01.2026', '05. Jan. 2026'],
      'fr-FR': ['05/01/2026', '05 janv. 2026'],
      'sv-SE': ['2026-01-05', '05 jan. 2026'],
      'es-ES': ['05/01/2026', '05 ene 2026'],
      'it-IT': ['05/01/2026', '05 gen 2026'],
      'nl-NL': ['05-01-2026', '05 jan 2026'],
      'pl-PL': ['05.01.2026', '05 sty 2026'],
      'ja-JP': ['2026/01/05', '2026年1月05日'],
    };
    assert.deepEqual(Object.keys(expected).sort(), [...SUPPORTED_LOCALES].sort());
    for (const [locale, [short, medium]] of Object.entries(expected)) {
      assert.equal(formatDate('2026-01-05', locale), short, locale);
      assert.equal(formatDateMedium('2026-01-05', locale), medium, locale);
    }
  });

  it('numeric dates agree with this runtime\u2019s Intl for every locale', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
      for (const d of ['2026-01-05', '1999-12-31', '2024-02-29']) {
        assert.equal(formatDate(d, locale), f.format(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8)))), `${locale} ${d}`);
      }
    }
  });

  it('months, timestamps, instants and dates inside text', () => {
    assert.equal(formatMonthYear('2026-09', 'en-GB'), 'Sep 2026');
    assert.equal(formatMonthYear('2026-09', 'ja-JP'), '2026年9月');
    assert.equal(formatMonthYear('2026-13', 'en-GB'), '2026-13');
    assert.equal(formatTimestampUtc('2026-01-31T14:05:09.000Z', 'en-GB'), '31/01/2026 14:05 UTC');
    const local = new Date(2026, 0, 31, 14, 5).toISOString();
    assert.equal(formatInstant(local, 'en-US'), 'Jan 31, 2026, 02:05 PM');
    assert.equal(formatInstant(local, 'de-DE'), '31. Jan. 2026, 14:05');
    assert.equal(formatInstant(new Date(2026, 0, 31, 0, 5).toISOString(), 'en-IN'), '31 Jan 2026, 12:05 am');
    assert.equal(formatInstant('not a time', 'en-US'), 'not a time');
    assert.equal(localizeDates('2026-01-01 to 2026-01-31', 'de-DE'), '01.01.2026 to 31.01.2026');
    assert.equal(formatDate('2026-13-01', 'en-GB'), '2026-13-01');
    assert.equal(formatDate(null, 'en-GB'), '');
  });
});

describe('shared/format: supported locales', () => {
  it('resolves other tags to their language, else en-US', () => {
    assert.equal(resolveLocale('de-AT').tag, 'de-DE');
    assert.equal(resolveLocale('en_IN').tag, 'en-IN');
    assert.equal(resolveLocale('EN-gb').tag, 'en-GB');
    assert.equal(resolveLocale('pt-BR').tag, 'en-US');
    assert.equal(resolveLocale(undefined).tag, 'en-US');
    assert.ok(isSupportedLocale('sv-SE'));
    assert.ok(!isSupportedLocale('pt-BR'));
    assert.ok(isWellFormedLocale('pt-BR'));
    assert.ok(!isWellFormedLocale('not a locale!!'));
  });
});
