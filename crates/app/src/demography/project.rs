//! The projection service: from stored observations to stored results, for every region of
//! the hierarchy at once (pure; the caller loads and stores). Method choices are explained in
//! `docs/demography.md`:
//!
//! * regions with observed flows: cohort-component ([`ccm`]) with rates from their flows,
//!   small numbers shrunk toward the parent's rates ([`derive::shrink`]); the top region
//!   shrinks toward a built-in standard schedule;
//! * regions without flows but with two population observations 1–15 years apart:
//!   Hamilton–Perry, interpolated linearly between the steps;
//! * regions with one observation only: the parent's rates, immigration scaled by size;
//! * an assumption set's explicit tables replace the derived rates of the regions and kinds
//!   it gives (per projected year: the latest table not after it); derived rates pool only
//!   the flows of the chosen base years ([`Options::base_years`]);
//! * regions whose base-year population carries nationality are projected by nationality
//!   ([`Groups::Nationality`]: group 0 German nationals, group 1 foreign nationals, with
//!   acquisition of citizenship moving people from 1 to 0); the others by sex × age only.
//!   Rates cross the boundary with [`regroup`]: merged (population-weighted) for a child
//!   without nationality, copied to both groups for a child with it;
//! * children are raked (IPF over age × sex) to their parent's projection every year, so
//!   villages add up to their municipality and municipalities to the district; where the
//!   children do not cover the parent a remainder row takes the rest. Where the parent and all
//!   children are split by nationality, the raking runs over nationality × sex × age (the
//!   foreign population adds up too); otherwise over the totals per sex × age, each child
//!   keeping its nationality shares within the cell;
//! * scenarios (low/medium/high) and the 80 %/95 % intervals are the ratios of the nearest
//!   cohort-component region (itself or an ancestor) applied to the raked medium projection;
//!   the intervals are then widened by the region's own small-count noise
//!   (`standort_demography::small_area`), so a village's band is wider than its town's.

// Cell-by-cell loops over ages read like the formulas they implement.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeMap;

use standort_demography::ccm::{self, Projection, Rates};
use standort_demography::derive::shrink;
use standort_demography::hamilton_perry::HamiltonPerry;
use standort_demography::indicators::{
    self, AgeBand, PLANNING_BANDS, median_age, old_age_dependency_ratio, youth_dependency_ratio,
};
use standort_demography::raking::{RakeOptions, rake};
use standort_demography::scenario::{Scenario, project_scenarios};
use standort_demography::small_area;
use standort_demography::stochastic::{self, RegionInput, StochasticConfig};
use standort_demography::{AGES, Groups, MAX_AGE, Population, Sex};
use standort_store::demography::{Pyramid, ResultRow};

/// Measure names of the planning bands and the total, in order (stored and exported).
pub const BAND_MEASURES: [&str; 10] = [
    "0-2", "3-5", "6-9", "10-15", "16-18", "19-24", "25-64", "65-79", "80+", "total",
];
/// Indicator measures computed from the (raked) medium population.
pub const STRUCTURE_MEASURES: [&str; 3] = ["median_age", "youth_dependency", "old_age_dependency"];
/// Measures of regions projected by nationality: foreign nationals (persons) and their share
/// of the population (per 100 inhabitants).
pub const NATIONALITY_MEASURES: [&str; 2] = ["foreign", "foreign_share"];
/// Every measure a region can have, in the order of the indicator table (what the
/// comparison of localities offers; a region without the measure shows no values).
pub fn all_measures() -> impl Iterator<Item = &'static str> {
    BAND_MEASURES
        .iter()
        .chain(&STRUCTURE_MEASURES)
        .chain(&COMPONENT_MEASURES)
        .chain(&NATIONALITY_MEASURES)
        .copied()
}

/// Components, available for cohort-component regions.
pub const COMPONENT_MEASURES: [&str; 4] =
    ["births", "deaths", "natural_balance", "migration_balance"];

/// The age band of each measure in [`BAND_MEASURES`].
pub fn bands() -> Vec<AgeBand> {
    let mut b = PLANNING_BANDS.to_vec();
    b.push(AgeBand::new(0, MAX_AGE));
    b
}

/// How a region was projected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    CohortComponent,
    HamiltonPerry,
    ParentRates,
    /// No flows of its own in the base years, but explicit rates in the assumption set: the
    /// set's rates, the parent's for the kinds the set does not give.
    AssumptionSet,
    StandardSchedule,
    NoBaseData,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::CohortComponent => "cohort_component",
            Method::HamiltonPerry => "hamilton_perry",
            Method::ParentRates => "parent_rates",
            Method::AssumptionSet => "assumption_set",
            Method::StandardSchedule => "standard_schedule",
            Method::NoBaseData => "no_base_data",
        }
    }
}

/// Observed flows of one region in one year. A kind given by nationality has the grouping
/// [`Groups::Nationality`] (births: `2 × 101` values by the mother's group), else
/// [`Groups::Total`] (births: 101 values).
#[derive(Debug, Clone)]
pub struct YearFlows {
    /// Births by mother's age (101 values), or by mother's group × age (202 values:
    /// German mothers, then foreign mothers).
    pub births_by_age: Vec<f64>,
    /// Births by the child's sex (m, f).
    pub births_by_sex: [f64; 2],
    pub deaths: Population,
    pub immigration: Population,
    pub emigration: Population,
    /// Naturalisations by sex × age (foreign nationals who became German during the year;
    /// 202 values, layout of group 0 of [`Population`]), where the year records them.
    pub acquisition: Option<Vec<f64>>,
}

impl YearFlows {
    pub fn zeros() -> Self {
        YearFlows {
            births_by_age: vec![0.0; AGES],
            births_by_sex: [0.0; 2],
            deaths: Population::zeros(Groups::Total),
            immigration: Population::zeros(Groups::Total),
            emigration: Population::zeros(Groups::Total),
            acquisition: None,
        }
    }
}

/// One region's observations.
#[derive(Debug, Clone)]
pub struct RegionData {
    pub id: i64,
    /// Index of the parent in the input slice.
    pub parent: Option<usize>,
    /// Population on 31 December by year.
    pub population: BTreeMap<i64, Population>,
    pub flows: BTreeMap<i64, YearFlows>,
}

/// Options of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub horizon: usize,
    pub trajectories: usize,
    pub seed: u64,
    /// Flow years (from, to, inclusive) the derived rates are computed from; `None` = every
    /// observed flow year.
    pub base_years: Option<(i64, i64)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            horizon: 20,
            trajectories: 500,
            seed: 20_240_101,
            base_years: None,
        }
    }
}

impl Options {
    fn in_base_years(&self, year: i64) -> bool {
        self.base_years
            .is_none_or(|(from, to)| (from..=to).contains(&year))
    }
}

/// A kind of explicit rate of an assumption set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Births per woman during the year by mother's age (101 values).
    Fertility,
    /// Probability of dying by sex × age (202 values, as [`Population`] cells).
    Mortality,
    /// Probability of emigrating by sex × age.
    Emigration,
    /// Immigrants per year by sex × age (counts).
    Immigration,
    /// Probability that a foreign national becomes German during the year, by sex × age.
    Acquisition,
    /// Share of the children of foreign mothers who are German at birth (one value; § 4 (3)
    /// StAG: a parent has lived in Germany lawfully for five years with a permanent right of
    /// residence). The engine's `native_share_of_foreign_births`, the FSO's `int_mothers`.
    GermanBirths,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Fertility,
        Kind::Mortality,
        Kind::Emigration,
        Kind::Immigration,
        Kind::Acquisition,
        Kind::GermanBirths,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Fertility => "fertility",
            Kind::Mortality => "mortality",
            Kind::Emigration => "emigration",
            Kind::Immigration => "immigration",
            Kind::Acquisition => "acquisition",
            Kind::GermanBirths => "german_births",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Number of values of a table of this kind.
    pub fn cells(self) -> usize {
        match self {
            Kind::Fertility => AGES,
            Kind::GermanBirths => 1,
            _ => 2 * AGES,
        }
    }

    /// The rate vector a table of this kind replaces (`None` for the scalar
    /// [`Kind::GermanBirths`]).
    fn slot(self, r: &mut Rates) -> Option<&mut Vec<f64>> {
        match self {
            Kind::Fertility => Some(&mut r.fertility),
            Kind::Mortality => Some(&mut r.mortality),
            Kind::Emigration => Some(&mut r.emigration),
            Kind::Immigration => Some(&mut r.immigration),
            Kind::Acquisition => Some(&mut r.acquisition),
            Kind::GermanBirths => None,
        }
    }
}

