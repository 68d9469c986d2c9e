//! The append-only history of track events: no function here changes or deletes one.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::UserId;

use crate::{Result, StoreError};

/// One step recorded on a track.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: i64,
    pub placement_id: i64,
    pub track: String,
    pub kind: String,
    /// The event as its JSON object (`{"kind": …, …}`).
    pub data: serde_json::Value,
    /// The day it happened.
    pub happened_on: i64,
    pub note: Option<String>,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub recorded_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub placement_id: i64,
    pub track: &'a str,
    pub kind: &'a str,
    pub data: &'a serde_json::Value,
    pub happened_on: i64,
    pub note: Option<&'a str>,
    pub actor: Option<UserId>,
    pub actor_label: &'a str,
}

const EVENT_COLUMNS: &str = "e.id, e.placement_id, e.track, e.kind, e.data, e.happened_on, e.note, \
    e.actor_user_id, e.actor_label, e.recorded_at";

fn event_from_row(r: &sqlx::any::AnyRow) -> Result<EventRecord> {
    let data: String = r.try_get("data")?;
    Ok(EventRecord {
        id: r.try_get("id")?,
        placement_id: r.try_get("placement_id")?,
        track: r.try_get("track")?,
        kind: r.try_get("kind")?,
        data: serde_json::from_str(&data)
            .map_err(|e| StoreError::Archive(format!("invalid event data {data:?}: {e}")))?,
        happened_on: r.try_get("happened_on")?,
        note: r.try_get("note")?,
        actor_user_id: r.try_get("actor_user_id")?,
        actor_label: r.try_get("actor_label")?,
        recorded_at: r.try_get("recorded_at")?,
    })
}

pub async fn append_event(conn: &mut AnyConnection, e: &NewEvent<'_>, now: i64) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placement_events (placement_id, track, kind, data, happened_on, note, \
         actor_user_id, actor_label, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(e.placement_id)
    .bind(e.track)
    .bind(e.kind)
    .bind(e.data.to_string())
    .bind(e.happened_on)
    .bind(e.note)
    .bind(e.actor.map(|u| u.0))
    .bind(e.actor_label)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// A placement's history in the order it was recorded.
pub async fn events(conn: &mut AnyConnection, placement: i64) -> Result<Vec<EventRecord>> {
    sqlx::query(&format!(
        "SELECT {EVENT_COLUMNS} FROM placement_events e WHERE e.placement_id = $1 ORDER BY e.id"
    ))
    .bind(placement)
    .fetch_all(conn)
    .await?
    .iter()
    .map(event_from_row)
    .collect()
}

/// The histories of every placement of a programme (`None`: of all placements).
pub async fn events_of_programme(
    conn: &mut AnyConnection,
    programme: Option<i64>,
) -> Result<Vec<EventRecord>> {
    sqlx::query(&format!(
        "SELECT {EVENT_COLUMNS} FROM placement_events e JOIN placements p ON p.id = e.placement_id \
         WHERE ($1 IS NULL OR p.programme_id = $1) ORDER BY e.id"
    ))
    .bind(programme)
    .fetch_all(conn)
    .await?
    .iter()
    .map(event_from_row)
    .collect()
}
