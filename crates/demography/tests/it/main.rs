//! Integration tests of standort-demography (one test binary).

mod backtest;
mod engines;
mod fso_acceptance;
mod import_errors;
mod props;

/// Path of a shared data file.
#[macro_export]
macro_rules! data {
    ($f:literal) => {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/demography/",
            $f
        )
    };
}

pub fn open(path: &str) -> std::fs::File {
    std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
