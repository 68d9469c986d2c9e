//! Demography monitoring: the region hierarchy, observed population and flows, facility
//! capacities and stored projection results. Counts are whole people (`i64`); projected values
//! are `f64`. Writers replace whole blocks (a region's year, a run's results), so an import or a
//! projection run is all-or-nothing inside the caller's transaction.

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

/// Places of a facility band in a region from a year on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Capacity {
    pub id: i64,
    pub region_id: i64,
    /// `creche`, `kindergarten` or `primary`.
    pub band: String,
    pub year_from: i64,
    pub places: i64,
    /// Share of the age band expected to need a place (0–1).
    pub take_up: f64,
    pub updated_at: i64,
}

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

/// Inserts rows in batches with one multi-row `INSERT` per batch (both backends accept it).
async fn insert_batched<T>(
    conn: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: &[T],
    bind: impl for<'q> Fn(
        sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
        &'q T,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
) -> Result<()> {
    const BATCH: usize = 200;
    let n = columns.len();
    for chunk in rows.chunks(BATCH) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        for (r, _) in chunk.iter().enumerate() {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..n {
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("${}", r * n + c + 1));
            }
            sql.push(')');
        }
        // Not a cached prepared statement: sqlx's Any driver types a NULL double as float4,
        // and a statement prepared with that type refuses a later 8-byte value on PostgreSQL.
        let mut query = sqlx::query(&sql).persistent(false);
        for row in chunk {
            query = bind(query, row);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Replaces the population of the (region, year) pairs present in `cells` with `cells`.
pub async fn replace_population(conn: &mut AnyConnection, cells: &[PopulationCell]) -> Result<()> {
    let mut blocks: Vec<(i64, i64)> = cells.iter().map(|c| (c.region_id, c.year)).collect();
    blocks.sort_unstable();
    blocks.dedup();
    for (region, year) in blocks {
        sqlx::query("DELETE FROM demography_population WHERE region_id = $1 AND year = $2")
            .bind(region)
            .bind(year)
            .execute(&mut *conn)
            .await?;
    }
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

/// Total population per (region, year).
pub async fn population_totals(conn: &mut AnyConnection) -> Result<Vec<(i64, i64, i64)>> {
    let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT region_id, year, CAST(SUM(count) AS BIGINT) FROM demography_population \
         GROUP BY region_id, year ORDER BY region_id, year",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
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

const CAPACITY_COLUMNS: &str = "id, region_id, band, year_from, places, take_up, updated_at";

fn capacity_from_row(row: &sqlx::any::AnyRow) -> Result<Capacity> {
    Ok(Capacity {
        id: row.try_get("id")?,
        region_id: row.try_get("region_id")?,
        band: row.try_get("band")?,
        year_from: row.try_get("year_from")?,
        places: row.try_get("places")?,
        take_up: row.try_get("take_up")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Sets the places of a band from a year on (replacing an entry for the same year).
pub async fn set_capacity(
    conn: &mut AnyConnection,
    region_id: i64,
    band: &str,
    year_from: i64,
    places: i64,
    take_up: f64,
    now: i64,
) -> Result<Capacity> {
    let row = sqlx::query(&format!(
        "INSERT INTO demography_capacities (region_id, band, year_from, places, take_up, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (region_id, band, year_from) DO UPDATE SET places = excluded.places, \
         take_up = excluded.take_up, updated_at = excluded.updated_at \
         RETURNING {CAPACITY_COLUMNS}"
    ))
    .bind(region_id)
    .bind(band)
    .bind(year_from)
    .bind(places)
    .bind(take_up)
    .bind(now)
    .fetch_one(conn)
    .await?;
    capacity_from_row(&row)
}

/// The capacities of a region by band and year.
pub async fn capacities(conn: &mut AnyConnection, region_id: i64) -> Result<Vec<Capacity>> {
    let rows = sqlx::query(&format!(
        "SELECT {CAPACITY_COLUMNS} FROM demography_capacities WHERE region_id = $1 ORDER BY band, year_from"
    ))
    .bind(region_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(capacity_from_row).collect()
}

/// Deletes one capacity entry of a region; `NotFound` if it is not that region's.
pub async fn delete_capacity(conn: &mut AnyConnection, region_id: i64, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM demography_capacities WHERE id = $1 AND region_id = $2")
        .bind(id)
        .bind(region_id)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

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

/// The calendar years with any observed flows, ascending.
pub async fn flow_years(conn: &mut AnyConnection) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT DISTINCT year FROM demography_flows ORDER BY year")
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(y,)| y).collect())
}
