//! Each kind of bad input gives one error naming the file and, where there is one, the line.

use std::path::Path;

use standort_esco::{Dataset, LoadError, LoadOptions, RelationType};

use crate::fixture::{O_NURSE, S_CARE, write_pack, write_zip};

fn load(dir: &Path) -> Result<Dataset, LoadError> {
    Dataset::load(&[dir])
}

fn load_strict(dir: &Path) -> Result<Dataset, LoadError> {
    Dataset::load_with(&[dir], &LoadOptions::strict(), &mut |_| {})
}

/// Replaces file `name` by `f(content)`.
fn with(
    name: &'static str,
    f: impl Fn(String) -> String,
) -> impl Fn(&str, String) -> Option<String> {
    move |n, c| Some(if n == name { f(c) } else { c })
}

fn assert_at(err: &LoadError, file: &str, line: u64) {
    let (f, l) = err
        .location()
        .unwrap_or_else(|| panic!("no location in {err}"));
    assert!(f.ends_with(file), "{err}");
    assert_eq!(l, line, "{err}");
    let msg = err.to_string();
    assert!(msg.contains(&format!("{file}:{line}")), "{msg}");
}

#[test]
fn the_fixture_loads_from_a_folder_and_from_a_zip() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(&tmp.path().join("pack"), |_, c| Some(c));
    let zip = write_zip(&tmp.path().join("pack.zip"));
    for d in [load(&dir).unwrap(), Dataset::load(&[zip]).unwrap()] {
        let c = d.counts();
        assert_eq!((c.occupations, c.skills, c.occupation_skill), (2, 3, 3));
        assert_eq!((c.essential, c.optional, c.skill_skill), (2, 1, 1));
        let nurse = d.occupation_id(O_NURSE).unwrap();
        let o = d.occupation(nurse);
        assert!(o.regulated);
        assert_eq!(o.code, "2221.1");
        let en = o.labels.get(standort_esco::Lang::EN).unwrap();
        assert_eq!(en.alternative, ["general nurse", "staff nurse"]);
        assert_eq!(
            en.description.as_deref(),
            Some("Cares for the sick.\nMulti-line description.")
        );
        assert_eq!(d.essential_skills(nurse), &[d.skill_id(S_CARE).unwrap()]);
        let care = d.skill_id(S_CARE).unwrap();
        assert_eq!(d.related_skills(care)[0].relation, RelationType::Optional);
        assert_eq!(d.narrower_skills(care).len(), 1);
        assert_eq!(d.skill_groups_of(care).len(), 1);
        let g = d.skill_groups_of(care)[0];
        assert_eq!(d.skill_group(g).code, "S3");
        assert_eq!(d.skill_group(g).level, Some(1));
        assert_eq!(d.broader_skill_groups(g).len(), 1);
        assert_eq!(
            d.occupation_isco_group(nurse)
                .map(|i| d.isco_group(i).code.as_str()),
            Some("2221")
        );
        assert!(d.report().skipped.is_empty());
    }
}

#[test]
fn progress_reaches_the_total() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(tmp.path(), |_, c| Some(c));
    let mut last = None;
    let mut calls = 0;
    Dataset::load_with(&[dir], &LoadOptions::default(), &mut |p| {
        calls += 1;
        if let Some((done, _)) = last {
            assert!(p.bytes_done >= done);
        }
        last = Some((p.bytes_done, p.bytes_total));
    })
    .unwrap();
    let (done, total) = last.unwrap();
    assert_eq!(done, total);
    assert!(calls >= 9);
}

#[test]
fn missing_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(tmp.path(), |n, c| (n != "skills_en.csv").then_some(c));
    let err = load(&dir).unwrap_err();
    assert!(matches!(err, LoadError::MissingFile { .. }), "{err}");
    assert!(err.to_string().contains("skills_<lang>.csv"), "{err}");
    let dir2 = write_pack(&tmp.path().join("b"), |n, c| {
        (n != "skillSkillRelations.csv").then_some(c)
    });
    let err = load(&dir2).unwrap_err();
    assert!(err.to_string().contains("skillSkillRelations.csv"), "{err}");
}

#[test]
fn path_that_does_not_exist_or_is_no_zip() {
    let tmp = tempfile::tempdir().unwrap();
    let err = load(&tmp.path().join("nope.zip")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err}");
    assert!(err.to_string().contains("nope.zip"), "{err}");
    let txt = tmp.path().join("not-a.zip");
    std::fs::write(&txt, "hello").unwrap();
    let err = load(&txt).unwrap_err();
    assert!(matches!(err, LoadError::NotAnArchive { .. }), "{err}");
    assert!(err.to_string().contains("not-a.zip"), "{err}");
    assert!(matches!(
        Dataset::load::<&Path>(&[]),
        Err(LoadError::NoSources)
    ));
}

#[test]
fn malformed_csv_after_a_multi_line_record() {
    let tmp = tempfile::tempdir().unwrap();
    // Record 1 spans lines 2–4 (two multi-line fields), record 2 is line 5, the bad one line 6.
    let dir = write_pack(
        tmp.path(),
        with("occupations_en.csv", |c| c + "Occupation,x,1234,too,few\n"),
    );
    let err = load(&dir).unwrap_err();
    assert!(matches!(err, LoadError::Csv { .. }), "{err}");
    assert_at(&err, "occupations_en.csv", 6);
}

