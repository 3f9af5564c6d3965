/**
 * A 10,000-line client statement in the preview: above ENGINE_ROWS_FROM lines the rows stay in the
 * engine and the grid (AG Grid's Infinite Row Model) asks for blocks as it scrolls, with its sort and
 * search done by the engine. The first lines show at once, the grid scrolls to the last line,
 * sorts money exactly and searches every line, never holding them all in the page.
 * The bundle is written to a temporary folder (too big for the fixtures folder) and imported
 * through the engine.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openApp, type AppHarness } from './harness';
import { pick } from './ui';

const LINES = 10_000;

function writeLargeBundle(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const u = { updated_at: '2026-02-01T06:00:00Z' };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 1, exported_at: '2026-02-01T06:00:00Z', kind: 'full' }));
  writeFileSync(join(dir, 'parties.ndjson'), `${JSON.stringify({ id: 'C-BIG', name: 'Bigband Touring Co', type: 'CLIENT', default_currency: 'USD', ...u })}\n`);
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) {
    const cents = 1000 + ((i * 7919) % 900_000); // 10.00 … 9,010.00, deterministic
    const comm = Math.round(cents * 0.15);
    const f = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
    const day = String(1 + (i % 31)).padStart(2, '0');
    lines.push(
      JSON.stringify({
        id: `PI-${String(i).padStart(5, '0')}`,
        client_id: 'C-BIG',
        posted_date: `2026-01-${day}`,
        description: `Ticket batch ${i}`,
        reference: `TB-${String(i).padStart(5, '0')}`,
        currency: 'USD',
        gross: f(cents),
        commission: f(comm),
        net: f(cents - comm),
        ...u,
      }),
    );
  }
  writeFileSync(join(dir, 'payment_items.ndjson'), `${lines.join('\n')}\n`);
}

describe('a 10,000-line preview (Chromium, real engine)', () => {
  let h: AppHarness;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'folio-e2e-large-'));
    writeLargeBundle(join(dir, 'bundle'));
    h = await openApp({
      viewport: { width: 1440, height: 900 },
      async before(engine) {
        const r = await engine.call('data:import', { path: join(dir, 'bundle') });
        assert.equal(r.quarantined, 0);
      },
    });
  });
  after(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('shows the first lines at once, keeps the 10,000 in the engine, scrolls to the last, sorts and searches there', async () => {
    const { page } = h;
    await pick(page, 'Client', 'Bigband', /Bigband Touring Co/);
    await page.getByLabel('Date from').fill('2026-01-01');
    await page.getByLabel('Date to').fill('2026-01-31');
    const started = Date.now();
    await page.getByRole('complementary', { name: 'New statement' }).getByRole('button', { name: /^Preview\b/ }).click();
    const grid = page.getByRole('grid', { name: 'Transactions' });
    await grid.getByText('Ticket batch', { exact: false }).first().waitFor({ timeout: 30_000 });
    const firstPaintMs = Date.now() - started;
    await page.getByText(`${LINES.toLocaleString('en-US')} lines`, { exact: true }).waitFor({ timeout: 60_000 });
    assert.equal(await grid.getAttribute('aria-rowcount'), String(LINES + 1));
    // scroll to the very end: the last lines are rendered (row virtualisation keeps the DOM small)
    const frame = page.locator('[data-grid="Transactions"]');
    assert.equal(await frame.getAttribute('data-row-model'), 'engine');
    // the page asked for blocks, not for every line: count the engine calls the grid makes
    const calls: Array<{ offset?: number; limit?: number; sort?: unknown; search?: string }> = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/invoke/statement:preview')) calls.push(JSON.parse(r.postData() ?? '{}') as (typeof calls)[number]);
    });
    // keyboard: focus a cell, Ctrl+End goes to the last line
    await grid.getByRole('gridcell', { name: /^Ticket batch \d+$/ }).first().click();
    await page.keyboard.press('Control+End');
    // lines are in posted date then id order: the last is the highest i posted on the 31st
    let last = LINES - 1;
    while (last % 31 !== 30) last--;
    await grid.getByText(`Ticket batch ${last}`, { exact: true }).waitFor();
    const rendered = await frame.locator('.ag-row').count();
    assert.ok(rendered < 200, `only the visible rows are in the DOM (${rendered})`);
    await h.screenshot('preview-10000-lines');
    // sort by Gross ascending: the smallest amount (10.00) comes first
    await page.keyboard.press('Control+Home');
    await grid.getByRole('columnheader', { name: 'Gross' }).click();
    const firstGross = frame.locator('.ag-row[row-index="0"] [col-id="gross"]');
    await firstGross.filter({ hasText: '10.00' }).waitFor();
    assert.ok(calls.some((c) => JSON.stringify(c.sort) === JSON.stringify({ column: 'gross', dir: 'asc' })), `the engine sorted: ${JSON.stringify(calls.map((c) => c.sort))}`);
    assert.ok(calls.every((c) => (c.limit ?? 0) <= 1000), 'rows come in blocks of at most 1,000');
    // search reaches every line, not only the first page
    await page.getByLabel('Search transactions').fill('TB-09876');
    await grid.getByText('Ticket batch 9876', { exact: true }).waitFor();
    await page.waitForFunction(() => document.querySelector('[aria-label="Transactions"][role="grid"]')?.getAttribute('aria-rowcount') === '2');
    assert.ok(calls.some((c) => c.search === 'TB-09876'), 'the engine searched');
    await page.getByText('1 of 10,000 lines match', { exact: true }).waitFor();
    console.log(`# first lines shown after ${firstPaintMs} ms`);
  });
});
