//! The stock ledger: one row per movement, never changed or deleted (the database refuses
//! it); stock is what the ledger sums to, per clinic, item, lot and expiry.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::Result;

/// Kinds of movement. Receipts and positive count corrections add, issues, write-offs and
/// negative corrections subtract (the sign is in `quantity`).
pub const KINDS: [&str; 4] = ["receipt", "issue", "count", "write_off"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Movement {
    pub id: i64,
    pub org_id: OrgId,
    pub item_id: i64,
    pub lot: String,
    pub expires_on: Option<i64>,
    pub kind: String,
    /// Signed: `+` into stock, `−` out of it.
    pub quantity: i64,
    pub happened_on: i64,
    /// Where it came from (`allocation:3`, `order:1`, a waybill …).
    pub reference: Option<String>,
    pub actor_user_id: Option<i64>,
    pub recorded_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewMovement<'a> {
    pub org_id: OrgId,
    pub item_id: i64,
    pub lot: &'a str,
    pub expires_on: Option<i64>,
    pub kind: &'a str,
    pub quantity: i64,
    pub happened_on: i64,
    pub reference: Option<&'a str>,
    pub actor: Option<UserId>,
}

const COLUMNS: &str = "id, org_id, item_id, lot, expires_on, kind, quantity, happened_on, reference, \
    actor_user_id, recorded_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Movement> {
    Ok(Movement {
        id: r.try_get("id")?,
        org_id: OrgId(r.try_get("org_id")?),
        item_id: r.try_get("item_id")?,
        lot: r.try_get("lot")?,
        expires_on: r.try_get("expires_on")?,
        kind: r.try_get("kind")?,
        quantity: r.try_get("quantity")?,
        happened_on: r.try_get("happened_on")?,
        reference: r.try_get("reference")?,
        actor_user_id: r.try_get("actor_user_id")?,
        recorded_at: r.try_get("recorded_at")?,
    })
}

pub async fn append_movement(
    conn: &mut AnyConnection,
    m: &NewMovement<'_>,
    now: i64,
) -> Result<Movement> {
    let row = sqlx::query(&format!(
        "INSERT INTO procurement_movements (org_id, item_id, lot, expires_on, kind, quantity, \
         happened_on, reference, actor_user_id, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {COLUMNS}"
    ))
    .bind(m.org_id.0)
    .bind(m.item_id)
    .bind(m.lot)
    .bind(m.expires_on)
    .bind(m.kind)
    .bind(m.quantity)
    .bind(m.happened_on)
    .bind(m.reference)
    .bind(m.actor.map(|u| u.0))
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    add_to_lot_stock(conn, m.org_id, m.item_id, m.lot, m.expires_on, m.quantity).await?;
    if m.kind == "issue" {
        add_to_daily_use(conn, m.org_id, m.item_id, m.happened_on, -m.quantity).await?;
    }
    from_row(&row)
}

/// Keeps `procurement_daily_use` in step with the ledger's issues, like the lot stock.
async fn add_to_daily_use(
    conn: &mut AnyConnection,
    org: OrgId,
    item: i64,
    day: i64,
    issued: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO procurement_daily_use (org_id, item_id, day, issued) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (org_id, item_id, day) \
         DO UPDATE SET issued = procurement_daily_use.issued + excluded.issued",
    )
    .bind(org.0)
    .bind(item)
    .bind(day)
    .bind(issued)
    .execute(conn)
    .await?;
    Ok(())
}

/// Keeps `procurement_lot_stock` in step with the ledger: the one writer of the ledger calls
/// it in the movement's transaction.
async fn add_to_lot_stock(
    conn: &mut AnyConnection,
    org: OrgId,
    item: i64,
    lot: &str,
    expires_on: Option<i64>,
    quantity: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO procurement_lot_stock (org_id, item_id, lot, expires_key, expires_on, quantity) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (org_id, item_id, lot, expires_key) \
         DO UPDATE SET quantity = procurement_lot_stock.quantity + excluded.quantity",
    )
    .bind(org.0)
    .bind(item)
    .bind(lot)
    .bind(expires_on.unwrap_or(NO_EXPIRY))
    .bind(expires_on)
    .bind(quantity)
    .execute(conn)
    .await?;
    Ok(())
}

/// The key of a lot without expiry in `procurement_lot_stock` (no day: days are multiples of
/// 86,400).
const NO_EXPIRY: i64 = -1;

