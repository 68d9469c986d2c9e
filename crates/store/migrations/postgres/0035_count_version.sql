-- The version of the counted tables (`store::counts`): list totals and dashboard figures are
-- `COUNT(*)`s whose cost grows with the table (1 ms and more per count on the ×100 data), asked
-- again and again while nothing changes. A count is kept in memory with this version and
-- reused while it holds. Every change of a counted table gives the version a new random value
-- (random, not +1: a rolled-back change's value must never come back as the version of other
-- data); `instance` tells databases apart when one process serves several (the tests).
-- Triggers, not the writers, change it, so no writer can forget it. Derived: not archived.
-- The table list must equal `store::counts::COUNTED` (a test compares them).
CREATE TABLE count_version (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    instance BIGINT NOT NULL
);
INSERT INTO count_version (id, version, instance)
    VALUES (1, (random() * 9.0e18)::BIGINT, (random() * 9.0e18)::BIGINT);
-- PostgreSQL writers run side by side. The version row is changed at commit (a deferred
-- constraint trigger), once per transaction, after everything else the transaction locks (the
-- audit chain's head included): a transaction holding it waits for nothing more, so it cannot
-- take part in a deadlock. A count read inside a transaction that wrote is never kept
-- (`pg_current_xact_id_if_assigned`, see `store::counts`), because until commit the version
-- still names the data before the change.
CREATE FUNCTION count_version_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('standort.count_version_changed', true) = 'yes' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('standort.count_version_changed', 'yes', true);
    UPDATE count_version SET version = (random() * 9.0e18)::BIGINT WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE FUNCTION count_version_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE count_version SET version = (random() * 9.0e18)::BIGINT WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER candidates_count_version AFTER INSERT OR UPDATE OR DELETE ON candidates
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER candidates_count_version_truncate AFTER TRUNCATE ON candidates
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER candidate_employer_consents_count_version AFTER INSERT OR UPDATE OR DELETE ON candidate_employer_consents
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER candidate_employer_consents_count_version_truncate AFTER TRUNCATE ON candidate_employer_consents
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER candidate_languages_count_version AFTER INSERT OR UPDATE OR DELETE ON candidate_languages
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER candidate_languages_count_version_truncate AFTER TRUNCATE ON candidate_languages
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER positions_count_version AFTER INSERT OR UPDATE OR DELETE ON positions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER positions_count_version_truncate AFTER TRUNCATE ON positions
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER placements_count_version AFTER INSERT OR UPDATE OR DELETE ON placements
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER placements_count_version_truncate AFTER TRUNCATE ON placements
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER programmes_count_version AFTER INSERT OR UPDATE OR DELETE ON programmes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER programmes_count_version_truncate AFTER TRUNCATE ON programmes
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER organisations_count_version AFTER INSERT OR UPDATE OR DELETE ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER organisations_count_version_truncate AFTER TRUNCATE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER organisation_names_count_version AFTER INSERT OR UPDATE OR DELETE ON organisation_names
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER organisation_names_count_version_truncate AFTER TRUNCATE ON organisation_names
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER organisation_search_keys_count_version AFTER INSERT OR UPDATE OR DELETE ON organisation_search_keys
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER organisation_search_keys_count_version_truncate AFTER TRUNCATE ON organisation_search_keys
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER users_count_version AFTER INSERT OR UPDATE OR DELETE ON users
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER users_count_version_truncate AFTER TRUNCATE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER network_contacts_count_version AFTER INSERT OR UPDATE OR DELETE ON network_contacts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER network_contacts_count_version_truncate AFTER TRUNCATE ON network_contacts
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER network_affiliations_count_version AFTER INSERT OR UPDATE OR DELETE ON network_affiliations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER network_affiliations_count_version_truncate AFTER TRUNCATE ON network_affiliations
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER network_approaches_count_version AFTER INSERT OR UPDATE OR DELETE ON network_approaches
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER network_approaches_count_version_truncate AFTER TRUNCATE ON network_approaches
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER network_partner_companies_count_version AFTER INSERT OR UPDATE OR DELETE ON network_partner_companies
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER network_partner_companies_count_version_truncate AFTER TRUNCATE ON network_partner_companies
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER network_partner_scopes_count_version AFTER INSERT OR UPDATE OR DELETE ON network_partner_scopes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER network_partner_scopes_count_version_truncate AFTER TRUNCATE ON network_partner_scopes
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
CREATE CONSTRAINT TRIGGER erasure_requests_count_version AFTER INSERT OR UPDATE OR DELETE ON erasure_requests
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_version_changed();
CREATE TRIGGER erasure_requests_count_version_truncate AFTER TRUNCATE ON erasure_requests
    FOR EACH STATEMENT EXECUTE FUNCTION count_version_truncated();
