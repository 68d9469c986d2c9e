//! Rates of a region derived from its observed flows over the base years, shrunk toward the
//! parent's rates cell by cell (small numbers borrow strength from the parent).

// Cell-by-cell loops over ages read like the formulas they implement.
#![allow(clippy::needless_range_loop)]

use crate::ccm::Rates;
use crate::derive::shrink;
use crate::{AGES, Groups, Population, Sex};

use super::input::{Options, RegionData};
use super::rates::{
    as_groups, cell, foreign_shares, immigrant_shares, ratio_or_zero, sum_over_groups,
};

// Prior strengths of the shrinkage, in person-years of exposure (births: women-years).
const K_MORTALITY: f64 = 2000.0;
const K_EMIGRATION: f64 = 300.0;
const K_FERTILITY: f64 = 500.0;
const K_IMMIGRATION_SHARES: f64 = 50.0;
const K_ACQUISITION: f64 = 1000.0;

/// Shrinks `events / exposure` toward `prior` cell by cell, either per nationality group
/// (`by_group`: events, exposure and prior in the grouping of `prior`) or on the totals per
/// cell of `width` values, the one rate then applying to every group ("a flow without
/// nationality gives both groups the same rate"). `totals` are the exposures summed over
/// groups and `total_prior` the prior merged over groups.
#[allow(clippy::too_many_arguments)]
fn shrunk(
    by_group: bool,
    events: &[f64],
    exposure: &[f64],
    prior: &[f64],
    totals: &[f64],
    total_events: &[f64],
    total_prior: &[f64],
    k: f64,
    width: usize,
) -> Vec<f64> {
    if by_group {
        return (0..prior.len())
            .map(|i| shrink(events[i], exposure[i], prior[i], k))
            .collect();
    }
    let one: Vec<f64> = (0..width)
        .map(|i| shrink(total_events[i], totals[i], total_prior[i], k))
        .collect();
    one.iter().cycle().take(prior.len()).copied().collect()
}

