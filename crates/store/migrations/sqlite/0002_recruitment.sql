-- Skilled workers: ESCO in the database, candidates, employers' positions.
-- Mirrors migrations/postgres/0002_recruitment.sql. Dates are Unix seconds at 00:00 UTC,
-- flags 0/1, lists (licence classes, regions) JSON text.

-- One row per `standort esco import` (and per demo subset load). The highest id is the import
-- generation: app instances compare it with the one their in-memory search index was built from.
CREATE TABLE esco_imports (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL,
    languages    TEXT    NOT NULL,
    occupations  INTEGER NOT NULL,
    skills       INTEGER NOT NULL,
    relations    INTEGER NOT NULL,
    imported_at  INTEGER NOT NULL
);

-- ESCO concepts keyed by URI; the integer id is assigned once and kept by every re-import, so
-- references from candidates and positions survive a newer ESCO version. `generation` is the
-- last import that contained the concept (older = no longer in the current version).
CREATE TABLE esco_occupations (
    id          INTEGER PRIMARY KEY,
    uri         TEXT    NOT NULL UNIQUE,
    isco_code   TEXT    NOT NULL,
    code        TEXT    NOT NULL,
    regulated   INTEGER NOT NULL DEFAULT 0,
    generation  INTEGER NOT NULL
);

CREATE TABLE esco_skills (
    id           INTEGER PRIMARY KEY,
    uri          TEXT    NOT NULL UNIQUE,
    skill_type   TEXT,
    reuse_level  TEXT,
    generation   INTEGER NOT NULL
);

-- Labels per concept, language and kind (preferred / alternative / hidden).
CREATE TABLE esco_labels (
    id          INTEGER PRIMARY KEY,
    concept     TEXT    NOT NULL,
    concept_id  INTEGER NOT NULL,
    lang        TEXT    NOT NULL,
    label_kind  TEXT    NOT NULL,
    label       TEXT    NOT NULL
);
CREATE INDEX esco_labels_concept ON esco_labels(concept, concept_id, lang);

CREATE TABLE esco_occupation_skills (
    id             INTEGER PRIMARY KEY,
    occupation_id  INTEGER NOT NULL REFERENCES esco_occupations(id),
    skill_id       INTEGER NOT NULL REFERENCES esco_skills(id),
    relation       TEXT    NOT NULL,
    UNIQUE (occupation_id, skill_id)
);
CREATE INDEX esco_occupation_skills_skill ON esco_occupation_skills(skill_id);

-- The skill hierarchy between skills (skill groups are not stored).
CREATE TABLE esco_skill_broader (
    id         INTEGER PRIMARY KEY,
    skill_id   INTEGER NOT NULL REFERENCES esco_skills(id),
    broader_id INTEGER NOT NULL REFERENCES esco_skills(id),
    UNIQUE (skill_id, broader_id)
);

CREATE TABLE esco_skill_relations (
    id          INTEGER PRIMARY KEY,
    skill_id    INTEGER NOT NULL REFERENCES esco_skills(id),
    related_id  INTEGER NOT NULL REFERENCES esco_skills(id),
    relation    TEXT    NOT NULL,
    UNIQUE (skill_id, related_id)
);

-- A counter bumped (in the writing transaction) by every change to candidates or positions,
-- so app instances know when their in-memory matching data is stale. One row, id 1.
CREATE TABLE recruitment_state (
    id        INTEGER PRIMARY KEY,
    revision  INTEGER NOT NULL
);
INSERT INTO recruitment_state (id, revision) VALUES (1, 0);

CREATE TABLE candidates (
    id                      INTEGER PRIMARY KEY,
    org_id                  INTEGER NOT NULL REFERENCES organisations(id),
    user_id                 INTEGER REFERENCES users(id),
    counsellor_id           INTEGER REFERENCES users(id),
    family_name             TEXT    NOT NULL,
    given_names             TEXT    NOT NULL,
    name_folded             TEXT    NOT NULL,
    country                 TEXT    NOT NULL,
    province                TEXT    NOT NULL,
    email                   TEXT,
    phone                   TEXT,
    german_level            TEXT,
    german_certificate      TEXT,
    german_exam_date        INTEGER,
    german_next_expected    INTEGER,
    licences                TEXT    NOT NULL,
    wished_regions          TEXT    NOT NULL,
    available_from          INTEGER,
    consent_share_employers INTEGER NOT NULL DEFAULT 0,
    consent_talent_pool     INTEGER NOT NULL DEFAULT 0,
    created_at              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL
);
CREATE INDEX candidates_counsellor ON candidates(counsellor_id);
CREATE INDEX candidates_user ON candidates(user_id);
CREATE INDEX candidates_name ON candidates(name_folded);

CREATE TABLE candidate_qualifications (
    id             INTEGER PRIMARY KEY,
    candidate_id   INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    title          TEXT    NOT NULL,
    country        TEXT    NOT NULL,
    occupation_id  INTEGER REFERENCES esco_occupations(id),
    recognition    TEXT    NOT NULL
);
CREATE INDEX candidate_qualifications_candidate ON candidate_qualifications(candidate_id);

-- Occupations a candidate has worked in (`worked`) or wishes (`wished`).
CREATE TABLE candidate_occupations (
    id             INTEGER PRIMARY KEY,
    candidate_id   INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    occupation_id  INTEGER NOT NULL REFERENCES esco_occupations(id),
    kind           TEXT    NOT NULL,
    UNIQUE (candidate_id, occupation_id, kind)
);

CREATE TABLE candidate_skills (
    id            INTEGER PRIMARY KEY,
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    skill_id      INTEGER NOT NULL REFERENCES esco_skills(id),
    evidence      TEXT    NOT NULL,
    UNIQUE (candidate_id, skill_id)
);
CREATE INDEX candidate_skills_skill ON candidate_skills(skill_id);

CREATE TABLE positions (
    id                       INTEGER PRIMARY KEY,
    org_id                   INTEGER NOT NULL REFERENCES organisations(id),
    title                    TEXT    NOT NULL,
    kind                     TEXT    NOT NULL,
    occupation_id            INTEGER REFERENCES esco_occupations(id),
    german_level             TEXT,
    recognition_required     INTEGER NOT NULL,
    recognition_partnership  INTEGER NOT NULL DEFAULT 0,
    licences                 TEXT    NOT NULL,
    place                    TEXT    NOT NULL,
    places                   INTEGER NOT NULL,
    start_date               INTEGER NOT NULL,
    is_open                  INTEGER NOT NULL DEFAULT 1,
    created_at               INTEGER NOT NULL,
    updated_at               INTEGER NOT NULL
);
CREATE INDEX positions_org ON positions(org_id);

CREATE TABLE position_skills (
    id           INTEGER PRIMARY KEY,
    position_id  INTEGER NOT NULL REFERENCES positions(id) ON DELETE CASCADE,
    skill_id     INTEGER NOT NULL REFERENCES esco_skills(id),
    relation     TEXT    NOT NULL,
    UNIQUE (position_id, skill_id)
);
