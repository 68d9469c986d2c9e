//! The document checklist of each placement.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistRow {
    pub id: i64,
    pub placement_id: i64,
    pub track: String,
    pub item: String,
    pub due_on: Option<i64>,
    pub done_on: Option<i64>,
}

const CHECKLIST_COLUMNS: &str = "k.id, k.placement_id, k.track, k.item, k.due_on, k.done_on";

fn checklist_from_row(r: &sqlx::any::AnyRow) -> Result<ChecklistRow> {
    Ok(ChecklistRow {
        id: r.try_get("id")?,
        placement_id: r.try_get("placement_id")?,
        track: r.try_get("track")?,
        item: r.try_get("item")?,
        due_on: r.try_get("due_on")?,
        done_on: r.try_get("done_on")?,
    })
}

pub async fn insert_checklist_item(
    conn: &mut AnyConnection,
    placement: i64,
    track: &str,
    item: &str,
    due_on: Option<i64>,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placement_checklist (placement_id, track, item, due_on, done_on) \
         VALUES ($1, $2, $3, $4, NULL) RETURNING id",
    )
    .bind(placement)
    .bind(track)
    .bind(item)
    .bind(due_on)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Sets the due and done days of a checklist item of `placement`; `NotFound` when the item
/// belongs to another placement.
pub async fn update_checklist_item(
    conn: &mut AnyConnection,
    placement: i64,
    id: i64,
    due_on: Option<i64>,
    done_on: Option<i64>,
) -> Result<ChecklistRow> {
    let row = sqlx::query(
        "UPDATE placement_checklist SET due_on = $1, done_on = $2 WHERE id = $3 AND placement_id = $4 \
         RETURNING id, placement_id, track, item, due_on, done_on",
    )
    .bind(due_on)
    .bind(done_on)
    .bind(id)
    .bind(placement)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    checklist_from_row(&row)
}

pub async fn checklist(conn: &mut AnyConnection, placement: i64) -> Result<Vec<ChecklistRow>> {
    sqlx::query(&format!(
        "SELECT {CHECKLIST_COLUMNS} FROM placement_checklist k WHERE k.placement_id = $1 ORDER BY k.id"
    ))
    .bind(placement)
    .fetch_all(conn)
    .await?
    .iter()
    .map(checklist_from_row)
    .collect()
}

/// The checklists of every placement of a programme (`None`: of all placements).
pub async fn checklist_of_programme(
    conn: &mut AnyConnection,
    programme: Option<i64>,
) -> Result<Vec<ChecklistRow>> {
    sqlx::query(&format!(
        "SELECT {CHECKLIST_COLUMNS} FROM placement_checklist k JOIN placements p ON p.id = k.placement_id \
         WHERE ($1 IS NULL OR p.programme_id = $1) ORDER BY k.id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?
    .iter()
    .map(checklist_from_row)
    .collect()
}
