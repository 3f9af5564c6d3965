/**
 * The built main process (out/main/index.js), loaded in plain Node with a stand-in `electron`
 * module: runs everywhere, including machines without an Electron binary. Checks main's wiring:
 * one IPC handler per contract command, the window's settings and guards, the sender check, the
 * app:// scheme, and a command reaching the real engine through the host's MessagePort.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { COMMAND_NAMES, type Reply } from '../../shared/contract';
import { APP_ORIGIN, webPreferences } from '../../electron/main/security';
import { closeFakePorts, fakeElectron, type FakeElectron, type FakeWindow } from './fake-electron';

const MAIN = resolve(__dirname, '..', '..', 'out', 'main', 'index.js');
const built = existsSync(MAIN);

describe('built main process, with a stand-in electron module', { skip: built ? false : 'out/main/index.js is not built: run npm run build first' }, () => {
  let fake: FakeElectron;
  let win: FakeWindow;
  let dataDir: string;
  const prevDataDir = process.env.FOLIO_DATA_DIR;
  const load = (Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown })._load;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'folio-main-'));
    process.env.FOLIO_DATA_DIR = dataDir;
    fake = fakeElectron(dataDir);
    (Module as unknown as { _load: unknown })._load = function (req: string, ...rest: unknown[]) {
      if (req === 'electron') return fake.module;
      return load.call(this, req, ...rest);
    };
    createRequire(__filename)(MAIN);
    fake.ready();
    const end = Date.now() + 5000;
    while (fake.windows.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    win = fake.windows[0]!;
    assert.ok(win, 'main opened a window');
  });

  after(async () => {
    (Module as unknown as { _load: unknown })._load = load;
    await Promise.all(fake.hosts.map((h) => h.engine.close()));
    closeFakePorts();
    if (prevDataDir === undefined) delete process.env.FOLIO_DATA_DIR;
    else process.env.FOLIO_DATA_DIR = prevDataDir;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const event = (frameUrl: string, opts: { parent?: unknown; window?: FakeWindow | null } = {}) => ({
    sender: opts.window === null ? { owner: null } : (opts.window ?? win).webContents,
    senderFrame: { url: frameUrl, parent: opts.parent ?? null },
  });

  test('registers exactly one IPC handler per contract command', () => {
    assert.deepEqual([...fake.handlers.keys()].sort(), [...COMMAND_NAMES].sort());
  });

  test('the window is made with the secure settings and the built preload, on app://folio', () => {
    const prefs = win.options.webPreferences as Record<string, unknown>;
    assert.deepEqual(prefs, webPreferences(resolve(__dirname, '..', '..', 'out', 'preload', 'index.js')));
    assert.ok(existsSync(prefs.preload as string), 'the preload is built');
    assert.equal(win.url, `${APP_ORIGIN}/index.html`);
    assert.deepEqual(fake.schemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  test('a command from our window reaches the real engine in the host', async () => {
    const reply = (await fake.handlers.get('app:info')!(event(`${APP_ORIGIN}/index.html`) as never, {} as never)) as Reply;
    assert.equal(reply.ok, true);
    const info = (reply as { value: { dataDir: string; user: string; version: string } }).value;
    assert.equal(info.dataDir, dataDir);
    assert.equal(info.user, 'main-tester');
    assert.equal(info.version, '0.0.0-test');
  });

  test('errors come back as data; senders that are not ours are refused', async () => {
    const bad = (await fake.handlers.get('history:get')!(event(`${APP_ORIGIN}/index.html`) as never, { ref: '' } as never)) as Reply;
    assert.equal(!bad.ok && bad.error.field, 'ref');
    for (const e of [event('https://evil.example/'), event(`${APP_ORIGIN}/index.html`, { parent: {} }), event(`${APP_ORIGIN}/index.html`, { window: null })]) {
      const reply = (await fake.handlers.get('app:info')!(e as never, {} as never)) as Reply;
      assert.equal(reply.ok, false);
      assert.equal(!reply.ok && reply.error.code, 'UNTRUSTED_SENDER');
    }
  });

  test('navigation away and new windows are denied; permissions refused', () => {
    let prevented = 0;
    const ev = { preventDefault: () => prevented++ };
    win.webContents.emit('will-navigate', ev, 'https://evil.example/');
    win.webContents.emit('will-redirect', ev, 'file:///etc/passwd');
    win.webContents.emit('will-navigate', ev, `${APP_ORIGIN}/index.html#/history`);
    assert.equal(prevented, 2);
    assert.deepEqual(win.openHandler!({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.deepEqual(fake.opened, []);
    let granted: boolean | null = null;
    (fake.permissionRequest as unknown as (wc: unknown, p: string, cb: (ok: boolean) => void) => void)(null, 'media', (ok) => (granted = ok));
    assert.equal(granted, false);
    assert.equal((fake.permissionCheck as unknown as (wc: unknown, p: string) => boolean)(null, 'clipboard-read'), false);
  });

  test('single instance: a second launch focuses our window; without the lock main quits at once', async () => {
    const before = win.focused;
    fake.appEvents.emit('second-instance');
    assert.equal(win.focused, before + 1);

    const second = fakeElectron(dataDir, { lock: false });
    let quit = 0;
    second.appEvents.on('quit-called', () => quit++);
    const windowsBefore = fake.windows.length;
    const req = createRequire(__filename);
    delete req.cache[req.resolve(MAIN)];
    const first = fake;
    fake = second;
    try {
      req(MAIN);
      second.ready();
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      fake = first;
    }
    assert.equal(quit, 1);
    assert.equal(second.handlers.size, 0, 'no IPC handlers');
    assert.equal(first.windows.length, windowsBefore, 'no second window');
  });

  test('the app:// scheme serves the renderer with the CSP and nothing outside it', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    const page = await handler(new Request(`${APP_ORIGIN}/index.html`));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await page.text(), /<div id="root">/);
    // every built asset gets a real type (module workers such as pdf.js's .mjs need a JS MIME type)
    const assets = readdirSync(resolve(__dirname, '..', '..', 'out', 'renderer', 'assets'));
    assert.ok(assets.length > 0);
    for (const f of assets) {
      const res = await handler(new Request(`${APP_ORIGIN}/assets/${f}`));
      assert.equal(res.status, 200, f);
      assert.notEqual(res.headers.get('content-type'), 'application/octet-stream', f);
    }
    for (const url of [`${APP_ORIGIN}/../../package.json`, `${APP_ORIGIN}/%2e%2e/%2e%2e/package.json`, 'app://other/index.html']) {
      assert.equal((await handler(new Request(url))).status, 404, url);
    }
  });
});
