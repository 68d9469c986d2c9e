-- Demography monitoring: regions, observed population and flows, capacities of childcare and
-- schools, and stored projection results (so pages need not recompute).
-- Mirrors migrations/postgres/0003_demography.sql.

-- Land → Kreis → Gemeinde → Ortsteil; `key` is the official key (AGS, BFS number, …).
CREATE TABLE demography_regions (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    level       TEXT    NOT NULL,
    parent_id   INTEGER REFERENCES demography_regions(id) DEFERRABLE INITIALLY DEFERRED,
    note        TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX demography_regions_parent ON demography_regions(parent_id);

-- Population on 31 December of `year` by single year of age (100 = 100+) and sex ('m'/'f');
-- `nationality` is '' when the source does not distinguish it.
CREATE TABLE demography_population (
    id          INTEGER PRIMARY KEY,
    region_id   INTEGER NOT NULL REFERENCES demography_regions(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    age         INTEGER NOT NULL,
    sex         TEXT    NOT NULL,
    nationality TEXT    NOT NULL DEFAULT '',
    count       INTEGER NOT NULL,
    UNIQUE (region_id, year, age, sex, nationality)
);

-- Flows of a calendar year: kind births (age = mother's age, sex = child's sex), deaths,
-- immigration, emigration (age reached on 31 December, sex of the person).
CREATE TABLE demography_flows (
    id          INTEGER PRIMARY KEY,
    region_id   INTEGER NOT NULL REFERENCES demography_regions(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    age         INTEGER NOT NULL,
    sex         TEXT    NOT NULL,
    count       INTEGER NOT NULL,
    UNIQUE (region_id, year, kind, age, sex)
);

-- Places of a facility band (creche 0–2, kindergarten 3–5, primary 6–9) from `year_from` on;
-- `take_up` is the share of the age band expected to need a place.
CREATE TABLE demography_capacities (
    id          INTEGER PRIMARY KEY,
    region_id   INTEGER NOT NULL REFERENCES demography_regions(id) ON DELETE CASCADE,
    band        TEXT    NOT NULL,
    year_from   INTEGER NOT NULL,
    places      INTEGER NOT NULL,
    take_up     REAL    NOT NULL DEFAULT 1,
    updated_at  INTEGER NOT NULL,
    UNIQUE (region_id, band, year_from)
);

-- One projection run over all regions; `summary_json` holds the method per region.
CREATE TABLE demography_runs (
    id           INTEGER PRIMARY KEY,
    base_year    INTEGER NOT NULL,
    last_year    INTEGER NOT NULL,
    trajectories INTEGER NOT NULL,
    seed         INTEGER NOT NULL,
    summary_json TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL
);

-- Results per region × year × measure (planning band such as '0-2', 'total', or an indicator
-- such as 'median_age') × scenario ('observed', 'low', 'medium', 'high'); the quantiles of the
-- 80 % (p10–p90) and 95 % (p2_5–p97_5) intervals where the scenario has them.
CREATE TABLE demography_results (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES demography_runs(id) ON DELETE CASCADE,
    region_id   INTEGER NOT NULL REFERENCES demography_regions(id) ON DELETE CASCADE,
    scenario    TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    measure     TEXT    NOT NULL,
    value       REAL    NOT NULL,
    p2_5        REAL,
    p10         REAL,
    p90         REAL,
    p97_5       REAL
);
CREATE INDEX demography_results_region ON demography_results(region_id, measure, scenario, year);
CREATE INDEX demography_results_run ON demography_results(run_id);

-- Population by age (0..=100) per sex of a region in one year of a run (medium scenario), as
-- JSON arrays of 101 numbers; the population pyramid reads it.
CREATE TABLE demography_pyramids (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES demography_runs(id) ON DELETE CASCADE,
    region_id   INTEGER NOT NULL REFERENCES demography_regions(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    male_json   TEXT    NOT NULL,
    female_json TEXT    NOT NULL
);
CREATE INDEX demography_pyramids_region ON demography_pyramids(region_id, year);
