//! Projection runs and their stored results and pyramids (a new run replaces the values of
//! the earlier ones).

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::{PageRequest, Paged, Result, StoreError};

use super::insert_batched;

/// A projection run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub id: i64,
    pub base_year: i64,
    pub last_year: i64,
    pub trajectories: i64,
    pub seed: i64,
    pub summary: serde_json::Value,
    pub created_by: Option<i64>,
    pub created_at: i64,
}

/// A stored result value and a stored pyramid are what the engine's projection service
/// produces; the store keeps them as they are.
pub use standort_demography::service::{Pyramid, ResultRow};

fn run_from_row(row: &sqlx::any::AnyRow) -> Result<Run> {
    let summary: String = row.try_get("summary_json")?;
    Ok(Run {
        id: row.try_get("id")?,
        base_year: row.try_get("base_year")?,
        last_year: row.try_get("last_year")?,
        trajectories: row.try_get("trajectories")?,
        seed: row.try_get("seed")?,
        summary: serde_json::from_str(&summary)
            .map_err(|e| StoreError::Archive(format!("run summary is not JSON: {e}")))?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
    })
}

const RUN_COLUMNS: &str =
    "id, base_year, last_year, trajectories, seed, summary_json, created_by, created_at";

/// A new run whose results replace those of every earlier run (earlier runs stay listed).
#[allow(clippy::too_many_arguments)]
pub async fn insert_run(
    conn: &mut AnyConnection,
    base_year: i64,
    last_year: i64,
    trajectories: i64,
    seed: i64,
    summary: &serde_json::Value,
    created_by: Option<i64>,
    now: i64,
) -> Result<Run> {
    sqlx::query("DELETE FROM demography_results")
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM demography_pyramids")
        .execute(&mut *conn)
        .await?;
    let row = sqlx::query(&format!(
        "INSERT INTO demography_runs (base_year, last_year, trajectories, seed, summary_json, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {RUN_COLUMNS}"
    ))
    .bind(base_year)
    .bind(last_year)
    .bind(trajectories)
    .bind(seed)
    .bind(summary.to_string())
    .bind(created_by)
    .bind(now)
    .fetch_one(conn)
    .await?;
    run_from_row(&row)
}

/// The most recent run, if any.
pub async fn latest_run(conn: &mut AnyConnection) -> Result<Option<Run>> {
    let row = sqlx::query(&format!(
        "SELECT {RUN_COLUMNS} FROM demography_runs ORDER BY id DESC LIMIT 1"
    ))
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(run_from_row).transpose()
}

pub async fn insert_results(
    conn: &mut AnyConnection,
    run_id: i64,
    rows: &[ResultRow],
) -> Result<()> {
    insert_batched(
        conn,
        "demography_results",
        &[
            "run_id",
            "region_id",
            "scenario",
            "year",
            "measure",
            "value",
            "p2_5",
            "p10",
            "p90",
            "p97_5",
        ],
        rows,
        |q, r| {
            q.bind(run_id)
                .bind(r.region_id)
                .bind(r.scenario.as_str())
                .bind(r.year)
                .bind(r.measure.as_str())
                .bind(r.value)
                .bind(r.p2_5)
                .bind(r.p10)
                .bind(r.p90)
                .bind(r.p97_5)
        },
    )
    .await
}

/// Filter of [`results`]: `None` fields match everything.
#[derive(Debug, Clone, Default)]
pub struct ResultFilter {
    pub measure: Option<String>,
    pub scenario: Option<String>,
}

const RESULT_COLUMNS: &str = "region_id, scenario, year, measure, value, p2_5, p10, p90, p97_5";

fn result_from_row(row: &sqlx::any::AnyRow) -> Result<ResultRow> {
    Ok(ResultRow {
        region_id: row.try_get("region_id")?,
        scenario: row.try_get("scenario")?,
        year: row.try_get("year")?,
        measure: row.try_get("measure")?,
        value: row.try_get("value")?,
        p2_5: row.try_get("p2_5")?,
        p10: row.try_get("p10")?,
        p90: row.try_get("p90")?,
        p97_5: row.try_get("p97_5")?,
    })
}

