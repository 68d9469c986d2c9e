-- Employers act on candidates they may see (issue 11, point 14). Mirrors
-- migrations/postgres/0037_employer_shortlist.sql.
-- The shortlist ("Merkliste") of an employer organisation, shared by its people: one row per
-- organisation and candidate, optionally naming the organisation's position it is for.
-- Personal data of the candidate: goes with the candidate (ON DELETE CASCADE, the erasure).
CREATE TABLE employer_shortlist (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES organisations(id),
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    position_id   INTEGER REFERENCES positions(id),
    added_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (org_id, candidate_id)
);
CREATE INDEX employer_shortlist_candidate ON employer_shortlist(candidate_id);

-- An employer's request to the agency for an introduction to a candidate, and the agency's
-- answer. `state`: open, accepted, declined. One open request per organisation, candidate and
-- position (no position counts as one): the partial unique index.
CREATE TABLE introduction_requests (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER NOT NULL REFERENCES organisations(id),
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    position_id   INTEGER REFERENCES positions(id),
    message       TEXT    NOT NULL DEFAULT '',
    state         TEXT    NOT NULL DEFAULT 'open',
    answer        TEXT    NOT NULL DEFAULT '',
    requested_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    requested_at  INTEGER NOT NULL,
    answered_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    answered_at   INTEGER
);
CREATE UNIQUE INDEX introduction_requests_one_open
    ON introduction_requests(org_id, candidate_id, COALESCE(position_id, 0)) WHERE state = 'open';
CREATE INDEX introduction_requests_candidate ON introduction_requests(candidate_id);
CREATE INDEX introduction_requests_state ON introduction_requests(state, requested_at);
