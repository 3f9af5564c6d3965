/**
 * The PDF and the preview grid print the same amount the same way, in every supported locale: a
 * real statement is rendered through the real renderer and read back with pdftotext, and each
 * line's amount and date must appear in its row exactly as the grid's cell formatter writes them.
 * (The bug: en-IN 12345678.00 was 12,345,678.00 in the PDF and 1,23,45,678.00 in the grid; sv-SE
 * used "-" in one and U+2212 in the other.)
 *
 * pdftotext gives U+0020 for the no-break spaces some locales group with (DejaVu draws U+00A0,
 * U+202F and U+0020 with one glyph, so the text layer maps it to a space): the PDF comparison
 * reads the grid's text the same way; plain text must hold the grid's string as it is, HTML as
 * it is escaped (de-CH's apostrophe is &#39;).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatementModel } from '../../../shared/contract/statements';
import type { TemplateVersion } from '../../../shared/contract/templates';
import { SUPPORTED_LOCALES } from '../../../shared/format';
import { formatMoney, parseMoney, sum } from '../../../shared/money';
import { statementCellText } from '../../../renderer/src/components/grid/columns';
import { findResourcesDir } from '../platform';
import { builtinTemplate } from '../templates/builtin';
import { esc } from './html';
import { renderStatement } from './index';
import { sampleModel } from './sample';
import { pdfPages } from './testing/pdf';

const resourcesDir = findResourcesDir(__dirname);

/** Amounts that exercise grouping (Indian and by-three, minimum grouping), negatives, zero. */
const AMOUNTS: Record<string, string[]> = {
  EUR: ['12345678.00', '-1234567.89', '0.00', '-0.05', '1234.50', '98765432109.99'],
  JPY: ['12345678', '-1234567', '0', '-5', '1234', '98765432109'],
  KWD: ['12345678.125', '-1234567.891', '0.000', '-0.005', '1234.500', '9876543210.999'],
};

/** A client statement whose lines carry exactly `amounts` (gross = net, no commission). */
function statementWith(currency: string, amounts: string[]): StatementModel {
  const model = sampleModel('client', { lines: amounts.length, currency });
  const g = model.groups[0]!;
  g.lines.forEach((line, i) => {
    const a = amounts[i]!;
    const d = `ROW${String(i + 1).padStart(2, '0')}`;
    line.cells = { ...line.cells, description: d, reference: d, gross: a, commission: formatMoney(0, currency), net: a, date: `2026-0${(i % 9) + 1}-2${i % 8}` };
    line.item = { ...line.item, description: d, amount: a };
  });
  const total = formatMoney(sum(amounts.map((a) => parseMoney(a, currency))), currency);
  g.totals = { gross: total, commission: formatMoney(0, currency), net: total };
  model.totals = { [currency]: { ...g.totals } };
  return model;
}

function template(locale: string): TemplateVersion {
  const t = structuredClone(builtinTemplate('client', resourcesDir)) as TemplateVersion;
  t.body.locale = locale;
  return t;
}

async function render(model: StatementModel, locale: string, format: 'pdf' | 'html' | 'text'): Promise<string> {
  const out = await renderStatement(
    { model, template: template(locale), format, ref: 'CS-1-LOCALE', generatedAt: '2026-01-31T12:00:00.000Z', generatedBy: 'tester', metadata: {} },
    { resourcesDir },
  );
  assert.equal(out.templateFallback, false, out.fallbackReason ?? '');
  return format === 'pdf' ? pdfPages(out.bytes).join('\n') : new TextDecoder().decode(out.bytes);
}

const asExtracted = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/** The pdftotext row of a line: the text line holding its description. */
function rowOf(text: string, marker: string): string {
  const rows = text.split('\n').filter((l) => l.includes(marker));
  assert.equal(rows.length >= 1, true, `no row holds ${marker}`);
  return rows.join('\n');
}

function assertPdfAgrees(text: string, model: StatementModel, locale: string): void {
  const g = model.groups[0]!;
  for (const line of g.lines) {
    const row = rowOf(text, String(line.cells.description));
    for (const [key, kind] of [['gross', 'money'], ['date', 'date']] as const) {
      const grid = statementCellText(line.cells[key], kind, g.currency, locale);
      assert.ok(row.includes(asExtracted(grid)), `${locale} ${g.currency} ${key} ${line.cells[key]}: the grid writes ${JSON.stringify(grid)}, the PDF row is ${JSON.stringify(row)}`);
    }
  }
  for (const v of Object.values(model.totals[g.currency]!)) {
    const grid = statementCellText(v, 'money', g.currency, locale);
    assert.ok(text.includes(asExtracted(grid)), `${locale} total ${v}: the grid writes ${JSON.stringify(grid)}`);
  }
}

describe('PDF and preview grid agree (bug: en-IN grouping, sv-SE minus)', () => {
  for (const [locale, amount, expected] of [['en-IN', '12345678.00', '1,23,45,678.00'], ['sv-SE', '-1234.50', '\u22121\u00a0234,50']] as const) {
    it(`${locale}: the PDF prints ${amount} as the grid does`, async () => {
      const model = statementWith('EUR', [amount, '1.00']);
      const grid = statementCellText(amount, 'money', 'EUR', locale);
      assert.equal(grid, expected);
      assertPdfAgrees(await render(model, locale, 'pdf'), model, locale);
    });
  }
});

describe('every supported locale: the PDF, HTML and text print what the grid prints', () => {
  for (const locale of SUPPORTED_LOCALES) {
    it(`${locale}: amounts in EUR, JPY (0 minor digits) and KWD (3), negatives, zero, dates`, async () => {
      for (const [currency, amounts] of Object.entries(AMOUNTS)) {
        const model = statementWith(currency, amounts);
        assertPdfAgrees(await render(model, locale, 'pdf'), model, locale);
        for (const format of ['html', 'text'] as const) {
          const out = await render(model, locale, format);
          for (const a of amounts) {
            const grid = statementCellText(a, 'money', currency, locale);
            assert.ok(out.includes(format === 'html' ? esc(grid) : grid), `${locale} ${format} ${a}: the grid writes ${JSON.stringify(grid)}`);
          }
        }
      }
    });
  }
});
