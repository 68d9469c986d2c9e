-- Regional products showcase "Genuss und Kunsthandwerk" (issue 15). Mirrors
-- migrations/postgres/0018_showcase.sql. A producer is an organisation of the one registry
-- (kind `producer`); its public profile lives here, keyed by `organisations.id`. Texts in
-- several languages are JSON objects {"de": …, "en": …, "vi": …} (German always present).
-- Labels and languages are comma-separated stable names with a leading and a trailing comma
-- (`,organic,handmade,`), so one label is found with LIKE '%,organic,%'.
CREATE TABLE showcase_producers (
    id           INTEGER PRIMARY KEY,
    org_id       INTEGER NOT NULL UNIQUE REFERENCES organisations(id),
    slug         TEXT    NOT NULL UNIQUE,
    category     TEXT    NOT NULL,
    -- A municipality (or one of its localities) of the demography module's hierarchy.
    region_id    INTEGER REFERENCES demography_regions(id),
    tagline      TEXT    NOT NULL DEFAULT '{}',
    story        TEXT    NOT NULL DEFAULT '{}',
    street       TEXT    NOT NULL DEFAULT '',
    postcode     TEXT    NOT NULL DEFAULT '',
    town         TEXT    NOT NULL DEFAULT '',
    lat          REAL,
    lon          REAL,
    -- The business's public contact (never a person's unless the producer publishes it).
    phone        TEXT    NOT NULL DEFAULT '',
    email        TEXT    NOT NULL DEFAULT '',
    website      TEXT    NOT NULL DEFAULT '',
    labels       TEXT    NOT NULL DEFAULT ',',
    languages    TEXT    NOT NULL DEFAULT ',de,',
    -- Retailers that sell the producer's goods: JSON list of {"name", "town"}.
    retailers    TEXT    NOT NULL DEFAULT '[]',
    own_shop     INTEGER NOT NULL DEFAULT 1,
    -- A trusted producer publishes its changes directly; others wait for the agency's review.
    trusted      INTEGER NOT NULL DEFAULT 0,
    published    INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX showcase_producers_category ON showcase_producers(category, published);
CREATE INDEX showcase_producers_region ON showcase_producers(region_id);

-- Opening hours of the own shop: one row per weekday (0 = Monday) and time range.
CREATE TABLE showcase_hours (
    id           INTEGER PRIMARY KEY,
    producer_id  INTEGER NOT NULL REFERENCES showcase_producers(id) ON DELETE CASCADE,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    opens_min    INTEGER NOT NULL CHECK (opens_min BETWEEN 0 AND 1440),
    closes_min   INTEGER NOT NULL CHECK (closes_min BETWEEN 0 AND 1440),
    CHECK (opens_min < closes_min)
);
CREATE INDEX showcase_hours_day ON showcase_hours(weekday, opens_min, closes_min);
CREATE INDEX showcase_hours_producer ON showcase_hours(producer_id);

CREATE TABLE showcase_products (
    id           INTEGER PRIMARY KEY,
    producer_id  INTEGER NOT NULL REFERENCES showcase_producers(id) ON DELETE CASCADE,
    slug         TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '{}',
    unit         TEXT    NOT NULL,
    -- Bit 0 = January … bit 11 = December.
    season_mask  INTEGER NOT NULL DEFAULT 4095,
    price_min_cents INTEGER,
    price_max_cents INTEGER,
    labels       TEXT    NOT NULL DEFAULT ',',
    position     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (producer_id, slug)
);

-- Weekly markets (a weekday and hours) and dated events (a first and a last day).
CREATE TABLE showcase_markets (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '{}',
    region_id    INTEGER REFERENCES demography_regions(id),
    place        TEXT    NOT NULL DEFAULT '',
    weekday      INTEGER CHECK (weekday BETWEEN 0 AND 6),
    opens_min    INTEGER,
    closes_min   INTEGER,
    first_day    INTEGER,
    last_day     INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX showcase_markets_days ON showcase_markets(last_day, first_day);

CREATE TABLE showcase_market_producers (
    id           INTEGER PRIMARY KEY,
    market_id    INTEGER NOT NULL REFERENCES showcase_markets(id) ON DELETE CASCADE,
    producer_id  INTEGER NOT NULL REFERENCES showcase_producers(id) ON DELETE CASCADE,
    UNIQUE (market_id, producer_id)
);
CREATE INDEX showcase_market_producers_producer ON showcase_market_producers(producer_id);

-- Versions of a producer's entry: what the producer proposed (a JSON document of texts,
-- hours and products), who proposed it, and who published or rejected it.
CREATE TABLE showcase_versions (
    id           INTEGER PRIMARY KEY,
    producer_id  INTEGER NOT NULL REFERENCES showcase_producers(id) ON DELETE CASCADE,
    content      TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    decided_by   INTEGER REFERENCES users(id),
    decided_at   INTEGER,
    note         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX showcase_versions_producer ON showcase_versions(producer_id, id);
CREATE INDEX showcase_versions_state ON showcase_versions(state, id);

-- Search keys of a producer (its name, its products' names, its town): folded tokens and
-- their one-character deletions, kept in step by every write of the entry.
CREATE TABLE showcase_search_keys (
    id           INTEGER PRIMARY KEY,
    producer_id  INTEGER NOT NULL REFERENCES showcase_producers(id) ON DELETE CASCADE,
    key          TEXT    NOT NULL,
    UNIQUE (key, producer_id)
);
CREATE INDEX showcase_search_keys_producer ON showcase_search_keys(producer_id);

-- Municipal boundaries for the map: a GeoJSON geometry (Polygon or MultiPolygon, WGS 84)
-- per region, imported from an official boundary file (the demo's are synthetic).
CREATE TABLE showcase_boundaries (
    id           INTEGER PRIMARY KEY,
    region_id    INTEGER NOT NULL UNIQUE REFERENCES demography_regions(id),
    geometry     TEXT    NOT NULL,
    source       TEXT    NOT NULL DEFAULT ''
);
