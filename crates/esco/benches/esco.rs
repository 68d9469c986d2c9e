//! `cargo bench -p standort-esco` — load, index build and search on the shared ESCO v1.1.1.
//! The figures in BENCHMARKS.md come from `standort bench esco` (`bench::run`), which also
//! reports percentiles; this is the quick divan view of the same operations.

use std::sync::OnceLock;

use standort_esco::bench::realistic_queries;
use standort_esco::{Dataset, Kind, Query, SearchIndex};

const PATHS: [&str; 2] = [
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/esco-v1.1.1/ESCO dataset - v1.1.1 - classification - en - csv.zip"
    ),
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/esco-v1.1.1/ESCO dataset - v1.1.1 - relations - csv.zip"
    ),
];

fn main() {
    divan::main();
}

fn dataset() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| Dataset::load(&PATHS).expect("load ESCO"))
}

fn index() -> &'static SearchIndex {
    static I: OnceLock<SearchIndex> = OnceLock::new();
    I.get_or_init(|| SearchIndex::from_dataset(dataset()))
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn load() -> Dataset {
    Dataset::load(&PATHS).expect("load ESCO")
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn build_index() -> SearchIndex {
    SearchIndex::from_dataset(dataset())
}

#[divan::bench(args = ["nurse", "bus drvier", "nurse resp", "a", "manage staff", "softwre developer"])]
fn search_occupations(q: &str) -> usize {
    index()
        .search(&Query::new(q).kinds(&[Kind::Occupation]))
        .len()
}

/// 1000 generated queries (whole labels, prefixes, typos, single words) per iteration.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn search_1000_mixed(b: divan::Bencher) {
    let qs = realistic_queries(dataset(), 1000, 7);
    let idx = index();
    b.bench(|| {
        qs.iter()
            .map(|q| idx.search(&Query::new(&q.text)).len())
            .sum::<usize>()
    });
}
