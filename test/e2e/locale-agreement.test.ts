/**
 * Issue 15 item 3 in Chromium: the preview grid and the PDF print the same string, in every
 * supported locale, negatives included. The data (test/fixtures/e2e/locale-2026-01) is one client
 * with two payment items in 2026-01: 12345678.00 and -1234.50 EUR.
 *
 * For each locale the user sets it in Settings (numbers and dates on screen) and picks a client
 * template with the same locale on the Generate form (the PDF's numbers follow the template's
 * locale; the templates are made beforehand through the typed API, `templates:save`); previews,
 * reads the grid's cells from the DOM, clicks Generate PDF, and the PDF's text (pdftotext) must hold
 * each of those strings. Expected strings come from the shared formatter (`formatCell`) and, for
 * en-IN and sv-SE, also from literals, so a formatter bug fails too.
 *
 * pdftotext writes U+0020 for the no-break spaces some locales group with (DejaVu draws U+00A0,
 * U+202F and U+0020 with one glyph): the PDF comparison reads the grid's text the same way
 * (as render/locale-agreement.test.ts does); U+2212 and every other character must be the same.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TemplateVersion } from '../../shared/contract';
import { SUPPORTED_LOCALES, formatCell } from '../../shared/format';
import { FIXTURES } from './fixtures';
import { openApp, type AppHarness } from './harness';
import { goTo, pdfText, pick, waitFor } from './ui';

const BUNDLE = join(FIXTURES, 'locale-2026-01');
const BIG = '12345678.00';
const NEG = '-1234.50';
const TOTAL = '12344443.50';
/** Written by hand from CLDR, not by the formatter: Indian grouping; sv-SE's no-break space and U+2212. */
const LITERAL: Record<string, Record<string, string>> = {
  'en-IN': { [BIG]: '1,23,45,678.00', [NEG]: '-1,234.50', [TOTAL]: '1,23,44,443.50' },
  'sv-SE': { [BIG]: '12\u00a0345\u00a0678,00', [NEG]: '\u22121\u00a0234,50', [TOTAL]: '12\u00a0344\u00a0443,50' },
};
const ROWS = [
  { ref: 'LOC-BIG', amount: BIG },
  { ref: 'LOC-NEG', amount: NEG },
];

const asExtracted = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const templateId = (locale: string) => `client-${locale.toLowerCase()}`;

