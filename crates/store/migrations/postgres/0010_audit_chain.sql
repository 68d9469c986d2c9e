-- The audit log as a hash chain, and the last ways around "append-only" closed.
-- Mirrors sqlite/0010_audit_chain.sql.
--
-- Each entry carries the SHA-256 (hex) of its canonical content and of the previous entry's
-- hash (`store::audit::entry_hash`), so an entry changed, removed or cut off is found by
-- `standort audit verify`. The hash is computed in Rust when the entry is appended; entries
-- written before this migration are sealed once at start-up (`Db::migrate`), which is the only
-- UPDATE the table still accepts: filling in the two hash columns of an unsealed entry.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;

-- The chain's head: the last entry's id and hash, and how many entries the chain holds. One
-- row (id 1), created by the first append. Appenders lock it (UPDATE) in the same transaction
-- as their entry, so concurrent appenders on several instances cannot fork the chain; a log
-- cut off at its end no longer matches the head.
CREATE TABLE audit_chain (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    last_id     BIGINT NOT NULL,
    last_hash   TEXT   NOT NULL,
    entries     BIGINT NOT NULL
);

DROP TRIGGER audit_log_no_update ON audit_log;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW WHEN (OLD.entry_hash IS NOT NULL OR NEW.entry_hash IS NULL OR NEW.prev_hash IS NULL
        OR (NEW.id, NEW.at, NEW.actor_user_id, NEW.actor_label, NEW.action, NEW.entity,
            NEW.entity_id, NEW.org_id, NEW.before_json, NEW.after_json, NEW.client_ip)
           IS DISTINCT FROM
           (OLD.id, OLD.at, OLD.actor_user_id, OLD.actor_label, OLD.action, OLD.entity,
            OLD.entity_id, OLD.org_id, OLD.before_json, OLD.after_json, OLD.client_ip))
    EXECUTE FUNCTION audit_log_append_only();
-- TRUNCATE fires no row triggers; a statement trigger refuses it.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE FUNCTION audit_log_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log entries must carry their chain hashes';
END;
$$;
CREATE TRIGGER audit_log_sealed BEFORE INSERT ON audit_log
    FOR EACH ROW WHEN (NEW.entry_hash IS NULL OR NEW.prev_hash IS NULL)
    EXECUTE FUNCTION audit_log_sealed();
