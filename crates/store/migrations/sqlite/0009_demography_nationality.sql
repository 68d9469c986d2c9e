-- Demography by nationality: flows carry a nationality like the population (free lowercase
-- text, '' = not distinguished; for births the mother's), the new flow kind `acquisition`
-- (naturalisations of foreign nationals) needs no schema change; assumption values may name
-- a nationality; pyramids keep their foreign part. Mirrors postgres/0009_demography_nationality.sql.

-- SQLite cannot change a table's UNIQUE constraint in place: rebuild the flows table, with
-- nationality last as PostgreSQL's ADD COLUMN puts it (the archive spec lists one order).
CREATE TABLE demography_flows_new (
    id          INTEGER PRIMARY KEY,
    region_id   INTEGER NOT NULL REFERENCES demography_regions(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    age         INTEGER NOT NULL,
    sex         TEXT    NOT NULL,
    count       INTEGER NOT NULL,
    nationality TEXT    NOT NULL DEFAULT '',
    UNIQUE (region_id, year, kind, age, sex, nationality)
);
INSERT INTO demography_flows_new (id, region_id, year, kind, age, sex, count, nationality)
    SELECT id, region_id, year, kind, age, sex, count, '' FROM demography_flows;
DROP TABLE demography_flows;
ALTER TABLE demography_flows_new RENAME TO demography_flows;

ALTER TABLE demography_assumptions ADD COLUMN nationality TEXT NOT NULL DEFAULT '';

-- Foreign nationals per age (index 0..=100) and sex; NULL for regions without nationality.
ALTER TABLE demography_pyramids ADD COLUMN foreign_male_json TEXT;
ALTER TABLE demography_pyramids ADD COLUMN foreign_female_json TEXT;
