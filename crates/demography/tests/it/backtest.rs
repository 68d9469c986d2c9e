//! Back-test on the Aargau subregions 2022 → 2025.

use crate::{data, open};
use standort_demography::backtest;

#[test]
fn backtest_on_aargau_subregions_gives_finite_figures() {
    let mut out = Vec::new();
    let bt = backtest::backtest_csv(
        open(data!("aargau-subregions-2022-2025.csv")),
        open(data!("aargau-fso-2025-2055-reference.csv")),
        "reference",
        &mut out,
    )
    .unwrap();
    let table = String::from_utf8(out).unwrap();
    println!("{table}");
    assert_eq!((bt.base_years, bt.jump_off), ((2022, 2022), 2023));
    assert!(!bt.rows.is_empty());
    for r in &bt.rows {
        assert!(r.mape.is_finite() && r.malpe.is_finite(), "{r:?}");
        assert!(r.mape >= r.malpe.abs() - 1e-9);
    }
    // 5 regions × (9 bands + total) × 2 horizons per method.
    for method in ["cohort-component", "hamilton-perry"] {
        let n = bt.units.iter().filter(|u| u.method == method).count();
        assert_eq!(n, 5 * 10 * 2, "{method}");
        let all_h2 = bt
            .rows
            .iter()
            .find(|r| r.method == method && r.size_class == "all" && r.horizon == 2)
            .unwrap();
        // A sane projection of two years misses by a few percent at most.
        assert!(all_h2.mape < 10.0, "{all_h2:?}");
    }
}
