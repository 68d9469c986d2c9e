//! What a run produces: the measures, the result rows (what `store` keeps per region,
//! scenario, year and measure) and the population pyramids.

use serde::Serialize;

use crate::indicators::{
    AgeBand, PLANNING_BANDS, median_age, old_age_dependency_ratio, youth_dependency_ratio,
};
use crate::{AGES, Groups, MAX_AGE, Population, Sex};

use super::Method;
use super::rates::ratio_or_zero;

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

/// One result value: a measure of a region in a year of a scenario, with its intervals where
/// known.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultRow {
    /// The region's id.
    pub region_id: i64,
    /// `observed`, `low`, `medium` or `high`.
    pub scenario: String,
    /// Calendar year (31 December).
    pub year: i64,
    /// A planning band (`0-2` … `80+`, `total`) or an indicator (`median_age`, …).
    pub measure: String,
    /// The value of the measure in that year and scenario.
    pub value: f64,
    /// Lower bound of the 95 % interval.
    pub p2_5: Option<f64>,
    /// Lower bound of the 80 % interval.
    pub p10: Option<f64>,
    /// Upper bound of the 80 % interval.
    pub p90: Option<f64>,
    /// Upper bound of the 95 % interval.
    pub p97_5: Option<f64>,
}

/// Population by age (index 0..=100) per sex of a region in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pyramid {
    /// The region's id.
    pub region_id: i64,
    /// Calendar year (31 December).
    pub year: i64,
    /// Men by age.
    pub male: Vec<f64>,
    /// Women by age.
    pub female: Vec<f64>,
    /// The foreign nationals among them (male, female by age), for regions whose population
    /// distinguishes nationality; `None` otherwise.
    pub foreign: Option<(Vec<f64>, Vec<f64>)>,
}

/// What a run produces.
#[derive(Debug, Clone)]
pub struct Output {
    /// Year of the latest observed population (the jump-off).
    pub base_year: i64,
    /// Last projected year.
    pub last_year: i64,
    /// How each region (by id) was projected.
    pub methods: Vec<(i64, Method)>,
    /// Every result value, observed and projected.
    pub results: Vec<ResultRow>,
    /// Pyramids of the base year and every projected year.
    pub pyramids: Vec<Pyramid>,
}

pub(super) fn band_sums(p: &Population, bands: &[AgeBand]) -> Vec<f64> {
    bands.iter().map(|b| b.sum(p)).collect()
}

pub(super) fn per_band_year(pops: &[Population], bands: &[AgeBand]) -> Vec<Vec<f64>> {
    bands
        .iter()
        .map(|b| pops.iter().map(|p| b.sum(p)).collect())
        .collect()
}

pub(super) fn structure(p: &Population) -> [f64; 3] {
    [
        median_age(p),
        youth_dependency_ratio(p),
        old_age_dependency_ratio(p),
    ]
}

pub(super) fn plain(
    region_id: i64,
    scenario: &str,
    year: i64,
    measure: &str,
    value: f64,
) -> ResultRow {
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
pub(super) fn nationality_rows(
    region_id: i64,
    scenario: &str,
    year: i64,
    p: &Population,
) -> Vec<ResultRow> {
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

pub(super) fn pyramid(region_id: i64, year: i64, p: &Population) -> Pyramid {
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
