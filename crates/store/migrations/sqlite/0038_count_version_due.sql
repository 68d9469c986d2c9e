-- The placements' due items join the counted tables of `store::counts` (0035): the staff's
-- dashboard counts the overdue items of every placement on each view, and they change only
-- when a step is recorded or the rules are applied again.
CREATE TRIGGER placement_due_insert_count_version AFTER INSERT ON placement_due
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER placement_due_update_count_version AFTER UPDATE ON placement_due
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER placement_due_delete_count_version AFTER DELETE ON placement_due
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER placement_checklist_insert_count_version AFTER INSERT ON placement_checklist
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER placement_checklist_update_count_version AFTER UPDATE ON placement_checklist
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER placement_checklist_delete_count_version AFTER DELETE ON placement_checklist
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
