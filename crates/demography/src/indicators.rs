//! Planning indicators: age bands, median age, dependency ratios, components, and the
//! capacity gap of an age-bound service (day care, schools, …).
//!
//! Definitions:
//! * **median age**: ages are intervals `[a, a+1)` (100+ as `[100, 101)`); the median is
//!   the age at which the cumulative population reaches half the total, interpolated
//!   linearly inside the interval;
//! * **youth dependency ratio** = persons 0–19 / persons 20–64 × 100;
//! * **old-age dependency ratio** = persons 65+ / persons 20–64 × 100 (the FSO and
//!   Destatis definition);
//! * **natural balance** = births − deaths; **migration balance** = immigrants − emigrants.

use crate::ccm::Projection;
use crate::population::{MAX_AGE, Population};

/// An inclusive age band, e.g. 3–5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AgeBand {
    /// First age.
    pub from: usize,
    /// Last age (inclusive; 100 means 100+).
    pub to: usize,
}

impl AgeBand {
    /// A band `from..=to` (clipped to 100).
    pub const fn new(from: usize, to: usize) -> Self {
        AgeBand { from, to }
    }
    /// Label such as `3–5` or `80+`.
    pub fn label(&self) -> String {
        if self.to >= MAX_AGE {
            format!("{}+", self.from)
        } else {
            format!("{}–{}", self.from, self.to)
        }
    }
    /// Persons of `p` in this band (all groups, both sexes).
    pub fn sum(&self, p: &Population) -> f64 {
        p.sum_ages(self.from, self.to)
    }
}

/// The planning age bands 0–2, 3–5, 6–9, 10–15, 16–18, 19–24, 25–64, 65–79, 80+.
pub const PLANNING_BANDS: [AgeBand; 9] = [
    AgeBand::new(0, 2),
    AgeBand::new(3, 5),
    AgeBand::new(6, 9),
    AgeBand::new(10, 15),
    AgeBand::new(16, 18),
    AgeBand::new(19, 24),
    AgeBand::new(25, 64),
    AgeBand::new(65, 79),
    AgeBand::new(80, 100),
];

/// Median age, linearly interpolated (see the module documentation). 0 if empty.
pub fn median_age(p: &Population) -> f64 {
    let by_age = p.by_age();
    let total: f64 = by_age.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let half = total / 2.0;
    let mut cum = 0.0;
    for (a, n) in by_age.iter().enumerate() {
        if cum + n >= half && *n > 0.0 {
            return a as f64 + (half - cum) / n;
        }
        cum += n;
    }
    MAX_AGE as f64 + 1.0
}

/// Persons 0–19 per 100 persons 20–64 (NaN if nobody is 20–64).
pub fn youth_dependency_ratio(p: &Population) -> f64 {
    ratio(p.sum_ages(0, 19), p.sum_ages(20, 64))
}

/// Persons 65+ per 100 persons 20–64 (NaN if nobody is 20–64).
pub fn old_age_dependency_ratio(p: &Population) -> f64 {
    ratio(p.sum_ages(65, MAX_AGE), p.sum_ages(20, 64))
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b * 100.0 } else { f64::NAN }
}

/// Indicators of one projected year.
#[derive(Clone, Debug, PartialEq)]
pub struct YearIndicators {
    /// Calendar year (population on 31 December).
    pub year: i32,
    /// Total population.
    pub total: f64,
    /// Persons per [`PLANNING_BANDS`] band, in order.
    pub bands: [f64; 9],
    /// Median age.
    pub median_age: f64,
    /// Youth dependency ratio (0–19 / 20–64 × 100).
    pub youth_dependency: f64,
    /// Old-age dependency ratio (65+ / 20–64 × 100).
    pub old_age_dependency: f64,
    /// Births in the year.
    pub births: f64,
    /// Deaths in the year.
    pub deaths: f64,
    /// Births − deaths.
    pub natural_balance: f64,
    /// Immigrants − emigrants.
    pub migration_balance: f64,
}

/// Indicators of every projected year.
pub fn indicators(projection: &Projection) -> Vec<YearIndicators> {
    projection
        .years
        .iter()
        .map(|y| {
            let p = &y.population;
            let c = &y.components;
            YearIndicators {
                year: y.year,
                total: p.total(),
                bands: PLANNING_BANDS.map(|b| b.sum(p)),
                median_age: median_age(p),
                youth_dependency: youth_dependency_ratio(p),
                old_age_dependency: old_age_dependency_ratio(p),
                births: c.births_total(),
                deaths: c.deaths_total(),
                natural_balance: c.natural_balance(),
                migration_balance: c.migration_balance(),
            }
        })
        .collect()
}

/// Projected demand (children in an age band) for one year, with an interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Demand {
    /// Calendar year.
    pub year: i32,
    /// Central value (deterministic projection or median).
    pub central: f64,
    /// Lower bound of the interval (e.g. 10 % quantile).
    pub low: f64,
    /// Upper bound of the interval (e.g. 90 % quantile).
    pub high: f64,
}

/// Capacity minus demand for one year. Positive = free places, negative = shortfall.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CapacityGap {
    /// Calendar year.
    pub year: i32,
    /// Places available.
    pub capacity: f64,
    /// Central demand.
    pub demand: f64,
    /// `capacity − central demand`.
    pub gap: f64,
    /// `capacity − high demand` (the pessimistic gap).
    pub gap_low: f64,
    /// `capacity − low demand` (the optimistic gap).
    pub gap_high: f64,
}

/// Gap per year for the years present in both `capacity` (year, places) and `demand`;
/// years missing from `capacity` reuse the latest earlier capacity (capacity stays until
/// changed); years before the first capacity are skipped.
pub fn capacity_gap(capacity: &[(i32, f64)], demand: &[Demand]) -> Vec<CapacityGap> {
    let mut caps = capacity.to_vec();
    caps.sort_by_key(|c| c.0);
    demand
        .iter()
        .filter_map(|d| {
            let cap = caps.iter().rev().find(|c| c.0 <= d.year)?.1;
            Some(CapacityGap {
                year: d.year,
                capacity: cap,
                demand: d.central,
                gap: cap - d.central,
                gap_low: cap - d.high,
                gap_high: cap - d.low,
            })
        })
        .collect()
}