/// One explicit table of a region: the values of a kind valid from a year (`None` = from the
/// first projected year) until the next table of the same kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub kind: Kind,
    pub year_from: Option<i64>,
    /// The nationality group (0 German, 1 foreign) the values are for; `None` = both.
    /// Acquisition tables are always for group 1.
    pub group: Option<usize>,
    /// [`Kind::cells`] values; cells a file did not give are 0.
    pub values: Vec<f64>,
}

/// An assumption set as the projection uses it: explicit tables by region id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assumptions {
    pub name: String,
    pub regions: BTreeMap<i64, Vec<Table>>,
}

impl Assumptions {
    /// The table of `kind` that applies to the projected `year` for `region`: the latest
    /// whose year is not after it.
    fn table(&self, region: i64, kind: Kind, year: i64, group: Option<usize>) -> Option<&Table> {
        self.regions
            .get(&region)?
            .iter()
            .filter(|t| t.kind == kind && t.group == group && t.year_from.is_none_or(|y| y <= year))
            .max_by_key(|t| t.year_from.unwrap_or(i64::MIN))
    }

    /// Projection-year indices (0 = base year + 1) where one of the region's tables starts
    /// within the horizon.
    fn change_points(&self, region: i64, base_year: i64, horizon: usize) -> Vec<usize> {
        self.regions
            .get(&region)
            .into_iter()
            .flatten()
            .filter_map(|t| {
                let t = t.year_from? - base_year - 1;
                (t > 0 && t < horizon as i64).then_some(t as usize)
            })
            .collect()
    }

    /// The kinds the set gives for a region.
    pub fn kinds_of(&self, region: i64) -> Vec<Kind> {
        let mut k: Vec<Kind> = self
            .regions
            .get(&region)
            .into_iter()
            .flatten()
            .map(|t| t.kind)
            .collect();
        k.sort_unstable();
        k.dedup();
        k
    }

    /// Replaces the kinds the set gives for the projected `year` in `rates`. A table without
    /// nationality applies to every group (immigration counts split by `shares`, the foreign
    /// share of the region's immigrants per sex × age); a table for one group then replaces
    /// that group's values. Group tables (and acquisition) are ignored for rates without
    /// nationality: the import refuses them for such regions, this only happens when the
    /// population was re-imported without nationality afterwards.
    fn apply(&self, region: i64, year: i64, rates: &mut Rates, shares: &[f64]) {
        let groups = rates.groups.count();
        let split = rates.groups == Groups::Nationality;
        if split && let Some(t) = self.table(region, Kind::GermanBirths, year, None) {
            rates.native_share_of_foreign_births = t.values[0];
        }
        for kind in Kind::ALL {
            let per_group = kind.cells();
            if kind == Kind::GermanBirths {
                continue;
            }
            if let Some(t) = self.table(region, kind, year, None) {
                let slot = kind.slot(rates).expect("a vector kind");
                for g in 0..groups {
                    let block = &mut slot[g * per_group..(g + 1) * per_group];
                    if kind == Kind::Immigration && split {
                        let foreign = g == 1;
                        for (i, (b, v)) in block.iter_mut().zip(&t.values).enumerate() {
                            *b = v * if foreign { shares[i] } else { 1.0 - shares[i] };
                        }
                    } else if kind != Kind::Acquisition {
                        block.copy_from_slice(&t.values);
                    }
                }
            }
            if split {
                for g in 0..2 {
                    if let Some(t) = self.table(region, kind, year, Some(g)) {
                        kind.slot(rates).expect("a vector kind")
                            [g * per_group..(g + 1) * per_group]
                            .copy_from_slice(&t.values);
                    }
                }
            }
        }
        for g in 0..groups {
            rates.fertility[g * AGES] = 0.0;
        }
    }
}

/// How far a run has come: `done` of `total` units of a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

/// The stages of a run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Rates of each region (derived, shrunk, explicit).
    Rates,
    /// Stochastic trajectories, region by region.
    Trajectories,
    /// Deterministic scenarios, region by region.
    Projection,
    /// Raking of children to their parents, year by year.
    Raking,
    /// The built-in back-test.
    Backtest,
    /// Writing results to the database (the app reports it).
    Storing,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Rates => "rates",
            Stage::Trajectories => "trajectories",
            Stage::Projection => "projection",
            Stage::Raking => "raking",
            Stage::Backtest => "back-test",
            Stage::Storing => "storing",
        }
    }
}

/// Rates of a region over the projected years: segments starting at a year index (the first
/// at 0), each valid until the next.
#[derive(Debug, Clone)]
struct Path {
    segments: Vec<(usize, Rates)>,
}

impl Path {
    fn constant(r: Rates) -> Path {
        Path {
            segments: vec![(0, r)],
        }
    }

    fn at(&self, t: usize) -> &Rates {
        &self
            .segments
            .iter()
            .rev()
            .find(|(start, _)| *start <= t)
            .unwrap_or(&self.segments[0])
            .1
    }

    fn starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.segments.iter().map(|(s, _)| *s)
    }

    /// One rate set per projected year (or one for all when it does not change).
    fn yearly(&self, horizon: usize) -> Vec<Rates> {
        if self.segments.len() == 1 {
            return vec![self.segments[0].1.clone()];
        }
        (0..horizon).map(|t| self.at(t).clone()).collect()
    }

    /// One rate set per projected year, always `horizon` of them.
    fn every_year(&self, horizon: usize) -> Vec<Rates> {
        (0..horizon).map(|t| self.at(t).clone()).collect()
    }
}

/// What a run produces.
#[derive(Debug, Clone)]
pub struct Output {
    pub base_year: i64,
    pub last_year: i64,
    pub methods: Vec<(i64, Method)>,
    pub results: Vec<ResultRow>,
    pub pyramids: Vec<Pyramid>,
}

// Prior strengths of the shrinkage, in person-years of exposure (births: women-years).
const K_MORTALITY: f64 = 2000.0;
const K_EMIGRATION: f64 = 300.0;
const K_FERTILITY: f64 = 500.0;
const K_IMMIGRATION_SHARES: f64 = 50.0;
const K_ACQUISITION: f64 = 1000.0;

