/**
 * One writer per ledger. In an encrypted folder the ledger is held in memory and saved whole, so
 * two processes writing the same file would silently drop each other's rows; in any folder the
 * start-up reconciliation and the upload queue assume one owner. So the process that opens the
 * ledger for writing holds `ledger.lock` (created exclusively, holding its pid).
 * A lock whose process is gone (a crash, SIGKILL) is stale and taken over.
 */
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { FolioError } from '../../../shared/errors';

interface LockInfo {
  pid: number;
  host: string;
  at: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

export interface LedgerLock {
  release(): void;
  /** true when a lock left by a process that stopped uncleanly was taken over */
  tookOverStale: boolean;
}

/** lock files held by this process (a second engine in the same process is refused too) */
const heldHere = new Set<string>();

/** Takes the lock or throws a clear conflict naming the process that holds it. */
export function acquireLedgerLock(file: string): LedgerLock {
  if (heldHere.has(file)) {
    throw new FolioError('conflict', 'LEDGER_IN_USE', `The ledger is already open in this process (${file}); close the other engine first`);
  }
  let stale = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }));
        // durable: after a power loss the lock is still there, so the next start scans the store
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      let released = false;
      heldHere.add(file);
      return {
        tookOverStale: stale,
        release: () => {
          if (released) return;
          released = true;
          heldHere.delete(file);
          const info = readLock(file);
          if (info?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const info = readLock(file);
      const sameHost = !info || info.host === hostname();
      if (info && info.pid !== process.pid && sameHost && alive(info.pid)) {
        throw new FolioError(
          'conflict',
          'LEDGER_IN_USE',
          `The ledger is in use by another Folio process (pid ${info.pid}, since ${info.at}); close it and try again`,
        );
      }
      if (info && !sameHost) {
        throw new FolioError('conflict', 'LEDGER_IN_USE', `The ledger is in use by Folio on ${info.host} (pid ${info.pid}); close it there first`);
      }
      // stale (its process is gone) or unreadable (a crash while writing it): take it over
      rmSync(file, { force: true });
      stale = true;
    }
  }
  throw new FolioError('conflict', 'LEDGER_IN_USE', `Could not take the ledger lock ${file}`);
}
