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
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO procurement_supply_version (id, version) VALUES (1, 0);
CREATE TRIGGER procurement_items_insert_supply_version AFTER INSERT ON procurement_items
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_items_update_supply_version AFTER UPDATE ON procurement_items
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_items_delete_supply_version AFTER DELETE ON procurement_items
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_lot_stock_insert_supply_version AFTER INSERT ON procurement_lot_stock
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_lot_stock_update_supply_version AFTER UPDATE ON procurement_lot_stock
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_lot_stock_delete_supply_version AFTER DELETE ON procurement_lot_stock
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_daily_use_insert_supply_version AFTER INSERT ON procurement_daily_use
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_daily_use_update_supply_version AFTER UPDATE ON procurement_daily_use
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_daily_use_delete_supply_version AFTER DELETE ON procurement_daily_use
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_census_insert_supply_version AFTER INSERT ON procurement_census
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_census_update_supply_version AFTER UPDATE ON procurement_census
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_census_delete_supply_version AFTER DELETE ON procurement_census
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_orders_insert_supply_version AFTER INSERT ON procurement_orders
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_orders_update_supply_version AFTER UPDATE ON procurement_orders
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_orders_delete_supply_version AFTER DELETE ON procurement_orders
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_order_lines_insert_supply_version AFTER INSERT ON procurement_order_lines
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_order_lines_update_supply_version AFTER UPDATE ON procurement_order_lines
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER procurement_order_lines_delete_supply_version AFTER DELETE ON procurement_order_lines
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER organisations_insert_supply_version AFTER INSERT ON organisations
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER organisations_update_supply_version AFTER UPDATE ON organisations
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER organisations_delete_supply_version AFTER DELETE ON organisations
BEGIN UPDATE procurement_supply_version SET version = version + 1 WHERE id = 1; END;
