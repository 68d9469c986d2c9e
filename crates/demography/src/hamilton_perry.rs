//! Hamilton–Perry projection for small areas: cohort-change ratios and child-woman ratios
//! from two observed populations.
//!
//! With populations `P0` (year t₀) and `P1` (year t₁ = t₀ + k), for each group and sex:
//!
//! * cohort-change ratio `CCR(a) = P1(a) / P0(a − k)` for `k ≤ a < 100`, and for the open
//!   class `CCR(100) = P1(100) / Σ_{a ≥ 100 − k} P0(a)`;
//! * child-woman ratio `CWR(a) = P1(a) / W1` for `a < k`, where `W1` is the number of
//!   women aged 15–49 (all groups) in `P1`.
//!
//! A projection by `k` years is then `P2(a) = CCR(a) · P1(a − k)` (open class:
//! `CCR(100) · Σ_{a ≥ 100−k} P1(a)`) and `P2(a) = CWR(a) · W2` for `a < k`, with `W2` the
//! women 15–49 of the projected population (computed first from ages ≥ k; if `k > 15`
//! the children's own cohort is not yet projected and the ratios use the known ages).
//! Ratios with a zero denominator fall back to the `fallback` ratios given to
//! [`HamiltonPerry::estimate`] (e.g. the parent region's), or to 1 (CCR) / 0 (CWR).
//!
//! Reference: Hamilton & Perry (1962); Swanson, Schlottmann & Schmidt (2010),
//! "Forecasting the population of census tracts by age and sex".

use crate::population::{AGES, Groups, MAX_AGE, Population, Sex, cell};
use crate::{Error, Result};

/// First and last age of the women counted in child-woman ratios.
pub const CWR_WOMEN_AGES: (usize, usize) = (15, 49);

/// Estimated Hamilton–Perry ratios for one area.
#[derive(Clone, Debug, PartialEq)]
pub struct HamiltonPerry {
    groups: Groups,
    interval: usize,
    /// Cohort-change ratios (layout of [`crate::population::cell`]; ages < interval unused).
    ccr: Vec<f64>,
    /// Child-woman ratios (same layout; only ages < interval used).
    cwr: Vec<f64>,
}

fn women(p: &Population) -> f64 {
    let mut w = 0.0;
    for g in 0..p.groups().count() {
        for a in CWR_WOMEN_AGES.0..=CWR_WOMEN_AGES.1 {
            w += p.get(g, Sex::Female, a);
        }
    }
    w
}

impl HamiltonPerry {
    /// Ratios from `p0` and `p1` observed `interval` years apart (1 ≤ interval ≤ 15).
    /// Cells whose denominator is 0 take the ratio of `fallback` if given, else CCR 1 and
    /// CWR 0.
    pub fn estimate(
        p0: &Population,
        p1: &Population,
        interval: usize,
        fallback: Option<&HamiltonPerry>,
    ) -> Result<Self> {
        if p0.groups() != p1.groups() {
            return Err(Error::Invalid("p0 and p1 have different groupings".into()));
        }
        if !(1..=15).contains(&interval) {
            return Err(Error::Invalid(format!(
                "interval must be within 1..=15 years, got {interval}"
            )));
        }
        if let Some(f) = fallback
            && (f.groups != p0.groups() || f.interval != interval)
        {
            return Err(Error::Invalid(
                "fallback ratios have another grouping or interval".into(),
            ));
        }
        let groups = p0.groups();
        let mut ccr = vec![1.0; groups.cells()];
        let mut cwr = vec![0.0; groups.cells()];
        let w1 = women(p1);
        for g in 0..groups.count() {
            for sex in Sex::ALL {
                for a in 0..AGES {
                    let i = cell(g, sex, a);
                    if a < interval {
                        cwr[i] = if w1 > 0.0 {
                            p1.get(g, sex, a) / w1
                        } else {
                            fallback.map_or(0.0, |f| f.cwr[i])
                        };
                        continue;
                    }
                    let den: f64 = if a == MAX_AGE {
                        (MAX_AGE - interval..=MAX_AGE)
                            .map(|b| p0.get(g, sex, b))
                            .sum()
                    } else {
                        p0.get(g, sex, a - interval)
                    };
                    ccr[i] = if den > 0.0 {
                        p1.get(g, sex, a) / den
                    } else {
                        fallback.map_or(1.0, |f| f.ccr[i])
                    };
                }
            }
        }
        Ok(HamiltonPerry {
            groups,
            interval,
            ccr,
            cwr,
        })
    }

    /// Ratios given directly (layouts of [`crate::population::cell`]); all finite, ≥ 0.
    pub fn from_ratios(
        groups: Groups,
        interval: usize,
        ccr: Vec<f64>,
        cwr: Vec<f64>,
    ) -> Result<Self> {
        if ccr.len() != groups.cells() || cwr.len() != groups.cells() {
            return Err(Error::Invalid("ratio vectors have the wrong length".into()));
        }
        if !(1..=15).contains(&interval) {
            return Err(Error::Invalid("interval must be within 1..=15".into()));
        }
        if ccr.iter().chain(&cwr).any(|v| !v.is_finite() || *v < 0.0) {
            return Err(Error::Invalid("ratios must be finite and >= 0".into()));
        }
        Ok(HamiltonPerry {
            groups,
            interval,
            ccr,
            cwr,
        })
    }

    /// The projection interval k in years.
    pub fn interval(&self) -> usize {
        self.interval
    }
    /// Cohort-change ratio of a cell (meaningful for `age ≥ interval`).
    pub fn ccr(&self, group: usize, sex: Sex, age: usize) -> f64 {
        self.ccr[cell(group, sex, age)]
    }
    /// Child-woman ratio of a cell (meaningful for `age < interval`).
    pub fn cwr(&self, group: usize, sex: Sex, age: usize) -> f64 {
        self.cwr[cell(group, sex, age)]
    }

    /// Projects `p` by one interval.
    pub fn project(&self, p: &Population) -> Result<Population> {
        if p.groups() != self.groups {
            return Err(Error::Invalid("population has another grouping".into()));
        }
        let k = self.interval;
        let mut out = Population::zeros(self.groups);
        for g in 0..self.groups.count() {
            for sex in Sex::ALL {
                for a in k..AGES {
                    let src = if a == MAX_AGE {
                        (MAX_AGE - k..=MAX_AGE).map(|b| p.get(g, sex, b)).sum()
                    } else {
                        p.get(g, sex, a - k)
                    };
                    out.set(g, sex, a, self.ccr(g, sex, a) * src);
                }
            }
        }
        let w2 = women(&out);
        for g in 0..self.groups.count() {
            for sex in Sex::ALL {
                for a in 0..k {
                    out.set(g, sex, a, self.cwr(g, sex, a) * w2);
                }
            }
        }
        Ok(out)
    }

    /// Projects `p` by `steps` intervals; returns one population per step.
    pub fn project_steps(&self, p: &Population, steps: usize) -> Result<Vec<Population>> {
        let mut out = Vec::with_capacity(steps);
        let mut cur = p.clone();
        for _ in 0..steps {
            cur = self.project(&cur)?;
            out.push(cur.clone());
        }
        Ok(out)
    }
}
