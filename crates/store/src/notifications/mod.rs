//! Notifications (migration 0021): one row per person and occasion (`items`), each person's
//! choice of delivery per kind (`preferences`), the occasions the periodic job raises from other
//! modules' tables (`sources`), the rows waiting for the daily digest (`digest`), and each
//! person's secret calendar feed of their due dates (`calendar`). The unique key (user, kind,
//! record key) makes raising idempotent.

mod calendar;
mod digest;
mod items;
mod preferences;
mod sources;

pub use calendar::*;
pub use digest::*;
pub use items::*;
pub use preferences::*;
pub use sources::*;

use crate::archive::{ColType::*, TableSpec};

/// The module's tables in the portable archive (after the users they belong to).
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "notifications",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("kind", Text),
            ("record_key", Text),
            ("link", Text),
            ("params", Text),
            ("due_on", Int),
            ("created_at", Int),
            ("read_at", Int),
            ("mailed_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "notification_preferences",
        columns: &[("user_id", Int), ("kind", Text), ("delivery", Text)],
        identity: false,
    },
    TableSpec {
        name: "calendar_feeds",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("token_hash", Text),
            ("created_at", Int),
            ("revoked_at", Int),
        ],
        identity: true,
    },
];
