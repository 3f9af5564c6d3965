/**
 * The engine host protocol without Electron: main's HostClient and the host's serveEngine talk over
 * a Node MessageChannel exactly as they do over Electron's MessagePort between main and the
 * utilityProcess. Covers the command round trip, errors as data, events, secrets asked of main,
 * online changes, and a crash of the host (in-flight command fails as data, restart, UI told).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { AppInfo, EventName } from '../../shared/contract';
import { tempDir } from '../../test/helpers/engine';
import { HostClient, type SpawnedHost } from '../main/host-client';
import type { HostInit, PortLike } from './protocol';
import { serveEngine, type HostHandle } from './serve';

const wrap = (p: MessagePort): PortLike => ({ postMessage: (m) => p.postMessage(m), onMessage: (cb) => p.on('message', cb) });

interface Rig {
  client: HostClient;
  events: Array<{ name: EventName; payload: unknown }>;
  secrets: Map<string, string>;
  hosts: HostHandle[];
  crash(code: number): void;
  notes: string[];
}

function rig(dataDir: string): Rig {
  const events: Rig['events'] = [];
  const secrets = new Map<string, string>();
  const hosts: HostHandle[] = [];
  const notes: string[] = [];
  let exit: ((code: number) => void) | null = null;
  let live: { a: MessagePort; b: MessagePort } | null = null;
  const spawn = (init: Omit<HostInit, 'online'>): SpawnedHost => {
    const { port1, port2 } = new MessageChannel();
    live = { a: port1, b: port2 };
    hosts.push(serveEngine(wrap(port2), { ...init, online: true, env: { FOLIO_USER: 'host-tester' } }));
    return {
      port: wrap(port1),
      onExit: (cb) => (exit = cb),
      kill: () => {
        port1.close();
        port2.close();
      },
    };
  };
  const client = new HostClient({
    spawn,
    init: { t: 'init', dataDir, appVersion: '9.9.9', secretsKind: 'memory' },
    restartDelayMs: 10,
    services: {
      async secret(op, name, value) {
        if (op === 'secrets.get') return secrets.get(name) ?? null;
        if (op === 'secrets.set') secrets.set(name, value!);
        else secrets.delete(name);
        return null;
      },
      notify: (title, body) => notes.push(`${title}: ${body}`),
      online: () => true,
      onEvent: (name, payload) => events.push({ name, payload }),
    },
  });
  return {
    client,
    events,
    secrets,
    hosts,
    notes,
    crash(code) {
      // the process died: its port goes silent, then the exit event arrives
      live?.a.close();
      live?.b.close();
      exit?.(code);
    },
  };
}

const waitFor = async (cond: () => boolean, what: string) => {
  const end = Date.now() + 5000;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('engine host protocol', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('commands, errors as data, events, secrets and notifications cross the port', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const r = rig(dataDir);
    r.client.start();
    const info = await r.client.invoke('app:info', {});
    assert.equal(info.ok, true);
    const value = (info as { value: AppInfo }).value;
    assert.equal(value.dataDir, dataDir);
    assert.equal(value.version, '9.9.9');
    assert.equal(value.user, 'host-tester');

    const bad = await r.client.invoke('history:get', { ref: '' });
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.field, 'ref');

    const { engine } = r.hosts[0]!;
    assert.equal(engine.platform.kind, 'electron');
    // the host opened its databases, the ledger and the upload queue at start, with no command asking
    const started = await r.hosts[0]!.started;
    assert.deepEqual(
      started.map((s) => [s.step, s.error?.code ?? null]),
      [
        ['settings', null],
        ['cache', null],
        ['ledger', null],
        ['uploads', null],
      ],
    );
    await engine.platform.secrets.set('s3.secret', 'hunter2');
    assert.equal(r.secrets.get('s3.secret'), 'hunter2');
    assert.equal(await engine.platform.secrets.get('s3.secret'), 'hunter2');
    await engine.platform.secrets.delete('s3.secret');
    assert.equal(await engine.platform.secrets.get('s3.secret'), null);

    engine.emit('uploads:changed', { pending: 1, failed: 0, uploaded: 2 });
    await waitFor(() => r.events.some((e) => e.name === 'uploads:changed'), 'the event');
    assert.deepEqual(r.events.find((e) => e.name === 'uploads:changed')!.payload, { pending: 1, failed: 0, uploaded: 2 });

    engine.platform.notify?.('Batch done', '10 statements');
    await waitFor(() => r.notes.length === 1, 'the notification');
    assert.equal(r.notes[0], 'Batch done: 10 statements');

    r.client.setOnline(false);
    await waitFor(() => r.events.some((e) => e.name === 'online:changed'), 'online change');
    assert.equal(engine.platform.isOnline(), false);

    await r.client.stop(3000);
    await r.hosts[0]!.closed;
  });

  test('a crash fails the command in flight as data, restarts the host and tells the UI', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const r = rig(dataDir);
    r.client.start();
    assert.equal((await r.client.invoke('app:info', {})).ok, true);
    // a command that never answers before the crash
    const inFlight = r.client.invoke('app:info', {});
    r.crash(139);
    const reply = await inFlight;
    assert.equal(reply.ok, false);
    assert.equal(!reply.ok && reply.error.code, 'ENGINE_CRASHED');
    assert.deepEqual(r.events.find((e) => e.name === 'engine:state')?.payload, {
      state: 'restarting',
      message: 'The engine stopped (exit code 139); restarting it.',
    });
    await waitFor(() => r.events.some((e) => e.name === 'engine:state' && (e.payload as { state: string }).state === 'ready'), 'ready');
    assert.equal(r.hosts.length, 2);
    const after = await r.client.invoke('app:info', {});
    assert.equal(after.ok, true);
    await r.client.stop(3000);
    await Promise.all(r.hosts.map((h) => h.engine.close()));
  });

  test('repeated crashes give up and say so', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const r = rig(dataDir);
    r.client.start();
    for (let i = 0; i < 4; i++) {
      await r.client.invoke('app:info', {});
      r.crash(1);
      if (i < 3) await waitFor(() => r.hosts.length === i + 2, `restart ${i + 1}`);
    }
    const last = r.events.filter((e) => e.name === 'engine:state').at(-1)!.payload as { state: string };
    assert.equal(last.state, 'failed');
    const reply = await r.client.invoke('app:info', {});
    assert.equal(!reply.ok && reply.error.code, 'ENGINE_STOPPED');
    await Promise.all(r.hosts.map((h) => h.engine.close()));
  });
});
