//! # standort-demography
//!
//! Pure demographic computation for Standort: no database, no network, no clock, no
//! global RNG. Everything is deterministic given its inputs (seeds are passed in).
//!
//! * [`population`] — population vectors by nationality group, sex and age 0..=100.
//! * [`ccm`] — the cohort-component step every projection in this crate uses.
//! * [`fso`] — the Swiss FSO method and table formats; [`fso::project_csv`] is the
//!   `standort demography project --format fso` command.
//! * [`hamilton_perry`] — cohort-change ratio projections for small areas.
//! * [`raking`] — fitting child regions to a parent projection (IPF).
//! * [`history`], [`derive`](mod@derive) — observed small-area history and rates derived from it
//!   with credibility shrinkage toward the parent.
//! * [`scenario`], [`stochastic`], [`quantile`] — low/medium/high scenarios and
//!   probabilistic intervals from seeded trajectories with streaming quantiles.
//! * [`backtest`] — MAPE/MALPE back-tests; [`backtest::backtest_csv`] is the
//!   `standort demography backtest` command.
//! * [`indicators`] — planning age bands, median age, dependency ratios, capacity gaps.
//! * [`service`] — the projection service of the application: every region of a hierarchy
//!   from its stored observations (method per region, explicit assumption sets, raking,
//!   scenarios, intervals, back-test), as result rows and pyramids.
//! * [`bench`](mod@bench) — [`bench::run_projection_bench`], the `standort bench projection` command.
//!
//! Source of the method and test data: Swiss Federal Statistical Office (FSO) /
//! Statistik Aargau.

#![warn(missing_docs)]

pub mod backtest;
pub mod bench;
pub mod ccm;
pub mod csvio;
pub mod derive;
mod error;
pub mod fso;
pub mod hamilton_perry;
pub mod history;
pub mod indicators;
pub mod population;
pub mod quantile;
pub mod raking;
pub mod scenario;
pub mod service;
pub mod small_area;
pub mod stochastic;

pub use error::{Error, Result};
pub use population::{AGES, Groups, MAX_AGE, Nat, Population, Sex};
