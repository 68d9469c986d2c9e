//! Demography monitoring for district planners: regions, imports, projections, capacities,
//! exports. Planners and administrators write; agency staff read (see [`crate::policy`]).
//! Formats and methods: `docs/demography.md`.

pub mod demo;
pub mod export;
pub mod parse;
pub mod project;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_demography::{Groups, Population, Sex};
use standort_store::audit::{self, NewAuditEntry};
use standort_store::demography::{
    self as store, Capacity, FlowCell, NewRegion, PopulationCell, Pyramid, Region, ResultFilter,
    ResultRow, Run,
};
use standort_store::{AnyConnection, PageRequest, Paged};

use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};
pub use export::Table;
use export::{Download, Format, Value};
use parse::{Issue, Issues};

/// Facility bands: name, the age band measure it serves, default take-up share.
pub const FACILITIES: [(&str, &str, f64); 3] = [
    ("creche", "0-2", 0.55),
    ("kindergarten", "3-5", 0.95),
    ("primary", "6-9", 1.0),
];

/// Seed of the stochastic trajectories (fixed, so a run is reproducible).
pub const SEED: u64 = 20_240_101;

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

/// Stored values of a set as the projection's tables (cells not given are 0).
fn assumptions_of(cells: &[store::AssumptionCell]) -> project::Assumptions {
    type Key = (i64, project::Kind, Option<i64>, Option<usize>);
    let mut tables: BTreeMap<Key, Vec<f64>> = BTreeMap::new();
    for c in cells {
        let Some(kind) = project::Kind::parse(&c.kind) else {
            continue;
        };
        // Acquisition applies to foreign nationals (group 1) only; the share of German
        // children of foreign mothers is one value for the region.
        let group = match kind {
            project::Kind::Acquisition => Some(1),
            project::Kind::GermanBirths => None,
            _ => parse::nat_group(&c.nationality),
        };
        let values = tables
            .entry((c.region_id, kind, c.year_from, group))
            .or_insert_with(|| vec![0.0; kind.cells()]);
        let age = c.age.clamp(0, 100) as usize;
        let i = match kind {
            project::Kind::Fertility => age,
            project::Kind::GermanBirths => 0,
            _ => standort_demography::population::cell(0, cell_sex(&c.sex), age),
        };
        values[i] = c.value;
    }
    let mut out = project::Assumptions::default();
    for ((region, kind, year_from, group), values) in tables {
        out.regions.entry(region).or_default().push(project::Table {
            kind,
            year_from,
            group,
            values,
        });
    }
    out
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

/// A region in the hierarchy list.
#[derive(Debug, Clone, Serialize)]
pub struct RegionNode {
    pub region: Region,
    pub depth: usize,
    /// Population in the latest observed year.
    pub population: Option<i64>,
    pub population_year: Option<i64>,
}

/// One year of a capacity gap.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GapRow {
    pub year: i64,
    pub places: f64,
    /// Expected demand: children in the band × take-up (median).
    pub demand: f64,
    /// Places − demand (negative = shortfall).
    pub gap: f64,
    /// 80 % interval of the gap (pessimistic, optimistic).
    pub gap_low80: f64,
    pub gap_high80: f64,
    /// 95 % interval of the gap.
    pub gap_low95: f64,
    pub gap_high95: f64,
}

/// The gap of one facility band.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    /// `creche`, `kindergarten`, `primary`.
    pub facility: &'static str,
    pub measure: &'static str,
    pub rows: Vec<GapRow>,
}

impl Gap {
    /// The first year with a shortfall (median demand above the places).
    pub fn first_shortfall(&self) -> Option<&GapRow> {
        self.rows.iter().find(|r| r.gap < 0.0)
    }
}

/// Everything the region page shows.
#[derive(Debug, Clone, Serialize)]
pub struct RegionView {
    pub region: Region,
    /// From the top down to the parent.
    pub ancestors: Vec<Region>,
    pub children: Vec<Region>,
    pub run: Option<Run>,
    /// Projection method of this region in the latest run.
    pub method: Option<String>,
    pub results: Vec<ResultRow>,
    pub capacities: Vec<Capacity>,
    pub gaps: Vec<Gap>,
    /// Base-year pyramid and the chosen year's.
    pub pyramid_base: Option<Pyramid>,
    pub pyramid_year: Option<Pyramid>,
    pub pyramid_years: Vec<i64>,
}

