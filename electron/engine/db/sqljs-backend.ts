/**
 * The sql.js engine: the database lives in memory (in sql.js's in-memory file system); Database.save
 * makes it durable by writing the whole exported file (temp, fsync, rename), through the folder's
 * codec when the folder is encrypted.
 */
import type { Database as SqlJsDatabase, Statement } from 'sql.js';
import type { Backend, Params, Row, SqlValue } from './backend';
import { loadSqlJs } from './sqljs';

export async function openSqlJs(bytes: Uint8Array | undefined): Promise<Backend> {
  const SQL = await loadSqlJs();
  const raw = new SQL.Database(bytes ? asRollbackJournal(bytes) : undefined);
  // the database is made durable only by a whole-file export: a rollback journal as a MEMFS file
  // (created, grown, deleted per transaction) buys nothing but JS file-system calls and garbage;
  // keep it in memory
  raw.exec('PRAGMA journal_mode = MEMORY;');
  // and nothing else ever opens that in-memory file: holding the lock spares every statement
  // outside a transaction the lock round trip, hot-journal check and page-1 re-read
  raw.exec('PRAGMA locking_mode = EXCLUSIVE;');
  return new SqlJsBackend(raw);
}

/**
 * A file last written by the file-backed engine says "WAL" in its header (bytes 18–19 = 2); its
 * WAL was checkpointed into it when it was closed or sealed. sql.js cannot open WAL (no shared
 * memory), so the header is set back to rollback-journal mode (1), which is what the content is.
 */
function asRollbackJournal(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 100 || bytes[18] !== 2 || bytes[19] !== 2) return bytes;
  const copy = new Uint8Array(bytes);
  copy[18] = 1;
  copy[19] = 1;
  return copy;
}

const bindable = (params: Params): SqlValue[] => (params ?? []).map((v) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v));

class SqlJsBackend implements Backend {
  readonly kind = 'sql.js' as const;
  readonly fileBacked = false;
  private readonly stmts = new Map<string, Statement>();

  constructor(private readonly db: SqlJsDatabase) {}

  private prepare(sql: string): Statement {
    let st = this.stmts.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.stmts.set(sql, st);
    }
    return st;
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  run(sql: string, params: Params): number {
    this.prepare(sql).run(bindable(params));
    return this.db.getRowsModified();
  }

  get(sql: string, params: Params): Row | undefined {
    const st = this.prepare(sql);
    try {
      st.bind(bindable(params));
      return st.step() ? (st.getAsObject() as Row) : undefined;
    } finally {
      st.reset();
    }
  }

  all(sql: string, params: Params): Row[] {
    const st = this.prepare(sql);
    const out: Row[] = [];
    try {
      st.bind(bindable(params));
      // column names read once (getAsObject asks for them on every row, which costs more than
      // the row itself on large results)
      let names: string[] | null = null;
      while (st.step()) {
        names ??= st.getColumnNames();
        const values = st.get();
        const row: Row = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = values[i] as SqlValue;
        out.push(row);
      }
    } finally {
      st.reset();
    }
    return out;
  }

  value(sql: string, params: Params): SqlValue | undefined {
    const st = this.prepare(sql);
    try {
      st.bind(bindable(params));
      return st.step() ? (st.get()[0] as SqlValue) : undefined;
    } finally {
      st.reset();
    }
  }

  arrays(sql: string, params: Params): SqlValue[][] {
    const st = this.prepare(sql);
    const out: SqlValue[][] = [];
    try {
      st.bind(bindable(params));
      while (st.step()) out.push(st.get() as SqlValue[]);
    } finally {
      st.reset();
    }
    return out;
  }

  *iterate(sql: string, params: Params): Generator<Row> {
    const st = this.db.prepare(sql);
    try {
      st.bind(bindable(params));
      while (st.step()) yield st.getAsObject() as Row;
    } finally {
      st.free();
    }
  }

  checkpoint(): void {}

  exportBytes(): Uint8Array {
    return this.db.export();
  }

  close(): void {
    for (const st of this.stmts.values()) st.free();
    this.stmts.clear();
    this.db.close();
  }
}
