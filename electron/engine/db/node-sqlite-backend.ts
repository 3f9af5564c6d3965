/**
 * The file-backed engine: Node's built-in SQLite (`node:sqlite`) on the database file itself, in
 * WAL mode. Only SQLite's page cache is in memory; a commit appends the changed pages to the WAL.
 * `checkpoint()` (what Database.save calls) syncs the WAL and copies it into the file, so a change
 * is durable, even across a power cut, once the save that follows it returns, as with sql.js.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { readFileHead } from '../fs/head';
import type { Backend, Params, Row, SqlValue } from './backend';

type SqliteModule = typeof import('node:sqlite');
let loaded: SqliteModule | null | undefined;

/** node:sqlite, or null when this runtime does not have it (without its experimental warning). */
export function nodeSqlite(): SqliteModule | null {
  if (loaded !== undefined) return loaded;
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning?.message;
    if (typeof text === 'string' && text.includes('SQLite is an experimental feature')) return;
    return (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    loaded = (process.getBuiltinModule?.('node:sqlite') as SqliteModule | undefined) ?? null;
  } catch {
    loaded = null;
  } finally {
    process.emitWarning = emit;
  }
  return loaded;
}

/** `file` null: an in-memory database (tests). */
export function openNodeSqlite(mod: SqliteModule, file: string | null): Backend {
  if (file && !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    closeSync(openSync(file, 'wx', 0o600));
  } // private from the start; SQLite gives its WAL the same mode
  const db = new mod.DatabaseSync(file ?? ':memory:', { enableForeignKeyConstraints: true, enableDoubleQuotedStringLiterals: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    if (file) {
      db.exec('PRAGMA journal_mode = WAL');
      // commits are not synced one by one: Database.save (after a group of them) checkpoints,
      // which syncs the WAL, then the file (SQLite's NORMAL in WAL mode)
      db.exec('PRAGMA synchronous = NORMAL');
      // the app checkpoints at each save; SQLite's own automatic checkpoint stays as a bound
      db.exec('PRAGMA wal_autocheckpoint = 10000');
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return new NodeSqliteBackend(db, file);
}

/**
 * Folds a left-over WAL (after a crash) into its database file and switches the file to
 * rollback-journal mode, so that its bytes alone are the whole database (before it is sealed).
 */
export function settleDatabaseFile(mod: SqliteModule | null, file: string): void {
  if (!mod || !existsSync(file)) return;
  let head: Buffer;
  try {
    head = readFileHead(file, 100);
  } catch {
    return;
  }
  if (head.toString('latin1', 0, 15) !== 'SQLite format 3') return;
  if (head[18] !== 2 && !existsSync(`${file}-wal`)) return;
  const db = new mod.DatabaseSync(file);
  try {
    db.exec('PRAGMA journal_mode = DELETE');
  } finally {
    db.close();
  }
  for (const extra of [`${file}-wal`, `${file}-shm`]) rmSync(extra, { force: true });
}

/** sql.js's binding rules: whole numbers as INTEGER (node:sqlite would bind every number as REAL). */
function bind(params: Params): Array<SqlValue | bigint> {
  if (!params) return [];
  const out = new Array<SqlValue | bigint>(params.length);
  for (let i = 0; i < params.length; i++) {
    const v = params[i];
    out[i] = v === undefined ? null : typeof v === 'boolean' ? (v ? 1n : 0n) : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : (v as SqlValue);
  }
  return out;
}

interface Prepared {
  st: StatementSync;
  names: string[] | null;
}

class NodeSqliteBackend implements Backend {
  readonly kind = 'node:sqlite' as const;
  readonly fileBacked: boolean;
  private readonly stmts = new Map<string, Prepared>();

  constructor(
    private readonly db: DatabaseSync,
    private readonly file: string | null,
  ) {
    this.fileBacked = file !== null;
  }

  private prepare(sql: string): Prepared {
    let p = this.stmts.get(sql);
    if (!p) {
      const st = this.db.prepare(sql);
      st.setReturnArrays(true);
      p = { st, names: null };
      this.stmts.set(sql, p);
    }
    return p;
  }

  /** A plain object from a value array, the statement's column names read once. */
  private static object(p: Prepared, values: SqlValue[]): Row {
    const names = (p.names ??= p.st.columns().map((c) => c.name));
    const row: Row = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = values[i]!;
    return row;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  run(sql: string, params: Params): number {
    return Number(this.prepare(sql).st.run(...bind(params)).changes);
  }

  get(sql: string, params: Params): Row | undefined {
    const p = this.prepare(sql);
    const values = p.st.get(...bind(params)) as unknown as SqlValue[] | undefined;
    return values ? NodeSqliteBackend.object(p, values) : undefined;
  }

  all(sql: string, params: Params): Row[] {
    const p = this.prepare(sql);
    return (p.st.all(...bind(params)) as unknown as SqlValue[][]).map((values) => NodeSqliteBackend.object(p, values));
  }

  value(sql: string, params: Params): SqlValue | undefined {
    return (this.prepare(sql).st.get(...bind(params)) as unknown as SqlValue[] | undefined)?.[0];
  }

  arrays(sql: string, params: Params): SqlValue[][] {
    return this.prepare(sql).st.all(...bind(params)) as unknown as SqlValue[][];
  }

  *iterate(sql: string, params: Params): Generator<Row> {
    // a statement of its own: the caller may run other queries (even this one) while iterating
    const p: Prepared = { st: this.db.prepare(sql), names: null };
    p.st.setReturnArrays(true);
    for (const values of p.st.iterate(...bind(params)) as unknown as Iterable<SqlValue[]>) {
      yield NodeSqliteBackend.object(p, values);
    }
  }

  checkpoint(): void {
    if (this.file) this.db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  }

  exportBytes(): Uint8Array {
    // the committed state as one file: folding the WAL into the file would change the file under
    // other readers; VACUUM INTO writes a fresh copy instead
    const tmp = join(this.file ? dirname(this.file) : tmpdir(), `.folio-export-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      this.db.exec(`VACUUM INTO '${tmp.replace(/'/g, "''")}'`);
      return new Uint8Array(readFileSync(tmp));
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  close(): void {
    this.stmts.clear();
    this.db.close();
  }
}