/// Input of the capacity form.
#[derive(Debug, Clone, Deserialize)]
pub struct CapacityInput {
    pub facility: String,
    pub year_from: i64,
    pub places: i64,
    /// Percent (0–100) of the age band expected to need a place; default per facility.
    pub take_up_percent: Option<f64>,
}

/// Several regions side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub measure: String,
    pub regions: Vec<Region>,
    pub years: Vec<i64>,
    /// Per region, per year (medium or observed), with the 80 % interval where known.
    pub values: Vec<Vec<Option<ResultRow>>>,
}

/// Exportable tables of a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionTable {
    Indicators,
    Series,
    Gap,
    Pyramid,
    Population,
}

impl RegionTable {
    pub fn parse(s: &str) -> Option<RegionTable> {
        match s {
            "indicators" => Some(RegionTable::Indicators),
            "series" => Some(RegionTable::Series),
            "gap" => Some(RegionTable::Gap),
            "pyramid" => Some(RegionTable::Pyramid),
            "population" => Some(RegionTable::Population),
            _ => None,
        }
    }
}

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

impl RegionView {
    /// Values of a measure and scenario ordered by year.
    pub fn series(&self, measure: &str, scenario: &str) -> Vec<&ResultRow> {
        self.results
            .iter()
            .filter(|r| r.measure == measure && r.scenario == scenario)
            .collect()
    }

    pub fn value(&self, measure: &str, scenario: &str, year: i64) -> Option<&ResultRow> {
        self.results
            .iter()
            .find(|r| r.measure == measure && r.scenario == scenario && r.year == year)
    }

    /// Observed years and projected years (observed wins where both exist).
    pub fn years(&self) -> Vec<(i64, bool)> {
        let mut years: BTreeMap<i64, bool> = BTreeMap::new();
        for r in &self.results {
            match r.scenario.as_str() {
                "observed" if r.measure == "total" => {
                    years.insert(r.year, false);
                }
                "medium" => {
                    years.entry(r.year).or_insert(true);
                }
                _ => {}
            }
        }
        years.into_iter().collect()
    }

    /// The row of a measure in a year: observed if there is one, else the medium projection.
    pub fn row(&self, measure: &str, year: i64) -> Option<&ResultRow> {
        self.value(measure, "observed", year)
            .or_else(|| self.value(measure, "medium", year))
    }

    /// Whether the region is projected by nationality (it has the foreign-population rows).
    pub fn has_nationality(&self) -> bool {
        self.results
            .iter()
            .any(|r| r.measure == project::NATIONALITY_MEASURES[0])
    }

