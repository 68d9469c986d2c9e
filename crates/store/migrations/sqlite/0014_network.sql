-- Partner network (issue 13). Mirrors migrations/postgres/0014_network.sql.
-- The one registry of organisations grows the facts the network needs: economic sector
-- (NACE Rev. 2 / WZ 2008 code), cluster tags (comma-separated stable names), size, website,
-- address; names in further scripts; search keys (folded tokens and their one-character
-- deletions, so a lookup without diacritics and with one typo is an index lookup); links.
ALTER TABLE organisations ADD COLUMN sector TEXT;
ALTER TABLE organisations ADD COLUMN clusters TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN employees INTEGER;
ALTER TABLE organisations ADD COLUMN website TEXT;
ALTER TABLE organisations ADD COLUMN address TEXT;
CREATE INDEX organisations_sector ON organisations(sector);

CREATE TABLE organisation_names (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    -- BCP 47: `vi`, `ja` (kanji/kana), `ja-Latn` (romaji), `en` …
    lang        TEXT    NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE organisation_search_keys (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    key         TEXT    NOT NULL,
    UNIQUE (key, org_id)
);
CREATE INDEX organisation_search_keys_org ON organisation_search_keys(org_id);

CREATE TABLE organisation_links (
    id           INTEGER PRIMARY KEY,
    from_org_id  INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    to_org_id    INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (from_org_id, to_org_id, kind)
);
CREATE INDEX organisation_links_to ON organisation_links(to_org_id);

-- People at organisations (personal data: legal basis, consent history, erasure by cascade).
CREATE TABLE network_contacts (
    id           INTEGER PRIMARY KEY,
    family_name  TEXT    NOT NULL,
    given_names  TEXT    NOT NULL,
    email        TEXT,
    phone        TEXT,
    languages    TEXT    NOT NULL DEFAULT '',
    legal_basis  TEXT    NOT NULL,
    objected     INTEGER NOT NULL DEFAULT 0,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL
);
CREATE INDEX network_contacts_name ON network_contacts(family_name, given_names, id);

CREATE TABLE network_affiliations (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES network_contacts(id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES organisations(id),
    role_title  TEXT    NOT NULL DEFAULT '',
    from_day    INTEGER,
    until_day   INTEGER
);
CREATE INDEX network_affiliations_contact ON network_affiliations(contact_id);
CREATE INDEX network_affiliations_org ON network_affiliations(org_id);

CREATE TABLE network_consents (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES network_contacts(id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL,
    granted     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    by_user     INTEGER REFERENCES users(id)
);
CREATE INDEX network_consents_contact ON network_consents(contact_id, at);

-- Approaches: the visit log shared with partner agencies (`by_org_id` made it).
CREATE TABLE network_approaches (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organisations(id),
    channel     TEXT    NOT NULL,
    on_day      INTEGER NOT NULL,
    by_user     INTEGER REFERENCES users(id),
    by_org_id   INTEGER NOT NULL REFERENCES organisations(id),
    topic       TEXT    NOT NULL,
    outcome     TEXT    NOT NULL DEFAULT '',
    next_step   TEXT    NOT NULL DEFAULT '',
    next_due    INTEGER,
    created_at  INTEGER NOT NULL
);
CREATE INDEX network_approaches_org ON network_approaches(org_id, on_day);
CREATE INDEX network_approaches_day ON network_approaches(on_day, id);

-- Delegation trips with their itinerary (visits and meetings, outcome of each) and participants.
CREATE TABLE network_trips (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    direction   TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    start_day   INTEGER NOT NULL,
    end_day     INTEGER NOT NULL,
    notes       TEXT    NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
CREATE INDEX network_trips_start ON network_trips(start_day, id);

CREATE TABLE network_trip_items (
    id          INTEGER PRIMARY KEY,
    trip_id     INTEGER NOT NULL REFERENCES network_trips(id) ON DELETE CASCADE,
    day         INTEGER NOT NULL,
    time        TEXT    NOT NULL DEFAULT '',
    place       TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL,
    org_id      INTEGER REFERENCES organisations(id),
    outcome     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX network_trip_items_trip ON network_trip_items(trip_id, day, time);

CREATE TABLE network_trip_participants (
    id          INTEGER PRIMARY KEY,
    trip_id     INTEGER NOT NULL REFERENCES network_trips(id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES network_contacts(id) ON DELETE CASCADE,
    org_id      INTEGER NOT NULL REFERENCES organisations(id),
    role        TEXT    NOT NULL,
    language    TEXT    NOT NULL,
    UNIQUE (trip_id, contact_id)
);

-- Agreements (memoranda, cooperation agreements), their parties and obligations.
CREATE TABLE network_agreements (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    signed_on   INTEGER,
    ends_on     INTEGER,
    trip_id     INTEGER REFERENCES network_trips(id),
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);

CREATE TABLE network_agreement_parties (
    id            INTEGER PRIMARY KEY,
    agreement_id  INTEGER NOT NULL REFERENCES network_agreements(id) ON DELETE CASCADE,
    org_id        INTEGER NOT NULL REFERENCES organisations(id),
    UNIQUE (agreement_id, org_id)
);
CREATE INDEX network_agreement_parties_org ON network_agreement_parties(org_id);

CREATE TABLE network_obligations (
    id             INTEGER PRIMARY KEY,
    agreement_id   INTEGER NOT NULL REFERENCES network_agreements(id) ON DELETE CASCADE,
    description    TEXT    NOT NULL,
    owner_user_id  INTEGER REFERENCES users(id),
    due_day        INTEGER NOT NULL,
    done_at        INTEGER,
    created_at     INTEGER NOT NULL
);
CREATE INDEX network_obligations_open ON network_obligations(done_at, due_day);
CREATE INDEX network_obligations_agreement ON network_obligations(agreement_id, due_day);

-- Trade fairs and events, leads captured there.
CREATE TABLE network_fairs (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    city        TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    start_day   INTEGER NOT NULL,
    end_day     INTEGER NOT NULL,
    cost_eur    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);
CREATE INDEX network_fairs_start ON network_fairs(start_day, id);

CREATE TABLE network_leads (
    id              INTEGER PRIMARY KEY,
    fair_id         INTEGER NOT NULL REFERENCES network_fairs(id) ON DELETE CASCADE,
    org_id          INTEGER NOT NULL REFERENCES organisations(id),
    note            TEXT    NOT NULL DEFAULT '',
    follow_up_day   INTEGER,
    created_by      INTEGER REFERENCES users(id),
    created_at      INTEGER NOT NULL
);
CREATE INDEX network_leads_fair ON network_leads(fair_id, id);

-- Investment projects from lead to decision.
CREATE TABLE network_projects (
    id                INTEGER PRIMARY KEY,
    title             TEXT    NOT NULL,
    investor_org_id   INTEGER NOT NULL REFERENCES organisations(id),
    cluster           TEXT,
    kind              TEXT    NOT NULL,
    stage             TEXT    NOT NULL,
    stage_on          INTEGER NOT NULL,
    reason            TEXT    NOT NULL DEFAULT '',
    planned_jobs      INTEGER NOT NULL DEFAULT 0,
    planned_investment_eur INTEGER NOT NULL DEFAULT 0,
    office            TEXT    NOT NULL DEFAULT '',
    created_by        INTEGER REFERENCES users(id),
    created_at        INTEGER NOT NULL
);
CREATE INDEX network_projects_stage ON network_projects(stage, id);
