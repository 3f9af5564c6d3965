/**
 * Seed 003's four Gherkin scenarios, word for word, in Chromium against the real engine through
 * the browser bridge, with a loopback S3 (test/helpers/s3.ts). The data is the e2e bundle
 * (test/fixtures/e2e/main-2026-02-01) imported through the engine.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StatementRecord } from '../../shared/contract';
import { startS3, type S3Bucket, type S3TestServer } from '../helpers/s3';
import { MAIN_BUNDLE, importMain, records, sumMoney } from './fixtures';
import { openApp, type AppHarness } from './harness';
import { daysBetween, goTo, pdfText, pick, sha256, todayLocal, waitFor } from './ui';

interface PaymentItem {
  id: string;
  client_id: string;
  posted_date: string;
  reference: string;
  description: string;
  currency: string;
  gross: string;
  commission: string;
  net: string;
}
interface BillingItem {
  id: string;
  party_id: string;
  invoice_number?: string;
  due_date: string;
  issue_date: string;
  currency: string;
  amount: string;
  vat_pct?: string;
}

const BUCKET = 'folio-e2e';

/** Every file of the statement store, and every PDF anywhere in the data folder (Preview writes none). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: false })
    .map((f) => join(dir, String(f)))
    .filter((f) => statSync(f).isFile() && (f.startsWith(join(dir, 'store')) || /\.pdf$/i.test(f)))
    .sort();
}

describe('seed 003 Gherkin scenarios (Chromium, real engine, loopback S3)', () => {
  let h: AppHarness;
  let s3: S3TestServer;
  let bucket: S3Bucket;
  const payments = records<PaymentItem>(MAIN_BUNDLE, 'payment_items');

  before(async () => {
    s3 = await startS3({ kind: 's3rver' });
    bucket = await s3.bucket(BUCKET);
    h = await openApp({
      env: s3.env({ bucket: BUCKET, prefix: 'statements/' }),
      viewport: { width: 1440, height: 900 },
      async before(engine) {
        await importMain(engine);
        // "Given I am a Client Accounting user"
        await engine.call('settings:set', { key: 'user.role', value: 'accountant' });
      },
    });
  });
  after(async () => {
    await h?.close();
    await s3?.stop();
  });

  async function generatedRef(): Promise<string> {
    const panel = h.page.getByRole('region', { name: 'Generated statement' });
    const problem = h.page.locator('.gen-main > .notice-error, .gen-main > .notice-warning');
    await panel.or(problem).first().waitFor({ timeout: 60_000 });
    if (await problem.count()) throw new Error(`Generate failed: ${await problem.first().textContent()}`);
    await panel.getByText('COMPLETED', { exact: true }).waitFor({ timeout: 60_000 });
    return ((await panel.getByTestId('statement-ref').textContent()) ?? '').trim();
  }

  async function uploaded(ref: string): Promise<StatementRecord> {
    await goTo(h.page, 'uploads');
    const now = h.page.getByRole('button', { name: 'Upload now' });
    // the queue may drain on its own meanwhile: then the button is disabled again, which is fine
    if (await now.isEnabled()) await now.click({ timeout: 2_000 }).catch(() => undefined);
    return waitFor(`${ref} uploaded to S3`, async () => {
      const r = await h.engine.call('history:get', { ref });
      if (r.uploadStatus !== 'UPLOADED') await h.engine.call('uploads:drain', {});
      return r.uploadStatus === 'UPLOADED' ? r : null;
    }, 30_000);
  }

  test('Scenario: User generates a client statement for a date range', async () => {
    const { page, engine } = h;
    // Given I am a Client Accounting user
    await page.getByTestId('user-badge').getByText('accountant').waitFor();
    // And Client "John Smith" has 5 payment items posted between 2026-01-01 and 2026-01-31
    const johns = payments.filter((p) => p.client_id === 'C-JOHN' && p.posted_date >= '2026-01-01' && p.posted_date <= '2026-01-31');
    assert.equal(johns.length, 5);
    // When I select statement type "Client Statement"
    await goTo(page, 'generate');
    await page.getByLabel('Statement type').selectOption({ label: 'Client Statement' });
    // And I select client "John Smith"
    await pick(page, 'Client', 'John', /John Smith/);
    // And I set date range to 2026-01-01 through 2026-01-31
    await page.getByLabel('Date from').fill('2026-01-01');
    await page.getByLabel('Date to').fill('2026-01-31');
    // And I click "Generate"
    await page.getByRole('complementary', { name: 'New statement' }).getByRole('button', { name: /^Generate\b/ }).click();
    // Then a PDF should be created
    const ref = await generatedRef();
    assert.match(ref, /^CS-\d{13}-[0-9A-F]{8}$/);
    const file = await engine.call('history:file', { ref, purpose: 'view' });
    const bytes = Buffer.from(file.base64, 'base64');
    assert.equal(file.mime, 'application/pdf');
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    await h.screenshot('scenario-generate-client');
    // the in-app viewer draws the pages (pdf.js, no browser plugin)
    await page.getByRole('button', { name: 'Open statement' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('.pdf-pages[data-rendered="true"]').waitFor({ timeout: 30_000 });
    const pageImg = dialog.getByRole('img', { name: /page 1 of \d+$/ });
    const inked = await pageImg.evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128) dark++;
      return dark;
    });
    assert.ok(inked > 500, `the first page shows text (${inked} dark pixels)`);
    await h.screenshot('viewer-pdf');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    // And the statement should contain 5 transactions
    assert.equal(await page.getByTestId('line-count').textContent(), '5');
    const text = pdfText(bytes);
    for (const p of johns) assert.ok(text.includes(p.reference), `the PDF lists ${p.reference}`);
    for (const p of payments.filter((x) => x.client_id === 'C-JOHN' && !johns.includes(x))) assert.ok(!text.includes(p.reference), `the PDF leaves out ${p.reference}`);
    // And the statement should be stored in S3
    const rec = await uploaded(ref);
    assert.ok(rec.s3Key, 'the record names its S3 key');
    assert.ok((await bucket.keys()).includes(rec.s3Key!), `S3 holds ${rec.s3Key}`);
    // And a record should be created in generated_statement table
    assert.equal(rec.statementTypeCd, 'CLIENT_STATEMENT');
    assert.equal(rec.clientId, 'C-JOHN');
    assert.equal(rec.dateFrom, '2026-01-01');
    assert.equal(rec.dateTo, '2026-01-31');
    assert.equal(rec.generationStatusCd, 'COMPLETED');
    assert.equal(rec.generatedBy, 'e2e-tester');
    // And the statement should be available for download
    await goTo(page, 'history');
    const grid = page.getByRole('grid', { name: 'Statement history' });
    await grid.getByText(ref).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${ref}` }).click()]);
    const saved = join(h.dataDir, 'download-check.pdf');
    await download.saveAs(saved);
    const { readFileSync } = await import('node:fs');
    assert.equal(sha256(readFileSync(saved)), rec.sha256);
    rmSync(saved);
    await h.screenshot('scenario-history');
  });

  test('Scenario: User previews transactions before generating statement', async () => {
    const { page, engine } = h;
    const before = await engine.call('history:list', {});
    const filesBefore = filesUnder(h.dataDir);
    // Given Client "Jane Doe" has transactions in the selected date range
    const janes = payments.filter((p) => p.client_id === 'C-JANE' && p.posted_date >= '2026-01-01' && p.posted_date <= '2026-01-31');
    assert.ok(janes.length > 0);
    await goTo(page, 'generate');
    await page.getByLabel('Statement type').selectOption({ label: 'Client Statement' });
    await pick(page, 'Client', 'Jane', /Jane Doe/);
    await page.getByLabel('Date from').fill('2026-01-01');
    await page.getByLabel('Date to').fill('2026-01-31');
    // When I click "Preview"
    await page.getByRole('complementary', { name: 'New statement' }).getByRole('button', { name: /^Preview\b/ }).click();
    // Then I should see a list of transactions
    const preview = page.getByRole('region', { name: 'Statement preview' });
    const grid = preview.getByRole('grid', { name: 'Transactions' });
    for (const p of janes) await grid.getByText(p.description, { exact: true }).waitFor();
    assert.equal(await grid.getAttribute('aria-rowcount'), String(janes.length + 1), 'one header row and one row per transaction');
    // And I should see the calculated totals (per currency, never mixed)
    const totals = preview.getByRole('table', { name: 'Totals' });
    for (const cur of [...new Set(janes.map((p) => p.currency))]) {
      const mine = janes.filter((p) => p.currency === cur);
      const row = totals.getByRole('row', { name: new RegExp(`^${cur}\\b`) });
      const cells = (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
      const fmt = (v: string) => `${new Intl.NumberFormat('en-US').format(BigInt(v.split('.')[0]!))}.${v.split('.')[1]}`;
      assert.deepEqual(cells, [fmt(sumMoney(mine.map((p) => p.gross))), fmt(sumMoney(mine.map((p) => p.commission))), fmt(sumMoney(mine.map((p) => p.net)))]);
    }
    await h.screenshot('scenario-preview');
    // And I should NOT yet have a PDF generated
    assert.equal(await page.getByRole('region', { name: 'Generated statement' }).count(), 0);
    const afterList = await engine.call('history:list', {});
    assert.equal(afterList.total, before.total);
    assert.deepEqual(filesUnder(h.dataDir), filesBefore);
  });

  test('Scenario: User downloads a previously generated statement', async () => {
    const { page, engine } = h;
    // Given a statement with ref "CS-1736776800000-ABC12345" exists
    // (refs are made by the engine, {PREFIX}-{epoch ms}-{8 hex}: this one is generated now, uploaded,
    // and its local file removed, so that the download must come from S3)
    const made = await engine.call('statement:generate', {
      request: { type: 'client', filters: { clientId: 'C-JOHN', dateFrom: '2025-12-01', dateTo: '2025-12-31' } },
    });
    assert.equal(made.status, 'COMPLETED');
    const rec = await uploaded(made.ref);
    assert.ok(rec.filePath, 'the record names its local file');
    const local = isAbsolute(rec.filePath) ? rec.filePath : join(h.dataDir, 'store', rec.filePath);
    assert.ok(existsSync(local), `${local} exists before it is removed`);
    rmSync(local);
    // When I search for statements for Client "John Smith"
    await goTo(page, 'history');
    const filters = page.getByRole('form', { name: 'Search statements' });
    await pick(page, 'Client', 'Smith', /John Smith/);
    await filters.getByRole('button', { name: 'Search' }).click();
    const grid = page.getByRole('grid', { name: 'Statement history' });
    await grid.getByText(made.ref).waitFor();
    assert.equal(await grid.getByText('Jane Doe').count(), 0);
    // And I click "Download" on the statement row
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${made.ref}` }).click()]);
    // Then the PDF should be retrieved from S3
    await page.getByText(/was retrieved from S3 and matched its SHA-256 checksum/).waitFor();
    // And the file should download to my browser
    const saved = join(h.dataDir, 'download-s3.pdf');
    await download.saveAs(saved);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(saved);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(sha256(bytes), rec.sha256);
    assert.equal(download.suggestedFilename(), rec.fileName);
    await h.screenshot('scenario-download-s3');
  });

  test('Scenario: Generate AR aging for entire portfolio', async () => {
    const { page } = h;
    // Given there are open billing items across multiple clients
    const items = records<BillingItem>(MAIN_BUNDLE, 'billing_items');
    const paid = records<{ billing_item_id: string; amount: string }>(MAIN_BUNDLE, 'billing_payments');
    const asOf = todayLocal();
    const open = items
      .map((i) => {
        const vat = i.vat_pct ? (BigInt(Math.round(Number(i.amount) * 100)) * BigInt(Math.round(Number(i.vat_pct) * 100)) + 5000n) / 10000n : 0n;
        const gross = BigInt(Math.round(Number(i.amount) * 100)) + vat;
        const balance = paid.filter((p) => p.billing_item_id === i.id).reduce((b, p) => b - BigInt(Math.round(Number(p.amount) * 100)), gross);
        return { ...i, balance };
      })
      .filter((i) => i.balance !== 0n);
    assert.ok(new Set(open.map((i) => i.party_id)).size > 1);
    // When I select statement type "AR Aging"
    await goTo(page, 'generate');
    await page.getByLabel('Statement type').selectOption({ label: 'AR Aging' });
    // And I leave client filter empty
    assert.equal(await page.getByRole('combobox', { name: /Client/ }).inputValue(), '');
    // And I set as-of date to today
    await page.getByLabel('As-of date').fill(asOf);
    // And I click "Generate"
    await page.getByRole('complementary', { name: 'New statement' }).getByRole('button', { name: /^Generate\b/ }).click();
    const ref = await generatedRef();
    assert.match(ref, /^AR-/);
    // Then a PDF should show all open receivables
    const file = await h.engine.call('history:file', { ref, purpose: 'view' });
    const text = pdfText(Buffer.from(file.base64, 'base64'));
    for (const i of open) if (i.invoice_number) assert.ok(text.includes(i.invoice_number), `the PDF shows ${i.invoice_number}`);
    for (const i of items.filter((x) => !open.includes(x as never) && x.invoice_number)) {
      if (!open.some((o) => o.id === i.id)) assert.ok(!text.includes(i.invoice_number!), `the settled ${i.invoice_number} is left out`);
    }
    // And receivables should be grouped by aging bucket
    const bucketOf = (due: string) => {
      const age = daysBetween(due, asOf);
      return age <= 0 ? 'current' : age <= 30 ? '1-30' : age <= 60 ? '31-60' : age <= 90 ? '61-90' : age <= 120 ? '91-120' : '120+';
    };
    const expected: Record<string, Record<string, bigint>> = {};
    for (const i of open) {
      const cur = (expected[i.currency] ??= {});
      cur[bucketOf(i.due_date)] = (cur[bucketOf(i.due_date)] ?? 0n) + i.balance;
      cur.total = (cur.total ?? 0n) + i.balance;
    }
    const rec = await h.engine.call('history:get', { ref });
    const totals = (rec.metadata as { totals?: Record<string, Record<string, string>> }).totals ?? {};
    const cents = (v: string | undefined) => (v ? BigInt(v.replace('.', '')) : 0n);
    for (const [cur, byBucket] of Object.entries(expected)) {
      for (const [k, v] of Object.entries(byBucket)) assert.equal(cents(totals[cur]?.[k]), v, `${cur} ${k}`);
    }
    // And totals should be summarized by bucket (shown per currency on screen)
    const table = page.getByRole('region', { name: 'Generated statement' }).getByRole('table', { name: 'Totals' });
    for (const label of ['Current', '1-30 days', '31-60 days', '61-90 days', '91-120 days', '120+ days', 'Total']) {
      await table.getByRole('columnheader', { name: label, exact: true }).waitFor();
    }
    for (const cur of Object.keys(expected)) await table.getByRole('rowheader', { name: cur, exact: true }).waitFor();
    await h.screenshot('scenario-ar-aging');
  });

  test('a statement whose only copy fails its SHA-256 check is refused with a clear integrity error', async () => {
    const { page, engine } = h;
    const made = await engine.call('statement:generate', {
      request: { type: 'settlement', filters: { clientId: 'C-JOHN', dateFrom: '2026-01-01', dateTo: '2026-01-31' } },
    });
    const rec = await uploaded(made.ref);
    await h.screenshot('screen-uploads-s3');
    rmSync(isAbsolute(rec.filePath!) ? rec.filePath! : join(h.dataDir, 'store', rec.filePath!));
    await bucket.put(rec.s3Key!, '%PDF-1.7 this is not the statement that was generated');
    await goTo(page, 'history');
    const filters = page.getByRole('form', { name: 'Search statements' });
    const grid = page.getByRole('grid', { name: 'Statement history' });
    await filters.getByRole('button', { name: 'Clear' }).click();
    // search by type and by generated date range
    await filters.getByLabel('Statement type').selectOption({ label: 'SETTLEMENT_STATEMENT' });
    await filters.getByRole('button', { name: 'Search' }).click();
    await grid.getByText(made.ref).waitFor();
    await page.waitForFunction(() => document.querySelector('[aria-label="Statement history"][role="grid"]')?.getAttribute('aria-rowcount') === '2');
    const tomorrow = new Date(Date.now() + 86_400_000);
    await filters.getByLabel('Generated from').fill(todayLocal(tomorrow));
    await filters.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No statements match these filters').waitFor();
    await filters.getByLabel('Generated from').fill(todayLocal());
    await filters.getByLabel('Generated to').fill(todayLocal(new Date(Date.now() - 2 * 86_400_000)));
    await filters.getByRole('button', { name: 'Search' }).click();
    await filters.getByText('Must be on or after the From date').waitFor();
    await filters.getByRole('button', { name: 'Clear' }).click();
    await grid.getByText(made.ref).waitFor();
    await page.getByRole('button', { name: `View ${made.ref}` }).click();
    const dialog = page.getByRole('dialog', { name: 'The file failed its integrity check' });
    await dialog.waitFor();
    await dialog.getByText(/SHA-256/).first().waitFor();
    await dialog.getByText('FILE_INTEGRITY').waitFor();
    await h.screenshot('history-integrity-error');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
  });
});
