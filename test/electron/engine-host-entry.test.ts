/**
 * The built engine-host entry (out/host/engine-host.js) run for real, in a worker thread standing
 * in for Electron's utilityProcess: the worker gets a `process.parentPort` that delivers the init
 * message with a MessagePort, exactly as main does. Main's real HostClient drives it: a command
 * round trip, a clean stop that saves and closes the engine, and a real crash (the thread is
 * terminated) followed by a restart.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { EventName, Reply } from '../../shared/contract';
import { HostClient, type SpawnedHost } from '../../electron/main/host-client';
import type { HostInit } from '../../electron/host/protocol';

const ENTRY = resolve(__dirname, '..', '..', 'out', 'host', 'engine-host.js');

// runs inside the worker: a parentPort like Electron's, then the built entry
const BOOT = `
const { parentPort: wp, workerData } = require('node:worker_threads');
const wrap = (p) => ({
  on: (ev, cb) => p.on('message', (data) => cb({ data, ports: [] })),
  postMessage: (m) => p.postMessage(m),
  start: () => p.start(),
  close: () => p.close(),
});
process.parentPort = {
  once: (ev, cb) => wp.once('message', (m) => cb({ data: m.init, ports: [wrap(m.port)] })),
};
process.env.FOLIO_USER = 'entry-tester';
require(workerData.entry);
`;

function spawnWorker(workers: Worker[]) {
  return (init: Omit<HostInit, 'online'>): SpawnedHost => {
    const worker = new Worker(BOOT, { eval: true, workerData: { entry: ENTRY } });
    workers.push(worker);
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ init: { ...init, online: true }, port: port2 }, [port2]);
    return {
      port: { postMessage: (m) => port1.postMessage(m), onMessage: (cb) => port1.on('message', cb) },
      onExit: (cb) =>
        worker.once('exit', (code) => {
          port1.close();
          cb(code);
        }),
      kill: () => void worker.terminate(),
    };
  };
}

describe('built engine host entry (worker thread as the utilityProcess)', { skip: existsSync(ENTRY) ? false : 'out/host/engine-host.js is not built: run npm run build first' }, () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('runs commands, stops cleanly, and is restarted after a crash', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'folio-host-'));
    dirs.push(dataDir);
    const workers: Worker[] = [];
    const events: Array<{ name: EventName; payload: unknown }> = [];
    const client = new HostClient({
      spawn: spawnWorker(workers),
      init: { t: 'init', dataDir, appVersion: '7.7.7', secretsKind: 'memory' },
      restartDelayMs: 10,
      exitGraceMs: 10_000,
      services: {
        secret: async () => null,
        notify: () => undefined,
        online: () => true,
        onEvent: (name, payload) => events.push({ name, payload }),
      },
    });
    client.start();
    const info = (await client.invoke('app:info', {})) as Reply<{ dataDir: string; version: string; user: string }>;
    assert.equal(info.ok, true, JSON.stringify(info));
    if (!info.ok) return;
    assert.equal(info.value.dataDir, dataDir);
    assert.equal(info.value.version, '7.7.7');
    assert.equal(info.value.user, 'entry-tester');

    // a real crash: the host's thread dies
    await workers[0]!.terminate();
    const end = Date.now() + 15_000;
    while (!events.some((e) => e.name === 'engine:state' && (e.payload as { state: string }).state === 'ready')) {
      assert.ok(Date.now() < end, `no restart: ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal((events.find((e) => e.name === 'engine:state')!.payload as { state: string }).state, 'restarting');
    assert.equal(workers.length, 2);
    const again = await client.invoke('app:info', {});
    assert.equal(again.ok, true);

    // a clean stop: the engine closes (databases saved) and the host ends by itself
    const exited = new Promise<number>((r) => workers[1]!.once('exit', r));
    await client.stop(10_000);
    assert.equal(await exited, 0);
    assert.ok(existsSync(join(dataDir, 'ledger.sqlite')), 'the ledger was saved on close');
  });
});
