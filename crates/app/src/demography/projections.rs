//! Projections: loading the observations, running the engine's projection service (off the
//! async runtime, with progress), storing its results with the run's summary.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::json;
use standort_demography::{Groups, Population, service};
use standort_store::AnyConnection;
use standort_store::audit;
use standort_store::demography::{self as store, Region, Run};

use super::assumptions::assumptions_of;
use super::parse;
use super::{audit_entry, cell_sex, require};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// Seed of the stochastic trajectories (fixed, so a run is reproducible).
pub const SEED: u64 = 20_240_101;

/// What the run summary says about the rates used (`summary.base_years`,
/// `summary.assumption_set`), for pages, API and command line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RatesUsed {
    /// Flow years the derived rates pooled (from, to), if any flows were observed.
    pub base_years: Option<(i64, i64)>,
    /// Whether the base years were chosen (else: every observed flow year).
    pub chosen: bool,
    pub assumption_set: Option<String>,
    /// Keys of the regions with explicit rates, with their kinds.
    pub explicit: Vec<(String, Vec<String>)>,
}

impl RatesUsed {
    pub fn of(run: &Run) -> RatesUsed {
        let b = &run.summary["base_years"];
        let set = &run.summary["assumption_set"];
        RatesUsed {
            base_years: b["from"].as_i64().zip(b["to"].as_i64()),
            chosen: b["chosen"].as_bool().unwrap_or(false),
            assumption_set: set["name"].as_str().map(str::to_owned),
            explicit: set["regions"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                v.as_array()
                                    .into_iter()
                                    .flatten()
                                    .filter_map(|x| x.as_str().map(str::to_owned))
                                    .collect(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

/// Loads everything a projection needs, parents first.
async fn load_inputs(
    conn: &mut AnyConnection,
) -> Result<(Vec<Region>, Vec<service::RegionData>), AppError> {
    let mut regions = store::all_regions(conn).await?;
    // Parents before children: sort by depth, then key.
    let ids: HashMap<i64, Option<i64>> = regions.iter().map(|r| (r.id, r.parent_id)).collect();
    let depth = |mut id: i64| {
        let mut d = 0;
        while let Some(Some(p)) = ids.get(&id) {
            d += 1;
            id = *p;
            if d > 16 {
                break;
            }
        }
        d
    };
    regions.sort_by_key(|r| (depth(r.id), r.key.clone()));
    let index: HashMap<i64, usize> = regions.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut data: Vec<service::RegionData> = regions
        .iter()
        .map(|r| service::RegionData {
            id: r.id,
            parent: r.parent_id.and_then(|p| index.get(&p).copied()),
            population: BTreeMap::new(),
            flows: BTreeMap::new(),
        })
        .collect();
    // A region-year (or region-year-kind of flows) whose cells carry a nationality is loaded
    // by nationality (parse::nat_group); the import refuses blocks that mix cells with and
    // without it, so a cell without one in such a block (older data) counts as national.
    let population = store::all_population(conn).await?;
    let split_years: HashSet<(i64, i64)> = population
        .iter()
        .filter(|c| !c.nationality.is_empty())
        .map(|c| (c.region_id, c.year))
        .collect();
    for c in population {
        let Some(i) = index.get(&c.region_id) else {
            continue;
        };
        let groups = if split_years.contains(&(c.region_id, c.year)) {
            Groups::Nationality
        } else {
            Groups::Total
        };
        let p = data[*i]
            .population
            .entry(c.year)
            .or_insert_with(|| Population::zeros(groups));
        let g = parse::nat_group(&c.nationality).unwrap_or(0);
        let sex = cell_sex(&c.sex);
        let age = c.age.clamp(0, 100) as usize;
        p.set(g, sex, age, p.get(g, sex, age) + c.count as f64);
    }
    let flows = store::all_flows(conn).await?;
    let split_flows: HashSet<(i64, i64, &str)> = flows
        .iter()
        .filter(|f| !f.nationality.is_empty())
        .map(|f| (f.region_id, f.year, f.kind.as_str()))
        .collect();
    for f in &flows {
        let Some(i) = index.get(&f.region_id) else {
            continue;
        };
        let y = data[*i]
            .flows
            .entry(f.year)
            .or_insert_with(service::YearFlows::zeros);
        let sex = cell_sex(&f.sex);
        let age = f.age.clamp(0, 100) as usize;
        let n = f.count as f64;
        let split = split_flows.contains(&(f.region_id, f.year, f.kind.as_str()));
        let g = parse::nat_group(&f.nationality).unwrap_or(0);
        let add = |p: &mut Population| {
            if split && p.groups() == Groups::Total {
                *p = Population::zeros(Groups::Nationality);
            }
            let g = if split { g } else { 0 };
            p.set(g, sex, age, p.get(g, sex, age) + n);
        };
        match f.kind.as_str() {
            "births" => {
                if split && y.births_by_age.len() == standort_demography::AGES {
                    y.births_by_age = vec![0.0; 2 * standort_demography::AGES];
                }
                let g = if split { g } else { 0 };
                y.births_by_age[g * standort_demography::AGES + age] += n;
                y.births_by_sex[sex.index()] += n;
            }
            "deaths" => add(&mut y.deaths),
            "immigration" => add(&mut y.immigration),
            "emigration" => add(&mut y.emigration),
            "acquisition" => {
                let v = y
                    .acquisition
                    .get_or_insert_with(|| vec![0.0; 2 * standort_demography::AGES]);
                v[standort_demography::population::cell(0, sex, age)] += n;
            }
            _ => {}
        }
    }
    Ok((regions, data))
}

impl App {
    /// The latest projection run, if any.
    pub async fn demography_latest_run(&self, actor: &Actor) -> Result<Option<Run>, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        Ok(store::latest_run(&mut conn).await?)
    }

    /// The years with observed flows: the choices of base years.
    pub async fn demography_flow_years(&self, actor: &Actor) -> Result<Vec<i64>, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        Ok(store::flow_years(&mut conn).await?)
    }

    /// Projects every region and stores the results (replacing the previous run's), with the
    /// rates derived over `options.base_years` and the explicit rates of the assumption set
    /// named `assumption_set` where it gives them.
    pub async fn demography_project(
        &self,
        actor: Option<&Actor>,
        options: &service::Options,
        assumption_set: Option<&str>,
    ) -> Result<Run, AppError> {
        self.demography_project_with(actor, options, assumption_set, &|_| {})
            .await
    }

    /// [`App::demography_project`], telling `progress` how far it has come (the command line
    /// shows it as a progress bar).
    pub async fn demography_project_with(
        &self,
        actor: Option<&Actor>,
        options: &service::Options,
        assumption_set: Option<&str>,
        progress: &(dyn Fn(service::Step) + Sync),
    ) -> Result<Run, AppError> {
        require(actor, Permission::ManageDemography)?;
        let (regions, data, assumptions) = {
            let mut conn = self.db.conn().await?;
            let (regions, data) = load_inputs(&mut conn).await?;
            let assumptions = match assumption_set.map(str::trim).filter(|s| !s.is_empty()) {
                Some(name) => {
                    let set = store::find_assumption_set(&mut conn, name).await?.ok_or(
                        standort_domain::ValidationError::new(
                            "assumption_set",
                            "unknown-assumption-set",
                        ),
                    )?;
                    let cells = store::assumption_cells(&mut conn, set.id).await?;
                    let mut values = assumptions_of(&cells);
                    values.name = set.name.clone();
                    Some((set, values))
                }
                None => None,
            };
            (regions, data, assumptions)
        };
        if data.iter().all(|d| d.population.is_empty()) {
            return Err(AppError::Conflict("demography-no-data"));
        }
        let flow_years: std::collections::BTreeSet<i64> =
            data.iter().flat_map(|d| d.flows.keys().copied()).collect();
        if let Some((from, to)) = options.base_years {
            if from > to || !(1800..=2200).contains(&from) || !(1800..=2200).contains(&to) {
                return Err(standort_domain::ValidationError::new(
                    "base_years",
                    "invalid-base-years",
                )
                .into());
            }
            if !flow_years.iter().any(|y| (from..=to).contains(y)) {
                return Err(standort_domain::ValidationError::new(
                    "base_years",
                    "no-flows-in-base-years",
                )
                .into());
            }
        }
        let used_years = match options.base_years {
            Some((from, to)) => flow_years
                .iter()
                .copied()
                .filter(|y| (from..=to).contains(y))
                .collect::<Vec<_>>(),
            None => flow_years.iter().copied().collect(),
        };
        let opts = *options;
        let set_values = assumptions
            .as_ref()
            .map(|(_, a)| a.clone())
            .unwrap_or_default();
        let started = std::time::Instant::now();
        let (tx_progress, mut rx_progress) = tokio::sync::mpsc::unbounded_channel();
        let task = tokio::task::spawn_blocking(move || {
            let report = |s: service::Step| {
                tx_progress.send(s).ok();
            };
            let out = service::run(&data, &opts, &set_values, &report);
            report(service::Step {
                stage: service::Stage::Backtest,
                done: 0,
                total: 1,
            });
            let backtest = service::backtest(&data, &opts);
            report(service::Step {
                stage: service::Stage::Backtest,
                done: 1,
                total: 1,
            });
            (out, backtest)
        });
        while let Some(step) = rx_progress.recv().await {
            progress(step);
        }
        let (out, backtest) = task
            .await
            .map_err(|e| AppError::Internal(format!("projection task failed: {e}")))?;
        let computed = started.elapsed();
        let methods: serde_json::Map<String, serde_json::Value> = out
            .methods
            .iter()
            .map(|(id, m)| (id.to_string(), json!(m.as_str())))
            .collect();
        let base_years = json!({
            "from": options.base_years.map(|b| b.0).or(used_years.first().copied()),
            "to": options.base_years.map(|b| b.1).or(used_years.last().copied()),
            "chosen": options.base_years.is_some(),
            "flow_years": used_years,
        });
        let set_summary = assumptions.as_ref().map(|(set, a)| {
            let keys: HashMap<i64, &str> =
                regions.iter().map(|r| (r.id, r.key.as_str())).collect();
            let covered: serde_json::Map<String, serde_json::Value> = a
                .regions
                .keys()
                .map(|id| {
                    (
                        keys.get(id).map_or(id.to_string(), |k| (*k).to_owned()),
                        json!(
                            a.kinds_of(*id)
                                .iter()
                                .map(|k| k.as_str())
                                .collect::<Vec<_>>()
                        ),
                    )
                })
                .collect();
            json!({"id": set.id, "name": set.name, "imported_at": set.imported_at, "regions": covered})
        });
        let summary = json!({
            "methods": methods,
            "regions": regions.len(),
            "horizon": options.horizon,
            "base_years": base_years,
            "assumption_set": set_summary,
            "backtest": backtest,
        });
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let run = store::insert_run(
            &mut tx,
            out.base_year,
            out.last_year,
            options.trajectories as i64,
            options.seed as i64,
            &summary,
            actor.map(|a| a.id().0),
            now,
        )
        .await?;
        const CHUNK: usize = 5_000;
        let total = out.results.len() + out.pyramids.len();
        let storing = |done: usize| {
            progress(service::Step {
                stage: service::Stage::Storing,
                done,
                total,
            })
        };
        storing(0);
        for (k, chunk) in out.results.chunks(CHUNK).enumerate() {
            store::insert_results(&mut tx, run.id, chunk).await?;
            storing(k * CHUNK + chunk.len());
        }
        for (k, chunk) in out.pyramids.chunks(CHUNK).enumerate() {
            store::insert_pyramids(&mut tx, run.id, chunk).await?;
            storing(out.results.len() + k * CHUNK + chunk.len());
        }
        audit::append(
            &mut tx,
            &audit_entry(actor, "create", "demography_run", run.id).with_after(json!({
                "base_year": run.base_year,
                "last_year": run.last_year,
                "regions": regions.len(),
                "results": out.results.len(),
                "base_years": summary["base_years"],
                "assumption_set": assumptions.as_ref().map(|(s, _)| s.name.clone()),
            })),
            now,
        )
        .await?;
        tx.commit().await?;
        tracing::info!(
            regions = regions.len(),
            results = out.results.len(),
            compute_s = computed.as_secs_f64(),
            total_s = started.elapsed().as_secs_f64(),
            "demography projection stored"
        );
        Ok(run)
    }
}
