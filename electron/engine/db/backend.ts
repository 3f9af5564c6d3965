/**
 * What the Database wrapper needs from a SQLite engine. Two engines implement it:
 * - `node:sqlite` (file-backed, WAL): the database stays on disk and only SQLite's page cache is
 *   in memory, so a 300 MB cache and a growing ledger cost a few MB of RAM, and a commit writes
 *   only the pages it changed. Used for plain (unencrypted) data folders whenever the runtime has
 *   it (Node ≥ 22.13; Electron's utilityProcess embeds such a Node).
 * - sql.js (SQLite compiled to WebAssembly, in memory): the whole database lives in memory and a
 *   save writes the whole file. Used for encrypted folders (the file is one AES-GCM sealed blob),
 *   and wherever `node:sqlite` is missing.
 */
export type SqlValue = number | string | Uint8Array | null;
export type Row = Record<string, SqlValue>;
/** Positional parameters (`?`). Booleans are bound as 0/1, undefined as NULL, as sql.js does. */
export type Params = ReadonlyArray<SqlValue | boolean | undefined> | undefined;

export type BackendKind = 'node:sqlite' | 'sql.js';

export interface Backend {
  readonly kind: BackendKind;
  /** true when commits write the file itself (no whole-file save needed) */
  readonly fileBacked: boolean;
  /** Runs statements without results (DDL, PRAGMA, several separated by `;`). */
  exec(sql: string): void;
  /** Runs one statement; the number of rows it changed. */
  run(sql: string, params: Params): number;
  get(sql: string, params: Params): Row | undefined;
  all(sql: string, params: Params): Row[];
  /** The first column of the first row (only that row is read). */
  value(sql: string, params: Params): SqlValue | undefined;
  /** All rows as arrays of values in column order (no object per row). */
  arrays(sql: string, params: Params): SqlValue[][];
  /** Rows one at a time, on a statement of its own (safe to nest with other queries). */
  iterate(sql: string, params: Params): Generator<Row>;
  /** Makes committed changes durable (sql.js: nothing to do here; see Database.save). */
  checkpoint(): void;
  /** The database as one SQLite file image. */
  exportBytes(): Uint8Array;
  close(): void;
}
