//! Back-test: project from a past jump-off with rates derived from the years before it
//! and compare with the populations observed later.
//!
//! Error measures over units (region × planning age band, and region totals), grouped by
//! size class of the observed unit and by horizon (years after the jump-off):
//! `MAPE = mean(|P − O| / O) × 100` (accuracy) and `MALPE = mean((P − O) / O) × 100`
//! (bias: positive = projected too high). Units with `O = 0` are skipped.
//!
//! Only information available at the jump-off is used: the flows of the base years and
//! the populations on 1 January up to the jump-off. Methods compared:
//! * `cohort-component`: rates from [`crate::derive::derive_rates`] on the base years
//!   (mortality, acquisition, the fertility age pattern and the nationality rule from the
//!   canton's FSO parameters of their first year, since small-area deaths are not
//!   published), plus the residual net migration of the base years
//!   ([`crate::derive::add_residual_migration`]) because recorded small-area flows
//!   usually do not balance the registers (in the Aargau file they leave about +1 % a
//!   year unexplained, more than the deaths);
//! * `hamilton-perry`: 1-year cohort-change and child-woman ratios from the last base
//!   year to the jump-off (the parent's ratios where a cell is empty).

use crate::ccm::{Multipliers, Rates, step_into};
use crate::derive::{ShrinkConfig, add_residual_migration, derive_rates};
use crate::fso::FsoParameters;
use crate::hamilton_perry::HamiltonPerry;
use crate::history::{History, Observed};
use crate::indicators::{AgeBand, PLANNING_BANDS};
use crate::population::{AGES, Groups, MAX_AGE, Population, Sex, age_into};
use crate::{Error, Result};
use std::fmt;
use std::io::{Read, Write};

/// Options of [`backtest`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BacktestConfig {
    /// First and last base year: the flows of these years (and the populations on
    /// 1 January of them and of the year after) give the rates. The projection starts
    /// on 1 January of `last base year + 1` (the jump-off) and runs to the last year of
    /// the history.
    pub base_years: (i32, i32),
    /// Shrinkage of small numbers toward the parent (sum of all units).
    pub shrink: ShrinkConfig,
    /// Whether to add the residual net migration of the base years
    /// ([`crate::derive::add_residual_migration`]) — needed when the recorded flows do
    /// not balance the populations, as in the Aargau subregion file.
    pub residual_migration: bool,
}

/// Size classes of units by observed population.
pub const SIZE_CLASSES: [(f64, f64, &str); 4] = [
    (0.0, 5_000.0, "<5k"),
    (5_000.0, 20_000.0, "5k–20k"),
    (20_000.0, 100_000.0, "20k–100k"),
    (100_000.0, f64::INFINITY, "≥100k"),
];

/// Errors of one method × size class × horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorRow {
    /// `cohort-component` or `hamilton-perry`.
    pub method: &'static str,
    /// Size class label, or `all`.
    pub size_class: &'static str,
    /// Years after the jump-off.
    pub horizon: usize,
    /// Number of units compared.
    pub units: usize,
    /// Mean absolute percentage error.
    pub mape: f64,
    /// Mean algebraic percentage error.
    pub malpe: f64,
}

/// A projected vs observed unit.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitComparison {
    /// Method.
    pub method: &'static str,
    /// Region name.
    pub unit: String,
    /// Age band label or `total`.
    pub band: String,
    /// Year of the observation (1 January).
    pub year: i32,
    /// Horizon in years.
    pub horizon: usize,
    /// Projected.
    pub projected: f64,
    /// Observed.
    pub observed: f64,
}

/// Result of [`backtest`].
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    /// Base years (flows used for the rates).
    pub base_years: (i32, i32),
    /// Jump-off year (projection starts on 1 January of it).
    pub jump_off: i32,
    /// Error summary rows.
    pub rows: Vec<ErrorRow>,
    /// Every compared unit.
    pub units: Vec<UnitComparison>,
}

