-- The overdue card of a counsellor's dashboard starts from the caseload (its candidates, their
-- placements) and needs, per placement, only the items due before today: one index range per
-- placement instead of every due item read from the table and tested.
CREATE INDEX placement_due_placement ON placement_due(placement_id, due_on);
CREATE INDEX placement_checklist_open_placement ON placement_checklist(placement_id, due_on)
    WHERE done_on IS NULL;
