/**
 * The packaged shell, launched with Playwright's `_electron`: the window's security settings,
 * the preload's single `window.folio` API, navigation/new-window denial and `app:info` from the
 * engine running in the utilityProcess. Runs after `npm run build` (out/main/index.js).
 *
 * Where no Electron binary exists (this project's CI machines: `npm ci` runs with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1), every test is marked skipped with the reason. We never call
 * `require('electron')` to find out: it would try to download the binary.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { COMMAND_NAMES } from '../../shared/contract';

const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'out', 'main', 'index.js');

function findElectron(): { path: string } | { skip: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pkgDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkgDir, 'path.txt');
  let binary: string | null = null;
  if (override) {
    const name = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron';
    binary = join(override, name);
  } else if (existsSync(pathFile)) {
    binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  }
  if (!binary) return { skip: 'node_modules/electron/path.txt is missing: the binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1)' };
  if (!existsSync(binary)) return { skip: `the Electron binary ${binary} does not exist` };
  if (!existsSync(MAIN)) return { skip: `${MAIN} is not built: run npm run build first` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skip: 'no display (DISPLAY unset): run under xvfb-run to include these tests' };
  }
  return { path: binary };
}

const found = findElectron();
const skip = 'skip' in found ? found.skip : false;
if (skip) process.stdout.write(`SKIPPED: no Electron binary on this machine (${skip})\n`);

describe('Electron shell (Playwright _electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  before(async () => {
    if (skip) return;
    dataDir = mkdtempSync(join(tmpdir(), 'folio-electron-'));
    app = await _electron.launch({
      executablePath: (found as { path: string }).path,
      args: [MAIN],
      env: { ...process.env, FOLIO_DATA_DIR: dataDir, FOLIO_E2E: '1', FOLIO_USER: 'electron-tester' } as Record<string, string>,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });
  after(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the window is isolated and sandboxed, with no Node in the page', { skip }, async () => {
    const prefs = await app.evaluate(() => (globalThis as { folioDiagnostics?: { webPreferences: Record<string, unknown> } }).folioDiagnostics?.webPreferences);
    assert.ok(prefs, 'main exposes its window settings when FOLIO_E2E=1');
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.webSecurity, true);
    const page_ = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      url: (globalThis as unknown as { location: { href: string } }).location.href,
    }));
    assert.equal(page_.require, 'undefined');
    assert.equal(page_.process, 'undefined');
    assert.match(page_.url, /^app:\/\/folio\//);
  });

  test('the preload exposes one API object generated from the contract', { skip }, async () => {
    const shape = await page.evaluate(() => {
      const f = (globalThis as unknown as { folio: Record<string, Record<string, unknown>> }).folio;
      return Object.entries(f).flatMap(([d, v]) => (typeof v === 'object' ? Object.keys(v).map((k) => `${d}:${k}`) : []));
    });
    assert.deepEqual(shape.sort(), [...COMMAND_NAMES].sort());
  });

  test('app:info comes from the engine in the utilityProcess and is shown', { skip }, async () => {
    const reply = await page.evaluate(() => (globalThis as unknown as { folio: { app: { info(): Promise<{ ok: boolean; value: { dataDir: string; version: string } }> } } }).folio.app.info());
    assert.equal(reply.ok, true);
    assert.equal(reply.value.dataDir, dataDir);
    await page.getByTestId('data-dir').getByText(dataDir).waitFor();
  });

  test('a strict CSP is in force and new windows and navigation are denied', { skip }, async () => {
    type Doc = { querySelector(s: string): { getAttribute(n: string): string | null } | null };
    const csp = await page.evaluate(() =>
      (globalThis as unknown as { document: Doc }).document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    );
    assert.match(csp ?? '', /script-src 'self'(;|$)/);
    const opened = await page.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com') === null);
    assert.equal(opened, true);
    assert.equal(app.windows().length, 1);
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await new Promise((r) => setTimeout(r, 500));
    assert.match(page.url(), /^app:\/\/folio\//);
  });
});
