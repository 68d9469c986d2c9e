//! The JSON lines batch format.

use standort_matching::MatchError;
use standort_matching::batch::{BatchOptions, run};

use crate::common::fixture;

#[test]
fn answers_each_line_in_order() {
    let f = fixture();
    let input = concat!(
        r#"{"id": "a", "skills": ["skill:drive bus", "skill:ticketing", "skill:vehicle check"]}"#,
        "\n\n",
        r#"{"id": 7, "skills": ["skill:patient care", "skill:hygiene", "skill:empathy"]}"#,
        "\n",
        r#"{"id": null, "skills": []}"#,
        "\n"
    );
    let mut out = Vec::new();
    let options = BatchOptions {
        top_k: 2,
        ..BatchOptions::default()
    };
    let summary = run(&f.taxonomy, input.as_bytes(), &mut out, &options).expect("valid batch");
    assert_eq!(summary.requests, 3);
    insta::assert_snapshot!(String::from_utf8(out).expect("utf-8"));
}

#[test]
fn a_bad_line_names_its_number() {
    let f = fixture();
    let input = "{\"id\": 1, \"skills\": [\"skill:cooking\"]}\n{\"id\": 2, \"skills\": \"skill:cooking\"}\n";
    let mut out = Vec::new();
    let err = run(
        &f.taxonomy,
        input.as_bytes(),
        &mut out,
        &BatchOptions::default(),
    )
    .unwrap_err();
    match err {
        MatchError::BadLine { line, .. } => assert_eq!(line, 2),
        other => panic!("expected a bad line, got {other:?}"),
    }
    // The good first line was answered.
    assert_eq!(String::from_utf8(out).expect("utf-8").lines().count(), 1);

    let err = run(
        &f.taxonomy,
        "not json\n".as_bytes(),
        Vec::new(),
        &BatchOptions::default(),
    );
    assert!(matches!(err, Err(MatchError::BadLine { line: 1, .. })));
    assert!(err.unwrap_err().to_string().starts_with("line 1: "));
}

#[test]
fn unknown_skills_fail_or_are_skipped() {
    let f = fixture();
    let input = "{\"id\": 1, \"skills\": [\"skill:cooking\", \"skill:juggling\"]}\n";
    let err = run(
        &f.taxonomy,
        input.as_bytes(),
        Vec::new(),
        &BatchOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, MatchError::BadLine { line: 1, ref message } if message.contains("skill:juggling"))
    );
    let options = BatchOptions {
        skip_unknown_skills: true,
        ..BatchOptions::default()
    };
    let summary = run(&f.taxonomy, input.as_bytes(), Vec::new(), &options).expect("skips");
    assert_eq!((summary.requests, summary.unknown_skills), (1, 1));
}
