-- Batch runs (owner: batch). A run is a record: what was asked (filters), what happened (counts,
-- status, start and end, who, where) and, per statement, its outcome (subject, ref, findings).
-- Resumability does not rest on these rows alone: a subject is "done" when the ledger holds a
-- COMPLETED generated_statement with its subject_key (see docs/batch.md).
CREATE TABLE batch_run (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('billing','client','settlement','ar-aging')),
  -- the BatchInput as JSON (shared/contract/batch.ts)
  filters TEXT NOT NULL,
  -- the same batch asked twice has the same run_key (filters without concurrency/shard)
  run_key TEXT NOT NULL,
  shard_index INTEGER, shard_count INTEGER,
  status TEXT NOT NULL CHECK (status IN ('RUNNING','PAUSED','CANCELLED','COMPLETED','FAILED','INTERRUPTED')),
  planned INTEGER NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  started_by TEXT NOT NULL,
  host TEXT NOT NULL,
  message TEXT
);
CREATE INDEX batch_run_started ON batch_run (started_at);
CREATE INDEX batch_run_key ON batch_run (run_key, started_at);

-- One row per subject the run dealt with (written with the statement's own ledger rows, in the
-- same group commit). status: COMPLETED (made by this run), FAILED (validation or rendering),
-- SKIPPED (already made earlier: statement_ref points at the existing statement).
CREATE TABLE batch_item (
  run_id TEXT NOT NULL REFERENCES batch_run (id),
  seq INTEGER NOT NULL,
  subject_key TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  subject_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('COMPLETED','FAILED','SKIPPED')),
  statement_ref TEXT,
  error_count INTEGER NOT NULL DEFAULT 0,
  warning_count INTEGER NOT NULL DEFAULT 0,
  needs_review INTEGER NOT NULL DEFAULT 0,
  findings TEXT NOT NULL DEFAULT '[]',
  at TEXT NOT NULL,
  PRIMARY KEY (run_id, subject_key)
);
CREATE INDEX batch_item_seq ON batch_item (run_id, seq);
CREATE INDEX batch_item_problems ON batch_item (run_id, status, warning_count);
