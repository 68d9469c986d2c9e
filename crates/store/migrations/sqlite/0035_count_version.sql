-- The version of the counted tables (`store::counts`): list totals and dashboard figures are
-- `COUNT(*)`s whose cost grows with the table (1 ms and more per count on the ×100 data), asked
-- again and again while nothing changes. A count is kept in memory with this version and
-- reused while it holds. Every change of a counted table gives the version a new random value
-- (random, not +1: a rolled-back change's value must never come back as the version of other
-- data); `instance` tells databases apart when one process serves several (the tests).
-- Triggers, not the writers, change it, so no writer can forget it. Derived: not archived.
-- The table list must equal `store::counts::COUNTED` (a test compares them).
CREATE TABLE count_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    instance BIGINT NOT NULL
);
INSERT INTO count_version (id, version, instance) VALUES (1, random(), random());
-- SQLite has one writer at a time: a row trigger in the changing transaction cannot wait for
-- another writer.
CREATE TRIGGER candidates_insert_count_version AFTER INSERT ON candidates
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER candidates_update_count_version AFTER UPDATE ON candidates
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER candidates_delete_count_version AFTER DELETE ON candidates
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER candidate_employer_consents_insert_count_version AFTER INSERT ON candidate_employer_consents
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER candidate_employer_consents_update_count_version AFTER UPDATE ON candidate_employer_consents
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER candidate_employer_consents_delete_count_version AFTER DELETE ON candidate_employer_consents
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER candidate_languages_insert_count_version AFTER INSERT ON candidate_languages
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER candidate_languages_update_count_version AFTER UPDATE ON candidate_languages
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER candidate_languages_delete_count_version AFTER DELETE ON candidate_languages
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER positions_insert_count_version AFTER INSERT ON positions
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER positions_update_count_version AFTER UPDATE ON positions
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER positions_delete_count_version AFTER DELETE ON positions
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER placements_insert_count_version AFTER INSERT ON placements
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER placements_update_count_version AFTER UPDATE ON placements
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER placements_delete_count_version AFTER DELETE ON placements
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER programmes_insert_count_version AFTER INSERT ON programmes
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER programmes_update_count_version AFTER UPDATE ON programmes
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER programmes_delete_count_version AFTER DELETE ON programmes
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER organisations_insert_count_version AFTER INSERT ON organisations
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER organisations_update_count_version AFTER UPDATE ON organisations
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER organisations_delete_count_version AFTER DELETE ON organisations
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER organisation_names_insert_count_version AFTER INSERT ON organisation_names
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER organisation_names_update_count_version AFTER UPDATE ON organisation_names
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER organisation_names_delete_count_version AFTER DELETE ON organisation_names
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER organisation_search_keys_insert_count_version AFTER INSERT ON organisation_search_keys
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER organisation_search_keys_update_count_version AFTER UPDATE ON organisation_search_keys
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER organisation_search_keys_delete_count_version AFTER DELETE ON organisation_search_keys
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER users_insert_count_version AFTER INSERT ON users
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER users_update_count_version AFTER UPDATE ON users
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER users_delete_count_version AFTER DELETE ON users
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_contacts_insert_count_version AFTER INSERT ON network_contacts
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_contacts_update_count_version AFTER UPDATE ON network_contacts
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_contacts_delete_count_version AFTER DELETE ON network_contacts
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_affiliations_insert_count_version AFTER INSERT ON network_affiliations
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_affiliations_update_count_version AFTER UPDATE ON network_affiliations
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_affiliations_delete_count_version AFTER DELETE ON network_affiliations
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_approaches_insert_count_version AFTER INSERT ON network_approaches
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_approaches_update_count_version AFTER UPDATE ON network_approaches
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_approaches_delete_count_version AFTER DELETE ON network_approaches
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_partner_companies_insert_count_version AFTER INSERT ON network_partner_companies
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_partner_companies_update_count_version AFTER UPDATE ON network_partner_companies
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_partner_companies_delete_count_version AFTER DELETE ON network_partner_companies
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_partner_scopes_insert_count_version AFTER INSERT ON network_partner_scopes
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_partner_scopes_update_count_version AFTER UPDATE ON network_partner_scopes
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER network_partner_scopes_delete_count_version AFTER DELETE ON network_partner_scopes
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER erasure_requests_insert_count_version AFTER INSERT ON erasure_requests
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER erasure_requests_update_count_version AFTER UPDATE ON erasure_requests
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
CREATE TRIGGER erasure_requests_delete_count_version AFTER DELETE ON erasure_requests
BEGIN UPDATE count_version SET version = random() WHERE id = 1; END;
