-- The placements' due items join the counted tables of `store::counts` (0035): the staff's
-- dashboard counts the overdue items of every placement on each view (0.3 ms on PostgreSQL at
-- ×100), and they change only when a step is recorded or the rules are applied again.
CREATE CONSTRAINT TRIGGER placement_due_count_version AFTER INSERT OR UPDATE OR DELETE ON placement_due
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER placement_due_count_version_truncate AFTER TRUNCATE ON placement_due
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER placement_checklist_count_version AFTER INSERT OR UPDATE OR DELETE ON placement_checklist
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER placement_checklist_count_version_truncate AFTER TRUNCATE ON placement_checklist
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