describe('the preview grid and the PDF print the same amounts, every supported locale (Chromium, real engine)', () => {
  let h: AppHarness;

  before(async () => {
    h = await openApp({
      viewport: { width: 1440, height: 900 },
      async before(engine) {
        const r = await engine.call('data:import', { path: BUNDLE });
        if (r.bundles[0]?.status !== 'applied' || r.quarantined !== 0) throw new Error(`the locale bundle did not import cleanly: ${JSON.stringify(r)}`);
        const builtin: TemplateVersion = (await engine.call('templates:versions', { id: 'default-client' }))[0]!;
        for (const locale of SUPPORTED_LOCALES) {
          await engine.call('templates:save', { id: templateId(locale), body: { ...builtin.body, name: `Client ${locale}`, locale } });
        }
      },
    });
  });
  after(async () => {
    await h?.close();
  });

  test('the literals: en-IN groups 1,23,45,678.00; sv-SE writes U+2212 and a no-break space', () => {
    for (const [locale, byAmount] of Object.entries(LITERAL)) {
      for (const [amount, text] of Object.entries(byAmount)) assert.equal(formatCell(amount, 'money', 'EUR', locale), text, `${locale} ${amount}`);
    }
  });

  /** Sets the locale on the Settings screen, as a user does, and waits for it to be saved. */
  async function setLocale(locale: string): Promise<void> {
    const { page, engine } = h;
    await goTo(page, 'settings');
    const field = page.getByRole('region', { name: 'User and locale' }).getByLabel('Locale');
    await field.fill(locale);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await waitFor(`locale ${locale} saved`, async () => (await engine.call('settings:get', {})).values.locale === locale);
    await page.getByRole('button', { name: 'Save settings' }).and(page.locator(':enabled')).waitFor();
  }

  /** The grid's text of one cell, read from the DOM once the grid writes it in `locale`. */
  async function gridCell(ref: string, col: 'gross' | 'net', expected: string): Promise<string> {
    const grid = h.page.getByRole('region', { name: 'Statement preview' }).getByRole('grid', { name: 'Transactions' });
    const cell = grid.getByRole('row').filter({ hasText: ref }).locator(`[role="gridcell"][col-id="${col}"]`);
    let text = '';
    // the grid re-renders when the preview and the locale arrive: wait a little for the expected text
    await waitFor(`${ref} ${col}`, async () => {
      text = ((await cell.textContent({ timeout: 5_000 })) ?? '').trim();
      return text === expected;
    }, 5_000).catch(() => undefined);
    return text;
  }

  test('every supported locale: the grid writes what the shared formatter writes, and the PDF prints the grid\'s strings', async () => {
    const { page, engine } = h;
    await h.ready();
    const side = page.getByRole('complementary', { name: 'New statement' });
    let first = true;
    for (const locale of SUPPORTED_LOCALES) {
      await setLocale(locale);
      await goTo(page, 'generate');
      if (first) {
        await page.getByLabel('Statement type').selectOption({ label: 'Client Statement' });
        await pick(page, 'Client', 'Lena', /Lena Locale/);
        await page.getByLabel('Date from').fill('2026-01-01');
        await page.getByLabel('Date to').fill('2026-01-31');
        await page.getByLabel('Format').selectOption({ label: 'PDF' });
        first = false;
      }
      await page.getByLabel('Template').selectOption({ label: `Client ${locale} (v1)` });
      await side.getByRole('button', { name: /^Preview\b/ }).click();
      const preview = page.getByRole('region', { name: 'Statement preview' });
      const generatePdf = preview.getByRole('button', { name: 'Generate PDF' });
      await waitFor(`${locale} preview ready`, async () => generatePdf.isEnabled(), 30_000);

      const seen: string[] = [];
      for (const { ref, amount } of ROWS) {
        for (const col of ['gross', 'net'] as const) {
          const expected = formatCell(amount, 'money', 'EUR', locale);
          const literal = LITERAL[locale]?.[amount];
          if (literal) assert.equal(expected, literal, `${locale} ${amount}: the formatter against the literal`);
          const text = await gridCell(ref, col, expected);
          assert.equal(text, expected, `${locale} ${ref} ${col}: the grid cell`);
          seen.push(text);
        }
      }
      const totalText = ((await preview.getByRole('table', { name: 'Totals' }).getByRole('row').filter({ hasText: 'EUR' }).textContent()) ?? '');
      const total = formatCell(TOTAL, 'money', 'EUR', locale);
      assert.ok(totalText.includes(total), `${locale}: the preview's totals show ${JSON.stringify(total)}: ${JSON.stringify(totalText)}`);
      seen.push(total);
      if (locale === 'sv-SE') await h.screenshot('locale-agreement-sv-SE-preview');

      await generatePdf.click();
      const done = page.getByRole('region', { name: 'Generated statement' });
      await done.getByText('COMPLETED', { exact: true }).waitFor({ timeout: 60_000 });
      const ref = ((await done.getByTestId('statement-ref').textContent()) ?? '').trim();
      const rec = await engine.call('history:get', { ref });
      assert.equal(rec.templateId, templateId(locale), `${locale}: drawn with its own template, not a fallback`);
      const text = pdfText(Buffer.from((await engine.call('history:file', { ref, purpose: 'view' })).base64, 'base64'));
      for (const { ref: row, amount } of ROWS) {
        const line = text.split('\n').filter((l) => l.includes(row)).join('\n');
        const grid = asExtracted(formatCell(amount, 'money', 'EUR', locale));
        assert.ok(line.includes(grid), `${locale} ${row}: the grid writes ${JSON.stringify(grid)}, the PDF row is ${JSON.stringify(line)}`);
      }
      for (const s of seen) assert.ok(text.includes(asExtracted(s)), `${locale}: the PDF holds the grid's ${JSON.stringify(s)}`);
    }
    assert.deepEqual(h.pageErrors.filter((e) => !/Permissions-Policy/.test(e)), []);
  });
});
