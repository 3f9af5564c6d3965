-- The billing cache (data-bundle.md, format 1). Reproducible from the bundles: never precious.
-- Money is INTEGER minor units of the row's currency; percentages and hours are exact decimal TEXT.
-- Dates are TEXT YYYY-MM-DD; updated_at is the ISO 8601 instant from the bundle.

CREATE TABLE parties (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  name TEXT NOT NULL, type TEXT NOT NULL CHECK (type IN ('CLIENT','BUYER','PAYEE')),
  email TEXT, address_lines TEXT, country TEXT, vat_number TEXT, company_number TEXT, default_currency TEXT
);
CREATE INDEX parties_type_name ON parties (type, name);
CREATE INDEX parties_name ON parties (name COLLATE NOCASE);

CREATE TABLE deals (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  ref TEXT NOT NULL, name TEXT NOT NULL, client_id TEXT NOT NULL, buyer_id TEXT, venue TEXT, city TEXT,
  engagement_date TEXT NOT NULL, currency TEXT NOT NULL, commission_pct TEXT NOT NULL
);
CREATE INDEX deals_client ON deals (client_id);
CREATE INDEX deals_ref ON deals (ref);

CREATE TABLE deal_payees (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  deal_id TEXT NOT NULL, party_id TEXT NOT NULL, role TEXT NOT NULL, allocation_pct TEXT NOT NULL
);
CREATE INDEX deal_payees_deal ON deal_payees (deal_id);

CREATE TABLE revenue_items (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  deal_id TEXT NOT NULL, date TEXT NOT NULL, description TEXT NOT NULL, gross INTEGER NOT NULL, currency TEXT NOT NULL
);
CREATE INDEX revenue_items_deal ON revenue_items (deal_id, date, id);

CREATE TABLE payment_items (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  client_id TEXT NOT NULL, deal_id TEXT, posted_date TEXT NOT NULL, description TEXT NOT NULL, reference TEXT,
  currency TEXT NOT NULL, gross INTEGER NOT NULL, commission INTEGER NOT NULL, net INTEGER NOT NULL
);
CREATE INDEX payment_items_client_date ON payment_items (client_id, posted_date, id);

CREATE TABLE settlements (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  client_id TEXT NOT NULL, deal_id TEXT NOT NULL, settled_date TEXT NOT NULL, engagement_date TEXT NOT NULL,
  venue TEXT NOT NULL, city TEXT, currency TEXT NOT NULL,
  guarantee INTEGER NOT NULL, overage INTEGER NOT NULL, backout INTEGER NOT NULL, net_gross INTEGER NOT NULL,
  commission_pct TEXT NOT NULL, commission_due INTEGER NOT NULL
);
CREATE INDEX settlements_client_date ON settlements (client_id, settled_date, id);

CREATE TABLE billing_items (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  party_id TEXT NOT NULL, target_type TEXT NOT NULL CHECK (target_type IN ('CLIENT','BUYER')),
  description TEXT NOT NULL, issue_date TEXT NOT NULL, due_date TEXT NOT NULL, currency TEXT NOT NULL,
  quantity TEXT, unit_price INTEGER, amount INTEGER NOT NULL, vat_pct TEXT, invoice_number TEXT
);
CREATE INDEX billing_items_party ON billing_items (party_id, target_type, issue_date);
CREATE INDEX billing_items_issue ON billing_items (issue_date);

CREATE TABLE billing_payments (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  billing_item_id TEXT NOT NULL, paid_date TEXT NOT NULL, amount INTEGER NOT NULL
);
CREATE INDEX billing_payments_item ON billing_payments (billing_item_id, paid_date);

CREATE TABLE contracts (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  customer_id TEXT NOT NULL, type TEXT NOT NULL CHECK (type IN ('revenue_share','per_labor_hour','fixed_fee')),
  status TEXT NOT NULL CHECK (status IN ('ACTIVE','SUSPENDED','TERMINATED')),
  start_date TEXT NOT NULL, end_date TEXT, currency TEXT NOT NULL,
  share_pct TEXT, monthly_fee INTEGER, template_id TEXT
);
CREATE INDEX contracts_customer ON contracts (customer_id);
CREATE INDEX contracts_type ON contracts (type);

CREATE TABLE contract_rates (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  contract_id TEXT NOT NULL, job_code TEXT NOT NULL, hourly_rate INTEGER NOT NULL,
  effective_from TEXT NOT NULL, effective_to TEXT
);
CREATE INDEX contract_rates_contract ON contract_rates (contract_id, job_code, effective_from);

CREATE TABLE labor_hours (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  contract_id TEXT NOT NULL, work_date TEXT NOT NULL, job_code TEXT NOT NULL, hours TEXT NOT NULL
);
CREATE INDEX labor_hours_contract_date ON labor_hours (contract_id, work_date);

CREATE TABLE revenue_reports (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  contract_id TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL, gross_revenue INTEGER NOT NULL
);
CREATE INDEX revenue_reports_contract ON revenue_reports (contract_id, period_start);

CREATE TABLE adjustments (
  id TEXT PRIMARY KEY, updated_at TEXT NOT NULL,
  contract_id TEXT NOT NULL, date TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('CREDIT','DEBIT','SPECIAL_CHARGE')),
  description TEXT NOT NULL, amount INTEGER NOT NULL
);
CREATE INDEX adjustments_contract_date ON adjustments (contract_id, date);

-- A deleted id remembers its updated_at, so an older upsert arriving later does not revive it.
CREATE TABLE tombstones (
  entity TEXT NOT NULL, id TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (entity, id)
);

-- Bundles applied: a bundle with the same source key and content hash is skipped.
CREATE TABLE applied_bundles (
  source_key TEXT NOT NULL, content_hash TEXT NOT NULL, exported_at TEXT, kind TEXT,
  applied_at TEXT NOT NULL, summary TEXT NOT NULL, PRIMARY KEY (source_key, content_hash)
);

CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY AUTOINCREMENT, source_key TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
  reason TEXT NOT NULL, raw TEXT NOT NULL, at TEXT NOT NULL
);

-- Small key/value state: data_version (bumped by every applied bundle), last sync result …
CREATE TABLE cache_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO cache_meta (key, value) VALUES ('data_version', '0');
