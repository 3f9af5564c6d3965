import { randomBytes } from 'node:crypto';
import { promises as fsp, closeSync, fsyncSync, openSync, renameSync, writeSync, mkdirSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
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

/**
 * Folders whose new entries (files linked into them) are not durable yet: a group of exclusive
 * writes (a batch) skips the folder fsync per file and syncs each folder once, before the save
 * that records the files (see LedgerWriter). It also remembers the folders known to exist.
 */
export class PendingDirSyncs {
  private readonly dirs = new Set<string>();
  private readonly known = new Set<string>();

  get size(): number {
    return this.dirs.size;
  }

  add(dir: string): void {
    if (process.platform !== 'win32') this.dirs.add(dir);
  }

  /** true when the folder was made (or seen) by an earlier write of this group */
  exists(dir: string): boolean {
    return this.known.has(dir);
  }

  markExists(dir: string, exists: boolean): void {
    if (exists) this.known.add(dir);
    else this.known.delete(dir);
  }

  /** fsyncs the folders pending now (writes made meanwhile stay pending: see flushSync) */
  async flush(): Promise<void> {
    const dirs = [...this.dirs];
    this.dirs.clear();
    await Promise.all(dirs.map((d) => syncDir(d)));
  }

  /** the same, synchronously: what was linked while `flush` ran, just before an export */
  flushSync(): void {
    const dirs = [...this.dirs];
    this.dirs.clear();
    for (const d of dirs) syncDirSync(d);
  }
}

export interface ExclusiveOptions {
  /**
   * Leave the folder's fsync to the group (`PendingDirSyncs`): the file's own bytes are still
   * fsynced before it gets its name, so a file under its final name is always complete.
   */
  deferDirSync?: PendingDirSyncs;
}

/** Create a file that must not exist yet (statement files are never overwritten). */
export async function writeFileExclusive(file: string, data: Uint8Array, opts: ExclusiveOptions = {}): Promise<void> {
  const dir = dirname(file);
  const group = opts.deferDirSync;
  if (!group?.exists(dir)) await fsp.mkdir(dir, { recursive: true });
  group?.markExists(dir, true);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await fsp.open(tmp, 'wx', 0o600);
  } catch (err) {
    // the folder went away since this group made it: make it again
    if (!group || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    group.markExists(dir, false);
    await fsp.mkdir(dir, { recursive: true });
    group.markExists(dir, true);
    handle = await fsp.open(tmp, 'wx', 0o600);
  }
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
    // (unlink, not rm: rm first lstats the path, one more file-system call per statement file)
    await fsp.unlink(tmp).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  if (group) group.add(dir);
  else await syncDir(dir);
}

export async function syncDir(dir: string): Promise<void> {
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

function syncDirSync(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // as syncDir
  }
}
