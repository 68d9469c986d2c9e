//! Pooled procurement of protective equipment (migration 0013): the catalogue (`items`), the
//! append-only stock ledger per clinic (`movements`: stock by lot and expiry is its sum, the
//! daily use its issues), the daily census (`census`), pooled orders with a line per clinic
//! (`orders`) and allocations of a short shipment or donation with each clinic's share
//! (`allocations`). Days are Unix seconds at 00:00 UTC.
//!
//! One file per table group; everything is re-exported here (`store::procurement::…`).

mod allocations;
mod census;
mod items;
mod movements;
mod orders;

pub use allocations::*;
pub use census::*;
pub use items::*;
pub use movements::*;
pub use orders::*;

use crate::archive::ColType::{Int, Real, Text};
use crate::archive::TableSpec;

/// The version of what the days of supply are computed from: moved up by every change of the
/// catalogue, the stock by lot, the daily use, the census, the orders and the organisations, in
/// the changing transaction (triggers of migration 0028).
pub async fn supply_version(conn: &mut sqlx::AnyConnection) -> crate::Result<i64> {
    let (version,): (i64,) =
        sqlx::query_as("SELECT version FROM procurement_supply_version WHERE id = 1")
            .fetch_one(conn)
            .await?;
    Ok(version)
}

/// The rows of a statement over the days `[from, to)` of one clinic or of all (`None`). `sql`
/// has `{clinic}` where the clinic's condition goes. Two statements rather than
/// `($3 IS NULL OR org_id = $3)`, which keeps SQLite from using the window's indexes (0024) in
/// either case.
async fn fetch_window(
    conn: &mut sqlx::AnyConnection,
    sql: &str,
    from: i64,
    to: i64,
    org: Option<standort_domain::OrgId>,
) -> crate::Result<Vec<sqlx::any::AnyRow>> {
    let clinic = if org.is_some() {
        "org_id = $3 AND "
    } else {
        ""
    };
    let sql = sql.replace("{clinic}", clinic);
    let mut q = sqlx::query(&sql).bind(from).bind(to);
    if let Some(o) = org {
        q = q.bind(o.0);
    }
    Ok(q.fetch_all(conn).await?)
}

/// The module's tables in the portable archive, parents before children (registered in
/// [`crate::archive::MODULE_TABLES`]).
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "procurement_items",
        columns: &[
            ("id", Int),
            ("code", Text),
            ("name", Text),
            ("category", Text),
            ("standard", Text),
            ("pack_size", Int),
            ("gtin", Text),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "procurement_movements",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("item_id", Int),
            ("lot", Text),
            ("expires_on", Int),
            ("kind", Text),
            ("quantity", Int),
            ("happened_on", Int),
            ("reference", Text),
            ("actor_user_id", Int),
            ("recorded_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "procurement_census",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("day", Int),
            ("patients", Int),
            ("recorded_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "procurement_orders",
        columns: &[
            ("id", Int),
            ("supplier_org_id", Int),
            ("title", Text),
            ("transport_mode", Text),
            ("status", Text),
            ("deadline", Int),
            ("created_by", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "procurement_order_lines",
        columns: &[
            ("id", Int),
            ("order_id", Int),
            ("org_id", Int),
            ("item_id", Int),
            ("quantity", Int),
            ("updated_by", Int),
            ("updated_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "procurement_allocations",
        columns: &[
            ("id", Int),
            ("item_id", Int),
            ("order_id", Int),
            ("source", Text),
            ("title", Text),
            ("available", Int),
            ("pack_size", Int),
            ("rule", Text),
            ("lot", Text),
            ("expires_on", Int),
            ("status", Text),
            ("created_by", Int),
            ("created_at", Int),
            ("delivered_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "procurement_allocation_shares",
        columns: &[
            ("id", Int),
            ("allocation_id", Int),
            ("org_id", Int),
            ("requested", Int),
            ("stock", Int),
            ("per_day", Real),
            ("allocated", Int),
            ("days_before", Real),
            ("days_after", Real),
        ],
        identity: true,
    },
];
