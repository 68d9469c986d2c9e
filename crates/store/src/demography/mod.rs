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
