/**
 * Issue 16 item 5, as a new user does it: load the demo data, preview a client statement, click
 * Generate as soon as the preview shows, open History at once. The statement is listed (in progress
 * or done), the header counts it ("1 statement"), and both follow it to COMPLETED without a reload.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApp, type AppHarness } from './harness';
import { goTo, pick, waitFor } from './ui';

describe('Generate in the UI is recorded (Chromium, real engine, demo data)', () => {
  let h: AppHarness;

  before(async () => {
    h = await openApp({ viewport: { width: 1440, height: 900 } });
  });
  after(async () => {
    await h?.close();
  });

  test('Preview, Generate at once, History at once: listed, and the header says "1 statement"', async () => {
    const { page, engine } = h;
    const offer = page.getByText('There is no billing data on this computer yet');
    await offer.waitFor();
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await offer.waitFor({ state: 'hidden', timeout: 120_000 });
    const counter = page.getByTestId('statement-count');
    assert.equal((await counter.textContent())?.trim(), '0 statements');

    await pick(page, 'Client', 'a', /./);
    const side = page.getByRole('complementary', { name: 'New statement' });
    await side.getByRole('button', { name: /^Preview\b/ }).click();
    await page.getByRole('region', { name: 'Statement preview' }).getByRole('grid', { name: 'Transactions' }).waitFor();
    await side.getByRole('button', { name: /^Generate\b/ }).click();
    // straight to History, without waiting for the statement to be made
    await goTo(page, 'history');
    const grid = page.getByRole('grid', { name: 'Statement history' });
    const row = grid.getByRole('row').filter({ hasText: /^CS-\d{13}-[0-9A-F]{8}/ }).first();
    await row.waitFor({ timeout: 60_000 });
    await h.screenshot('recorded-history-at-once');

    // the engine has exactly that one statement, and it completes
    const rec = await waitFor('the statement COMPLETED', async () => {
      const list = await engine.call('history:list', {});
      return list.total === 1 && list.rows[0]!.generationStatusCd === 'COMPLETED' ? list.rows[0]! : null;
    }, 60_000);
    // the screen and the header follow without a reload or another click
    await grid.getByRole('row', { name: new RegExp(rec.statementRef) }).getByText('Local only').waitFor();
    await page.getByRole('heading', { name: 'Statements (1)' }).waitFor();
    await page.getByTestId('statement-count').getByText('1 statement', { exact: true }).waitFor({ timeout: 5_000 });
    await h.screenshot('recorded-history-done');
    assert.deepEqual(h.pageErrors.filter((e) => !/Permissions-Policy/.test(e)), []);
  });
});
