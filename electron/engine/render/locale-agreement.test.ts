/**
 * The PDF and the preview grid print the same amount the same way: a real statement is rendered
 * through the real renderer and read back with pdftotext, and each amount must appear exactly as
 * the grid's cell formatter writes it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StatementModel } from '../../../shared/contract/statements';
import type { TemplateVersion } from '../../../shared/contract/templates';
import { formatAmount } from '../../../renderer/src/components/format/number';
import { findResourcesDir } from '../platform';
import { builtinTemplate } from '../templates/builtin';
import { renderStatement } from './index';
import { sampleModel } from './sample';
import { pdfPages } from './testing/pdf';

const resourcesDir = findResourcesDir(__dirname);

/** A client statement whose lines carry exactly `amounts` (gross = net, no commission). */
function statementWith(currency: string, amounts: string[]): StatementModel {
  const model = sampleModel('client', { lines: amounts.length, currency });
  const g = model.groups[0]!;
  g.lines.forEach((line, i) => {
    const a = amounts[i]!;
    line.cells = { ...line.cells, description: `Line ${i + 1}`, gross: a, commission: '0', net: a };
    line.item = { ...line.item, description: `Line ${i + 1}`, amount: a };
  });
  return model;
}

function template(locale: string): TemplateVersion {
  const t = structuredClone(builtinTemplate('client', resourcesDir)) as TemplateVersion;
  t.body.locale = locale;
  return t;
}

async function pdfText(model: StatementModel, locale: string): Promise<string> {
  const out = await renderStatement(
    { model, template: template(locale), format: 'pdf', ref: 'CS-1-LOCALE', generatedAt: '2026-01-31T12:00:00.000Z', generatedBy: 'tester', metadata: {} },
    { resourcesDir },
  );
  assert.equal(out.templateFallback, false, out.fallbackReason ?? '');
  return pdfPages(out.bytes).join('\n');
}

describe('PDF and preview grid agree (bug: en-IN grouping, sv-SE minus)', () => {
  for (const [locale, amount] of [['en-IN', '12345678.00'], ['sv-SE', '-1234.50']] as const) {
    it(`${locale}: the PDF prints ${amount} as the grid does`, async () => {
      const model = statementWith('EUR', [amount, '1.00']);
      const t = model.totals.EUR!;
      t.gross = t.net = amount === '-1234.50' ? '-1233.50' : '12345679.00';
      t.commission = '0.00';
      const grid = formatAmount(amount, locale, 'EUR');
      const text = await pdfText(model, locale);
      assert.ok(text.includes(grid), `the grid writes ${JSON.stringify(grid)}; the PDF text has ${JSON.stringify(text.match(/[-−\d][\d.,\s\u00a0\u202f]*\d/g)?.slice(0, 30))}`);
    });
  }
});
