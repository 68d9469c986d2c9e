//! Search over the real ESCO labels, a German test pack and plain entries.

use std::sync::OnceLock;

use standort_esco::{
    Dataset, Entry, Hit, Kind, LabelKind, Lang, MatchKind, Query, SearchIndex, dataset_entries,
    fold_for_search,
};

use crate::common::{esco, real_paths};
use crate::merge::write_de_pack;

fn index() -> &'static SearchIndex {
    static I: OnceLock<SearchIndex> = OnceLock::new();
    I.get_or_init(|| SearchIndex::from_dataset(esco()))
}

const OCC: &[Kind] = &[Kind::Occupation];
const SKILL: &[Kind] = &[Kind::Skill];

fn occ(text: &str) -> Vec<Hit<'static>> {
    index().search(&Query::new(text).kinds(OCC))
}

fn preferred(h: &Hit) -> &'static str {
    let d = esco();
    match h.kind {
        Kind::Occupation => d
            .occupation(h.occupation().unwrap())
            .labels
            .preferred_in(&[]),
        Kind::Skill => d.skill(h.skill().unwrap()).labels.preferred_in(&[]),
        _ => unreachable!(),
    }
}

fn names(hits: &[Hit]) -> Vec<&'static str> {
    hits.iter().map(preferred).collect()
}

/// The ranking class a hit must be sorted by (see `SearchIndex::search`).
fn class(h: &Hit) -> u8 {
    let base = match (h.label_kind, h.match_kind) {
        (LabelKind::Preferred, MatchKind::Exact) => 0,
        (LabelKind::Preferred, MatchKind::Prefix) => 1,
        (LabelKind::Alternative, MatchKind::Exact) => 2,
        (LabelKind::Alternative, MatchKind::Prefix) => 3,
        (LabelKind::Preferred, MatchKind::AllTokens) => 4,
        (LabelKind::Alternative, MatchKind::AllTokens) => 5,
        (LabelKind::Hidden, MatchKind::Exact | MatchKind::Prefix) => 6,
        (LabelKind::Hidden, MatchKind::AllTokens) => 7,
    };
    base + if h.typo { 8 } else { 0 }
}

#[test]
fn bus_driver_exact_first() {
    for q in ["bus driver", "Bus Driver", "BUS DRIVER", "  bus   driver "] {
        let hits = occ(q);
        assert_eq!(preferred(&hits[0]), "bus driver", "{q}");
        assert_eq!(hits[0].label_kind, LabelKind::Preferred);
        assert_eq!(hits[0].match_kind, MatchKind::Exact);
        assert!(!hits[0].typo);
    }
    assert!(names(&occ("bus driver")).contains(&"trolley bus driver"));
}

#[test]
fn one_typo_per_token() {
    for q in [
        "bus drvier",
        "bus dirver",
        "bus drver",
        "bus driverr",
        "bus drivar",
    ] {
        let hits = occ(q);
        assert_eq!(preferred(&hits[0]), "bus driver", "{q}");
        assert!(hits[0].typo, "{q}");
    }
    let hits = occ("softwre developer");
    assert_eq!(preferred(&hits[0]), "software developer");
    // two typos in one token: nothing
    assert!(
        occ("bus drvr ")
            .iter()
            .all(|h| preferred(h) != "bus driver")
    );
    // tokens shorter than 4 get no typo tolerance
    assert!(occ("cok ").is_empty(), "{:?}", names(&occ("cok ")));
}

#[test]
fn nurse() {
    let hits = occ("nurse");
    let n = names(&hits);
    let pos = n
        .iter()
        .position(|&x| x == "nurse responsible for general care")
        .expect("general nurse found");
    assert!(pos < 3, "{n:?}");
    // whole word "nurse" before "nursery…" within the same class
    let nursery = n
        .iter()
        .position(|&x| x == "nursery school head teacher")
        .unwrap();
    assert!(pos < nursery, "{n:?}");
    let hits = occ("nurse resp");
    assert_eq!(preferred(&hits[0]), "nurse responsible for general care");
    assert_eq!(hits[0].match_kind, MatchKind::Prefix);
    // a finished word (trailing space) is not a prefix
    assert!(
        !names(&occ("nurse ")).contains(&"nursery school head teacher"),
        "{:?}",
        names(&occ("nurse "))
    );
}

