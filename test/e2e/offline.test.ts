/**
 * Working without a network, calmly: S3 is configured but unreachable, a statement is generated
 * all the same (kept on this computer, queued for upload), every screen header says how many wait,
 * the header badge says Offline, and the Uploads screen explains that nothing is lost.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { importMain } from './fixtures';
import { openApp, type AppHarness } from './harness';
import { goTo, pick } from './ui';

describe('offline (Chromium, real engine, S3 unreachable)', () => {
  let h: AppHarness;

  before(async () => {
    h = await openApp({
      viewport: { width: 1440, height: 900 },
      // a closed loopback port: every S3 call fails at once, as it does without a network
      env: {
        FOLIO_S3_ENDPOINT: 'http://127.0.0.1:9',
        FOLIO_S3_REGION: 'us-east-1',
        FOLIO_S3_BUCKET: 'folio-offline',
        FOLIO_S3_FORCE_PATH_STYLE: '1',
        AWS_ACCESS_KEY_ID: 'offline',
        AWS_SECRET_ACCESS_KEY: 'offline-secret',
      },
      before: importMain,
    });
  });
  after(async () => {
    await h?.close();
  });

  test('a statement is made offline, queued for upload, and the app says so calmly', async () => {
    const { page, engine } = h;
    await pick(page, 'Client', 'John', /John Smith/);
    await page.getByLabel('Date from').fill('2026-01-01');
    await page.getByLabel('Date to').fill('2026-01-31');
    await page.keyboard.press('Control+g');
    const panel = page.getByRole('region', { name: 'Generated statement' });
    await panel.getByText('COMPLETED', { exact: true }).waitFor({ timeout: 60_000 });
    const ref = ((await panel.getByTestId('statement-ref').textContent()) ?? '').trim();
    // the engine tries S3, cannot reach it, and keeps the upload queued (never lost, never failed for good)
    await engine.call('uploads:drain', {}).catch(() => undefined);
    const rec = await engine.call('history:get', { ref });
    assert.notEqual(rec.uploadStatus, 'UPLOADED');
    await panel.getByTestId('upload-status').getByText('Queued for upload to S3').waitFor();
    engine.emit('online:changed', { online: false });
    await page.getByTestId('online-badge').getByText('Offline').waitFor();
    const badge = page.getByTestId('queue-badge');
    await badge.getByText(/^1 waiting to upload \(offline\)$/).waitFor();
    await h.screenshot('offline-generated');
    await badge.click();
    await page.locator('main[data-screen="uploads"]').waitFor();
    await page.getByText('Working offline').waitFor();
    await page.getByRole('grid', { name: 'Upload queue' }).getByText(ref, { exact: true }).waitFor();
    assert.equal(await page.getByTestId('uploads-pending').textContent(), '1');
    await h.screenshot('offline-uploads');
    // back online: the badge says so
    engine.emit('online:changed', { online: true });
    await page.getByTestId('online-badge').getByText('Online').waitFor();
    await goTo(page, 'history');
    await page.getByRole('grid', { name: 'Statement history' }).getByText(ref).waitFor();
  });
});
