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
  return safeStorage.isEncryptionAvailable() ? 'safeStorage' : 'memory';
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
        return blob ? safeStorage.decryptString(Buffer.from(blob, 'base64')) : null;
      }
      case 'secrets.set':
        if (value === undefined) throw new FolioError('validation', 'SECRET_VALUE', 'A secret needs a value', 'value');
        all[name] = safeStorage.encryptString(value).toString('base64');
        await save(all);
        return null;
      case 'secrets.delete':
        delete all[name];
        await save(all);
        return null;
    }
  };
}
