/**
 * `npm run start:browser`: the app in your browser, on the real engine, on this machine only.
 * Data folder: $FOLIO_DATA_DIR, else `.folio-dev/` in the checkout. Stop with Ctrl+C.
 */
import { resolve } from 'node:path';
import { startBridge } from './server';

async function main(): Promise<void> {
  const dataDir = resolve(process.env.FOLIO_DATA_DIR ?? resolve(__dirname, '..', '..', '.folio-dev'));
  const port = process.env.FOLIO_BRIDGE_PORT ? Number(process.env.FOLIO_BRIDGE_PORT) : 0;
  const bridge = await startBridge({ dataDir, port });
  process.stdout.write(`Folio (browser bridge) on the real engine\n  data folder: ${dataDir}\n  open: ${bridge.url}\n(Ctrl+C to stop)\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void bridge.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`folio bridge: ${(err as Error).message}\n`);
  process.exit(1);
});
