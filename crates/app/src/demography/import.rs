//! Importing regions, population and flows: all or nothing, every issue with its line.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::json;
use standort_store::audit;
use standort_store::demography::{self as store, FlowCell, NewRegion, PopulationCell, Region};

use super::parse::{self, Issue, Issues};
use super::{audit_entry, require};
use crate::policy::Permission;
use crate::{Actor, App, AppError};

/// Files of one import; any may be absent.
#[derive(Debug, Clone, Default)]
pub struct ImportFiles {
    pub regions: Option<Vec<u8>>,
    pub population: Option<Vec<u8>>,
    pub flows: Option<Vec<u8>>,
}

/// What an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub regions: usize,
    pub population_cells: usize,
    pub flow_cells: usize,
    pub years: Vec<i64>,
}

/// Why an import was refused: the issues found (nothing was written), or another error.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the import was refused, nothing was written: {}", .issues.iter().map(|i| i.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid { issues: Vec<Issue>, more: usize },
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::App(e.into())
    }
}

impl From<standort_store::StoreError> for ImportError {
    fn from(e: standort_store::StoreError) -> Self {
        ImportError::App(e.into())
    }
}

impl App {
    /// Imports regions, population and flows in one transaction: either every file is
    /// accepted or nothing is written and every issue is reported with its line.
    /// `actor` is `None` for the command line.
    pub async fn demography_import(
        &self,
        actor: Option<&Actor>,
        files: &ImportFiles,
    ) -> Result<ImportSummary, ImportError> {
        require(actor, Permission::ManageDemography)?;
        let mut issues = Issues::default();
        let sheet = |name: &'static str, bytes: &Option<Vec<u8>>, issues: &mut Issues| {
            bytes
                .as_ref()
                .and_then(|b| parse::read_sheet(name, b).map_err(|e| issues.add(e)).ok())
        };
        let mut regions = sheet("regions", &files.regions, &mut issues)
            .map(|s| parse::regions(&s, &mut issues))
            .unwrap_or_default();
        let population = sheet("population", &files.population, &mut issues)
            .map(|s| parse::population(&s, &mut issues))
            .unwrap_or_default();
        let flows = sheet("flows", &files.flows, &mut issues)
            .map(|s| parse::flows(&s, &mut issues))
            .unwrap_or_default();
        if files.regions.is_none() && files.population.is_none() && files.flows.is_none() {
            issues.push("regions", 0, "no file given");
        }

        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let existing = store::all_regions(&mut tx).await?;
        let by_id: HashMap<i64, &Region> = existing.iter().map(|r| (r.id, r)).collect();
        let known: parse::KnownRegions = existing
            .iter()
            .map(|r| {
                (
                    r.key.clone(),
                    (
                        r.level.clone(),
                        r.parent_id
                            .and_then(|p| by_id.get(&p))
                            .map(|p| p.key.clone()),
                    ),
                )
            })
            .collect();
        // Stored figures of the parents and children of the imported regions' years.
        let id_of: HashMap<&str, i64> = existing.iter().map(|r| (r.key.as_str(), r.id)).collect();
        let mut stored = parse::StoredSums::new();
        for (year, keys) in parse::stored_sums_needed(&regions, &population, &known) {
            let ids: Vec<i64> = keys
                .iter()
                .filter_map(|k| id_of.get(k.as_str()).copied())
                .collect();
            if ids.is_empty() {
                continue;
            }
            for (region_id, age, sex, n) in store::population_sums(&mut tx, year, &ids).await? {
                stored
                    .entry((by_id[&region_id].key.clone(), year))
                    .or_default()
                    .insert((age, sex), n);
            }
        }
        parse::check(&regions, &population, &flows, &known, &stored, &mut issues);
        if !issues.is_empty() {
            tx.rollback().await.ok();
            return Err(ImportError::Invalid {
                issues: issues.list,
                more: issues.more,
            });
        }

        let mut ids: HashMap<String, i64> =
            existing.iter().map(|r| (r.key.clone(), r.id)).collect();
        parse::parents_first(&mut regions);
        for r in &regions {
            let parent_id = r.parent_key.as_ref().and_then(|k| ids.get(k).copied());
            let saved = store::upsert_region(
                &mut tx,
                &NewRegion {
                    key: &r.key,
                    name: &r.name,
                    level: &r.level,
                    parent_id,
                    note: r.note.as_deref(),
                },
                now,
            )
            .await?;
            ids.insert(saved.key, saved.id);
        }
        let cells: Vec<PopulationCell> = population
            .iter()
            .map(|p| PopulationCell {
                region_id: ids[&p.region_key],
                year: p.year,
                age: p.age,
                sex: p.sex.into(),
                nationality: p.nationality.clone(),
                count: p.count,
            })
            .collect();
        store::replace_population(&mut tx, &cells).await?;
        let flow_cells: Vec<FlowCell> = flows
            .iter()
            .map(|f| FlowCell {
                region_id: ids[&f.region_key],
                year: f.year,
                kind: f.kind.into(),
                age: f.age,
                sex: f.sex.into(),
                nationality: f.nationality.clone(),
                count: f.count,
            })
            .collect();
        store::replace_flows(&mut tx, &flow_cells).await?;
        let mut years: Vec<i64> = population
            .iter()
            .map(|p| p.year)
            .chain(flows.iter().map(|f| f.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        let summary = ImportSummary {
            regions: regions.len(),
            population_cells: cells.len(),
            flow_cells: flow_cells.len(),
            years,
        };
        audit::append(
            &mut tx,
            &audit_entry(actor, "import", "demography", "import").with_after(json!(summary)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(summary)
    }
}
