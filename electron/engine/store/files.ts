/**
 * The local file store: `store/{yyyy}/{mm}/{ref}.{ext}` under the data folder, one file per
 * reference, written once (never overwritten) and encrypted at rest when the encryption service
 * gives a file codec. Checksums are always of the plain (decrypted) bytes: the bytes the user gets.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { FolioError } from '../../../shared/errors';
import type { Codec } from '../db/database';
import { encryption } from '../crypto';
import type { Engine } from '../engine';
import { writeFileExclusive, type ExclusiveOptions } from '../fs/durable';

export const FORMAT_EXT: Record<string, { ext: string; mime: string }> = {
  pdf: { ext: 'pdf', mime: 'application/pdf' },
  html: { ext: 'html', mime: 'text/html; charset=utf-8' },
  text: { ext: 'txt', mime: 'text/plain; charset=utf-8' },
};

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The store path of a statement file, relative to the store folder (what the ledger records). */
export function storeRelPath(ref: string, generatedDt: string, ext: string): string {
  const yyyy = generatedDt.slice(0, 4);
  const mm = generatedDt.slice(5, 7);
  return [yyyy, mm, `${ref}.${ext}`].join('/');
}

/** Resolves a recorded file path inside the store; refuses anything that points outside it. */
export function storeAbsPath(storeDir: string, rel: string): string {
  const abs = resolve(storeDir, rel);
  const inside = relative(storeDir, abs);
  if (!inside || inside.startsWith('..') || inside.startsWith(sep) || inside.includes(`..${sep}`)) {
    throw new FolioError('integrity', 'STORE_PATH_OUTSIDE', `The recorded file path ${rel} is outside the store`);
  }
  return abs;
}

async function fileCodec(engine: Engine): Promise<Codec | undefined> {
  return (await engine.use(encryption)).fileCodec();
}

/**
 * Writes a new statement file (exclusive: an existing file is a conflict, never overwritten).
 * `deferDirSync` (batches): the folder is fsynced with the group, before the ledger save that
 * records the file, instead of once per file.
 */
export async function writeStoreFile(engine: Engine, storeDir: string, rel: string, plain: Uint8Array, opts: ExclusiveOptions = {}): Promise<string> {
  const abs = storeAbsPath(storeDir, rel);
  const codec = await fileCodec(engine);
  const stored = codec ? codec.encode(plain) : plain;
  try {
    await writeFileExclusive(abs, stored, opts);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new FolioError('conflict', 'STORE_FILE_EXISTS', `The store already holds ${rel}; statement files are never overwritten`);
    }
    throw new FolioError('io', 'STORE_WRITE_FAILED', `Could not write ${abs}: ${(err as Error).message}`);
  }
  return abs;
}

/** Reads a stored file back as plain bytes, or null when it is not there. */
export async function readStoreFile(engine: Engine, storeDir: string, rel: string): Promise<Uint8Array | null> {
  const abs = storeAbsPath(storeDir, rel);
  if (!existsSync(abs)) return null;
  const stored = new Uint8Array(await fsp.readFile(abs));
  const codec = await fileCodec(engine);
  if (!codec) return stored;
  try {
    return codec.decode(stored);
  } catch (err) {
    throw new FolioError('integrity', 'STORE_DECRYPT_FAILED', `The stored file ${rel} cannot be decrypted: ${(err as Error).message}`);
  }
}

/** Every statement file under the store (quarantine and temp files excluded), as store-relative paths. */
export async function listStoreFiles(storeDir: string): Promise<string[]> {
  const out: string[] = [];
  if (!existsSync(storeDir)) return out;
  const walk = async (dir: string): Promise<void> => {
    for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (dir === storeDir && e.name === 'quarantine') continue;
        await walk(abs);
      } else if (e.isFile()) {
        out.push(relative(storeDir, abs).split(sep).join('/'));
      }
    }
  };
  await walk(storeDir);
  return out;
}
