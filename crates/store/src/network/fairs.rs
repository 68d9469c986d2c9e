//! Trade fairs and events, and the leads captured there.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::{PageRequest, Paged, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FairData {
    pub name: String,
    pub city: String,
    pub country: String,
    pub start_day: i64,
    pub end_day: i64,
    /// Stand and travel costs, whole euros.
    pub cost_eur: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fair {
    pub id: i64,
    #[serde(flatten)]
    pub data: FairData,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lead {
    pub id: i64,
    pub fair_id: i64,
    pub org_id: OrgId,
    pub org_name: String,
    pub note: String,
    pub follow_up_day: Option<i64>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, name, city, country, start_day, end_day, cost_eur, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Fair> {
    Ok(Fair {
        id: r.try_get("id")?,
        data: FairData {
            name: r.try_get("name")?,
            city: r.try_get("city")?,
            country: r.try_get("country")?,
            start_day: r.try_get("start_day")?,
            end_day: r.try_get("end_day")?,
            cost_eur: r.try_get("cost_eur")?,
        },
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_fair(conn: &mut AnyConnection, d: &FairData, now: i64) -> Result<Fair> {
    let row = sqlx::query(&format!(
        "INSERT INTO network_fairs (name, city, country, start_day, end_day, cost_eur, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
    ))
    .bind(&d.name)
    .bind(&d.city)
    .bind(&d.country)
    .bind(d.start_day)
    .bind(d.end_day)
    .bind(d.cost_eur)
    .bind(now)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

pub async fn get_fair(conn: &mut AnyConnection, id: i64) -> Result<Fair> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM network_fairs WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// The fair calendar, the latest first.
pub async fn list_fairs(conn: &mut AnyConnection, page: PageRequest) -> Result<Paged<Fair>> {
    crate::fetch_paged(
        conn,
        "FROM network_fairs",
        COLUMNS,
        "start_day DESC, id DESC",
        &[],
        page,
        from_row,
    )
    .await
}

pub async fn add_lead(
    conn: &mut AnyConnection,
    fair: i64,
    org: OrgId,
    note: &str,
    follow_up_day: Option<i64>,
    by: UserId,
    now: i64,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO network_leads (fair_id, org_id, note, follow_up_day, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(fair)
    .bind(org.0)
    .bind(note)
    .bind(follow_up_day)
    .bind(by.0)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn leads(conn: &mut AnyConnection, fair: i64) -> Result<Vec<Lead>> {
    let rows = sqlx::query(
        "SELECT l.id, l.fair_id, l.org_id, o.name AS org_name, l.note, l.follow_up_day, \
         l.created_at FROM network_leads l JOIN organisations o ON o.id = l.org_id \
         WHERE l.fair_id = $1 ORDER BY l.id",
    )
    .bind(fair)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Lead {
                id: r.try_get("id")?,
                fair_id: r.try_get("fair_id")?,
                org_id: OrgId(r.try_get("org_id")?),
                org_name: r.try_get("org_name")?,
                note: r.try_get("note")?,
                follow_up_day: r.try_get("follow_up_day")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}
