-- The ledger: precious, never rebuilt. This migration: the append-only audit log, hash-chained.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
