-- The due items the engine derives from a placement's history (legal and process deadlines),
-- stored when a step is recorded, in the same transaction, so that the overdue card and lists
-- read them with one indexed query instead of replaying every placement's history on every
-- request. Checklist items keep their own due_on/done_on in placement_checklist.
-- Derived data, rewritten from the history: `placements.due_rules` is the version of the due
-- rules the stored items were derived with (0: never derived, e.g. placements older than this
-- migration); the application re-derives placements below its current version on start.
-- Mirrors postgres/0011_placement_due.sql.

ALTER TABLE placements ADD COLUMN due_rules INTEGER NOT NULL DEFAULT 0;
CREATE INDEX placements_due_rules ON placements(due_rules);

CREATE TABLE placement_due (
    id            INTEGER PRIMARY KEY,
    placement_id  INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
    track         TEXT    NOT NULL,
    code          TEXT    NOT NULL,
    due_on        INTEGER NOT NULL,
    legal         INTEGER NOT NULL,
    UNIQUE (placement_id, track, code)
);
CREATE INDEX placement_due_on ON placement_due(due_on, placement_id);

-- Open checklist items by due day (the overdue card).
CREATE INDEX placement_checklist_open_due ON placement_checklist(due_on, placement_id)
    WHERE done_on IS NULL;

-- Lists page in SQL in their display order: an index in that order lets the database read one
-- page instead of sorting every row (100× the demo: 20,000 candidates, 2,000 positions).
CREATE INDEX candidates_display ON candidates(family_name, given_names, id);
CREATE INDEX positions_display ON positions(start_date, title, id);
CREATE INDEX organisations_display ON organisations(name, id);
CREATE INDEX users_display ON users(display_name, id);
CREATE INDEX programmes_display ON programmes(name, id);
