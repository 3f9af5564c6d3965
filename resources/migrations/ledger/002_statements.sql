-- Generated statements (seed 003's generated_statement, every field), their line items (seed 000's
-- StatementLineItems) and the S3 upload queue (the outbox: a COMPLETED row and its queue row are
-- written in one transaction). Amounts are exact decimal strings, dates YYYY-MM-DD, times ISO UTC.
CREATE TABLE generated_statement (
  generated_statement_id INTEGER PRIMARY KEY,
  statement_type_cd TEXT NOT NULL,          -- CLIENT_STATEMENT, SETTLEMENT_STATEMENT, … BILLING_STATEMENT
  statement_type TEXT NOT NULL,             -- the CLI type: client, settlement, deal, ar-aging, invoice, billing
  statement_ref TEXT NOT NULL UNIQUE,       -- {PREFIX}-{epoch ms}-{8 upper hex}
  client_id TEXT,
  client_name TEXT,
  date_from TEXT,
  date_to TEXT,
  currency_cd TEXT,                         -- null when lines are grouped by currency
  s3_bucket TEXT,
  s3_key TEXT,
  file_path TEXT,                           -- the local store file
  file_name TEXT,
  file_size_bytes INTEGER,
  generation_status_cd TEXT NOT NULL
    CHECK (generation_status_cd IN ('PENDING', 'GENERATING', 'COMPLETED', 'FAILED')),
  error_message TEXT,
  metadata TEXT NOT NULL DEFAULT '{}',      -- JSON: type, reference, filters, totals, template, data version, findings
  generated_by TEXT NOT NULL,
  generated_dt TEXT NOT NULL,
  sha256 TEXT,                              -- of the file's plain bytes
  template_id TEXT,
  template_version INTEGER,
  format TEXT NOT NULL DEFAULT 'pdf',
  upload_status TEXT NOT NULL DEFAULT 'LOCAL_ONLY'
    CHECK (upload_status IN ('LOCAL_ONLY', 'QUEUED', 'UPLOADED', 'FAILED')),
  subject_key TEXT,                         -- what the statement is about (batch resume, re-issue)
  reissue_of TEXT,                          -- the ref this statement re-issues, when it does
  batch_id TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (generation_status_cd <> 'COMPLETED' OR (sha256 IS NOT NULL AND file_size_bytes IS NOT NULL))
);
-- history: newest first, optionally by client or type
CREATE INDEX generated_statement_dt ON generated_statement (generated_dt, generated_statement_id);
CREATE INDEX generated_statement_client_dt ON generated_statement (client_id, generated_dt, generated_statement_id);
CREATE INDEX generated_statement_type_dt ON generated_statement (statement_type, generated_dt, generated_statement_id);
CREATE INDEX generated_statement_client_type_dt ON generated_statement (client_id, statement_type, generated_dt, generated_statement_id);
CREATE INDEX generated_statement_subject ON generated_statement (subject_key, generation_status_cd);
CREATE INDEX generated_statement_status ON generated_statement (generation_status_cd);
CREATE INDEX generated_statement_batch ON generated_statement (batch_id);

-- A COMPLETED statement is immutable: its file, checksum and content never change.
CREATE TRIGGER generated_statement_immutable BEFORE UPDATE ON generated_statement
WHEN OLD.generation_status_cd = 'COMPLETED' AND (
  NEW.generation_status_cd IS NOT 'COMPLETED' OR NEW.sha256 IS NOT OLD.sha256 OR NEW.file_path IS NOT OLD.file_path
  OR NEW.file_size_bytes IS NOT OLD.file_size_bytes OR NEW.statement_ref IS NOT OLD.statement_ref
  OR NEW.metadata IS NOT OLD.metadata)
BEGIN
  SELECT RAISE(ABORT, 'a COMPLETED statement is immutable');
END;
CREATE TRIGGER generated_statement_no_delete BEFORE DELETE ON generated_statement
WHEN OLD.generation_status_cd = 'COMPLETED'
BEGIN
  SELECT RAISE(ABORT, 'a COMPLETED statement cannot be deleted');
END;

CREATE TABLE statement_line_item (
  line_item_id INTEGER PRIMARY KEY,
  generated_statement_id INTEGER NOT NULL REFERENCES generated_statement (generated_statement_id),
  source_id TEXT,                           -- the model line's id (billing item id on an invoice …)
  service_description TEXT NOT NULL,
  service_period_start TEXT,
  service_period_end TEXT,
  quantity TEXT,
  rate TEXT,
  amount TEXT NOT NULL,
  currency_cd TEXT,
  item_type TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);
CREATE INDEX statement_line_item_statement ON statement_line_item (generated_statement_id, sort_order);
CREATE INDEX statement_line_item_source ON statement_line_item (source_id);

CREATE TABLE upload_queue (
  id INTEGER PRIMARY KEY,
  statement_ref TEXT NOT NULL UNIQUE REFERENCES generated_statement (statement_ref),
  s3_key TEXT NOT NULL,                     -- under s3.prefix, fixed when queued
  meta_key TEXT NOT NULL,                   -- the metadata JSON beside it
  bucket TEXT,                              -- set when the upload starts
  status TEXT NOT NULL CHECK (status IN ('PENDING', 'UPLOADING', 'UPLOADED', 'FAILED')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,                     -- backoff schedule, kept across restarts
  last_error TEXT,
  etag TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  uploaded_at TEXT
);
CREATE INDEX upload_queue_due ON upload_queue (status, next_attempt_at);
