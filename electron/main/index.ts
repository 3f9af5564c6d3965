/**
 * Electron main: thin. Lifecycle, the one window, the menu, the engine host (utilityProcess) and
 * the IPC forwarding. Everything heavy runs in the engine host; everything testable without
 * Electron lives in pure modules (security.ts, host-client.ts, ../host/serve.ts).
 */
import { app, BrowserWindow, dialog, Menu, MessageChannelMain, net, Notification, session, shell, utilityProcess } from 'electron';
import { join } from 'node:path';
import { defaultDataDir } from '../engine/platform';
import type { PortLike } from '../host/protocol';
import { addSecurityHeaders, handleAppScheme, registerAppScheme } from './app-protocol';
import { HostClient, type SpawnedHost } from './host-client';
import { pushEvent, registerCommandHandlers } from './ipc';
import { buildMenu } from './menu';
import { secretKeeper, secretsKind } from './secrets';
import {
  APP_ORIGIN,
  appOrigins,
  isAllowedExternal,
  isNavigationAllowed,
  permissionDecision,
  webPreferences,
  windowOpenDecision,
} from './security';
import { runShellCommand } from './shell-commands';
import { savedBounds, trackWindowState, windowStateStore } from './window-state';

const devUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
const origins = appOrigins(devUrl);
const windows: BrowserWindow[] = [];
let host: HostClient | null = null;

// one data folder for the app and the `folio` CLI ($FOLIO_DATA_DIR, else the OS's app-data/Folio)
app.setPath('userData', defaultDataDir(process.env));

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const win = windows[0];
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Folio could not start', (err as Error).stack ?? String(err));
      app.quit();
    });
}

function spawnHost(init: Parameters<ConstructorParameters<typeof HostClient>[0]['spawn']>[0]): SpawnedHost {
  const child = utilityProcess.fork(join(__dirname, '../host/engine-host.js'), [], { serviceName: 'Folio engine', stdio: 'inherit' });
  const { port1, port2 } = new MessageChannelMain();
  child.postMessage({ ...init, online: net.isOnline() }, [port2]);
  const port: PortLike = {
    postMessage: (m) => port1.postMessage(m),
    onMessage: (cb) => port1.on('message', (e) => cb(e.data)),
  };
  port1.start();
  return {
    port,
    onExit: (cb) => child.once('exit', cb),
    kill: () => child.kill(),
  };
}

function start(): void {
  handleAppScheme(join(__dirname, '../renderer'));
  addSecurityHeaders(devUrl !== null);
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => cb(permissionDecision(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  Menu.setApplicationMenu(buildMenu());

  const userData = app.getPath('userData');
  host = new HostClient({
    spawn: spawnHost,
    init: { t: 'init', dataDir: userData, appVersion: app.getVersion(), secretsKind: secretsKind() },
    services: {
      secret: secretKeeper(userData),
      online: () => net.isOnline(),
      notify: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
      onEvent: (name, payload) => pushEvent(windows, name, payload),
    },
  });
  host.start();
  // the OS's network view: polled cheaply (Electron has no online event in main)
  let online = net.isOnline();
  setInterval(() => {
    const now = net.isOnline();
    if (now !== online) host?.setOnline((online = now));
  }, 3000).unref();

  registerCommandHandlers({
    origins,
    isOurWindow: (win) => win !== null && windows.includes(win),
    engine: (name, input) => host!.invoke(name, input),
    shell: (name, input, win) => runShellCommand(name, input, win, (n, i) => host!.invoke(n, i)),
  });
  createWindow();
  app.on('activate', () => {
    if (windows.length === 0) createWindow();
  });
}

function createWindow(): void {
  const store = windowStateStore();
  const { bounds, maximized } = savedBounds(store);
  const prefs = webPreferences(join(__dirname, '../preload/index.js'));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Folio',
    backgroundColor: '#f6f7f9',
    webPreferences: prefs,
  });
  // the Electron test suite reads the settings the window was made with (Electron has no getter)
  if (process.env.FOLIO_E2E === '1') (globalThis as { folioDiagnostics?: unknown }).folioDiagnostics = { webPreferences: prefs };
  windows.push(win);
  trackWindowState(win, store);
  win.on('closed', () => windows.splice(windows.indexOf(win), 1));
  win.once('ready-to-show', () => {
    if (maximized) win.maximize();
    win.show();
  });
  const guard = (e: Electron.Event, url: string) => {
    if (isNavigationAllowed(url, origins)) return;
    e.preventDefault();
    if (isAllowedExternal(url)) void shell.openExternal(url);
  };
  win.webContents.on('will-navigate', guard);
  win.webContents.on('will-redirect', guard);
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return windowOpenDecision();
  });
  void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

let quitting = false;
app.on('before-quit', (e) => {
  if (quitting || !host) return;
  e.preventDefault();
  quitting = true;
  void host.stop().finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
