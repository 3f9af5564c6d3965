/**
 * Packaging gate: electron-builder.yml passes electron-builder's own validation (the same
 * function `electron-builder` runs before packaging), says what IT needs (per-user and
 * per-machine NSIS, MSI, DMG + PKG with hardened runtime, AppImage + deb), and every file it
 * points at exists (icons in every size, entitlements, hook, resources).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, matchesGlob } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..');
const req = createRequire(join(root, 'package.json'));

type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// electron-builder logs to stdout, which the test runner reads as its own channel: collect instead
const builderLog: string[] = [];
(req('builder-util') as { log: { stream: { write(s: string): boolean } } }).log.stream = { write: (s) => builderLog.push(s) > 0 };

async function loadConfig(): Promise<Config> {
  // electron-builder's own loader (reads the YAML, merges package.json metadata)
  const { getConfig } = req('app-builder-lib/out/util/config/config') as {
    getConfig(projectDir: string, configPath: string | null, fromOptions: unknown): Promise<Config>;
  };
  return getConfig(root, join(root, 'electron-builder.yml'), null);
}

async function validate(config: Config): Promise<void> {
  const { validateConfiguration } = req('app-builder-lib/out/util/config/config') as {
    validateConfiguration(c: Config, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = req('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(config, new DebugLogger(false));
}

test('electron-builder.yml passes electron-builder validation (its scheme.json)', async () => {
  const config = await loadConfig();
  await validate(config);
  assert.equal(config.appId, 'com.folio.desktop');
  assert.equal(config.productName, 'Folio');
});

test('the validator really validates: a misspelled option is refused', async () => {
  const config = await loadConfig();
  await assert.rejects(validate({ ...config, nsis: { ...config.nsis, perMachien: true } }), /configuration\.nsis/);
  await assert.rejects(validate({ ...config, asar: 'yes please' }), /asar/);
});

test('Windows: NSIS with per-user/per-machine choice and install folder; MSI per-machine for GPO', async () => {
  const c = await loadConfig();
  const targets = (c.win.target as Array<{ target: string }>).map((t) => t.target);
  assert.deepEqual(targets.sort(), ['msi', 'nsis']);
  assert.equal(c.nsis.oneClick, false, 'assisted installer (folder choice)');
  assert.equal(c.nsis.perMachine, false, 'install-mode page: only me / all users');
  assert.equal(c.nsis.allowToChangeInstallationDirectory, true);
  assert.equal(c.nsis.allowElevation, true);
  assert.equal(c.nsis.deleteAppDataOnUninstall, false, 'user data kept unless --delete-app-data');
  assert.ok(existsSync(join(root, c.nsis.include)), 'installer.nsh exists');
  assert.equal(c.msi.perMachine, true);
  assert.match(c.msi.upgradeCode, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(c.win.requestedExecutionLevel, 'asInvoker');
});

test('macOS: DMG and PKG, hardened runtime, minimal entitlements that exist', async () => {
  const c = await loadConfig();
  const targets = (c.mac.target as Array<{ target: string }>).map((t) => t.target);
  assert.deepEqual(targets.sort(), ['dmg', 'pkg']);
  assert.equal(c.mac.hardenedRuntime, true);
  for (const f of [c.mac.entitlements, c.mac.entitlementsInherit]) {
    const xml = readFileSync(join(root, f), 'utf8');
    assert.match(xml, /com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    for (const risky of ['disable-library-validation', 'allow-dyld-environment-variables', 'allow-unsigned-executable-memory', 'get-task-allow']) {
      assert.ok(!new RegExp(`<key>[^<]*${risky}`).test(xml), `${f} must not grant ${risky}`);
    }
  }
  // notarization and signing: never credentials in the file; electron-builder reads the environment
  const raw = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  assert.doesNotMatch(raw, /^\s*(cscKeyPassword|cscLink|appleIdPassword|identity)\s*:/m);
  assert.equal(c.pkg.installLocation, '/Applications');
  assert.equal(c.pkg.isRelocatable, false);
});

test('Linux: AppImage and deb', async () => {
  const c = await loadConfig();
  assert.deepEqual([...c.linux.target].sort(), ['AppImage', 'deb']);
  assert.equal(c.linux.executableName, 'folio');
});

test('asar on, sql.js WASM unpacked, resources shipped beside the asar, fuses hook wired', async () => {
  const c = await loadConfig();
  assert.equal(c.asar, true);
  const wasm = readdirSync(join(root, 'node_modules/sql.js/dist')).filter((f) => f.endsWith('.wasm'));
  assert.ok(wasm.length > 0);
  for (const f of wasm) {
    const rel = `node_modules/sql.js/dist/${f}`;
    assert.ok((c.asarUnpack as string[]).some((g) => matchesGlob(rel, g)), `${rel} is unpacked`);
  }
  const res = (c.extraResources as Array<{ from: string; to: string }>).find((r) => r.from === 'resources');
  assert.ok(res, 'resources/ is an extraResource');
  assert.ok(existsSync(join(root, 'resources', 'migrations')));
  assert.equal(c.afterPack, './build/afterPack.cjs');
  const hook = req(join(root, 'build/afterPack.cjs')) as { afterPack: unknown };
  assert.equal(typeof hook.afterPack, 'function');
  const files = (c.files as Array<{ filter: string[] }>).flatMap((f) => f.filter);
  assert.ok(files.includes('out/**/*') && files.includes('!**/*.map'), 'only the compiled app, no source maps');
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('icons in every size: Linux set, Windows .ico, macOS .icns, all from build/icon.svg', async () => {
  const c = await loadConfig();
  for (const n of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    assert.deepEqual(pngSize(join(root, c.linux.icon, `${n}x${n}.png`)), [n, n]);
  }
  assert.deepEqual(pngSize(join(root, 'build/icon.png')), [1024, 1024]);
  // ICO: header reserved 0, type 1, count; each 16-byte entry has width (0 means 256)
  const ico = readFileSync(join(root, c.win.icon));
  assert.equal(ico.readUInt16LE(2), 1);
  const count = ico.readUInt16LE(4);
  const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256).sort((a, b) => a - b);
  assert.deepEqual(widths, [16, 24, 32, 48, 64, 128, 256]);
  // ICNS: 'icns' + total length, then typed chunks; ic10 is the 1024 px (512@2x) image
  const icns = readFileSync(join(root, c.mac.icon));
  assert.equal(icns.subarray(0, 4).toString('latin1'), 'icns');
  assert.equal(icns.readUInt32BE(4), icns.length);
  const types: string[] = [];
  for (let off = 8; off < icns.length; off += icns.readUInt32BE(off + 4)) types.push(icns.subarray(off, off + 4).toString('latin1'));
  for (const t of ['ic08', 'ic09', 'ic10', 'il32', 'is32']) assert.ok(types.includes(t), `icns has ${t}`);
  assert.match(readFileSync(join(root, 'build/icon.svg'), 'utf8'), /<svg[^>]+viewBox="0 0 1024 1024"/);
});
