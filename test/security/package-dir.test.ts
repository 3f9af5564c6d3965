/**
 * The real packaging pipeline, offline: electron-builder packs the built app (`--dir`, Linux x64)
 * around a stand-in Electron distribution (a file carrying Electron's fuse wire: no Electron binary
 * can be downloaded here), runs our afterPack hook, and we check what IT would ship: the asar's
 * contents, the unpacked WASM, the resources beside it, the fuses in the packaged binary; then the
 * packaged engine itself (the CLI from inside the asar, on plain Node) makes an encrypted statement
 * and hands it back decrypted. Needs `npm run build` first (skipped, saying so, without out/).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { before, describe, test } from 'node:test';
import { tempDir } from '../helpers/engine';
import { ROOT } from './scan';

const run = promisify(execFile);
const req = createRequire(join(ROOT, 'package.json'));
const NODE = join(ROOT, 'node_modules', '.bin', 'node');
const built = existsSync(join(ROOT, 'out', 'main', 'index.js'));
const SKIP = built ? false : 'SKIPPED: out/ is not built (run `npm run build` first; `npm test` does)';
if (SKIP) console.log(SKIP);

type Asar = { listPackage(a: string, o: { isPack: boolean }): string[]; extractAll(a: string, dest: string): void };

/** A stand-in for Electron's Linux zip: a binary with the fuse sentinel and Electron 45's default wire. */
function fakeElectronDist(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const E = 0x31;
  const D = 0x30;
  const wire = Buffer.from([1, 9, E, D, E, E, D, D, D, E, E]);
  const bin = Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in\n'), Buffer.alloc(2048, 0x90), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1'), wire, Buffer.alloc(2048, 0x90)]);
  writeFileSync(join(dir, 'electron'), bin, { mode: 0o755 });
  writeFileSync(join(dir, 'version'), '45.4.1');
  writeFileSync(join(dir, 'LICENSE'), 'MIT');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), 'pak');
}

