/**
 * AES-256-GCM sealing (node:crypto) for files at rest, and key derivation for wrapping keys.
 *
 * A sealed blob:  "FOLIOENC" | version 0x01 | purpose | 12-byte IV | ciphertext | 16-byte tag
 * The first 10 bytes and the data folder's id are the additional authenticated data, so a blob
 * cannot be moved to another purpose (the cache file swapped for the ledger) or another data
 * folder without failing authentication. Any change to any byte fails with DECRYPT_FAILED.
 */
import { readFileHead } from '../fs/head';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { FolioError } from '../../../shared/errors';

export const MAGIC = Buffer.from('FOLIOENC', 'latin1');
export const BLOB_VERSION = 1;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2; // magic, version, purpose
export const OVERHEAD = HEADER_BYTES + IV_BYTES + TAG_BYTES;

/** What a blob holds; part of the authenticated header. */
export const PURPOSE = { cache: 1, ledger: 2, file: 3 } as const;
export type Purpose = keyof typeof PURPOSE;

/** True when the bytes start like a sealed blob (anything else is stored plain). */
export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC);
}

/** True when the file on disk is sealed (e.g. main refuses "show in folder" for it); false if unreadable. */
export function isSealedFile(file: string): boolean {
  try {
    return isSealed(readFileHead(file, MAGIC.length));
  } catch {
    return false;
  }
}

function header(purpose: Purpose): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([BLOB_VERSION, PURPOSE[purpose]])]);
}

/** Encrypts `plain` under `key` (32 bytes); `context` is bound as additional data (the folder id). */
export function seal(key: Uint8Array, purpose: Purpose, plain: Uint8Array, context: Uint8Array): Uint8Array {
  if (key.length !== KEY_BYTES) throw new FolioError('internal', 'BAD_KEY_LENGTH', 'A data key must be 32 bytes');
  const head = header(purpose);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.concat([head, context]));
  const body = cipher.update(plain);
  const last = cipher.final();
  return Buffer.concat([head, iv, body, last, cipher.getAuthTag()]);
}

/**
 * Decrypts a sealed blob. Throws `integrity`/`DECRYPT_FAILED` when any byte was changed, the
 * key is not the one it was sealed with, or the blob belongs to another purpose or folder.
 */
export function unseal(key: Uint8Array, purpose: Purpose, blob: Uint8Array, context: Uint8Array, what: string): Uint8Array {
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (!isSealed(b)) {
    throw new FolioError('integrity', 'NOT_ENCRYPTED', `${what} is not encrypted, but this data folder is: it was replaced outside Folio. It was left untouched.`);
  }
  if (b.length < OVERHEAD) throw new FolioError('integrity', 'DECRYPT_FAILED', `${what} is truncated (${b.length} bytes)`);
  const version = b[MAGIC.length];
  if (version !== BLOB_VERSION) {
    throw new FolioError('conflict', 'BLOB_FROM_NEWER_APP', `${what} was encrypted by a newer version of Folio (format ${version}); update Folio`);
  }
  if (b[MAGIC.length + 1] !== PURPOSE[purpose]) {
    throw new FolioError('integrity', 'DECRYPT_FAILED', `${what} holds encrypted data of another kind: it was swapped with another file`);
  }
  const head = b.subarray(0, HEADER_BYTES);
  const iv = b.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES);
  const tag = b.subarray(b.length - TAG_BYTES);
  const body = b.subarray(HEADER_BYTES + IV_BYTES, b.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.concat([head, context]));
    decipher.setAuthTag(tag);
    const out = Buffer.concat([decipher.update(body), decipher.final()]);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch {
    throw new FolioError(
      'integrity',
      'DECRYPT_FAILED',
      `${what} failed its integrity check: it was modified or damaged after Folio wrote it. It was left untouched.`,
    );
  }
}

/** Wraps (encrypts) a data key with a key-encryption key: AES-256-GCM, bound to `context`. */
export function wrapKey(kek: Uint8Array, dataKey: Uint8Array, context: string): { iv: string; tag: string; wrapped: string } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrapped: wrapped.toString('base64') };
}

/** Unwraps a data key; null when the key-encryption key is not the right one. */
export function unwrapKey(kek: Uint8Array, slot: { iv: string; tag: string; wrapped: string }, context: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

/** How a key-encryption key is derived from a key or passphrase (recorded in the key slot). */
export type Kdf =
  | { name: 'hkdf-sha256'; salt: string }
  | { name: 'scrypt'; salt: string; N: number; r: number; p: number };

/** scrypt cost for passphrases: ~0.1 s and 32 MiB per attempt (OWASP's minimum is N=2^17/r=8 for
 * password storage; a passphrase here also needs the data folder, and N=2^15 keeps opening fast). */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;

/** A raw key is 64 hex characters (32 random bytes); anything else is a passphrase. */
export function isRawKey(secret: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(secret);
}

export function newKdf(secret: string): Kdf {
  const salt = randomBytes(16).toString('base64');
  return isRawKey(secret) ? { name: 'hkdf-sha256', salt } : { name: 'scrypt', salt, ...SCRYPT };
}

export async function deriveKek(secret: string, kdf: Kdf): Promise<Buffer> {
  const salt = Buffer.from(kdf.salt, 'base64');
  if (kdf.name === 'hkdf-sha256') {
    if (!isRawKey(secret)) return Buffer.alloc(KEY_BYTES); // a passphrase never matches a raw-key slot
    return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'hex'), salt, 'folio key-encryption key', KEY_BYTES));
  }
  const opts: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCb(Buffer.from(secret.normalize('NFC'), 'utf8'), salt, KEY_BYTES, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}
