//! Merging a second language pack onto the real English files.

use std::path::{Path, PathBuf};

use standort_esco::{Dataset, Lang, LoadError};

use crate::common::{esco, real_paths};

const OCC_HEADER: [&str; 14] = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
];

pub const NEW_URI: &str = "http://data.europa.eu/esco/occupation/only-in-de";

fn en_occupation(label: &str) -> &'static standort_esco::Occupation {
    esco()
        .occupations()
        .iter()
        .find(|o| o.labels.preferred(Lang::EN) == Some(label))
        .unwrap_or_else(|| panic!("no occupation {label}"))
}

/// A tiny German pack: three occupations, one skill, one occupation not in the English files.
pub fn write_de_pack(dir: &Path, isco_override: Option<&str>) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut w = csv::Writer::from_path(dir.join("occupations_de.csv")).unwrap();
    w.write_record(OCC_HEADER).unwrap();
    let rows: [(&str, &str, &str); 3] = [
        (
            "nurse responsible for general care",
            "Pflegefachkraft",
            "Gesundheits- und Krankenpfleger\nGesundheits- und Krankenpflegerin\nKrankenschwester",
        ),
        (
            "bus driver",
            "Busfahrer/Busfahrerin",
            "Omnibusfahrer\nBusfahrerin",
        ),
        ("midwife", "Hebamme/Entbindungspfleger", "Hebamme"),
    ];
    for (i, (en, pref, alt)) in rows.iter().enumerate() {
        let o = en_occupation(en);
        let isco = match (i, isco_override) {
            (1, Some(x)) => x.to_string(),
            _ => o.isco_code.to_string(),
        };
        let note = if o.regulated {
            "http://data.europa.eu/esco/regulated-professions/regulated"
        } else {
            "http://data.europa.eu/esco/regulated-professions/unregulated"
        };
        w.write_record([
            "Occupation",
            &o.uri,
            &isco,
            pref,
            alt,
            "",
            "released",
            "",
            note,
            "",
            "",
            "",
            "Beschreibung",
            &o.code,
        ])
        .unwrap();
    }
    w.write_record([
        "Occupation",
        NEW_URI,
        "2221",
        "Pflegeassistenz",
        "",
        "",
        "released",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ])
    .unwrap();
    w.flush().unwrap();

    let skill = esco()
        .skills()
        .iter()
        .find(|s| s.labels.preferred(Lang::EN) == Some("drive vehicles"))
        .expect("drive vehicles");
    let mut w = csv::Writer::from_path(dir.join("skills_de.csv")).unwrap();
    w.write_record([
        "conceptType",
        "conceptUri",
        "skillType",
        "reuseLevel",
        "preferredLabel",
        "altLabels",
        "hiddenLabels",
        "status",
        "modifiedDate",
        "scopeNote",
        "definition",
        "inScheme",
        "description",
    ])
    .unwrap();
    w.write_record([
        "KnowledgeSkillCompetence",
        &skill.uri,
        skill.skill_type.unwrap().as_str(),
        skill.reuse_level.unwrap().as_str(),
        "Fahrzeuge führen",
        "Fahrzeuge fahren",
        "",
        "released",
        "",
        "",
        "",
        "",
        "",
    ])
    .unwrap();
    w.flush().unwrap();
    dir.to_path_buf()
}

#[test]
fn a_second_language_pack_merges_labels_and_keeps_uris() {
    let tmp = tempfile::tempdir().unwrap();
    let de = write_de_pack(&tmp.path().join("de"), None);
    let [a, b] = real_paths();
    let d = Dataset::load(&[de, a, b]).unwrap();
    assert_eq!(d.languages(), &[Lang::DE, Lang::EN]);
    let en_only = esco();
    assert_eq!(d.counts().occupations, en_only.counts().occupations + 1);
    assert_eq!(d.counts().skills, en_only.counts().skills);
    assert_eq!(
        d.counts().occupation_skill,
        en_only.counts().occupation_skill
    );

    let nurse = en_occupation("nurse responsible for general care");
    let id = d.occupation_id(&nurse.uri).unwrap();
    let o = d.occupation(id);
    assert_eq!(o.uri, nurse.uri);
    assert_eq!(o.labels.len(), 2);
    assert_eq!(
        o.labels.preferred(Lang::EN),
        Some("nurse responsible for general care")
    );
    assert_eq!(o.labels.preferred(Lang::DE), Some("Pflegefachkraft"));
    assert_eq!(
        o.labels.get(Lang::DE).unwrap().alternative,
        [
            "Gesundheits- und Krankenpfleger",
            "Gesundheits- und Krankenpflegerin",
            "Krankenschwester"
        ]
    );
    assert_eq!(
        o.labels.preferred_in(&[Lang::DE, Lang::EN]),
        "Pflegefachkraft"
    );
    // relations still attach to the merged concept
    let en_id = en_only.occupation_id(&nurse.uri).unwrap();
    assert_eq!(
        d.essential_skills(id).len(),
        en_only.essential_skills(en_id).len()
    );
    // an occupation only in the German pack has German labels only
    let new = d.occupation(d.occupation_id(NEW_URI).unwrap());
    assert_eq!(new.labels.preferred(Lang::EN), None);
    assert_eq!(new.labels.preferred_in(&[Lang::EN]), "Pflegeassistenz");
    // a skill with German labels
    let s = d
        .skills()
        .iter()
        .find(|s| s.labels.preferred(Lang::DE) == Some("Fahrzeuge führen"))
        .unwrap();
    assert_eq!(s.labels.preferred(Lang::EN), Some("drive vehicles"));
}

#[test]
fn packs_that_disagree_on_the_isco_group_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let de = write_de_pack(&tmp.path().join("de"), Some("9999"));
    let [a, b] = real_paths();
    let err = Dataset::load(&[a, b, de]).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::Conflict {
                what: "iscoGroup",
                ..
            }
        ),
        "{err}"
    );
    // Packs are read in language order (de before en); the message names both places.
    let msg = err.to_string();
    assert!(msg.contains("occupations_de.csv:5"), "{msg}"); // header, nurse (3 lines), bus driver
    assert!(msg.contains("occupations_en.csv:"), "{msg}");
    assert!(err.location().unwrap().1 > 1);
}
