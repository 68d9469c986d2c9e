//! `cargo run --release -p standort-esco --example search -- <zips…> -- query…`
use standort_esco::{Dataset, Kind, Query, SearchIndex};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let d = Dataset::load(&args[..split]).expect("load");
    let idx = SearchIndex::from_dataset(&d);
    println!("{} entries, {} tokens", idx.len(), idx.vocabulary_len());
    for q in &args[(split + 1).min(args.len())..] {
        for (name, kinds) in [
            ("occ", &[Kind::Occupation][..]),
            ("skill", &[Kind::Skill][..]),
        ] {
            println!("== {q:?} [{name}]");
            for h in idx.search(&Query::new(q).kinds(kinds).limit(8)) {
                let pref = match h.kind {
                    Kind::Occupation => d
                        .occupation(h.occupation().unwrap())
                        .labels
                        .preferred_in(&[])
                        .to_string(),
                    _ => d
                        .skill(h.skill().unwrap())
                        .labels
                        .preferred_in(&[])
                        .to_string(),
                };
                println!(
                    "  {:?}/{:?}{} {:?} -> {}",
                    h.label_kind,
                    h.match_kind,
                    if h.typo { " typo" } else { "" },
                    h.label,
                    pref
                );
            }
        }
    }
}
