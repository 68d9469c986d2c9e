//! What `standort bench esco` runs:
//! `cargo run --release -p standort-esco --example bench -- <classification.zip> <relations.zip> [more packs…]`
use standort_esco::bench::{BenchOptions, run};

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    match run(&paths, &BenchOptions::default()) {
        Ok(r) => print!("{r}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
