//! Organisations: the agency, clinics, employers, partners abroad.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, OrgKind};

use crate::{PageRequest, Paged, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organisation {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewOrganisation<'a> {
    pub name: &'a str,
    pub kind: OrgKind,
    pub country: &'a str,
}

const COLUMNS: &str = "id, name, kind, country, created_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<Organisation> {
    let kind: String = row.try_get("kind")?;
    Ok(Organisation {
        id: OrgId(row.try_get("id")?),
        name: row.try_get("name")?,
        kind: OrgKind::parse(&kind)
            .ok_or_else(|| StoreError::Archive(format!("unknown organisation kind {kind:?}")))?,
        country: row.try_get("country")?,
        created_at: row.try_get("created_at")?,
    })
}

pub async fn insert(
    conn: &mut AnyConnection,
    new: &NewOrganisation<'_>,
    now: i64,
) -> Result<Organisation> {
    let row = sqlx::query(&format!(
        "INSERT INTO organisations (name, kind, country, created_at) VALUES ($1, $2, $3, $4) RETURNING {COLUMNS}"
    ))
    .bind(new.name)
    .bind(new.kind.as_str())
    .bind(new.country)
    .bind(now)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

pub async fn get(conn: &mut AnyConnection, id: OrgId) -> Result<Organisation> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM organisations WHERE id = $1"
    ))
    .bind(id.0)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// Lists organisations by name; `only` restricts the list to one organisation (for roles that
/// see only their own).
pub async fn list(
    conn: &mut AnyConnection,
    only: Option<OrgId>,
    page: PageRequest,
) -> Result<Paged<Organisation>> {
    crate::OrgScopedList {
        table: "organisations",
        columns: COLUMNS,
        org_column: "id",
        condition: "",
        order_by: "name, id",
    }
    .fetch(conn, only, page, from_row)
    .await
}

/// Up to `limit` organisations whose name contains `text` (letter case ignored for ASCII), by
/// name: the organisation pickers of forms, which must reach every organisation, not only a
/// first page of them.
pub async fn search(
    conn: &mut AnyConnection,
    only: Option<OrgId>,
    text: &str,
    limit: i64,
) -> Result<Vec<Organisation>> {
    let pattern = format!("%{}%", crate::escape_like(&text.trim().to_lowercase()));
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM organisations WHERE LOWER(name) LIKE $1 ESCAPE '\\' \
         AND ($2 IS NULL OR id = $2) ORDER BY name, id LIMIT $3"
    ))
    .bind(pattern)
    .bind(only.map(|o| o.0))
    .bind(limit)
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// The organisations with these ids (those a page of records names), in no particular order.
pub async fn by_ids(conn: &mut AnyConnection, ids: &[OrgId]) -> Result<Vec<Organisation>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM organisations WHERE id IN ({})",
        marks.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(id.0);
    }
    q.fetch_all(conn).await?.iter().map(from_row).collect()
}

pub async fn count(conn: &mut AnyConnection) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM organisations")
        .fetch_one(conn)
        .await?;
    Ok(n)
}

/// Every organisation of one kind, by name (the clinics of the procurement channel, the
/// suppliers a pooled order can go to).
pub async fn of_kind(conn: &mut AnyConnection, kind: OrgKind) -> Result<Vec<Organisation>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM organisations WHERE kind = $1 ORDER BY name, id"
    ))
    .bind(kind.as_str())
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}
