//! The catalogue: every role of the channel reads it, agency staff add items.

use serde::Deserialize;
use standort_domain::ValidationError;
use standort_store::audit;
use standort_store::procurement::{self as store, Item, NewItem};

use super::{line, quantity, required_line, text};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// Categories of protective equipment (translated in the web layer).
pub const CATEGORIES: [&str; 8] = [
    "respirator",
    "mask",
    "gloves",
    "gown",
    "face_shield",
    "goggles",
    "disinfectant",
    "test_kit",
];

/// An item as it arrives from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ItemInput {
    pub code: Option<String>,
    pub name: Option<String>,
    pub category: Option<String>,
    pub standard: Option<String>,
    pub pack_size: Option<String>,
    /// GTIN-8/12/13/14 of the pack, check digit verified, stored as 14 digits.
    pub gtin: Option<String>,
}

impl App {
    pub async fn list_items(&self, actor: &Actor) -> Result<Vec<Item>, AppError> {
        policy::require(actor, Permission::ReadProcurement)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_items(&mut conn).await?)
    }

    /// Adds a catalogue item (agency staff); a code already taken is a conflict.
    pub async fn create_item(&self, actor: &Actor, input: &ItemInput) -> Result<Item, AppError> {
        policy::require(actor, Permission::CoordinateProcurement)?;
        let code = required_line("code", &input.code, 30)?.to_ascii_uppercase();
        if !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(ValidationError::new("code", "invalid-code").into());
        }
        let name = required_line("name", &input.name, 200)?;
        let category = text(&input.category).unwrap_or("");
        if !CATEGORIES.contains(&category) {
            return Err(ValidationError::new("category", "invalid-choice").into());
        }
        let standard = required_line("standard", &input.standard, 100)?;
        let pack_size = quantity("pack_size", &input.pack_size, 1)?;
        let gtin = match line("gtin", &input.gtin, 20)? {
            None => None,
            Some(g) => Some(
                standort_procurement::gtin::normalise(&g)
                    .ok_or(ValidationError::new("gtin", "invalid-gtin"))?,
            ),
        };
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let item = store::insert_item(
            &mut tx,
            &NewItem {
                code: &code,
                name: &name,
                category,
                standard: &standard,
                pack_size,
                gtin: gtin.as_deref(),
            },
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "procurement_item", item.id, None)
                .with_after(serde_json::to_value(&item).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(item)
    }
}
