//! The due items derived from each history (migration 0011) and the overdue query over them
//! and the open checklist items.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::UserId;

use crate::{Result, flag};

/// A due item the engine derived from a placement's history (a legal or process deadline),
/// stored by the use case that recorded the step (migration 0011). Checklist items are not
/// stored here: they carry their own `due_on`/`done_on` in `placement_checklist`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueRow {
    pub track: String,
    pub code: String,
    /// Unix seconds at 00:00 UTC.
    pub due_on: i64,
    pub legal: bool,
}

/// Replaces the stored derived due items of a placement by `items` and records that they were
/// derived with version `rules` of the due rules. Call it in the transaction that wrote the
/// history it was derived from. Idempotent, so two instances re-deriving the same placement at
/// once store the same rows.
pub async fn replace_due(
    conn: &mut AnyConnection,
    placement: i64,
    items: &[DueRow],
    rules: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM placement_due WHERE placement_id = $1")
        .bind(placement)
        .execute(&mut *conn)
        .await?;
    for d in items {
        sqlx::query(
            "INSERT INTO placement_due (placement_id, track, code, due_on, legal) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (placement_id, track, code) DO NOTHING",
        )
        .bind(placement)
        .bind(&d.track)
        .bind(&d.code)
        .bind(d.due_on)
        .bind(i64::from(d.legal))
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("UPDATE placements SET due_rules = $1 WHERE id = $2")
        .bind(rules)
        .bind(placement)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The stored derived due items of a placement, by due day, track and code.
pub async fn due(conn: &mut AnyConnection, placement: i64) -> Result<Vec<DueRow>> {
    sqlx::query(
        "SELECT track, code, due_on, legal FROM placement_due WHERE placement_id = $1 \
         ORDER BY due_on, track, code",
    )
    .bind(placement)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(DueRow {
            track: r.try_get("track")?,
            code: r.try_get("code")?,
            due_on: r.try_get("due_on")?,
            legal: flag(r.try_get("legal")?),
        })
    })
    .collect()
}

/// Up to `limit` placements whose due items were derived with rules older than `rules` (or
/// never), lowest id first.
pub async fn placements_due_below(
    conn: &mut AnyConnection,
    rules: i64,
    limit: i64,
) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM placements WHERE due_rules < $1 ORDER BY id LIMIT $2")
            .bind(rules)
            .bind(limit)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// An open item whose due day has passed: a stored derived item or an open checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverdueRow {
    pub placement_id: i64,
    pub family_name: String,
    pub given_names: String,
    pub track: String,
    /// The derived item's code or the checklist item's key.
    pub code: String,
    pub due_on: i64,
    pub checklist: bool,
    pub legal: bool,
}

/// The open due items and open checklist items due before `$1` (Unix seconds) of the
/// every placement, read along the due-day indexes alone.
const OVERDUE_ITEMS: &str = "SELECT d.placement_id FROM placement_due d WHERE d.due_on < $1 \
    UNION ALL SELECT k.placement_id FROM placement_checklist k \
    WHERE k.due_on < $1 AND k.done_on IS NULL";

/// The first `$2` of each kind of item of every placement in the card's order (due day,
/// placement, track, code): the due-day indexes (migration 0011) give the first two keys, so
/// each side reads and sorts a few rows, and ordering their union sorts at most twice `$2`
/// rows instead of every overdue item.
fn first_overdue_items() -> String {
    format!(
        "SELECT * FROM (SELECT d.placement_id, d.track, d.code, d.due_on, \
         CAST(0 AS BIGINT) AS checklist, d.legal FROM placement_due d WHERE d.due_on < $1 \
         ORDER BY d.due_on, d.placement_id, {order_d}, d.code LIMIT $2) a \
         UNION ALL SELECT * FROM (SELECT k.placement_id, k.track, k.item AS code, k.due_on, \
         CAST(1 AS BIGINT) AS checklist, CAST(0 AS BIGINT) AS legal FROM placement_checklist k \
         WHERE k.due_on < $1 AND k.done_on IS NULL \
         ORDER BY k.due_on, k.placement_id, {order_k}, k.item LIMIT $2) b",
        order_d = track_order("d"),
        order_k = track_order("k"),
    )
}