/// Stored results of a region, ordered by measure, scenario and year.
pub async fn results(
    conn: &mut AnyConnection,
    region_id: i64,
    filter: &ResultFilter,
) -> Result<Vec<ResultRow>> {
    let rows = sqlx::query(&format!(
        "SELECT {RESULT_COLUMNS} FROM demography_results WHERE region_id = $1 \
         AND ($2 IS NULL OR measure = $2) AND ($3 IS NULL OR scenario = $3) \
         ORDER BY measure, scenario, year"
    ))
    .bind(region_id)
    .bind(filter.measure.as_deref())
    .bind(filter.scenario.as_deref())
    .fetch_all(conn)
    .await?;
    rows.iter().map(result_from_row).collect()
}

/// One page of a region's results (for the API).
pub async fn results_page(
    conn: &mut AnyConnection,
    region_id: i64,
    filter: &ResultFilter,
    page: PageRequest,
) -> Result<Paged<ResultRow>> {
    let (total,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM demography_results WHERE region_id = $1 \
         AND ($2 IS NULL OR measure = $2) AND ($3 IS NULL OR scenario = $3)",
    )
    .bind(region_id)
    .bind(filter.measure.as_deref())
    .bind(filter.scenario.as_deref())
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query(&format!(
        "SELECT {RESULT_COLUMNS} FROM demography_results WHERE region_id = $1 \
         AND ($2 IS NULL OR measure = $2) AND ($3 IS NULL OR scenario = $3) \
         ORDER BY measure, scenario, year, id LIMIT $4 OFFSET $5"
    ))
    .bind(region_id)
    .bind(filter.measure.as_deref())
    .bind(filter.scenario.as_deref())
    .bind(page.limit)
    .bind(page.offset)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Paged {
        items: rows.iter().map(result_from_row).collect::<Result<_>>()?,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

pub async fn insert_pyramids(
    conn: &mut AnyConnection,
    run_id: i64,
    pyramids: &[Pyramid],
) -> Result<()> {
    let json = |v: &[f64]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    type Encoded = (i64, i64, String, String, Option<String>, Option<String>);
    let encoded: Vec<Encoded> = pyramids
        .iter()
        .map(|p| {
            (
                p.region_id,
                p.year,
                json(&p.male),
                json(&p.female),
                p.foreign.as_ref().map(|(m, _)| json(m)),
                p.foreign.as_ref().map(|(_, f)| json(f)),
            )
        })
        .collect();
    insert_batched(
        conn,
        "demography_pyramids",
        &[
            "run_id",
            "region_id",
            "year",
            "male_json",
            "female_json",
            "foreign_male_json",
            "foreign_female_json",
        ],
        &encoded,
        |q, p| {
            q.bind(run_id)
                .bind(p.0)
                .bind(p.1)
                .bind(p.2.as_str())
                .bind(p.3.as_str())
                .bind(p.4.as_deref())
                .bind(p.5.as_deref())
        },
    )
    .await
}

/// The stored pyramid of a region in a year, if the latest run has one.
pub async fn pyramid(
    conn: &mut AnyConnection,
    region_id: i64,
    year: i64,
) -> Result<Option<Pyramid>> {
    let row = sqlx::query(
        "SELECT region_id, year, male_json, female_json, foreign_male_json, foreign_female_json \
         FROM demography_pyramids \
         WHERE region_id = $1 AND year = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(region_id)
    .bind(year)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let decode = |s: String| -> Result<Vec<f64>> {
        serde_json::from_str(&s)
            .map_err(|e| StoreError::Archive(format!("pyramid is not JSON: {e}")))
    };
    Ok(Some(Pyramid {
        region_id: row.try_get("region_id")?,
        year: row.try_get("year")?,
        male: decode(row.try_get("male_json")?)?,
        female: decode(row.try_get("female_json")?)?,
        foreign: match (
            row.try_get::<Option<String>, _>("foreign_male_json")?,
            row.try_get::<Option<String>, _>("foreign_female_json")?,
        ) {
            (Some(m), Some(f)) => Some((decode(m)?, decode(f)?)),
            _ => None,
        },
    }))
}

/// The years for which a region has a stored pyramid.
pub async fn pyramid_years(conn: &mut AnyConnection, region_id: i64) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT year FROM demography_pyramids WHERE region_id = $1 ORDER BY year",
    )
    .bind(region_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(y,)| y).collect())
}