/// Rates of a region from its flows pooled over the base years, shrunk toward `parent`
/// (already in the region's grouping, see [`regroup`]). For a region projected by nationality
/// each kind is derived per group where every pooled year gives it by nationality (shrunk
/// toward the parent's rate of the same group), otherwise from the totals (one rate for both
/// groups; immigration counts split by [`immigrant_shares`]); acquisition is naturalisations
/// per foreign person-year over the years that record naturalisations (else the parent's).
pub(super) fn derive(region: &RegionData, parent: &Rates, options: &Options) -> Rates {
    let groups = parent.groups;
    let split = groups == Groups::Nationality;
    let cells = groups.cells();
    let latest = region
        .population
        .values()
        .next_back()
        .cloned()
        .unwrap_or_else(|| Population::zeros(groups));
    let pop_shares = foreign_shares(&latest);
    let mut deaths = vec![0.0; cells];
    let mut emigrants = vec![0.0; cells];
    let mut immigrants = vec![0.0; cells];
    let mut exposure = vec![0.0; cells];
    let mut births_by_age = vec![0.0; groups.count() * AGES];
    let mut births_by_sex = [0.0; 2];
    let mut naturalised = vec![0.0; 2 * AGES];
    let mut foreign_exposure = vec![0.0; 2 * AGES];
    let mut naturalisation_years = 0;
    // Whether every pooled year gives the kind by nationality.
    let (mut deaths_split, mut emi_split, mut imm_split, mut births_split) =
        (split, split, split, split);
    let mut years = 0.0;
    let add = |acc: &mut [f64], p: &Population, split_kind: &mut bool| {
        if p.groups() != Groups::Nationality {
            *split_kind = false;
        }
        let v = if split && p.groups() == Groups::Nationality {
            p.values().to_vec()
        } else {
            p.by_sex_age()
        };
        for (a, x) in acc.iter_mut().zip(v) {
            *a += x;
        }
    };
    for (year, f) in region
        .flows
        .iter()
        .filter(|(y, _)| options.in_base_years(**y))
    {
        // Exposure: last year's population aged by one year, else this year's population.
        let expo = match region.population.get(&(year - 1)) {
            Some(p) => p.aged(),
            None => match region.population.get(year) {
                Some(p) => p.clone(),
                None => continue,
            },
        };
        let expo = as_groups(&expo, groups, &pop_shares);
        years += 1.0;
        for (i, v) in expo.values().iter().enumerate() {
            exposure[i] += v;
        }
        // A kind given by nationality in one year and not in another is pooled as totals:
        // the split sums are kept per group and summed below.
        add(&mut deaths, &f.deaths, &mut deaths_split);
        add(&mut emigrants, &f.emigration, &mut emi_split);
        add(&mut immigrants, &f.immigration, &mut imm_split);
        if f.births_by_age.len() == 2 * AGES && split {
            for (a, v) in f.births_by_age.iter().enumerate() {
                births_by_age[a] += v;
            }
        } else {
            births_split = false;
            for (a, v) in sum_over_groups(&f.births_by_age, AGES).iter().enumerate() {
                births_by_age[a] += v;
            }
        }
        births_by_sex[0] += f.births_by_sex[0];
        births_by_sex[1] += f.births_by_sex[1];
        if let (Some(acq), true) = (&f.acquisition, split) {
            naturalisation_years += 1;
            for i in 0..2 * AGES {
                naturalised[i] += acq[i];
                foreign_exposure[i] += expo.values()[2 * AGES + i];
            }
        }
    }
    if years == 0.0 {
        return parent.clone();
    }
    // Pools that were partly split hold group 0 in the first half only where the split years
    // added per group; fold them to totals (a split year's cell i and 202 + i both belong to
    // sex × age cell i).
    let fold = |v: &[f64]| sum_over_groups(v, 2 * AGES);
    let expo_pop = Population::from_values(groups, exposure.clone()).expect("finite");
    let total_prior = parent.merged(&expo_pop);
    let total_exposure = fold(&exposure);
    let mut r = parent.clone();
    r.mortality = shrunk(
        deaths_split,
        &deaths,
        &exposure,
        &parent.mortality,
        &total_exposure,
        &fold(&deaths),
        &total_prior.mortality,
        K_MORTALITY,
        2 * AGES,
    )
    .into_iter()
    .map(|q| q.min(1.0))
    .collect();
    r.emigration = shrunk(
        emi_split,
        &emigrants,
        &exposure,
        &parent.emigration,
        &total_exposure,
        &fold(&emigrants),
        &total_prior.emigration,
        K_EMIGRATION,
        2 * AGES,
    )
    .into_iter()
    .map(|e| e.min(0.9))
    .collect();
    // Fertility: births by mother's (group ×) age per woman-year of the same group and age.
    let women: Vec<f64> = (0..groups.count())
        .flat_map(|g| {
            let e = &exposure;
            (0..AGES).map(move |a| e[crate::population::cell(g, Sex::Female, a)])
        })
        .collect();
    let women_total: Vec<f64> = (0..AGES)
        .map(|a| total_exposure[cell(Sex::Female, a)])
        .collect();
    r.fertility = shrunk(
        births_split,
        &births_by_age,
        &women,
        &parent.fertility,
        &women_total,
        &sum_over_groups(&births_by_age, AGES),
        &total_prior.fertility,
        K_FERTILITY,
        AGES,
    );
    for g in 0..groups.count() {
        r.fertility[g * AGES] = 0.0;
    }
    let born = births_by_sex[0] + births_by_sex[1];
    r.share_female = (births_by_sex[1] + 1000.0 * parent.share_female) / (born + 1000.0);
    // Immigration: the mean yearly count, its (group ×) age–sex shares shrunk toward the
    // parent's; counts without nationality are split by the region's immigrant shares.
    let (imm, prior_imm) = if imm_split {
        (immigrants.clone(), parent.immigration.clone())
    } else {
        (fold(&immigrants), total_prior.immigration.clone())
    };
    let total_in: f64 = imm.iter().sum();
    let parent_in: f64 = prior_imm.iter().sum();
    let mean: Vec<f64> = (0..imm.len())
        .map(|i| {
            let parent_share = if parent_in > 0.0 {
                prior_imm[i] / parent_in
            } else {
                1.0 / imm.len() as f64
            };
            let share =
                (imm[i] + K_IMMIGRATION_SHARES * parent_share) / (total_in + K_IMMIGRATION_SHARES);
            share * total_in / years
        })
        .collect();
    r.immigration = if imm.len() == cells {
        mean
    } else {
        let shares = immigrant_shares(region, &latest, options);
        let mut v = vec![0.0; cells];
        for i in 0..2 * AGES {
            v[i] = mean[i] * (1.0 - shares[i]);
            v[2 * AGES + i] = mean[i] * shares[i];
        }
        v
    };
    // Acquisition of citizenship (foreign nationals only), shrunk toward the parent's rates;
    // where the parent knows none (no nationality, or no naturalisations recorded) toward the
    // region's own crude rate over all ages, so small numbers smooth the age pattern instead
    // of pulling the level to zero.
    if naturalisation_years > 0 {
        let parent_knows = parent.acquisition[2 * AGES..].iter().any(|x| *x > 0.0);
        let crude = ratio_or_zero(naturalised.iter().sum(), foreign_exposure.iter().sum());
        for i in 0..2 * AGES {
            let j = 2 * AGES + i;
            let prior = if parent_knows {
                parent.acquisition[j]
            } else {
                crude
            };
            r.acquisition[j] =
                shrink(naturalised[i], foreign_exposure[i], prior, K_ACQUISITION).min(1.0);
        }
    }
    r
}