/// A plausible German standard schedule (Gompertz mortality, TFR 1.4 around age 31, no
/// migration) for a top region without flows.
pub fn standard_rates() -> Rates {
    let mut r = Rates::zeros(Groups::Total);
    for sex in Sex::ALL {
        let scale = if sex == Sex::Male { 1.0 } else { 0.6 };
        for a in 0..AGES {
            let q = if a == 0 {
                0.003
            } else {
                0.0001 + 0.00003 * scale * (0.095 * a as f64).exp()
            };
            r.mortality[cell(sex, a)] = q.min(0.6);
        }
    }
    let tfr = 1.4;
    let weights: Vec<f64> = (0..AGES)
        .map(|a| {
            if (15..=49).contains(&a) {
                (-((a as f64 - 31.0) / 5.5).powi(2) / 2.0).exp()
            } else {
                0.0
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    for a in 0..AGES {
        r.fertility[a] = tfr * weights[a] / total;
    }
    r
}

fn cell(sex: Sex, age: usize) -> usize {
    standort_demography::population::cell(0, sex, age)
}

/// Foreign share per sex × age cell of `p` (202 values): the cell's own share where it has
/// people, else the share in the whole population (all 0 without nationality).
pub fn foreign_shares(p: &Population) -> Vec<f64> {
    if p.groups() == Groups::Total {
        return vec![0.0; 2 * AGES];
    }
    let v = p.values();
    let foreign: f64 = v[2 * AGES..].iter().sum();
    let overall = ratio_or_zero(foreign, p.total());
    (0..2 * AGES)
        .map(|i| {
            let n = v[i] + v[2 * AGES + i];
            if n > 0.0 {
                v[2 * AGES + i] / n
            } else {
                overall
            }
        })
        .collect()
}

fn ratio_or_zero(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// How immigration counts without nationality are split in a region projected by
/// nationality: the foreign share per sex × age of the region's immigrants where its base
/// years record immigration by nationality, else of its population `base` (both with the
/// fallback of [`foreign_shares`] for empty cells).
fn immigrant_shares(region: &RegionData, base: &Population, options: &Options) -> Vec<f64> {
    let mut immigrants = Population::zeros(Groups::Nationality);
    for (_, f) in region.flows.iter().filter(|(y, f)| {
        options.in_base_years(**y) && f.immigration.groups() == Groups::Nationality
    }) {
        for (x, v) in immigrants
            .values_mut()
            .iter_mut()
            .zip(f.immigration.values())
        {
            *x += v;
        }
    }
    if immigrants.total() > 0.0 {
        foreign_shares(&immigrants)
    } else {
        foreign_shares(base)
    }
}

/// `p` in the grouping `groups`: summed over nationality, or split by `shares` (foreign share
/// per sex × age) when it has none.
fn as_groups(p: &Population, groups: Groups, shares: &[f64]) -> Population {
    match (p.groups(), groups) {
        (a, b) if a == b => p.clone(),
        (_, Groups::Total) => p.merged(),
        _ => {
            let mut out = Population::zeros(Groups::Nationality);
            let v = out.values_mut();
            for (i, n) in p.values().iter().enumerate() {
                v[i] = n * (1.0 - shares[i]);
                v[2 * AGES + i] = n * shares[i];
            }
            out
        }
    }
}

/// `r` in the grouping `groups`. Without nationality: merged, weighted by `weights` (the
/// population `r` belongs to; immigration counts summed). With nationality from rates without:
/// fertility, mortality and emigration apply to both groups, immigration counts are split by
/// `shares` (foreign share per sex × age), no acquisition.
pub fn regroup(r: &Rates, groups: Groups, weights: &Population, shares: &[f64]) -> Rates {
    if r.groups == groups {
        return r.clone();
    }
    if groups == Groups::Total {
        let w = if weights.groups() == Groups::Nationality {
            weights.clone()
        } else {
            Population::zeros(Groups::Nationality)
        };
        return r.merged(&w);
    }
    let mut out = Rates::zeros(Groups::Nationality);
    out.share_female = r.share_female;
    out.native_share_of_foreign_births = r.native_share_of_foreign_births;
    for g in 0..2 {
        out.fertility[g * AGES..(g + 1) * AGES].copy_from_slice(&r.fertility[..AGES]);
        let block = g * 2 * AGES..(g + 1) * 2 * AGES;
        out.mortality[block.clone()].copy_from_slice(&r.mortality[..2 * AGES]);
        out.emigration[block].copy_from_slice(&r.emigration[..2 * AGES]);
    }
    for i in 0..2 * AGES {
        out.immigration[i] = r.immigration[i] * (1.0 - shares[i]);
        out.immigration[2 * AGES + i] = r.immigration[i] * shares[i];
    }
    out
}

/// `v` summed over nationality groups of `width` values each: births by mother's age
/// (`width` 101) or sex × age cells (`width` 202). A vector of one group comes back as it is.
fn sum_over_groups(v: &[f64], width: usize) -> Vec<f64> {
    let mut out = vec![0.0; width];
    for chunk in v.chunks(width) {
        for (o, x) in out.iter_mut().zip(chunk) {
            *o += x;
        }
    }
    out
}

/// Shrinks `events / exposure` toward `prior` cell by cell, either per nationality group
/// (`by_group`: events, exposure and prior in the grouping of `prior`) or on the totals per
/// cell of `width` values, the one rate then applying to every group ("a flow without
/// nationality gives both groups the same rate"). `totals` are the exposures summed over
/// groups and `total_prior` the prior merged over groups.
#[allow(clippy::too_many_arguments)]
fn shrunk(
    by_group: bool,
    events: &[f64],
    exposure: &[f64],
    prior: &[f64],
    totals: &[f64],
    total_events: &[f64],
    total_prior: &[f64],
    k: f64,
    width: usize,
) -> Vec<f64> {
    if by_group {
        return (0..prior.len())
            .map(|i| shrink(events[i], exposure[i], prior[i], k))
            .collect();
    }
    let one: Vec<f64> = (0..width)
        .map(|i| shrink(total_events[i], totals[i], total_prior[i], k))
        .collect();
    one.iter().cycle().take(prior.len()).copied().collect()
}

/// Rates of a region from its flows pooled over the base years, shrunk toward `parent`
/// (already in the region's grouping, see [`regroup`]). For a region projected by nationality
/// each kind is derived per group where every pooled year gives it by nationality (shrunk
/// toward the parent's rate of the same group), otherwise from the totals (one rate for both
/// groups; immigration counts split by [`immigrant_shares`]); acquisition is naturalisations
/// per foreign person-year over the years that record naturalisations (else the parent's).
fn derive(region: &RegionData, parent: &Rates, options: &Options) -> Rates {
    let groups = parent.groups;
    let split = groups == Groups::Nationality;
    let cells = groups.cells();
    let latest = region
        .population
        .values()
        .next_back()
        .cloned()
        .unwrap_or_else(|| Population::zeros(groups));
    let pop_shares = foreign_shares(&latest);
    let mut deaths = vec![0.0; cells];
    let mut emigrants = vec![0.0; cells];
    let mut immigrants = vec![0.0; cells];
    let mut exposure = vec![0.0; cells];
    let mut births_by_age = vec![0.0; groups.count() * AGES];
    let mut births_by_sex = [0.0; 2];
    let mut naturalised = vec![0.0; 2 * AGES];
    let mut foreign_exposure = vec![0.0; 2 * AGES];
    let mut naturalisation_years = 0;
    // Whether every pooled year gives the kind by nationality.
    let (mut deaths_split, mut emi_split, mut imm_split, mut births_split) =
        (split, split, split, split);
    let mut years = 0.0;
    let add = |acc: &mut [f64], p: &Population, split_kind: &mut bool| {
        if p.groups() != Groups::Nationality {
            *split_kind = false;
        }
        let v = if split && p.groups() == Groups::Nationality {
            p.values().to_vec()
        } else {
            p.by_sex_age()
        };
        for (a, x) in acc.iter_mut().zip(v) {
            *a += x;
        }
    };
    for (year, f) in region
        .flows
        .iter()
        .filter(|(y, _)| options.in_base_years(**y))
    {
        // Exposure: last year's population aged by one year, else this year's population.
        let expo = match region.population.get(&(year - 1)) {
            Some(p) => p.aged(),
            None => match region.population.get(year) {
                Some(p) => p.clone(),
                None => continue,
            },
        };
        let expo = as_groups(&expo, groups, &pop_shares);
        years += 1.0;
        for (i, v) in expo.values().iter().enumerate() {
            exposure[i] += v;
        }
        // A kind given by nationality in one year and not in another is pooled as totals:
        // the split sums are kept per group and summed below.
        add(&mut deaths, &f.deaths, &mut deaths_split);
        add(&mut emigrants, &f.emigration, &mut emi_split);
        add(&mut immigrants, &f.immigration, &mut imm_split);
        if f.births_by_age.len() == 2 * AGES && split {
            for (a, v) in f.births_by_age.iter().enumerate() {
                births_by_age[a] += v;
            }
        } else {
            births_split = false;
            for (a, v) in sum_over_groups(&f.births_by_age, AGES).iter().enumerate() {
                births_by_age[a] += v;
            }
        }
        births_by_sex[0] += f.births_by_sex[0];
        births_by_sex[1] += f.births_by_sex[1];
        if let (Some(acq), true) = (&f.acquisition, split) {
            naturalisation_years += 1;
            for i in 0..2 * AGES {
                naturalised[i] += acq[i];
                foreign_exposure[i] += expo.values()[2 * AGES + i];
            }
        }
    }
    if years == 0.0 {
        return parent.clone();
    }
    // Pools that were partly split hold group 0 in the first half only where the split years
    // added per group; fold them to totals (a split year's cell i and 202 + i both belong to
    // sex × age cell i).
    let fold = |v: &[f64]| sum_over_groups(v, 2 * AGES);
    let expo_pop = Population::from_values(groups, exposure.clone()).expect("finite");
    let total_prior = parent.merged(&expo_pop);
    let total_exposure = fold(&exposure);
    let mut r = parent.clone();
    r.mortality = shrunk(
        deaths_split,
        &deaths,
        &exposure,
        &parent.mortality,
        &total_exposure,
        &fold(&deaths),
        &total_prior.mortality,
        K_MORTALITY,
        2 * AGES,
    )
    .into_iter()
    .map(|q| q.min(1.0))
    .collect();
    r.emigration = shrunk(
        emi_split,
        &emigrants,
        &exposure,
        &parent.emigration,
        &total_exposure,
        &fold(&emigrants),
        &total_prior.emigration,
        K_EMIGRATION,
        2 * AGES,
    )
    .into_iter()
    .map(|e| e.min(0.9))
    .collect();
    // Fertility: births by mother's (group ×) age per woman-year of the same group and age.
    let women: Vec<f64> = (0..groups.count())
        .flat_map(|g| {
            let e = &exposure;
            (0..AGES).map(move |a| e[standort_demography::population::cell(g, Sex::Female, a)])
        })
        .collect();
    let women_total: Vec<f64> = (0..AGES)
        .map(|a| total_exposure[cell(Sex::Female, a)])
        .collect();
    r.fertility = shrunk(
        births_split,
        &births_by_age,
        &women,
        &parent.fertility,
        &women_total,
        &sum_over_groups(&births_by_age, AGES),
        &total_prior.fertility,
        K_FERTILITY,
        AGES,
    );
    for g in 0..groups.count() {
        r.fertility[g * AGES] = 0.0;
    }
    let born = births_by_sex[0] + births_by_sex[1];
    r.share_female = (births_by_sex[1] + 1000.0 * parent.share_female) / (born + 1000.0);
    // Immigration: the mean yearly count, its (group ×) age–sex shares shrunk toward the
    // parent's; counts without nationality are split by the region's immigrant shares.
    let (imm, prior_imm) = if imm_split {
        (immigrants.clone(), parent.immigration.clone())
    } else {
        (fold(&immigrants), total_prior.immigration.clone())
    };
    let total_in: f64 = imm.iter().sum();
    let parent_in: f64 = prior_imm.iter().sum();
    let mean: Vec<f64> = (0..imm.len())
        .map(|i| {
            let parent_share = if parent_in > 0.0 {
                prior_imm[i] / parent_in
            } else {
                1.0 / imm.len() as f64
            };
            let share =
                (imm[i] + K_IMMIGRATION_SHARES * parent_share) / (total_in + K_IMMIGRATION_SHARES);
            share * total_in / years
        })
        .collect();
    r.immigration = if imm.len() == cells {
        mean
    } else {
        let shares = immigrant_shares(region, &latest, options);
        let mut v = vec![0.0; cells];
        for i in 0..2 * AGES {
            v[i] = mean[i] * (1.0 - shares[i]);
            v[2 * AGES + i] = mean[i] * shares[i];
        }
        v
    };
    // Acquisition of citizenship (foreign nationals only), shrunk toward the parent's rates;
    // where the parent knows none (no nationality, or no naturalisations recorded) toward the
    // region's own crude rate over all ages, so small numbers smooth the age pattern instead
    // of pulling the level to zero.
    if naturalisation_years > 0 {
        let parent_knows = parent.acquisition[2 * AGES..].iter().any(|x| *x > 0.0);
        let crude = ratio_or_zero(naturalised.iter().sum(), foreign_exposure.iter().sum());
        for i in 0..2 * AGES {
            let j = 2 * AGES + i;
            let prior = if parent_knows {
                parent.acquisition[j]
            } else {
                crude
            };
            r.acquisition[j] =
                shrink(naturalised[i], foreign_exposure[i], prior, K_ACQUISITION).min(1.0);
        }
    }
    r
}

/// The parent's rates for a region without flows: immigration scaled by population size.
fn scaled_parent_rates(parent: &Rates, own_total: f64, parent_total: f64) -> Rates {
    let mut r = parent.clone();
    let f = if parent_total > 0.0 {
        own_total / parent_total
    } else {
        0.0
    };
    r.immigration.iter_mut().for_each(|v| *v *= f);
    r
}

struct Projected {
    method: Method,
    /// Medium population per projected year (index t = 0 is base year + 1).
    medium: Vec<Population>,
    /// Deterministic band sums before raking (for the ratios), per band × year.
    unraked_bands: Vec<Vec<f64>>,
    /// Low and high band sums per band × year (cohort-component regions only).
    scenario_bands: Option<[Vec<Vec<f64>>; 2]>,
    /// Quantile ratios per band × year: (p2.5, p10, p90, p97.5) / deterministic.
    interval_ratios: Option<Vec<Vec<[f64; 4]>>>,
    /// Demographic events (births, deaths, moves in and out) per person and year, per band
    /// (regions with rates); widens the intervals by the noise of small counts.
    turnover: Option<Vec<f64>>,
    /// Components per year (cohort-component regions only).
    components: Option<Vec<ccm::Components>>,
    rates: Option<Rates>,
}

fn band_sums(p: &Population, bands: &[AgeBand]) -> Vec<f64> {
    bands.iter().map(|b| b.sum(p)).collect()
}

fn per_band_year(pops: &[Population], bands: &[AgeBand]) -> Vec<Vec<f64>> {
    bands
        .iter()
        .map(|b| pops.iter().map(|p| b.sum(p)).collect())
        .collect()
}

/// Expected demographic events per person and year in each band under `rates` for the
/// population `base`: deaths and emigrations (probabilities × people), immigrations (counts)
/// and, in the band holding age 0, births.
fn turnover(base: &Population, rates: &Rates, bands: &[AgeBand]) -> Vec<f64> {
    // Events do not depend on nationality here: rates merged with the base as weights.
    let rates = &regroup(rates, Groups::Total, base, &[]);
    let base = &base.merged();
    let mut events = Population::zeros(Groups::Total);
    let mut births = 0.0;
    for sex in Sex::ALL {
        for age in 0..AGES {
            let c = cell(sex, age);
            let n = base.get(0, sex, age);
            events.set(
                0,
                sex,
                age,
                n * (rates.mortality[c] + rates.emigration[c]) + rates.immigration[c],
            );
            if sex == Sex::Female {
                births += n * rates.fertility.get(age).copied().unwrap_or(0.0);
            }
        }
    }
    for sex in Sex::ALL {
        let share = if sex == Sex::Female {
            rates.share_female
        } else {
            1.0 - rates.share_female
        };
        let e = events.get(0, sex, 0) + births * share;
        events.set(0, sex, 0, e);
    }
    bands
        .iter()
        .map(|b| {
            let people = b.sum(base);
            if people > 0.0 {
                b.sum(&events) / people
            } else {
                0.0
            }
        })
        .collect()
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 1.0 }
}

/// Runs the projection for all regions. `regions` must list parents before children.
/// Regions and kinds the assumption set gives use its tables; the others derive their rates
/// from their flows over `options.base_years`, shrunk toward the parent's (explicit where the
/// set gives the parent's). `progress` hears every region and year done.
pub fn run(
    regions: &[RegionData],
    options: &Options,
    assumptions: &Assumptions,
    progress: &dyn Fn(Step),
) -> Output {
    let bands = bands();
    let horizon = options.horizon.max(1);
    let base_year = regions
        .iter()
        .filter_map(|r| r.population.keys().next_back().copied())
        .max()
        .unwrap_or(0);
    let last_year = base_year + horizon as i64;
    let n = regions.len();
    let step = |stage: Stage, done: usize, total: usize| progress(Step { stage, done, total });

    // 1. Rates and methods, top-down.
    let mut rates: Vec<Option<Path>> = vec![None; n];
    let mut methods = vec![Method::NoBaseData; n];
    let standard = Path::constant(standard_rates());
    step(Stage::Rates, 0, n);
    for (i, r) in regions.iter().enumerate() {
        step(Stage::Rates, i, n);
        let Some(base) = r.population.get(&base_year) else {
            continue;
        };
        let parent_path = r
            .parent
            .and_then(|p| rates[p].as_ref())
            .unwrap_or(&standard);
        let has_flows = r
            .flows
            .keys()
            .any(|y| *y <= base_year && options.in_base_years(*y));
        let explicit = assumptions.regions.contains_key(&r.id);
        let earlier = r
            .population
            .keys()
            .rev()
            .find(|y| **y < base_year && base_year - **y <= 15);
        let parent_has_rates = r.parent.is_some_and(|p| rates[p].is_some());
        let method = if has_flows {
            Method::CohortComponent
        } else if explicit {
            Method::AssumptionSet
        } else if earlier.is_some() && r.parent.is_some() {
            Method::HamiltonPerry
        } else if parent_has_rates {
            Method::ParentRates
        } else {
            Method::StandardSchedule
        };
        methods[i] = method;
        if method == Method::HamiltonPerry {
            continue;
        }
        let parent_base = r.parent.and_then(|p| regions[p].population.get(&base_year));
        let parent_total = parent_base.map_or(0.0, |x| x.total());
        // The region's grouping is that of its base-year population; the parent's rates
        // (and the standard schedule) are brought into it.
        let groups = base.groups();
        let shares = immigrant_shares(r, base, options);
        let no_weights = Population::zeros(Groups::Total);
        let parent_weights = parent_base.unwrap_or(&no_weights);
        let standard_here = || regroup(&standard_rates(), groups, &no_weights, &shares);
        // Segments where the parent's rates or this region's tables change.
        let mut starts: Vec<usize> = parent_path
            .starts()
            .chain(assumptions.change_points(r.id, base_year, horizon))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let segments = starts
            .into_iter()
            .map(|t| {
                let parent = regroup(parent_path.at(t), groups, parent_weights, &shares);
                let mut rt = match method {
                    Method::CohortComponent => derive(r, &parent, options),
                    Method::StandardSchedule => standard_here(),
                    _ if parent_has_rates => {
                        scaled_parent_rates(&parent, base.total(), parent_total)
                    }
                    _ => standard_here(),
                };
                if explicit {
                    assumptions.apply(r.id, base_year + t as i64 + 1, &mut rt, &shares);
                }
                (t, rt)
            })
            .collect();
        rates[i] = Some(Path { segments });
    }
    step(Stage::Rates, n, n);

    // 2. Stochastic intervals of every region with its own rates (shocks common to all: they
    // depend on the seed and the trajectory only, so region by region gives the same result).
    let with_rates: Vec<usize> = (0..n)
        .filter(|i| rates[*i].is_some() && methods[*i] != Method::HamiltonPerry)
        .collect();
    let mut intervals: Vec<Option<stochastic::Intervals>> = vec![None; n];
    if options.trajectories > 0 {
        let config = StochasticConfig {
            trajectories: options.trajectories,
            seed: options.seed,
            bands: bands.clone(),
            ..Default::default()
        };
        step(Stage::Trajectories, 0, with_rates.len());
        for (k, i) in with_rates.iter().enumerate() {
            let input = RegionInput {
                name: regions[*i].id.to_string(),
                base: regions[*i].population[&base_year].clone(),
                rates: rates[*i].as_ref().expect("filtered").yearly(horizon),
            };
            intervals[*i] = stochastic::simulate(&[input], base_year as i32, horizon, &config).ok();
            step(Stage::Trajectories, k + 1, with_rates.len());
        }
    }

    // 3. Deterministic projections.
    let mut projected: Vec<Option<Projected>> = (0..n).map(|_| None).collect();
    step(Stage::Projection, 0, n);
    for i in 0..n {
        step(Stage::Projection, i, n);
        let r = &regions[i];
        let Some(base) = r.population.get(&base_year) else {
            continue;
        };
        let p = if methods[i] == Method::HamiltonPerry {
            let y0 = *r
                .population
                .keys()
                .rev()
                .find(|y| **y < base_year && base_year - **y <= 15)
                .expect("method chosen because it exists");
            let k = (base_year - y0) as usize;
            // By nationality where both observations have it (the cohort-change ratios then
            // carry naturalisations); otherwise on the totals, the projected totals split by
            // the base year's nationality shares per sex × age.
            let earlier = &r.population[&y0];
            let same = earlier.groups() == base.groups();
            let (p0, p1) = if same {
                (earlier.clone(), base.clone())
            } else {
                (earlier.merged(), base.merged())
            };
            let Ok(hp) = HamiltonPerry::estimate(&p0, &p1, k, None) else {
                continue;
            };
            let steps = horizon.div_ceil(k);
            let Ok(points) = hp.project_steps(&p1, steps) else {
                continue;
            };
            let shares = foreign_shares(base);
            let points: Vec<Population> = points
                .iter()
                .map(|p| as_groups(p, base.groups(), &shares))
                .collect();
            let medium: Vec<Population> = (1..=horizon)
                .map(|t| {
                    let j = t / k;
                    let frac = (t % k) as f64 / k as f64;
                    let a = if j == 0 { base } else { &points[j - 1] };
                    if frac == 0.0 {
                        return a.clone();
                    }
                    let b = &points[j];
                    let v: Vec<f64> = a
                        .values()
                        .iter()
                        .zip(b.values())
                        .map(|(x, y)| (x + frac * (y - x)).max(0.0))
                        .collect();
                    Population::from_values(a.groups(), v).expect("finite, non-negative")
                })
                .collect();
            Projected {
                method: Method::HamiltonPerry,
                unraked_bands: per_band_year(&medium, &bands),
                medium,
                scenario_bands: None,
                interval_ratios: None,
                turnover: None,
                components: None,
                rates: None,
            }
        } else {
            let path = rates[i].as_ref().expect("rates chosen above");
            let yearly = path.every_year(horizon);
            let Ok(runs) = project_scenarios(
                base,
                base_year as i32,
                &yearly,
                &[Scenario::low(), Scenario::medium(), Scenario::high()],
            ) else {
                continue;
            };
            let pops = |p: &Projection| -> Vec<Population> {
                p.years.iter().map(|y| y.population.clone()).collect()
            };
            let medium = pops(&runs[1].1);
            let unraked = per_band_year(&medium, &bands);
            let interval_ratios = intervals[i].as_ref().map(|iv| {
                (0..bands.len())
                    .map(|b| {
                        (0..horizon)
                            .map(|t| {
                                let q = iv.get(0, b, t);
                                let d = unraked[b][t];
                                [
                                    ratio(q.p2_5, d),
                                    ratio(q.p10, d),
                                    ratio(q.p90, d),
                                    ratio(q.p97_5, d),
                                ]
                            })
                            .collect()
                    })
                    .collect()
            });
            Projected {
                method: methods[i],
                scenario_bands: Some([
                    per_band_year(&pops(&runs[0].1), &bands),
                    per_band_year(&pops(&runs[2].1), &bands),
                ]),
                components: Some(runs[1].1.years.iter().map(|y| y.components).collect()),
                unraked_bands: unraked,
                turnover: Some(turnover(base, path.at(0), &bands)),
                medium,
                interval_ratios,
                rates: Some(path.at(0).clone()),
            }
        };
        projected[i] = Some(p);
    }

    step(Stage::Projection, n, n);

    // 4. Raking, year by year and top-down: children of each parent to the parent's (already
    // raked) medium.
    let options_rake = RakeOptions::default();
    let mut children_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for c in 0..n {
        if let Some(p) = regions[c].parent
            && projected[c].is_some()
        {
            children_of[p].push(c);
        }
    }
    let families: Vec<(usize, bool)> = (0..n)
        .filter(|p| !children_of[*p].is_empty() && projected[*p].is_some())
        .map(|parent| {
            let parent_base = regions[parent].population[&base_year].total();
            let child_base: f64 = children_of[parent]
                .iter()
                .map(|c| regions[*c].population[&base_year].total())
                .sum();
            (parent, child_base < 0.995 * parent_base)
        })
        .collect();
    step(Stage::Raking, 0, horizon);
    for t in 0..horizon {
        for (parent, partial) in &families {
            let children = &children_of[*parent];
            let target_pop = &projected[*parent].as_ref().expect("checked").medium[t];
            let medium = |c: usize| &projected[c].as_ref().expect("filtered").medium[t];
            // Over nationality × sex × age where the parent and every child have nationality,
            // else over the totals per sex × age (docs/demography.md, "Raking").
            let full = target_pop.groups() == Groups::Nationality
                && children
                    .iter()
                    .all(|c| medium(*c).groups() == Groups::Nationality);
            let view = |p: &Population| {
                if full {
                    p.values().to_vec()
                } else {
                    p.by_sex_age()
                }
            };
            let target = view(target_pop);
            let mut rows: Vec<Vec<f64>> = children.iter().map(|c| view(medium(*c))).collect();
            let mut totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
            if *partial {
                let mut rest = target.clone();
                for r in &rows {
                    for (x, y) in rest.iter_mut().zip(r) {
                        *x -= y;
                    }
                }
                rest.iter_mut().for_each(|x| *x = x.max(0.0));
                let rest_total = (target_pop.total() - totals.iter().sum::<f64>()).max(0.0);
                rows.push(rest);
                totals.push(rest_total);
            }
            let Ok(raked) = rake(&rows, &target, Some(&totals), &options_rake) else {
                continue;
            };
            let mut fitted_all = Vec::with_capacity(children.len());
            for (c, cells) in children.iter().zip(raked.cells) {
                let old = medium(*c);
                let fitted = if full || old.groups() == Groups::Total {
                    Population::from_values(old.groups(), cells)
                } else {
                    // Keep the child's nationality shares within each sex × age cell.
                    let before = old.by_sex_age();
                    let mut v = old.values().to_vec();
                    for (i, x) in v.iter_mut().enumerate() {
                        let k = i % (2 * AGES);
                        *x *= ratio_or_zero(cells[k], before[k]);
                    }
                    Population::from_values(old.groups(), v)
                };
                fitted_all.push((*c, fitted));
            }
            for (c, fitted) in fitted_all {
                if let Ok(p) = fitted {
                    projected[c].as_mut().expect("filtered").medium[t] = p;
                }
            }
        }
        step(Stage::Raking, t + 1, horizon);
    }

    // 5. Results.
    let mut results = Vec::new();
    let mut pyramids = Vec::new();
    let mut method_list = Vec::new();
    for i in 0..n {
        let r = &regions[i];
        method_list.push((r.id, methods[i]));
        // Observed years.
        for (year, p) in &r.population {
            for (m, v) in BAND_MEASURES.iter().zip(band_sums(p, &bands)) {
                results.push(plain(r.id, "observed", *year, m, v));
            }
            for (m, v) in STRUCTURE_MEASURES.iter().zip(structure(p)) {
                if v.is_finite() {
                    results.push(plain(r.id, "observed", *year, m, v));
                }
            }
            results.extend(nationality_rows(r.id, "observed", *year, p));
        }
        for (year, f) in &r.flows {
            let births = f.births_by_sex[0] + f.births_by_sex[1];
            let deaths = f.deaths.total();
            let migration = f.immigration.total() - f.emigration.total();
            for (m, v) in
                COMPONENT_MEASURES
                    .iter()
                    .zip([births, deaths, births - deaths, migration])
            {
                results.push(plain(r.id, "observed", *year, m, v));
            }
        }
        let Some(p) = &projected[i] else {
            continue;
        };
        if let Some(base) = r.population.get(&base_year) {
            pyramids.push(pyramid(r.id, base_year, base));
        }
        // Nearest region with its own ratios: itself or an ancestor.
        let mut source = Some(i);
        while let Some(s) = source {
            if projected[s]
                .as_ref()
                .is_some_and(|x| x.scenario_bands.is_some())
            {
                break;
            }
            source = regions[s].parent;
        }
        let src = source.and_then(|s| projected[s].as_ref());
        for t in 0..horizon {
            let year = base_year + t as i64 + 1;
            let pop = &p.medium[t];
            pyramids.push(pyramid(r.id, year, pop));
            let sums = band_sums(pop, &bands);
            for (b, m) in BAND_MEASURES.iter().enumerate() {
                let value = sums[b];
                let mut row = plain(r.id, "medium", year, m, value);
                if let Some(q) = src.and_then(|s| s.interval_ratios.as_ref()) {
                    // The source's relative band, widened by this region's own small-count
                    // noise (docs/demography.md, "Intervals of small areas").
                    let events = src.and_then(|s| s.turnover.as_ref()).map_or(0.0, |g| g[b]);
                    let q = small_area::widen(q[b][t], value, events, (t + 1) as f64);
                    row.p2_5 = Some(value * q[0]);
                    row.p10 = Some(value * q[1]);
                    row.p90 = Some(value * q[2]);
                    row.p97_5 = Some(value * q[3]);
                }
                results.push(row);
                if let Some(sc) = src.and_then(|s| s.scenario_bands.as_ref().map(|x| (s, x))) {
                    let (s, [low, high]) = sc;
                    let d = s.unraked_bands[b][t];
                    results.push(plain(r.id, "low", year, m, value * ratio(low[b][t], d)));
                    results.push(plain(r.id, "high", year, m, value * ratio(high[b][t], d)));
                }
            }
            for (m, v) in STRUCTURE_MEASURES.iter().zip(structure(pop)) {
                if v.is_finite() {
                    results.push(plain(r.id, "medium", year, m, v));
                }
            }
            results.extend(nationality_rows(r.id, "medium", year, pop));
            if let Some(c) = &p.components {
                let c = &c[t];
                for (m, v) in COMPONENT_MEASURES.iter().zip([
                    c.births_total(),
                    c.deaths_total(),
                    c.natural_balance(),
                    c.migration_balance(),
                ]) {
                    results.push(plain(r.id, "medium", year, m, v));
                }
            }
        }
        let _ = (&p.rates, p.method);
    }
    Output {
        base_year,
        last_year,
        methods: method_list,
        results,
        pyramids,
    }
}

fn structure(p: &Population) -> [f64; 3] {
    [
        median_age(p),
        youth_dependency_ratio(p),
        old_age_dependency_ratio(p),
    ]
}

fn plain(region_id: i64, scenario: &str, year: i64, measure: &str, value: f64) -> ResultRow {
    ResultRow {
        region_id,
        scenario: scenario.into(),
        year,
        measure: measure.into(),
        value,
        p2_5: None,
        p10: None,
        p90: None,
        p97_5: None,
    }
}

/// The foreign population and its share (per 100 inhabitants) of a population with
/// nationality; nothing for one without.
fn nationality_rows(region_id: i64, scenario: &str, year: i64, p: &Population) -> Vec<ResultRow> {
    if p.groups() != Groups::Nationality {
        return Vec::new();
    }
    let foreign: f64 = p.values()[2 * AGES..].iter().sum();
    let [m_foreign, m_share] = NATIONALITY_MEASURES;
    vec![
        plain(region_id, scenario, year, m_foreign, foreign),
        plain(
            region_id,
            scenario,
            year,
            m_share,
            100.0 * ratio_or_zero(foreign, p.total()),
        ),
    ]
}

fn pyramid(region_id: i64, year: i64, p: &Population) -> Pyramid {
    let all = p.by_sex_age();
    let by_sex = |v: &[f64], sex: Sex| v[sex.index() * AGES..(sex.index() + 1) * AGES].to_vec();
    let foreign = (p.groups() == Groups::Nationality).then(|| {
        let f = &p.values()[2 * AGES..];
        (by_sex(f, Sex::Male), by_sex(f, Sex::Female))
    });
    Pyramid {
        region_id,
        year,
        male: by_sex(&all, Sex::Male),
        female: by_sex(&all, Sex::Female),
        foreign,
    }
}

/// Keeps the crate's indicator module reachable for callers that compute gaps.
/// The built-in back-test of a run: the same service projected from an earlier observed year
/// with only what was known then, compared with what was observed later.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BacktestSummary {
    /// Jump-off: the projection starts from the population of 31 December of this year.
    pub jump_off: i64,
    /// Last observed year compared.
    pub to: i64,
    /// MAPE/MALPE per method × horizon × size class (of the observed band count).
    pub rows: Vec<BacktestRow>,
}

/// One row of [`BacktestSummary`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BacktestRow {
    pub method: String,
    pub size_class: String,
    pub horizon: usize,
    pub units: usize,
    pub mape: f64,
    pub malpe: f64,
}

/// Projects from the latest observed year before the base year (populations and flows up to
/// it only, no trajectories) to the base year and compares every region × planning band and
/// total with the observed population of each later observed year. `None` when no region has
/// two observed years.
pub fn backtest(regions: &[RegionData], options: &Options) -> Option<BacktestSummary> {
    let base_year = regions
        .iter()
        .filter_map(|r| r.population.keys().next_back().copied())
        .max()?;
    let jump_off = regions
        .iter()
        .flat_map(|r| r.population.keys().copied())
        .filter(|y| *y < base_year)
        .max()?;
    let truncated: Vec<RegionData> = regions
        .iter()
        .map(|r| RegionData {
            id: r.id,
            parent: r.parent,
            population: r
                .population
                .range(..=jump_off)
                .map(|(y, p)| (*y, p.clone()))
                .collect(),
            flows: r
                .flows
                .range(..=jump_off)
                .map(|(y, f)| (*y, f.clone()))
                .collect(),
        })
        .collect();
    // Derived rates only (the base years clipped to what was known then): it measures the
    // method, not an assumption set about the future.
    let out = run(
        &truncated,
        &Options {
            horizon: (base_year - jump_off) as usize,
            trajectories: 0,
            ..*options
        },
        &Assumptions::default(),
        &|_| {},
    );
    let method_of: BTreeMap<i64, &'static str> = out
        .methods
        .iter()
        .map(|(id, m)| (*id, m.as_str()))
        .collect();
    let projected: BTreeMap<(i64, i64, &str), f64> = out
        .results
        .iter()
        .filter(|r| r.scenario == "medium" && BAND_MEASURES.contains(&r.measure.as_str()))
        .map(|r| ((r.region_id, r.year, r.measure.as_str()), r.value))
        .collect();
    let bands = bands();
    let mut units = Vec::new();
    for r in regions {
        let Some(method) = method_of.get(&r.id).copied() else {
            continue;
        };
        if !truncated
            .iter()
            .any(|t| t.id == r.id && t.population.contains_key(&out.base_year))
        {
            continue;
        }
        for (year, observed) in r.population.range(jump_off + 1..=base_year) {
            for (b, m) in BAND_MEASURES.iter().enumerate() {
                let Some(p) = projected.get(&(r.id, *year, *m)) else {
                    continue;
                };
                units.push(standort_demography::backtest::UnitComparison {
                    method,
                    unit: r.id.to_string(),
                    band: (*m).to_string(),
                    year: *year as i32,
                    horizon: (*year - jump_off) as usize,
                    projected: *p,
                    observed: bands[b].sum(observed),
                });
            }
        }
    }
    if units.is_empty() {
        return None;
    }
    let methods: Vec<&'static str> = [
        Method::CohortComponent,
        Method::HamiltonPerry,
        Method::ParentRates,
        Method::AssumptionSet,
        Method::StandardSchedule,
    ]
    .iter()
    .map(|m| m.as_str())
    .collect();
    let rows = standort_demography::backtest::summarise(&units, &methods)
        .into_iter()
        .map(|e| BacktestRow {
            method: e.method.to_string(),
            size_class: e.size_class.to_string(),
            horizon: e.horizon,
            units: e.units,
            mape: e.mape,
            malpe: e.malpe,
        })
        .collect();
    Some(BacktestSummary {
        jump_off,
        to: base_year,
        rows,
    })
}

