/**
 * Every screen with real data in Chromium against the real engine: each renders its content (not
 * an error), field validation happens before the engine is asked, keyboard shortcuts work, and a
 * screenshot of each screen is saved (light, and Generate in dark) for people to look at.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApp, type AppHarness } from './harness';
import { importMain } from './fixtures';
import { pick } from './ui';

describe('screens (Chromium, real engine)', () => {
  let h: AppHarness;

  before(async () => {
    h = await openApp({ before: importMain, viewport: { width: 1440, height: 900 } });
  });
  after(async () => {
    await h?.close();
  });

  test('Generate: invalid input is shown at the field before the engine is asked', async () => {
    const { page } = h;
    await page.locator('main[data-screen="generate"]').waitFor();
    await page.getByLabel('Date from').fill('2026-02-10');
    await page.getByLabel('Date to').fill('2026-02-01');
    await page.getByRole('button', { name: /^Preview/ }).click();
    const form = page.getByRole('form', { name: 'Statement request' });
    await form.getByText('Choose a client from the list').waitFor();
    await form.getByText('Date to must be on or after Date from').waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Client' }).getAttribute('aria-invalid'), 'true');
    // nothing was previewed
    assert.equal(await page.getByRole('region', { name: 'Statement preview' }).count(), 0);
    await h.screenshot('generate-validation');
  });

  test('Generate: the client autocomplete works with the keyboard', async () => {
    const { page } = h;
    const client = page.getByRole('combobox', { name: 'Client' });
    await client.fill('');
    await client.pressSequentially('smi', { delay: 20 });
    const list = page.getByRole('listbox', { name: 'Client suggestions' });
    await list.getByRole('option', { name: /John Smith/ }).waitFor();
    await client.press('ArrowDown');
    await client.press('ArrowUp');
    await client.press('Enter');
    assert.equal(await client.inputValue(), 'John Smith');
    assert.equal(await list.count(), 0);
    await page.getByLabel('Date from').fill('2026-01-01');
    await page.getByLabel('Date to').fill('2026-01-31');
    // Ctrl+Enter previews
    await page.keyboard.press('Control+Enter');
    await page.getByRole('region', { name: 'Statement preview' }).waitFor();
    const grid = page.getByRole('grid', { name: 'Transactions' });
    await grid.getByText('Show fee, Symphony Hall').waitFor();
    await h.screenshot('generate-preview');
    // leave one transaction out (the excluded ids filter): previewed again without it
    const box = grid.getByRole('checkbox', { name: 'Include R-1001' });
    await box.click();
    await page.getByText('1 transaction excluded in the preview.').waitFor();
    await grid.getByText('Show fee, Symphony Hall').waitFor({ state: 'detached' });
    assert.equal(await grid.getAttribute('aria-rowcount'), '5');
    await page.getByRole('button', { name: 'Include all again' }).click();
    await grid.getByText('Show fee, Symphony Hall').waitFor();
    assert.equal(await grid.getAttribute('aria-rowcount'), '6');
  });

  test('every statement type previews from the form: settlement, deal, invoice, billing, AR aging', async () => {
    const { page } = h;
    const side = page.getByRole('complementary', { name: 'New statement' });
    const preview = page.getByRole('region', { name: 'Statement preview' });
    const type = (label: string) => page.getByLabel('Statement type').selectOption({ label });
    const run = async (shot: string, expect: string | RegExp) => {
      await side.getByRole('button', { name: /^Preview\b/ }).click();
      await preview.getByText(expect).first().waitFor();
      await h.screenshot(shot);
    };
    await type('Settlement Statement');
    await run('preview-settlement', 'Symphony Hall');
    await type('Deal Statement');
    await pick(page, 'Deal', 'D-2026-001', /Winter tour Boston/);
    await run('preview-deal', 'Merchandise');
    await type('Invoice');
    await pick(page, 'Party', 'Acme', /Acme Venues Ltd/);
    await page.getByLabel('Target').selectOption('BUYER');
    const items = page.getByRole('group', { name: 'Billing items' });
    await items.getByText('Production rider').waitFor();
    await items.getByRole('button', { name: 'Select all not yet invoiced' }).click();
    await items.getByText('2 selected').waitFor();
    await run('preview-invoice', 'Artist fee, Roundhouse night 1');
    // generate the invoice; the same items again are refused at the field until a re-issue is asked for
    await preview.getByRole('button', { name: 'Generate PDF' }).click();
    const made = page.getByRole('region', { name: 'Generated statement' });
    await made.getByText('COMPLETED', { exact: true }).waitFor({ timeout: 60_000 });
    const invRef = ((await made.getByTestId('statement-ref').textContent()) ?? '').trim();
    assert.match(invRef, /^INV-/);
    // the picker now says which invoice holds each item
    await items.getByText(`on ${invRef}`, { exact: false }).first().waitFor();
    await side.getByRole('button', { name: /^Preview\b/ }).click();
    await page.getByRole('group', { name: 'Billing items' }).locator('xpath=..').getByRole('alert').getByText(/already on a completed invoice/).waitFor();
    assert.equal(await preview.count(), 0, 'nothing is previewed for a refused request');
    await h.screenshot('invoice-already-invoiced');
    await page.getByLabel('Re-issue items already invoiced').check();
    await side.getByRole('button', { name: /^Preview\b/ }).click();
    await preview.getByText('Artist fee, Roundhouse night 1').first().waitFor();
    assert.equal(await preview.getByRole('button', { name: 'Generate PDF' }).isEnabled(), true);
    await page.getByLabel('Re-issue items already invoiced').uncheck();
    await type('Contract Billing Statement');
    await pick(page, 'Contract', 'K-HRS', /K-HRS/);
    await page.getByLabel('Billing period').fill('2026-01');
    await run('preview-billing', /CREW|Crew/);
  });

  test('History, Batch, Data, Uploads, Templates and Settings render their content', async () => {
    const { page } = h;
    const visit = async (id: string, shortcut: string, check: () => Promise<unknown>) => {
      await page.keyboard.press(`Control+${shortcut}`);
      await page.locator(`main[data-screen="${id}"]`).waitFor();
      await check();
      await page.waitForTimeout(250);
      await h.screenshot(`screen-${id}`);
    };
    await visit('history', '2', () => page.getByRole('grid', { name: 'Statement history' }).waitFor());
    await visit('batch', '3', () => page.getByRole('form', { name: 'Start a batch run' }).waitFor());
    await visit('data', '4', async () => {
      const counts = page.getByRole('table', { name: 'Records per entity' });
      await counts.getByRole('row', { name: /Payment items\s+10/ }).waitFor();
    });
    await visit('uploads', '5', () => page.getByRole('grid', { name: 'Upload queue' }).waitFor());
    await visit('templates', '6', () => page.getByRole('navigation', { name: 'Templates' }).waitFor());
    await visit('settings', '7', () => page.getByLabel('Bucket', { exact: true }).waitFor());
    assert.deepEqual(h.pageErrors, []);
  });

  test('dark mode follows the OS: the screens and grids switch colours', async () => {
    const { page } = h;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.keyboard.press('Control+1');
    await page.locator('main[data-screen="generate"]').waitFor();
    const bg = await page.locator('.panel').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    const grid = await page.locator('.grid-frame .ag-root-wrapper').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    const dark = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) < 3 * 80;
    assert.ok(dark(bg), `panel background ${bg} is dark`);
    assert.ok(dark(grid), `grid background ${grid} is dark`);
    await h.screenshot('generate-dark');
    await page.keyboard.press('Control+4');
    await page.locator('main[data-screen="data"]').waitFor();
    await h.screenshot('data-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('Templates: editing the branding re-renders the sample; saving makes version 2; rolling back makes version 1 current', async () => {
    const { page, engine } = h;
    await page.keyboard.press('Control+6');
    await page.locator('main[data-screen="templates"]').waitFor();
    await page.getByRole('navigation', { name: 'Templates' }).getByRole('button', { name: /^client/i }).click();
    const sample = page.getByRole('region', { name: 'Sample preview' });
    await sample.locator('.pdf-pages[data-rendered="true"]').waitFor({ timeout: 30_000 });
    const seq = Number(await sample.getAttribute('data-sample'));
    await page.getByLabel('Company name').fill('Harbour & Finch LLP');
    await page.getByLabel('Address (one line each)').fill('1 Dock Road\nLondon E14 5AB');
    // the live sample re-renders the unsaved draft
    await page.waitForFunction((n) => Number(document.querySelector('[aria-label="Sample preview"]')?.getAttribute('data-sample')) > n, seq, { timeout: 30_000 });
    await sample.locator('.pdf-pages[data-rendered="true"]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText(/^Saved as version 2\./).waitFor();
    const versions = await engine.call('templates:versions', { id: 'default-client' });
    const current = versions.find((v) => v.current);
    assert.equal(current?.version, 2);
    assert.equal(current?.body.branding.companyName, 'Harbour & Finch LLP');
    await sample.locator('.pdf-pages[data-rendered="true"]').waitFor({ timeout: 30_000 });
    await h.screenshot('templates-edited');
    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByText(/is now current\.$/).waitFor();
    const after = await engine.call('templates:versions', { id: 'default-client' });
    assert.equal(after.find((v) => v.current)?.body.branding.companyName, versions.find((v) => v.version === 1)?.body.branding.companyName);
  });

  test('Settings: the locale changes how amounts are written; credentials are stored and never shown back', async () => {
    const { page, engine } = h;
    await page.keyboard.press('Control+7');
    const locale = page.getByLabel('Locale', { exact: true });
    await locale.fill('de-DE');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor({ timeout: 4000 }).catch(async (e: unknown) => {
      await h.screenshot('debug-settings');
      throw e;
    });
    assert.equal((await engine.call('settings:get', {})).values.locale, 'de-DE');
    // credentials go to the protected store; the form is emptied and only says they are stored
    await page.getByLabel('Access key ID').fill('AKIAEXAMPLEKEY');
    await page.getByLabel('Secret access key').fill('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    await page.getByRole('button', { name: 'Store credentials' }).click();
    await page.getByRole('button', { name: 'Remove stored credentials' }).waitFor();
    assert.equal(await page.getByLabel('Access key ID').inputValue(), '');
    assert.equal(await page.getByLabel('Secret access key').inputValue(), '');
    assert.equal((await engine.call('settings:get', {})).credentials.stored, true);
    assert.ok(!(await page.content()).includes('wJalrXUtnFEMI'), 'the secret is nowhere in the page');
    await h.screenshot('screen-settings-stored');
    // a German preview writes 12.500,00
    await page.keyboard.press('Control+1');
    await page.getByLabel('Statement type').selectOption({ label: 'Client Statement' });
    await pick(page, 'Client', 'John', /John Smith/);
    await page.getByLabel('Date from').fill('2026-01-01');
    await page.getByLabel('Date to').fill('2026-01-31');
    await page.getByRole('complementary', { name: 'New statement' }).getByRole('button', { name: /^Preview\b/ }).click();
    await page.getByRole('grid', { name: 'Transactions' }).getByText('12.500,00', { exact: true }).waitFor();
    await engine.call('settings:set', { key: 'locale', value: 'en-US' });
  });
});