#[test]
fn invalid_utf8() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(tmp.path(), |_, c| Some(c));
    let p = dir.join("skillSkillRelations.csv");
    let mut bytes = std::fs::read(&p).unwrap();
    bytes.extend_from_slice(b"a,b,optional,c,\xff\xfe\n");
    std::fs::write(&p, bytes).unwrap();
    let err = load(&dir).unwrap_err();
    assert!(matches!(err, LoadError::Csv { .. }), "{err}");
    assert_at(&err, "skillSkillRelations.csv", 3);
}

#[test]
fn missing_column() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(
        tmp.path(),
        with("occupationSkillRelations.csv", |c| {
            c.replacen("relationType", "relType", 1)
        }),
    );
    let err = load(&dir).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::MissingColumn {
                column: "relationType",
                ..
            }
        ),
        "{err}"
    );
    assert_at(&err, "occupationSkillRelations.csv", 1);
}

#[test]
fn invalid_relation_type() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(
        tmp.path(),
        with("occupationSkillRelations.csv", |c| {
            c.replacen(",optional,", ",maybe,", 1)
        }),
    );
    let err = load(&dir).unwrap_err();
    assert!(matches!(err, LoadError::InvalidValue { .. }), "{err}");
    assert!(err.to_string().contains("maybe"));
    assert_at(&err, "occupationSkillRelations.csv", 3);
}

#[test]
fn invalid_isco_code() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(
        tmp.path(),
        with("occupations_en.csv", |c| c.replacen(",8331,", ",83x1,", 1)),
    );
    let err = load(&dir).unwrap_err();
    assert_at(&err, "occupations_en.csv", 5);
}

#[test]
fn unknown_uri_is_an_error_in_strict_mode_and_skipped_otherwise() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(
        tmp.path(),
        with("occupationSkillRelations.csv", |c| {
            c + &format!(
                "{O_NURSE},essential,skill/competence,http://data.europa.eu/esco/skill/ghost\n"
            )
        }),
    );
    let err = load_strict(&dir).unwrap_err();
    assert!(
        matches!(err, LoadError::UnknownUri { kind: "skill", .. }),
        "{err}"
    );
    assert!(err.to_string().contains("skill/ghost"));
    assert_at(&err, "occupationSkillRelations.csv", 5);

    let d = load(&dir).unwrap();
    assert_eq!(d.counts().occupation_skill, 3);
    let s = &d.report().skipped;
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].line, 5);
    assert!(s[0].uri.ends_with("ghost"));
}

#[test]
fn unknown_uri_in_the_hierarchy_relations() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(
        tmp.path(),
        with("broaderRelationsSkillPillar.csv", |c| {
            c + &format!(
                "KnowledgeSkillCompetence,{S_CARE},SkillGroup,http://data.europa.eu/esco/skill/g-none\n"
            )
        }),
    );
    let err = load_strict(&dir).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::UnknownUri {
                kind: "skill group",
                ..
            }
        ),
        "{err}"
    );
    assert_at(&err, "broaderRelationsSkillPillar.csv", 5);
}

#[test]
fn duplicate_uri_in_one_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(
        tmp.path(),
        with("skills_en.csv", |c| {
            let dup = c.lines().nth(3).unwrap().to_string();
            c + &dup + "\n"
        }),
    );
    let err = load(&dir).unwrap_err();
    assert!(
        matches!(err, LoadError::DuplicateUri { first_line: 4, .. }),
        "{err}"
    );
    assert_at(&err, "skills_en.csv", 6);
}

#[test]
fn conflicting_relation_types() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(
        tmp.path(),
        with("occupationSkillRelations.csv", |c| {
            c + &format!("{O_NURSE},optional,skill/competence,{S_CARE}\n")
        }),
    );
    let err = load(&dir).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::Conflict {
                what: "relationType",
                ..
            }
        ),
        "{err}"
    );
    assert_at(&err, "occupationSkillRelations.csv", 5);
}

#[test]
fn relation_skill_type_must_match_the_skill() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = write_pack(
        tmp.path(),
        with("occupationSkillRelations.csv", |c| {
            c.replacen("optional,knowledge", "optional,skill/competence", 1)
        }),
    );
    let err = load(&dir).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::Conflict {
                what: "skillType",
                ..
            }
        ),
        "{err}"
    );
    assert_at(&err, "occupationSkillRelations.csv", 3);
}

#[test]
fn the_same_language_twice_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write_pack(&tmp.path().join("a"), |_, c| Some(c));
    let b = write_pack(&tmp.path().join("b"), |n, c| {
        (n == "occupations_en.csv").then_some(c)
    });
    let err = Dataset::load(&[a, b]).unwrap_err();
    assert!(matches!(err, LoadError::DuplicateFile { .. }), "{err}");
}

#[test]
fn relation_files_in_two_packs_are_merged() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write_pack(&tmp.path().join("a"), |_, c| Some(c));
    let b = write_pack(&tmp.path().join("b"), |n, c| {
        (n == "occupationSkillRelations.csv").then_some(c)
    });
    let d = Dataset::load(&[a, b]).unwrap();
    assert_eq!(d.counts().occupation_skill, 3);
    assert_eq!(d.report().duplicate_rows, 3);
}
