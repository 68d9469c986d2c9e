-- The supply figures' version: a counter every change of what the days of supply are computed
-- from moves up, in the changing transaction (the catalogue, the stock by lot, the daily use,
-- the census, what is on order, and the organisations, which say which are clinics). The
-- supply of every clinic and item is kept in memory per version, day and transport mode
-- (`app::procurement::supply::all_clinics`): the staff's dashboard card and overview and the
-- buyer's dashboard read it instead of computing every clinic's supply on each view, which a
-- timing of the loaded server showed as the largest part of the staff's dashboard. Triggers,
-- not the writers, move it, so no writer (the ledger, the demo, the archive import's rebuild)
-- can forget it. Derived: not archived.
CREATE TABLE procurement_supply_version (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO procurement_supply_version (id, version) VALUES (1, 0);
CREATE FUNCTION procurement_supply_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER procurement_items_supply_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON procurement_items
    FOR EACH STATEMENT EXECUTE FUNCTION procurement_supply_changed();
CREATE TRIGGER procurement_lot_stock_supply_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON procurement_lot_stock
    FOR EACH STATEMENT EXECUTE FUNCTION procurement_supply_changed();
CREATE TRIGGER procurement_daily_use_supply_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON procurement_daily_use
    FOR EACH STATEMENT EXECUTE FUNCTION procurement_supply_changed();
CREATE TRIGGER procurement_census_supply_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON procurement_census
    FOR EACH STATEMENT EXECUTE FUNCTION procurement_supply_changed();
CREATE TRIGGER procurement_orders_supply_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON procurement_orders
    FOR EACH STATEMENT EXECUTE FUNCTION procurement_supply_changed();
CREATE TRIGGER procurement_order_lines_supply_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON procurement_order_lines
    FOR EACH STATEMENT EXECUTE FUNCTION procurement_supply_changed();
CREATE TRIGGER organisations_supply_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION procurement_supply_changed();
