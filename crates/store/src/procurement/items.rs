//! The catalogue: items with their standard and pack size.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: i64,
    /// Short stable code (`FFP2`, `GLOVE-M` …).
    pub code: String,
    pub name: String,
    /// `respirator`, `mask`, `gloves`, `gown`, `face_shield`, `goggles`, `disinfectant`, `test_kit`.
    pub category: String,
    /// The harmonised standard (`EN 149`, `EN 14683`, `EN 455`, `EN 14126`, `EN 166` …).
    pub standard: String,
    /// Pieces per pack (the unit of ordering and allocation).
    pub pack_size: i64,
    /// GTIN of the pack, if known.
    pub gtin: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct NewItem<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub category: &'a str,
    pub standard: &'a str,
    pub pack_size: i64,
    pub gtin: Option<&'a str>,
}

const COLUMNS: &str = "id, code, name, category, standard, pack_size, gtin, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Item> {
    Ok(Item {
        id: r.try_get("id")?,
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        category: r.try_get("category")?,
        standard: r.try_get("standard")?,
        pack_size: r.try_get("pack_size")?,
        gtin: r.try_get("gtin")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Adds an item; a code already taken is a `Conflict`.
pub async fn insert_item(conn: &mut AnyConnection, i: &NewItem<'_>, now: i64) -> Result<Item> {
    let row = sqlx::query(&format!(
        "INSERT INTO procurement_items (code, name, category, standard, pack_size, gtin, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
    ))
    .bind(i.code)
    .bind(i.name)
    .bind(i.category)
    .bind(i.standard)
    .bind(i.pack_size)
    .bind(i.gtin)
    .bind(now)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

/// The whole catalogue by code (a few dozen items).
pub async fn list_items(conn: &mut AnyConnection) -> Result<Vec<Item>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM procurement_items ORDER BY code"
    ))
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

pub async fn get_item(conn: &mut AnyConnection, id: i64) -> Result<Item> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM procurement_items WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}