pub use indicators::{CapacityGap, Demand, capacity_gap};

#[cfg(test)]
mod tests {
    use super::*;

    fn pop(per_cell: f64) -> Population {
        Population::from_values(Groups::Total, vec![per_cell; 2 * AGES]).unwrap()
    }

    fn flows(scale: f64) -> YearFlows {
        let mut f = YearFlows::zeros();
        for a in 20..40 {
            f.births_by_age[a] = 1.0 * scale;
        }
        f.births_by_sex = [10.0 * scale, 10.0 * scale];
        for sex in Sex::ALL {
            for a in 0..AGES {
                f.deaths.set(0, sex, a, 0.01 * scale * a as f64 / 10.0);
                f.immigration.set(0, sex, a, 0.1 * scale);
                f.emigration.set(0, sex, a, 0.08 * scale);
            }
        }
        f
    }

    #[test]
    fn villages_add_up_to_their_municipality_and_intervals_bracket_the_median() {
        let mut district = RegionData {
            id: 1,
            parent: None,
            population: BTreeMap::new(),
            flows: BTreeMap::new(),
        };
        district.population.insert(2022, pop(100.0));
        district.population.insert(2023, pop(100.0));
        district.flows.insert(2023, flows(10.0));
        let mut a = RegionData {
            id: 2,
            parent: Some(0),
            population: BTreeMap::new(),
            flows: BTreeMap::new(),
        };
        a.population.insert(2018, pop(55.0));
        a.population.insert(2023, pop(60.0));
        let mut b = a.clone();
        b.id = 3;
        b.population.insert(2018, pop(42.0));
        b.population.insert(2023, pop(40.0));
        let out = run(
            &[district, a, b],
            &Options {
                horizon: 10,
                trajectories: 50,
                seed: 1,
                base_years: None,
            },
            &Assumptions::default(),
            &|_| {},
        );
        assert_eq!((out.base_year, out.last_year), (2023, 2033));
        assert_eq!(out.methods[1].1, Method::HamiltonPerry);
        let get = |region: i64, year: i64, m: &str| {
            out.results
                .iter()
                .find(|r| {
                    r.region_id == region
                        && r.year == year
                        && r.measure == m
                        && r.scenario == "medium"
                })
                .unwrap()
                .clone()
        };
        for year in 2024..=2033 {
            let parent = get(1, year, "total").value;
            let sum = get(2, year, "total").value + get(3, year, "total").value;
            assert!(
                (parent - sum).abs() < 1e-6 * parent,
                "{year}: {parent} vs {sum}"
            );
            let v = get(2, year, "0-2");
            assert!(v.p10.unwrap() <= v.value && v.value <= v.p90.unwrap());
            assert!(v.p2_5.unwrap() <= v.p10.unwrap());
        }
        assert!(
            out.results
                .iter()
                .any(|r| r.scenario == "low" && r.region_id == 3)
        );
        assert_eq!(out.pyramids.iter().filter(|p| p.region_id == 3).count(), 11);
    }

