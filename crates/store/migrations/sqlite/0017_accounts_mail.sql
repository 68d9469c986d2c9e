-- Accounts that reach people (issue 12): the outbox of e-mail (one row per message; one instance
-- delivers, holding the `mail` lease), invitations to set a first password, and one-time
-- password-reset links. Links are stored as SHA-256 of their token only.

CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT   NOT NULL,
    user_id         INTEGER REFERENCES users(id) ON DELETE CASCADE,
    candidate_id    INTEGER REFERENCES candidates(id) ON DELETE CASCADE,
    to_address      TEXT   NOT NULL,
    language        TEXT   NOT NULL,
    subject         TEXT   NOT NULL,
    body_text       TEXT   NOT NULL,
    body_html       TEXT   NOT NULL,
    state           TEXT   NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(state, next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox(created_at, id);
CREATE INDEX mail_outbox_user ON mail_outbox(user_id);
CREATE INDEX mail_outbox_candidate ON mail_outbox(candidate_id);

CREATE TABLE invitations (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT   NOT NULL UNIQUE,
    candidate_id  INTEGER REFERENCES candidates(id) ON DELETE CASCADE,
    email         TEXT,
    display_name  TEXT   NOT NULL,
    role          TEXT   NOT NULL,
    org_id        INTEGER NOT NULL REFERENCES organisations(id),
    language      TEXT   NOT NULL,
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    used_at       INTEGER,
    revoked_at    INTEGER,
    user_id       INTEGER REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX invitations_candidate ON invitations(candidate_id);
CREATE INDEX invitations_email ON invitations(email);
CREATE INDEX invitations_user ON invitations(user_id);

CREATE TABLE password_resets (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT   NOT NULL UNIQUE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX password_resets_user ON password_resets(user_id);