    /// The measures of [`RegionView::indicator_table`] in order: bands, structure, components,
    /// and for regions with nationality the foreign population and share.
    pub fn measures(&self) -> Vec<&'static str> {
        let mut m: Vec<&'static str> = project::BAND_MEASURES
            .iter()
            .chain(&project::STRUCTURE_MEASURES)
            .chain(&project::COMPONENT_MEASURES)
            .copied()
            .collect();
        if self.has_nationality() {
            m.extend(project::NATIONALITY_MEASURES);
        }
        m
    }

    /// Indicator table: one row per year.
    pub fn indicator_table(&self) -> Table {
        let mut columns = vec!["year", "kind"];
        let measures = self.measures();
        columns.extend(&measures);
        let rows = self
            .years()
            .into_iter()
            .map(|(year, projected)| {
                let mut row: Vec<Value> = vec![
                    year.into(),
                    if projected { "projected" } else { "observed" }.into(),
                ];
                for m in &measures {
                    row.push(self.row(m, year).map(|r| r.value).into());
                }
                row
            })
            .collect();
        Table {
            name: format!("indicators-{}", self.region.key),
            columns,
            rows,
        }
    }

    /// Every stored value with its scenario and interval.
    pub fn series_table(&self) -> Table {
        Table {
            name: format!("series-{}", self.region.key),
            columns: vec![
                "measure", "scenario", "year", "value", "p2_5", "p10", "p90", "p97_5",
            ],
            rows: self
                .results
                .iter()
                .map(|r| {
                    vec![
                        r.measure.as_str().into(),
                        r.scenario.as_str().into(),
                        r.year.into(),
                        r.value.into(),
                        r.p2_5.into(),
                        r.p10.into(),
                        r.p90.into(),
                        r.p97_5.into(),
                    ]
                })
                .collect(),
        }
    }

    pub fn gap_table(&self) -> Table {
        Table {
            name: format!("capacity-gap-{}", self.region.key),
            columns: vec![
                "facility",
                "year",
                "places",
                "demand",
                "gap",
                "gap_low80",
                "gap_high80",
                "gap_low95",
                "gap_high95",
            ],
            rows: self
                .gaps
                .iter()
                .flat_map(|g| {
                    g.rows.iter().map(|r| {
                        vec![
                            g.facility.into(),
                            r.year.into(),
                            r.places.into(),
                            r.demand.into(),
                            r.gap.into(),
                            r.gap_low80.into(),
                            r.gap_high80.into(),
                            r.gap_low95.into(),
                            r.gap_high95.into(),
                        ]
                    })
                })
                .collect(),
        }
    }

    /// Population by age and sex of the base and the chosen year; for regions with
    /// nationality also split into German and foreign nationals (`male` and `female` stay
    /// the totals).
    pub fn pyramid_table(&self) -> Table {
        let pyramids: Vec<&Pyramid> = [&self.pyramid_base, &self.pyramid_year]
            .into_iter()
            .flatten()
            .collect();
        let split = pyramids.iter().any(|p| p.foreign.is_some());
        let mut rows = Vec::new();
        for p in pyramids {
            for age in 0..p.male.len() {
                let mut row: Vec<Value> = vec![
                    p.year.into(),
                    (age as i64).into(),
                    p.male[age].into(),
                    p.female[age].into(),
                ];
                if split {
                    let (fm, ff) = match &p.foreign {
                        Some((m, f)) => (Some(m[age]), Some(f[age])),
                        None => (None, None),
                    };
                    row.push(fm.map(|x| p.male[age] - x).into());
                    row.push(fm.into());
                    row.push(ff.map(|x| p.female[age] - x).into());
                    row.push(ff.into());
                }
                rows.push(row);
            }
        }
        let mut columns = vec!["year", "age", "male", "female"];
        if split {
            columns.extend([
                "male_german",
                "male_foreign",
                "female_german",
                "female_foreign",
            ]);
        }
        Table {
            name: format!("pyramid-{}", self.region.key),
            columns,
            rows,
        }
    }
}

/// Gaps per facility from capacities and the stored band results.
pub fn gaps(capacities: &[Capacity], results: &[ResultRow]) -> Vec<Gap> {
    FACILITIES
        .iter()
        .filter_map(|(facility, measure, _)| {
            let mut entries: Vec<&Capacity> =
                capacities.iter().filter(|c| c.band == *facility).collect();
            if entries.is_empty() {
                return None;
            }
            entries.sort_by_key(|c| c.year_from);
            let rows = results
                .iter()
                .filter(|r| r.measure == *measure && r.scenario == "medium")
                .filter_map(|r| {
                    let c = entries.iter().rev().find(|c| c.year_from <= r.year)?;
                    let places = c.places as f64;
                    let d = |v: Option<f64>| v.unwrap_or(r.value) * c.take_up;
                    Some(GapRow {
                        year: r.year,
                        places,
                        demand: r.value * c.take_up,
                        gap: places - r.value * c.take_up,
                        gap_low80: places - d(r.p90),
                        gap_high80: places - d(r.p10),
                        gap_low95: places - d(r.p97_5),
                        gap_high95: places - d(r.p2_5),
                    })
                })
                .collect();
            Some(Gap {
                facility,
                measure,
                rows,
            })
        })
        .collect()
}

fn cell_sex(sex: &str) -> Sex {
    if sex == "f" { Sex::Female } else { Sex::Male }
}

