'use strict';
/**
 * electron-builder afterPack hook: flips Electron's fuses in the packaged binary with
 * @electron/fuses. It runs after the app folder is assembled and before code signing, so the
 * signature covers the flipped fuses (electronjs.org/docs/latest/tutorial/fuses).
 *
 * Fuses are build-time switches baked into the Electron binary; an attacker who can only set
 * environment variables or command-line flags cannot turn them back on.
 */
const path = require('node:path');

/** Fuse index → wanted state (FuseV1Options numbering; every fuse set, strictly). */
const FUSE_SETTINGS = Object.freeze({
  /** ELECTRON_RUN_AS_NODE would turn Folio.exe into a general Node runtime: off */
  RunAsNode: false,
  /** cookies encrypted on disk with the OS key (DPAPI / Keychain / libsecret): on */
  EnableCookieEncryption: true,
  /** NODE_OPTIONS could inject code at start: off */
  EnableNodeOptionsEnvironmentVariable: false,
  /** --inspect and friends would expose a debugger: off */
  EnableNodeCliInspectArguments: false,
  /** app.asar checked against the hash embedded at package time: on */
  EnableEmbeddedAsarIntegrityValidation: true,
  /** the app loads only from app.asar (no loose app/ folder beside it): on */
  OnlyLoadAppFromAsar: true,
  /** no separate browser-process V8 snapshot is shipped: off */
  LoadBrowserProcessSpecificV8Snapshot: false,
  /** file:// gets no extra privileges (the UI is loaded from the asar, not from file:// pages): off */
  GrantFileProtocolExtraPrivileges: false,
  /** WebAssembly trap handlers: on (sql.js runs on WASM; Electron's default) */
  WasmTrapHandlers: true,
});

/** The fuses this hardening rests on: a binary without one of them fails the build. */
const SECURITY_FUSES = Object.freeze([
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
]);

/** The @electron/fuses config for a platform/arch (the module is ESM: pass it in). */
function fuseConfig(fuses, platform, arch) {
  const { FuseV1Options, FuseVersion } = fuses;
  const config = {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // an arm64 macOS binary must keep a valid ad-hoc signature after its bytes change,
    // else it will not start when left unsigned (signing later replaces it anyway)
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
  };
  for (const [name, value] of Object.entries(FUSE_SETTINGS)) {
    const index = FuseV1Options[name];
    if (index === undefined) throw new Error(`Folio afterPack: @electron/fuses does not know the fuse ${name}`);
    config[index] = value;
  }
  return config;
}

/** The file @electron/fuses must patch inside the packed app folder. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`Folio afterPack: unknown platform ${electronPlatformName}`);
  }
}

/** electron-builder's Arch enum is numeric (0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal). */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

async function afterPack(context) {
  const fuses = await import('@electron/fuses');
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : context.arch;
  const target = electronBinaryPath(context);
  const config = fuseConfig(fuses, context.electronPlatformName, arch);
  // a fuse newer than this Electron (its wire is shorter) cannot be set: leave it out, say so
  const before = await fuses.getCurrentFuseWire(target);
  const length = Object.keys(before).filter((k) => k !== 'version').length;
  const missing = Object.keys(FUSE_SETTINGS).filter((name) => fuses.FuseV1Options[name] >= length);
  if (missing.some((name) => SECURITY_FUSES.includes(name))) {
    throw new Error(`Folio afterPack: this Electron has no ${missing.join(', ')} fuse; use a newer Electron`);
  }
  for (const name of missing) {
    delete config[fuses.FuseV1Options[name]];
    console.log(`  • Folio: this Electron has no ${name} fuse (its wire has ${length}); left out`);
  }
  await fuses.flipFuses(target, config);
  // read back: a fuse that did not take is a build failure, not a warning
  const wire = await fuses.getCurrentFuseWire(target);
  for (const [name, value] of Object.entries(FUSE_SETTINGS)) {
    if (missing.includes(name)) continue;
    const want = value ? fuses.FuseState.ENABLE : fuses.FuseState.DISABLE;
    const got = wire[fuses.FuseV1Options[name]];
    if (got !== want) throw new Error(`Folio afterPack: fuse ${name} is ${got}, expected ${want} in ${target}`);
  }
  console.log(`  • Folio: fuses set in ${target}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.afterPack = afterPack;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
module.exports.FUSE_SETTINGS = FUSE_SETTINGS;