    #[test]
    fn the_backtest_projects_from_the_previous_observation() {
        let mut district = RegionData {
            id: 1,
            parent: None,
            population: BTreeMap::new(),
            flows: BTreeMap::new(),
        };
        district.population.insert(2018, pop(100.0));
        district.population.insert(2023, pop(90.0));
        district.flows.insert(2023, flows(10.0));
        let bt = backtest(&[district], &Options::default()).expect("two observations");
        assert_eq!((bt.jump_off, bt.to), (2018, 2023));
        // Only 2018 was known: no flows, the standard schedule; compared at horizon 5.
        let all = bt
            .rows
            .iter()
            .find(|r| r.size_class == "all")
            .expect("an overall row");
        assert_eq!((all.method.as_str(), all.horizon), ("standard_schedule", 5));
        assert_eq!(all.units, BAND_MEASURES.len());
        assert!(all.mape >= all.malpe.abs() && all.mape > 0.0, "{all:?}");
        let mut single = RegionData {
            id: 9,
            parent: None,
            population: BTreeMap::new(),
            flows: BTreeMap::new(),
        };
        single.population.insert(2023, pop(1.0));
        assert!(backtest(&[single], &Options::default()).is_none());
    }

    #[test]
    fn a_smaller_village_gets_a_wider_relative_band() {
        let mut district = RegionData {
            id: 1,
            parent: None,
            population: BTreeMap::new(),
            flows: BTreeMap::new(),
        };
        district.population.insert(2022, pop(1000.0));
        district.population.insert(2023, pop(1000.0));
        district.flows.insert(2023, flows(100.0));
        // Two villages of equal structure, one ten times the other (Hamilton–Perry: they
        // inherit the district's rates-based band).
        let village = |id: i64, scale: f64| {
            let mut v = RegionData {
                id,
                parent: Some(0),
                population: BTreeMap::new(),
                flows: BTreeMap::new(),
            };
            v.population.insert(2018, pop(5.5 * scale));
            v.population.insert(2023, pop(6.0 * scale));
            v
        };
        let out = run(
            &[district, village(2, 10.0), village(3, 1.0)],
            &Options {
                horizon: 10,
                trajectories: 50,
                seed: 7,
                base_years: None,
            },
            &Assumptions::default(),
            &|_| {},
        );
        let rel = |region: i64, year: i64, m: &str| {
            let r = out
                .results
                .iter()
                .find(|r| {
                    r.region_id == region
                        && r.year == year
                        && r.measure == m
                        && r.scenario == "medium"
                })
                .unwrap();
            (r.p97_5.unwrap() - r.p2_5.unwrap()) / r.value
        };
        for year in 2024..=2033 {
            for m in BAND_MEASURES {
                let (large, small) = (rel(2, year, m), rel(3, year, m));
                assert!(small >= large - 1e-9, "{m} {year}: {small} < {large}");
            }
            assert!(rel(3, year, "0-2") > 1.5 * rel(2, year, "0-2"));
            assert!(rel(2, year, "total") >= rel(1, year, "total") - 1e-9);
        }
    }

