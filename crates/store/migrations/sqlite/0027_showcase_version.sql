-- The public catalogue's version: a counter every change of what the public pages show moves
-- up, in the changing transaction. The public pages' answer cache (`web::pages::showcase::cache`)
-- reads it on every request and answers from memory only while it is unchanged, so a published
-- or withdrawn entry shows at once on every instance. Triggers, not the writers, move it: no
-- writer (the review, the demo, the archive import) can forget it. The last change's time
-- (`Last-Modified`) cannot serve: two changes within one second would share it.
-- Derived: not archived.
CREATE TABLE showcase_catalogue_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO showcase_catalogue_version (id, version) VALUES (1, 0);
CREATE TRIGGER showcase_producers_insert_version AFTER INSERT ON showcase_producers
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_producers_update_version AFTER UPDATE ON showcase_producers
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_producers_delete_version AFTER DELETE ON showcase_producers
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_products_insert_version AFTER INSERT ON showcase_products
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_products_update_version AFTER UPDATE ON showcase_products
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_products_delete_version AFTER DELETE ON showcase_products
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_hours_insert_version AFTER INSERT ON showcase_hours
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_hours_update_version AFTER UPDATE ON showcase_hours
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_hours_delete_version AFTER DELETE ON showcase_hours
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_search_keys_insert_version AFTER INSERT ON showcase_search_keys
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_search_keys_update_version AFTER UPDATE ON showcase_search_keys
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_search_keys_delete_version AFTER DELETE ON showcase_search_keys
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_markets_insert_version AFTER INSERT ON showcase_markets
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_markets_update_version AFTER UPDATE ON showcase_markets
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_markets_delete_version AFTER DELETE ON showcase_markets
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_market_producers_insert_version AFTER INSERT ON showcase_market_producers
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_market_producers_update_version AFTER UPDATE ON showcase_market_producers
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_market_producers_delete_version AFTER DELETE ON showcase_market_producers
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_boundaries_insert_version AFTER INSERT ON showcase_boundaries
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_boundaries_update_version AFTER UPDATE ON showcase_boundaries
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER showcase_boundaries_delete_version AFTER DELETE ON showcase_boundaries
BEGIN UPDATE showcase_catalogue_version SET version = version + 1 WHERE id = 1; END;
