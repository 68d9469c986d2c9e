-- Stock per clinic, item, lot and expiry, kept in step with the ledger by its one writer
-- (`store::procurement::append_movement`, in the movement's transaction). The supply figures
-- (both dashboards, the clinic page, issuing first expiry first out) read the lots with stock
-- from here instead of adding up the whole ledger on every view: the ledger grows by every
-- day's use, this table only by the lots. Derived: not archived, rebuilt by the archive import.
CREATE TABLE procurement_lot_stock (
    org_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    lot TEXT NOT NULL,
    -- The expiry day, or -1 for a lot without one: part of the key, which cannot hold NULL
    -- (expiry days are multiples of 86,400, so -1 is no day).
    expires_key BIGINT NOT NULL,
    expires_on BIGINT,
    quantity BIGINT NOT NULL,
    PRIMARY KEY (org_id, item_id, lot, expires_key)
);
INSERT INTO procurement_lot_stock (org_id, item_id, lot, expires_key, expires_on, quantity)
SELECT org_id, item_id, lot, COALESCE(expires_on, -1), expires_on, SUM(quantity)
FROM procurement_movements GROUP BY org_id, item_id, lot, expires_on;
-- The ledger is no longer added up per lot on a view (see above): its covering index of 0016 only
-- cost every movement a write.
DROP INDEX procurement_movements_lots;
