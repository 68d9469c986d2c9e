//! Deriving a region's rates from its observed history, with small numbers shrunk toward
//! a parent region (credibility / empirical-Bayes weighting).
//!
//! # Method
//! For a count of events `D` with exposure `E` in a cell whose parent region has the
//! rate `r_p`, the rate used is the posterior mean of a Poisson rate with a
//! Gamma(k·r_p, k) prior:
//!
//! ```text
//! r = (D + k · r_p) / (E + k) = Z · D/E + (1 − Z) · r_p,   Z = E / (E + k)
//! ```
//!
//! i.e. Bühlmann credibility with weight `Z`: a cell with exposure `k` is trusted half,
//! large cells keep their own rate, empty cells take the parent's. `k` is the prior
//! strength in units of exposure ([`ShrinkConfig`]).
//!
//! * **Emigration** per group × sex × age: `D` = emigrants, `E` = population on 1 January
//!   (for age 0: births), summed over the base years; `r_p` from the parent's history.
//! * **Fertility**: the age pattern of the `schedule` (e.g. the canton's FSO rates) is
//!   kept; its level is scaled by `θ = (B + k_b · θ_p) / (B̂ + k_b)` where `B` are
//!   observed births, `B̂` the births the schedule predicts for the region's women on
//!   1 January, `θ_p` the parent's observed/expected ratio.
//! * **Mortality**: deaths are often not published for small areas; without a `deaths`
//!   column the schedule's rates are used (indirect standardisation with θ = 1); with
//!   deaths the schedule is scaled like fertility (an SMR shrunk toward the parent's).
//! * **Immigration** counts: the mean yearly total of the base years, distributed over
//!   the cells with the shares `(I_c + k_i · s_p,c) / (I + k_i)` (own shares shrunk
//!   toward the parent's age–sex profile `s_p`).
//! * **Acquisition**, sex ratio at birth and the nationality rule for births come from
//!   the schedule.

use crate::ccm::Rates;
use crate::history::Observed;
use crate::population::{AGES, Population, Sex, cell};
use crate::{Error, Result};

/// Prior strengths of the shrinkage (exposure units of each component).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShrinkConfig {
    /// Emigration: person-years at which a cell's own rate gets weight ½ (default 200).
    pub emigration_prior: f64,
    /// Fertility level: expected births at which the region's own level gets weight ½
    /// (default 200).
    pub fertility_prior: f64,
    /// Mortality level: expected deaths at which the region's own SMR gets weight ½
    /// (default 200; used only with observed deaths).
    pub mortality_prior: f64,
    /// Immigration profile: immigrants at which the region's own age–sex shares get
    /// weight ½ (default 500).
    pub immigration_prior: f64,
}

impl Default for ShrinkConfig {
    fn default() -> Self {
        ShrinkConfig {
            emigration_prior: 200.0,
            fertility_prior: 200.0,
            mortality_prior: 200.0,
            immigration_prior: 500.0,
        }
    }
}

/// The credibility-weighted rate `(events + prior · parent_rate) / (exposure + prior)`.
pub fn shrink(events: f64, exposure: f64, parent_rate: f64, prior: f64) -> f64 {
    let den = exposure + prior;
    if den > 0.0 {
        (events + prior * parent_rate) / den
    } else {
        parent_rate
    }
}

/// Rates derived by [`derive_rates`] and the levels found.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    /// The rates (constant over the projection horizon).
    pub rates: Rates,
    /// Fertility level relative to the schedule after shrinkage.
    pub fertility_level: f64,
    /// Credibility weight of the region's own fertility level.
    pub fertility_credibility: f64,
    /// Mortality level relative to the schedule (1 without observed deaths).
    pub mortality_level: f64,
}

fn expected(schedule: &[f64], pop: &Population, fert: bool) -> f64 {
    let g = pop.groups().count();
    let mut e = 0.0;
    for gi in 0..g {
        for sex in Sex::ALL {
            if fert && sex == Sex::Male {
                continue;
            }
            for a in 0..AGES {
                let r = if fert {
                    schedule[gi * AGES + a]
                } else {
                    schedule[cell(gi, sex, a)]
                };
                e += r * pop.get(gi, sex, a);
            }
        }
    }
    e
}

