-- The overdue card of a counsellor's dashboard starts from the caseload (its candidates, their
-- placements) and needs, per placement, only the items due before today: one index range per
-- placement instead of every due item read from the table and tested.
CREATE INDEX placement_due_placement ON placement_due(placement_id, due_on);
CREATE INDEX placement_checklist_open_placement ON placement_checklist(placement_id, due_on)
    WHERE done_on IS NULL;

-- The planner's overview sums each region's population per year: read in this index's order,
-- the sums need neither a sort nor a visit to the table's rows.
CREATE INDEX demography_population_totals ON demography_population(region_id, year, count);
-- … and offers the years with observed flows as base years: read from an index of the years,
-- not from every flow row.
CREATE INDEX demography_flows_year ON demography_flows(year);
