//! Runs the projection benchmark: `cargo run --release -p standort-demography --example bench_projection`.
fn main() {
    let report = standort_demography::bench::run_projection_bench(&Default::default())
        .expect("benchmark runs");
    print!("{report}");
}
