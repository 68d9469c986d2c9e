//! Divan micro-benchmarks: `cargo bench -p standort-demography`.

use standort_demography::bench::{BenchConfig, synthetic_germany};
use standort_demography::ccm::{Projector, Rates};
use standort_demography::fso::{self, FsoConfig, FsoParameters};
use standort_demography::{Groups, Population};

fn main() {
    divan::main();
}

/// One synthetic municipality projected 30 years (202 cells).
#[divan::bench]
fn municipality_30_years(bencher: divan::Bencher) {
    let cfg = BenchConfig {
        regions: 1,
        districts: 1,
        ..BenchConfig::default()
    };
    let input = synthetic_germany(&cfg);
    let (d, base, m) = &input.regions[0];
    let rates: &Rates = &input.schedules[*d];
    let mut projector = Projector::new(Groups::Total);
    bencher.bench_local(|| {
        let mut total = 0.0;
        projector.run(base.values(), 30, |_| (rates, *m), |_, p, _| total += p[0]);
        divan::black_box(total)
    });
}

/// The FSO projection of Aargau 2025–2055 (404 cells, 31 years), parsing excluded.
#[divan::bench]
fn fso_aargau_31_years(bencher: divan::Bencher) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/demography/aargau-fso-2025-2055-reference.csv"
    );
    let Ok(file) = std::fs::File::open(path) else {
        return;
    };
    let params = FsoParameters::read(file, "reference").expect("parameters parse");
    let start: Population = params.carried_start();
    bencher.bench_local(|| fso::project(&params, &start, &FsoConfig::default()).expect("projects"));
}
