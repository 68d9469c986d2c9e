-- Pooled procurement of protective equipment (issue 14): the catalogue, the stock ledger per
-- clinic (append-only: stock is what the ledger sums to, by lot and expiry), the daily census,
-- pooled orders with a line per clinic and item, and allocations of a short shipment or a
-- donation with each clinic's share. Mirrors migrations/postgres/0013_procurement.sql.
-- Days are Unix seconds at 00:00 UTC.

CREATE TABLE procurement_items (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    standard    TEXT    NOT NULL,
    pack_size   INTEGER NOT NULL,
    gtin        TEXT,
    created_at  INTEGER NOT NULL
);

CREATE TABLE procurement_movements (
    id             INTEGER PRIMARY KEY,
    org_id         INTEGER NOT NULL REFERENCES organisations(id),
    item_id        INTEGER NOT NULL REFERENCES procurement_items(id),
    lot            TEXT    NOT NULL,
    expires_on     INTEGER,
    kind           TEXT    NOT NULL,
    quantity       INTEGER NOT NULL,
    happened_on    INTEGER NOT NULL,
    reference      TEXT,
    actor_user_id  INTEGER REFERENCES users(id),
    recorded_at    INTEGER NOT NULL
);
CREATE INDEX procurement_movements_stock ON procurement_movements(org_id, item_id, happened_on);
CREATE TRIGGER procurement_movements_no_update BEFORE UPDATE ON procurement_movements
BEGIN SELECT RAISE(ABORT, 'procurement_movements is append-only'); END;
CREATE TRIGGER procurement_movements_no_delete BEFORE DELETE ON procurement_movements
BEGIN SELECT RAISE(ABORT, 'procurement_movements is append-only'); END;

CREATE TABLE procurement_census (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES organisations(id),
    day         INTEGER NOT NULL,
    patients    INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (org_id, day)
);

CREATE TABLE procurement_orders (
    id               INTEGER PRIMARY KEY,
    supplier_org_id  INTEGER NOT NULL REFERENCES organisations(id),
    title            TEXT    NOT NULL,
    transport_mode   TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    deadline         INTEGER,
    created_by       INTEGER REFERENCES users(id),
    created_at       INTEGER NOT NULL
);

CREATE TABLE procurement_order_lines (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES procurement_orders(id),
    org_id      INTEGER NOT NULL REFERENCES organisations(id),
    item_id     INTEGER NOT NULL REFERENCES procurement_items(id),
    quantity    INTEGER NOT NULL,
    updated_by  INTEGER REFERENCES users(id),
    updated_at  INTEGER NOT NULL,
    UNIQUE (order_id, org_id, item_id)
);

CREATE TABLE procurement_allocations (
    id            INTEGER PRIMARY KEY,
    item_id       INTEGER NOT NULL REFERENCES procurement_items(id),
    order_id      INTEGER REFERENCES procurement_orders(id),
    source        TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    available     INTEGER NOT NULL,
    pack_size     INTEGER NOT NULL,
    rule          TEXT    NOT NULL,
    lot           TEXT    NOT NULL,
    expires_on    INTEGER,
    status        TEXT    NOT NULL,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    delivered_at  INTEGER
);

CREATE TABLE procurement_allocation_shares (
    id             INTEGER PRIMARY KEY,
    allocation_id  INTEGER NOT NULL REFERENCES procurement_allocations(id),
    org_id         INTEGER NOT NULL REFERENCES organisations(id),
    requested      INTEGER NOT NULL,
    stock          INTEGER NOT NULL,
    per_day        REAL    NOT NULL,
    allocated      INTEGER NOT NULL,
    days_before    REAL,
    days_after     REAL,
    UNIQUE (allocation_id, org_id)
);
