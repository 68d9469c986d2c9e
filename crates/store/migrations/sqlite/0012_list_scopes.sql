-- Mirrors the other backend's 0012_list_scopes.sql.
-- Indexes for the scoped lists and counts a role opens first, found with
-- `standort bench load --scale 100` (20,000 candidates):
-- a counsellor's caseload in display order is one index range instead of a sort of the caseload,
-- and the employer's count of candidates shown to them reads the consent flag from an index
-- (with the per-employer consents it becomes a union of two index lookups, not a table scan).
DROP INDEX candidates_counsellor;
CREATE INDEX candidates_caseload ON candidates(counsellor_id, family_name, given_names, id);
CREATE INDEX candidates_shared ON candidates(consent_share_employers);
