-- The supply figures (the buyer's and the staff's dashboard, the clinic page) add the ledger up
-- per clinic, item and lot on every view: with this index the sums stream in the index's order
-- without a sort and without visiting the ledger's rows.
CREATE INDEX procurement_movements_lots ON procurement_movements(org_id, item_id, lot, expires_on, quantity);