/// Loads everything a projection needs, parents first.
async fn load_inputs(
    conn: &mut AnyConnection,
) -> Result<(Vec<Region>, Vec<project::RegionData>), AppError> {
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
    let mut data: Vec<project::RegionData> = regions
        .iter()
        .map(|r| project::RegionData {
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
            .or_insert_with(project::YearFlows::zeros);
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
    /// The region hierarchy, depth-first, with the latest observed population.
    pub async fn demography_tree(&self, actor: &Actor) -> Result<Vec<RegionNode>, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        let regions = store::all_regions(&mut conn).await?;
        let mut latest: HashMap<i64, (i64, i64)> = HashMap::new();
        for (region, year, total) in store::population_totals(&mut conn).await? {
            latest.insert(region, (year, total));
        }
        let mut children: BTreeMap<Option<i64>, Vec<&Region>> = BTreeMap::new();
        let known: std::collections::HashSet<i64> = regions.iter().map(|r| r.id).collect();
        for r in &regions {
            let parent = r.parent_id.filter(|p| known.contains(p));
            children.entry(parent).or_default().push(r);
        }
        let mut out = Vec::new();
        let mut stack: Vec<(&Region, usize)> = children
            .get(&None)
            .map(|v| v.iter().rev().map(|r| (*r, 0)).collect())
            .unwrap_or_default();
        while let Some((r, depth)) = stack.pop() {
            let l = latest.get(&r.id);
            out.push(RegionNode {
                region: r.clone(),
                depth,
                population: l.map(|x| x.1),
                population_year: l.map(|x| x.0),
            });
            if let Some(kids) = children.get(&Some(r.id)) {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
        Ok(out)
    }

    /// One page of regions (optionally the children of one region).
    pub async fn demography_regions(
        &self,
        actor: &Actor,
        parent: Option<i64>,
        page: PageRequest,
    ) -> Result<Paged<Region>, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_regions(&mut conn, parent, page).await?)
    }

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

    /// How many regions there are (for the dashboard).
    pub async fn demography_region_count(&self) -> Result<i64, AppError> {
        let mut conn = self.db.conn().await?;
        Ok(store::count_regions(&mut conn).await?)
    }

    /// The region page's data; `year` chooses the projection year of the pyramid (default:
    /// the last year of the run).
    pub async fn demography_region(
        &self,
        actor: &Actor,
        id: i64,
        year: Option<i64>,
    ) -> Result<RegionView, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        let region = store::get_region(&mut conn, id).await?;
        let mut ancestors = Vec::new();
        let mut up = region.parent_id;
        while let Some(p) = up {
            if ancestors.len() > 16 {
                break;
            }
            let r = store::get_region(&mut conn, p).await?;
            up = r.parent_id;
            ancestors.insert(0, r);
        }
        let children = store::list_regions(
            &mut conn,
            Some(id),
            PageRequest::new(Some(PageRequest::MAX_LIMIT), None),
        )
        .await?
        .items;
        let run = store::latest_run(&mut conn).await?;
        let method = run.as_ref().and_then(|r| {
            r.summary["methods"][region.id.to_string()]
                .as_str()
                .map(str::to_owned)
        });
        let results = store::results(&mut conn, id, &ResultFilter::default()).await?;
        let capacities = store::capacities(&mut conn, id).await?;
        let gaps = gaps(&capacities, &results);
        let pyramid_years = store::pyramid_years(&mut conn, id).await?;
        let (pyramid_base, pyramid_year) = match &run {
            Some(run) => {
                let chosen = year
                    .filter(|y| pyramid_years.contains(y))
                    .unwrap_or(run.last_year);
                (
                    store::pyramid(&mut conn, id, run.base_year).await?,
                    store::pyramid(&mut conn, id, chosen).await?,
                )
            }
            None => (None, None),
        };
        Ok(RegionView {
            region,
            ancestors,
            children,
            run,
            method,
            results,
            capacities,
            gaps,
            pyramid_base,
            pyramid_year,
            pyramid_years,
        })
    }

    /// Stored results of a region, paged (API).
    pub async fn demography_results(
        &self,
        actor: &Actor,
        id: i64,
        filter: &ResultFilter,
        page: PageRequest,
    ) -> Result<Paged<ResultRow>, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let mut conn = self.db.conn().await?;
        store::get_region(&mut conn, id).await?;
        Ok(store::results_page(&mut conn, id, filter, page).await?)
    }

    /// Sets the places of a facility in a region from a year on.
    pub async fn demography_set_capacity(
        &self,
        actor: &Actor,
        region_id: i64,
        input: &CapacityInput,
    ) -> Result<Capacity, AppError> {
        policy::require(actor, Permission::ManageDemography)?;
        let (facility, _, default_take_up) =
            FACILITIES.iter().find(|f| f.0 == input.facility).ok_or(
                standort_domain::ValidationError::new("facility", "unknown-facility"),
            )?;
        if !(1900..=2200).contains(&input.year_from) {
            return Err(standort_domain::ValidationError::new("year_from", "invalid-year").into());
        }
        if !(0..=1_000_000).contains(&input.places) {
            return Err(standort_domain::ValidationError::new("places", "invalid-places").into());
        }
        let take_up = match input.take_up_percent {
            Some(p) if (1.0..=100.0).contains(&p) => p / 100.0,
            Some(_) => {
                return Err(standort_domain::ValidationError::new(
                    "take_up_percent",
                    "invalid-share",
                )
                .into());
            }
            None => *default_take_up,
        };
        let now = self.now();
        let mut tx = self.db.begin().await?;
        store::get_region(&mut tx, region_id).await?;
        let c = store::set_capacity(
            &mut tx,
            region_id,
            facility,
            input.year_from,
            input.places,
            take_up,
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "demography_capacity", c.id, None)
                .with_after(json!({"region_id": region_id, "facility": facility, "year_from": c.year_from, "places": c.places, "take_up": c.take_up})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(c)
    }

    pub async fn demography_delete_capacity(
        &self,
        actor: &Actor,
        region_id: i64,
        id: i64,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageDemography)?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        store::delete_capacity(&mut tx, region_id, id).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("delete", "demography_capacity", id, None)
                .with_before(json!({"region_id": region_id})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

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
        let mut tx = self.db.begin().await?;
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

    /// Projects every region and stores the results (replacing the previous run's), with the
    /// rates derived over `options.base_years` and the explicit rates of the assumption set
    /// named `assumption_set` where it gives them.
    pub async fn demography_project(
        &self,
        actor: Option<&Actor>,
        options: &project::Options,
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
        options: &project::Options,
        assumption_set: Option<&str>,
        progress: &(dyn Fn(project::Step) + Sync),
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
            let report = |s: project::Step| {
                tx_progress.send(s).ok();
            };
            let out = project::run(&data, &opts, &set_values, &report);
            report(project::Step {
                stage: project::Stage::Backtest,
                done: 0,
                total: 1,
            });
            let backtest = project::backtest(&data, &opts);
            report(project::Step {
                stage: project::Stage::Backtest,
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
        let mut tx = self.db.begin().await?;
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
            progress(project::Step {
                stage: project::Stage::Storing,
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
        let mut tx = self.db.begin().await?;
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
        let mut tx = self.db.begin().await?;
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

    /// Several regions side by side for one measure.
    pub async fn demography_compare(
        &self,
        actor: &Actor,
        ids: &[i64],
        measure: &str,
    ) -> Result<Comparison, AppError> {
        policy::require(actor, Permission::ReadDemography)?;
        let known = project::all_measures().any(|m| m == measure);
        if !known {
            return Err(standort_domain::ValidationError::new("measure", "unknown-measure").into());
        }
        let mut conn = self.db.conn().await?;
        let mut regions = Vec::new();
        let mut series = Vec::new();
        for id in ids.iter().take(8) {
            let Ok(region) = store::get_region(&mut conn, *id).await else {
                continue;
            };
            let rows = store::results(
                &mut conn,
                *id,
                &ResultFilter {
                    measure: Some(measure.to_owned()),
                    scenario: None,
                },
            )
            .await?;
            regions.push(region);
            series.push(rows);
        }
        let mut years: Vec<i64> = series
            .iter()
            .flatten()
            .filter(|r| r.scenario == "observed" || r.scenario == "medium")
            .map(|r| r.year)
            .collect();
        years.sort_unstable();
        years.dedup();
        let values = series
            .iter()
            .map(|rows| {
                years
                    .iter()
                    .map(|y| {
                        rows.iter()
                            .find(|r| r.year == *y && r.scenario == "observed")
                            .or_else(|| {
                                rows.iter().find(|r| r.year == *y && r.scenario == "medium")
                            })
                            .cloned()
                    })
                    .collect()
            })
            .collect();
        Ok(Comparison {
            measure: measure.to_owned(),
            regions,
            years,
            values,
        })
    }

    /// The region list as a download.
    pub async fn demography_export_regions(
        &self,
        actor: &Actor,
        format: Format,
    ) -> Result<Download, AppError> {
        let tree = self.demography_tree(actor).await?;
        let keys: HashMap<i64, String> = tree
            .iter()
            .map(|n| (n.region.id, n.region.key.clone()))
            .collect();
        Table {
            name: "regions".into(),
            columns: vec![
                "key",
                "name",
                "level",
                "parent_key",
                "note",
                "population",
                "population_year",
            ],
            rows: tree
                .iter()
                .map(|n| {
                    vec![
                        n.region.key.as_str().into(),
                        n.region.name.as_str().into(),
                        n.region.level.as_str().into(),
                        n.region
                            .parent_id
                            .and_then(|p| keys.get(&p).cloned())
                            .map_or(Value::Empty, Value::from),
                        n.region.note.clone().map_or(Value::Empty, Value::from),
                        n.population.map_or(Value::Empty, Value::from),
                        n.population_year.map_or(Value::Empty, Value::from),
                    ]
                })
                .collect(),
        }
        .render(format)
    }

    /// A table of a region as a download.
    pub async fn demography_export_region(
        &self,
        actor: &Actor,
        id: i64,
        table: RegionTable,
        year: Option<i64>,
        format: Format,
    ) -> Result<Download, AppError> {
        self.demography_region_table(actor, id, table, year)
            .await?
            .render(format)
    }

    /// One of a region's tables as data: what the CSV/XLSX downloads and the JSON API carry.
    pub async fn demography_region_table(
        &self,
        actor: &Actor,
        id: i64,
        table: RegionTable,
        year: Option<i64>,
    ) -> Result<Table, AppError> {
        let view = self.demography_region(actor, id, year).await?;
        Ok(match table {
            RegionTable::Indicators => view.indicator_table(),
            RegionTable::Series => view.series_table(),
            RegionTable::Gap => view.gap_table(),
            RegionTable::Pyramid => view.pyramid_table(),
            RegionTable::Population => {
                let mut conn = self.db.conn().await?;
                let cells = store::population(&mut conn, id, None).await?;
                Table {
                    name: format!("population-{}", view.region.key),
                    columns: vec![
                        "region_key",
                        "year",
                        "age",
                        "sex",
                        "nationality",
                        "population",
                    ],
                    rows: cells
                        .iter()
                        .map(|c| {
                            vec![
                                view.region.key.as_str().into(),
                                c.year.into(),
                                c.age.into(),
                                c.sex.as_str().into(),
                                c.nationality.as_str().into(),
                                c.count.into(),
                            ]
                        })
                        .collect(),
                }
            }
        })
    }

    /// A comparison as a download.
    pub async fn demography_export_comparison(
        &self,
        actor: &Actor,
        ids: &[i64],
        measure: &str,
        format: Format,
    ) -> Result<Download, AppError> {
        self.demography_comparison_table(actor, ids, measure)
            .await?
            .render(format)
    }

    /// A comparison of localities as data: what its CSV/XLSX download and the JSON API carry.
    pub async fn demography_comparison_table(
        &self,
        actor: &Actor,
        ids: &[i64],
        measure: &str,
    ) -> Result<Table, AppError> {
        let c = self.demography_compare(actor, ids, measure).await?;
        let mut rows = Vec::new();
        for (region, values) in c.regions.iter().zip(&c.values) {
            for (year, v) in c.years.iter().zip(values) {
                let Some(v) = v else { continue };
                rows.push(vec![
                    region.key.as_str().into(),
                    region.name.as_str().into(),
                    (*year).into(),
                    v.scenario.as_str().into(),
                    v.value.into(),
                    v.p10.into(),
                    v.p90.into(),
                ]);
            }
        }
        Ok(Table {
            name: format!("comparison-{}", c.measure),
            columns: vec![
                "region_key",
                "name",
                "year",
                "scenario",
                "value",
                "p10",
                "p90",
            ],
            rows,
        })
    }
}

/// The demography module's dashboard card, for planners.
pub(crate) async fn dashboard(
    conn: &mut AnyConnection,
    actor: &Actor,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    if actor.role() == standort_domain::Role::Planner {
        let n = store::count_regions(conn).await?;
        let hint = if n == 0 {
            "card-demography-empty"
        } else {
            "card-demography-hint"
        };
        board.card("card-demography", Some(n), hint, Some("/demography"));
    }
    Ok(())
}
