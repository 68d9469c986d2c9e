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
//! * children are raked (IPF over age × sex) to their parent's projection every year, so
//!   villages add up to their municipality and municipalities to the district; where the
//!   children do not cover the parent a remainder row takes the rest;
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
    StandardSchedule,
    NoBaseData,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::CohortComponent => "cohort_component",
            Method::HamiltonPerry => "hamilton_perry",
            Method::ParentRates => "parent_rates",
            Method::StandardSchedule => "standard_schedule",
            Method::NoBaseData => "no_base_data",
        }
    }
}

/// Observed flows of one region in one year.
#[derive(Debug, Clone)]
pub struct YearFlows {
    /// Births by mother's age.
    pub births_by_age: Vec<f64>,
    /// Births by the child's sex (m, f).
    pub births_by_sex: [f64; 2],
    pub deaths: Population,
    pub immigration: Population,
    pub emigration: Population,
}

impl YearFlows {
    pub fn zeros() -> Self {
        YearFlows {
            births_by_age: vec![0.0; AGES],
            births_by_sex: [0.0; 2],
            deaths: Population::zeros(Groups::Total),
            immigration: Population::zeros(Groups::Total),
            emigration: Population::zeros(Groups::Total),
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
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub horizon: usize,
    pub trajectories: usize,
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            horizon: 20,
            trajectories: 500,
            seed: 20_240_101,
        }
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

/// Rates of a region from its pooled flows, shrunk toward `parent`.
fn derive(region: &RegionData, parent: &Rates) -> Rates {
    let mut deaths = vec![0.0; 2 * AGES];
    let mut emigrants = vec![0.0; 2 * AGES];
    let mut immigrants = vec![0.0; 2 * AGES];
    let mut exposure = vec![0.0; 2 * AGES];
    let mut births_by_age = vec![0.0; AGES];
    let mut births_by_sex = [0.0; 2];
    let mut years = 0.0;
    for (year, f) in &region.flows {
        // Exposure: last year's population aged by one year, else this year's population.
        let expo = match region.population.get(&(year - 1)) {
            Some(p) => p.aged(),
            None => match region.population.get(year) {
                Some(p) => p.clone(),
                None => continue,
            },
        };
        years += 1.0;
        for (i, v) in expo.values().iter().enumerate() {
            exposure[i] += v;
        }
        for (i, v) in f.deaths.values().iter().enumerate() {
            deaths[i] += v;
        }
        for (i, v) in f.emigration.values().iter().enumerate() {
            emigrants[i] += v;
        }
        for (i, v) in f.immigration.values().iter().enumerate() {
            immigrants[i] += v;
        }
        for (a, v) in f.births_by_age.iter().enumerate() {
            births_by_age[a] += v;
        }
        births_by_sex[0] += f.births_by_sex[0];
        births_by_sex[1] += f.births_by_sex[1];
    }
    if years == 0.0 {
        return parent.clone();
    }
    let mut r = parent.clone();
    for i in 0..2 * AGES {
        r.mortality[i] = shrink(deaths[i], exposure[i], parent.mortality[i], K_MORTALITY).min(1.0);
        r.emigration[i] = shrink(
            emigrants[i],
            exposure[i],
            parent.emigration[i],
            K_EMIGRATION,
        )
        .min(0.9);
    }
    for a in 1..AGES {
        let women = exposure[cell(Sex::Female, a)];
        r.fertility[a] = shrink(births_by_age[a], women, parent.fertility[a], K_FERTILITY);
    }
    r.fertility[0] = 0.0;
    let born = births_by_sex[0] + births_by_sex[1];
    r.share_female = (births_by_sex[1] + 1000.0 * parent.share_female) / (born + 1000.0);
    // Immigration: the mean yearly count, its age–sex shares shrunk toward the parent's.
    let total_in: f64 = immigrants.iter().sum();
    let parent_in: f64 = parent.immigration.iter().sum();
    for i in 0..2 * AGES {
        let parent_share = if parent_in > 0.0 {
            parent.immigration[i] / parent_in
        } else {
            1.0 / (2 * AGES) as f64
        };
        let share = (immigrants[i] + K_IMMIGRATION_SHARES * parent_share)
            / (total_in + K_IMMIGRATION_SHARES);
        r.immigration[i] = share * total_in / years;
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
pub fn run(regions: &[RegionData], options: &Options) -> Output {
    let bands = bands();
    let horizon = options.horizon.max(1);
    let base_year = regions
        .iter()
        .filter_map(|r| r.population.keys().next_back().copied())
        .max()
        .unwrap_or(0);
    let last_year = base_year + horizon as i64;
    let n = regions.len();

    // 1. Rates and methods, top-down.
    let mut rates: Vec<Option<Rates>> = vec![None; n];
    let mut methods = vec![Method::NoBaseData; n];
    for (i, r) in regions.iter().enumerate() {
        let Some(base) = r.population.get(&base_year) else {
            continue;
        };
        let parent_rates = r
            .parent
            .and_then(|p| rates[p].clone())
            .unwrap_or_else(standard_rates);
        let has_flows = r.flows.keys().any(|y| *y <= base_year);
        let earlier = r
            .population
            .keys()
            .rev()
            .find(|y| **y < base_year && base_year - **y <= 15);
        if has_flows {
            rates[i] = Some(derive(r, &parent_rates));
            methods[i] = Method::CohortComponent;
        } else if earlier.is_some() && r.parent.is_some() {
            methods[i] = Method::HamiltonPerry;
        } else if let Some(p) = r.parent
            && rates[p].is_some()
        {
            let parent_total = regions[p]
                .population
                .get(&base_year)
                .map_or(0.0, |x| x.total());
            rates[i] = Some(scaled_parent_rates(
                &parent_rates,
                base.total(),
                parent_total,
            ));
            methods[i] = Method::ParentRates;
        } else {
            rates[i] = Some(standard_rates());
            methods[i] = Method::StandardSchedule;
        }
    }

    // 2. Stochastic intervals of every region with its own rates (shocks common to all).
    let with_rates: Vec<usize> = (0..n)
        .filter(|i| rates[*i].is_some() && methods[*i] != Method::HamiltonPerry)
        .collect();
    let inputs: Vec<RegionInput> = with_rates
        .iter()
        .map(|i| RegionInput {
            name: regions[*i].id.to_string(),
            base: regions[*i].population[&base_year].clone(),
            rates: vec![rates[*i].clone().expect("filtered")],
        })
        .collect();
    let intervals = if options.trajectories > 0 && !inputs.is_empty() {
        stochastic::simulate(
            &inputs,
            base_year as i32,
            horizon,
            &StochasticConfig {
                trajectories: options.trajectories,
                seed: options.seed,
                bands: bands.clone(),
                ..Default::default()
            },
        )
        .ok()
    } else {
        None
    };

    // 3. Deterministic projections.
    let mut projected: Vec<Option<Projected>> = (0..n).map(|_| None).collect();
    for i in 0..n {
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
            let Ok(hp) = HamiltonPerry::estimate(&r.population[&y0], base, k, None) else {
                continue;
            };
            let steps = horizon.div_ceil(k);
            let Ok(points) = hp.project_steps(base, steps) else {
                continue;
            };
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
                    Population::from_values(Groups::Total, v).expect("finite, non-negative")
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
            let rt = rates[i].clone().expect("rates chosen above");
            let yearly = vec![rt.clone(); horizon];
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
            let interval_ratios = intervals.as_ref().and_then(|iv| {
                let ri = with_rates.iter().position(|x| *x == i)?;
                Some(
                    (0..bands.len())
                        .map(|b| {
                            (0..horizon)
                                .map(|t| {
                                    let q = iv.get(ri, b, t);
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
                        .collect(),
                )
            });
            Projected {
                method: methods[i],
                scenario_bands: Some([
                    per_band_year(&pops(&runs[0].1), &bands),
                    per_band_year(&pops(&runs[2].1), &bands),
                ]),
                components: Some(runs[1].1.years.iter().map(|y| y.components).collect()),
                unraked_bands: unraked,
                turnover: Some(turnover(base, &rt, &bands)),
                medium,
                interval_ratios,
                rates: Some(rt),
            }
        };
        projected[i] = Some(p);
    }

    // 4. Raking, top-down: children of each parent to the parent's (already raked) medium.
    let options_rake = RakeOptions::default();
    for parent in 0..n {
        let children: Vec<usize> = (0..n)
            .filter(|c| regions[*c].parent == Some(parent) && projected[*c].is_some())
            .collect();
        if children.is_empty() || projected[parent].is_none() {
            continue;
        }
        let parent_base = regions[parent].population[&base_year].total();
        let child_base: f64 = children
            .iter()
            .map(|c| regions[*c].population[&base_year].total())
            .sum();
        let partial = child_base < 0.995 * parent_base;
        for t in 0..horizon {
            let target = projected[parent].as_ref().expect("checked").medium[t].clone();
            let mut rows: Vec<Vec<f64>> = children
                .iter()
                .map(|c| {
                    projected[*c].as_ref().expect("filtered").medium[t]
                        .values()
                        .to_vec()
                })
                .collect();
            let mut totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
            if partial {
                let mut rest = target.values().to_vec();
                for r in &rows {
                    for (x, y) in rest.iter_mut().zip(r) {
                        *x -= y;
                    }
                }
                rest.iter_mut().for_each(|x| *x = x.max(0.0));
                let rest_total = (target.total() - totals.iter().sum::<f64>()).max(0.0);
                rows.push(rest);
                totals.push(rest_total);
            }
            let Ok(raked) = rake(&rows, target.values(), Some(&totals), &options_rake) else {
                continue;
            };
            for (c, cells) in children.iter().zip(raked.cells) {
                if let Ok(p) = Population::from_values(Groups::Total, cells) {
                    projected[*c].as_mut().expect("filtered").medium[t] = p;
                }
            }
        }
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

fn pyramid(region_id: i64, year: i64, p: &Population) -> Pyramid {
    let by_sex = |sex: Sex| (0..AGES).map(|a| p.get(0, sex, a)).collect();
    Pyramid {
        region_id,
        year,
        male: by_sex(Sex::Male),
        female: by_sex(Sex::Female),
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
    let out = run(
        &truncated,
        &Options {
            horizon: (base_year - jump_off) as usize,
            trajectories: 0,
            seed: options.seed,
        },
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
            },
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
            },
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
}
