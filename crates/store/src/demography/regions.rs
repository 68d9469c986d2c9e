//! The region hierarchy (Land, Kreis, Gemeinde, Ortsteil).

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::{PageRequest, Paged, Result, StoreError};

/// A region of the hierarchy (Land, Kreis, Gemeinde, Ortsteil) with its official key.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    pub id: i64,
    /// Official key, e.g. the AGS `14729` or `14729150`, or another country's code.
    pub key: String,
    pub name: String,
    /// `land`, `kreis`, `gemeinde` or `ortsteil`.
    pub level: String,
    pub parent_id: Option<i64>,
    /// A remark shown with the region, e.g. that its figures are synthetic.
    pub note: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A region to insert or update (matched by key).
#[derive(Debug, Clone)]
pub struct NewRegion<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub level: &'a str,
    pub parent_id: Option<i64>,
    pub note: Option<&'a str>,
}

const REGION_COLUMNS: &str = "id, key, name, level, parent_id, note, created_at, updated_at";

fn region_from_row(row: &sqlx::any::AnyRow) -> Result<Region> {
    Ok(Region {
        id: row.try_get("id")?,
        key: row.try_get("key")?,
        name: row.try_get("name")?,
        level: row.try_get("level")?,
        parent_id: row.try_get("parent_id")?,
        note: row.try_get("note")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Inserts a region or, when its key exists, updates name, level, parent and note.
pub async fn upsert_region(
    conn: &mut AnyConnection,
    new: &NewRegion<'_>,
    now: i64,
) -> Result<Region> {
    let row = sqlx::query(&format!(
        "INSERT INTO demography_regions (key, name, level, parent_id, note, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (key) DO UPDATE SET name = excluded.name, level = excluded.level, \
         parent_id = excluded.parent_id, note = excluded.note, updated_at = excluded.updated_at \
         RETURNING {REGION_COLUMNS}"
    ))
    .bind(new.key)
    .bind(new.name)
    .bind(new.level)
    .bind(new.parent_id)
    .bind(new.note)
    .bind(now)
    .fetch_one(conn)
    .await?;
    region_from_row(&row)
}

pub async fn get_region(conn: &mut AnyConnection, id: i64) -> Result<Region> {
    let row = sqlx::query(&format!(
        "SELECT {REGION_COLUMNS} FROM demography_regions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    region_from_row(&row)
}

pub async fn find_region_by_key(conn: &mut AnyConnection, key: &str) -> Result<Option<Region>> {
    let row = sqlx::query(&format!(
        "SELECT {REGION_COLUMNS} FROM demography_regions WHERE key = $1"
    ))
    .bind(key)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(region_from_row).transpose()
}

/// Every region, ordered by key (a hierarchy of official keys sorts parents first).
pub async fn all_regions(conn: &mut AnyConnection) -> Result<Vec<Region>> {
    let rows = sqlx::query(&format!(
        "SELECT {REGION_COLUMNS} FROM demography_regions ORDER BY key, id"
    ))
    .fetch_all(conn)
    .await?;
    rows.iter().map(region_from_row).collect()
}

/// One page of regions ordered by key; `parent` restricts to the children of one region.
pub async fn list_regions(
    conn: &mut AnyConnection,
    parent: Option<i64>,
    page: PageRequest,
) -> Result<Paged<Region>> {
    let (total,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM demography_regions WHERE ($1 IS NULL OR parent_id = $1)",
    )
    .bind(parent)
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query(&format!(
        "SELECT {REGION_COLUMNS} FROM demography_regions WHERE ($1 IS NULL OR parent_id = $1) \
         ORDER BY key, id LIMIT $2 OFFSET $3"
    ))
    .bind(parent)
    .bind(page.limit)
    .bind(page.offset)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Paged {
        items: rows.iter().map(region_from_row).collect::<Result<_>>()?,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

pub async fn count_regions(conn: &mut AnyConnection) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM demography_regions")
        .fetch_one(conn)
        .await?;
    Ok(n)
}
