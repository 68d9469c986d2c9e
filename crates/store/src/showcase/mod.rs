//! The regional products showcase "Genuss und Kunsthandwerk" (migration 0018): producers'
//! public profiles (an organisation of the registry with kind `producer` each), their opening
//! hours, products, the weekly markets and events they sell at, the versions producers propose
//! and the agency publishes, search keys, and municipal boundaries for the map.
//!
//! Texts in several languages are [`Texts`] (JSON objects by language code, German always
//! present). One file per table group; everything is re-exported here (`store::showcase::…`).

mod boundaries;
mod markets;
mod producers;
mod products;
mod versions;

pub use boundaries::*;
pub use markets::*;
pub use producers::*;
pub use products::*;
pub use versions::*;

use std::collections::BTreeMap;

use crate::archive::ColType::{Int, Real, Text};
use crate::archive::TableSpec;

/// A text in several languages: language code → text. `de` is the default.
pub type Texts = BTreeMap<String, String>;

/// The text in `lang`, else the German one, else any.
pub fn text_in<'a>(texts: &'a Texts, lang: &str) -> &'a str {
    texts
        .get(lang)
        .filter(|t| !t.trim().is_empty())
        .or_else(|| texts.get("de"))
        .or_else(|| texts.values().next())
        .map(String::as_str)
        .unwrap_or("")
}

pub(crate) fn texts_from(json: &str) -> crate::Result<Texts> {
    serde_json::from_str(json).map_err(|e| crate::StoreError::Archive(format!("texts: {e}")))
}

pub(crate) fn texts_json(t: &Texts) -> String {
    serde_json::to_string(t).unwrap_or_else(|_| "{}".into())
}

/// `,a,b,` from a list of stable names.
pub(crate) fn set_text<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut s = String::from(",");
    for n in names {
        s.push_str(n);
        s.push(',');
    }
    s
}

pub(crate) fn set_items(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').filter(|p| !p.is_empty())
}

/// A stored vocabulary value that does not parse.
pub(crate) fn unknown(what: &str, value: &str) -> crate::StoreError {
    crate::StoreError::Archive(format!("unknown {what} {value:?}"))
}

/// The module's tables in the portable archive, parents before children. The search keys are
/// derived from the names but carried along, so an imported catalogue is searchable at once.
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "showcase_producers",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("slug", Text),
            ("category", Text),
            ("region_id", Int),
            ("tagline", Text),
            ("story", Text),
            ("street", Text),
            ("postcode", Text),
            ("town", Text),
            ("lat", Real),
            ("lon", Real),
            ("phone", Text),
            ("email", Text),
            ("website", Text),
            ("labels", Text),
            ("languages", Text),
            ("retailers", Text),
            ("own_shop", Int),
            ("trusted", Int),
            ("published", Int),
            ("created_at", Int),
            ("updated_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "showcase_hours",
        columns: &[
            ("id", Int),
            ("producer_id", Int),
            ("weekday", Int),
            ("opens_min", Int),
            ("closes_min", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "showcase_products",
        columns: &[
            ("id", Int),
            ("producer_id", Int),
            ("slug", Text),
            ("name", Text),
            ("description", Text),
            ("unit", Text),
            ("season_mask", Int),
            ("price_min_cents", Int),
            ("price_max_cents", Int),
            ("labels", Text),
            ("position", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "showcase_markets",
        columns: &[
            ("id", Int),
            ("slug", Text),
            ("name", Text),
            ("description", Text),
            ("region_id", Int),
            ("place", Text),
            ("weekday", Int),
            ("opens_min", Int),
            ("closes_min", Int),
            ("first_day", Int),
            ("last_day", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "showcase_market_producers",
        columns: &[("id", Int), ("market_id", Int), ("producer_id", Int)],
        identity: true,
    },
    TableSpec {
        name: "showcase_versions",
        columns: &[
            ("id", Int),
            ("producer_id", Int),
            ("content", Text),
            ("state", Text),
            ("created_by", Int),
            ("created_at", Int),
            ("decided_by", Int),
            ("decided_at", Int),
            ("note", Text),
        ],
        identity: true,
    },
    TableSpec {
        name: "showcase_search_keys",
        columns: &[("id", Int), ("producer_id", Int), ("key", Text)],
        identity: true,
    },
    TableSpec {
        name: "showcase_boundaries",
        columns: &[
            ("id", Int),
            ("region_id", Int),
            ("geometry", Text),
            ("source", Text),
        ],
        identity: true,
    },
];
