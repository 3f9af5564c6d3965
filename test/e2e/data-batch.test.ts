/**
 * From an empty computer to a month-end run, in Chromium against the real engine: first start
 * offers demo data; the Data screen imports a folder of bundles (one with lines that break the
 * rules: quarantined with their reasons, the rest applied); the Batch screen runs the billing
 * statements of 2026-01 live, with a report grid and its CSV.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIXTURES, MAIN_BUNDLE, QUARANTINE_BUNDLE, records } from './fixtures';
import { openApp, type AppHarness } from './harness';
import { goTo } from './ui';

describe('data import and batch run (Chromium, real engine)', () => {
  let h: AppHarness;

  before(async () => {
    h = await openApp({ viewport: { width: 1440, height: 900 } });
  });
  after(async () => {
    await h?.close();
  });

  test('first start with an empty cache offers demo data', async () => {
    await h.page.getByText('There is no billing data on this computer yet').waitFor();
    await h.page.getByRole('button', { name: 'Load demo data' }).first().waitFor();
    await h.screenshot('first-start');
  });

  test('importing a folder of bundles applies the good lines and quarantines the bad ones with reasons', async () => {
    const { page } = h;
    await goTo(page, 'data');
    await page.getByLabel('Bundle folder to import').fill(FIXTURES);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText(/^Import finished in/).waitFor({ timeout: 60_000 });
    // the delta's three bad lines are quarantined, its good line applied
    const q = page.getByRole('grid', { name: 'Quarantined lines' });
    await q.getByText('payment_items.ndjson').first().waitFor();
    assert.equal(await q.getAttribute('aria-rowcount'), '4', 'three quarantined lines under one header row');
    const status = await h.engine.call('data:status', {});
    const good = records(MAIN_BUNDLE, 'payment_items').length + 1;
    assert.equal(status.counts.payment_items, good);
    assert.equal(status.quarantined, 3);
    const rows = await h.engine.call('data:quarantine', {});
    assert.deepEqual(rows.rows.map((r) => r.line).sort(), [2, 3, 4]);
    for (const r of rows.rows) {
      assert.ok(r.reason.length > 5, `line ${r.line} has a reason`);
      await q.getByText(r.reason, { exact: true }).first().waitFor();
    }
    assert.ok(rows.rows.every((r) => r.sourceKey.includes('delta-2026-02-02-quarantine')));
    const counts = page.getByRole('table', { name: 'Records per entity' });
    await counts.getByRole('row', { name: new RegExp(`Payment items\\s+${good}`) }).waitFor();
    assert.ok(readFileSync(join(QUARANTINE_BUNDLE, 'payment_items.ndjson'), 'utf8').includes('PI-BAD-3'));
    await h.screenshot('data-quarantine');
  });

  test('a batch run of 2026-01 billing statements runs live and reports each contract', async () => {
    const { page } = h;
    const contracts = records<{ id: string; status: string }>(MAIN_BUNDLE, 'contracts').filter((c) => c.status === 'ACTIVE');
    await goTo(page, 'batch');
    const form = page.getByRole('form', { name: 'Start a batch run' });
    await form.getByLabel('Statements', { exact: true }).selectOption('billing');
    await form.getByLabel('Billing period').fill('2026-01');
    await form.getByRole('button', { name: 'Start run' }).click();
    const run = page.getByRole('region', { name: 'Batch run' });
    // live: the run's status pill moves from RUNNING to an end state without a reload
    await run.getByTestId('run-status').getByText(/^(COMPLETED|FAILED|CANCELLED)$/).waitFor({ timeout: 120_000 });
    const runs = await h.engine.call('batch:list', {});
    assert.equal(runs.length, 1);
    const r = runs[0]!;
    assert.equal(r.counts.planned, contracts.length);
    assert.equal(r.counts.completed + r.counts.failed, contracts.length);
    // the contract whose labour has no rate fails rate verification; the others are made
    const detail = await h.engine.call('batch:get', { id: r.id });
    const rig = detail.items.find((i) => i.subject.includes('K-RIG'));
    assert.equal(rig?.status, 'FAILED');
    assert.ok(rig?.findings.some((f) => f.severity === 'ERROR'));
    for (const i of detail.items.filter((x) => !x.subject.includes('K-RIG'))) {
      assert.equal(i.status, 'COMPLETED', `${i.subject} is made`);
      assert.match(i.statementRef ?? '', /^BS-/);
    }
    const report = page.getByRole('grid', { name: 'Batch run report' });
    await report.getByText(detail.items.find((i) => i.status === 'COMPLETED')!.statementRef!).waitFor();
    assert.equal(await report.getAttribute('aria-rowcount'), String(contracts.length + 1));
    await h.screenshot('batch-run');
    // the report as CSV
    const [download] = await Promise.all([page.waitForEvent('download'), run.getByRole('button', { name: 'Download CSV report' }).click()]);
    const file = join(h.dataDir, 'report.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    assert.match(csv.split(/\r?\n/)[0]!, /^run_id,status,action/);
    assert.ok(csv.includes('K-RIG') || csv.includes('Oskar Nilsson'), 'the failed contract is in the report');
  });
});
