/**
 * Main's side of the engine host: starts the utilityProcess (through a `spawn` function, so the
 * logic is testable without Electron), forwards commands over the MessagePort, answers the host's
 * secret requests, passes engine events on, and restarts the host when it crashes (telling the UI
 * with an `engine:state` event). Commands in flight when it crashes fail as data.
 */
import type { EventName, Reply } from '../../shared/contract';
import { FolioError, toErrorData } from '../../shared/errors';
import type { FromHost, HostInit, PortLike, SecretOp } from '../host/protocol';

export interface SpawnedHost {
  port: PortLike;
  /** called once when the process ends, with its exit code */
  onExit(cb: (code: number) => void): void;
  kill(): void;
}

export interface HostServices {
  secret(op: SecretOp, name: string, value?: string): Promise<unknown>;
  notify(title: string, body: string): void;
  online(): boolean;
  onEvent(name: EventName, payload: unknown): void;
}

export interface HostClientOptions {
  spawn(init: Omit<HostInit, 'online'>): SpawnedHost;
  init: Omit<HostInit, 'online'>;
  services: HostServices;
  /** restarts allowed within `crashWindowMs` before giving up */
  maxRestarts?: number;
  crashWindowMs?: number;
  restartDelayMs?: number;
  /** how long a closed host may take to exit by itself before it is killed */
  exitGraceMs?: number;
}

export class HostClient {
  private host: SpawnedHost | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Reply) => void>();
  private crashes: number[] = [];
  private stopping = false;
  private ready: Promise<void> = Promise.resolve();
  private closedWaiter: (() => void) | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly opts: HostClientOptions) {}

  start(): void {
    const host = this.opts.spawn(this.opts.init);
    this.host = host;
    let markReady!: () => void;
    this.ready = new Promise<void>((r) => (markReady = r));
    host.port.onMessage((raw) => this.onMessage(raw as FromHost, markReady));
    host.port.postMessage({ t: 'online', online: this.opts.services.online() });
    let markExited!: () => void;
    this.exited = new Promise<void>((r) => (markExited = r));
    host.onExit((code) => {
      markExited();
      this.onExit(host, code);
    });
  }

  invoke(name: string, input: unknown): Promise<Reply> {
    const host = this.host;
    if (!host) return Promise.resolve(this.failure('ENGINE_STOPPED', 'The engine is not running'));
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      this.pending.set(id, resolve);
      host.port.postMessage({ t: 'invoke', id, name, input });
    });
  }

  setOnline(online: boolean): void {
    this.host?.port.postMessage({ t: 'online', online });
  }

  /**
   * Asks the engine to save and close; the host then exits by itself. It is killed only if it has
   * not closed within `timeoutMs` or not exited within `exitGraceMs` (1 s) after closing.
   */
  async stop(timeoutMs = 5000): Promise<void> {
    this.stopping = true;
    const host = this.host;
    if (!host) return;
    const exited = this.exited;
    const closed = new Promise<void>((r) => (this.closedWaiter = r));
    const wait = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms));
    host.port.postMessage({ t: 'close' });
    const didClose = await Promise.race([closed.then(() => 'closed' as const), exited.then(() => 'exited' as const), wait(timeoutMs)]);
    const didExit = didClose === 'exited' || (await Promise.race([exited.then(() => 'exited' as const), wait(this.opts.exitGraceMs ?? 1000)])) === 'exited';
    if (!didExit) host.kill();
    this.host = null;
  }

  private onMessage(msg: FromHost, markReady: () => void): void {
    switch (msg.t) {
      case 'ready':
        markReady();
        break;
      case 'result': {
        const resolve = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        resolve?.(msg.reply);
        break;
      }
      case 'event':
        this.opts.services.onEvent(msg.name, msg.payload);
        break;
      case 'ask':
        this.opts.services.secret(msg.op, msg.name, msg.value).then(
          (value) => this.host?.port.postMessage({ t: 'answer', id: msg.id, ok: true, value: value ?? null }),
          (err: unknown) => this.host?.port.postMessage({ t: 'answer', id: msg.id, ok: false, error: toErrorData(err) }),
        );
        break;
      case 'notify':
        this.opts.services.notify(msg.title, msg.body);
        break;
      case 'closed':
        this.closedWaiter?.();
        break;
    }
  }

  private onExit(host: SpawnedHost, code: number): void {
    if (this.host !== host) return;
    this.host = null;
    for (const resolve of this.pending.values()) {
      resolve(this.failure('ENGINE_CRASHED', `The engine stopped (exit code ${code}) while running this command; it is being restarted. Please try again.`));
    }
    this.pending.clear();
    if (this.stopping) return;
    const now = Date.now();
    const window = this.opts.crashWindowMs ?? 60_000;
    this.crashes = [...this.crashes.filter((t) => now - t < window), now];
    if (this.crashes.length > (this.opts.maxRestarts ?? 3)) {
      this.opts.services.onEvent('engine:state', {
        state: 'failed',
        message: `The engine stopped ${this.crashes.length} times within a minute. Restart Folio; your saved work is on disk.`,
      });
      return;
    }
    this.opts.services.onEvent('engine:state', { state: 'restarting', message: `The engine stopped (exit code ${code}); restarting it.` });
    setTimeout(() => {
      if (this.stopping) return;
      this.start();
      void this.ready.then(() => this.opts.services.onEvent('engine:state', { state: 'ready', message: 'The engine was restarted.' }));
    }, this.opts.restartDelayMs ?? 300);
  }

  private failure(code: string, message: string): Reply {
    return { ok: false, error: new FolioError('internal', code, message).toData() };
  }
}