/// The engine's track order (`Track::ALL`), the tie-break of items due the same day.
fn track_order(alias: &str) -> String {
    format!(
        "CASE {alias}.track WHEN 'language' THEN 0 WHEN 'recognition' THEN 1 \
         WHEN 'visa' THEN 2 WHEN 'contract' THEN 3 WHEN 'arrival' THEN 4 ELSE 5 END"
    )
}

/// Open items due before `before` (Unix seconds at 00:00 UTC of today) of every placement, or
/// of a counsellor's caseload: how many there are, and the first `limit` by due day, placement,
/// track and code.
pub async fn overdue(
    conn: &mut AnyConnection,
    counsellor: Option<UserId>,
    before: i64,
    limit: i64,
) -> Result<(i64, Vec<OverdueRow>)> {
    match counsellor {
        Some(counsellor) => caseload_overdue(conn, counsellor, before, limit).await,
        None => all_overdue(conn, before, limit).await,
    }
}

/// Every placement's: counted along the due-day indexes, the first rows read from their heads.
async fn all_overdue(
    conn: &mut AnyConnection,
    before: i64,
    limit: i64,
) -> Result<(i64, Vec<OverdueRow>)> {
    // Kept while the due items do not change (the staff's dashboard asks on every view).
    let total = crate::count_where(
        conn,
        &format!("FROM ({OVERDUE_ITEMS}) x"),
        &[crate::Arg::Int(Some(before))],
    )
    .await?;
    let rows = sqlx::query(&format!(
        "SELECT x.placement_id, x.track, x.code, x.due_on, x.checklist, x.legal, \
         c.family_name, c.given_names FROM ({items}) x \
         JOIN placements p ON p.id = x.placement_id JOIN candidates c ON c.id = p.candidate_id \
         ORDER BY x.due_on, x.placement_id, {order}, x.code LIMIT $2",
        items = first_overdue_items(),
        order = track_order("x"),
    ))
    .bind(before)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok((total, overdue_rows(&rows)?))
}

/// A caseload's: from the counsellor's candidates to their placements to each placement's
/// items due before `before` (one index range each, migration 0015), so the work grows with
/// the caseload, not with all placements; the caseload's overdue items come in one sorted
/// read, which gives the count and the first rows together.
async fn caseload_overdue(
    conn: &mut AnyConnection,
    counsellor: UserId,
    before: i64,
    limit: i64,
) -> Result<(i64, Vec<OverdueRow>)> {
    let rows = sqlx::query(&format!(
        "SELECT x.* FROM (SELECT d.placement_id, d.track, d.code, d.due_on, \
         CAST(0 AS BIGINT) AS checklist, d.legal, c.family_name, c.given_names \
         FROM candidates c JOIN placements p ON p.candidate_id = c.id \
         JOIN placement_due d ON d.placement_id = p.id \
         WHERE c.counsellor_id = $2 AND d.due_on < $1 \
         UNION ALL SELECT k.placement_id, k.track, k.item AS code, k.due_on, \
         CAST(1 AS BIGINT) AS checklist, CAST(0 AS BIGINT) AS legal, c.family_name, c.given_names \
         FROM candidates c JOIN placements p ON p.candidate_id = c.id \
         JOIN placement_checklist k ON k.placement_id = p.id \
         WHERE c.counsellor_id = $2 AND k.due_on < $1 AND k.done_on IS NULL) x \
         ORDER BY x.due_on, x.placement_id, {order}, x.code",
        order = track_order("x"),
    ))
    .bind(before)
    .bind(counsellor.0)
    .fetch_all(&mut *conn)
    .await?;
    let total = rows.len() as i64;
    let first = usize::try_from(limit).unwrap_or(0).min(rows.len());
    Ok((total, overdue_rows(&rows[..first])?))
}

fn overdue_rows(rows: &[sqlx::any::AnyRow]) -> Result<Vec<OverdueRow>> {
    rows.iter()
        .map(|r| {
            Ok(OverdueRow {
                placement_id: r.try_get("placement_id")?,
                family_name: r.try_get("family_name")?,
                given_names: r.try_get("given_names")?,
                track: r.try_get("track")?,
                code: r.try_get("code")?,
                due_on: r.try_get("due_on")?,
                checklist: flag(r.try_get("checklist")?),
                legal: flag(r.try_get("legal")?),
            })
        })
        .collect()
}
