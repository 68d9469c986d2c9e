//! Acceptance: reproduce the FSO's published reference projection for Aargau 2025–2055.

use crate::{data, open};
use standort_demography::fso::{self, FsoConfig, FsoParameters};

fn params() -> FsoParameters {
    FsoParameters::read(
        open(data!("aargau-fso-2025-2055-reference.csv")),
        "reference",
    )
    .unwrap()
}

fn print(label: &str, c: &fso::Comparison) {
    println!(
        "{label}: max |total dev| = {:.5} %, max per-year median cell dev = {:.5} %, pooled median cell dev = {:.5} %",
        c.max_total_rel * 100.0,
        c.max_median_cell_rel * 100.0,
        c.pooled_median_cell_rel * 100.0
    );
    for y in &c.years {
        println!(
            "  {} projected {:>10.1} published {:>10.0} dev {:+.5} % median cell {:.5} % ({} cells)",
            y.year,
            y.projected_total,
            y.published_total,
            y.total_rel * 100.0,
            y.median_cell_rel * 100.0,
            y.cells
        );
    }
}

/// From the FSO's own parameters and its own start population (`start_n` of 2025): every
/// year's total within 0.1 % and the median cell deviation (cells ≥ 100) within 0.3 %.
#[test]
fn reproduces_fso_reference_from_its_own_parameters() {
    let p = params();
    assert_eq!((p.first_year(), p.last_year()), (2025, 2055));
    let proj = fso::project(&p, &p.carried_start(), &FsoConfig::default()).unwrap();
    let c = fso::compare_with_published(&p, &proj).unwrap();
    print("FSO start population", &c);
    assert_eq!(c.years.len(), 31);
    for y in &c.years {
        assert!(
            y.total_rel.abs() <= 0.001,
            "{}: total off by {}",
            y.year,
            y.total_rel
        );
        assert!(
            y.median_cell_rel <= 0.003,
            "{}: median cell dev {}",
            y.year,
            y.median_cell_rel
        );
    }
}

/// From the observed population of 31 December 2024 (which differs from the FSO's
/// start population by 0.1 %): totals within 0.1 % in every year and the pooled median
/// cell deviation within 0.3 % — the figures an independent open implementation reaches.
#[test]
fn reproduces_fso_reference_from_observed_2024_population() {
    let p = params();
    let pop = fso::read_population(open(data!("aargau-population-2024.csv"))).unwrap();
    assert_eq!(pop.year, 2024);
    assert_eq!(pop.population.total(), 735_808.0);
    let proj = fso::project(&p, &pop.population, &FsoConfig::default()).unwrap();
    let c = fso::compare_with_published(&p, &proj).unwrap();
    print("observed 2024 population", &c);
    assert!(c.max_total_rel <= 0.001, "{}", c.max_total_rel);
    assert!(
        c.pooled_median_cell_rel <= 0.003,
        "{}",
        c.pooled_median_cell_rel
    );
}

/// The CLI path: CSV in, CSV out.
#[test]
fn project_csv_writes_all_rows() {
    let mut out = Vec::new();
    let s = fso::project_csv(
        open(data!("aargau-fso-2025-2055-reference.csv")),
        open(data!("aargau-population-2024.csv")),
        "reference",
        &mut out,
    )
    .unwrap();
    assert_eq!(s.rows, 31 * 404);
    assert_eq!((s.base_year, s.first_year, s.last_year), (2024, 2025, 2055));
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("year,nat,sex,age,n"));
    assert!(lines.next().unwrap().starts_with("2025,ch,m,0,"));
    assert_eq!(text.lines().count(), 31 * 404 + 1);
    let total_2055 = s.totals.last().unwrap().1;
    assert!((total_2055 / 893_809.0 - 1.0).abs() < 0.001, "{total_2055}");
}
