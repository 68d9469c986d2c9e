//! Demo data: a synthetic district shaped like the Landkreis Leipzig — the district, six towns
//! and six villages — with population by age and sex for 2018 and 2023, flows 2021–2023 for the
//! district and three towns, and childcare capacities that leave a visible gap. Every name
//! carries "(synthetisch)": the figures are invented, only their shape is plausible (an ageing
//! East German district with large 1955–1965 cohorts and few births).
//!
//! One town, Markkleeberg, distinguishes nationality (German / foreign nationals, about 7 %
//! foreign in 2023 and 5 % in 2018, more among young adults) in its population and flows, with
//! some naturalisations, so the projection by nationality is visible; the split never changes
//! a cell's total (the foreign part is rounded, the German part is the rest).
//!
//! The data go through the ordinary import (so the demo also exercises its checks), then one
//! projection run.

// Cell-by-cell loops over ages read like the formulas they implement.
#![allow(clippy::needless_range_loop)]

use std::fmt::Write;

use standort_store::demography as store;

use standort_demography::service;

use super::{CapacityInput, ImportFiles};
use crate::{App, AppError};

/// (key, name, level, parent key, population 2023, youth factor, 2018→2023 change of the
/// young adults, has flows)
type DemoRegion = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    f64,
    f64,
    f64,
    bool,
);

const REGIONS: &[DemoRegion] = &[
    (
        "14729",
        "Landkreis Leipzig (synthetisch)",
        "kreis",
        None,
        255_000.0,
        1.0,
        0.97,
        true,
    ),
    (
        "14729160",
        "Grimma (synthetisch)",
        "gemeinde",
        Some("14729"),
        28_400.0,
        1.02,
        0.96,
        true,
    ),
    (
        "14729050",
        "Borna (synthetisch)",
        "gemeinde",
        Some("14729"),
        19_100.0,
        0.97,
        0.95,
        true,
    ),
    (
        "14729270",
        "Markkleeberg (synthetisch)",
        "gemeinde",
        Some("14729"),
        24_800.0,
        1.12,
        1.04,
        true,
    ),
    (
        "14729410",
        "Wurzen (synthetisch)",
        "gemeinde",
        Some("14729"),
        16_200.0,
        0.98,
        0.95,
        false,
    ),
    (
        "14729320",
        "Naunhof (synthetisch)",
        "gemeinde",
        Some("14729"),
        8_900.0,
        1.08,
        1.02,
        false,
    ),
    (
        "14729080",
        "Colditz (synthetisch)",
        "gemeinde",
        Some("14729"),
        8_400.0,
        0.92,
        0.9,
        false,
    ),
    (
        "14729160001",
        "Nerchau (synthetisch)",
        "ortsteil",
        Some("14729160"),
        3_200.0,
        1.08,
        0.97,
        false,
    ),
    (
        "14729160002",
        "Mutzschen (synthetisch)",
        "ortsteil",
        Some("14729160"),
        1_150.0,
        0.95,
        0.9,
        false,
    ),
    (
        "14729160003",
        "Großbardau (synthetisch)",
        "ortsteil",
        Some("14729160"),
        920.0,
        1.05,
        0.94,
        false,
    ),
    (
        "14729160004",
        "Höfgen (synthetisch)",
        "ortsteil",
        Some("14729160"),
        160.0,
        0.8,
        0.85,
        false,
    ),
    (
        "14729050001",
        "Eula (synthetisch)",
        "ortsteil",
        Some("14729050"),
        610.0,
        0.9,
        0.88,
        false,
    ),
    (
        "14729050002",
        "Zedtlitz (synthetisch)",
        "ortsteil",
        Some("14729050"),
        720.0,
        0.95,
        0.9,
        false,
    ),
];

/// (region key, facility, from year, places, take-up %)
const CAPACITIES: &[(&str, &str, i64, i64, f64)] = &[
    ("14729160", "kindergarten", 2024, 560, 95.0),
    ("14729160", "creche", 2024, 380, 55.0),
    ("14729050", "kindergarten", 2024, 470, 95.0),
    ("14729270", "kindergarten", 2024, 640, 95.0),
    ("14729270", "creche", 2024, 330, 55.0),
    ("14729160001", "creche", 2024, 30, 55.0),
    ("14729160001", "kindergarten", 2024, 75, 95.0),
    ("14729050002", "kindergarten", 2024, 12, 95.0),
];

/// (region key, foreign share 2023, foreign share 2018): synthetic, like the rest.
const NATIONALITY: &[(&str, f64, f64)] = &[("14729270", 0.07, 0.05)];
/// How the demo writes the two classes (free text, mapped by `parse::nat_group`).
const GERMAN: &str = "deutsch";
const FOREIGN: &str = "ausländisch";

