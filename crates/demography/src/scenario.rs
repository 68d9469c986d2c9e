//! Deterministic scenarios as rate multipliers.
//!
//! The standard set (documented assumptions, applied to every year of the horizon):
//!
//! | scenario | fertility | mortality | emigration | immigration |
//! |----------|-----------|-----------|------------|-------------|
//! | low      | × 0.90    | × 1.10    | × 1.10     | × 0.80      |
//! | medium   | × 1.00    | × 1.00    | × 1.00     | × 1.00      |
//! | high     | × 1.10    | × 0.90    | × 0.90     | × 1.20      |
//!
//! "Low" combines every assumption that lowers the population, "high" every one that
//! raises it, like the FSO's low and high scenarios.

use crate::Result;
use crate::ccm::{self, Multipliers, Projection, Rates};
use crate::population::Population;

/// A named set of rate multipliers.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Name, e.g. `low`.
    pub name: String,
    /// Multipliers applied to the base rates in every year.
    pub multipliers: Multipliers,
}

impl Scenario {
    /// A scenario with the given multipliers.
    pub fn new(name: impl Into<String>, multipliers: Multipliers) -> Self {
        Scenario {
            name: name.into(),
            multipliers,
        }
    }
    /// Low growth (see the module table).
    pub fn low() -> Self {
        Scenario::new(
            "low",
            Multipliers {
                fertility: 0.9,
                mortality: 1.1,
                emigration: 1.1,
                immigration: 0.8,
            },
        )
    }
    /// The base rates unchanged.
    pub fn medium() -> Self {
        Scenario::new("medium", Multipliers::ONE)
    }
    /// High growth (see the module table).
    pub fn high() -> Self {
        Scenario::new(
            "high",
            Multipliers {
                fertility: 1.1,
                mortality: 0.9,
                emigration: 0.9,
                immigration: 1.2,
            },
        )
    }
    /// `[low, medium, high]`.
    pub fn standard() -> Vec<Scenario> {
        vec![Scenario::low(), Scenario::medium(), Scenario::high()]
    }
}

/// Projects `base` (31 December of `base_year`) under each scenario; `rates` has one
/// entry per projected year.
pub fn project_scenarios(
    base: &Population,
    base_year: i32,
    rates: &[Rates],
    scenarios: &[Scenario],
) -> Result<Vec<(Scenario, Projection)>> {
    scenarios
        .iter()
        .map(|s| {
            Ok((
                s.clone(),
                ccm::project(base, base_year, rates, &s.multipliers)?,
            ))
        })
        .collect()
}
