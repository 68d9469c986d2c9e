//! Rates of a region that are not derived from its own flows: the standard schedule, the
//! parent's rates brought into the region's grouping (by nationality or not), rates that
//! change over the projected years ([`Path`]), and the turnover that widens small areas'
//! intervals.

// Cell-by-cell loops over ages read like the formulas they implement.
#![allow(clippy::needless_range_loop)]

use crate::ccm::Rates;
use crate::indicators::AgeBand;
use crate::{AGES, Groups, Population, Sex};

use super::input::{Options, RegionData};

/// Rates of a region over the projected years: segments starting at a year index (the first
/// at 0), each valid until the next.
#[derive(Debug, Clone)]
pub(super) struct Path {
    pub(super) segments: Vec<(usize, Rates)>,
}

impl Path {
    pub(super) fn constant(r: Rates) -> Path {
        Path {
            segments: vec![(0, r)],
        }
    }

    pub(super) fn at(&self, t: usize) -> &Rates {
        &self
            .segments
            .iter()
            .rev()
            .find(|(start, _)| *start <= t)
            .unwrap_or(&self.segments[0])
            .1
    }

    pub(super) fn starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.segments.iter().map(|(s, _)| *s)
    }

    /// One rate set per projected year (or one for all when it does not change).
    pub(super) fn yearly(&self, horizon: usize) -> Vec<Rates> {
        if self.segments.len() == 1 {
            return vec![self.segments[0].1.clone()];
        }
        (0..horizon).map(|t| self.at(t).clone()).collect()
    }

    /// One rate set per projected year, always `horizon` of them.
    pub(super) fn every_year(&self, horizon: usize) -> Vec<Rates> {
        (0..horizon).map(|t| self.at(t).clone()).collect()
    }
}

