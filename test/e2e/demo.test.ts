/**
 * First start on an empty computer: the Generate screen offers demo data; one click loads it
 * through the engine (with progress), the offer goes away and the data is there to use.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openApp, type AppHarness } from './harness';
import { goTo } from './ui';

describe('demo data on first start (Chromium, real engine)', () => {
  let h: AppHarness;

  before(async () => {
    h = await openApp({ viewport: { width: 1440, height: 900 } });
  });
  after(async () => {
    await h?.close();
  });

  test('"Load demo data" fills the empty cache and the offer goes away', async () => {
    const { page, engine } = h;
    const offer = page.getByText('There is no billing data on this computer yet');
    await offer.waitFor();
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await offer.waitFor({ state: 'hidden', timeout: 120_000 });
    const status = await engine.call('data:status', {});
    assert.equal(status.empty, false);
    assert.ok(status.counts.parties >= 50, `demo parties: ${status.counts.parties}`);
    // the demo's clients are searchable at once
    const client = page.getByRole('combobox', { name: 'Client' });
    await client.click();
    const options = page.getByRole('listbox', { name: 'Client suggestions' }).getByRole('option');
    await options.first().waitFor();
    assert.ok((await options.count()) > 1);
    await goTo(page, 'data');
    await page.getByRole('table', { name: 'Records per entity' }).getByRole('row', { name: /Payment items\s+[1-9][\d,]*/ }).waitFor();
    await h.screenshot('data-demo-loaded');
  });
});
