//! Places of facility bands per region from a year on.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::{Result, StoreError};

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
