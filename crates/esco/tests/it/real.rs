use standort_esco::{Dataset, Lang, LoadError, LoadOptions, RelationType, SkillType};

use crate::common::{esco, real_paths};

#[test]
fn counts_match_the_readme() {
    let d = esco();
    let c = d.counts();
    assert_eq!(c.occupations, 3007);
    assert_eq!(c.skills, 13896);
    assert_eq!(d.report().occupation_skill_rows, 123_855);
    // 67 rows (55 essential, 12 optional) name occupation a9e54177-…, absent from
    // occupations_en.csv; they are skipped and reported.
    let skipped_occ_skill = d
        .report()
        .skipped
        .iter()
        .filter(|s| s.file.ends_with("occupationSkillRelations.csv"))
        .count();
    assert_eq!(skipped_occ_skill, 67);
    // … and one broader relation of the same occupation.
    assert_eq!(d.report().skipped.len(), 68);
    assert!(
        d.report()
            .skipped
            .iter()
            .all(|s| s.uri.ends_with("a9e54177-a185-404d-b6e6-15663d31137e"))
    );
    assert_eq!(c.occupation_skill, 123_855 - 67);
    assert_eq!(c.essential, 64_946 - 55);
    assert_eq!(c.optional, 58_909 - 12);
    assert_eq!(c.skill_skill, 5899);
    assert_eq!(d.occupation_skill_relations().count(), c.occupation_skill);
    assert_eq!(
        d.occupation_skill_relations()
            .filter(|(_, l)| l.relation == RelationType::Essential)
            .count(),
        c.essential
    );
    assert_eq!(d.skill_skill_relations().count(), 5899);
    assert_eq!(d.languages(), &[Lang::EN]);
    println!("{c:?}");
}

#[test]
fn fifteen_regulated_professions_nursing_among_them() {
    let d = esco();
    let regulated: Vec<&str> = d
        .occupations()
        .iter()
        .filter(|o| o.regulated)
        .map(|o| o.labels.preferred(Lang::EN).unwrap())
        .collect();
    assert_eq!(regulated.len(), 15, "{regulated:?}");
    assert!(regulated.contains(&"nurse responsible for general care"));
    assert!(regulated.contains(&"midwife"));
}

#[test]
fn strict_mode_rejects_the_dangling_occupation() {
    let err = Dataset::load_with(&real_paths(), &LoadOptions::strict(), &mut |_| {}).unwrap_err();
    let (file, line) = err.location().expect("location");
    assert!(file.ends_with("occupationSkillRelations.csv"), "{err}");
    assert!(line > 1);
    assert!(err.to_string().contains("a9e54177"), "{err}");
    assert!(matches!(err, LoadError::UnknownUri { .. }));
}

#[test]
fn adjacency_is_consistent() {
    let d = esco();
    let nurse = d
        .occupations()
        .iter()
        .position(|o| o.labels.preferred(Lang::EN) == Some("nurse responsible for general care"))
        .map(|i| d.occupation_ids().nth(i).unwrap())
        .unwrap();
    assert_eq!(d.occupation_id(&d.occupation(nurse).uri), Some(nurse));
    assert_eq!(d.occupation(nurse).isco_code.as_str(), "2221");
    assert!(!d.essential_skills(nurse).is_empty());
    for &s in d.essential_skills(nurse) {
        assert!(
            d.skill_occupations(s)
                .iter()
                .any(|l| l.occupation == nurse && l.relation == RelationType::Essential)
        );
    }
    // every skill with a broader skill is its narrower
    for s in d.skill_ids() {
        for &b in d.broader_skills(s) {
            assert!(d.narrower_skills(b).contains(&s));
        }
    }
    // skill types of the relation file agree with the skills file
    let knowledge = d
        .skills()
        .iter()
        .filter(|s| s.skill_type == Some(SkillType::Knowledge))
        .count();
    assert_eq!(knowledge, 3059);
    // most skills sit under a group or a broader skill
    let orphans = d
        .skill_ids()
        .filter(|&s| d.skill_groups_of(s).is_empty() && d.broader_skills(s).is_empty())
        .count();
    println!("skills without a broader concept: {orphans}");
    assert!(orphans < 100);
    // hierarchy: 4 top-level groups with level 0 (skills, knowledge, transversal, language)
    let tops = d
        .skill_groups()
        .iter()
        .filter(|g| g.level == Some(0))
        .count();
    println!("top groups {tops}, groups {}", d.skill_groups().len());
    assert!(tops >= 4);
}

#[test]
fn a_folder_of_zips_loads_like_the_zips() {
    let folder = std::path::Path::new(crate::common::CLASSIFICATION)
        .parent()
        .unwrap();
    let d = Dataset::load(&[folder]).unwrap();
    assert_eq!(d.counts(), esco().counts());
    assert_eq!(d.occupations()[17].uri, esco().occupations()[17].uri);
}

#[test]
fn dataset_and_index_can_be_shared_across_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Dataset>();
    send_sync::<standort_esco::SearchIndex>();
    send_sync::<LoadError>();
}
