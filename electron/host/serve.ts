/**
 * The engine host's logic, independent of Electron: given a port and the init message, it creates
 * the engine with a platform whose secrets and notifications go through main, runs the commands
 * main forwards and pushes engine events back. `engine-host.ts` wires it to the utilityProcess's
 * parent port; tests wire it to a Node MessageChannel.
 */
import type { Engine, Platform } from '../engine';
import { createEngine, nodePlatform } from '../engine';
import { startEngine, type StartStep } from '../engine/start';
import type { SecretStore } from '../engine/platform';
import { FolioError } from '../../shared/errors';
import type { FromHost, HostInit, PortLike, SecretOp, ToHost } from './protocol';

export interface HostHandle {
  engine: Engine;
  /** resolves once the engine is closed (databases saved) */
  closed: Promise<void>;
  /** the engine's start: what opened, what failed */
  started: Promise<StartStep[]>;
}

export function serveEngine(port: PortLike, init: HostInit, make: (p: Platform) => Engine = createEngine): HostHandle {
  const send = (m: FromHost) => port.postMessage(m);
  let nextAsk = 1;
  const asks = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const ask = (op: SecretOp, name: string, value?: string): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextAsk++;
      asks.set(id, { resolve, reject });
      send(value === undefined ? { t: 'ask', id, op, name } : { t: 'ask', id, op, name, value });
    });

  const secrets: SecretStore = {
    kind: init.secretsKind,
    async get(name) {
      return (await ask('secrets.get', name)) as string | null;
    },
    async set(name, value) {
      await ask('secrets.set', name, value);
    },
    async delete(name) {
      await ask('secrets.delete', name);
    },
  };

  let online = init.online;
  const onlineListeners = new Set<(o: boolean) => void>();
  const platform: Platform = {
    ...nodePlatform({
      dataDir: init.dataDir,
      kind: 'electron',
      appVersion: init.appVersion,
      online: () => online,
      secrets,
      ...(init.env ? { env: init.env } : {}),
    }),
    onOnlineChange(cb) {
      onlineListeners.add(cb);
      return () => onlineListeners.delete(cb);
    },
    notify(title, body) {
      send({ t: 'notify', title, body });
    },
  };

  const engine = make(platform);
  engine.subscribe((name, payload) => send({ t: 'event', name, payload }));

  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));

  port.onMessage((raw) => {
    const msg = raw as ToHost;
    switch (msg.t) {
      case 'invoke':
        void engine.invoke(msg.name, msg.input).then((reply) => send({ t: 'result', id: msg.id, reply }));
        break;
      case 'answer': {
        const pending = asks.get(msg.id);
        asks.delete(msg.id);
        if (!pending) break;
        if (msg.ok) pending.resolve(msg.value);
        else pending.reject(FolioError.from(msg.error));
        break;
      }
      case 'online':
        if (online !== msg.online) {
          online = msg.online;
          onlineListeners.forEach((l) => l(online));
          engine.emit('online:changed', { online });
        }
        break;
      case 'close':
        void engine.close().then(() => {
          send({ t: 'closed' });
          resolveClosed();
        });
        break;
    }
  });
  send({ t: 'ready' });
  // databases, the ledger's reconciliation and the upload queue open now, not at the first command
  const started = startEngine(engine);
  return { engine, closed, started };
}
