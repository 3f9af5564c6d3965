/**
 * The one database wrapper, over one of two SQLite engines (see backend.ts): `node:sqlite` on the
 * file itself (plain folders) or sql.js in memory (encrypted folders, runtimes without
 * node:sqlite). Either way a change is durable once `save()` has returned: node:sqlite syncs and
 * checkpoints its WAL; sql.js writes the whole exported file (temp file, fsync, rename).
 * Transactions nest through SAVEPOINTs, so an inner rollback undoes only its part and an outer
 * rollback undoes everything.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { FolioError } from '../../../shared/errors';
import type { Backend, BackendKind, Params, Row, SqlValue } from './backend';
import { syncDir, writeFileDurable } from '../fs/durable';
import { loadMigrations, type Migration } from './migrations';
import { nodeSqlite, openNodeSqlite } from './node-sqlite-backend';
import { openSqlJs } from './sqljs-backend';

export type { Params, Row, SqlValue } from './backend';

/** Turns file bytes into database bytes and back (encryption at rest plugs in here). */
export interface Codec {
  encode(plain: Uint8Array): Uint8Array;
  decode(stored: Uint8Array): Uint8Array;
}

export interface OpenOptions {
  /** null: an in-memory database that is never saved (tests) */
  file: string | null;
  /** folder of numbered migrations (resources/migrations/<db>) */
  migrationsDir: string;
  /** a label for messages: "cache", "ledger" */
  label: string;
  codec?: Codec;
  /**
   * 'auto' (default): node:sqlite when the runtime has it and the file is not sealed by a codec,
   * else sql.js. FOLIO_DB_ENGINE=sql.js forces sql.js (to compare, or to work around a problem).
   */
  engine?: 'auto' | BackendKind;
}

export class Database {
  private depth = 0;
  private savedChanges = 0;
  private closed = false;
  private saving: Promise<void> | null = null;

  private constructor(
    private readonly db: Backend,
    readonly file: string | null,
    readonly label: string,
    private readonly codec: Codec | undefined,
    readonly schemaVersion: number,
  ) {}

  /** Which engine holds this database: 'node:sqlite' (on disk) or 'sql.js' (in memory). */
  get engine(): BackendKind {
    return this.db.kind;
  }

  static async open(opts: OpenOptions): Promise<Database> {
    const mod = opts.codec || opts.engine === 'sql.js' ? null : nodeSqlite();
    // (an encrypted folder is always sql.js: its file is one sealed blob)
    if (opts.engine === 'node:sqlite' && !opts.codec && !mod) {
      throw new FolioError('internal', 'DB_ENGINE_MISSING', `The ${opts.label} database cannot use node:sqlite: this runtime does not have it (FOLIO_DB_ENGINE=auto falls back to sql.js)`);
    }
    const fresh = !opts.file || !existsSync(opts.file) || statSync(opts.file).size === 0;
    let raw: Backend;
    if (mod) {
      try {
        raw = openNodeSqlite(mod, opts.file);
        raw.get('SELECT count(*) FROM sqlite_master', []);
      } catch (err) {
        throw unreadable(opts, err);
      }
      if (opts.file && fresh) await syncDir(dirname(opts.file)); // the new file (and its WAL) is in its folder for good
    } else {
      let bytes: Uint8Array | undefined;
      if (opts.file && !fresh) {
        const stored = readFileSync(opts.file);
        try {
          bytes = opts.codec ? opts.codec.decode(stored) : stored;
        } catch (err) {
          if (err instanceof FolioError) throw err;
          throw new FolioError('integrity', 'DB_DECODE_FAILED', `The ${opts.label} database ${opts.file} cannot be read: ${(err as Error).message}`);
        }
      }
      try {
        raw = await openSqlJs(bytes);
        raw.get('SELECT count(*) FROM sqlite_master', []);
      } catch (err) {
        throw unreadable(opts, err);
      }
    }
    let version: number;
    try {
      raw.exec('PRAGMA foreign_keys = ON;');
      version = migrate(raw, loadMigrations(opts.migrationsDir), opts.label, opts.file);
    } catch (err) {
      raw.close();
      throw err;
    }
    const db = new Database(raw, opts.file, opts.label, opts.codec, version);
    if (opts.file && (fresh || db.totalChanges() > 0)) await db.save();
    db.savedChanges = db.totalChanges();
    return db;
  }

  /** Runs one or more statements without results (DDL, PRAGMA). */
  exec(sql: string): void {
    this.assertOpen();
    this.db.exec(sql);
  }

  /** Runs one statement (prepared once per SQL text); the number of rows it changed. */
  run(sql: string, params?: Params): number {
    this.assertOpen();
    return this.db.run(sql, params);
  }

