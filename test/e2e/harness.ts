/**
 * The end-to-end harness: the built renderer in Debian's Chromium, driven by playwright-core,
 * against the real engine through the browser bridge, on a fresh temporary data folder.
 * It builds nothing: `npm run test:e2e` runs after `npm run build` (in `npm test`).
 *
 *   const h = await openApp();            // bridge + Chromium + page at the app
 *   await h.ready();                      // the shell shows app:info: the engine answered
 *   await h.page.getByRole('button', { name: 'History' }).click();
 *   await h.engine.call('app:info', {});  // the same engine the page talks to
 *   await h.screenshot('history');        // test-results/screenshots/history.png
 *   await h.close();                      // always (use t.after / finally)
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBridge } from '../../electron/bridge/server';
import { defaultRendererDir } from '../../electron/bridge/static-files';
import type { Engine } from '../../electron/engine';
import { createEngine, nodePlatform } from '../../electron/engine';

export const CHROMIUM_PATH = process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const SCREENSHOT_DIR = resolve(__dirname, '..', '..', 'test-results', 'screenshots');

export interface AppHarness {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  engine: Engine;
  dataDir: string;
  /** the page's URL, token included */
  url: string;
  token: string;
  /** saves test-results/screenshots/<name>.png and returns its path */
  screenshot(name: string): Promise<string>;
  /** errors the page logged (console.error, uncaught): tests may assert there are none */
  pageErrors: string[];
  /** resolves once the shell has shown the engine's app:info (the page is connected) */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** use this data folder (kept); default: a fresh temporary folder, removed on close */
  dataDir?: string;
  /** prepare the engine (load demo data, …) before the page opens */
  before?(engine: Engine): Promise<void>;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** the path part after the URL, e.g. '#/history' */
  hash?: string;
  env?: Record<string, string | undefined>;
}

export async function openApp(opts: OpenOptions = {}): Promise<AppHarness> {
  const rendererDir = defaultRendererDir();
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}): run \`npm run build\` before the e2e tests`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium was not found at ${CHROMIUM_PATH} (apt-get install chromium)`);
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'folio-e2e-'));
  const engine = createEngine(
    nodePlatform({
      dataDir,
      kind: 'browser-bridge',
      policyFiles: [],
      env: { FOLIO_USER: 'e2e-tester', ...opts.env },
    }),
  );
  let browser: Browser | null = null;
  const bridge = await startBridge({ dataDir, engine, rendererDir });
  try {
    if (opts.before) await opts.before(engine);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1280, height: 800 },
      colorScheme: opts.colorScheme ?? 'light',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
    await page.goto(bridge.url + (opts.hash ?? ''));
    const b = browser;
    let closed = false;
    return {
      page,
      context,
      browser: b,
      engine,
      dataDir,
      url: bridge.url,
      token: bridge.token,
      pageErrors,
      async ready() {
        await page.getByTestId('data-dir').waitFor();
      },
      async screenshot(name) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        const file = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
        await page.screenshot({ path: file, fullPage: false });
        return file;
      },
      async close() {
        if (closed) return;
        closed = true;
        await b.close().catch(() => undefined);
        await bridge.close();
        await engine.close();
        if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await bridge.close();
    await engine.close();
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}
