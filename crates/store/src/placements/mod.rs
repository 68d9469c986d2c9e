//! Recruitment tracks: programmes, placements (candidate × position), the append-only history
//! of track events, track owners, document checklists and costs (migration 0004).
//!
//! Days are Unix seconds at 00:00 UTC. Event data is the event's JSON object (the pure engine
//! `standort_placement` gives it meaning); this module only stores and reads rows. There is no
//! function that changes or deletes an event: the history is append-only (the database refuses
//! UPDATE; rows go only together with their placement).
//!
//! One file per table group; everything is re-exported here, so callers keep using
//! `store::placements::…`.

mod checklist;
mod costs;
mod due;
mod events;
mod owners;
mod placement;
mod programmes;

pub use checklist::*;
pub use costs::*;
pub use due::*;
pub use events::*;
pub use owners::*;
pub use placement::*;
pub use programmes::*;

use crate::archive::ColType::{Int, Text};
use crate::archive::TableSpec;

/// The module's tables in the portable archive, parents before children (registered in
/// [`crate::archive::MODULE_TABLES`]).
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    // Recruitment tracks (migration 0004): programmes, placements and their history.
    TableSpec {
        name: "programmes",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("name", Text),
            ("description", Text),
            ("target_size", Int),
            ("start_date", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "placements",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("position_id", Int),
            ("programme_id", Int),
            ("recognition_required", Int),
            ("partnership_accepted", Int),
            ("apprenticeship", Int),
            ("created_by", Int),
            ("created_at", Int),
            // Migration 0011.
            ("due_rules", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "placement_events",
        columns: &[
            ("id", Int),
            ("placement_id", Int),
            ("track", Text),
            ("kind", Text),
            ("data", Text),
            ("happened_on", Int),
            ("note", Text),
            ("actor_user_id", Int),
            ("actor_label", Text),
            ("recorded_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "placement_tracks",
        columns: &[
            ("id", Int),
            ("placement_id", Int),
            ("track", Text),
            ("owner_user_id", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "placement_checklist",
        columns: &[
            ("id", Int),
            ("placement_id", Int),
            ("track", Text),
            ("item", Text),
            ("due_on", Int),
            ("done_on", Int),
        ],
        identity: true,
    },
    // Migration 0011: the due items derived from the history (kept with their placement's
    // `due_rules`, so an imported installation needs no re-derivation).
    TableSpec {
        name: "placement_due",
        columns: &[
            ("id", Int),
            ("placement_id", Int),
            ("track", Text),
            ("code", Text),
            ("due_on", Int),
            ("legal", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "placement_costs",
        columns: &[
            ("id", Int),
            ("placement_id", Int),
            ("incurred_on", Int),
            ("purpose", Text),
            ("amount_cents", Int),
            ("currency", Text),
            ("borne_by", Text),
            ("actor_user_id", Int),
            ("recorded_at", Int),
        ],
        identity: true,
    },
];
