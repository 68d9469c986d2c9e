//! A run over the whole hierarchy, in five stages: rates top-down, stochastic trajectories,
//! deterministic projections, raking of children to their parents, result rows. One
//! function on purpose: the stages share the per-region tables they fill in turn, and read
//! top to bottom as `docs/demography.md` describes the method.

// Cell-by-cell loops over ages read like the formulas they implement.
#![allow(clippy::needless_range_loop)]

use crate::ccm::{self, Projection, Rates};
use crate::hamilton_perry::HamiltonPerry;
use crate::raking::{RakeOptions, rake};
use crate::scenario::{Scenario, project_scenarios};
use crate::small_area;
use crate::stochastic::{self, RegionInput, StochasticConfig};
use crate::{AGES, Groups, Population};

use super::assumptions::Assumptions;
use super::flow_rates::derive;
use super::input::{Options, RegionData};
use super::output::{
    BAND_MEASURES, COMPONENT_MEASURES, Output, STRUCTURE_MEASURES, band_sums, bands,
    nationality_rows, per_band_year, plain, pyramid, structure,
};
use super::rates::{
    Path, as_groups, foreign_shares, immigrant_shares, ratio_or_zero, regroup, scaled_parent_rates,
    standard_rates, turnover,
};
use super::{Method, Stage, Step};

struct Projected {
    method: Method,
    /// Medium population per projected year (index t = 0 is base year + 1).
    medium: Vec<Population>,
    /// Deterministic band sums before raking (for the ratios), per band × year.
    unraked_bands: Vec<Vec<f64>>,
    /// Low and high band sums per band × year (cohort-component regions only).
    scenario_bands: Option<[Vec<Vec<f64>>; 2]>,
    /// Quantile ratios per band × year: (p2.5, p10, p90, p97.5) / deterministic.
    interval_ratios: Option<Vec<Vec<[f64; 4]>>>,
    /// Demographic events (births, deaths, moves in and out) per person and year, per band
    /// (regions with rates); widens the intervals by the noise of small counts.
    turnover: Option<Vec<f64>>,
    /// Components per year (cohort-component regions only).
    components: Option<Vec<ccm::Components>>,
    rates: Option<Rates>,
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 1.0 }
}

