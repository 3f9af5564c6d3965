/**
 * The shell in Chromium against the real engine: every screen of the navigation opens, the
 * engine's `app:info` is shown (version, data folder), keyboard shortcuts move between screens,
 * and a screenshot of each screen is kept in test-results/screenshots/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AppInfo } from '../../shared/contract';
import { openApp, type AppHarness } from './harness';

/**
 * The screens listed in renderer/src/screens/index.ts (read as text: importing the renderer's
 * modules in Node would run browser code). Each entry is `{ id: '…', label: '…', shortcut: '…' }`.
 */
function listedScreens(): Array<{ id: string; label: string; shortcut: string }> {
  const src = readFileSync(resolve(__dirname, '../../renderer/src/screens/index.ts'), 'utf8');
  const re = /\{\s*id:\s*'([\w-]+)',\s*label:\s*'([^']+)',\s*shortcut:\s*'(\w)'/g;
  return [...src.matchAll(re)].map((m) => ({ id: m[1]!, label: m[2]!, shortcut: m[3]! }));
}
const SCREENS = listedScreens();

describe('shell (Chromium, real engine through the browser bridge)', () => {
  let h: AppHarness;
  let info: AppInfo;

  before(async () => {
    h = await openApp();
    await h.ready();
    info = await h.engine.call('app:info', {});
  });
  after(async () => {
    await h?.close();
  });

  test('shows app:info from the real engine: version and data folder', async () => {
    const footer = h.page.getByTestId('app-info');
    await footer.getByText(`Folio ${info.version}`).waitFor();
    assert.equal(await h.page.getByTestId('data-dir').textContent(), h.dataDir);
    assert.equal(info.dataDir, h.dataDir);
    const user = await h.page.getByTestId('user-badge').textContent();
    assert.match(user ?? '', new RegExp(`^${info.user} · ${info.role}$`));
  });

  test('navigates every screen and takes a screenshot of each', async () => {
    assert.ok(SCREENS.length >= 6, `expected the screens of renderer/src/screens/index.ts, found ${SCREENS.length}`);
    const nav = h.page.getByRole('navigation', { name: 'Screens' });
    assert.equal(await nav.getByRole('button').count(), SCREENS.length);
    for (const screen of SCREENS) {
      await nav.locator(`button[data-screen="${screen.id}"]`).click();
      await h.page.locator(`main[data-screen="${screen.id}"]`).waitFor();
      assert.equal(await nav.locator('[aria-current="page"]').getAttribute('data-screen'), screen.id);
      assert.equal(await h.page.getByTestId('screen-title').textContent(), screen.label);
      assert.equal(new URL(h.page.url()).hash, `#/${screen.id}`);
      const file = await h.screenshot(`shell-${screen.id}`);
      assert.ok(file.endsWith(`shell-${screen.id}.png`));
    }
  });

  test('Ctrl+digit moves between screens', async () => {
    const target = SCREENS[1]!;
    await h.page.keyboard.press(`Control+${target.shortcut}`);
    await h.page.locator(`main[data-screen="${target.id}"]`).waitFor();
  });

  test('an engine error comes back as data through the bridge', async () => {
    // a real round trip through the bridge: an unknown ref is a not_found error with its code
    const reply = await h.page.evaluate(async (token) => {
      const res = await fetch('/api/invoke/history:get', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-folio-token': token },
        body: JSON.stringify({ ref: '' }),
      });
      return (await res.json()) as { ok: boolean; error?: { type: string; field?: string } };
    }, h.token);
    assert.equal(reply.ok, false);
    assert.equal(reply.error?.type, 'validation');
    assert.equal(reply.error?.field, 'ref');
  });

  test('an engine error nobody handled is shown in the engine-error view, and can be dismissed', async () => {
    // a real engine error (as data) from a real command, left unhandled by page code
    await h.page.evaluate(async (token) => {
      const res = await fetch('/api/invoke/history:get', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-folio-token': token },
        body: JSON.stringify({ ref: 'CS-NOPE-000' }),
      });
      const reply = (await res.json()) as { ok: boolean; error?: unknown };
      if (!reply.ok) void Promise.reject(reply.error);
    }, h.token);
    const view = h.page.locator('.engine-error[role="alert"]');
    await view.waitFor();
    const code = await view.getAttribute('data-code');
    assert.ok(code && code.length > 0, 'the view shows the error code');
    assert.match((await view.textContent()) ?? '', new RegExp(code!));
    await h.screenshot('shell-engine-error');
    await view.getByRole('button', { name: 'Dismiss error' }).click();
    await view.waitFor({ state: 'detached' });
  });

  test('engine events reach the page: offline badge and engine restarts', async () => {
    const badge = h.page.getByTestId('online-badge');
    assert.equal((await badge.textContent())?.trim(), 'Online');
    h.engine.emit('online:changed', { online: false });
    await h.page.getByTestId('online-badge').getByText('Offline').waitFor();
    h.engine.emit('online:changed', { online: true });
    await h.page.getByTestId('online-badge').getByText('Online').waitFor();

    h.engine.emit('engine:state', { state: 'restarting', message: 'The engine stopped (exit code 1); restarting it.' });
    const state = h.page.getByTestId('engine-state');
    await state.getByText('Engine restarting…').waitFor();
    assert.equal(await state.getAttribute('title'), 'The engine stopped (exit code 1); restarting it.');
    await h.screenshot('shell-engine-restarting');
    h.engine.emit('engine:state', { state: 'ready', message: 'The engine was restarted.' });
    await state.waitFor({ state: 'detached' });
  });

  test('follows the OS colour scheme (light and dark)', async () => {
    const bg = () => h.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await h.page.emulateMedia({ colorScheme: 'light' });
    const light = await bg();
    await h.page.emulateMedia({ colorScheme: 'dark' });
    const dark = await bg();
    await h.screenshot('shell-dark');
    await h.page.emulateMedia({ colorScheme: 'light' });
    assert.notEqual(light, dark);
    const luminance = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
    assert.ok(luminance(dark) < luminance(light), `dark ${dark} should be darker than light ${light}`);
  });

  test('the page logged no errors and the CSP held', async () => {
    assert.deepEqual(h.pageErrors, []);
  });
});
