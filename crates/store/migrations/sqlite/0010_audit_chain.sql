-- The audit log as a hash chain, and the last ways around "append-only" closed.
-- Mirrors postgres/0010_audit_chain.sql.
--
-- Each entry carries the SHA-256 (hex) of its canonical content and of the previous entry's
-- hash (`store::audit::entry_hash`), so an entry changed, removed or cut off is found by
-- `standort audit verify`. The hash is computed in Rust when the entry is appended; entries
-- written before this migration are sealed once at start-up (`Db::migrate`), which is the only
-- UPDATE the table still accepts: filling in the two hash columns of an unsealed entry.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;

-- The chain's head: the last entry's id and hash, and how many entries the chain holds. One
-- row (id 1), created by the first append. Appenders update it in the same transaction as
-- their entry, which serialises them; a log cut off at its end no longer matches the head.
CREATE TABLE audit_chain (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    last_id     INTEGER NOT NULL,
    last_hash   TEXT    NOT NULL,
    entries     INTEGER NOT NULL
);

DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.entry_hash IS NOT NULL OR NEW.entry_hash IS NULL OR NEW.prev_hash IS NULL
    OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor_user_id IS NOT OLD.actor_user_id
    OR NEW.actor_label IS NOT OLD.actor_label OR NEW.action IS NOT OLD.action
    OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
    OR NEW.org_id IS NOT OLD.org_id OR NEW.before_json IS NOT OLD.before_json
    OR NEW.after_json IS NOT OLD.after_json OR NEW.client_ip IS NOT OLD.client_ip
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- `INSERT OR REPLACE` (and `REPLACE INTO`) deletes the old row without firing DELETE triggers
-- (recursive_triggers is off); refusing an existing id before the insert closes that door.
-- New entries must arrive sealed.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_sealed BEFORE INSERT ON audit_log
WHEN NEW.entry_hash IS NULL OR NEW.prev_hash IS NULL
BEGIN SELECT RAISE(ABORT, 'audit_log entries must carry their chain hashes'); END;