describe('electron-builder --dir with the real config and hook', { skip: SKIP }, () => {
  let out: string;
  let app: string;
  let files: string[];
  const asar = req('@electron/asar') as Asar;

  before(async () => {
    const work = tempDir('folio-pack-');
    const dist = join(work, 'electron-dist');
    fakeElectronDist(dist);
    out = join(work, 'dist');
    const { build, Platform, Arch } = req('electron-builder') as typeof import('electron-builder');
    // electron-builder's progress goes to stdout, which the test runner reads as its channel: collect it
    const builderLog: string[] = [];
    const logger = (req('builder-util') as { log: { stream: { write(s: string): boolean } } }).log;
    const stream = logger.stream;
    const log = console.log;
    logger.stream = { write: (s) => builderLog.push(s) > 0 };
    console.log = (...a: unknown[]) => void builderLog.push(a.join(' ')); // the afterPack hook's line
    try {
      await build({ projectDir: ROOT, targets: Platform.LINUX.createTarget('dir', Arch.x64), config: { directories: { output: out }, electronDist: dist } });
    } finally {
      console.log = log;
      logger.stream = stream;
    }
    assert.ok(builderLog.some((l) => l.includes('Folio: fuses set in')), 'the afterPack hook ran');
    app = join(out, 'linux-unpacked');
    files = asar.listPackage(join(app, 'resources', 'app.asar'), { isPack: false });
  });

  test('the asar holds the built app and its runtime dependencies, nothing else', () => {
    for (const f of ['/package.json', '/out/main/index.js', '/out/host/engine-host.js', '/out/cli/index.js', '/out/preload/index.js', '/out/renderer/index.html', '/node_modules/sql.js/dist/sql-wasm.js', '/node_modules/pdf-lib/package.json', '/node_modules/zod/package.json']) {
      assert.ok(files.includes(f), `${f} is packaged`);
    }
    assert.ok(files.some((f) => /^\/out\/engine\/render\/worker[\w-]*\.js$/.test(f)), 'the render worker is packaged');
    assert.deepEqual(files.filter((f) => f.endsWith('.map')), [], 'no source maps');
    assert.deepEqual(files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts')), [], 'no TypeScript sources');
    assert.deepEqual(files.filter((f) => f.startsWith('/electron/') || f.startsWith('/test/') || f.startsWith('/resources/')), []);
    for (const m of ['typescript', 'electron', 'electron-builder', '@electron/fuses', 'tsx', 'fast-check', 'react', 'react-dom', 'ag-grid-community', 'zustand']) {
      assert.ok(!files.some((f) => f.startsWith(`/node_modules/${m}/`)), `${m} is not shipped in node_modules`);
    }
    assert.deepEqual(files.filter((f) => f.startsWith('/node_modules/sql.js/dist/')).sort(), ['/node_modules/sql.js/dist/sql-wasm.js', '/node_modules/sql.js/dist/sql-wasm.wasm']);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    assert.ok(files.includes(`/${pkg.main}`), 'the entry point is packaged');
  });

  test('the WASM is unpacked and the resources sit beside the asar', () => {
    assert.ok(existsSync(join(app, 'resources', 'app.asar.unpacked', 'node_modules', 'sql.js', 'dist', 'sql-wasm.wasm')));
    for (const d of ['migrations/cache', 'migrations/ledger', 'fonts', 'templates']) {
      assert.ok(existsSync(join(app, 'resources', 'resources', d)), `resources/${d}`);
    }
    assert.deepEqual(readdirSync(join(app, 'resources', 'resources', 'migrations', 'ledger')).sort(), readdirSync(join(ROOT, 'resources', 'migrations', 'ledger')).sort());
  });

  test('the packaged binary carries the fuses the afterPack hook set (read back)', async () => {
    const fuses = await import('@electron/fuses');
    const wire = await fuses.getCurrentFuseWire(join(app, 'folio'));
    const F = fuses.FuseV1Options;
    assert.equal(wire[F.RunAsNode], fuses.FuseState.DISABLE);
    assert.equal(wire[F.EnableCookieEncryption], fuses.FuseState.ENABLE);
    assert.equal(wire[F.EnableEmbeddedAsarIntegrityValidation], fuses.FuseState.ENABLE);
    assert.equal(wire[F.OnlyLoadAppFromAsar], fuses.FuseState.ENABLE);
    assert.equal(wire[F.EnableNodeOptionsEnvironmentVariable], fuses.FuseState.DISABLE);
    assert.equal(wire[F.EnableNodeCliInspectArguments], fuses.FuseState.DISABLE);
  });

  describe('the packaged engine works from the asar contents', () => {
    let root: string;
    const key = '0123456789abcdef'.repeat(4);
    const cli = (args: string[]) =>
      run(NODE, [join(root, 'resources', 'app', 'out', 'cli', 'index.js'), ...args], {
        cwd: root,
        timeout: 120_000,
        env: { PATH: process.env.PATH ?? '', HOME: root, FOLIO_KEY: key, FOLIO_USER: 'it-check', FOLIO_POLICY_FILE: join(root, 'no-policy.json') },
      });

    test('demo, import, generate an encrypted statement, download it decrypted', { timeout: 300_000 }, async () => {
      root = tempDir('folio-packaged-');
      // the packaged layout: <resources>/app (the asar, extracted) beside <resources>/resources
      mkdirSync(join(root, 'resources'), { recursive: true });
      asar.extractAll(join(app, 'resources', 'app.asar'), join(root, 'resources', 'app'));
      await run('cp', ['-r', join(app, 'resources', 'resources'), join(root, 'resources', 'resources')]);
      const data = join(root, 'data');
      await cli(['demo', '--size', '2', '--seed', '3', '--out', join(root, 'demo')]);
      await cli(['--data-dir', data, 'import', join(root, 'demo')]);
      const item = JSON.parse(readFileSync(join(root, 'demo', 'payment_items.ndjson'), 'utf8').split('\n')[0]!) as { client_id: string; posted_date: string };
      const month = item.posted_date.slice(0, 7);
      const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
      // HTML: the packaging and encryption path without depending on PDF layout work in progress
      const gen = await cli(['--data-dir', data, '--json', 'generate', 'client', '--client', item.client_id, '--from', `${month}-01`, '--to', last, '--format', 'html']);
      const r = JSON.parse(gen.stdout) as { ref: string; status: string; file: string; sha256: string };
      assert.equal(r.status, 'COMPLETED');
      assert.equal(readFileSync(r.file).subarray(0, 8).toString('latin1'), 'FOLIOENC', 'the store file is encrypted');
      assert.equal(readFileSync(join(data, 'ledger.sqlite')).subarray(0, 8).toString('latin1'), 'FOLIOENC', 'the ledger is encrypted');
      const copy = join(root, 'copy.html');
      await cli(['--data-dir', data, 'download', r.ref, '--out', copy]);
      const bytes = readFileSync(copy);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), r.sha256, 'the user gets the plain file, checksum verified');
      assert.match(bytes.subarray(0, 200).toString('utf8'), /<!doctype html|<html/i);
      const info = JSON.parse((await cli(['--data-dir', data, '--json', 'info'])).stdout) as { ledger: { encrypted: boolean; statements: number } };
      assert.deepEqual({ encrypted: info.ledger.encrypted, statements: info.ledger.statements }, { encrypted: true, statements: 1 });
    });
  });
});
