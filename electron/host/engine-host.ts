/**
 * The utilityProcess entry that runs the engine, off the main process and off the UI thread.
 * Main forks this file, then sends `init` on the parent port with a MessagePort transferred: all
 * further traffic goes over that port (see `protocol.ts`, logic in `serve.ts`).
 */
import type { HostInit, PortLike } from './protocol';
import { serveEngine } from './serve';

interface PortMain {
  on(event: 'message', cb: (e: { data: unknown; ports: PortMain[] }) => void): void;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}
interface ParentPort {
  once(event: 'message', cb: (e: { data: unknown; ports: PortMain[] }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) {
  process.stderr.write('engine-host: this file runs inside an Electron utilityProcess\n');
  process.exit(2);
}

parentPort.once('message', (e) => {
  const init = e.data as HostInit;
  const port = e.ports[0];
  if (!port || init?.t !== 'init') {
    process.stderr.write('engine-host: expected an init message with a MessagePort\n');
    process.exit(2);
  }
  const portLike: PortLike = {
    postMessage: (m) => port.postMessage(m),
    onMessage: (cb) => port.on('message', (ev) => cb(ev.data)),
  };
  const { closed } = serveEngine(portLike, init);
  port.start();
  void closed.then(() => {
    port.close();
    process.exit(0);
  });
});
