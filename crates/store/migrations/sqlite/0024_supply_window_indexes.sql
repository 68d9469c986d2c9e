-- Days of supply read the last 28 days' use and census, for one clinic (its buyer, its page) or
-- for all clinics (the staff's dashboard card and overview). Without these, each view read every
-- day ever kept (the staff's dashboard spent 0.9 of its 1.3 ms in the procurement card on the
-- demo's 90 days, growing with every day the ledger runs). Both indexes cover their queries.
CREATE INDEX procurement_daily_use_window ON procurement_daily_use(day, org_id, item_id, issued);
CREATE INDEX procurement_daily_use_clinic_window ON procurement_daily_use(org_id, day, item_id, issued);
CREATE INDEX procurement_census_window ON procurement_census(day, org_id, patients);
