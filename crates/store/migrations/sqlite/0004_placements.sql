-- Recruitment tracks: programmes (cohorts), placements (candidate × position), the
-- append-only history of track events, track owners, document checklists and costs.
-- Mirrors migrations/postgres/0004_placements.sql. Days are Unix seconds at 00:00 UTC.

CREATE TABLE programmes (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL REFERENCES organisations(id),
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    target_size  INTEGER NOT NULL,
    start_date   INTEGER,
    created_at   INTEGER NOT NULL
);

-- The position facts the tracks' rules use are copied at creation, so replaying the history
-- always gives the state it gave when each event was accepted.
CREATE TABLE placements (
    id                    INTEGER PRIMARY KEY,
    candidate_id          INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    position_id           INTEGER NOT NULL REFERENCES positions(id),
    programme_id          INTEGER REFERENCES programmes(id),
    recognition_required  INTEGER NOT NULL,
    partnership_accepted  INTEGER NOT NULL,
    apprenticeship        INTEGER NOT NULL,
    created_by            INTEGER REFERENCES users(id),
    created_at            INTEGER NOT NULL
);
CREATE INDEX placements_candidate ON placements(candidate_id);
CREATE INDEX placements_position ON placements(position_id);
CREATE INDEX placements_programme ON placements(programme_id);

-- Append-only: the database refuses UPDATE (rows go only with their placement, on erasure).
CREATE TABLE placement_events (
    id             INTEGER PRIMARY KEY,
    placement_id   INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
    track          TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    data           TEXT    NOT NULL,
    happened_on    INTEGER NOT NULL,
    note           TEXT,
    actor_user_id  INTEGER REFERENCES users(id),
    actor_label    TEXT    NOT NULL,
    recorded_at    INTEGER NOT NULL
);
CREATE INDEX placement_events_placement ON placement_events(placement_id);
CREATE TRIGGER placement_events_no_update BEFORE UPDATE ON placement_events
BEGIN SELECT RAISE(ABORT, 'placement_events is append-only'); END;

CREATE TABLE placement_tracks (
    id             INTEGER PRIMARY KEY,
    placement_id   INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
    track          TEXT    NOT NULL,
    owner_user_id  INTEGER REFERENCES users(id),
    UNIQUE (placement_id, track)
);

CREATE TABLE placement_checklist (
    id             INTEGER PRIMARY KEY,
    placement_id   INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
    track          TEXT    NOT NULL,
    item           TEXT    NOT NULL,
    due_on         INTEGER,
    done_on        INTEGER,
    UNIQUE (placement_id, track, item)
);

-- Costs of the recruitment; `borne_by` = candidate | employer | agency | programme.
-- Fair-recruitment rule: the candidate pays nothing; any candidate-borne amount is flagged.
CREATE TABLE placement_costs (
    id             INTEGER PRIMARY KEY,
    placement_id   INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
    incurred_on    INTEGER NOT NULL,
    purpose        TEXT    NOT NULL,
    amount_cents   INTEGER NOT NULL,
    currency       TEXT    NOT NULL,
    borne_by       TEXT    NOT NULL,
    actor_user_id  INTEGER REFERENCES users(id),
    recorded_at    INTEGER NOT NULL
);
CREATE INDEX placement_costs_placement ON placement_costs(placement_id);