/// Converts a 1 January (aged) population back to 31 December of the previous year:
/// ages 0..=98 from ages 1..=99, age 99 takes the whole 100+, age 100 is 0.
pub fn de_age(aged: &Population) -> Population {
    let mut p = Population::zeros(aged.groups());
    for g in 0..aged.groups().count() {
        for sex in Sex::ALL {
            for a in 1..AGES {
                p.set(g, sex, a - 1, aged.get(g, sex, a));
            }
        }
    }
    p
}

fn bands_with_total() -> Vec<(String, AgeBand)> {
    let mut v: Vec<(String, AgeBand)> = PLANNING_BANDS.iter().map(|b| (b.label(), *b)).collect();
    v.push(("total".into(), AgeBand::new(0, MAX_AGE)));
    v
}

/// Runs the back-test of `history` (see [`BacktestConfig`] and the module
/// documentation). All comparisons are on the population of 31 December before each
/// observed 1 January (the jump-off is horizon 0), by planning age band and in total.
pub fn backtest(history: &History, schedule: &Rates, config: &BacktestConfig) -> Result<Backtest> {
    let years = history.years();
    let (b0, b1) = config.base_years;
    let jump = b1 + 1;
    let last = *years.last().expect("history is never empty");
    if b0 > b1 || !years.contains(&b0) || jump >= last {
        return Err(Error::Invalid(format!(
            "base years {b0}–{b1} must lie in the history ({}–{last}) and end at least \
             two years before its last year",
            years[0]
        )));
    }
    if schedule.groups != history.groups() {
        return Err(Error::Invalid(
            "schedule and history have different groupings".into(),
        ));
    }
    let base_years: Vec<i32> = (b0..=b1).collect();
    let parents: Vec<Observed> = base_years
        .iter()
        .map(|y| history.parent(*y).expect("year exists"))
        .collect();
    let parent_next: Vec<Population> = base_years
        .iter()
        .map(|y| history.parent(y + 1).expect("year exists").start)
        .collect();
    let parent_refs: Vec<&Observed> = parents.iter().collect();
    let parent_rates = derive_rates(&parent_refs, &parent_refs, schedule, &config.shrink)?.rates;
    let parent_pairs: Vec<(&Observed, &Population)> = parents.iter().zip(&parent_next).collect();
    let bands = bands_with_total();
    let observed_end = |ui: usize, y: i32| de_age(&history.get(ui, y).expect("year exists").start);
    let mut units = Vec::new();
    let horizons = (last - jump) as usize;
    for (ui, name) in history.units().iter().enumerate() {
        let obs: Vec<&Observed> = base_years
            .iter()
            .map(|y| history.get(ui, *y).expect("year exists"))
            .collect();
        let mut rates = derive_rates(&obs, &parent_refs, schedule, &config.shrink)?.rates;
        if config.residual_migration {
            let pairs: Vec<(&Observed, &Population)> = base_years
                .iter()
                .zip(&obs)
                .map(|(y, o)| (*o, &history.get(ui, y + 1).expect("year exists").start))
                .collect();
            add_residual_migration(
                &mut rates,
                &pairs,
                &parent_pairs,
                &parent_rates,
                &config.shrink,
            )?;
        }
        let mut aged = history
            .get(ui, jump)
            .expect("year exists")
            .start
            .values()
            .to_vec();
        let mut end = vec![0.0; aged.len()];
        for h in 1..=horizons {
            step_into(&aged, &rates, &Multipliers::ONE, &mut end);
            age_into(&end, &mut aged);
            let year = jump + h as i32;
            let projected = de_age(&Population::from_values(history.groups(), aged.clone())?);
            let observed = observed_end(ui, year);
            for (label, b) in &bands {
                units.push(UnitComparison {
                    method: "cohort-component",
                    unit: name.clone(),
                    band: label.clone(),
                    year,
                    horizon: h,
                    projected: b.sum(&projected),
                    observed: b.sum(&observed),
                });
            }
        }
    }
    // Hamilton–Perry: 1-year ratios from the last base year to the jump-off.
    let pend = |y: i32| de_age(&history.parent(y).expect("year exists").start);
    let parent_hp = HamiltonPerry::estimate(&pend(b1), &pend(jump), 1, None)?;
    for (ui, name) in history.units().iter().enumerate() {
        let hp = HamiltonPerry::estimate(
            &observed_end(ui, b1),
            &observed_end(ui, jump),
            1,
            Some(&parent_hp),
        )?;
        let steps = hp.project_steps(&observed_end(ui, jump), horizons)?;
        for (h, projected) in steps.iter().enumerate() {
            let year = jump + h as i32 + 1;
            let observed = observed_end(ui, year);
            for (label, b) in &bands {
                units.push(UnitComparison {
                    method: "hamilton-perry",
                    unit: name.clone(),
                    band: label.clone(),
                    year,
                    horizon: h + 1,
                    projected: b.sum(projected),
                    observed: b.sum(&observed),
                });
            }
        }
    }
    let rows = summarise(&units, &["cohort-component", "hamilton-perry"]);
    Ok(Backtest {
        base_years: config.base_years,
        jump_off: jump,
        rows,
        units,
    })
}

