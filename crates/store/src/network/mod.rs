//! The partner network (migration 0014): contacts (people at organisations, with their legal
//! basis and consent history), approaches (the visit log shared with partner agencies),
//! delegation trips (itinerary, participants, outcomes), agreements with parties and
//! obligations, trade fairs with their leads, investment projects, and the yearly figures;
//! the scopes agreed with partner agencies (migration 0032).
//! Organisations themselves live in the one registry, [`crate::orgs`].
//!
//! Days are Unix seconds at 00:00 UTC. One file per table group; everything is re-exported
//! here, so callers write `store::network::…`.

mod agreements;
mod approaches;
mod contacts;
mod fairs;
mod merge;
mod partners;
mod projects;
mod report;
mod trips;

pub use agreements::*;
pub use approaches::*;
pub use contacts::*;
pub use fairs::*;
pub use merge::*;
pub use partners::*;
pub use projects::*;
pub use report::*;
pub use trips::*;

use crate::archive::ColType::{Int, Text};
use crate::archive::TableSpec;

/// Tables holding a contact's personal data: an erasure deletes the contact and the database
/// cascades into the others; they are vacuumed afterwards (`Db::reclaim_erased`).
pub const ERASURE_TABLES: &[&str] = &[
    "network_contacts",
    "network_affiliations",
    "network_consents",
    "network_trip_participants",
];

/// The module's tables in the portable archive, parents before children.
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "network_contacts",
        columns: &[
            ("id", Int),
            ("family_name", Text),
            ("given_names", Text),
            ("email", Text),
            ("phone", Text),
            ("languages", Text),
            ("legal_basis", Text),
            ("objected", Int),
            ("created_by", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_affiliations",
        columns: &[
            ("id", Int),
            ("contact_id", Int),
            ("org_id", Int),
            ("role_title", Text),
            ("from_day", Int),
            ("until_day", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_consents",
        columns: &[
            ("id", Int),
            ("contact_id", Int),
            ("purpose", Text),
            ("granted", Int),
            ("at", Int),
            ("by_user", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_approaches",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("channel", Text),
            ("on_day", Int),
            ("by_user", Int),
            ("by_org_id", Int),
            ("topic", Text),
            ("outcome", Text),
            ("next_step", Text),
            ("next_due", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_trips",
        columns: &[
            ("id", Int),
            ("title", Text),
            ("direction", Text),
            ("country", Text),
            ("start_day", Int),
            ("end_day", Int),
            ("notes", Text),
            ("created_by", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_trip_items",
        columns: &[
            ("id", Int),
            ("trip_id", Int),
            ("day", Int),
            ("time", Text),
            ("place", Text),
            ("title", Text),
            ("org_id", Int),
            ("outcome", Text),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_trip_participants",
        columns: &[
            ("id", Int),
            ("trip_id", Int),
            ("contact_id", Int),
            ("org_id", Int),
            ("role", Text),
            ("language", Text),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_agreements",
        columns: &[
            ("id", Int),
            ("title", Text),
            ("kind", Text),
            ("status", Text),
            ("signed_on", Int),
            ("ends_on", Int),
            ("trip_id", Int),
            ("created_by", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_agreement_parties",
        columns: &[("id", Int), ("agreement_id", Int), ("org_id", Int)],
        identity: true,
    },
    TableSpec {
        name: "network_obligations",
        columns: &[
            ("id", Int),
            ("agreement_id", Int),
            ("description", Text),
            ("owner_user_id", Int),
            ("due_day", Int),
            ("done_at", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_fairs",
        columns: &[
            ("id", Int),
            ("name", Text),
            ("city", Text),
            ("country", Text),
            ("start_day", Int),
            ("end_day", Int),
            ("cost_eur", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_leads",
        columns: &[
            ("id", Int),
            ("fair_id", Int),
            ("org_id", Int),
            ("note", Text),
            ("follow_up_day", Int),
            ("created_by", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_projects",
        columns: &[
            ("id", Int),
            ("title", Text),
            ("investor_org_id", Int),
            ("cluster", Text),
            ("kind", Text),
            ("stage", Text),
            ("stage_on", Int),
            ("reason", Text),
            ("planned_jobs", Int),
            ("planned_investment_eur", Int),
            ("office", Text),
            ("created_by", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "network_partner_scopes",
        columns: &[
            ("partner_org_id", Int),
            ("clusters", Text),
            ("sections", Text),
            ("updated_by", Int),
            ("updated_at", Int),
        ],
        identity: false,
    },
    TableSpec {
        name: "network_partner_companies",
        columns: &[("partner_org_id", Int), ("org_id", Int)],
        identity: false,
    },
];

/// A stored vocabulary value that does not parse: the database holds something this program
/// did not write.
pub(crate) fn unknown(what: &str, value: &str) -> crate::StoreError {
    crate::StoreError::Archive(format!("unknown {what} {value:?}"))
}
