//! The service end to end on small hierarchies.

use std::collections::BTreeMap;

use super::*;
use crate::{AGES, Groups, Population, Sex};

fn pop(per_cell: f64) -> Population {
    Population::from_values(Groups::Total, vec![per_cell; 2 * AGES]).unwrap()
}

fn flows(scale: f64) -> YearFlows {
    let mut f = YearFlows::zeros();
    for a in 20..40 {
        f.births_by_age[a] = 1.0 * scale;
    }
    f.births_by_sex = [10.0 * scale, 10.0 * scale];
    for sex in Sex::ALL {
        for a in 0..AGES {
            f.deaths.set(0, sex, a, 0.01 * scale * a as f64 / 10.0);
            f.immigration.set(0, sex, a, 0.1 * scale);
            f.emigration.set(0, sex, a, 0.08 * scale);
        }
    }
    f
}

#[test]
fn villages_add_up_to_their_municipality_and_intervals_bracket_the_median() {
    let mut district = RegionData {
        id: 1,
        parent: None,
        population: BTreeMap::new(),
        flows: BTreeMap::new(),
    };
    district.population.insert(2022, pop(100.0));
    district.population.insert(2023, pop(100.0));
    district.flows.insert(2023, flows(10.0));
    let mut a = RegionData {
        id: 2,
        parent: Some(0),
        population: BTreeMap::new(),
        flows: BTreeMap::new(),
    };
    a.population.insert(2018, pop(55.0));
    a.population.insert(2023, pop(60.0));
    let mut b = a.clone();
    b.id = 3;
    b.population.insert(2018, pop(42.0));
    b.population.insert(2023, pop(40.0));
    let out = run(
        &[district, a, b],
        &Options {
            horizon: 10,
            trajectories: 50,
            seed: 1,
            base_years: None,
        },
        &Assumptions::default(),
        &|_| {},
    );
    assert_eq!((out.base_year, out.last_year), (2023, 2033));
    assert_eq!(out.methods[1].1, Method::HamiltonPerry);
    let get = |region: i64, year: i64, m: &str| {
        out.results
            .iter()
            .find(|r| {
                r.region_id == region && r.year == year && r.measure == m && r.scenario == "medium"
            })
            .unwrap()
            .clone()
    };
    for year in 2024..=2033 {
        let parent = get(1, year, "total").value;
        let sum = get(2, year, "total").value + get(3, year, "total").value;
        assert!(
            (parent - sum).abs() < 1e-6 * parent,
            "{year}: {parent} vs {sum}"
        );
        let v = get(2, year, "0-2");
        assert!(v.p10.unwrap() <= v.value && v.value <= v.p90.unwrap());
        assert!(v.p2_5.unwrap() <= v.p10.unwrap());
    }
    assert!(
        out.results
            .iter()
            .any(|r| r.scenario == "low" && r.region_id == 3)
    );
    assert_eq!(out.pyramids.iter().filter(|p| p.region_id == 3).count(), 11);
}

#[test]
fn the_backtest_projects_from_the_previous_observation() {
    let mut district = RegionData {
        id: 1,
        parent: None,
        population: BTreeMap::new(),
        flows: BTreeMap::new(),
    };
    district.population.insert(2018, pop(100.0));
    district.population.insert(2023, pop(90.0));
    district.flows.insert(2023, flows(10.0));
    let bt = backtest(&[district], &Options::default()).expect("two observations");
    assert_eq!((bt.jump_off, bt.to), (2018, 2023));
    // Only 2018 was known: no flows, the standard schedule; compared at horizon 5.
    let all = bt
        .rows
        .iter()
        .find(|r| r.size_class == "all")
        .expect("an overall row");
    assert_eq!((all.method.as_str(), all.horizon), ("standard_schedule", 5));
    assert_eq!(all.units, BAND_MEASURES.len());
    assert!(all.mape >= all.malpe.abs() && all.mape > 0.0, "{all:?}");
    let mut single = RegionData {
        id: 9,
        parent: None,
        population: BTreeMap::new(),
        flows: BTreeMap::new(),
    };
    single.population.insert(2023, pop(1.0));
    assert!(backtest(&[single], &Options::default()).is_none());
}

