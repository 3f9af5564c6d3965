/**
 * Issue 16 item 4, "No surprise at Generate", as a user meets it: a UK VAT invoice (Acme Venues
 * Ltd, buyer, GBP items with 20 % VAT, "UK entity format" ticked) previewed with the built-in
 * invoice template, which has no seller details. The preview shows the ERROR finding naming the
 * fix, "Generate PDF" is disabled, and the side's Generate refuses without recording anything.
 * The user then types the seller's legal name, address and VAT number into Templates → Invoice
 * (built-in) → Branding and saves a new version (the Templates screen has these fields, so the
 * fix is made through the UI); the same preview is clean, Generate is enabled, and the invoice
 * is made, printed with the seller's details, and listed in History.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { importMain } from './fixtures';
import { openApp, type AppHarness } from './harness';
import { goTo, pdfText, pick, waitFor } from './ui';

const SELLER = { name: 'Folio Touring Ltd', address: ['7 Wharf Road', 'London N1 7GR'], vat: 'GB987654321' };
/** the fix the finding names (render/uk-seller.ts ukSellerError), word for word */
const FIX = "A UK VAT invoice needs the seller's legal name, address, VAT registration number: add them in Templates → Invoice (built-in) (default-invoice) → Branding";

describe('No surprise at Generate: a UK VAT invoice without seller details (Chromium, real engine)', () => {
  let h: AppHarness;

  before(async () => {
    h = await openApp({ viewport: { width: 1440, height: 900 }, before: importMain });
  });
  after(async () => {
    await h?.close();
  });

  test('the preview shows the ERROR with its fix and Generate is disabled; fixed in Templates, the invoice is made and recorded', async () => {
    const { page, engine } = h;
    await h.ready();
    await goTo(page, 'generate');
    const side = page.getByRole('complementary', { name: 'New statement' });
    await page.getByLabel('Statement type').selectOption({ label: 'Invoice' });
    await pick(page, 'Party', 'Acme', /Acme Venues/);
    await page.getByLabel('Target').selectOption('BUYER');
    await side.getByRole('button', { name: 'Select all not yet invoiced' }).click();
    await side.getByText('2 selected').waitFor();
    await side.getByLabel('UK entity format (VAT invoice)').check();

    // 1. preview: the ERROR finding, with the fix, and Generate PDF disabled
    await side.getByRole('button', { name: /^Preview\b/ }).click();
    const preview = page.getByRole('region', { name: 'Statement preview' });
    await preview.getByRole('grid', { name: 'Transactions' }).getByText('Production rider').waitFor({ timeout: 30_000 });
    await preview.getByRole('heading', { name: 'VAT invoice' }).waitFor();
    const blocking = preview.getByLabel('Findings').getByRole('alert');
    await blocking.getByText('1 error blocks this statement').waitFor();
    const item = blocking.getByRole('listitem').filter({ hasText: 'UK_INVOICE_SELLER_DETAILS' });
    assert.ok((await item.textContent())!.includes(FIX), `the finding names the fix: ${await item.textContent()}`);
    const generatePdf = preview.getByRole('button', { name: 'Generate PDF' });
    assert.equal(await generatePdf.isDisabled(), true, 'Generate PDF is disabled while an ERROR finding is shown');
    await h.screenshot('preflight-blocked');

    // the side's Generate (and Ctrl+G) refuses the same preview: nothing is made or recorded
    await side.getByRole('button', { name: /^Generate\b/ }).click();
    await page.locator('.gen-main > .notice-error').getByText(/fix them before generating/).waitFor();
    assert.equal((await engine.call('history:list', {})).total, 0, 'no statement was recorded');

    // 2. the fix, as a user makes it: Templates → Invoice (built-in) → Branding, Save new version
    await goTo(page, 'templates');
    await page.getByRole('navigation', { name: 'Templates' }).getByRole('button', { name: /^Invoice \(built-in\)/ }).click();
    const editor = page.getByRole('form', { name: 'Template editor' });
    await editor.getByLabel('Company name').fill(SELLER.name);
    await editor.getByLabel('Address (one line each)').fill(SELLER.address.join('\n'));
    await editor.getByLabel('VAT number').fill(SELLER.vat);
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByRole('navigation', { name: 'Templates' }).getByRole('button', { name: /^Invoice \(built-in\).*v2/ }).waitFor();
    const saved = (await engine.call('templates:versions', { id: 'default-invoice' })).find((v) => v.current)!;
    assert.equal(saved.version, 2);
    assert.deepEqual([saved.body.branding.companyName, saved.body.branding.addressLines, saved.body.branding.vatNumber], [SELLER.name, SELLER.address, SELLER.vat]);

    // 3. preview again: no ERROR, Generate PDF enabled; generate
    await goTo(page, 'generate');
    await side.getByRole('button', { name: /^Preview\b/ }).click();
    await preview.getByRole('grid', { name: 'Transactions' }).getByText('Production rider').waitFor({ timeout: 30_000 });
    await waitFor('Generate PDF enabled', async () => generatePdf.isEnabled());
    assert.equal(await preview.getByLabel('Findings').getByRole('alert').count(), 0, 'no ERROR finding is shown');
    await h.screenshot('preflight-fixed');
    await generatePdf.click();
    const done = page.getByRole('region', { name: 'Generated statement' });
    await done.getByText('COMPLETED', { exact: true }).waitFor({ timeout: 60_000 });
    const ref = ((await done.getByTestId('statement-ref').textContent()) ?? '').trim();
    assert.match(ref, /^INV-\d{13}-[0-9A-F]{8}$/);

    // the invoice carries the seller's details, and History lists it
    const file = await engine.call('history:file', { ref, purpose: 'view' });
    const text = pdfText(Buffer.from(file.base64, 'base64'));
    for (const s of [SELLER.name, ...SELLER.address, SELLER.vat]) assert.ok(text.includes(s), `the PDF shows ${s}`);
    await goTo(page, 'history');
    await page.getByRole('grid', { name: 'Statement history' }).getByRole('row', { name: new RegExp(ref) }).waitFor({ timeout: 30_000 });
    const rec = await engine.call('history:get', { ref });
    assert.equal(rec.generationStatusCd, 'COMPLETED');
    assert.equal(rec.templateVersion, 2);
    await h.screenshot('preflight-history');
    assert.deepEqual(h.pageErrors.filter((e) => !/Permissions-Policy/.test(e)), []);
  });
});
