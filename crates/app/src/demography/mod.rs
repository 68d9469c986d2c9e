//! Demography monitoring for district planners: regions, imports, projections, capacities,
//! exports. Planners and administrators write; agency staff read (see [`crate::policy`]).
//! Formats and methods: `docs/demography.md`.
//!
//! One file per use case: [`regions`] (the hierarchy and a region's page), [`region_tables`]
//! (a region's tables as data and downloads), [`import`] (observations), [`assumptions`]
//! (explicit rates), [`projections`] (running the engine's projection service and storing its
//! results), [`gaps`] (capacities and their gaps), [`comparison`] (localities side by side),
//! [`demo`]. The pure parts live beside them in [`parse`] (import files) and in the engine
//! crate (`standort_demography::service`, the projection itself).

pub mod assumptions;
pub mod comparison;
pub mod demo;
pub mod export;
pub mod gaps;
pub mod import;
pub mod parse;
pub mod projections;
pub mod region_tables;
pub mod regions;

use standort_demography::Sex;
use standort_store::audit::NewAuditEntry;

use crate::policy::{self, Permission};
use crate::{Actor, AppError};

pub use assumptions::AssumptionImportSummary;
pub use comparison::Comparison;
pub use export::Table;
pub use gaps::{CapacityInput, FACILITIES, Gap, GapRow, gaps};
pub use import::{ImportError, ImportFiles, ImportSummary};
pub use projections::{RatesUsed, SEED};
pub use region_tables::RegionTable;
pub use regions::{RegionNode, RegionView};
/// The projection service moved to the engine crate; the old path stays for callers.
pub use standort_demography::service as project;

fn audit_entry(
    actor: Option<&Actor>,
    action: &str,
    entity: &str,
    id: impl ToString,
) -> NewAuditEntry {
    match actor {
        Some(a) => a.audit(action, entity, id, None),
        None => NewAuditEntry {
            actor: None,
            actor_label: "system (command line)".into(),
            action: action.into(),
            entity: entity.into(),
            entity_id: id.to_string(),
            ..Default::default()
        },
    }
}

fn require(actor: Option<&Actor>, permission: Permission) -> Result<(), AppError> {
    match actor {
        Some(a) => policy::require(a, permission).map(|_| ()),
        // The command line acts with the database owner's authority.
        None => Ok(()),
    }
}

fn cell_sex(sex: &str) -> Sex {
    if sex == "f" { Sex::Female } else { Sex::Male }
}