/// Rebuilds what is kept in step with the ledger — `procurement_lot_stock` and
/// `procurement_daily_use` — from the ledger (after an archive import, which carries the
/// ledger only).
pub async fn rebuild_stock_summaries(conn: &mut AnyConnection) -> Result<()> {
    sqlx::query("DELETE FROM procurement_daily_use")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO procurement_daily_use (org_id, item_id, day, issued) \
         SELECT org_id, item_id, happened_on, -SUM(quantity) FROM procurement_movements \
         WHERE kind = 'issue' GROUP BY org_id, item_id, happened_on",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM procurement_lot_stock")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO procurement_lot_stock (org_id, item_id, lot, expires_key, expires_on, quantity) \
         SELECT org_id, item_id, lot, COALESCE(expires_on, -1), expires_on, SUM(quantity) \
         FROM procurement_movements GROUP BY org_id, item_id, lot, expires_on",
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Stock of one lot of one item at one clinic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LotStock {
    pub org_id: OrgId,
    pub item_id: i64,
    pub lot: String,
    pub expires_on: Option<i64>,
    pub quantity: i64,
}

/// The lots with stock (non-zero sum) of a clinic (`None`: of every clinic), by item and expiry.
pub async fn lots(conn: &mut AnyConnection, org: Option<OrgId>) -> Result<Vec<LotStock>> {
    // The stock kept with each movement (`procurement_lot_stock`), not the ledger's sum: what a
    // view reads does not grow with the ledger's history.
    sqlx::query(
        "SELECT org_id, item_id, lot, expires_on, quantity FROM procurement_lot_stock \
         WHERE ($1 IS NULL OR org_id = $1) AND quantity <> 0 \
         ORDER BY org_id, item_id, expires_key, lot",
    )
    .bind(org.map(|o| o.0))
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(LotStock {
            org_id: OrgId(r.try_get("org_id")?),
            item_id: r.try_get("item_id")?,
            lot: r.try_get("lot")?,
            expires_on: r.try_get("expires_on")?,
            quantity: r.try_get("quantity")?,
        })
    })
    .collect()
}

/// Units issued per clinic, item and day in `[from, to)` (Unix seconds of days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DailyUse {
    pub org_id: OrgId,
    pub item_id: i64,
    pub day: i64,
    pub quantity: i64,
}

pub async fn daily_use(
    conn: &mut AnyConnection,
    org: Option<OrgId>,
    from: i64,
    to: i64,
) -> Result<Vec<DailyUse>> {
    sqlx::query(
        "SELECT org_id, item_id, day AS happened_on, issued AS used FROM procurement_daily_use \
         WHERE ($1 IS NULL OR org_id = $1) AND day >= $2 AND day < $3 \
         ORDER BY org_id, item_id, day",
    )
    .bind(org.map(|o| o.0))
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(DailyUse {
            org_id: OrgId(r.try_get("org_id")?),
            item_id: r.try_get("item_id")?,
            day: r.try_get("happened_on")?,
            quantity: r.try_get("used")?,
        })
    })
    .collect()
}

/// Per clinic and item, the window's use added up by the database: units used and the sum of
/// the squares of each day's use (the engine's `UsageTotals` without the census), so the
/// supply figures need a row per item, not a row per item and day.
pub async fn usage_totals(
    conn: &mut AnyConnection,
    org: Option<OrgId>,
    from: i64,
    to: i64,
) -> Result<Vec<(OrgId, i64, i64, i64)>> {
    // From the stored daily use (migration 0022), along the window's index (0024).
    super::fetch_window(
        conn,
        "SELECT org_id, item_id, \
         CAST(SUM(CASE WHEN issued > 0 THEN issued ELSE 0 END) AS BIGINT) AS used, \
         CAST(SUM(CASE WHEN issued > 0 THEN issued * issued ELSE 0 END) AS BIGINT) AS used_sq \
         FROM procurement_daily_use WHERE {clinic}day >= $1 AND day < $2 \
         GROUP BY org_id, item_id",
        from,
        to,
        org,
    )
    .await?
    .iter()
    .map(|r| {
        Ok((
            OrgId(r.try_get("org_id")?),
            r.try_get("item_id")?,
            r.try_get("used")?,
            r.try_get("used_sq")?,
        ))
    })
    .collect()
}

/// The latest movements of a clinic, newest first.
pub async fn recent_movements(
    conn: &mut AnyConnection,
    org: OrgId,
    limit: i64,
) -> Result<Vec<Movement>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM procurement_movements WHERE org_id = $1 \
         ORDER BY happened_on DESC, id DESC LIMIT $2"
    ))
    .bind(org.0)
    .bind(limit)
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// The latest movement that added stock of an item at a clinic (a receipt, a transfer in, a
/// count found more): a reminder of low stock is a new occasion after each such movement.
pub async fn last_increase(conn: &mut AnyConnection, org: OrgId, item: i64) -> Result<i64> {
    let (id,): (Option<i64>,) = sqlx::query_as(
        "SELECT MAX(id) FROM procurement_movements WHERE org_id = $1 AND item_id = $2 \
         AND quantity > 0",
    )
    .bind(org.0)
    .bind(item)
    .fetch_one(conn)
    .await?;
    Ok(id.unwrap_or(0))
}
