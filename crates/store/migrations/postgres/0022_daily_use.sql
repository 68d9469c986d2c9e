-- Units issued per clinic, item and day, kept in step with the ledger by its one writer
-- (`store::procurement::append_movement`, in the movement's transaction). Days of supply (both
-- dashboards, the clinic page, the overview) read the window's use from here: a profile of the
-- loaded staff dashboard showed the server spending most of its time adding up the ledger's
-- issues per day through a sort on every view (3–4 ms per view on the demo, growing with the
-- ledger's rows per day). Derived: not archived, rebuilt by the archive import.
CREATE TABLE procurement_daily_use (
    org_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    -- Units issued that day (issues are negative movements; a returned issue lowers it).
    issued BIGINT NOT NULL,
    PRIMARY KEY (org_id, item_id, day)
);
INSERT INTO procurement_daily_use (org_id, item_id, day, issued)
SELECT org_id, item_id, happened_on, -SUM(quantity)
FROM procurement_movements WHERE kind = 'issue' GROUP BY org_id, item_id, happened_on;
