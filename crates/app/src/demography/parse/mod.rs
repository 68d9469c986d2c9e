//! Reading and checking demography import files (pure: bytes in, records or line-numbered
//! issues out). Formats are documented in `docs/demography.md`.
//!
//! Every file is a table with a header row, as CSV (comma or semicolon, UTF-8) or as the first
//! worksheet of an XLSX workbook. Line numbers count the header as line 1, as a spreadsheet
//! program shows them.
//!
//! One file per entity: [`regions`](mod@regions), [`population`](mod@population),
//! [`flows`](mod@flows), [`assumptions`](mod@assumptions); [`check`](mod@check) holds the checks
//! across files (the hierarchy, children's sums against their parent); [`sheet`] reads the
//! table, [`values`] the cells.

pub mod assumptions;
pub mod check;
pub mod flows;
pub mod population;
pub mod regions;
pub mod sheet;
pub mod values;

use std::collections::BTreeMap;

use serde::Serialize;

pub use assumptions::{ASSUMPTION_KINDS, AssumptionRecord, assumptions, no_nationality};
pub use check::{KnownRegions, StoredSums, check, stored_sums_needed};
pub use flows::{FLOW_KINDS, FlowRecord, flows};
pub use population::{PopulationRecord, population};
pub use regions::{RegionRecord, parents_first, regions};
pub use sheet::{Sheet, read_sheet};
pub use values::{LEVELS, NATIONALS, level_rank, nat_group, parse_sex};

/// A problem found in an import file; `line` 0 means the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// `regions`, `population`, `flows` or `assumptions`.
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}, line {}: {}", self.file, self.line, self.message)
        }
    }
}

/// At most this many issues are reported; the rest are counted.
pub const MAX_ISSUES: usize = 100;

pub(super) fn whole(file: &'static str, message: impl Into<String>) -> Issue {
    Issue {
        file,
        line: 0,
        message: message.into(),
    }
}

/// Collects issues up to [`MAX_ISSUES`].
#[derive(Debug, Default)]
pub struct Issues {
    pub list: Vec<Issue>,
    pub more: usize,
}

impl Issues {
    pub fn push(&mut self, file: &'static str, line: usize, message: impl Into<String>) {
        if self.list.len() < MAX_ISSUES {
            self.list.push(Issue {
                file,
                line,
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }
    pub fn add(&mut self, issue: Issue) {
        self.push(issue.file, issue.line, issue.message);
    }
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Reports blocks (first key → lines) that mix rows with and without nationality: the rows
/// without it would be counted once more on top of the split ones.
pub(super) fn check_mixed<K: Ord + std::fmt::Display>(
    file: &'static str,
    blocks: BTreeMap<K, (Option<usize>, Option<usize>)>,
    issues: &mut Issues,
) {
    for (key, (with, without)) in blocks {
        if let (Some(w), Some(wo)) = (with, without) {
            issues.push(
                file,
                w.max(wo),
                format!(
                    "{key} mixes rows with a nationality (line {w}) and rows without (line {wo}): \
                     give every row of the block a nationality, or none"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests;
