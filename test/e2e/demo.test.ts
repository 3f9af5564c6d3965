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

  test('a month-end batch over the demo contracts shows live progress and can be paused, resumed and cancelled', async () => {
    const { page, engine } = h;
    await goTo(page, 'batch');
    const form = page.getByRole('form', { name: 'Start a batch run' });
    await form.getByLabel('Statements', { exact: true }).selectOption('billing');
    // the form's default period is the previous calendar month: the last month of the demo data
    await form.getByRole('button', { name: 'Start run' }).click();
    const run = page.getByRole('region', { name: 'Batch run' });
    const status = run.getByTestId('run-status');
    await status.getByText('RUNNING', { exact: true }).waitFor();
    await run.getByRole('progressbar').waitFor();
    await h.screenshot('batch-live');
    await run.getByRole('button', { name: 'Pause' }).click();
    await status.getByText('PAUSED', { exact: true }).waitFor({ timeout: 30_000 });
    const [paused] = await engine.call('batch:list', {});
    assert.equal(paused?.status, 'PAUSED');
    const doneAtPause = paused!.counts.completed + paused!.counts.failed;
    await page.waitForTimeout(1000);
    const [still] = await engine.call('batch:list', {});
    assert.equal(still!.counts.completed + still!.counts.failed, doneAtPause, 'nothing is made while paused');
    await run.getByRole('button', { name: 'Resume' }).click();
    await status.getByText(/^(RUNNING|COMPLETED)$/).waitFor({ timeout: 30_000 });
    if ((await status.textContent()) === 'RUNNING') {
      await run.getByRole('button', { name: 'Cancel' }).click();
      await status.getByText(/^(CANCELLED|COMPLETED)$/).waitFor({ timeout: 30_000 });
    }
    const [end] = await engine.call('batch:list', {});
    assert.ok(end && ['CANCELLED', 'COMPLETED'].includes(end.status), `the run ended: ${end?.status}`);
    assert.ok(end.counts.planned > 100, `the demo has hundreds of contracts (${end.counts.planned})`);
    await h.screenshot('batch-cancelled');
  });
});