/// MAPE and MALPE of `units` per method (in the order given) × horizon × size class of the
/// observed value (and `all`); units observed as 0 are skipped.
pub fn summarise(units: &[UnitComparison], methods: &[&'static str]) -> Vec<ErrorRow> {
    let mut rows = Vec::new();
    for method in methods {
        let max_h = units
            .iter()
            .filter(|u| u.method == *method)
            .map(|u| u.horizon)
            .max();
        let Some(max_h) = max_h else { continue };
        for h in 1..=max_h {
            let classes =
                SIZE_CLASSES
                    .iter()
                    .map(|c| (c.0, c.1, c.2))
                    .chain([(0.0, f64::INFINITY, "all")]);
            for (lo, hi, label) in classes {
                let sel: Vec<&UnitComparison> = units
                    .iter()
                    .filter(|u| u.method == *method && u.horizon == h && u.observed > 0.0)
                    .filter(|u| u.observed >= lo && u.observed < hi)
                    .collect();
                if sel.is_empty() {
                    continue;
                }
                let n = sel.len() as f64;
                let pe = |u: &&UnitComparison| (u.projected - u.observed) / u.observed * 100.0;
                rows.push(ErrorRow {
                    method,
                    size_class: label,
                    horizon: h,
                    units: sel.len(),
                    mape: sel.iter().map(|u| pe(u).abs()).sum::<f64>() / n,
                    malpe: sel.iter().map(pe).sum::<f64>() / n,
                });
            }
        }
    }
    rows
}

impl fmt::Display for Backtest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Back-test: rates from {}–{}, jump-off 1 January {} (errors in %)",
            self.base_years.0, self.base_years.1, self.jump_off
        )?;
        writeln!(
            f,
            "| method | size class | horizon | units | MAPE | MALPE |\n|---|---|---:|---:|---:|---:|"
        )?;
        for r in &self.rows {
            writeln!(
                f,
                "| {} | {} | {} | {} | {:.2} | {:+.2} |",
                r.method, r.size_class, r.horizon, r.units, r.mape, r.malpe
            )?;
        }
        Ok(())
    }
}

/// The `standort demography backtest` command: reads the subregion history and the
/// canton's FSO parameters (for the mortality / fertility / acquisition schedule, first
/// year of `scenario`), back-tests from the first year of the history, writes the
/// Markdown table to `out` and returns the result.
pub fn backtest_csv(
    history: impl Read,
    fso_parameters: impl Read,
    scenario: &str,
    out: impl Write,
) -> Result<Backtest> {
    let history = History::read(history)?;
    let params = FsoParameters::read(fso_parameters, scenario)?;
    let mut schedule = params.years()[0].rates.clone();
    if history.groups() == Groups::Total {
        schedule = schedule.merged(&params.years()[0].start);
    }
    let first = history.years()[0];
    let config = BacktestConfig {
        base_years: (first, first),
        shrink: ShrinkConfig::default(),
        residual_migration: true,
    };
    let result = backtest(&history, &schedule, &config)?;
    let mut out = out;
    write!(out, "{result}")?;
    Ok(result)
}
