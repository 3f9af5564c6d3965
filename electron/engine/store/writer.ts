/**
 * The ledger's group-commit writer.
 *
 * sql.js keeps the ledger in memory: a row is durable only once `Database.save()` has written
 * the whole file (export, temp file, fsync, rename). Exporting once per statement would cost
 * O(ledger size) per statement, so writers share saves:
 *
 *   1. a writer changes the ledger in a synchronous `db.transaction(...)` (never awaits inside),
 *   2. then `await writer.commit()`: resolves once a save that STARTED AFTER the call has
 *      finished, i.e. a save whose export holds the writer's rows.
 *
 * Many callers that call `commit()` while a save is running all wait for the single next save;
 * a save is never started inside a transaction (the export would miss the open part).
 * `commit()` rejects when that save fails: the caller must then not report its rows as done.
 */
import type { Database } from '../db/database';

/** Work that must be durable before a save (the store's folders of files written in a batch). */
export interface BeforeSave {
  readonly size: number;
  flush(): Promise<void>;
  /** what is still pending, synchronously, right before the export */
  flushSync(): void;
}

export interface CommitStats {
  saves: number;
  lastSaveMs: number;
  totalSaveMs: number;
}

export class LedgerWriter {
  /** the save that will start next, shared by every caller that asked since the last start */
  private next: Promise<void> | null = null;
  /** the save running now */
  private running: Promise<void> | null = null;
  private closed = false;
  readonly stats: CommitStats = { saves: 0, lastSaveMs: 0, totalSaveMs: 0 };

  constructor(
    readonly db: Database,
    /** extra wait before a save starts, to gather more rows (0: the next macrotask) */
    private readonly gatherMs = 0,
    /** made durable before every save: a saved row never points at a file that is not */
    private readonly beforeSave?: BeforeSave,
  ) {}

  /** Resolves after a save that started after this call (and so holds every change made before it). */
  commit(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The ledger writer is closed'));
    if (!this.next) this.next = this.schedule();
    return this.next;
  }

  /** Schedules a save without waiting for it; errors are reported as a process warning. */
  commitSoon(): void {
    this.commit().catch((err: unknown) => process.emitWarning(`Folio: ledger save failed: ${(err as Error).message}`));
  }

  private lazy: NodeJS.Timeout | null = null;
  /**
   * A save within `ms` (default 2 s) unless one happens sooner: for small records (audit entries of
   * previews and views) that must not each cost a whole-ledger save.
   */
  commitLater(ms = 2000): void {
    if (this.lazy || this.closed) return;
    this.lazy = setTimeout(() => {
      this.lazy = null;
      if (!this.closed && !this.db.isClosed && this.db.dirty) this.commitSoon();
    }, ms);
    this.lazy.unref();
  }

  private async schedule(): Promise<void> {
    // wait for the running save (its export may predate our caller's rows), then gather a little
    if (this.running) await this.running.catch(() => undefined);
    await new Promise<void>((r) => (this.gatherMs > 0 ? setTimeout(r, this.gatherMs) : setImmediate(r)));
    // from here on, a new commit() call must wait for the save after this one
    this.next = null;
    let ms = 0;
    const run = (async () => {
      // (`running` covers the flush too: a later save waits for this one before it starts)
      if (this.beforeSave?.size) await this.beforeSave.flush();
      // sql.js is synchronous: a transaction can only be open here if a caller awaited inside it
      while (this.db.inTransaction) await new Promise<void>((r) => setImmediate(r));
      // files written while the flush ran: synced now, with no await before the export
      this.beforeSave?.flushSync();
      const started = performance.now();
      await this.db.save();
      ms = performance.now() - started;
    })();
    this.running = run;
    try {
      await run;
      this.stats.saves++;
      this.stats.lastSaveMs = ms;
      this.stats.totalSaveMs += ms;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  /** Waits for pending saves, then saves what is still unsaved. */
  async close(): Promise<void> {
    if (this.lazy) clearTimeout(this.lazy);
    this.lazy = null;
    if (this.next) await this.next.catch(() => undefined);
    if (this.running) await this.running.catch(() => undefined);
    this.closed = true;
    if (!this.db.isClosed) {
      if (this.beforeSave?.size) await this.beforeSave.flush();
      this.beforeSave?.flushSync();
      await this.db.saveIfDirty();
    }
  }
}
