//! Weekly markets (a weekday and hours) and dated events, and the producers selling there.

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

use super::{Texts, texts_from, texts_json};
use crate::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketData {
    pub slug: String,
    pub name: Texts,
    pub description: Texts,
    pub region_id: Option<i64>,
    pub place: String,
    /// A weekly market's day (0 = Monday); none for an event.
    pub weekday: Option<u8>,
    pub opens_min: Option<u16>,
    pub closes_min: Option<u16>,
    /// An event's first and last day (Unix seconds at 00:00 UTC).
    pub first_day: Option<i64>,
    pub last_day: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Market {
    pub id: i64,
    #[serde(flatten)]
    pub data: MarketData,
    pub region_name: Option<String>,
    pub created_at: i64,
}

const COLUMNS: &str = "m.id, m.slug, m.name, m.description, m.region_id, r.name AS region_name, \
     m.place, m.weekday, m.opens_min, m.closes_min, m.first_day, m.last_day, m.created_at";
const FROM: &str = "showcase_markets m LEFT JOIN demography_regions r ON r.id = m.region_id";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Market> {
    let name: String = r.try_get("name")?;
    let description: String = r.try_get("description")?;
    Ok(Market {
        id: r.try_get("id")?,
        data: MarketData {
            slug: r.try_get("slug")?,
            name: texts_from(&name)?,
            description: texts_from(&description)?,
            region_id: r.try_get("region_id")?,
            place: r.try_get("place")?,
            weekday: r.try_get::<Option<i64>, _>("weekday")?.map(|d| d as u8),
            opens_min: r.try_get::<Option<i64>, _>("opens_min")?.map(|d| d as u16),
            closes_min: r.try_get::<Option<i64>, _>("closes_min")?.map(|d| d as u16),
            first_day: r.try_get("first_day")?,
            last_day: r.try_get("last_day")?,
        },
        region_name: r.try_get("region_name")?,
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_market(conn: &mut AnyConnection, d: &MarketData, now: i64) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO showcase_markets (slug, name, description, region_id, place, weekday, \
         opens_min, closes_min, first_day, last_day, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(d.slug.clone())
    .bind(texts_json(&d.name))
    .bind(texts_json(&d.description))
    .bind(d.region_id)
    .bind(d.place.clone())
    .bind(d.weekday.map(i64::from))
    .bind(d.opens_min.map(i64::from))
    .bind(d.closes_min.map(i64::from))
    .bind(d.first_day)
    .bind(d.last_day)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn add_market_producer(
    conn: &mut AnyConnection,
    market: i64,
    producer: i64,
) -> Result<()> {
    sqlx::query("INSERT INTO showcase_market_producers (market_id, producer_id) VALUES ($1, $2)")
        .bind(market)
        .bind(producer)
        .execute(conn)
        .await?;
    Ok(())
}

/// Weekly markets, and events not over by `today`: weekly markets by weekday, then events by
/// their first day.
pub async fn current_markets(conn: &mut AnyConnection, today: i64) -> Result<Vec<Market>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE m.weekday IS NOT NULL OR m.last_day >= $1 \
         ORDER BY CASE WHEN m.weekday IS NULL THEN 1 ELSE 0 END, m.weekday, m.first_day, m.id"
    ))
    .bind(today)
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

pub async fn market_by_slug(conn: &mut AnyConnection, slug: &str) -> Result<Market> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE m.slug = $1"))
        .bind(slug)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// The markets and events a producer sells at.
pub async fn markets_of_producer(conn: &mut AnyConnection, producer: i64) -> Result<Vec<Market>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE m.id IN \
         (SELECT market_id FROM showcase_market_producers WHERE producer_id = $1) \
         ORDER BY CASE WHEN m.weekday IS NULL THEN 1 ELSE 0 END, m.weekday, m.first_day, m.id"
    ))
    .bind(producer)
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// The ids of the published producers selling at a market.
pub async fn producers_at_market(conn: &mut AnyConnection, market: i64) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT mp.producer_id FROM showcase_market_producers mp \
         JOIN showcase_producers p ON p.id = mp.producer_id \
         WHERE mp.market_id = $1 AND p.published = 1 ORDER BY mp.producer_id",
    )
    .bind(market)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