    fn split_pop(national: f64, foreign: f64) -> Population {
        let mut p = Population::zeros(Groups::Nationality);
        for sex in Sex::ALL {
            for a in 0..AGES {
                p.set(0, sex, a, national);
                p.set(1, sex, a, foreign);
            }
        }
        p
    }

    fn medium(out: &Output, region: i64, measure: &str, year: i64) -> f64 {
        out.results
            .iter()
            .find(|r| {
                r.region_id == region
                    && r.measure == measure
                    && r.scenario == "medium"
                    && r.year == year
            })
            .unwrap_or_else(|| panic!("{measure} {year} of {region}"))
            .value
    }

    #[test]
    fn acquisition_moves_foreign_nationals_to_german_and_keeps_the_total() {
        let base = split_pop(90.0, 10.0);
        let region = RegionData {
            id: 1,
            parent: None,
            population: [(2023, base.clone())].into(),
            flows: BTreeMap::new(),
        };
        let options = Options {
            horizon: 10,
            trajectories: 0,
            ..Default::default()
        };
        let none = run(
            std::slice::from_ref(&region),
            &options,
            &Assumptions::default(),
            &|_| {},
        );
        let mut set = Assumptions::default();
        set.regions.insert(
            1,
            vec![Table {
                kind: Kind::Acquisition,
                year_from: None,
                group: Some(1),
                values: vec![0.05; 2 * AGES],
            }],
        );
        let with = run(std::slice::from_ref(&region), &options, &set, &|_| {});
        // Zero acquisition: the foreign group follows its own cohorts, exactly as a region of
        // only these foreign nationals would.
        let alone = RegionData {
            population: [(
                2023,
                Population::from_values(Groups::Total, base.values()[2 * AGES..].to_vec()).unwrap(),
            )]
            .into(),
            ..region.clone()
        };
        let alone = run(&[alone], &options, &Assumptions::default(), &|_| {});
        let mut previous_gap = 0.0;
        for y in 2024..=2033 {
            let foreign_none = medium(&none, 1, "foreign", y);
            let foreign_with = medium(&with, 1, "foreign", y);
            assert!(
                (foreign_none - medium(&alone, 1, "total", y)).abs() < 1e-6,
                "{y}: {foreign_none} vs {}",
                medium(&alone, 1, "total", y)
            );
            // Acquisition moves people out of the foreign group, more every year …
            let gap = foreign_none - foreign_with;
            assert!(gap > previous_gap + 0.01 * foreign_none, "{y}: {gap}");
            previous_gap = gap;
            // … into the German group: the total stays (deaths of the movers are counted
            // for half a year in each group).
            let (a, b) = (medium(&with, 1, "total", y), medium(&none, 1, "total", y));
            assert!((a - b).abs() < 1e-3 * b, "{y}: {a} vs {b}");
            let share = medium(&with, 1, "foreign_share", y);
            assert!((share - 100.0 * foreign_with / a).abs() < 1e-9);
        }
        // The pyramid keeps the split: the foreign part of the last year adds up.
        let p = with.pyramids.iter().find(|p| p.year == 2033).unwrap();
        let (fm, ff) = p.foreign.as_ref().expect("split pyramid");
        let foreign: f64 = fm.iter().chain(ff).sum();
        assert!((foreign - medium(&with, 1, "foreign", 2033)).abs() < 1e-6);
        // A region without nationality has neither foreign rows nor a split pyramid.
        assert!(!alone.results.iter().any(|r| r.measure == "foreign"));
        assert!(alone.pyramids.iter().all(|p| p.foreign.is_none()));
    }