/// Derives rates for a region from its observations `region` (the base years) and those
/// of its parent `parent` (same years), using `schedule` for the age patterns of
/// fertility and mortality and for acquisition. See the module documentation.
pub fn derive_rates(
    region: &[&Observed],
    parent: &[&Observed],
    schedule: &Rates,
    config: &ShrinkConfig,
) -> Result<Derived> {
    if region.is_empty() || region.len() != parent.len() {
        return Err(Error::Invalid(
            "need the same, non-empty list of base years for region and parent".into(),
        ));
    }
    schedule.validate()?;
    let groups = schedule.groups;
    if region
        .iter()
        .chain(parent)
        .any(|o| o.start.groups() != groups)
    {
        return Err(Error::Invalid(
            "history and schedule have different groupings".into(),
        ));
    }
    let cells = groups.cells();
    let mut rates = schedule.clone();
    // Sums over the base years.
    let sum = |obs: &[&Observed]| {
        let mut emi = vec![0.0; cells];
        let mut expo = vec![0.0; cells];
        let mut imm = vec![0.0; cells];
        let (mut births, mut exp_births, mut deaths, mut exp_deaths) = (0.0, 0.0, 0.0, 0.0);
        let mut has_deaths = true;
        for o in obs {
            for i in 0..cells {
                emi[i] += o.emigrants.values()[i];
                imm[i] += o.immigrants.values()[i];
                expo[i] += o.start.values()[i];
            }
            for g in 0..groups.count() {
                for sex in Sex::ALL {
                    expo[cell(g, sex, 0)] += o.births[g * 2 + sex.index()];
                }
            }
            births += o.births.iter().sum::<f64>();
            exp_births += expected(&schedule.fertility, &o.start, true);
            match &o.deaths {
                Some(d) => {
                    deaths += d.total();
                    exp_deaths += expected(&schedule.mortality, &o.start, false);
                }
                None => has_deaths = false,
            }
        }
        (
            emi,
            expo,
            imm,
            births,
            exp_births,
            has_deaths.then_some((deaths, exp_deaths)),
        )
    };
    let (emi_r, expo_r, imm_r, b_r, eb_r, d_r) = sum(region);
    let (emi_p, expo_p, imm_p, b_p, eb_p, d_p) = sum(parent);
    for i in 0..cells {
        let parent_rate = if expo_p[i] > 0.0 {
            emi_p[i] / expo_p[i]
        } else {
            0.0
        };
        rates.emigration[i] =
            shrink(emi_r[i], expo_r[i], parent_rate, config.emigration_prior).min(1.0);
    }
    let theta_p = if eb_p > 0.0 { b_p / eb_p } else { 1.0 };
    let fertility_level = shrink(b_r, eb_r, theta_p, config.fertility_prior);
    for f in rates.fertility.iter_mut() {
        *f *= fertility_level;
    }
    let mut mortality_level = 1.0;
    if let (Some((d, ed)), Some((dp, edp))) = (d_r, d_p) {
        let smr_p = if edp > 0.0 { dp / edp } else { 1.0 };
        mortality_level = shrink(d, ed, smr_p, config.mortality_prior);
        for q in rates.mortality.iter_mut() {
            *q = (*q * mortality_level).min(1.0);
        }
    }
    let years = region.len() as f64;
    let (it_r, it_p) = (imm_r.iter().sum::<f64>(), imm_p.iter().sum::<f64>());
    for i in 0..cells {
        let sp = if it_p > 0.0 { imm_p[i] / it_p } else { 0.0 };
        let share = shrink(imm_r[i], it_r, sp, config.immigration_prior);
        rates.immigration[i] = it_r / years * share;
    }
    Ok(Derived {
        rates,
        fertility_level,
        fertility_credibility: eb_r / (eb_r + config.fertility_prior),
        mortality_level,
    })
}

/// The residual ("unrecorded") net migration of one observed year per 31-December cell:
/// the observed population of the next 1 January minus what `rates` project from this
/// year's 1 January population (cell `a` of the result is the age reached on 31 December;
/// the open class collects the residual of 100+).
/// The result is a flat vector in the layout of [`crate::population::cell`] and may be
/// negative.
pub fn residual(obs: &Observed, next_start: &Population, rates: &Rates) -> Result<Vec<f64>> {
    if obs.start.groups() != rates.groups || next_start.groups() != rates.groups {
        return Err(Error::Invalid("residual: groupings differ".into()));
    }
    let mut end = vec![0.0; rates.groups.cells()];
    crate::ccm::step_into(
        obs.start.values(),
        rates,
        &crate::ccm::Multipliers::ONE,
        &mut end,
    );
    let mut aged = vec![0.0; end.len()];
    crate::population::age_into(&end, &mut aged);
    let mut out = vec![0.0; end.len()];
    for g in 0..rates.groups.count() {
        for sex in Sex::ALL {
            for a in 1..AGES {
                let i = cell(g, sex, a);
                let target = if a == AGES - 1 { a } else { a - 1 };
                out[cell(g, sex, target)] += next_start.values()[i] - aged[i];
            }
        }
    }
    Ok(out)
}

/// Adds the residual net migration of the base years to `rates` (see
/// [`derive_rates`]): for each cell, the residual per person on 1 January is shrunk
/// toward the parent's like emigration (prior `config.emigration_prior`); a net gain
/// becomes additional immigrants (the shrunk rate times the mean population of the
/// cell), a net loss additional emigration probability.
///
/// `region` and `parent` pair each base-year observation with the next 1 January
/// population. Use it where the recorded flows do not balance the populations (e.g.
/// international moves or register corrections missing from small-area flows).
pub fn add_residual_migration(
    rates: &mut Rates,
    region: &[(&Observed, &Population)],
    parent: &[(&Observed, &Population)],
    parent_rates: &Rates,
    config: &ShrinkConfig,
) -> Result<()> {
    if region.is_empty() || region.len() != parent.len() {
        return Err(Error::Invalid("need the same, non-empty base years".into()));
    }
    let cells = rates.groups.cells();
    let sums = |pairs: &[(&Observed, &Population)], r: &Rates| -> Result<(Vec<f64>, Vec<f64>)> {
        let mut res = vec![0.0; cells];
        let mut expo = vec![0.0; cells];
        for (o, next) in pairs {
            let b = residual(o, next, r)?;
            for i in 0..cells {
                res[i] += b[i];
                expo[i] += o.start.values()[i];
            }
            for g in 0..rates.groups.count() {
                for sex in Sex::ALL {
                    expo[cell(g, sex, 0)] += o.births[g * 2 + sex.index()];
                }
            }
        }
        Ok((res, expo))
    };
    let (res_r, expo_r) = sums(region, rates)?;
    let (res_p, expo_p) = sums(parent, parent_rates)?;
    let years = region.len() as f64;
    for i in 0..cells {
        let rp = if expo_p[i] > 0.0 {
            res_p[i] / expo_p[i]
        } else {
            0.0
        };
        let rho = shrink(res_r[i], expo_r[i], rp, config.emigration_prior);
        if rho >= 0.0 {
            rates.immigration[i] += rho * expo_r[i] / years;
        } else {
            rates.emigration[i] = (rates.emigration[i] - rho).min(1.0);
        }
    }
    Ok(())
}
