//! Observed flows (births, deaths, moves, naturalisations) by region and calendar year.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Result;

use super::insert_batched;

/// One flow cell of a calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowCell {
    pub region_id: i64,
    pub year: i64,
    /// `births` (age = mother's age, sex = child's sex), `deaths`, `immigration`, `emigration`,
    /// `acquisition` (foreign nationals who became nationals during the year).
    pub kind: String,
    pub age: i64,
    pub sex: String,
    /// As in [`PopulationCell`]: empty when the source does not distinguish nationality; for
    /// births the mother's nationality, for `acquisition` the former (foreign) one.
    pub nationality: String,
    pub count: i64,
}

/// Replaces the flows of the (region, year, kind) blocks present in `cells` with `cells`.
pub async fn replace_flows(conn: &mut AnyConnection, cells: &[FlowCell]) -> Result<()> {
    let mut blocks: Vec<(i64, i64, &str)> = cells
        .iter()
        .map(|c| (c.region_id, c.year, c.kind.as_str()))
        .collect();
    blocks.sort_unstable();
    blocks.dedup();
    for (region, year, kind) in blocks {
        sqlx::query(
            "DELETE FROM demography_flows WHERE region_id = $1 AND year = $2 AND kind = $3",
        )
        .bind(region)
        .bind(year)
        .bind(kind)
        .execute(&mut *conn)
        .await?;
    }
    insert_batched(
        conn,
        "demography_flows",
        &[
            "region_id",
            "year",
            "kind",
            "age",
            "sex",
            "nationality",
            "count",
        ],
        cells,
        |q, c| {
            q.bind(c.region_id)
                .bind(c.year)
                .bind(c.kind.as_str())
                .bind(c.age)
                .bind(c.sex.as_str())
                .bind(c.nationality.as_str())
                .bind(c.count)
        },
    )
    .await
}

/// All flow cells of all regions.
pub async fn all_flows(conn: &mut AnyConnection) -> Result<Vec<FlowCell>> {
    let rows = sqlx::query(
        "SELECT region_id, year, kind, age, sex, nationality, count FROM demography_flows \
         ORDER BY region_id, year, kind, sex, age, nationality",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(FlowCell {
                region_id: row.try_get("region_id")?,
                year: row.try_get("year")?,
                kind: row.try_get("kind")?,
                age: row.try_get("age")?,
                sex: row.try_get("sex")?,
                nationality: row.try_get("nationality")?,
                count: row.try_get("count")?,
            })
        })
        .collect()
}

/// The calendar years with any observed flows, ascending.
pub async fn flow_years(conn: &mut AnyConnection) -> Result<Vec<i64>> {
    // One index probe per year (a loose index scan) instead of reading every flow row: the
    // planner's overview asks this on each view, and `DISTINCT` walked all 10,746 rows of the
    // demo's flows (about 1 ms), growing with the regions and years imported.
    let rows: Vec<(i64,)> = sqlx::query_as(
        "WITH RECURSIVE years(year) AS ( \
           SELECT MIN(year) FROM demography_flows \
           UNION ALL \
           SELECT (SELECT MIN(f.year) FROM demography_flows f WHERE f.year > years.year) \
           FROM years WHERE years.year IS NOT NULL) \
         SELECT CAST(year AS BIGINT) FROM years WHERE year IS NOT NULL ORDER BY year",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(y,)| y).collect())
}
