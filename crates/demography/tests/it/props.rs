//! Property tests of the engines.

use proptest::prelude::*;
use standort_demography::ccm::{self, Multipliers, Rates};
use standort_demography::hamilton_perry::HamiltonPerry;
use standort_demography::raking::{RakeOptions, rake};
use standort_demography::{AGES, Groups, MAX_AGE, Population};

fn population(groups: Groups) -> impl Strategy<Value = Population> {
    prop::collection::vec(0.0f64..5000.0, groups.cells())
        .prop_map(move |v| Population::from_values(groups, v).unwrap())
}

fn rates(groups: Groups) -> impl Strategy<Value = Rates> {
    let c = groups.cells();
    (
        prop::collection::vec(0.0f64..0.3, groups.count() * AGES),
        prop::collection::vec(0.0f64..=1.0, c),
        prop::collection::vec(0.0f64..=1.0, c),
        prop::collection::vec(0.0f64..200.0, c),
        prop::collection::vec(0.0f64..=1.0, c),
        0.0f64..=1.0,
        0.0f64..=1.0,
    )
        .prop_map(move |(mut f, q, e, i, a, sf, ns)| {
            for g in 0..groups.count() {
                f[g * AGES] = 0.0;
            }
            Rates {
                groups,
                fertility: f,
                mortality: q,
                emigration: e,
                immigration: i,
                acquisition: a,
                share_female: sf,
                native_share_of_foreign_births: ns,
            }
        })
}

fn groups() -> impl Strategy<Value = Groups> {
    prop_oneof![Just(Groups::Total), Just(Groups::Nationality)]
}

fn multipliers() -> impl Strategy<Value = Multipliers> {
    (0.0f64..3.0, 0.0f64..3.0, 0.0f64..3.0, 0.0f64..3.0).prop_map(|(f, m, e, i)| Multipliers {
        fertility: f,
        mortality: m,
        emigration: e,
        immigration: i,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No cell of any projected year is negative (or non-finite), whatever the rates.
    #[test]
    fn projection_never_negative(
        (base, rates, m) in groups().prop_flat_map(|g| (population(g), prop::collection::vec(rates(g), 1..6), multipliers()))
    ) {
        let p = ccm::project(&base, 2024, &rates, &m).unwrap();
        for y in &p.years {
            prop_assert!(y.population.values().iter().all(|v| v.is_finite() && *v >= 0.0));
        }
    }

    /// Without births, deaths and migration each cohort keeps its size and moves up one
    /// age per year; 100+ accumulates.
    #[test]
    fn zero_rates_keep_cohorts((base, g) in groups().prop_flat_map(|g| (population(g), Just(g))), years in 1usize..8) {
        let rates = vec![Rates::zeros(g); years];
        let p = ccm::project(&base, 2000, &rates, &Multipliers::ONE).unwrap();
        let last = &p.years[years - 1].population;
        for gi in 0..g.count() {
            for sex in standort_demography::Sex::ALL {
                for a in 0..AGES {
                    let expected = if a < years {
                        0.0
                    } else if a < MAX_AGE {
                        base.get(gi, sex, a - years)
                    } else {
                        (MAX_AGE - years..=MAX_AGE).map(|b| base.get(gi, sex, b)).sum()
                    };
                    let got = last.get(gi, sex, a);
                    prop_assert!((got - expected).abs() <= 1e-9 * expected.max(1.0), "age {a}: {got} vs {expected}");
                }
            }
        }
        prop_assert!((last.total() - base.total()).abs() <= 1e-9 * base.total().max(1.0));
    }

    /// Raking makes the children sum to the parent in every cell and keeps cells ≥ 0.
    #[test]
    fn raking_conserves_parent_totals(
        children in prop::collection::vec(prop::collection::vec(0.0f64..1000.0, 12), 1..6),
        parent in prop::collection::vec(0.0f64..5000.0, 12),
    ) {
        let r = rake(&children, &parent, None, &RakeOptions::default()).unwrap();
        for (j, p) in parent.iter().enumerate() {
            let s: f64 = r.cells.iter().map(|c| c[j]).sum();
            prop_assert!((s - p).abs() <= 1e-9 * p.max(1.0), "col {j}: {s} vs {p}");
        }
        prop_assert!(r.cells.iter().flatten().all(|v| v.is_finite() && *v >= 0.0));
    }

    /// Hamilton–Perry with every cohort-change ratio 1 moves cohorts unchanged; on a
    /// population that is constant by age (with the matching child-woman ratios) it is
    /// the identity.
    #[test]
    fn hamilton_perry_ratio_one_is_identity(level in 1.0f64..1000.0, k in 1usize..6) {
        let g = Groups::Total;
        let p = Population::from_values(g, vec![level; g.cells()]).unwrap();
        let women = level * 35.0;
        let cwr = vec![level / women; g.cells()];
        let hp = HamiltonPerry::from_ratios(g, k, vec![1.0; g.cells()], cwr).unwrap();
        let q = hp.project(&p).unwrap();
        for a in 0..MAX_AGE {
            for sex in standort_demography::Sex::ALL {
                prop_assert!((q.get(0, sex, a) - level).abs() < 1e-9 * level);
            }
        }
        // The open class gains the k cohorts that age into it.
        prop_assert!((q.get(0, standort_demography::Sex::Male, MAX_AGE) - level * (k as f64 + 1.0)).abs() < 1e-9 * level);
    }

    /// Ratios estimated from a population and its exact shift reproduce the shift.
    #[test]
    fn hamilton_perry_reproduces_observed_change(p0 in population(Groups::Total), k in 1usize..4) {
        let hp1 = HamiltonPerry::from_ratios(Groups::Total, k, vec![1.0; Groups::Total.cells()], vec![0.0; Groups::Total.cells()]).unwrap();
        let p1 = hp1.project(&p0).unwrap();
        let est = HamiltonPerry::estimate(&p0, &p1, k, None).unwrap();
        let p2 = est.project(&p0).unwrap();
        for (a, b) in p2.values().iter().zip(p1.values()) {
            prop_assert!((a - b).abs() <= 1e-9 * b.max(1.0));
        }
    }
}
