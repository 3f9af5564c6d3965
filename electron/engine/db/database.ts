/**
 * The one database wrapper (over sql.js). A sql.js database lives in memory: a change is durable
 * only once `save()` has written the file (temp file, fsync, rename). Transactions nest through
 * SAVEPOINTs, so an inner rollback undoes only its part and an outer rollback undoes everything.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { BindParams, Database as SqlJsDatabase, SqlValue, Statement } from 'sql.js';
import { FolioError } from '../../../shared/errors';
import { writeFileDurable } from '../fs/durable';
import { loadMigrations, type Migration } from './migrations';
import { loadSqlJs } from './sqljs';

export type Row = Record<string, SqlValue>;
export type Params = BindParams | undefined;

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
}

export class Database {
  private readonly stmts = new Map<string, Statement>();
  private depth = 0;
  private savedChanges = 0;
  private closed = false;
  private saving: Promise<void> | null = null;

  private constructor(
    private readonly db: SqlJsDatabase,
    readonly file: string | null,
    readonly label: string,
    private readonly codec: Codec | undefined,
    readonly schemaVersion: number,
  ) {}

  static async open(opts: OpenOptions): Promise<Database> {
    const SQL = await loadSqlJs();
    let bytes: Uint8Array | undefined;
    if (opts.file && existsSync(opts.file) && statSync(opts.file).size > 0) {
      const stored = readFileSync(opts.file);
      try {
        bytes = opts.codec ? opts.codec.decode(stored) : stored;
      } catch (err) {
        if (err instanceof FolioError) throw err;
        throw new FolioError('integrity', 'DB_DECODE_FAILED', `The ${opts.label} database ${opts.file} cannot be read: ${(err as Error).message}`);
      }
    }
    let raw: SqlJsDatabase;
    try {
      raw = new SQL.Database(bytes);
      raw.exec('PRAGMA foreign_keys = ON;');
      // the database lives in sql.js's in-memory file system and is made durable only by save()
      // (a whole-file export): a rollback journal as a MEMFS file (created, grown, deleted per
      // transaction) buys nothing but JS file-system calls and garbage; keep it in memory
      raw.exec('PRAGMA journal_mode = MEMORY;');
      // and nothing else ever opens that in-memory file: holding the lock spares every statement
      // outside a transaction the lock round trip, hot-journal check and page-1 re-read (≈4× less
      // per small statement)
      raw.exec('PRAGMA locking_mode = EXCLUSIVE;');
      raw.exec('SELECT count(*) FROM sqlite_master');
    } catch (err) {
      throw new FolioError(
        'integrity',
        'DB_UNREADABLE',
        `The ${opts.label} database ${opts.file} is not a readable SQLite database (${(err as Error).message}). It was left untouched.`,
      );
    }
    const migrations = loadMigrations(opts.migrationsDir);
    const version = migrate(raw, migrations, opts.label, opts.file);
    const db = new Database(raw, opts.file, opts.label, opts.codec, version);
    if (opts.file && !bytes) await db.save();
    else if (opts.file && version !== initialVersion(raw)) await db.save();
    db.savedChanges = db.totalChanges();
    return db;
  }

  /** Runs one or more statements without results (DDL, PRAGMA). */
  exec(sql: string): void {
    this.assertOpen();
    this.db.exec(sql);
  }

  /** A prepared statement, cached by its SQL text. */
  prepare(sql: string): Statement {
    this.assertOpen();
    let st = this.stmts.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.stmts.set(sql, st);
    }
    return st;
  }

  run(sql: string, params?: Params): number {
    const st = this.prepare(sql);
    st.run(params);
    return this.db.getRowsModified();
  }

  get<T extends object = Row>(sql: string, params?: Params): T | undefined {
    const st = this.prepare(sql);
    try {
      if (params !== undefined) st.bind(params);
      return st.step() ? (st.getAsObject() as T) : undefined;
    } finally {
      st.reset();
    }
  }

  all<T extends object = Row>(sql: string, params?: Params): T[] {
    const st = this.prepare(sql);
    const out: T[] = [];
    try {
      if (params !== undefined) st.bind(params);
      while (st.step()) out.push(st.getAsObject() as T);
    } finally {
      st.reset();
    }
    return out;
  }

  /** Streams rows without holding them all (the statement is private to the iteration). */
  *iterate<T extends object = Row>(sql: string, params?: Params): Generator<T> {
    this.assertOpen();
    const st = this.db.prepare(sql);
    try {
      if (params !== undefined) st.bind(params);
      while (st.step()) yield st.getAsObject() as T;
    } finally {
      st.free();
    }
  }

  /** A single value (first column of the first row). */
  value<T extends SqlValue = SqlValue>(sql: string, params?: Params): T | undefined {
    const st = this.prepare(sql);
    try {
      if (params !== undefined) st.bind(params);
      return st.step() ? (st.get()[0] as T) : undefined;
    } finally {
      st.reset();
    }
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /**
   * Runs `fn` in a transaction; nested calls become savepoints. `fn` must be synchronous:
   * sql.js is synchronous, and an await inside would let other work interleave.
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
    const st = this.prepare('SELECT total_changes()');
    try {
      st.step();
      return st.get()[0] as number;
    } finally {
      st.reset();
    }
  }

  /** True when there are changes not yet saved. */
  get dirty(): boolean {
    return !this.closed && this.totalChanges() !== this.savedChanges;
  }

  /**
   * Writes the database to its file durably. Never inside a transaction (the export would not
   * hold the uncommitted part, and a caller would wrongly believe it durable).
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
    const bytes = this.db.export();
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

  /** The raw bytes of the database (for the encryption migration, backups and tests). */
  exportBytes(): Uint8Array {
    this.assertOpen();
    return this.db.export();
  }

  close(): void {
    if (this.closed) return;
    for (const st of this.stmts.values()) st.free();
    this.stmts.clear();
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

function initialVersion(raw: SqlJsDatabase): number {
  return raw.exec('PRAGMA user_version')[0]?.values[0]?.[0] as number;
}

/** Applies the migrations not yet applied; refuses a database made by a newer app. */
function migrate(raw: SqlJsDatabase, migrations: Migration[], label: string, file: string | null): number {
  raw.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set<number>(
    (raw.exec('SELECT version FROM schema_migrations')[0]?.values ?? []).map((r) => r[0] as number),
  );
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
      raw.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      raw.exec(`PRAGMA user_version = ${m.version}`);
      raw.exec('COMMIT');
    } catch (err) {
      raw.exec('ROLLBACK');
      throw new FolioError('internal', 'MIGRATION_FAILED', `${label} migration ${m.version}_${m.name} failed: ${(err as Error).message}`);
    }
  }
  return Math.max(known, newest);
}
