//! # standort-demography
//!
//! Pure demographic computation for Standort: no database, no network, no clock, no
//! global RNG. Everything is deterministic given its inputs (seeds are passed in).
//!
//! * [`population`] — population vectors by nationality group, sex and age 0..=100.
//! * [`ccm`] — the cohort-component step every projection in this crate uses.
//! * [`fso`] — the Swiss FSO method and table formats; [`fso::project_csv`] is the
//!   `standort demography project --format fso` command.
//!
//! Source of the method and test data: Swiss Federal Statistical Office (FSO) /
//! Statistik Aargau.

pub mod ccm;
mod csvio;
mod error;
pub mod fso;
pub mod population;

pub use error::{Error, Result};
pub use population::{AGES, Groups, MAX_AGE, Nat, Population, Sex};
pub mod backtest;
pub mod bench;
pub mod derive;
pub mod hamilton_perry;
pub mod history;
pub mod indicators;
pub mod quantile;
pub mod raking;
pub mod scenario;
pub mod stochastic;