/// Relative foreign share by age: most among young adults, few among the old.
fn foreign_profile(age: usize) -> f64 {
    match age {
        0..=17 => 0.9,
        18..=44 => 1.8,
        45..=64 => 0.8,
        _ => 0.25,
    }
}

/// Foreign share per sex × age for a population `p` so that the whole has `target`.
fn foreign_shares(p: &[Vec<f64>; 2], target: f64) -> [Vec<f64>; 2] {
    let weighted: f64 = (0..2)
        .flat_map(|s| (0..=100).map(move |a| (s, a)))
        .map(|(s, a)| p[s][a] * foreign_profile(a))
        .sum();
    let total: f64 = p.iter().flatten().sum();
    let k = target * total / weighted.max(1.0);
    let v: Vec<f64> = (0..=100)
        .map(|a| (k * foreign_profile(a)).min(0.9))
        .collect();
    [v.clone(), v]
}

/// Writes `n` persons as one line without nationality, or as German and foreign lines
/// (`share` foreign, rounded; the German line takes the rest, so totals do not change).
fn split_lines(out: &mut String, prefix: &str, n: i64, share: Option<f64>) {
    match share {
        None => {
            let _ = writeln!(out, "{prefix},,{n}");
        }
        Some(share) => {
            let foreign = ((n as f64) * share).round() as i64;
            let _ = writeln!(out, "{prefix},{GERMAN},{}", n - foreign);
            let _ = writeln!(out, "{prefix},{FOREIGN},{foreign}");
        }
    }
}

/// Relative size of an age cohort in an East German district in 2023 (piecewise linear).
fn shape(age: usize, youth: f64) -> f64 {
    let knots: [(f64, f64); 14] = [
        (0.0, 0.62),
        (5.0, 0.78),
        (10.0, 0.92),
        (17.0, 0.85),
        (22.0, 0.62),
        (30.0, 0.95),
        (36.0, 1.18),
        (45.0, 0.98),
        (55.0, 1.35),
        (62.0, 1.55),
        (70.0, 1.12),
        (82.0, 0.95),
        (92.0, 0.3),
        (100.0, 0.02),
    ];
    let a = age as f64;
    let mut v = knots[knots.len() - 1].1;
    for w in knots.windows(2) {
        let ((a0, v0), (a1, v1)) = (w[0], w[1]);
        if a >= a0 && a <= a1 {
            v = v0 + (v1 - v0) * (a - a0) / (a1 - a0);
            break;
        }
    }
    // Families: more children and parents in the youthful places.
    if age < 18 || (28..=45).contains(&age) {
        v *= youth;
    }
    v
}

/// Persons by sex (m, f) and age for a region's total.
fn population(total: f64, youth: f64) -> [Vec<f64>; 2] {
    let shape: Vec<f64> = (0..=100).map(|a| shape(a, youth)).collect();
    let sum: f64 = shape.iter().sum::<f64>() * 2.0;
    let female_share = |a: usize| match a {
        0..=59 => 0.485,
        60..=79 => 0.53,
        _ => 0.66,
    };
    let m = (0..=100)
        .map(|a| total * shape[a] / sum * 2.0 * (1.0 - female_share(a)))
        .collect();
    let f = (0..=100)
        .map(|a| total * shape[a] / sum * 2.0 * female_share(a))
        .collect();
    [m, f]
}

/// The same cohorts five years earlier: young adults were more numerous (they left since)
/// where `young_change` < 1.
fn earlier(now: &[Vec<f64>; 2], young_change: f64) -> [Vec<f64>; 2] {
    let back = |v: &Vec<f64>| -> Vec<f64> {
        (0..=100)
            .map(|a| {
                let later = if a + 5 <= 100 { v[a + 5] } else { v[100] * 0.2 };
                // Mortality over five years, roughly.
                let survival = if a > 60 {
                    1.0 - 0.012 * (a - 60) as f64
                } else {
                    0.995
                };
                let migration = if (13..=30).contains(&a) {
                    young_change
                } else {
                    1.0
                };
                later / survival.max(0.3) / migration
            })
            .collect()
    };
    [back(&now[0]), back(&now[1])]
}