    #[test]
    fn german_children_of_foreign_mothers_leave_the_foreign_group_at_birth() {
        let region = RegionData {
            id: 1,
            parent: None,
            population: [(2023, split_pop(80.0, 20.0))].into(),
            flows: BTreeMap::new(),
        };
        let options = Options {
            horizon: 5,
            trajectories: 0,
            ..Default::default()
        };
        let share = |value: f64| {
            let mut set = Assumptions::default();
            set.regions.insert(
                1,
                vec![Table {
                    kind: Kind::GermanBirths,
                    year_from: None,
                    group: None,
                    values: vec![value],
                }],
            );
            run(std::slice::from_ref(&region), &options, &set, &|_| {})
        };
        let (none, half, all) = (share(0.0), share(0.5), share(1.0));
        let newborn_foreign = |out: &Output| {
            let p = out.pyramids.iter().find(|p| p.year == 2024).unwrap();
            let (m, f) = p.foreign.as_ref().expect("split pyramid");
            m[0] + f[0]
        };
        let newborn_all = |out: &Output| {
            let p = out.pyramids.iter().find(|p| p.year == 2024).unwrap();
            p.male[0] + p.female[0]
        };
        // Births happen (the standard schedule), and the share decides their nationality.
        assert!(newborn_all(&none) > 1.0);
        let (n0, n5, n1) = (
            newborn_foreign(&none),
            newborn_foreign(&half),
            newborn_foreign(&all),
        );
        assert!(n1 < n5 && n5 < n0, "{n1} {n5} {n0}");
        // Half of the foreign mothers' children German: the foreign newborns minus what
        // all-German leaves (immigrants of age 0) halves.
        assert!(((n0 - n5) - 0.5 * (n0 - n1)).abs() < 1e-6 * n0);
        for y in 2024..=2028 {
            // Nobody is lost or gained, only counted in the other group.
            let (a, b) = (medium(&all, 1, "total", y), medium(&none, 1, "total", y));
            assert!((a - b).abs() < 1e-6 * b, "{y}: {a} vs {b}");
            assert!(medium(&all, 1, "foreign", y) < medium(&none, 1, "foreign", y));
        }
    }

