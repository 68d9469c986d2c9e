//! What a run is given: each region's observations, and the options of the run.

use std::collections::BTreeMap;

use crate::{AGES, Groups, Population};

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
    /// Deaths by sex × age (by nationality where observed so).
    pub deaths: Population,
    /// Immigrants by sex × age.
    pub immigration: Population,
    /// Emigrants by sex × age.
    pub emigration: Population,
    /// Naturalisations by sex × age (foreign nationals who became German during the year;
    /// 202 values, layout of group 0 of [`Population`]), where the year records them.
    pub acquisition: Option<Vec<f64>>,
}

impl YearFlows {
    /// No events, without nationality.
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
    /// The region's id (results carry it).
    pub id: i64,
    /// Index of the parent in the input slice.
    pub parent: Option<usize>,
    /// Population on 31 December by year.
    pub population: BTreeMap<i64, Population>,
    /// Observed flows by calendar year.
    pub flows: BTreeMap<i64, YearFlows>,
}

/// Options of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Projected years after the base year.
    pub horizon: usize,
    /// Stochastic trajectories for the intervals (0: none).
    pub trajectories: usize,
    /// Seed of the trajectories.
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
    pub(super) fn in_base_years(&self, year: i64) -> bool {
        self.base_years
            .is_none_or(|(from, to)| (from..=to).contains(&year))
    }
}
