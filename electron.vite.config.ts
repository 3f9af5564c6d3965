/**
 * One build for every process of the app (electron-vite: one config, three Vite builds).
 *
 * - main    → out/main/index.js        the Electron main process (thin: window, menu, IPC forwarding)
 *             out/host/engine-host.js  the engine's utilityProcess entry
 *             out/cli/index.js         the `folio` command (bin/folio.js in a packaged app)
 *             out/engine/render/worker*.js  render worker-thread entries, picked up by glob
 *   All of these run on Node inside Electron (or plain Node for the CLI); dependencies stay
 *   external (node_modules ships with the app), shared code goes to out/chunks/.
 * - preload → out/preload/index.js     sandboxed: one self-contained CJS file (zod bundled in)
 * - renderer → out/renderer/           React; also served as-is by the browser bridge
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/main/security';

const root = __dirname;

/** Render worker entries added by the rendering engine (`electron/engine/render/worker*.ts`). */
function renderWorkerEntries(): Record<string, string> {
  const dir = resolve(root, 'electron/engine/render');
  if (!existsSync(dir)) return {};
  const entries: Record<string, string> = {};
  for (const f of readdirSync(dir)) {
    if (/^worker[\w-]*\.ts$/.test(f) && !f.endsWith('.test.ts')) {
      entries[`engine/render/${f.replace(/\.ts$/, '')}`] = resolve(dir, f);
    }
  }
  return entries;
}

/** Puts the CSP meta tag into index.html: the strict policy in builds, a dev policy for Vite's HMR. */
function cspMeta(): Plugin {
  let dev = false;
  return {
    name: 'folio-csp-meta',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const tag = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ dev, meta: true })}" />`;
      return html.replace('<!--folio:csp-->', tag);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out'),
      emptyOutDir: true,
      // electron-store is ESM-only: bundle it into the CJS main rather than require() it at run time
      externalizeDeps: { exclude: ['electron-store'] },
      rolldownOptions: {
        input: {
          'main/index': resolve(root, 'electron/main/index.ts'),
          'host/engine-host': resolve(root, 'electron/host/engine-host.ts'),
          'cli/index': resolve(root, 'electron/cli/index.ts'),
          ...renderWorkerEntries(),
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // sandboxed preloads can only require('electron'): bundle everything else in
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
