import { randomBytes } from 'node:crypto';
import { promises as fsp, closeSync, fsyncSync, openSync, renameSync, writeSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Durable write: write to a temp file in the same folder, fsync it, rename over the target,
 * fsync the folder. A crash at any point leaves either the old file or the new one, never half.
 */
export async function writeFileDurable(file: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(file);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/** The same, synchronously (for exit paths that cannot await). */
export function writeFileDurableSync(file: string, data: Uint8Array | string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/** Create a file that must not exist yet (statement files are never overwritten). */
export async function writeFileExclusive(file: string, data: Uint8Array): Promise<void> {
  const dir = dirname(file);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    // link() fails when the target exists: never overwrites, unlike rename()
    await fsp.link(tmp, file);
  } finally {
    await fsp.rm(tmp, { force: true });
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be fsynced on Windows
  try {
    const h = await fsp.open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // some file systems refuse fsync on directories; the rename is still atomic
  }
}
