//! Assumption sets: importing explicit rates, listing and deleting sets, and reading a stored
//! set as the projection service's tables.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde_json::json;
use standort_demography::service;
use standort_store::audit;
use standort_store::demography as store;

use super::import::ImportError;
use super::parse::{self, Issues};
use super::{audit_entry, cell_sex, require};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// What an assumption-set import stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AssumptionImportSummary {
    pub id: i64,
    pub name: String,
    pub regions: usize,
    pub kinds: Vec<String>,
    pub rows: usize,
    /// The `year_from` values given (empty: every table applies from the first projected year).
    pub years: Vec<i64>,
    /// Whether a set of the same name was replaced.
    pub replaced: bool,
}

/// Stored values of a set as the projection's tables (cells not given are 0).
pub(super) fn assumptions_of(cells: &[store::AssumptionCell]) -> service::Assumptions {
    type Key = (i64, service::Kind, Option<i64>, Option<usize>);
    let mut tables: BTreeMap<Key, Vec<f64>> = BTreeMap::new();
    for c in cells {
        let Some(kind) = service::Kind::parse(&c.kind) else {
            continue;
        };
        // Acquisition applies to foreign nationals (group 1) only; the share of German
        // children of foreign mothers is one value for the region.
        let group = match kind {
            service::Kind::Acquisition => Some(1),
            service::Kind::GermanBirths => None,
            _ => parse::nat_group(&c.nationality),
        };
        let values = tables
            .entry((c.region_id, kind, c.year_from, group))
            .or_insert_with(|| vec![0.0; kind.cells()]);
        let age = c.age.clamp(0, 100) as usize;
        let i = match kind {
            service::Kind::Fertility => age,
            service::Kind::GermanBirths => 0,
            _ => standort_demography::population::cell(0, cell_sex(&c.sex), age),
        };
        values[i] = c.value;
    }
    let mut out = service::Assumptions::default();
    for ((region, kind, year_from, group), values) in tables {
        out.regions.entry(region).or_default().push(service::Table {
            kind,
            year_from,
            group,
            values,
        });
    }
    out
}

impl App {
    /// Imports an assumption set (CSV or XLSX, format in docs/demography.md) under `name`,
    /// replacing a set of the same name: all or nothing, every problem with its line.
    /// `actor` is `None` for the command line.
    pub async fn demography_import_assumptions(
        &self,
        actor: Option<&Actor>,
        name: &str,
        file: &[u8],
    ) -> Result<AssumptionImportSummary, ImportError> {
        require(actor, Permission::ManageDemography)?;
        let name = name.trim();
        let mut issues = Issues::default();
        if name.is_empty() || name.chars().count() > 120 {
            issues.push(
                "assumptions",
                0,
                "the assumption set needs a name of 1 to 120 characters",
            );
        }
        let sheet = parse::read_sheet("assumptions", file)
            .map_err(|e| issues.add(e))
            .ok();
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let existing = store::all_regions(&mut tx).await?;
        let known: std::collections::BTreeSet<String> =
            existing.iter().map(|r| r.key.clone()).collect();
        let with_nat: std::collections::HashSet<i64> = store::regions_with_nationality(&mut tx)
            .await?
            .into_iter()
            .collect();
        let split: std::collections::BTreeSet<String> = existing
            .iter()
            .filter(|r| with_nat.contains(&r.id))
            .map(|r| r.key.clone())
            .collect();
        let records = sheet
            .map(|s| parse::assumptions(&s, &known, &split, &mut issues))
            .unwrap_or_default();
        if records.is_empty() && issues.is_empty() {
            issues.push("assumptions", 0, "the file has no values");
        }
        if !issues.is_empty() {
            tx.rollback().await.ok();
            return Err(ImportError::Invalid {
                issues: issues.list,
                more: issues.more,
            });
        }
        let ids: HashMap<&str, i64> = existing.iter().map(|r| (r.key.as_str(), r.id)).collect();
        let cells: Vec<store::AssumptionCell> = records
            .iter()
            .map(|r| store::AssumptionCell {
                region_id: ids[r.region_key.as_str()],
                kind: r.kind.into(),
                year_from: r.year_from,
                sex: r.sex.into(),
                age: r.age,
                nationality: r.nationality.clone(),
                value: r.value,
            })
            .collect();
        let label = actor.map_or_else(
            || "system (command line)".to_owned(),
            |a| a.user.display_name.clone(),
        );
        let (set, replaced) = store::replace_assumption_set(
            &mut tx,
            name,
            actor.map(|a| a.id().0),
            &label,
            &cells,
            now,
        )
        .await?;
        let mut kinds: Vec<&str> = records.iter().map(|r| r.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        let mut regions: Vec<&str> = records.iter().map(|r| r.region_key.as_str()).collect();
        regions.sort_unstable();
        regions.dedup();
        let mut years: Vec<i64> = records.iter().filter_map(|r| r.year_from).collect();
        years.sort_unstable();
        years.dedup();
        let summary = AssumptionImportSummary {
            id: set.id,
            name: set.name.clone(),
            regions: regions.len(),
            kinds: kinds.iter().map(|k| (*k).to_owned()).collect(),
            rows: cells.len(),
            years,
            replaced,
        };
        audit::append(
            &mut tx,
            &audit_entry(actor, "import", "demography_assumptions", set.id)
                .with_after(json!(summary)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// The stored assumption sets, by name.
    pub async fn demography_assumption_sets(
        &self,
        actor: &Actor,
    ) -> Result<Vec<store::AssumptionSetInfo>, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_assumption_sets(&mut conn).await?)
    }

    /// Deletes an assumption set (runs that used it keep its name in their summary).
    pub async fn demography_delete_assumption_set(
        &self,
        actor: Option<&Actor>,
        id: i64,
    ) -> Result<(), AppError> {
        require(actor, Permission::ManageDemography)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let set = store::delete_assumption_set(&mut tx, id).await?;
        audit::append(
            &mut tx,
            &audit_entry(actor, "delete", "demography_assumptions", id)
                .with_before(json!({"name": set.name})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