#[test]
fn prefix_while_typing() {
    let mut last_found = None;
    for (i, _) in "bus driver".char_indices().skip(2) {
        let q = &"bus driver"[..i];
        let hits = occ(q);
        if q.len() >= 5 {
            assert!(
                names(&hits).contains(&"bus driver"),
                "{q}: {:?}",
                names(&hits)
            );
            last_found = Some(q);
        }
    }
    assert_eq!(last_found, Some("bus drive"));
    // a typo inside the word being typed
    for q in ["nurse respnos", "nurse repson", "bus drvie"] {
        let hits = occ(q);
        assert!(
            ["nurse responsible for general care", "bus driver"].contains(&preferred(&hits[0])),
            "{q}: {:?}",
            names(&hits)
        );
        assert!(hits[0].typo, "{q}");
    }
    let hits = index().search(&Query::new("pytho").kinds(SKILL));
    assert_eq!(preferred(&hits[0]), "Python (computer programming)");
}

#[test]
fn alternative_labels_and_diacritics() {
    let hits = occ("car mechanic");
    assert_eq!(preferred(&hits[0]), "vehicle technician");
    assert_eq!(hits[0].label_kind, LabelKind::Alternative);
    assert_eq!(hits[0].match_kind, MatchKind::Exact);
    // diacritics in the query fold away
    assert_eq!(preferred(&occ("bús drïver")[0]), "bus driver");
    assert_eq!(
        preferred(&occ("NÜRSE RESP")[0]),
        "nurse responsible for general care"
    );
}

#[test]
fn all_tokens_required() {
    for h in index().search(&Query::new("care nurse").limit(50)) {
        if h.typo {
            continue; // e.g. "implement nursing care": `nurse` ~ the beginning of `nursing`
        }
        let f = fold_for_search(h.label);
        assert!(f.contains("care") && f.contains("nurse"), "{}", h.label);
    }
    assert!(occ("bus nurse").is_empty());
}

#[test]
fn hits_are_sorted_by_class_and_unique_per_concept() {
    for q in [
        "nurse",
        "bus driver",
        "cook",
        "welder",
        "weldr",
        "manager",
        "a",
        "software",
        "teach",
        "care",
        "electr",
        "mechanic",
        "drvier",
    ] {
        let hits = index().search(&Query::new(q).limit(100));
        let classes: Vec<u8> = hits.iter().map(class).collect();
        assert!(classes.is_sorted(), "{q}: {classes:?}");
        let mut ids: Vec<(Kind, u32)> = hits.iter().map(|h| (h.kind, h.id)).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), hits.len(), "{q}");
    }
}

#[test]
fn deterministic_whatever_the_entry_order() {
    let mut entries: Vec<Entry> = dataset_entries(esco()).collect();
    entries.reverse();
    let reversed = SearchIndex::build(entries);
    for q in ["nurse", "cook", "a", "manage staf", "bus drvier"] {
        let a = index().search(&Query::new(q).limit(30));
        let b = reversed.search(&Query::new(q).limit(30));
        assert_eq!(a, b, "{q}");
        assert_eq!(a, index().search(&Query::new(q).limit(30)), "{q}");
    }
}

#[test]
fn german_pack_is_searchable() {
    let tmp = tempfile::tempdir().unwrap();
    let de = write_de_pack(&tmp.path().join("de"), None);
    let [a, b] = real_paths();
    let d = Dataset::load(&[a, b, de]).unwrap();
    let idx = SearchIndex::from_dataset(&d);
    let nurse = |h: &Hit| {
        d.occupation(h.occupation().unwrap())
            .labels
            .preferred(Lang::EN)
    };
    for q in [
        "Krankenpfleger",
        "krankenpflegerin",
        "Krankenschwester",
        "Krankenplfeger",
        "Pflegefachkr",
        "Krankenplfe",
    ] {
        let hits = idx.search(&Query::new(q).kinds(OCC));
        assert_eq!(
            nurse(&hits[0]),
            Some("nurse responsible for general care"),
            "{q}"
        );
        assert_eq!(hits[0].lang, Lang::DE);
    }
    let hits = idx.search(&Query::new("busfahrer").kinds(OCC));
    assert_eq!(hits[0].label, "Busfahrer/Busfahrerin");
    assert_eq!(hits[0].label_kind, LabelKind::Preferred);
    // German only
    let de_only = idx.search(&Query::new("bus").kinds(OCC).langs(&[Lang::DE]));
    assert!(de_only.iter().all(|h| h.lang == Lang::DE));
    // ü folds to u
    let hits = idx.search(&Query::new("fahrzeuge fuhren").kinds(SKILL));
    assert_eq!(hits[0].label, "Fahrzeuge führen");
}

