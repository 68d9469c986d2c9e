//! Municipal boundaries for the map: one GeoJSON geometry per region.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Boundary {
    pub region_id: i64,
    pub region_key: String,
    pub region_name: String,
    /// GeoJSON geometry (Polygon or MultiPolygon), WGS 84 longitude/latitude.
    pub geometry: String,
    /// Where it came from (a file name, "synthetic").
    pub source: String,
}

/// Stores or replaces the boundary of a region.
pub async fn set_boundary(
    conn: &mut AnyConnection,
    region: i64,
    geometry: &str,
    source: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO showcase_boundaries (region_id, geometry, source) VALUES ($1, $2, $3) \
         ON CONFLICT (region_id) DO UPDATE SET geometry = excluded.geometry, \
         source = excluded.source",
    )
    .bind(region)
    .bind(geometry)
    .bind(source)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every boundary, by region key.
pub async fn boundaries(conn: &mut AnyConnection) -> Result<Vec<Boundary>> {
    let rows = sqlx::query(
        "SELECT b.region_id, r.key, r.name, b.geometry, b.source FROM showcase_boundaries b \
         JOIN demography_regions r ON r.id = b.region_id ORDER BY r.key",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Boundary {
                region_id: r.try_get("region_id")?,
                region_key: r.try_get("key")?,
                region_name: r.try_get("name")?,
                geometry: r.try_get("geometry")?,
                source: r.try_get("source")?,
            })
        })
        .collect()
}