    #[test]
    fn children_with_and_without_nationality_add_up_to_their_parent() {
        let options = Options {
            horizon: 8,
            trajectories: 20,
            ..Default::default()
        };
        // (parent split, second child split): mixed groupings rake the totals; all split
        // rakes by nationality too.
        for (parent_split, second_split) in [(true, false), (false, true), (true, true)] {
            let a = split_pop(30.0, 6.0);
            let b = if second_split {
                split_pop(55.0, 4.0)
            } else {
                pop(59.0)
            };
            let parent = if parent_split {
                split_pop(85.0, 10.0)
            } else {
                pop(95.0)
            };
            let mut district = RegionData {
                id: 1,
                parent: None,
                population: [(2023, parent)].into(),
                flows: BTreeMap::new(),
            };
            for y in 2021..=2023 {
                district.flows.insert(y, flows(10.0));
            }
            let child = |id: i64, p: Population| RegionData {
                id,
                parent: Some(0),
                population: [(2023, p)].into(),
                flows: [(2023, flows(3.0))].into(),
            };
            let regions = vec![district, child(2, a), child(3, b)];
            let out = run(&regions, &options, &Assumptions::default(), &|_| {});
            for year in 2024..=2031 {
                let pyr = |id: i64| {
                    out.pyramids
                        .iter()
                        .find(|p| p.region_id == id && p.year == year)
                        .unwrap()
                };
                let (p, c1, c2) = (pyr(1), pyr(2), pyr(3));
                for age in 0..AGES {
                    for (total, x, y) in [
                        (p.male[age], c1.male[age], c2.male[age]),
                        (p.female[age], c1.female[age], c2.female[age]),
                    ] {
                        assert!(
                            (total - x - y).abs() < 1e-3 * total.max(1.0),
                            "{parent_split} {second_split} {year} {age}: {total} vs {x} + {y}"
                        );
                    }
                }
                if parent_split && second_split {
                    let f = |p: &Pyramid| {
                        let (m, f) = p.foreign.as_ref().unwrap();
                        m.iter().chain(f).sum::<f64>()
                    };
                    assert!((f(p) - f(c1) - f(c2)).abs() < 1e-3 * f(p));
                }
                // A split child keeps its foreign part after raking.
                assert!(c1.foreign.is_some());
                assert_eq!(c2.foreign.is_some(), second_split);
                let share = medium(&out, 2, "foreign_share", year);
                assert!(share > 5.0 && share < 40.0, "{share}");
            }
            // Intervals still bracket the median.
            let row = out
                .results
                .iter()
                .find(|r| r.region_id == 2 && r.measure == "total" && r.year == 2031)
                .unwrap();
            assert!(row.p2_5.unwrap() <= row.value && row.value <= row.p97_5.unwrap());
        }
    }
}
