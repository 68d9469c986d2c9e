-- The public catalogue's version: a counter every change of what the public pages show moves
-- up, in the changing transaction. The public pages' answer cache (`web::pages::showcase::cache`)
-- reads it on every request and answers from memory only while it is unchanged, so a published
-- or withdrawn entry shows at once on every instance. Triggers, not the writers, move it: no
-- writer (the review, the demo, the archive import) can forget it. The last change's time
-- (`Last-Modified`) cannot serve: two changes within one second would share it.
-- Derived: not archived.
CREATE TABLE showcase_catalogue_version (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO showcase_catalogue_version (id, version) VALUES (1, 0);
CREATE FUNCTION showcase_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER showcase_producers_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON showcase_producers
    FOR EACH STATEMENT EXECUTE FUNCTION showcase_catalogue_changed();
CREATE TRIGGER showcase_products_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON showcase_products
    FOR EACH STATEMENT EXECUTE FUNCTION showcase_catalogue_changed();
CREATE TRIGGER showcase_hours_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON showcase_hours
    FOR EACH STATEMENT EXECUTE FUNCTION showcase_catalogue_changed();
CREATE TRIGGER showcase_search_keys_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON showcase_search_keys
    FOR EACH STATEMENT EXECUTE FUNCTION showcase_catalogue_changed();
CREATE TRIGGER showcase_markets_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON showcase_markets
    FOR EACH STATEMENT EXECUTE FUNCTION showcase_catalogue_changed();
CREATE TRIGGER showcase_market_producers_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON showcase_market_producers
    FOR EACH STATEMENT EXECUTE FUNCTION showcase_catalogue_changed();
CREATE TRIGGER showcase_boundaries_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON showcase_boundaries
    FOR EACH STATEMENT EXECUTE FUNCTION showcase_catalogue_changed();