  get<T extends object = Row>(sql: string, params?: Params): T | undefined {
    this.assertOpen();
    return this.db.get(sql, params) as T | undefined;
  }

  all<T extends object = Row>(sql: string, params?: Params): T[] {
    this.assertOpen();
    return this.db.all(sql, params) as T[];
  }

  /** All rows as arrays of values in column order: no object per row (large scans). */
  arrays(sql: string, params?: Params): SqlValue[][] {
    this.assertOpen();
    return this.db.arrays(sql, params);
  }

  /** Streams rows without holding them all (the statement is private to the iteration). */
  *iterate<T extends object = Row>(sql: string, params?: Params): Generator<T> {
    this.assertOpen();
    yield* this.db.iterate(sql, params) as Generator<T>;
  }

  /** A single value (first column of the first row). */
  value<T extends SqlValue = SqlValue>(sql: string, params?: Params): T | undefined {
    this.assertOpen();
    return this.db.value(sql, params) as T | undefined;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /**
   * Runs `fn` in a transaction; nested calls become savepoints. `fn` must be synchronous:
   * both engines are synchronous, and an await inside would let other work interleave.
   */
  transaction<T>(fn: () => T): T {
    this.assertOpen();
    const name = `sp${this.depth}`;
    this.db.exec(`SAVEPOINT ${name}`);
    this.depth++;
    let result: T;
    try {
      result = fn();
      if (result instanceof Promise) {
        throw new FolioError('internal', 'ASYNC_TRANSACTION', 'A database transaction body must be synchronous');
      }
    } catch (err) {
      this.depth--;
      this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw err;
    }
    this.depth--;
    this.db.exec(`RELEASE ${name}`);
    return result;
  }

  private totalChanges(): number {
    return this.db.value('SELECT total_changes()', []) as number;
  }

  /** True when there are changes not yet saved. */
  get dirty(): boolean {
    return !this.closed && this.totalChanges() !== this.savedChanges;
  }

  /**
   * Makes every committed change durable. Never inside a transaction (the uncommitted part would
   * not be in it, and a caller would wrongly believe it durable).
   */
  async save(): Promise<void> {
    this.assertOpen();
    if (!this.file) return;
    if (this.depth > 0) {
      throw new FolioError('internal', 'SAVE_IN_TRANSACTION', `The ${this.label} database cannot be saved inside a transaction`);
    }
    // saves are serialised: a second caller waits for the first, then saves what is new
    while (this.saving) await this.saving;
    const changes = this.totalChanges();
    if (this.db.fileBacked) {
      // sync the WAL, copy it into the file, sync the file: only the pages changed since the last save
      this.db.checkpoint();
      this.savedChanges = Math.max(this.savedChanges, changes);
      return;
    }
    const bytes = this.db.exportBytes();
    const data = this.codec ? this.codec.encode(bytes) : bytes;
    this.saving = writeFileDurable(this.file, data);
    try {
      await this.saving;
      this.savedChanges = Math.max(this.savedChanges, changes);
    } finally {
      this.saving = null;
    }
  }

  /** Saves only when something changed. */
  async saveIfDirty(): Promise<boolean> {
    if (!this.dirty) return false;
    await this.save();
    return true;
  }

  /** The committed database as one SQLite file image (for the encryption migration, backups and tests). */
  exportBytes(): Uint8Array {
    this.assertOpen();
    return this.db.exportBytes();
  }

  close(): void {
    if (this.closed) return;
    this.db.close();
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new FolioError('internal', 'DB_CLOSED', `The ${this.label} database is closed`);
  }
}

function unreadable(opts: OpenOptions, err: unknown): FolioError {
  return new FolioError(
    'integrity',
    'DB_UNREADABLE',
    `The ${opts.label} database ${opts.file} is not a readable SQLite database (${(err as Error).message}). It was left untouched.`,
  );
}

/** Applies the migrations not yet applied; refuses a database made by a newer app. */
function migrate(raw: Backend, migrations: Migration[], label: string, file: string | null): number {
  raw.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set<number>(raw.arrays('SELECT version FROM schema_migrations', []).map((r) => r[0] as number));
  const known = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new FolioError(
      'conflict',
      'DB_FROM_NEWER_APP',
      `The ${label} database ${file ?? ''} was written by a newer version of Folio (schema ${newest}; this version knows up to ${known}). Update Folio to open it; the file was left untouched.`,
    );
  }
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    raw.exec('BEGIN');
    try {
      raw.exec(m.sql);
      raw.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      raw.exec(`PRAGMA user_version = ${m.version}`);
      raw.exec('COMMIT');
    } catch (err) {
      raw.exec('ROLLBACK');
      throw new FolioError('internal', 'MIGRATION_FAILED', `${label} migration ${m.version}_${m.name} failed: ${(err as Error).message}`);
    }
  }
  return Math.max(known, newest);
}
