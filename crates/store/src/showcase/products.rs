//! A producer's products: names and descriptions per language, unit, season, price range,
//! labels.

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};
use standort_domain::showcase::{Months, QualityLabel, Unit};

use super::{Texts, set_items, set_text, texts_from, texts_json, unknown};
use crate::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductData {
    pub slug: String,
    pub name: Texts,
    pub description: Texts,
    pub unit: Unit,
    pub season: Months,
    /// Price range in euro cents, when the producer shows one.
    pub price_min_cents: Option<i64>,
    pub price_max_cents: Option<i64>,
    pub labels: Vec<QualityLabel>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Product {
    pub id: i64,
    pub producer_id: i64,
    #[serde(flatten)]
    pub data: ProductData,
}

const COLUMNS: &str = "id, producer_id, slug, name, description, unit, season_mask, \
     price_min_cents, price_max_cents, labels";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Product> {
    let unit: String = r.try_get("unit")?;
    let labels: String = r.try_get("labels")?;
    let name: String = r.try_get("name")?;
    let description: String = r.try_get("description")?;
    Ok(Product {
        id: r.try_get("id")?,
        producer_id: r.try_get("producer_id")?,
        data: ProductData {
            slug: r.try_get("slug")?,
            name: texts_from(&name)?,
            description: texts_from(&description)?,
            unit: Unit::parse(&unit).ok_or_else(|| unknown("unit", &unit))?,
            season: Months(r.try_get::<i64, _>("season_mask")? as u16),
            price_min_cents: r.try_get("price_min_cents")?,
            price_max_cents: r.try_get("price_max_cents")?,
            labels: set_items(&labels)
                .map(|l| QualityLabel::parse(l).ok_or_else(|| unknown("label", l)))
                .collect::<Result<_>>()?,
        },
    })
}

/// Replaces the products of an entry (in the given order) and its search keys.
pub async fn set_products(
    conn: &mut AnyConnection,
    producer: i64,
    products: &[ProductData],
) -> Result<()> {
    sqlx::query("DELETE FROM showcase_products WHERE producer_id = $1")
        .bind(producer)
        .execute(&mut *conn)
        .await?;
    for (i, p) in products.iter().enumerate() {
        sqlx::query(
            "INSERT INTO showcase_products (producer_id, slug, name, description, unit, \
             season_mask, price_min_cents, price_max_cents, labels, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(producer)
        .bind(p.slug.clone())
        .bind(texts_json(&p.name))
        .bind(texts_json(&p.description))
        .bind(p.unit.as_str())
        .bind(i64::from(p.season.0))
        .bind(p.price_min_cents)
        .bind(p.price_max_cents)
        .bind(set_text(p.labels.iter().map(|l| l.as_str())))
        .bind(i as i64)
        .execute(&mut *conn)
        .await?;
    }
    super::refresh_search_keys(conn, producer).await
}

/// The products of an entry, in the producer's order.
pub async fn products(conn: &mut AnyConnection, producer: i64) -> Result<Vec<Product>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM showcase_products WHERE producer_id = $1 ORDER BY position, id"
    ))
    .bind(producer)
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// The products of these entries that are in season in a month (`Months::bit`), by entry,
/// then the producer's order: the start page's highlights in one statement.
pub async fn in_season(
    conn: &mut AnyConnection,
    producers: &[i64],
    month_bit: i64,
) -> Result<Vec<Product>> {
    if producers.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = (0..producers.len())
        .map(|i| format!("${}", i + 2))
        .collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM showcase_products WHERE (season_mask & $1) <> 0 \
         AND producer_id IN ({}) ORDER BY producer_id, position, id",
        ids.join(", ")
    );
    let mut q = sqlx::query(&sql).bind(month_bit);
    for id in producers {
        q = q.bind(*id);
    }
    q.fetch_all(conn).await?.iter().map(from_row).collect()
}

pub async fn product_by_slug(
    conn: &mut AnyConnection,
    producer: i64,
    slug: &str,
) -> Result<Product> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM showcase_products WHERE producer_id = $1 AND slug = $2"
    ))
    .bind(producer)
    .bind(slug)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// Every product of every published entry, by producer and position (open data, sitemap).
pub async fn published_products(conn: &mut AnyConnection) -> Result<Vec<Product>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM showcase_products WHERE producer_id IN \
         (SELECT id FROM showcase_producers WHERE published = 1) \
         ORDER BY producer_id, position, id"
    ))
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}
