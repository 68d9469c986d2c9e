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
//!   (`crate::small_area`), so a village's band is wider than its town's.
//!
//! The parts, in the order a run uses them: [`input`] (observations and options),
//! [`assumptions`] (explicit tables of an assumption set), [`rates`] and [`flow_rates`] (the
//! rates of each region), [`run`](mod@run) (the five stages of a run), [`output`] (measures and
//! result rows), [`backtest`](mod@backtest) (the built-in back-test of a run).

pub mod assumptions;
pub mod backtest;
pub mod flow_rates;
pub mod input;
pub mod output;
pub mod rates;
pub mod run;

pub use assumptions::{Assumptions, Kind, Table};
pub use backtest::{BacktestRow, BacktestSummary, backtest};
pub use input::{Options, RegionData, YearFlows};
pub use output::{
    BAND_MEASURES, COMPONENT_MEASURES, NATIONALITY_MEASURES, Output, Pyramid, ResultRow,
    STRUCTURE_MEASURES, all_measures, bands,
};
pub use rates::{foreign_shares, regroup, standard_rates};
pub use run::run;

/// How a region was projected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Cohort-component with rates from the region's own flows.
    CohortComponent,
    /// Hamilton–Perry from two observations, interpolated between the steps.
    HamiltonPerry,
    /// The parent's rates, immigration scaled by size.
    ParentRates,
    /// No flows of its own in the base years, but explicit rates in the assumption set: the
    /// set's rates, the parent's for the kinds the set does not give.
    AssumptionSet,
    /// The built-in standard schedule (a top region without flows).
    StandardSchedule,
    /// No base-year population: not projected.
    NoBaseData,
}

impl Method {
    /// The name stored in the run summary.
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

/// How far a run has come: `done` of `total` units of a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The stage.
    pub stage: Stage,
    /// Units of the stage done.
    pub done: usize,
    /// Units of the stage in all.
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
    /// The name the command line shows.
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

#[cfg(test)]
mod tests;
