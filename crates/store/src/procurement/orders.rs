//! Pooled orders: one order to a supplier, a line per clinic and item.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::Result;

/// `open` (clinics add their lines), `ordered` (sent to the supplier), `delivered`.
pub const ORDER_STATUSES: [&str; 3] = ["open", "ordered", "delivered"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Order {
    pub id: i64,
    pub supplier_org_id: OrgId,
    pub supplier_name: String,
    pub title: String,
    /// `air`, `sea`, `rail`, `road`.
    pub transport_mode: String,
    pub status: String,
    /// Last day for clinics' lines.
    pub deadline: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewOrder<'a> {
    pub supplier_org_id: OrgId,
    pub title: &'a str,
    pub transport_mode: &'a str,
    pub deadline: Option<i64>,
    pub created_by: Option<UserId>,
}

const COLUMNS: &str = "o.id, o.supplier_org_id, s.name AS supplier_name, o.title, o.transport_mode, \
    o.status, o.deadline, o.created_by, o.created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Order> {
    Ok(Order {
        id: r.try_get("id")?,
        supplier_org_id: OrgId(r.try_get("supplier_org_id")?),
        supplier_name: r.try_get("supplier_name")?,
        title: r.try_get("title")?,
        transport_mode: r.try_get("transport_mode")?,
        status: r.try_get("status")?,
        deadline: r.try_get("deadline")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_order(conn: &mut AnyConnection, o: &NewOrder<'_>, now: i64) -> Result<Order> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO procurement_orders (supplier_org_id, title, transport_mode, status, deadline, \
         created_by, created_at) VALUES ($1, $2, $3, 'open', $4, $5, $6) RETURNING id",
    )
    .bind(o.supplier_org_id.0)
    .bind(o.title)
    .bind(o.transport_mode)
    .bind(o.deadline)
    .bind(o.created_by.map(|u| u.0))
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    get_order(conn, id).await
}

pub async fn get_order(conn: &mut AnyConnection, id: i64) -> Result<Order> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM procurement_orders o JOIN organisations s ON s.id = o.supplier_org_id \
         WHERE o.id = $1"
    ))
    .bind(id)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

/// Every pooled order, newest first (a handful a year).
pub async fn list_orders(conn: &mut AnyConnection) -> Result<Vec<Order>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM procurement_orders o JOIN organisations s ON s.id = o.supplier_org_id \
         ORDER BY o.created_at DESC, o.id DESC"
    ))
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

pub async fn set_order_status(conn: &mut AnyConnection, id: i64, status: &str) -> Result<()> {
    let done = sqlx::query("UPDATE procurement_orders SET status = $2 WHERE id = $1")
        .bind(id)
        .bind(status)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(crate::StoreError::NotFound);
    }
    Ok(())
}

/// What one clinic wants of one item in a pooled order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrderLine {
    pub id: i64,
    pub order_id: i64,
    pub org_id: OrgId,
    pub org_name: String,
    pub item_id: i64,
    pub quantity: i64,
    pub updated_by: Option<i64>,
    pub updated_at: i64,
}

/// Sets a clinic's quantity of an item in an order (replaces an earlier line).
pub async fn set_line(
    conn: &mut AnyConnection,
    order: i64,
    org: OrgId,
    item: i64,
    quantity: i64,
    actor: Option<UserId>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO procurement_order_lines (order_id, org_id, item_id, quantity, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id, org_id, item_id) DO UPDATE \
         SET quantity = excluded.quantity, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(order)
    .bind(org.0)
    .bind(item)
    .bind(quantity)
    .bind(actor.map(|u| u.0))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The lines of an order (`org`: only that clinic's), by clinic and item.
pub async fn lines(
    conn: &mut AnyConnection,
    order: i64,
    org: Option<OrgId>,
) -> Result<Vec<OrderLine>> {
    sqlx::query(
        "SELECT l.id, l.order_id, l.org_id, c.name AS org_name, l.item_id, l.quantity, l.updated_by, \
         l.updated_at FROM procurement_order_lines l JOIN organisations c ON c.id = l.org_id \
         WHERE l.order_id = $1 AND ($2 IS NULL OR l.org_id = $2) ORDER BY c.name, l.org_id, l.item_id",
    )
    .bind(order)
    .bind(org.map(|o| o.0))
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(OrderLine {
            id: r.try_get("id")?,
            order_id: r.try_get("order_id")?,
            org_id: OrgId(r.try_get("org_id")?),
            org_name: r.try_get("org_name")?,
            item_id: r.try_get("item_id")?,
            quantity: r.try_get("quantity")?,
            updated_by: r.try_get("updated_by")?,
            updated_at: r.try_get("updated_at")?,
        })
    })
    .collect()
}

/// Units on order (orders sent, not yet delivered) per `(clinic, item)`.
pub async fn on_order(
    conn: &mut AnyConnection,
    org: Option<OrgId>,
) -> Result<Vec<(OrgId, i64, i64)>> {
    sqlx::query(
        "SELECT l.org_id, l.item_id, CAST(SUM(l.quantity) AS BIGINT) AS quantity \
         FROM procurement_order_lines l JOIN procurement_orders o ON o.id = l.order_id \
         WHERE o.status = 'ordered' AND ($1 IS NULL OR l.org_id = $1) GROUP BY l.org_id, l.item_id",
    )
    .bind(org.map(|o| o.0))
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok((
            OrgId(r.try_get("org_id")?),
            r.try_get("item_id")?,
            r.try_get("quantity")?,
        ))
    })
    .collect()
}

/// Open pooled orders whose deadline (the last day for the clinics' lines) is from `from` to
/// before `until` (Unix seconds), or one of them (`order`), by deadline.
pub async fn open_orders_due(
    conn: &mut AnyConnection,
    from: i64,
    until: i64,
    order: Option<i64>,
) -> Result<Vec<Order>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM procurement_orders o JOIN organisations s ON s.id = o.supplier_org_id \
         WHERE o.status = 'open' AND o.deadline IS NOT NULL AND o.deadline >= $1 \
         AND o.deadline < $2 AND ($3 IS NULL OR o.id = $3) ORDER BY o.deadline, o.id"
    ))
    .bind(from)
    .bind(until)
    .bind(order)
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}
