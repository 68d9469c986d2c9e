//! Demography monitoring: the region hierarchy, observed population and flows, facility
//! capacities and stored projection results. Counts are whole people (`i64`); projected values
//! are `f64`. Writers replace whole blocks (a region's year, a run's results), so an import or a
//! projection run is all-or-nothing inside the caller's transaction.
//!
//! One file per entity: [`regions`], [`population`](mod@population), [`flows`], [`capacities`],
//! [`results`](mod@results) (runs, result values, pyramids), [`assumptions`] (assumption sets).

pub mod assumptions;
pub mod capacities;
pub mod flows;
pub mod population;
pub mod regions;
pub mod results;

use sqlx::AnyConnection;

use crate::Result;
use crate::archive::ColType::{Int, Real, Text};
use crate::archive::TableSpec;

pub use assumptions::*;
pub use capacities::*;
pub use flows::*;
pub use population::*;
pub use regions::*;
pub use results::*;

/// Inserts rows in batches with one multi-row `INSERT` per batch (both backends accept it).
pub(super) async fn insert_batched<T>(
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

/// The module's tables in the portable archive, parents before children (registered in
/// [`crate::archive::MODULE_TABLES`]).
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "demography_regions",
        columns: &[
            ("id", Int),
            ("key", Text),
            ("name", Text),
            ("level", Text),
            ("parent_id", Int),
            ("note", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "demography_population",
        columns: &[
            ("id", Int),
            ("region_id", Int),
            ("year", Int),
            ("age", Int),
            ("sex", Text),
            ("nationality", Text),
            ("count", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "demography_flows",
        columns: &[
            ("id", Int),
            ("region_id", Int),
            ("year", Int),
            ("kind", Text),
            ("age", Int),
            ("sex", Text),
            ("count", Int),
            // Migration 0009.
            ("nationality", Text),
        ],
        identity: true,
    },
    TableSpec {
        name: "demography_capacities",
        columns: &[
            ("id", Int),
            ("region_id", Int),
            ("band", Text),
            ("year_from", Int),
            ("places", Int),
            ("take_up", Real),
            ("updated_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "demography_runs",
        columns: &[
            ("id", Int),
            ("base_year", Int),
            ("last_year", Int),
            ("trajectories", Int),
            ("seed", Int),
            ("summary_json", Text),
            ("created_by", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "demography_results",
        columns: &[
            ("id", Int),
            ("run_id", Int),
            ("region_id", Int),
            ("scenario", Text),
            ("year", Int),
            ("measure", Text),
            ("value", Real),
            ("p2_5", Real),
            ("p10", Real),
            ("p90", Real),
            ("p97_5", Real),
        ],
        identity: true,
    },
    TableSpec {
        name: "demography_pyramids",
        columns: &[
            ("id", Int),
            ("run_id", Int),
            ("region_id", Int),
            ("year", Int),
            ("male_json", Text),
            ("female_json", Text),
            // Migration 0009.
            ("foreign_male_json", Text),
            ("foreign_female_json", Text),
        ],
        identity: true,
    },
    // Demography assumption sets (migration 0007).
    TableSpec {
        name: "demography_assumption_sets",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("imported_by", Int),
            ("imported_label", Text),
            ("imported_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "demography_assumptions",
        columns: &[
            ("id", Int),
            ("set_id", Int),
            ("region_id", Int),
            ("kind", Text),
            ("year_from", Int),
            ("sex", Text),
            ("age", Int),
            ("value", Real),
            // Migration 0009.
            ("nationality", Text),
        ],
        identity: true,
    },
];
