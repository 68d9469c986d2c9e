-- What each recruitment revision changed, so that every app instance can bring its in-memory
-- matching index up to date by re-reading only the changed candidates and positions instead of
-- rebuilding it. One row per changed record and revision; kind 'all' means "rebuild" (demo
-- loads, bulk changes). Only the most recent revisions are kept (the writer prunes); an
-- instance whose cache is older than the kept log rebuilds. Derived data: not archived.
CREATE TABLE recruitment_changes (
    revision   BIGINT NOT NULL,
    kind       TEXT   NOT NULL,
    entity_id  BIGINT NOT NULL,
    PRIMARY KEY (revision, kind, entity_id)
);
