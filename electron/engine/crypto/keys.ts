/**
 * Where the key that unlocks a data folder comes from. The data key (random, one per data folder)
 * is never stored in clear: the folder's manifest holds it wrapped once per key source ("slots").
 *
 *   FOLIO_KEY          a 64-hex-character key or a passphrase of 12+ characters (CLI, scripts)
 *   FOLIO_KEY_FILE     a file holding such a key (not readable by other users)
 *   policy keyFile     the same, deployed by IT (policy.json "encryption.keyFile")
 *   OS key store       the desktop app: a random key kept by Electron safeStorage (DPAPI on
 *                      Windows, Keychain on macOS, libsecret/KWallet on Linux)
 */
import { readFileSync, statSync } from 'node:fs';
import { FolioError } from '../../../shared/errors';
import type { Platform } from '../platform';
import { isRawKey } from './aead';

export interface KeySource {
  /** stable name of the source, recorded in the slot it unlocks */
  readonly id: string;
  /** for messages: where the key came from */
  readonly label: string;
  readonly kind: 'secret' | 'os-store';
  /** the key or passphrase (kind 'secret') */
  readonly secret?: string;
}

export const MIN_PASSPHRASE = 12;

export function checkSecret(secret: string, field: string, label: string): string {
  if (!secret) throw new FolioError('validation', 'KEY_EMPTY', `${label} is empty`, field);
  if (!isRawKey(secret) && secret.length < MIN_PASSPHRASE) {
    throw new FolioError(
      'validation',
      'KEY_TOO_SHORT',
      `${label} must be 64 hexadecimal characters (a random 32-byte key, e.g. \`openssl rand -hex 32\`) or a passphrase of at least ${MIN_PASSPHRASE} characters`,
      field,
    );
  }
  return secret;
}

/** Reads a key file; refuses one other users may read or change (like ssh does for keys). */
export function readKeyFile(file: string, field: string): string {
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new FolioError('validation', 'KEY_FILE_NOT_FILE', `The key file ${file} is not a file`, field);
    if (process.platform !== 'win32' && (st.mode & 0o006) !== 0) {
      throw new FolioError(
        'forbidden',
        'KEY_FILE_EXPOSED',
        `The key file ${file} can be read or changed by every user of this computer (mode ${(st.mode & 0o777).toString(8)}); make it private first: chmod 600 ${file}`,
        field,
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof FolioError) throw err;
    throw new FolioError('io', 'KEY_FILE_UNREADABLE', `The key file ${file} cannot be read: ${(err as Error).message}`, field);
  }
  return checkSecret(text.trim(), field, `The key file ${file}`);
}

/** The key sources configured for this run, most specific first. Throws on a bad key setting. */
export function keySources(platform: Platform, policyKeyFile: string | null): KeySource[] {
  const env = platform.env;
  const out: KeySource[] = [];
  if (env.FOLIO_KEY !== undefined && env.FOLIO_KEY !== '') {
    out.push({ id: 'env:FOLIO_KEY', label: 'FOLIO_KEY', kind: 'secret', secret: checkSecret(env.FOLIO_KEY, 'FOLIO_KEY', 'FOLIO_KEY') });
  }
  if (env.FOLIO_KEY_FILE) {
    out.push({ id: 'file', label: `FOLIO_KEY_FILE (${env.FOLIO_KEY_FILE})`, kind: 'secret', secret: readKeyFile(env.FOLIO_KEY_FILE, 'FOLIO_KEY_FILE') });
  }
  if (policyKeyFile) {
    out.push({ id: 'file', label: `the policy's key file (${policyKeyFile})`, kind: 'secret', secret: readKeyFile(policyKeyFile, 'encryption.keyFile') });
  }
  if (platform.secrets.kind === 'safeStorage') {
    out.push({ id: 'os-store', label: "the operating system's key store (safeStorage)", kind: 'os-store' });
  }
  return out;
}

/** Why no key source exists here, for Settings and error messages. */
export function noKeyReason(platform: Platform): string {
  if (platform.kind === 'electron') {
    return (
      "the operating system's key store is not available to Folio (on Linux: no Secret Service or KWallet; " +
      "Electron's fallback, basic_text, stores keys with a fixed password and gives no real protection, so Folio does not use it). " +
      'Install and unlock a keyring, or give Folio a key file with FOLIO_KEY_FILE or the policy\'s "encryption.keyFile"'
    );
  }
  return 'no key is configured: set FOLIO_KEY (a 64-hex-character key or a passphrase) or FOLIO_KEY_FILE (a file holding one)';
}
