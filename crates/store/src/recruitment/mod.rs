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
mod languages;
mod positions;
mod qualifications;
mod revisions;
mod skills;

pub use candidates::*;
pub use languages::*;
pub use positions::*;
pub use qualifications::*;
pub use revisions::*;
pub use skills::*;

use crate::{Result, StoreError};

fn json_list(text: &str) -> Result<Vec<String>> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Archive(format!("invalid list {text:?}: {e}")))
}

fn list_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}