#[test]
fn plain_entries_vietnamese_names() {
    let vi = Lang::parse("vi").unwrap();
    let names = [
        "Nguyễn Văn Đức",
        "Trần Thị Ngọc Ánh",
        "Nguyễn Thị Hương",
        "Phạm Đình Phùng",
    ];
    let idx = SearchIndex::build(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| Entry::new(Kind::Other(1), i as u32, vi, *n, LabelKind::Preferred)),
    );
    let first = |q: &str| idx.search(&Query::new(q)).first().map(|h| h.label);
    assert_eq!(first("nguyen van duc"), Some("Nguyễn Văn Đức"));
    assert_eq!(first("NGUYEN VAN DUC"), Some("Nguyễn Văn Đức"));
    assert_eq!(first("Nguyễn Văn Đức"), Some("Nguyễn Văn Đức"));
    assert_eq!(first("duc nguyen"), Some("Nguyễn Văn Đức"));
    assert_eq!(first("tran thi ngoc a"), Some("Trần Thị Ngọc Ánh"));
    assert_eq!(first("pham dinh phnug"), Some("Phạm Đình Phùng"));
    assert_eq!(idx.search(&Query::new("nguyen")).len(), 2);
    assert!(
        idx.search(&Query::new("nguyen"))
            .iter()
            .all(|h| h.kind == Kind::Other(1))
    );
}

#[test]
fn hidden_labels_rank_below_alternative_ones() {
    let l = Lang::EN;
    let idx = SearchIndex::build([
        Entry::new(Kind::Occupation, 1, l, "bus driver", LabelKind::Preferred),
        Entry::new(Kind::Occupation, 2, l, "coach driver", LabelKind::Preferred),
        Entry::new(
            Kind::Occupation,
            2,
            l,
            "bus driver (coach)",
            LabelKind::Alternative,
        ),
        Entry::new(Kind::Occupation, 3, l, "tram driver", LabelKind::Preferred),
        Entry::new(Kind::Occupation, 3, l, "bus driver", LabelKind::Hidden),
        Entry::new(
            Kind::Occupation,
            4,
            l,
            "driver of buses",
            LabelKind::Preferred,
        ),
    ]);
    let hits = idx.search(&Query::new("bus driver"));
    let ids: Vec<u32> = hits.iter().map(|h| h.id).collect();
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(hits[2].label_kind, LabelKind::Hidden);
    // duplicates of one concept's label collapse to the best label kind
    let idx = SearchIndex::build([
        Entry::new(Kind::Skill, 7, l, "Welding", LabelKind::Alternative),
        Entry::new(Kind::Skill, 7, l, "welding", LabelKind::Preferred),
    ]);
    assert_eq!(idx.len(), 1);
    assert_eq!(
        idx.search(&Query::new("weld"))[0].label_kind,
        LabelKind::Preferred
    );
    // weights break ties
    let idx = SearchIndex::build([
        Entry::new(Kind::Skill, 1, l, "cook fish", LabelKind::Preferred).with_weight(1),
        Entry::new(Kind::Skill, 2, l, "cook meat", LabelKind::Preferred).with_weight(9),
    ]);
    let ids: Vec<u32> = idx
        .search(&Query::new("cook"))
        .iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(ids, [2, 1]);
}

/// The ranked lists of a few everyday queries, to keep ranking changes visible in review.
#[test]
fn ranked_lists_snapshot() {
    let mut out = String::new();
    for (q, kinds) in [
        ("nurse", OCC),
        ("bus driver", OCC),
        ("bus drvier", OCC),
        ("cook", OCC),
        ("softw", OCC),
        ("car mechanic", OCC),
        ("welding", SKILL),
        ("communicat", SKILL),
        ("german", SKILL),
    ] {
        out.push_str(&format!("{q:?}\n"));
        for h in index().search(&Query::new(q).kinds(kinds).limit(8)) {
            out.push_str(&format!(
                "  {:<40} {:?}/{:?}{} -> {}\n",
                format!("{:?}", h.label),
                h.label_kind,
                h.match_kind,
                if h.typo { " typo" } else { "" },
                preferred(&h)
            ));
        }
    }
    insta::assert_snapshot!(out);
}
