/**
 * Encryption at rest through real engines on real data folders: plain by default (test engines),
 * encrypted with a key, migration of a plain folder (and its resumption), wrong key, missing key,
 * tampering, key files, the OS key store and the policy switch.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FolioError } from '../../../shared/errors';
import { tempDir, testEngine } from '../../../test/helpers/engine';
import { cacheDb, ledgerDb } from '../db/stores';
import type { Engine } from '../engine';
import type { SecretStore } from '../platform';
import { encryption } from '.';
import { readManifest, writeManifest } from './manifest';

const KEY = randomBytes(32).toString('hex');
const SQLITE = Buffer.from('SQLite format 3\0', 'latin1');

function osStore(): SecretStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    kind: 'safeStorage',
    map,
    get: async (n) => map.get(n) ?? null,
    set: async (n, v) => void map.set(n, v),
    delete: async (n) => void map.delete(n),
  };
}

async function writeRow(engine: Engine, value: string): Promise<void> {
  for (const def of [cacheDb, ledgerDb]) {
    const db = await engine.use(def);
    db.exec('CREATE TABLE IF NOT EXISTS enc_test (v TEXT)');
    db.run('INSERT INTO enc_test (v) VALUES (?)', [value]);
    await db.save();
  }
}

async function readRows(engine: Engine): Promise<string[]> {
  const out: string[] = [];
  for (const def of [cacheDb, ledgerDb]) {
    const db = await engine.use(def);
    out.push(...db.all<{ v: string }>('SELECT v FROM enc_test ORDER BY rowid').map((r) => r.v));
  }
  return out;
}

async function failure(p: Promise<unknown>): Promise<FolioError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof FolioError, `a FolioError, not ${String(err)}`);
    return err;
  }
  assert.fail('expected an error');
}

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

test('test engines without a key stay plain: no manifest, SQLite files, no codecs', async () => {
  const t = testEngine();
  try {
    await writeRow(t.engine, 'plain row');
    const enc = await t.engine.use(encryption);
    assert.equal(enc.enabled, false);
    assert.equal(enc.fileCodec(), undefined);
    assert.equal(enc.dbCodec('ledger'), undefined);
    assert.match(enc.status().reason ?? '', /FOLIO_KEY/);
    assert.equal(existsSync(join(t.dataDir, 'encryption.json')), false);
    assert.deepEqual(readFileSync(join(t.dataDir, 'ledger.sqlite')).subarray(0, 16), SQLITE);
  } finally {
    await t.close();
  }
});

test('with FOLIO_KEY: databases sealed on disk, round trip across restarts', async () => {
  const dataDir = tempDir();
  const a = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  await writeRow(a.engine, 'ACME owes 1234.56');
  const status = (await a.engine.use(encryption)).status();
  assert.equal(status.enabled, true);
  assert.equal(status.unlockedBy, 'FOLIO_KEY');
  await a.close();
  for (const f of ['cache.sqlite', 'ledger.sqlite']) {
    const bytes = readFileSync(join(dataDir, f));
    assert.equal(bytes.subarray(0, 8).toString('latin1'), 'FOLIOENC', `${f} sealed`);
    assert.equal(bytes.indexOf('SQLite format'), -1);
    assert.equal(bytes.indexOf('ACME owes'), -1, `${f} does not leak the data`);
  }
  const m = readManifest(dataDir)!;
  assert.equal(m.state, 'encrypted');
  assert.equal(m.slots.length, 1);
  assert.ok(!JSON.stringify(m).includes(KEY), 'the manifest never holds the key');
  const b = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  try {
    assert.deepEqual(await readRows(b.engine), ['ACME owes 1234.56', 'ACME owes 1234.56']);
  } finally {
    await b.close();
  }
});

test('app:info tells whether the databases are encrypted', async () => {
  const enc = testEngine({ env: { FOLIO_KEY: KEY } });
  const plainT = testEngine();
  try {
    const a = await enc.engine.call('app:info', {});
    assert.equal(a.cache.encrypted, true);
    assert.equal(a.ledger.encrypted, true);
    const b = await plainT.engine.call('app:info', {});
    assert.equal(b.cache.encrypted, false);
    assert.equal(b.ledger.encrypted, false);
  } finally {
    await enc.close();
    await plainT.close();
  }
});

test('Settings shows the encryption status: encrypted, plain with the reason, or the error', async () => {
  const dataDir = tempDir();
  const enc = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  const v1 = await enc.engine.call('settings:get', {});
  assert.equal(v1.encryption?.enabled, true);
  assert.equal(v1.encryption?.unlockedBy, 'FOLIO_KEY');
  assert.equal(v1.encryption?.keySlots.length, 1);
  assert.ok(!JSON.stringify(v1).includes(KEY), 'the key never reaches the UI');
  await enc.close({ keep: true });
  const plainT = testEngine();
  const v2 = await plainT.engine.call('settings:get', {});
  assert.equal(v2.encryption?.enabled, false);
  assert.match(v2.encryption?.reason ?? '', /no key is configured/);
  await plainT.close();
  const locked = testEngine({ dataDir, env: {} });
  const v3 = await locked.engine.call('settings:get', {});
  assert.match(v3.encryption?.error ?? '', /is encrypted and no key to open it is available here/);
  await locked.close();
});

test('a wrong key or no key: a clear error, and the files are not touched', async () => {
  const dataDir = tempDir();
  const a = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  await writeRow(a.engine, 'x');
  await a.close();
  const before = [sha(join(dataDir, 'ledger.sqlite')), sha(join(dataDir, 'encryption.json'))];

  const wrong = testEngine({ dataDir, env: { FOLIO_KEY: randomBytes(32).toString('hex') } });
  const e1 = await failure(wrong.engine.use(ledgerDb));
  assert.equal(e1.type, 'forbidden');
  assert.equal(e1.code, 'WRONG_KEY');
  assert.match(e1.message, /FOLIO_KEY does not open the encrypted data folder .*Nothing was read or changed/);
  const r = await wrong.engine.invoke('history:list', {});
  assert.equal(!r.ok && r.error.code, 'WRONG_KEY', 'commands answer with the error, as data');
  await wrong.close({ keep: true });

  const none = testEngine({ dataDir, env: {} });
  const e2 = await failure(none.engine.use(cacheDb));
  assert.equal(e2.code, 'KEY_REQUIRED');
  assert.match(e2.message, /is encrypted and no key to open it is available here: no key is configured: set FOLIO_KEY/);
  await none.close({ keep: true });

  assert.deepEqual([sha(join(dataDir, 'ledger.sqlite')), sha(join(dataDir, 'encryption.json'))], before);
  const ok = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  assert.deepEqual(await readRows(ok.engine), ['x', 'x'], 'still opens with the right key');
  await ok.close();
});

test('tampered ciphertext and swapped files are detected, never opened as a database', async () => {
  const dataDir = tempDir();
  const a = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  await writeRow(a.engine, 'x');
  await a.close();
  const ledger = join(dataDir, 'ledger.sqlite');
  const good = readFileSync(ledger);
  const bad = Buffer.from(good);
  bad[Math.floor(bad.length / 2)]! ^= 0x01;
  writeFileSync(ledger, bad);
  const t = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  const e = await failure(t.engine.use(ledgerDb));
  assert.equal(e.type, 'integrity');
  assert.equal(e.code, 'DECRYPT_FAILED');
  assert.match(e.message, /ledger database .*ledger\.sqlite failed its integrity check/);
  assert.deepEqual(readFileSync(ledger), bad, 'left untouched');
  await t.close({ keep: true });

  writeFileSync(ledger, readFileSync(join(dataDir, 'cache.sqlite')));
  const s = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  assert.equal((await failure(s.engine.use(ledgerDb))).code, 'DECRYPT_FAILED', 'the cache file put in place of the ledger');
  await s.close({ keep: true });

  writeFileSync(ledger, good);
  const p = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  assert.deepEqual(await readRows(p.engine), ['x', 'x']);
  await p.close();
});

test('migrating a plain data folder: databases and statement files sealed, contents unchanged', async () => {
  const dataDir = tempDir();
  const a = testEngine({ dataDir });
  await writeRow(a.engine, 'before encryption');
  await a.close({ keep: true });
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(3000)]);
  const storeFile = join(dataDir, 'store', '2026', '01', 'CS-1-A.pdf');
  mkdirSync(join(dataDir, 'store', '2026', '01'), { recursive: true });
  writeFileSync(storeFile, pdf);
  assert.deepEqual(readFileSync(join(dataDir, 'ledger.sqlite')).subarray(0, 16), SQLITE);

  const b = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  try {
    const enc = await b.engine.use(encryption);
    assert.deepEqual(enc.status().migrated, { databases: 2, files: 1 });
    assert.deepEqual(await readRows(b.engine), ['before encryption', 'before encryption']);
    const stored = readFileSync(storeFile);
    assert.equal(stored.subarray(0, 8).toString('latin1'), 'FOLIOENC');
    assert.deepEqual(Buffer.from(enc.fileCodec()!.decode(stored)), pdf);
  } finally {
    await b.close();
  }
});

test('an interrupted migration resumes at the next start', async () => {
  const dataDir = tempDir();
  const a = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  await writeRow(a.engine, 'y');
  await a.close({ keep: true });
  // as if the process died after writing the manifest, before sealing this file
  const plainPdf = Buffer.from('%PDF-1.7 plain statement');
  const storeFile = join(dataDir, 'store', '2026', '02', 'INV-2.pdf');
  mkdirSync(join(dataDir, 'store', '2026', '02'), { recursive: true });
  writeFileSync(storeFile, plainPdf);
  const m = readManifest(dataDir)!;
  await writeManifest(dataDir, { ...m, state: 'migrating' });

  const b = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  try {
    const enc = await b.engine.use(encryption);
    assert.deepEqual(enc.status().migrated, { databases: 0, files: 1 });
    assert.equal(readManifest(dataDir)!.state, 'encrypted');
    assert.ok(readFileSync(storeFile).subarray(0, 8).equals(Buffer.from('FOLIOENC')));
    assert.deepEqual(Buffer.from(enc.fileCodec()!.decode(readFileSync(storeFile))), plainPdf);
    assert.deepEqual(await readRows(b.engine), ['y', 'y']);
  } finally {
    await b.close();
  }
});

test('storage.encryptFiles off: new statement files plain, older sealed ones still readable', async () => {
  const t = testEngine({ env: { FOLIO_KEY: KEY } });
  try {
    const enc = await t.engine.use(encryption);
    const codec = enc.fileCodec()!;
    const sealedEarlier = codec.encode(Buffer.from('sealed pdf'));
    assert.equal(enc.filesEncrypted, true);
    await t.engine.call('settings:set', { key: 'storage.encryptFiles', value: false });
    assert.equal(enc.filesEncrypted, false);
    const plain = codec.encode(Buffer.from('plain pdf'));
    assert.deepEqual(Buffer.from(plain), Buffer.from('plain pdf'));
    assert.deepEqual(Buffer.from(codec.decode(plain)), Buffer.from('plain pdf'));
    assert.deepEqual(Buffer.from(codec.decode(sealedEarlier)), Buffer.from('sealed pdf'));
    assert.ok(enc.dbCodec('ledger'), 'databases stay encrypted');
  } finally {
    await t.close();
  }
});

test('key settings are checked: short passphrase, exposed key file; a passphrase and a private key file work', async () => {
  const short = testEngine({ env: { FOLIO_KEY: 'hunter2' } });
  const e = await failure(short.engine.use(encryption));
  assert.equal(e.type, 'validation');
  assert.equal(e.field, 'FOLIO_KEY');
  await short.close();

  const dir = tempDir();
  const keyFile = join(dir, 'folio.key');
  writeFileSync(keyFile, `${KEY}\n`);
  if (process.platform !== 'win32') {
    chmodSync(keyFile, 0o644);
    const exposed = testEngine({ env: { FOLIO_KEY_FILE: keyFile } });
    const e2 = await failure(exposed.engine.use(encryption));
    assert.equal(e2.code, 'KEY_FILE_EXPOSED');
    assert.match(e2.message, /chmod 600/);
    await exposed.close();
    chmodSync(keyFile, 0o600);
  }
  const dataDir = tempDir();
  const viaFile = testEngine({ dataDir, env: { FOLIO_KEY_FILE: keyFile } });
  await writeRow(viaFile.engine, 'z');
  await viaFile.close({ keep: true });
  const viaEnv = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  assert.deepEqual(await readRows(viaEnv.engine), ['z', 'z'], 'the file and the variable hold the same key');
  await viaEnv.close();

  const pass = testEngine({ env: { FOLIO_KEY: 'a long enough passphrase' } });
  try {
    await writeRow(pass.engine, 'p');
    assert.equal(readManifest(pass.dataDir)!.slots[0]!.source === 'key' && (readManifest(pass.dataDir)!.slots[0] as { kdf: { name: string } }).kdf.name, 'scrypt');
  } finally {
    await pass.close();
  }
});

test("the desktop's OS key store: encrypts by itself; a key given later is enrolled; a wrong one is refused", async () => {
  const dataDir = tempDir();
  const store = osStore();
  const app = testEngine({ dataDir, secrets: store, env: {} });
  await writeRow(app.engine, 'desk');
  assert.equal((await app.engine.use(encryption)).status().unlockedBy, "the operating system's key store (safeStorage)");
  await app.close({ keep: true });
  assert.equal(store.map.size, 1, 'one key-encryption key in the OS store');

  const cli = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  assert.equal((await failure(cli.engine.use(ledgerDb))).code, 'WRONG_KEY', 'the CLI cannot reach the OS store');
  await cli.close({ keep: true });

  const enroll = testEngine({ dataDir, secrets: store, env: { FOLIO_KEY: KEY } });
  await enroll.engine.use(ledgerDb);
  await enroll.close({ keep: true });
  assert.deepEqual(readManifest(dataDir)!.slots.map((s) => s.source), ['os-store', 'key']);

  const cli2 = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  assert.deepEqual(await readRows(cli2.engine), ['desk', 'desk'], 'the CLI opens it with the enrolled key');
  await cli2.close({ keep: true });

  const typo = testEngine({ dataDir, secrets: store, env: { FOLIO_KEY: randomBytes(32).toString('hex') } });
  assert.equal((await failure(typo.engine.use(ledgerDb))).code, 'WRONG_KEY', 'never silently enrolled over an existing key');
  await typo.close({ keep: true });
  assert.equal(readManifest(dataDir)!.slots.length, 2);

  const lostStore = testEngine({ dataDir, secrets: osStore(), env: {} });
  assert.equal((await failure(lostStore.engine.use(cacheDb))).code, 'WRONG_KEY', 'another user/computer store');
  await lostStore.close();
});

test('a keychain that refuses: the key file still opens the folder; alone, a clear KEY_UNAVAILABLE', async () => {
  const dataDir = tempDir();
  const store = osStore();
  const a = testEngine({ dataDir, secrets: store, env: { FOLIO_KEY: KEY } });
  await writeRow(a.engine, 'k');
  await a.close({ keep: true });
  assert.deepEqual(readManifest(dataDir)!.slots.map((s) => s.source).sort(), ['key', 'os-store']);
  const locked: SecretStore = { ...store, kind: 'safeStorage', get: async () => { throw new Error('the keychain is locked'); } };
  const withKey = testEngine({ dataDir, secrets: locked, env: { FOLIO_KEY: KEY } });
  assert.deepEqual(await readRows(withKey.engine), ['k', 'k']);
  await withKey.close({ keep: true });
  const alone = testEngine({ dataDir, secrets: locked, env: {} });
  const e = await failure(alone.engine.use(ledgerDb));
  assert.equal(e.code, 'KEY_UNAVAILABLE');
  assert.match(e.message, /the keychain is locked/);
  await alone.close();
});

test('policy: "required" without a key source refuses; "off" keeps a new folder plain even with a key', async () => {
  const dir = tempDir();
  const req = join(dir, 'required.json');
  writeFileSync(req, JSON.stringify({ encryption: 'required' }));
  const r = testEngine({ policyFiles: [req], env: {} });
  const e = await failure(r.engine.use(cacheDb));
  assert.equal(e.code, 'ENCRYPTION_REQUIRED');
  assert.match(e.message, /requires encryption at rest, but no key is configured/);
  assert.equal(existsSync(join(r.dataDir, 'cache.sqlite')), false, 'nothing stored plain');
  await r.close();

  const off = join(dir, 'off.json');
  writeFileSync(off, JSON.stringify({ encryption: 'off' }));
  const o = testEngine({ policyFiles: [off], env: { FOLIO_KEY: KEY } });
  await writeRow(o.engine, 'q');
  assert.equal((await o.engine.use(encryption)).enabled, false);
  assert.match((await o.engine.use(encryption)).status().reason ?? '', /policy turns encryption at rest off/);
  await o.close();
});

test('an encrypted database without its manifest is refused, not re-encrypted', async () => {
  const dataDir = tempDir();
  const a = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  await writeRow(a.engine, 'm');
  await a.close({ keep: true });
  writeFileSync(join(dataDir, 'encryption.json.bak'), readFileSync(join(dataDir, 'encryption.json')));
  writeFileSync(join(dataDir, 'encryption.json'), '');
  const b = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  assert.equal((await failure(b.engine.use(cacheDb))).code, 'MANIFEST_UNREADABLE');
  await b.close({ keep: true });
  const { rmSync } = await import('node:fs');
  rmSync(join(dataDir, 'encryption.json'));
  const c = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  const e = await failure(c.engine.use(cacheDb));
  assert.equal(e.code, 'MANIFEST_MISSING');
  await c.close({ keep: true });
  writeFileSync(join(dataDir, 'encryption.json'), readFileSync(join(dataDir, 'encryption.json.bak')));
  const d = testEngine({ dataDir, env: { FOLIO_KEY: KEY } });
  assert.deepEqual(await readRows(d.engine), ['m', 'm'], 'restored manifest: opens again');
  await d.close();
});
