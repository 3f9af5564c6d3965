/**
 * Secrets for the engine host, kept by main with Electron's safeStorage (the OS keychain /
 * DPAPI / libsecret): an encrypted blob per name in `<userData>/secrets.json`. Where the OS offers
 * no encryption, secrets stay in memory for the session only (never written in clear).
 */
import { safeStorage } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FolioError } from '../../shared/errors';
import { writeFileDurable } from '../engine/fs/durable';
import type { SecretOp } from '../host/protocol';

export function secretsKind(): 'safeStorage' | 'memory' {
  if (!safeStorage.isEncryptionAvailable()) return 'memory';
  // Linux without a keyring: Electron falls back to `basic_text`, a hard-coded password, which is
  // no protection at all. Treat it as no store: secrets stay in memory and the data folder is not
  // encrypted with it (docs/it.md: give Folio a key file instead, or install a keyring).
  if (process.platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())) return 'memory';
  return 'safeStorage';
}

export function secretKeeper(userDataDir: string): (op: SecretOp, name: string, value?: string) => Promise<unknown> {
  const file = join(userDataDir, 'secrets.json');
  const memory = new Map<string, string>();
  const load = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  const save = async (all: Record<string, string>) => writeFileDurable(file, JSON.stringify(all, null, 2));

  return async (op, name, value) => {
    if (secretsKind() === 'memory') {
      if (op === 'secrets.get') return memory.get(name) ?? null;
      if (op === 'secrets.set') memory.set(name, value ?? '');
      else memory.delete(name);
      return null;
    }
    const all = load();
    switch (op) {
      case 'secrets.get': {
        const blob = all[name];
        if (!blob) return null;
        // the async API (the sync one is removed in Electron 46); it also rotates keys
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'));
        if (shouldReEncrypt) {
          all[name] = (await safeStorage.encryptStringAsync(result)).toString('base64');
          await save(all);
        }
        return result;
      }
      case 'secrets.set':
        if (value === undefined) throw new FolioError('validation', 'SECRET_VALUE', 'A secret needs a value', 'value');
        all[name] = (await safeStorage.encryptStringAsync(value)).toString('base64');
        await save(all);
        return null;
      case 'secrets.delete':
        delete all[name];
        await save(all);
        return null;
    }
  };
}