#[test]
fn a_smaller_village_gets_a_wider_relative_band() {
    let mut district = RegionData {
        id: 1,
        parent: None,
        population: BTreeMap::new(),
        flows: BTreeMap::new(),
    };
    district.population.insert(2022, pop(1000.0));
    district.population.insert(2023, pop(1000.0));
    district.flows.insert(2023, flows(100.0));
    // Two villages of equal structure, one ten times the other (Hamilton–Perry: they
    // inherit the district's rates-based band).
    let village = |id: i64, scale: f64| {
        let mut v = RegionData {
            id,
            parent: Some(0),
            population: BTreeMap::new(),
            flows: BTreeMap::new(),
        };
        v.population.insert(2018, pop(5.5 * scale));
        v.population.insert(2023, pop(6.0 * scale));
        v
    };
    let out = run(
        &[district, village(2, 10.0), village(3, 1.0)],
        &Options {
            horizon: 10,
            trajectories: 50,
            seed: 7,
            base_years: None,
        },
        &Assumptions::default(),
        &|_| {},
    );
    let rel = |region: i64, year: i64, m: &str| {
        let r = out
            .results
            .iter()
            .find(|r| {
                r.region_id == region && r.year == year && r.measure == m && r.scenario == "medium"
            })
            .unwrap();
        (r.p97_5.unwrap() - r.p2_5.unwrap()) / r.value
    };
    for year in 2024..=2033 {
        for m in BAND_MEASURES {
            let (large, small) = (rel(2, year, m), rel(3, year, m));
            assert!(small >= large - 1e-9, "{m} {year}: {small} < {large}");
        }
        assert!(rel(3, year, "0-2") > 1.5 * rel(2, year, "0-2"));
        assert!(rel(2, year, "total") >= rel(1, year, "total") - 1e-9);
    }
}

fn split_pop(national: f64, foreign: f64) -> Population {
    let mut p = Population::zeros(Groups::Nationality);
    for sex in Sex::ALL {
        for a in 0..AGES {
            p.set(0, sex, a, national);
            p.set(1, sex, a, foreign);
        }
    }
    p
}

fn medium(out: &Output, region: i64, measure: &str, year: i64) -> f64 {
    out.results
        .iter()
        .find(|r| {
            r.region_id == region
                && r.measure == measure
                && r.scenario == "medium"
                && r.year == year
        })
        .unwrap_or_else(|| panic!("{measure} {year} of {region}"))
        .value
}

#[test]
fn acquisition_moves_foreign_nationals_to_german_and_keeps_the_total() {
    let base = split_pop(90.0, 10.0);
    let region = RegionData {
        id: 1,
        parent: None,
        population: [(2023, base.clone())].into(),
        flows: BTreeMap::new(),
    };
    let options = Options {
        horizon: 10,
        trajectories: 0,
        ..Default::default()
    };
    let none = run(
        std::slice::from_ref(&region),
        &options,
        &Assumptions::default(),
        &|_| {},
    );
    let mut set = Assumptions::default();
    set.regions.insert(
        1,
        vec![Table {
            kind: Kind::Acquisition,
            year_from: None,
            group: Some(1),
            values: vec![0.05; 2 * AGES],
        }],
    );
    let with = run(std::slice::from_ref(&region), &options, &set, &|_| {});
    // Zero acquisition: the foreign group follows its own cohorts, exactly as a region of
    // only these foreign nationals would.
    let alone = RegionData {
        population: [(
            2023,
            Population::from_values(Groups::Total, base.values()[2 * AGES..].to_vec()).unwrap(),
        )]
        .into(),
        ..region.clone()
    };
    let alone = run(&[alone], &options, &Assumptions::default(), &|_| {});
    let mut previous_gap = 0.0;
    for y in 2024..=2033 {
        let foreign_none = medium(&none, 1, "foreign", y);
        let foreign_with = medium(&with, 1, "foreign", y);
        assert!(
            (foreign_none - medium(&alone, 1, "total", y)).abs() < 1e-6,
            "{y}: {foreign_none} vs {}",
            medium(&alone, 1, "total", y)
        );
        // Acquisition moves people out of the foreign group, more every year …
        let gap = foreign_none - foreign_with;
        assert!(gap > previous_gap + 0.01 * foreign_none, "{y}: {gap}");
        previous_gap = gap;
        // … into the German group: the total stays (deaths of the movers are counted
        // for half a year in each group).
        let (a, b) = (medium(&with, 1, "total", y), medium(&none, 1, "total", y));
        assert!((a - b).abs() < 1e-3 * b, "{y}: {a} vs {b}");
        let share = medium(&with, 1, "foreign_share", y);
        assert!((share - 100.0 * foreign_with / a).abs() < 1e-9);
    }
    // The pyramid keeps the split: the foreign part of the last year adds up.
    let p = with.pyramids.iter().find(|p| p.year == 2033).unwrap();
    let (fm, ff) = p.foreign.as_ref().expect("split pyramid");
    let foreign: f64 = fm.iter().chain(ff).sum();
    assert!((foreign - medium(&with, 1, "foreign", 2033)).abs() < 1e-6);
    // A region without nationality has neither foreign rows nor a split pyramid.
    assert!(!alone.results.iter().any(|r| r.measure == "foreign"));
    assert!(alone.pyramids.iter().all(|p| p.foreign.is_none()));
}

