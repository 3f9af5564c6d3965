-- State derived from the cache's own rows at import (e.g. the AR aging index: every billing item's
-- gross, due day and payments, in statement order), so a fresh process need not rebuild it.
CREATE TABLE derived_state (name TEXT PRIMARY KEY, bytes BLOB NOT NULL);
-- any change to what the aging index is made of drops it (the import rebuilds it in the same
-- transaction; a reader rebuilds it when it is missing)
CREATE TRIGGER aging_items_ins AFTER INSERT ON billing_items BEGIN DELETE FROM derived_state WHERE name = 'aging'; END;
CREATE TRIGGER aging_items_upd AFTER UPDATE ON billing_items BEGIN DELETE FROM derived_state WHERE name = 'aging'; END;
CREATE TRIGGER aging_items_del AFTER DELETE ON billing_items BEGIN DELETE FROM derived_state WHERE name = 'aging'; END;
CREATE TRIGGER aging_pay_ins AFTER INSERT ON billing_payments BEGIN DELETE FROM derived_state WHERE name = 'aging'; END;
CREATE TRIGGER aging_pay_upd AFTER UPDATE ON billing_payments BEGIN DELETE FROM derived_state WHERE name = 'aging'; END;
CREATE TRIGGER aging_pay_del AFTER DELETE ON billing_payments BEGIN DELETE FROM derived_state WHERE name = 'aging'; END;
CREATE TRIGGER aging_party_ins AFTER INSERT ON parties BEGIN DELETE FROM derived_state WHERE name = 'aging'; END;
CREATE TRIGGER aging_party_upd AFTER UPDATE OF id, name ON parties BEGIN DELETE FROM derived_state WHERE name = 'aging'; END;
CREATE TRIGGER aging_party_del AFTER DELETE ON parties BEGIN DELETE FROM derived_state WHERE name = 'aging'; END;