/// A plausible German standard schedule (Gompertz mortality, TFR 1.4 around age 31, no
/// migration) for a top region without flows.
pub fn standard_rates() -> Rates {
    let mut r = Rates::zeros(Groups::Total);
    for sex in Sex::ALL {
        let scale = if sex == Sex::Male { 1.0 } else { 0.6 };
        for a in 0..AGES {
            let q = if a == 0 {
                0.003
            } else {
                0.0001 + 0.00003 * scale * (0.095 * a as f64).exp()
            };
            r.mortality[cell(sex, a)] = q.min(0.6);
        }
    }
    let tfr = 1.4;
    let weights: Vec<f64> = (0..AGES)
        .map(|a| {
            if (15..=49).contains(&a) {
                (-((a as f64 - 31.0) / 5.5).powi(2) / 2.0).exp()
            } else {
                0.0
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    for a in 0..AGES {
        r.fertility[a] = tfr * weights[a] / total;
    }
    r
}

pub(super) fn cell(sex: Sex, age: usize) -> usize {
    crate::population::cell(0, sex, age)
}

/// Foreign share per sex × age cell of `p` (202 values): the cell's own share where it has
/// people, else the share in the whole population (all 0 without nationality).
pub fn foreign_shares(p: &Population) -> Vec<f64> {
    if p.groups() == Groups::Total {
        return vec![0.0; 2 * AGES];
    }
    let v = p.values();
    let foreign: f64 = v[2 * AGES..].iter().sum();
    let overall = ratio_or_zero(foreign, p.total());
    (0..2 * AGES)
        .map(|i| {
            let n = v[i] + v[2 * AGES + i];
            if n > 0.0 {
                v[2 * AGES + i] / n
            } else {
                overall
            }
        })
        .collect()
}

pub(super) fn ratio_or_zero(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

/// How immigration counts without nationality are split in a region projected by
/// nationality: the foreign share per sex × age of the region's immigrants where its base
/// years record immigration by nationality, else of its population `base` (both with the
/// fallback of [`foreign_shares`] for empty cells).
pub(super) fn immigrant_shares(
    region: &RegionData,
    base: &Population,
    options: &Options,
) -> Vec<f64> {
    let mut immigrants = Population::zeros(Groups::Nationality);
    for (_, f) in region.flows.iter().filter(|(y, f)| {
        options.in_base_years(**y) && f.immigration.groups() == Groups::Nationality
    }) {
        for (x, v) in immigrants
            .values_mut()
            .iter_mut()
            .zip(f.immigration.values())
        {
            *x += v;
        }
    }
    if immigrants.total() > 0.0 {
        foreign_shares(&immigrants)
    } else {
        foreign_shares(base)
    }
}

/// `p` in the grouping `groups`: summed over nationality, or split by `shares` (foreign share
/// per sex × age) when it has none.
pub(super) fn as_groups(p: &Population, groups: Groups, shares: &[f64]) -> Population {
    match (p.groups(), groups) {
        (a, b) if a == b => p.clone(),
        (_, Groups::Total) => p.merged(),
        _ => {
            let mut out = Population::zeros(Groups::Nationality);
            let v = out.values_mut();
            for (i, n) in p.values().iter().enumerate() {
                v[i] = n * (1.0 - shares[i]);
                v[2 * AGES + i] = n * shares[i];
            }
            out
        }
    }
}

/// `r` in the grouping `groups`. Without nationality: merged, weighted by `weights` (the
/// population `r` belongs to; immigration counts summed). With nationality from rates without:
/// fertility, mortality and emigration apply to both groups, immigration counts are split by
/// `shares` (foreign share per sex × age), no acquisition.
pub fn regroup(r: &Rates, groups: Groups, weights: &Population, shares: &[f64]) -> Rates {
    if r.groups == groups {
        return r.clone();
    }
    if groups == Groups::Total {
        let w = if weights.groups() == Groups::Nationality {
            weights.clone()
        } else {
            Population::zeros(Groups::Nationality)
        };
        return r.merged(&w);
    }
    let mut out = Rates::zeros(Groups::Nationality);
    out.share_female = r.share_female;
    out.native_share_of_foreign_births = r.native_share_of_foreign_births;
    for g in 0..2 {
        out.fertility[g * AGES..(g + 1) * AGES].copy_from_slice(&r.fertility[..AGES]);
        let block = g * 2 * AGES..(g + 1) * 2 * AGES;
        out.mortality[block.clone()].copy_from_slice(&r.mortality[..2 * AGES]);
        out.emigration[block].copy_from_slice(&r.emigration[..2 * AGES]);
    }
    for i in 0..2 * AGES {
        out.immigration[i] = r.immigration[i] * (1.0 - shares[i]);
        out.immigration[2 * AGES + i] = r.immigration[i] * shares[i];
    }
    out
}

/// `v` summed over nationality groups of `width` values each: births by mother's age
/// (`width` 101) or sex × age cells (`width` 202). A vector of one group comes back as it is.
pub(super) fn sum_over_groups(v: &[f64], width: usize) -> Vec<f64> {
    let mut out = vec![0.0; width];
    for chunk in v.chunks(width) {
        for (o, x) in out.iter_mut().zip(chunk) {
            *o += x;
        }
    }
    out
}

/// The parent's rates for a region without flows: immigration scaled by population size.
pub(super) fn scaled_parent_rates(parent: &Rates, own_total: f64, parent_total: f64) -> Rates {
    let mut r = parent.clone();
    let f = if parent_total > 0.0 {
        own_total / parent_total
    } else {
        0.0
    };
    r.immigration.iter_mut().for_each(|v| *v *= f);
    r
}

/// Expected demographic events per person and year in each band under `rates` for the
/// population `base`: deaths and emigrations (probabilities × people), immigrations (counts)
/// and, in the band holding age 0, births.
pub(super) fn turnover(base: &Population, rates: &Rates, bands: &[AgeBand]) -> Vec<f64> {
    // Events do not depend on nationality here: rates merged with the base as weights.
    let rates = &regroup(rates, Groups::Total, base, &[]);
    let base = &base.merged();
    let mut events = Population::zeros(Groups::Total);
    let mut births = 0.0;
    for sex in Sex::ALL {
        for age in 0..AGES {
            let c = cell(sex, age);
            let n = base.get(0, sex, age);
            events.set(
                0,
                sex,
                age,
                n * (rates.mortality[c] + rates.emigration[c]) + rates.immigration[c],
            );
            if sex == Sex::Female {
                births += n * rates.fertility.get(age).copied().unwrap_or(0.0);
            }
        }
    }
    for sex in Sex::ALL {
        let share = if sex == Sex::Female {
            rates.share_female
        } else {
            1.0 - rates.share_female
        };
        let e = events.get(0, sex, 0) + births * share;
        events.set(0, sex, 0, e);
    }
    bands
        .iter()
        .map(|b| {
            let people = b.sum(base);
            if people > 0.0 {
                b.sum(&events) / people
            } else {
                0.0
            }
        })
        .collect()
}
