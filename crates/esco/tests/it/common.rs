use std::path::PathBuf;
use std::sync::OnceLock;

use standort_esco::Dataset;

pub const CLASSIFICATION: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/esco-v1.1.1/ESCO dataset - v1.1.1 - classification - en - csv.zip"
);
pub const RELATIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/esco-v1.1.1/ESCO dataset - v1.1.1 - relations - csv.zip"
);

pub fn real_paths() -> [PathBuf; 2] {
    [PathBuf::from(CLASSIFICATION), PathBuf::from(RELATIONS)]
}

/// The real dataset, loaded once per test binary.
pub fn esco() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| Dataset::load(&real_paths()).expect("load shared ESCO v1.1.1"))
}
