/**
 * Main's secret keeper with a stand-in for Electron's safeStorage (the module is swapped in before
 * secrets.ts is loaded): values are stored only encrypted, read back, deleted; without OS
 * encryption nothing is written at all.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../../test/helpers/engine';

let available = true;
// a reversible stand-in cipher: good enough to tell stored bytes from the plaintext
const enc = (s: string) => Buffer.from(`enc:${Buffer.from(s).toString('hex').split('').reverse().join('')}`);
const dec = (b: Buffer) => Buffer.from(b.toString().slice(4).split('').reverse().join(''), 'hex').toString();
const safeStorage = {
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: enc,
  decryptString: dec,
  encryptStringAsync: async (s: string) => enc(s),
  decryptStringAsync: async (b: Buffer) => ({ result: dec(b), shouldReEncrypt: false }),
};

describe('secretKeeper (safeStorage)', () => {
  const load = (Module as unknown as { _load: (r: string, ...rest: unknown[]) => unknown })._load;
  let mod: typeof import('./secrets');
  const dirs: string[] = [];

  before(() => {
    (Module as unknown as { _load: unknown })._load = function (req: string, ...rest: unknown[]) {
      if (req === 'electron') return { safeStorage };
      return load.call(this, req, ...rest);
    };
    mod = createRequire(__filename)('./secrets') as typeof import('./secrets');
  });
  after(() => {
    (Module as unknown as { _load: unknown })._load = load;
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  test('stores only the encrypted value, reads it back, deletes it', async () => {
    available = true;
    const dir = tempDir();
    dirs.push(dir);
    const keep = mod.secretKeeper(dir);
    assert.equal(mod.secretsKind(), 'safeStorage');
    await keep('secrets.set', 's3.secretAccessKey', 'wJalrXUtnFEMI/K7MDENG');
    const onDisk = readFileSync(join(dir, 'secrets.json'), 'utf8');
    assert.doesNotMatch(onDisk, /wJalrXUtnFEMI/);
    assert.equal(await keep('secrets.get', 's3.secretAccessKey'), 'wJalrXUtnFEMI/K7MDENG');
    assert.equal(await keep('secrets.get', 'other'), null);
    await keep('secrets.delete', 's3.secretAccessKey');
    assert.equal(await keep('secrets.get', 's3.secretAccessKey'), null);
    await assert.rejects(keep('secrets.set', 'x'), (e: { field?: string }) => e.field === 'value');
  });

  test('without OS encryption, secrets live in memory only and nothing is written', async () => {
    available = false;
    const dir = tempDir();
    dirs.push(dir);
    const keep = mod.secretKeeper(dir);
    assert.equal(mod.secretsKind(), 'memory');
    await keep('secrets.set', 'token', 'abc');
    assert.equal(await keep('secrets.get', 'token'), 'abc');
    assert.equal(existsSync(join(dir, 'secrets.json')), false);
  });
});
