-- Local labels of ESCO concepts (issue 11): everyday names staff add in a language ESCO has no
-- (or no such) label in, e.g. "Pflegefachkraft" or "Busfahrer" while only the English pack is
-- loaded. Keyed by the concept's URI, not its id, and never touched by `standort esco import`,
-- so they survive re-imports and a newer ESCO version. They are searched like ESCO's labels and
-- shown where ESCO has no label in the reader's language. Mirrors postgres/0029.
CREATE TABLE esco_local_labels (
    id           INTEGER PRIMARY KEY,
    concept      TEXT    NOT NULL,
    concept_uri  TEXT    NOT NULL,
    lang         TEXT    NOT NULL,
    label        TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users(id),
    created_at   INTEGER NOT NULL
);
-- No unique key over the label: PostgreSQL's btree refuses long keys, and a label is free text.
-- `store::esco::local_labels::add` refuses a duplicate inside the writing transaction.
CREATE INDEX esco_local_labels_concept ON esco_local_labels(concept, concept_uri);

-- The local labels' version: moved by triggers on every change (the use cases, the demo, the
-- archive import), so the in-memory ESCO view (`app::esco`), keyed by (import generation,
-- this version), is rebuilt on every instance at its next use. Derived: not archived.
CREATE TABLE esco_local_labels_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO esco_local_labels_version (id, version) VALUES (1, 0);
CREATE TRIGGER esco_local_labels_insert_version AFTER INSERT ON esco_local_labels
BEGIN UPDATE esco_local_labels_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER esco_local_labels_update_version AFTER UPDATE ON esco_local_labels
BEGIN UPDATE esco_local_labels_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER esco_local_labels_delete_version AFTER DELETE ON esco_local_labels
BEGIN UPDATE esco_local_labels_version SET version = version + 1 WHERE id = 1; END;
