//! Delegation trips, inbound and outbound: the trip, its itinerary (visits and meetings with
//! day, time, place, the organisation met and the outcome) and its participants.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::network::{Direction, ParticipantRole};
use standort_domain::{OrgId, UserId};

use super::unknown;
use crate::{PageRequest, Paged, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TripData {
    pub title: String,
    pub direction: Direction,
    /// ISO 3166-1 alpha-2 of the country the delegation comes from (inbound) or goes to.
    pub country: String,
    pub start_day: i64,
    pub end_day: i64,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trip {
    pub id: i64,
    #[serde(flatten)]
    pub data: TripData,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TripItem {
    pub id: i64,
    pub trip_id: i64,
    pub day: i64,
    /// `HH:MM`, or empty.
    pub time: String,
    pub place: String,
    pub title: String,
    pub org_id: Option<OrgId>,
    pub org_name: Option<String>,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Participant {
    pub id: i64,
    pub trip_id: i64,
    pub contact_id: i64,
    pub name: String,
    pub org_id: OrgId,
    pub org_name: String,
    pub role: ParticipantRole,
    /// The language of the participant's itinerary.
    pub language: String,
}

const COLUMNS: &str = "id, title, direction, country, start_day, end_day, notes, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Trip> {
    let direction: String = r.try_get("direction")?;
    Ok(Trip {
        id: r.try_get("id")?,
        data: TripData {
            title: r.try_get("title")?,
            direction: Direction::parse(&direction)
                .ok_or_else(|| unknown("direction", &direction))?,
            country: r.try_get("country")?,
            start_day: r.try_get("start_day")?,
            end_day: r.try_get("end_day")?,
            notes: r.try_get("notes")?,
        },
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_trip(
    conn: &mut AnyConnection,
    d: &TripData,
    by: UserId,
    now: i64,
) -> Result<Trip> {
    let row = sqlx::query(&format!(
        "INSERT INTO network_trips (title, direction, country, start_day, end_day, notes, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
    ))
    .bind(&d.title)
    .bind(d.direction.as_str())
    .bind(&d.country)
    .bind(d.start_day)
    .bind(d.end_day)
    .bind(&d.notes)
    .bind(by.0)
    .bind(now)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

pub async fn get_trip(conn: &mut AnyConnection, id: i64) -> Result<Trip> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM network_trips WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// Trips, the latest first.
pub async fn list_trips(conn: &mut AnyConnection, page: PageRequest) -> Result<Paged<Trip>> {
    crate::fetch_paged(
        conn,
        "FROM network_trips",
        COLUMNS,
        "start_day DESC, id DESC",
        &[],
        page,
        from_row,
    )
    .await
}

/// A visit or meeting of the itinerary.
#[derive(Debug, Clone)]
pub struct NewTripItem<'a> {
    pub day: i64,
    pub time: &'a str,
    pub place: &'a str,
    pub title: &'a str,
    pub org_id: Option<OrgId>,
    pub outcome: &'a str,
}

pub async fn add_item(conn: &mut AnyConnection, trip: i64, i: &NewTripItem<'_>) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO network_trip_items (trip_id, day, time, place, title, org_id, outcome) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(trip)
    .bind(i.day)
    .bind(i.time)
    .bind(i.place)
    .bind(i.title)
    .bind(i.org_id.map(|o| o.0))
    .bind(i.outcome)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

/// Records the outcome of a visit or meeting of `trip`.
pub async fn set_item_outcome(
    conn: &mut AnyConnection,
    trip: i64,
    item: i64,
    outcome: &str,
) -> Result<()> {
    let done =
        sqlx::query("UPDATE network_trip_items SET outcome = $1 WHERE id = $2 AND trip_id = $3")
            .bind(outcome)
            .bind(item)
            .bind(trip)
            .execute(conn)
            .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The itinerary in order of day and time.
pub async fn items(conn: &mut AnyConnection, trip: i64) -> Result<Vec<TripItem>> {
    let rows = sqlx::query(
        "SELECT i.id, i.trip_id, i.day, i.time, i.place, i.title, i.org_id, o.name AS org_name, \
         i.outcome FROM network_trip_items i LEFT JOIN organisations o ON o.id = i.org_id \
         WHERE i.trip_id = $1 ORDER BY i.day, i.time, i.id",
    )
    .bind(trip)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let org: Option<i64> = r.try_get("org_id")?;
            Ok(TripItem {
                id: r.try_get("id")?,
                trip_id: r.try_get("trip_id")?,
                day: r.try_get("day")?,
                time: r.try_get("time")?,
                place: r.try_get("place")?,
                title: r.try_get("title")?,
                org_id: org.map(OrgId),
                org_name: r.try_get("org_name")?,
                outcome: r.try_get("outcome")?,
            })
        })
        .collect()
}

pub async fn add_participant(
    conn: &mut AnyConnection,
    trip: i64,
    contact: i64,
    org: OrgId,
    role: ParticipantRole,
    language: &str,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO network_trip_participants (trip_id, contact_id, org_id, role, language) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(trip)
    .bind(contact)
    .bind(org.0)
    .bind(role.as_str())
    .bind(language)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn participants(conn: &mut AnyConnection, trip: i64) -> Result<Vec<Participant>> {
    let rows = sqlx::query(
        "SELECT p.id, p.trip_id, p.contact_id, c.given_names, c.family_name, p.org_id, \
         o.name AS org_name, p.role, p.language FROM network_trip_participants p \
         JOIN network_contacts c ON c.id = p.contact_id JOIN organisations o ON o.id = p.org_id \
         WHERE p.trip_id = $1 ORDER BY p.id",
    )
    .bind(trip)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let role: String = r.try_get("role")?;
            let given: String = r.try_get("given_names")?;
            let family: String = r.try_get("family_name")?;
            Ok(Participant {
                id: r.try_get("id")?,
                trip_id: r.try_get("trip_id")?,
                contact_id: r.try_get("contact_id")?,
                name: format!("{given} {family}"),
                org_id: OrgId(r.try_get("org_id")?),
                org_name: r.try_get("org_name")?,
                role: ParticipantRole::parse(&role).ok_or_else(|| unknown("role", &role))?,
                language: r.try_get("language")?,
            })
        })
        .collect()
}

/// The trips a contact took part in (for their data export).
pub async fn contact_trips(conn: &mut AnyConnection, contact: i64) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT trip_id FROM network_trip_participants WHERE contact_id = $1 ORDER BY trip_id",
    )
    .bind(contact)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(t,)| t).collect())
}
