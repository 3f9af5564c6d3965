import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCell, formatDate, formatDecimal, formatMoneyText, humanizeKey, localizeDates } from './format';

describe('format', () => {
  it('formats decimal strings exactly from their digits, in the locale', () => {
    assert.equal(formatMoneyText('1234567.5', 'EUR', 'en-GB'), '1,234,567.50');
    assert.equal(formatMoneyText('1234567.5', 'EUR', 'de-DE'), '1.234.567,50');
    assert.equal(formatMoneyText('-0.05', 'USD', 'en-US'), '-0.05');
    assert.equal(formatMoneyText('-0.00', 'USD', 'en-US'), '0.00');
    assert.equal(formatMoneyText('1500', 'JPY', 'en-GB'), '1,500');
    assert.equal(formatMoneyText('12.345', 'KWD', 'en-GB'), '12.345');
    // beyond float precision: every digit kept
    assert.equal(formatMoneyText('90071992547409931.23', 'USD', 'en-GB'), '90,071,992,547,409,931.23');
    assert.match(formatMoneyText('1234.5', 'EUR', 'fr-FR'), /^1\s234,50$/u);
    assert.equal(formatDecimal('not a number', 'en-GB'), 'not a number');
  });

  it('formats cells by kind', () => {
    assert.equal(formatCell('12.5', 'percent', null, 'en-GB'), '12.5%');
    assert.equal(formatCell('7.50', 'quantity', null, 'en-GB'), '7.5');
    assert.equal(formatCell(1234, 'integer', null, 'en-GB'), '1,234');
    assert.equal(formatCell(-10, 'integer', null, 'en-GB'), '-10');
    assert.equal(formatCell('2026-01-31', 'date', null, 'en-US'), '01/31/2026');
    assert.equal(formatCell(null, 'money', 'EUR', 'en-GB'), '');
    assert.equal(formatDate('2026-01-31', 'de-DE'), '31.01.2026');
    assert.equal(localizeDates('2026-01-01 to 2026-01-31', 'en-GB'), '01/01/2026 to 31/01/2026');
  });

  it('makes readable labels from total keys', () => {
    assert.equal(humanizeKey('commissionDue'), 'Commission due');
    assert.equal(humanizeKey('1-30'), '1–30 days');
    assert.equal(humanizeKey('120+'), '120+ days');
  });
});
