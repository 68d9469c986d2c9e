//! Assumption sets (migration 0007): explicit rates per region, stored under a name.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::{Result, StoreError};

use super::insert_batched;

/// A named assumption set (migration 0007): explicit rates per region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssumptionSet {
    pub id: i64,
    pub name: String,
    pub imported_by: Option<i64>,
    /// Who imported it, as shown (a user's name, or the command line).
    pub imported_label: String,
    pub imported_at: i64,
}

/// An assumption set with what it covers (for lists).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssumptionSetInfo {
    pub set: AssumptionSet,
    /// Number of regions with at least one value.
    pub regions: i64,
    /// The kinds present, sorted.
    pub kinds: Vec<String>,
    pub rows: i64,
}

/// One explicit value of an assumption set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssumptionCell {
    pub region_id: i64,
    /// `fertility`, `mortality`, `emigration` or `immigration`.
    pub kind: String,
    /// From this projected year on; `None` = from the first projected year.
    pub year_from: Option<i64>,
    /// `m`, `f`, or empty for fertility.
    pub sex: String,
    pub age: i64,
    /// Empty: the value applies to the whole population (both nationality groups); else
    /// the nationality as given (lowercase), see `standort_app::demography::parse::nat_group`.
    pub nationality: String,
    pub value: f64,
}

const SET_COLUMNS: &str = "id, name, imported_by, imported_label, imported_at";

fn set_from_row(row: &sqlx::any::AnyRow) -> Result<AssumptionSet> {
    Ok(AssumptionSet {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        imported_by: row.try_get("imported_by")?,
        imported_label: row.try_get("imported_label")?,
        imported_at: row.try_get("imported_at")?,
    })
}

/// Stores an assumption set under `name` with `cells`, replacing a set of the same name and
/// all its values. Returns the new set and whether an older one was replaced.
pub async fn replace_assumption_set(
    conn: &mut AnyConnection,
    name: &str,
    imported_by: Option<i64>,
    imported_label: &str,
    cells: &[AssumptionCell],
    now: i64,
) -> Result<(AssumptionSet, bool)> {
    let old = find_assumption_set(&mut *conn, name).await?;
    if let Some(old) = &old {
        delete_assumption_set(&mut *conn, old.id).await?;
    }
    let row = sqlx::query(&format!(
        "INSERT INTO demography_assumption_sets (name, imported_by, imported_label, imported_at) \
         VALUES ($1, $2, $3, $4) RETURNING {SET_COLUMNS}"
    ))
    .bind(name)
    .bind(imported_by)
    .bind(imported_label)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let set = set_from_row(&row)?;
    insert_batched(
        conn,
        "demography_assumptions",
        &[
            "set_id",
            "region_id",
            "kind",
            "year_from",
            "sex",
            "age",
            "nationality",
            "value",
        ],
        cells,
        |q, c| {
            q.bind(set.id)
                .bind(c.region_id)
                .bind(c.kind.as_str())
                .bind(c.year_from)
                .bind(c.sex.as_str())
                .bind(c.age)
                .bind(c.nationality.as_str())
                .bind(c.value)
        },
    )
    .await?;
    Ok((set, old.is_some()))
}

pub async fn find_assumption_set(
    conn: &mut AnyConnection,
    name: &str,
) -> Result<Option<AssumptionSet>> {
    let row = sqlx::query(&format!(
        "SELECT {SET_COLUMNS} FROM demography_assumption_sets WHERE name = $1"
    ))
    .bind(name)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(set_from_row).transpose()
}

/// Every assumption set, by name, with the regions, kinds and rows it holds.
pub async fn list_assumption_sets(conn: &mut AnyConnection) -> Result<Vec<AssumptionSetInfo>> {
    let rows = sqlx::query(&format!(
        "SELECT {SET_COLUMNS} FROM demography_assumption_sets ORDER BY name, id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let sets: Vec<AssumptionSet> = rows.iter().map(set_from_row).collect::<Result<_>>()?;
    let counts: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT set_id, COUNT(DISTINCT region_id), COUNT(*) FROM demography_assumptions \
         GROUP BY set_id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let kinds: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT set_id, kind FROM demography_assumptions ORDER BY set_id, kind",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(sets
        .into_iter()
        .map(|set| {
            let (regions, rows) = counts
                .iter()
                .find(|c| c.0 == set.id)
                .map_or((0, 0), |c| (c.1, c.2));
            AssumptionSetInfo {
                kinds: kinds
                    .iter()
                    .filter(|k| k.0 == set.id)
                    .map(|k| k.1.clone())
                    .collect(),
                regions,
                rows,
                set,
            }
        })
        .collect())
}

/// The values of a set, ordered by region, kind, year, sex and age.
pub async fn assumption_cells(
    conn: &mut AnyConnection,
    set_id: i64,
) -> Result<Vec<AssumptionCell>> {
    let rows = sqlx::query(
        "SELECT region_id, kind, year_from, sex, age, nationality, value \
         FROM demography_assumptions \
         WHERE set_id = $1 ORDER BY region_id, kind, year_from, sex, age, nationality",
    )
    .bind(set_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(AssumptionCell {
                region_id: row.try_get("region_id")?,
                kind: row.try_get("kind")?,
                year_from: row.try_get("year_from")?,
                sex: row.try_get("sex")?,
                age: row.try_get("age")?,
                nationality: row.try_get("nationality")?,
                value: row.try_get("value")?,
            })
        })
        .collect()
}

/// Deletes a set and its values; `NotFound` if there is none with this id.
pub async fn delete_assumption_set(conn: &mut AnyConnection, id: i64) -> Result<AssumptionSet> {
    let row = sqlx::query(&format!(
        "SELECT {SET_COLUMNS} FROM demography_assumption_sets WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    let set = set_from_row(&row)?;
    sqlx::query("DELETE FROM demography_assumptions WHERE set_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM demography_assumption_sets WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(set)
}
