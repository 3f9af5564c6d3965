-- Statement templates (owner: rendering). A template is an id with numbered versions; saving
-- always adds a version and makes it current; rollback moves `current_version` back. Versions
-- are never changed or deleted (statements record the version they used). Version 1 of
-- `default-<type>` is the built-in template (resources/templates), never stored here.
CREATE TABLE template (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  statement_type TEXT NOT NULL,
  contract_type TEXT,
  client_id TEXT,
  current_version INTEGER NOT NULL,
  latest_version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX template_by_type ON template (statement_type, client_id, contract_type);

CREATE TABLE template_version (
  template_id TEXT NOT NULL REFERENCES template (id),
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (template_id, version)
);
CREATE TRIGGER template_version_immutable BEFORE UPDATE ON template_version
BEGIN
  SELECT RAISE(ABORT, 'template versions are immutable');
END;
CREATE TRIGGER template_version_no_delete BEFORE DELETE ON template_version
BEGIN
  SELECT RAISE(ABORT, 'template versions are never deleted');
END;
