//! Programmes (cohorts) of an organisation.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::OrgId;

use crate::{PageRequest, Paged, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeData {
    pub org_id: OrgId,
    pub name: String,
    pub description: String,
    /// Planned cohort size ("40 people").
    pub target_size: i64,
    pub start_date: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeRecord {
    pub id: i64,
    #[serde(flatten)]
    pub data: ProgrammeData,
    pub created_at: i64,
}

const PROGRAMME_COLUMNS: &str =
    "id, org_id, name, description, target_size, start_date, created_at";

fn programme_from_row(r: &sqlx::any::AnyRow) -> Result<ProgrammeRecord> {
    Ok(ProgrammeRecord {
        id: r.try_get("id")?,
        data: ProgrammeData {
            org_id: OrgId(r.try_get("org_id")?),
            name: r.try_get("name")?,
            description: r.try_get("description")?,
            target_size: r.try_get("target_size")?,
            start_date: r.try_get("start_date")?,
        },
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_programme(
    conn: &mut AnyConnection,
    d: &ProgrammeData,
    now: i64,
) -> Result<ProgrammeRecord> {
    let row = sqlx::query(&format!(
        "INSERT INTO programmes (org_id, name, description, target_size, start_date, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {PROGRAMME_COLUMNS}"
    ))
    .bind(d.org_id.0)
    .bind(&d.name)
    .bind(&d.description)
    .bind(d.target_size)
    .bind(d.start_date)
    .bind(now)
    .fetch_one(conn)
    .await?;
    programme_from_row(&row)
}

pub async fn get_programme(conn: &mut AnyConnection, id: i64) -> Result<ProgrammeRecord> {
    let row = sqlx::query(&format!(
        "SELECT {PROGRAMME_COLUMNS} FROM programmes WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    programme_from_row(&row)
}

pub async fn list_programmes(
    conn: &mut AnyConnection,
    page: PageRequest,
) -> Result<Paged<ProgrammeRecord>> {
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM programmes")
        .fetch_one(&mut *conn)
        .await?;
    let rows = sqlx::query(&format!(
        "SELECT {PROGRAMME_COLUMNS} FROM programmes ORDER BY name, id LIMIT $1 OFFSET $2"
    ))
    .bind(page.limit)
    .bind(page.offset)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Paged {
        items: rows.iter().map(programme_from_row).collect::<Result<_>>()?,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}
