-- Candidate portal and personal data (GDPR): documents, consents with history, erasure requests,
-- the end of a candidate's process (for the retention rule) and leases for periodic work.
-- Mirrors migrations/postgres/0005_gdpr.sql.

-- When the candidate's recruitment process ended (placed, dropped out, rejected …); NULL while it
-- runs. The retention rule erases profiles whose process ended long enough ago without consent to
-- stay in the talent pool.
ALTER TABLE candidates ADD COLUMN process_ended_at INTEGER;

-- Documents asked of a candidate (passport, diploma, language certificate …) by staff.
CREATE TABLE candidate_document_requests (
    id            INTEGER PRIMARY KEY,
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    due_date      INTEGER,
    requested_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    requested_at  INTEGER NOT NULL
);
CREATE INDEX candidate_document_requests_candidate ON candidate_document_requests(candidate_id);

-- Uploaded documents. The bytes live in the database (instances keep no files); the type was
-- checked by magic bytes, the SHA-256 of the bytes is stored as lower-case hex.
CREATE TABLE candidate_documents (
    id            INTEGER PRIMARY KEY,
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    request_id    INTEGER REFERENCES candidate_document_requests(id) ON DELETE SET NULL,
    kind          TEXT    NOT NULL,
    file_name     TEXT    NOT NULL,
    media_type    TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    sha256        TEXT    NOT NULL,
    content       BLOB    NOT NULL,
    uploaded_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    uploaded_at   INTEGER NOT NULL
);
CREATE INDEX candidate_documents_candidate ON candidate_documents(candidate_id);

-- Consent to be shown to one employer organisation (current state; the history is below).
CREATE TABLE candidate_employer_consents (
    id            INTEGER PRIMARY KEY,
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    org_id        INTEGER NOT NULL REFERENCES organisations(id),
    given_at      INTEGER NOT NULL,
    UNIQUE (candidate_id, org_id)
);
CREATE INDEX candidate_employer_consents_org ON candidate_employer_consents(org_id);

-- Every consent given or withdrawn: purpose `share_employers` (all employers), `share_employer`
-- (one organisation, org_id set) or `talent_pool`; granted 1/0.
CREATE TABLE candidate_consent_events (
    id            INTEGER PRIMARY KEY,
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    purpose       TEXT    NOT NULL,
    org_id        INTEGER REFERENCES organisations(id),
    granted       INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    by_user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX candidate_consent_events_candidate ON candidate_consent_events(candidate_id);

-- Requests for erasure (Art. 17) made in the portal. `candidate_id` is a plain number, not a
-- reference: the request outlives the erased record as proof that it was carried out, and holds
-- no personal data. state: `open`, `done`, `rejected`.
CREATE TABLE erasure_requests (
    id            INTEGER PRIMARY KEY,
    candidate_id  INTEGER NOT NULL,
    org_id        INTEGER NOT NULL REFERENCES organisations(id),
    state         TEXT    NOT NULL,
    requested_at  INTEGER NOT NULL,
    decided_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    decided_at    INTEGER
);
CREATE INDEX erasure_requests_state ON erasure_requests(state);

-- Leases for periodic work shared by all instances (the retention run): an instance may run the
-- work when `expires_at` has passed and claims it by moving `expires_at` forward in one UPDATE. Not
-- archived: a new installation simply runs the work again.
CREATE TABLE leases (
    name    TEXT    PRIMARY KEY,
    holder  TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);
