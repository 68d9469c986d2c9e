-- Demography assumption sets: explicit rates per region as statistical offices publish them
-- (fertility, mortality, emigration, immigration), optionally valid from a year. A projection
-- run may use one set; regions and kinds it does not cover derive their rates from history.
-- Mirrors migrations/postgres/0007_demography_assumptions.sql.

CREATE TABLE demography_assumption_sets (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL UNIQUE,
    imported_by   INTEGER REFERENCES users(id),
    -- Who imported it, as shown (the user's name, or "system (command line)").
    imported_label TEXT   NOT NULL,
    imported_at   INTEGER NOT NULL
);

-- One value: `kind` fertility (births per woman by mother's age; sex ''), mortality and
-- emigration (probabilities by sex × age reached on 31 December), immigration (persons per
-- year by sex × age). `year_from` NULL = from the first projected year on; otherwise the row
-- applies from that year until a later `year_from` of the same region and kind.
CREATE TABLE demography_assumptions (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES demography_assumption_sets(id) ON DELETE CASCADE,
    region_id   INTEGER NOT NULL REFERENCES demography_regions(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    year_from   INTEGER,
    sex         TEXT    NOT NULL,
    age         INTEGER NOT NULL,
    value       REAL    NOT NULL
);
CREATE INDEX demography_assumptions_set ON demography_assumptions(set_id, region_id, kind);
