-- AR aging over all parties reads every item issued by the as-of date in statement order
-- (currency, party, due date, id) from this one covering index: no table lookups, no sort.
CREATE INDEX billing_items_aging ON billing_items (currency, party_id, due_date, id, issue_date, amount, vat_pct);
-- payments per item up to a date, summed from the index alone (it replaces the narrower one)
DROP INDEX billing_payments_item;
CREATE INDEX billing_payments_item ON billing_payments (billing_item_id, paid_date, amount);
