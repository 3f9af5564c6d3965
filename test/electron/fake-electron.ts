/**
 * A stand-in for the `electron` module, enough to load the *built* main process in plain Node and
 * watch what it does: which IPC handlers it registers, how it makes its window, which guards it
 * installs. The engine host is "forked" in-process: its MessagePort is a Node MessageChannel and
 * the host's real `serveEngine` runs on the other end, so commands reach a real engine.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { HostInit } from '../../electron/host/protocol';
import { serveEngine, type HostHandle } from '../../electron/host/serve';

type Fn = (...args: never[]) => unknown;

const openPorts = new Set<MessagePort>();

/** Closes every port the stand-in made (an open Node MessagePort keeps the process alive). */
export function closeFakePorts(): void {
  for (const p of openPorts) p.close();
  openPorts.clear();
}

class PortMain extends EventEmitter {
  constructor(readonly node: MessagePort) {
    super();
    openPorts.add(node);
    node.on('message', (data: unknown) => this.emit('message', { data, ports: [] }));
  }
  postMessage(m: unknown) {
    this.node.postMessage(m);
  }
  start() {}
  close() {
    this.node.close();
  }
}

export interface FakeElectron {
  module: Record<string, unknown>;
  handlers: Map<string, Fn>;
  windows: FakeWindow[];
  hosts: HostHandle[];
  schemes: unknown[];
  protocolHandlers: Map<string, (req: Request) => Promise<Response>>;
  permissionRequest: Fn | null;
  permissionCheck: Fn | null;
  opened: string[];
  appEvents: EventEmitter;
  ready(): void;
}

export class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  url: string | null = null;
  openHandler: ((d: { url: string }) => unknown) | null = null;
  readonly webContents: EventEmitter & Record<string, unknown>;
  constructor(readonly options: Record<string, unknown>) {
    super();
    const wc = new EventEmitter() as EventEmitter & Record<string, unknown>;
    wc.setWindowOpenHandler = (fn: (d: { url: string }) => unknown) => (this.openHandler = fn);
    wc.sent = [] as unknown[];
    wc.send = (...args: unknown[]) => (wc.sent as unknown[]).push(args);
    wc.owner = this;
    this.webContents = wc;
    FakeWindow.all.push(this);
  }
  loadURL(url: string) {
    this.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getBounds() {
    return { x: 0, y: 0, width: 1280, height: 820 };
  }
  getNormalBounds() {
    return this.getBounds();
  }
  show() {}
  focused = 0;
  focus() {
    this.focused++;
  }
  restore() {}
  maximize() {}
  static fromWebContents(wc: { owner?: FakeWindow }) {
    return wc.owner ?? null;
  }
  static getAllWindows() {
    return FakeWindow.all;
  }
}

export function fakeElectron(userData: string, opts: { lock?: boolean } = {}): FakeElectron {
  const handlers = new Map<string, Fn>();
  const hosts: HostHandle[] = [];
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
  const opened: string[] = [];
  const appEvents = new EventEmitter();
  let markReady!: () => void;
  const whenReady = new Promise<void>((r) => (markReady = r));
  const state: FakeElectron = {
    module: {},
    handlers,
    windows: FakeWindow.all,
    hosts,
    schemes,
    protocolHandlers,
    permissionRequest: null,
    permissionCheck: null,
    opened,
    appEvents,
    ready: () => markReady(),
  };
  const paths = new Map<string, string>([['userData', userData]]);
  state.module = {
    app: Object.assign(appEvents, {
      isPackaged: false,
      setPath: (k: string, v: string) => paths.set(k, v),
      getPath: (k: string) => paths.get(k) ?? userData,
      getVersion: () => '0.0.0-test',
      getName: () => 'Folio',
      requestSingleInstanceLock: () => opts.lock ?? true,
      whenReady: () => whenReady,
      quit: () => appEvents.emit('quit-called'),
    }),
    BrowserWindow: FakeWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => undefined },
    MessageChannelMain: class {
      port1: PortMain;
      port2: PortMain;
      constructor() {
        const { port1, port2 } = new MessageChannel();
        this.port1 = new PortMain(port1);
        this.port2 = new PortMain(port2);
      }
    },
    utilityProcess: {
      fork: () => {
        const child = new EventEmitter() as EventEmitter & Record<string, unknown>;
        child.postMessage = (init: HostInit, ports: PortMain[]) => {
          const port = ports[0]!.node;
          hosts.push(serveEngine({ postMessage: (m) => port.postMessage(m), onMessage: (cb) => port.on('message', cb) }, { ...init, env: { FOLIO_USER: 'main-tester' } }));
        };
        child.kill = () => child.emit('exit', 0);
        return child;
      },
    },
    net: {
      isOnline: () => true,
      fetch: async (url: string) => {
        try {
          return new Response(await readFile(fileURLToPath(url)));
        } catch {
          return new Response('missing', { status: 404 });
        }
      },
    },
    Notification: Object.assign(class {}, { isSupported: () => false }),
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => undefined },
        setPermissionRequestHandler: (fn: Fn) => (state.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => (state.permissionCheck = fn),
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list),
      handle: (scheme: string, fn: (req: Request) => Promise<Response>) => protocolHandlers.set(scheme, fn),
    },
    ipcMain: {
      handle: (name: string, fn: Fn) => handlers.set(name, fn),
      on: () => undefined, // electron-store listens for its renderer helper
      removeHandler: (name: string) => handlers.delete(name),
    },
    shell: { openExternal: async (url: string) => void opened.push(url), showItemInFolder: () => undefined },
    dialog: { showErrorBox: (title: string, body: string) => appEvents.emit('error-box', title, body) },
    safeStorage: { isEncryptionAvailable: () => false },
    screen: { getAllDisplays: () => [] },
  };
  return state;
}
