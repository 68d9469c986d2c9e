-- Notifications (issue 12, point 4): one row per person and occasion. A notification raised for
-- a role is written once for every person holding that role in the organisation scope when it
-- is raised, so read state, preferences and the digest are each person's own. The unique key
-- (user, kind, record_key) makes raising idempotent: the periodic job and a use case may raise
-- the same occasion again and nothing is duplicated. `params` holds codes only (track, step,
-- document kind) — never names — so a notification copies no personal data of a candidate.
-- `mailed_at`: sent by e-mail, at once or in a daily digest (never twice).
-- Mirrors postgres/0021_notifications.sql.

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    record_key  TEXT    NOT NULL,
    link        TEXT    NOT NULL,
    params      TEXT    NOT NULL,
    due_on      INTEGER,
    created_at  INTEGER NOT NULL,
    read_at     INTEGER,
    mailed_at   INTEGER,
    UNIQUE (user_id, kind, record_key)
);
-- A person's list, newest first; the unread count of the bell; the digest's pending rows.
CREATE INDEX notifications_list ON notifications(user_id, created_at, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_unmailed ON notifications(user_id, id) WHERE mailed_at IS NULL;

-- Each person's choice per kind: `immediate` (an e-mail at once), `digest` (the daily digest,
-- also the default without a row) or `none` (only in Standort).
CREATE TABLE notification_preferences (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind      TEXT    NOT NULL,
    delivery  TEXT    NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- Each person's secret calendar feed (iCalendar, RFC 5545) of their due dates. Only the SHA-256
-- of the secret in the URL is stored; a new feed or a revocation ends the previous URL.
CREATE TABLE calendar_feeds (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id);
