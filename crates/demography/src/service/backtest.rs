//! The built-in back-test of a run (not to be confused with [`crate::backtest`], the
//! error measures it uses): the service itself, projected from an earlier observed year.

use std::collections::BTreeMap;

use super::Method;
use super::assumptions::Assumptions;
use super::input::{Options, RegionData};
use super::output::{BAND_MEASURES, bands};
use super::run::run;

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
    /// Projection method of the units.
    pub method: String,
    /// Size class of the observed band count.
    pub size_class: String,
    /// Years after the jump-off.
    pub horizon: usize,
    /// Number of region × band units compared.
    pub units: usize,
    /// Mean absolute percentage error.
    pub mape: f64,
    /// Mean algebraic percentage error (bias).
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
                units.push(crate::backtest::UnitComparison {
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
    let rows = crate::backtest::summarise(&units, &methods)
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
