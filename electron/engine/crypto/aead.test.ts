import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { FolioError } from '../../../shared/errors';
import { deriveKek, isSealed, newKdf, OVERHEAD, seal, unseal, unwrapKey, wrapKey } from './aead';

const key = randomBytes(32);
const ctx = randomBytes(16);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof FolioError, `a FolioError, not ${String(err)}`);
    return err.code;
  }
  return 'NO_ERROR';
}

test('seal/unseal round trip for any bytes, with a fresh IV each time', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4096 }), (plain) => {
      const a = seal(key, 'ledger', plain, ctx);
      const b = seal(key, 'ledger', plain, ctx);
      assert.equal(a.length, plain.length + OVERHEAD);
      assert.ok(isSealed(a));
      assert.notDeepEqual(Buffer.from(a), Buffer.from(b), 'same plaintext, different ciphertext');
      assert.deepEqual(Buffer.from(unseal(key, 'ledger', a, ctx, 'x')), Buffer.from(plain));
    }),
    { numRuns: 200 },
  );
});

test('the ciphertext does not contain the plaintext', () => {
  const plain = Buffer.from('SQLite format 3\0 CONFIDENTIAL client ACME owes 1234.56 '.repeat(50));
  const sealed = Buffer.from(seal(key, 'cache', plain, ctx));
  assert.equal(sealed.indexOf('SQLite format'), -1);
  assert.equal(sealed.indexOf('CONFIDENTIAL'), -1);
});

test('any changed byte is detected (header, IV, body, tag), never returned as data', () => {
  const plain = randomBytes(1000);
  const sealed = seal(key, 'file', plain, ctx);
  fc.assert(
    fc.property(fc.integer({ min: 8, max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), (pos, xor) => {
      const t = Buffer.from(sealed);
      t[pos] = t[pos]! ^ xor;
      const c = code(() => unseal(key, 'file', t, ctx, 'the file'));
      assert.ok(['DECRYPT_FAILED', 'BLOB_FROM_NEWER_APP'].includes(c), `byte ${pos}: ${c}`);
    }),
    { numRuns: 300 },
  );
  assert.equal(code(() => unseal(key, 'file', sealed.subarray(0, sealed.length - 1), ctx, 'f')), 'DECRYPT_FAILED', 'truncated');
  assert.equal(code(() => unseal(key, 'file', sealed.subarray(0, 20), ctx, 'f')), 'DECRYPT_FAILED', 'truncated to the header');
});

test('wrong key, other purpose, other folder, plain bytes: each refused with a clear code', () => {
  const sealed = seal(key, 'ledger', Buffer.from('hello'), ctx);
  assert.equal(code(() => unseal(randomBytes(32), 'ledger', sealed, ctx, 'l')), 'DECRYPT_FAILED');
  assert.equal(code(() => unseal(key, 'cache', sealed, ctx, 'l')), 'DECRYPT_FAILED');
  assert.equal(code(() => unseal(key, 'ledger', sealed, randomBytes(16), 'l')), 'DECRYPT_FAILED');
  assert.equal(code(() => unseal(key, 'ledger', Buffer.from('SQLite format 3\0....'), ctx, 'l')), 'NOT_ENCRYPTED');
  const err = (() => {
    try {
      unseal(randomBytes(32), 'ledger', sealed, ctx, 'The ledger database /x/ledger.sqlite');
    } catch (e) {
      return e as FolioError;
    }
    return null;
  })();
  assert.equal(err?.type, 'integrity');
  assert.match(err?.message ?? '', /The ledger database \/x\/ledger\.sqlite failed its integrity check.*left untouched/);
});

test('key wrapping: the right key-encryption key unwraps, any other gives null', () => {
  const dataKey = randomBytes(32);
  const kek = randomBytes(32);
  const slot = wrapKey(kek, dataKey, 'folio data key|abc');
  assert.deepEqual(unwrapKey(kek, slot, 'folio data key|abc'), dataKey);
  assert.equal(unwrapKey(randomBytes(32), slot, 'folio data key|abc'), null);
  assert.equal(unwrapKey(kek, slot, 'folio data key|other-folder'), null);
  assert.equal(unwrapKey(kek, { ...slot, tag: Buffer.alloc(16).toString('base64') }, 'folio data key|abc'), null);
});

test('key derivation: raw hex keys use HKDF, passphrases scrypt; same salt same key, other secret other key', async () => {
  const raw = randomBytes(32).toString('hex');
  const k1 = newKdf(raw);
  assert.equal(k1.name, 'hkdf-sha256');
  assert.deepEqual(await deriveKek(raw, k1), await deriveKek(raw, k1));
  assert.notDeepEqual(await deriveKek(raw, k1), await deriveKek(randomBytes(32).toString('hex'), k1));
  const pass = 'correct horse battery staple';
  const k2 = newKdf(pass);
  assert.equal(k2.name, 'scrypt');
  const a = await deriveKek(pass, k2);
  assert.equal(a.length, 32);
  assert.deepEqual(a, await deriveKek(pass, k2));
  assert.notDeepEqual(a, await deriveKek('correct horse battery stapler', k2));
  assert.notDeepEqual(a, await deriveKek(pass, newKdf(pass)), 'a new salt gives a new key');
});
