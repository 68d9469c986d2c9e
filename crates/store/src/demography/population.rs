//! Observed population on 31 December by region, year, age, sex and nationality.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Result;

use super::insert_batched;

/// One population cell: persons of `age` (100 = 100+) and `sex` on 31 December of `year`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PopulationCell {
    pub region_id: i64,
    pub year: i64,
    pub age: i64,
    /// `m` or `f`.
    pub sex: String,
    /// Empty when the source does not distinguish nationality.
    pub nationality: String,
    pub count: i64,
}

/// Replaces the population of the (region, year) pairs present in `cells` with `cells`, and
/// their totals in `demography_yearly_totals` (this is the one writer of both).
pub async fn replace_population(conn: &mut AnyConnection, cells: &[PopulationCell]) -> Result<()> {
    let mut blocks: Vec<(i64, i64)> = cells.iter().map(|c| (c.region_id, c.year)).collect();
    blocks.sort_unstable();
    blocks.dedup();
    for &(region, year) in &blocks {
        for table in ["demography_population", "demography_yearly_totals"] {
            sqlx::query(&format!(
                "DELETE FROM {table} WHERE region_id = $1 AND year = $2"
            ))
            .bind(region)
            .bind(year)
            .execute(&mut *conn)
            .await?;
        }
    }
    let mut totals: std::collections::BTreeMap<(i64, i64), i64> = std::collections::BTreeMap::new();
    for c in cells {
        *totals.entry((c.region_id, c.year)).or_default() += c.count;
    }
    insert_batched(
        &mut *conn,
        "demography_yearly_totals",
        &["region_id", "year", "total"],
        &totals.into_iter().collect::<Vec<_>>(),
        |q, ((region, year), total)| q.bind(*region).bind(*year).bind(*total),
    )
    .await?;
    insert_batched(
        conn,
        "demography_population",
        &["region_id", "year", "age", "sex", "nationality", "count"],
        cells,
        |q, c| {
            q.bind(c.region_id)
                .bind(c.year)
                .bind(c.age)
                .bind(c.sex.as_str())
                .bind(c.nationality.as_str())
                .bind(c.count)
        },
    )
    .await
}

const POPULATION_COLUMNS: &str = "region_id, year, age, sex, nationality, count";

fn population_from_row(row: &sqlx::any::AnyRow) -> Result<PopulationCell> {
    Ok(PopulationCell {
        region_id: row.try_get("region_id")?,
        year: row.try_get("year")?,
        age: row.try_get("age")?,
        sex: row.try_get("sex")?,
        nationality: row.try_get("nationality")?,
        count: row.try_get("count")?,
    })
}

/// The population cells of a region (all years when `year` is `None`).
pub async fn population(
    conn: &mut AnyConnection,
    region_id: i64,
    year: Option<i64>,
) -> Result<Vec<PopulationCell>> {
    let rows = sqlx::query(&format!(
        "SELECT {POPULATION_COLUMNS} FROM demography_population \
         WHERE region_id = $1 AND ($2 IS NULL OR year = $2) ORDER BY year, sex, age, nationality"
    ))
    .bind(region_id)
    .bind(year)
    .fetch_all(conn)
    .await?;
    rows.iter().map(population_from_row).collect()
}

/// All population cells of all regions (for a projection run).
pub async fn all_population(conn: &mut AnyConnection) -> Result<Vec<PopulationCell>> {
    let rows = sqlx::query(&format!(
        "SELECT {POPULATION_COLUMNS} FROM demography_population ORDER BY region_id, year, sex, age, nationality"
    ))
    .fetch_all(conn)
    .await?;
    rows.iter().map(population_from_row).collect()
}

/// Population per (region, age, sex) of one year, summed over nationality, for the given
/// regions (any number: asked in chunks). Rows: (region_id, age, sex, count).
pub async fn population_sums(
    conn: &mut AnyConnection,
    year: i64,
    region_ids: &[i64],
) -> Result<Vec<(i64, i64, String, i64)>> {
    const CHUNK: usize = 500;
    let mut out = Vec::new();
    for chunk in region_ids.chunks(CHUNK) {
        let placeholders: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT region_id, age, sex, CAST(SUM(count) AS BIGINT) FROM demography_population \
             WHERE year = $1 AND region_id IN ({}) GROUP BY region_id, age, sex \
             ORDER BY region_id, age, sex",
            placeholders.join(", ")
        );
        let mut q = sqlx::query_as::<_, (i64, i64, String, i64)>(&sql).bind(year);
        for id in chunk {
            q = q.bind(*id);
        }
        out.extend(q.fetch_all(&mut *conn).await?);
    }
    Ok(out)
}

/// Regions whose latest observed year of population distinguishes nationality (some cell
/// of that year carries a non-empty nationality), ascending.
pub async fn regions_with_nationality(conn: &mut AnyConnection) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT p.region_id FROM demography_population p \
         WHERE p.nationality <> '' AND p.year = \
           (SELECT MAX(q.year) FROM demography_population q WHERE q.region_id = p.region_id) \
         ORDER BY p.region_id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(r,)| r).collect())
}

/// Total population per (region, year), from the totals kept by [`replace_population`].
pub async fn population_totals(conn: &mut AnyConnection) -> Result<Vec<(i64, i64, i64)>> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT region_id, year, total FROM demography_yearly_totals \
         ORDER BY region_id, year",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Rebuilds `demography_yearly_totals` from the population cells (after an archive
/// import, which carries the cells only).
pub async fn rebuild_population_totals(conn: &mut AnyConnection) -> Result<()> {
    sqlx::query("DELETE FROM demography_yearly_totals")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO demography_yearly_totals (region_id, year, total) \
         SELECT region_id, year, CAST(SUM(count) AS BIGINT) FROM demography_population \
         GROUP BY region_id, year",
    )
    .execute(conn)
    .await?;
    Ok(())
}
