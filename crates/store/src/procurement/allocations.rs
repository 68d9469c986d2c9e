//! Allocations of a short shipment or a donation, with each clinic's share and the numbers
//! that explain it.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Allocation {
    pub id: i64,
    pub item_id: i64,
    /// The pooled order whose shipment is split, if any.
    pub order_id: Option<i64>,
    /// `donation` or `shipment`.
    pub source: String,
    pub title: String,
    pub available: i64,
    pub pack_size: i64,
    /// `equalise_days`, `pro_rata_request`, `pro_rata_burn`.
    pub rule: String,
    pub lot: String,
    pub expires_on: Option<i64>,
    /// `proposed` or `delivered` (the shares booked into the clinics' stock).
    pub status: String,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct NewAllocation<'a> {
    pub item_id: i64,
    pub order_id: Option<i64>,
    pub source: &'a str,
    pub title: &'a str,
    pub available: i64,
    pub pack_size: i64,
    pub rule: &'a str,
    pub lot: &'a str,
    pub expires_on: Option<i64>,
    pub created_by: Option<UserId>,
}

const COLUMNS: &str = "id, item_id, order_id, source, title, available, pack_size, rule, lot, \
    expires_on, status, created_by, created_at, delivered_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Allocation> {
    Ok(Allocation {
        id: r.try_get("id")?,
        item_id: r.try_get("item_id")?,
        order_id: r.try_get("order_id")?,
        source: r.try_get("source")?,
        title: r.try_get("title")?,
        available: r.try_get("available")?,
        pack_size: r.try_get("pack_size")?,
        rule: r.try_get("rule")?,
        lot: r.try_get("lot")?,
        expires_on: r.try_get("expires_on")?,
        status: r.try_get("status")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        delivered_at: r.try_get("delivered_at")?,
    })
}

pub async fn insert_allocation(
    conn: &mut AnyConnection,
    a: &NewAllocation<'_>,
    now: i64,
) -> Result<Allocation> {
    let row = sqlx::query(&format!(
        "INSERT INTO procurement_allocations (item_id, order_id, source, title, available, pack_size, \
         rule, lot, expires_on, status, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed', $10, $11) RETURNING {COLUMNS}"
    ))
    .bind(a.item_id)
    .bind(a.order_id)
    .bind(a.source)
    .bind(a.title)
    .bind(a.available)
    .bind(a.pack_size)
    .bind(a.rule)
    .bind(a.lot)
    .bind(a.expires_on)
    .bind(a.created_by.map(|u| u.0))
    .bind(now)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

pub async fn get_allocation(conn: &mut AnyConnection, id: i64) -> Result<Allocation> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM procurement_allocations WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

/// Every allocation, newest first; `org`: only those with a share for that clinic.
pub async fn list_allocations(
    conn: &mut AnyConnection,
    org: Option<OrgId>,
) -> Result<Vec<Allocation>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM procurement_allocations a WHERE $1 IS NULL OR EXISTS \
         (SELECT 1 FROM procurement_allocation_shares s WHERE s.allocation_id = a.id AND s.org_id = $1) \
         ORDER BY created_at DESC, id DESC"
    ))
    .bind(org.map(|o| o.0))
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Marks an allocation delivered; `Conflict` when it already was (two people at once).
pub async fn mark_delivered(conn: &mut AnyConnection, id: i64, now: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE procurement_allocations SET status = 'delivered', delivered_at = $2 \
         WHERE id = $1 AND status = 'proposed'",
    )
    .bind(id)
    .bind(now)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(crate::StoreError::Conflict(
            "allocation already delivered".into(),
        ));
    }
    Ok(())
}

/// One clinic's share of an allocation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareRow {
    pub id: i64,
    pub allocation_id: i64,
    pub org_id: OrgId,
    pub org_name: String,
    pub requested: i64,
    pub stock: i64,
    pub per_day: f64,
    pub allocated: i64,
    pub days_before: Option<f64>,
    pub days_after: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct NewShare {
    pub org_id: OrgId,
    pub requested: i64,
    pub stock: i64,
    pub per_day: f64,
    pub allocated: i64,
    pub days_before: Option<f64>,
    pub days_after: Option<f64>,
}

pub async fn insert_share(conn: &mut AnyConnection, allocation: i64, s: &NewShare) -> Result<()> {
    sqlx::query(
        "INSERT INTO procurement_allocation_shares (allocation_id, org_id, requested, stock, per_day, \
         allocated, days_before, days_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(allocation)
    .bind(s.org_id.0)
    .bind(s.requested)
    .bind(s.stock)
    .bind(s.per_day)
    .bind(s.allocated)
    .bind(s.days_before)
    .bind(s.days_after)
    .execute(conn)
    .await?;
    Ok(())
}

/// The shares of an allocation (`org`: only that clinic's), by clinic name.
pub async fn shares(
    conn: &mut AnyConnection,
    allocation: i64,
    org: Option<OrgId>,
) -> Result<Vec<ShareRow>> {
    sqlx::query(
        "SELECT s.id, s.allocation_id, s.org_id, c.name AS org_name, s.requested, s.stock, s.per_day, \
         s.allocated, s.days_before, s.days_after FROM procurement_allocation_shares s \
         JOIN organisations c ON c.id = s.org_id \
         WHERE s.allocation_id = $1 AND ($2 IS NULL OR s.org_id = $2) ORDER BY c.name, s.org_id",
    )
    .bind(allocation)
    .bind(org.map(|o| o.0))
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(ShareRow {
            id: r.try_get("id")?,
            allocation_id: r.try_get("allocation_id")?,
            org_id: OrgId(r.try_get("org_id")?),
            org_name: r.try_get("org_name")?,
            requested: r.try_get("requested")?,
            stock: r.try_get("stock")?,
            per_day: r.try_get("per_day")?,
            allocated: r.try_get("allocated")?,
            days_before: r.try_get("days_before")?,
            days_after: r.try_get("days_after")?,
        })
    })
    .collect()
}