#[test]
fn german_children_of_foreign_mothers_leave_the_foreign_group_at_birth() {
    let region = RegionData {
        id: 1,
        parent: None,
        population: [(2023, split_pop(80.0, 20.0))].into(),
        flows: BTreeMap::new(),
    };
    let options = Options {
        horizon: 5,
        trajectories: 0,
        ..Default::default()
    };
    let share = |value: f64| {
        let mut set = Assumptions::default();
        set.regions.insert(
            1,
            vec![Table {
                kind: Kind::GermanBirths,
                year_from: None,
                group: None,
                values: vec![value],
            }],
        );
        run(std::slice::from_ref(&region), &options, &set, &|_| {})
    };
    let (none, half, all) = (share(0.0), share(0.5), share(1.0));
    let newborn_foreign = |out: &Output| {
        let p = out.pyramids.iter().find(|p| p.year == 2024).unwrap();
        let (m, f) = p.foreign.as_ref().expect("split pyramid");
        m[0] + f[0]
    };
    let newborn_all = |out: &Output| {
        let p = out.pyramids.iter().find(|p| p.year == 2024).unwrap();
        p.male[0] + p.female[0]
    };
    // Births happen (the standard schedule), and the share decides their nationality.
    assert!(newborn_all(&none) > 1.0);
    let (n0, n5, n1) = (
        newborn_foreign(&none),
        newborn_foreign(&half),
        newborn_foreign(&all),
    );
    assert!(n1 < n5 && n5 < n0, "{n1} {n5} {n0}");
    // Half of the foreign mothers' children German: the foreign newborns minus what
    // all-German leaves (immigrants of age 0) halves.
    assert!(((n0 - n5) - 0.5 * (n0 - n1)).abs() < 1e-6 * n0);
    for y in 2024..=2028 {
        // Nobody is lost or gained, only counted in the other group.
        let (a, b) = (medium(&all, 1, "total", y), medium(&none, 1, "total", y));
        assert!((a - b).abs() < 1e-6 * b, "{y}: {a} vs {b}");
        assert!(medium(&all, 1, "foreign", y) < medium(&none, 1, "foreign", y));
    }
}

#[test]
fn children_with_and_without_nationality_add_up_to_their_parent() {
    let options = Options {
        horizon: 8,
        trajectories: 20,
        ..Default::default()
    };
    // (parent split, second child split): mixed groupings rake the totals; all split
    // rakes by nationality too.
    for (parent_split, second_split) in [(true, false), (false, true), (true, true)] {
        let a = split_pop(30.0, 6.0);
        let b = if second_split {
            split_pop(55.0, 4.0)
        } else {
            pop(59.0)
        };
        let parent = if parent_split {
            split_pop(85.0, 10.0)
        } else {
            pop(95.0)
        };
        let mut district = RegionData {
            id: 1,
            parent: None,
            population: [(2023, parent)].into(),
            flows: BTreeMap::new(),
        };
        for y in 2021..=2023 {
            district.flows.insert(y, flows(10.0));
        }
        let child = |id: i64, p: Population| RegionData {
            id,
            parent: Some(0),
            population: [(2023, p)].into(),
            flows: [(2023, flows(3.0))].into(),
        };
        let regions = vec![district, child(2, a), child(3, b)];
        let out = run(&regions, &options, &Assumptions::default(), &|_| {});
        for year in 2024..=2031 {
            let pyr = |id: i64| {
                out.pyramids
                    .iter()
                    .find(|p| p.region_id == id && p.year == year)
                    .unwrap()
            };
            let (p, c1, c2) = (pyr(1), pyr(2), pyr(3));
            for age in 0..AGES {
                for (total, x, y) in [
                    (p.male[age], c1.male[age], c2.male[age]),
                    (p.female[age], c1.female[age], c2.female[age]),
                ] {
                    assert!(
                        (total - x - y).abs() < 1e-3 * total.max(1.0),
                        "{parent_split} {second_split} {year} {age}: {total} vs {x} + {y}"
                    );
                }
            }
            if parent_split && second_split {
                let f = |p: &Pyramid| {
                    let (m, f) = p.foreign.as_ref().unwrap();
                    m.iter().chain(f).sum::<f64>()
                };
                assert!((f(p) - f(c1) - f(c2)).abs() < 1e-3 * f(p));
            }
            // A split child keeps its foreign part after raking.
            assert!(c1.foreign.is_some());
            assert_eq!(c2.foreign.is_some(), second_split);
            let share = medium(&out, 2, "foreign_share", year);
            assert!(share > 5.0 && share < 40.0, "{share}");
        }
        // Intervals still bracket the median.
        let row = out
            .results
            .iter()
            .find(|r| r.region_id == 2 && r.measure == "total" && r.year == 2031)
            .unwrap();
        assert!(row.p2_5.unwrap() <= row.value && row.value <= row.p97_5.unwrap());
    }
}
