//! Candidates and employers' positions (the skilled-workers module).
//!
//! Dates are Unix seconds at 00:00 UTC; licence classes and wished regions are JSON arrays of
//! text. Every write should be followed by [`bump_revision_for`] (or [`bump_revision`]) in the
//! same transaction, so app instances notice that their in-memory matching data is stale and
//! which records to re-read.
//!
//! One file per table group; everything is re-exported here, so callers keep using
//! `store::recruitment::…`.

mod candidates;
mod introductions;
mod languages;
mod positions;
mod qualifications;
mod revisions;
mod shortlist;
mod skills;

pub use candidates::*;
pub use introductions::*;
pub use languages::*;
pub use positions::*;
pub use qualifications::*;
pub use revisions::*;
pub use shortlist::*;
pub use skills::*;

use crate::archive::ColType::{Int, Text};
use crate::archive::TableSpec;
use crate::{Result, StoreError};

fn json_list(text: &str) -> Result<Vec<String>> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Archive(format!("invalid list {text:?}: {e}")))
}

fn list_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

/// The module's tables in the portable archive, parents before children (registered in
/// [`crate::archive::MODULE_TABLES`]).
pub const ARCHIVE_TABLES: &[TableSpec] = &[
    TableSpec {
        name: "candidates",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("user_id", Int),
            ("counsellor_id", Int),
            ("family_name", Text),
            ("given_names", Text),
            ("name_folded", Text),
            ("country", Text),
            ("province", Text),
            ("email", Text),
            ("phone", Text),
            ("german_level", Text),
            ("german_certificate", Text),
            ("german_exam_date", Int),
            ("german_next_expected", Int),
            ("licences", Text),
            ("wished_regions", Text),
            ("available_from", Int),
            ("consent_share_employers", Int),
            ("consent_talent_pool", Int),
            ("created_at", Int),
            ("updated_at", Int),
            ("process_ended_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "candidate_qualifications",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("title", Text),
            ("country", Text),
            ("occupation_id", Int),
            ("recognition", Text),
        ],
        identity: true,
    },
    TableSpec {
        name: "candidate_occupations",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("occupation_id", Int),
            ("kind", Text),
        ],
        identity: true,
    },
    TableSpec {
        name: "candidate_skills",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("skill_id", Int),
            ("evidence", Text),
        ],
        identity: true,
    },
    // Languages other than German (migration 0006).
    TableSpec {
        name: "candidate_languages",
        columns: &[
            ("id", Int),
            ("candidate_id", Int),
            ("language", Text),
            ("level", Text),
            ("certificate", Text),
            ("exam_date", Int),
            ("next_expected", Int),
            ("position", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "positions",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("title", Text),
            ("kind", Text),
            ("occupation_id", Int),
            ("german_level", Text),
            ("recognition_required", Int),
            ("recognition_partnership", Int),
            ("licences", Text),
            ("place", Text),
            ("places", Int),
            ("start_date", Int),
            ("is_open", Int),
            ("created_at", Int),
            ("updated_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "position_skills",
        columns: &[
            ("id", Int),
            ("position_id", Int),
            ("skill_id", Int),
            ("relation", Text),
        ],
        identity: true,
    },
    // Employers' shortlists and introduction requests (0037), after candidates and positions.
    TableSpec {
        name: "employer_shortlist",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("candidate_id", Int),
            ("position_id", Int),
            ("added_by", Int),
            ("created_at", Int),
        ],
        identity: true,
    },
    TableSpec {
        name: "introduction_requests",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("candidate_id", Int),
            ("position_id", Int),
            ("message", Text),
            ("state", Text),
            ("answer", Text),
            ("requested_by", Int),
            ("requested_at", Int),
            ("answered_by", Int),
            ("answered_at", Int),
        ],
        identity: true,
    },
];