/// Runs the projection for all regions. `regions` must list parents before children.
/// Regions and kinds the assumption set gives use its tables; the others derive their rates
/// from their flows over `options.base_years`, shrunk toward the parent's (explicit where the
/// set gives the parent's). `progress` hears every region and year done.
pub fn run(
    regions: &[RegionData],
    options: &Options,
    assumptions: &Assumptions,
    progress: &dyn Fn(Step),
) -> Output {
    let bands = bands();
    let horizon = options.horizon.max(1);
    let base_year = regions
        .iter()
        .filter_map(|r| r.population.keys().next_back().copied())
        .max()
        .unwrap_or(0);
    let last_year = base_year + horizon as i64;
    let n = regions.len();
    let step = |stage: Stage, done: usize, total: usize| progress(Step { stage, done, total });

    // 1. Rates and methods, top-down.
    let mut rates: Vec<Option<Path>> = vec![None; n];
    let mut methods = vec![Method::NoBaseData; n];
    let standard = Path::constant(standard_rates());
    step(Stage::Rates, 0, n);
    for (i, r) in regions.iter().enumerate() {
        step(Stage::Rates, i, n);
        let Some(base) = r.population.get(&base_year) else {
            continue;
        };
        let parent_path = r
            .parent
            .and_then(|p| rates[p].as_ref())
            .unwrap_or(&standard);
        let has_flows = r
            .flows
            .keys()
            .any(|y| *y <= base_year && options.in_base_years(*y));
        let explicit = assumptions.regions.contains_key(&r.id);
        let earlier = r
            .population
            .keys()
            .rev()
            .find(|y| **y < base_year && base_year - **y <= 15);
        let parent_has_rates = r.parent.is_some_and(|p| rates[p].is_some());
        let method = if has_flows {
            Method::CohortComponent
        } else if explicit {
            Method::AssumptionSet
        } else if earlier.is_some() && r.parent.is_some() {
            Method::HamiltonPerry
        } else if parent_has_rates {
            Method::ParentRates
        } else {
            Method::StandardSchedule
        };
        methods[i] = method;
        if method == Method::HamiltonPerry {
            continue;
        }
        let parent_base = r.parent.and_then(|p| regions[p].population.get(&base_year));
        let parent_total = parent_base.map_or(0.0, |x| x.total());
        // The region's grouping is that of its base-year population; the parent's rates
        // (and the standard schedule) are brought into it.
        let groups = base.groups();
        let shares = immigrant_shares(r, base, options);
        let no_weights = Population::zeros(Groups::Total);
        let parent_weights = parent_base.unwrap_or(&no_weights);
        let standard_here = || regroup(&standard_rates(), groups, &no_weights, &shares);
        // Segments where the parent's rates or this region's tables change.
        let mut starts: Vec<usize> = parent_path
            .starts()
            .chain(assumptions.change_points(r.id, base_year, horizon))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let segments = starts
            .into_iter()
            .map(|t| {
                let parent = regroup(parent_path.at(t), groups, parent_weights, &shares);
                let mut rt = match method {
                    Method::CohortComponent => derive(r, &parent, options),
                    Method::StandardSchedule => standard_here(),
                    _ if parent_has_rates => {
                        scaled_parent_rates(&parent, base.total(), parent_total)
                    }
                    _ => standard_here(),
                };
                if explicit {
                    assumptions.apply(r.id, base_year + t as i64 + 1, &mut rt, &shares);
                }
                (t, rt)
            })
            .collect();
        rates[i] = Some(Path { segments });
    }
    step(Stage::Rates, n, n);

    // 2. Stochastic intervals of every region with its own rates (shocks common to all: they
    // depend on the seed and the trajectory only, so region by region gives the same result).
    let with_rates: Vec<usize> = (0..n)
        .filter(|i| rates[*i].is_some() && methods[*i] != Method::HamiltonPerry)
        .collect();
    let mut intervals: Vec<Option<stochastic::Intervals>> = vec![None; n];
    if options.trajectories > 0 {
        let config = StochasticConfig {
            trajectories: options.trajectories,
            seed: options.seed,
            bands: bands.clone(),
            ..Default::default()
        };
        step(Stage::Trajectories, 0, with_rates.len());
        for (k, i) in with_rates.iter().enumerate() {
            let input = RegionInput {
                name: regions[*i].id.to_string(),
                base: regions[*i].population[&base_year].clone(),
                rates: rates[*i].as_ref().expect("filtered").yearly(horizon),
            };
            intervals[*i] = stochastic::simulate(&[input], base_year as i32, horizon, &config).ok();
            step(Stage::Trajectories, k + 1, with_rates.len());
        }
    }

    // 3. Deterministic projections.
    let mut projected: Vec<Option<Projected>> = (0..n).map(|_| None).collect();
    step(Stage::Projection, 0, n);
    for i in 0..n {
        step(Stage::Projection, i, n);
        let r = &regions[i];
        let Some(base) = r.population.get(&base_year) else {
            continue;
        };
        let p = if methods[i] == Method::HamiltonPerry {
            let y0 = *r
                .population
                .keys()
                .rev()
                .find(|y| **y < base_year && base_year - **y <= 15)
                .expect("method chosen because it exists");
            let k = (base_year - y0) as usize;
            // By nationality where both observations have it (the cohort-change ratios then
            // carry naturalisations); otherwise on the totals, the projected totals split by
            // the base year's nationality shares per sex × age.
            let earlier = &r.population[&y0];
            let same = earlier.groups() == base.groups();
            let (p0, p1) = if same {
                (earlier.clone(), base.clone())
            } else {
                (earlier.merged(), base.merged())
            };
            let Ok(hp) = HamiltonPerry::estimate(&p0, &p1, k, None) else {
                continue;
            };
            let steps = horizon.div_ceil(k);
            let Ok(points) = hp.project_steps(&p1, steps) else {
                continue;
            };
            let shares = foreign_shares(base);
            let points: Vec<Population> = points
                .iter()
                .map(|p| as_groups(p, base.groups(), &shares))
                .collect();
            let medium: Vec<Population> = (1..=horizon)
                .map(|t| {
                    let j = t / k;
                    let frac = (t % k) as f64 / k as f64;
                    let a = if j == 0 { base } else { &points[j - 1] };
                    if frac == 0.0 {
                        return a.clone();
                    }
                    let b = &points[j];
                    let v: Vec<f64> = a
                        .values()
                        .iter()
                        .zip(b.values())
                        .map(|(x, y)| (x + frac * (y - x)).max(0.0))
                        .collect();
                    Population::from_values(a.groups(), v).expect("finite, non-negative")
                })
                .collect();
            Projected {
                method: Method::HamiltonPerry,
                unraked_bands: per_band_year(&medium, &bands),
                medium,
                scenario_bands: None,
                interval_ratios: None,
                turnover: None,
                components: None,
                rates: None,
            }
        } else {
            let path = rates[i].as_ref().expect("rates chosen above");
            let yearly = path.every_year(horizon);
            let Ok(runs) = project_scenarios(
                base,
                base_year as i32,
                &yearly,
                &[Scenario::low(), Scenario::medium(), Scenario::high()],
            ) else {
                continue;
            };
            let pops = |p: &Projection| -> Vec<Population> {
                p.years.iter().map(|y| y.population.clone()).collect()
            };
            let medium = pops(&runs[1].1);
            let unraked = per_band_year(&medium, &bands);
            let interval_ratios = intervals[i].as_ref().map(|iv| {
                (0..bands.len())
                    .map(|b| {
                        (0..horizon)
                            .map(|t| {
                                let q = iv.get(0, b, t);
                                let d = unraked[b][t];
                                [
                                    ratio(q.p2_5, d),
                                    ratio(q.p10, d),
                                    ratio(q.p90, d),
                                    ratio(q.p97_5, d),
                                ]
                            })
                            .collect()
                    })
                    .collect()
            });
            Projected {
                method: methods[i],
                scenario_bands: Some([
                    per_band_year(&pops(&runs[0].1), &bands),
                    per_band_year(&pops(&runs[2].1), &bands),
                ]),
                components: Some(runs[1].1.years.iter().map(|y| y.components).collect()),
                unraked_bands: unraked,
                turnover: Some(turnover(base, path.at(0), &bands)),
                medium,
                interval_ratios,
                rates: Some(path.at(0).clone()),
            }
        };
        projected[i] = Some(p);
    }

    step(Stage::Projection, n, n);

    // 4. Raking, year by year and top-down: children of each parent to the parent's (already
    // raked) medium.
    let options_rake = RakeOptions::default();
    let mut children_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for c in 0..n {
        if let Some(p) = regions[c].parent
            && projected[c].is_some()
        {
            children_of[p].push(c);
        }
    }
    let families: Vec<(usize, bool)> = (0..n)
        .filter(|p| !children_of[*p].is_empty() && projected[*p].is_some())
        .map(|parent| {
            let parent_base = regions[parent].population[&base_year].total();
            let child_base: f64 = children_of[parent]
                .iter()
                .map(|c| regions[*c].population[&base_year].total())
                .sum();
            (parent, child_base < 0.995 * parent_base)
        })
        .collect();
    step(Stage::Raking, 0, horizon);
    for t in 0..horizon {
        for (parent, partial) in &families {
            let children = &children_of[*parent];
            let target_pop = &projected[*parent].as_ref().expect("checked").medium[t];
            let medium = |c: usize| &projected[c].as_ref().expect("filtered").medium[t];
            // Over nationality × sex × age where the parent and every child have nationality,
            // else over the totals per sex × age (docs/demography.md, "Raking").
            let full = target_pop.groups() == Groups::Nationality
                && children
                    .iter()
                    .all(|c| medium(*c).groups() == Groups::Nationality);
            let view = |p: &Population| {
                if full {
                    p.values().to_vec()
                } else {
                    p.by_sex_age()
                }
            };
            let target = view(target_pop);
            let mut rows: Vec<Vec<f64>> = children.iter().map(|c| view(medium(*c))).collect();
            let mut totals: Vec<f64> = rows.iter().map(|r| r.iter().sum()).collect();
            if *partial {
                let mut rest = target.clone();
                for r in &rows {
                    for (x, y) in rest.iter_mut().zip(r) {
                        *x -= y;
                    }
                }
                rest.iter_mut().for_each(|x| *x = x.max(0.0));
                let rest_total = (target_pop.total() - totals.iter().sum::<f64>()).max(0.0);
                rows.push(rest);
                totals.push(rest_total);
            }
            let Ok(raked) = rake(&rows, &target, Some(&totals), &options_rake) else {
                continue;
            };
            let mut fitted_all = Vec::with_capacity(children.len());
            for (c, cells) in children.iter().zip(raked.cells) {
                let old = medium(*c);
                let fitted = if full || old.groups() == Groups::Total {
                    Population::from_values(old.groups(), cells)
                } else {
                    // Keep the child's nationality shares within each sex × age cell.
                    let before = old.by_sex_age();
                    let mut v = old.values().to_vec();
                    for (i, x) in v.iter_mut().enumerate() {
                        let k = i % (2 * AGES);
                        *x *= ratio_or_zero(cells[k], before[k]);
                    }
                    Population::from_values(old.groups(), v)
                };
                fitted_all.push((*c, fitted));
            }
            for (c, fitted) in fitted_all {
                if let Ok(p) = fitted {
                    projected[c].as_mut().expect("filtered").medium[t] = p;
                }
            }
        }
        step(Stage::Raking, t + 1, horizon);
    }

    // 5. Results.
    let mut results = Vec::new();
    let mut pyramids = Vec::new();
    let mut method_list = Vec::new();
    for i in 0..n {
        let r = &regions[i];
        method_list.push((r.id, methods[i]));
        // Observed years.
        for (year, p) in &r.population {
            for (m, v) in BAND_MEASURES.iter().zip(band_sums(p, &bands)) {
                results.push(plain(r.id, "observed", *year, m, v));
            }
            for (m, v) in STRUCTURE_MEASURES.iter().zip(structure(p)) {
                if v.is_finite() {
                    results.push(plain(r.id, "observed", *year, m, v));
                }
            }
            results.extend(nationality_rows(r.id, "observed", *year, p));
        }
        for (year, f) in &r.flows {
            let births = f.births_by_sex[0] + f.births_by_sex[1];
            let deaths = f.deaths.total();
            let migration = f.immigration.total() - f.emigration.total();
            for (m, v) in
                COMPONENT_MEASURES
                    .iter()
                    .zip([births, deaths, births - deaths, migration])
            {
                results.push(plain(r.id, "observed", *year, m, v));
            }
        }
        let Some(p) = &projected[i] else {
            continue;
        };
        if let Some(base) = r.population.get(&base_year) {
            pyramids.push(pyramid(r.id, base_year, base));
        }
        // Nearest region with its own ratios: itself or an ancestor.
        let mut source = Some(i);
        while let Some(s) = source {
            if projected[s]
                .as_ref()
                .is_some_and(|x| x.scenario_bands.is_some())
            {
                break;
            }
            source = regions[s].parent;
        }
        let src = source.and_then(|s| projected[s].as_ref());
        for t in 0..horizon {
            let year = base_year + t as i64 + 1;
            let pop = &p.medium[t];
            pyramids.push(pyramid(r.id, year, pop));
            let sums = band_sums(pop, &bands);
            for (b, m) in BAND_MEASURES.iter().enumerate() {
                let value = sums[b];
                let mut row = plain(r.id, "medium", year, m, value);
                if let Some(q) = src.and_then(|s| s.interval_ratios.as_ref()) {
                    // The source's relative band, widened by this region's own small-count
                    // noise (docs/demography.md, "Intervals of small areas").
                    let events = src.and_then(|s| s.turnover.as_ref()).map_or(0.0, |g| g[b]);
                    let q = small_area::widen(q[b][t], value, events, (t + 1) as f64);
                    row.p2_5 = Some(value * q[0]);
                    row.p10 = Some(value * q[1]);
                    row.p90 = Some(value * q[2]);
                    row.p97_5 = Some(value * q[3]);
                }
                results.push(row);
                if let Some(sc) = src.and_then(|s| s.scenario_bands.as_ref().map(|x| (s, x))) {
                    let (s, [low, high]) = sc;
                    let d = s.unraked_bands[b][t];
                    results.push(plain(r.id, "low", year, m, value * ratio(low[b][t], d)));
                    results.push(plain(r.id, "high", year, m, value * ratio(high[b][t], d)));
                }
            }
            for (m, v) in STRUCTURE_MEASURES.iter().zip(structure(pop)) {
                if v.is_finite() {
                    results.push(plain(r.id, "medium", year, m, v));
                }
            }
            results.extend(nationality_rows(r.id, "medium", year, pop));
            if let Some(c) = &p.components {
                let c = &c[t];
                for (m, v) in COMPONENT_MEASURES.iter().zip([
                    c.births_total(),
                    c.deaths_total(),
                    c.natural_balance(),
                    c.migration_balance(),
                ]) {
                    results.push(plain(r.id, "medium", year, m, v));
                }
            }
        }
        let _ = (&p.rates, p.method);
    }
    Output {
        base_year,
        last_year,
        methods: method_list,
        results,
        pyramids,
    }
}