pub(crate) fn csv_files() -> ImportFiles {
    let mut regions = String::from("key,name,level,parent_key,note\n");
    let mut pop = String::from("region_key,year,age,sex,nationality,population\n");
    let mut flows = String::from("region_key,year,kind,age,sex,nationality,count\n");
    let std = service::standard_rates();
    for (key, name, level, parent, total, youth, young_change, has_flows) in REGIONS {
        let _ = writeln!(
            regions,
            "{key},\"{name}\",{level},{},synthetisch: erfundene Zahlen für die Vorführung",
            parent.unwrap_or("")
        );
        let now = population(*total, *youth);
        let before = earlier(&now, *young_change);
        let nat = NATIONALITY.iter().find(|n| n.0 == *key);
        let shares_now = nat.map(|n| foreign_shares(&now, n.1));
        let shares_before = nat.map(|n| foreign_shares(&before, n.2));
        for (year, p, shares) in [(2018, &before, &shares_before), (2023, &now, &shares_now)] {
            for (s, sex) in ["m", "f"].iter().enumerate() {
                for age in 0..=100 {
                    split_lines(
                        &mut pop,
                        &format!("{key},{year},{age},{sex}"),
                        p[s][age].round() as i64,
                        shares.as_ref().map(|x| x[s][age]),
                    );
                }
            }
        }
        if !has_flows {
            continue;
        }
        for year in 2021..=2023 {
            let drift = 1.0 + (year - 2022) as f64 * 0.03;
            // Births: about 7.4 per 1,000 (the district's level), by mother's age.
            let births_total = total * 0.0074 * youth * drift;
            let fert_sum: f64 = std.fertility.iter().sum();
            for age in 15..=49 {
                let n = births_total * std.fertility[age] / fert_sum;
                let boys = (n * 0.513).round() as i64;
                let girls = (n * 0.487).round() as i64;
                // By the mother's nationality: foreign women have somewhat more children.
                let mothers = shares_now.as_ref().map(|x| (x[1][age] * 1.3).min(0.9));
                split_lines(
                    &mut flows,
                    &format!("{key},{year},births,{age},m"),
                    boys,
                    mothers,
                );
                split_lines(
                    &mut flows,
                    &format!("{key},{year},births,{age},f"),
                    girls,
                    mothers,
                );
            }
            for (s, sex) in ["m", "f"].iter().enumerate() {
                // Naturalisations are few per cell: round with a carry so they add up.
                let mut carry = 0.0;
                for age in 0..=100 {
                    let n = now[s][age];
                    let q = std.mortality[s * 101 + age] * 1.08;
                    let deaths = (n * q).round() as i64;
                    // Moves: young adults most mobile; a slight net gain in the suburbs.
                    let mobility = match age {
                        0..=5 => 0.05,
                        6..=17 => 0.03,
                        18..=29 => 0.11,
                        30..=44 => 0.05,
                        45..=64 => 0.02,
                        _ => 0.015,
                    };
                    let inflow =
                        (n * mobility * (0.98 + 0.05 * (youth - 1.0)) * drift).round() as i64;
                    let outflow = (n * mobility * 0.97).round() as i64;
                    let share = shares_now.as_ref().map(|x| x[s][age]);
                    // Foreign nationals are a larger part of those who move.
                    let movers = share.map(|x| (x * 2.5).min(0.9));
                    let cell = |kind: &str| format!("{key},{year},{kind},{age},{sex}");
                    split_lines(&mut flows, &cell("deaths"), deaths, share);
                    split_lines(&mut flows, &cell("immigration"), inflow, movers);
                    split_lines(&mut flows, &cell("emigration"), outflow, movers);
                    // Naturalisations: about 1.5 % of foreign adults a year (fewer children).
                    if let Some(share) = share {
                        let rate = if (18..=70).contains(&age) {
                            0.015
                        } else {
                            0.006
                        };
                        carry += n * share * rate;
                        let whole = carry.round();
                        carry -= whole;
                        let _ = writeln!(flows, "{},,{}", cell("acquisition"), whole as i64);
                    }
                }
            }
        }
    }
    ImportFiles {
        regions: Some(regions.into_bytes()),
        population: Some(pop.into_bytes()),
        flows: Some(flows.into_bytes()),
    }
}

/// Loads the synthetic district, its capacities and one projection run; does nothing when
/// regions exist already.
pub async fn load_demography_demo(app: &App) -> Result<(), AppError> {
    {
        let mut conn = app.db.conn().await?;
        if store::count_regions(&mut conn).await? > 0 {
            return Ok(());
        }
    }
    app.demography_import(None, &csv_files())
        .await
        .map_err(|e| AppError::Internal(format!("demo demography data: {e}")))?;
    let now = app.now();
    {
        let mut tx = app.db.begin_write().await?;
        for (key, facility, year_from, places, take_up) in CAPACITIES {
            let region = store::find_region_by_key(&mut tx, key)
                .await?
                .ok_or(AppError::NotFound)?;
            let input = CapacityInput {
                facility: (*facility).into(),
                year_from: *year_from,
                places: *places,
                take_up_percent: Some(*take_up),
            };
            store::set_capacity(
                &mut tx,
                region.id,
                &input.facility,
                input.year_from,
                input.places,
                take_up / 100.0,
                now,
            )
            .await?;
        }
        tx.commit().await?;
    }
    app.demography_project(
        None,
        &service::Options {
            trajectories: 200,
            ..Default::default()
        },
        None,
    )
    .await?;
    Ok(())
}
