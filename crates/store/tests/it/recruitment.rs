//! ESCO tables, candidates and positions on both backends.

use standort_domain::{OrgId, OrgKind, UserId};
use standort_store::esco::{self, Concept, EscoData, LabelIn, OccupationIn, SkillIn};
use standort_store::orgs::{self, NewOrganisation};
use standort_store::recruitment::{
    self as rec, CandidateData, CandidateFilter, HeldSkill, PositionData, RequiredSkill,
    SpokenLanguage,
};
use standort_store::{Db, PageRequest, StoreError, archive, both_backends};

fn label(concept: Concept, index: u32, kind: &'static str, label: &str) -> LabelIn {
    LabelIn {
        concept,
        index,
        lang: "en".into(),
        label_kind: kind,
        label: label.into(),
    }
}

pub(crate) fn small(version: &str) -> EscoData {
    let skill = |uri: &str| SkillIn {
        uri: format!("http://data.europa.eu/esco/skill/{uri}"),
        skill_type: Some("skill/competence".into()),
        reuse_level: Some("sector-specific".into()),
    };
    EscoData {
        source: version.into(),
        languages: vec!["en".into()],
        occupations: vec![
            OccupationIn {
                uri: "http://data.europa.eu/esco/occupation/nurse".into(),
                isco_code: "2221".into(),
                code: "2221.1".into(),
                regulated: true,
            },
            OccupationIn {
                uri: "http://data.europa.eu/esco/occupation/bus".into(),
                isco_code: "8331".into(),
                code: "8331.1".into(),
                regulated: false,
            },
        ],
        skills: vec![skill("care"), skill("drive"), skill("wound")],
        labels: vec![
            label(
                Concept::Occupation,
                0,
                "preferred",
                &format!("nurse {version}"),
            ),
            label(Concept::Occupation, 1, "preferred", "bus driver"),
            label(Concept::Occupation, 1, "alternative", "coach driver"),
            label(Concept::Skill, 0, "preferred", "provide care"),
            label(Concept::Skill, 1, "preferred", "drive a bus"),
            label(Concept::Skill, 2, "preferred", "treat wounds"),
        ],
        occupation_skills: vec![(0, 0, "essential"), (0, 2, "optional"), (1, 1, "essential")],
        skill_broader: vec![(2, 0)],
        skill_relations: vec![(0, 2, "optional")],
    }
}

pub(crate) async fn import(db: &Db, data: &EscoData, now: i64) -> esco::ImportSummary {
    let mut tx = db.begin().await.unwrap();
    let s = esco::import(&mut tx, data, now, &mut |_| {}).await.unwrap();
    tx.commit().await.unwrap();
    s
}

both_backends!(
    esco_import_upserts_in_place_and_keeps_ids,
    |db: Db| async move {
        let first = import(&db, &small("v1"), 10).await;
        assert_eq!(first.generation, 1);
        let mut c = db.conn().await.unwrap();
        assert_eq!(esco::counts(&mut c).await.unwrap(), [2, 3, 6, 3, 1, 1]);
        let nurse = esco::occupation_id(&mut c, "http://data.europa.eu/esco/occupation/nurse")
            .await
            .unwrap()
            .unwrap();
        let wound = esco::skill_id(&mut c, "http://data.europa.eu/esco/skill/wound")
            .await
            .unwrap()
            .unwrap();
        drop(c);

        // v2: nurse no longer regulated, the wound skill now essential, the broader relation gone.
        let mut v2 = small("v2");
        v2.occupations[0].regulated = false;
        v2.occupation_skills[1].2 = "essential";
        v2.skill_broader.clear();
        let second = import(&db, &v2, 20).await;
        assert_eq!(second.generation, 2);
        let mut c = db.conn().await.unwrap();
        assert_eq!(esco::generation(&mut c).await.unwrap(), 2);
        assert_eq!(esco::counts(&mut c).await.unwrap(), [2, 3, 6, 3, 0, 1]);
        let rows = esco::load_all(&mut c).await.unwrap();
        let n = rows.occupations.iter().find(|o| o.id == nurse).unwrap();
        assert!(!n.regulated);
        assert_eq!(n.generation, 2);
        assert!(
            rows.labels
                .iter()
                .any(|l| l.concept_id == nurse && l.label == "nurse v2")
        );
        assert!(!rows.labels.iter().any(|l| l.label == "nurse v1"));
        assert!(
            rows.occupation_skills
                .iter()
                .any(|(o, s, r)| *o == nurse && *s == wound && r == "essential")
        );
    }
);

both_backends!(esco_import_is_all_or_nothing, |db: Db| async move {
    let mut bad = small("v1");
    bad.occupation_skills.push((0, 99, "essential"));
    let mut tx = db.begin().await.unwrap();
    assert!(esco::import(&mut tx, &bad, 1, &mut |_| {}).await.is_err());
    drop(tx);
    let mut c = db.conn().await.unwrap();
    assert_eq!(esco::counts(&mut c).await.unwrap(), [0; 6]);
    assert_eq!(esco::generation(&mut c).await.unwrap(), 0);
});

pub(crate) fn candidate(org: OrgId, family: &str, given: &str, shared: bool) -> CandidateData {
    CandidateData {
        org_id: org,
        user_id: None,
        counsellor_id: None,
        family_name: family.into(),
        given_names: given.into(),
        country: "VN".into(),
        province: "Nghệ An".into(),
        email: Some("x@example.org".into()),
        phone: None,
        german_level: Some("B1".into()),
        german_certificate: Some("Goethe".into()),
        german_exam_date: Some(1_700_000_000),
        german_next_expected: None,
        licences: vec!["B".into()],
        wished_regions: vec!["Leipzig".into(), "Sachsen".into()],
        available_from: None,
        consent_share_employers: shared,
        consent_talent_pool: false,
    }
}

both_backends!(candidates_and_positions_round_trip, |db: Db| async move {
    import(&db, &small("v1"), 10).await;
    let mut c = db.conn().await.unwrap();
    let org = orgs::insert(
        &mut c,
        &NewOrganisation {
            name: "LVB",
            kind: OrgKind::TransportCompany,
            country: "DE",
        },
        1,
    )
    .await
    .unwrap()
    .id;
    let rows = esco::load_all(&mut c).await.unwrap();
    let skill = rows.skills[0].id;
    let occupation = rows.occupations[1].id;

    let d = candidate(org, "Nguyễn", "Thị Hương", true);
    let a = rec::insert_candidate(&mut c, &d, "nguyen thi huong", 5)
        .await
        .unwrap();
    assert_eq!(a.data, d);
    let b = rec::insert_candidate(
        &mut c,
        &candidate(org, "Trần", "Văn Đức", false),
        "tran van duc",
        5,
    )
    .await
    .unwrap();
    assert!(rec::bump_revision(&mut c).await.unwrap() > rec::revision(&mut c).await.unwrap() - 1);

    // Found without diacritics, several words in any order; consent filter.
    let found = rec::list_candidates(
        &mut c,
        &CandidateFilter {
            name: Some("huong nguyen".into()),
            ..Default::default()
        },
        PageRequest::default(),
    )
    .await
    .unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].data.family_name, "Nguyễn");
    let shared = rec::list_candidates(
        &mut c,
        &CandidateFilter {
            shared_with: Some(org),
            ..Default::default()
        },
        PageRequest::default(),
    )
    .await
    .unwrap();
    assert_eq!(shared.total, 1);
    let mut changed = d.clone();
    changed.counsellor_id = None;
    changed.german_level = Some("B2".into());
    let u = rec::update_candidate(&mut c, b.id, &changed, "nguyen thi huong", 9)
        .await
        .unwrap();
    assert_eq!(
        (u.data.german_level.as_deref(), u.updated_at),
        (Some("B2"), 9)
    );

    rec::set_candidate_skills(
        &mut c,
        a.id,
        &[HeldSkill {
            skill_id: skill,
            evidence: "observed".into(),
        }],
    )
    .await
    .unwrap();
    assert_eq!(rec::candidate_skills(&mut c, a.id).await.unwrap().len(), 1);
    rec::set_candidate_occupations(&mut c, a.id, "worked", &[occupation])
        .await
        .unwrap();
    assert_eq!(
        rec::candidate_occupations(&mut c, a.id).await.unwrap(),
        vec![(occupation, "worked".to_owned())]
    );
    rec::add_qualification(&mut c, a.id, "Điều dưỡng", "VN", None, "in_progress")
        .await
        .unwrap();
    assert_eq!(rec::qualifications(&mut c, a.id).await.unwrap().len(), 1);

    let p = rec::insert_position(
        &mut c,
        &PositionData {
            org_id: org,
            title: "Busfahrer/in".into(),
            kind: "skilled_job".into(),
            occupation_id: Some(occupation),
            german_level: Some("B1".into()),
            recognition_required: false,
            recognition_partnership: false,
            licences: vec!["D".into()],
            place: "Leipzig".into(),
            places: 5,
            start_date: 1_800_000_000,
            is_open: true,
        },
        7,
    )
    .await
    .unwrap();
    rec::set_position_skills(
        &mut c,
        p.id,
        &[RequiredSkill {
            skill_id: skill,
            relation: "essential".into(),
        }],
    )
    .await
    .unwrap();
    assert_eq!(rec::position_skills(&mut c, p.id).await.unwrap().len(), 1);
    let other = OrgId(org.0 + 1000);
    assert_eq!(
        rec::list_positions(&mut c, Some(other), false, PageRequest::default())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(rec::all_open_positions(&mut c).await.unwrap().len(), 1);
    assert_eq!(
        rec::candidate_of_user(&mut c, UserId(1)).await.unwrap(),
        None
    );
    drop(c);

    // The archive carries the new tables and round-trips.
    let mut out = Vec::new();
    archive::export(&db, &mut out).await.unwrap();
    let target = standort_store::testing::TestDb::new(db.kind())
        .await
        .unwrap();
    archive::import(&target.db, out.as_slice()).await.unwrap();
    let mut again = Vec::new();
    archive::export(&target.db, &mut again).await.unwrap();
    assert_eq!(out, again);
});

both_backends!(
    the_change_log_says_what_each_revision_changed,
    |db: Db| async move {
        use rec::Changed::{Candidate, Position};
        let mut c = db.conn().await.unwrap();
        let start = rec::revision(&mut c).await.unwrap();
        let r1 = rec::bump_revision_for(&mut c, &[Candidate(7), Candidate(7), Position(3)])
            .await
            .unwrap();
        let r2 = rec::bump_revision_for(&mut c, &[Candidate(2)])
            .await
            .unwrap();
        assert_eq!((r1, r2), (start + 1, start + 2));
        assert_eq!(
            rec::changes_between(&mut c, start, r2).await.unwrap(),
            Some(vec![Candidate(2), Candidate(7), Position(3)]),
            "deduplicated, candidates first"
        );
        assert_eq!(
            rec::changes_between(&mut c, r1, r2).await.unwrap(),
            Some(vec![Candidate(2)])
        );
        assert_eq!(
            rec::changes_between(&mut c, r2, r2).await.unwrap(),
            Some(vec![])
        );
        // A revision that may have changed anything: rebuild.
        let r3 = rec::bump_revision(&mut c).await.unwrap();
        assert_eq!(rec::changes_between(&mut c, r2, r3).await.unwrap(), None);
        assert_eq!(rec::changes_between(&mut c, start, r3).await.unwrap(), None);
        // A view older than the log (here: before the first logged revision): rebuild.
        assert_eq!(
            rec::changes_between(&mut c, start - 1, r2).await.unwrap(),
            None
        );
        // The log keeps the last KEPT_REVISIONS revisions only.
        sqlx::query("UPDATE recruitment_state SET revision = revision + $1 WHERE id = 1")
            .bind(rec::KEPT_REVISIONS)
            .execute(&mut *c)
            .await
            .unwrap();
        let far = rec::bump_revision_for(&mut c, &[Candidate(9)])
            .await
            .unwrap();
        assert_eq!(rec::changes_between(&mut c, r1, far).await.unwrap(), None);
        assert_eq!(
            rec::changes_between(&mut c, far - 1, far).await.unwrap(),
            Some(vec![Candidate(9)])
        );
        let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM recruitment_changes")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        assert_eq!(left, 1, "older rows pruned");
    }
);

both_backends!(candidate_languages_round_trip, |db: Db| async move {
    let mut c = db.conn().await.unwrap();
    let org = orgs::insert(
        &mut c,
        &NewOrganisation {
            name: "Agentur",
            kind: OrgKind::Agency,
            country: "DE",
        },
        1,
    )
    .await
    .unwrap()
    .id;
    let a = rec::insert_candidate(
        &mut c,
        &candidate(org, "Nguyễn", "Thị Hương", false),
        "nguyen thi huong",
        5,
    )
    .await
    .unwrap();
    let b = rec::insert_candidate(
        &mut c,
        &candidate(org, "Trần", "Văn Đức", false),
        "tran van duc",
        5,
    )
    .await
    .unwrap();
    let lang = |code: &str, level: &str| SpokenLanguage {
        language: code.into(),
        level: level.into(),
        certificate: None,
        exam_date: None,
        next_expected: None,
    };
    let vi = rec::insert_candidate_language(&mut c, a.id, &lang("vi", "native"), 0)
        .await
        .unwrap();
    let mut en = lang("en", "B1");
    en.certificate = Some("IELTS".into());
    en.exam_date = Some(1_780_000_000);
    en.next_expected = Some(1_800_000_000);
    let en_id = rec::insert_candidate_language(&mut c, a.id, &en, 1)
        .await
        .unwrap();
    rec::insert_candidate_language(&mut c, b.id, &lang("ja", "A2"), 0)
        .await
        .unwrap();
    let list = rec::candidate_languages(&mut c, a.id).await.unwrap();
    assert_eq!(
        list.iter().map(|l| (l.id, l.position)).collect::<Vec<_>>(),
        vec![(vi, 0), (en_id, 1)]
    );
    assert_eq!(list[1].data, en);

    // One row per language; German is refused by the database too.
    assert!(matches!(
        rec::insert_candidate_language(&mut c, a.id, &lang("en", "B2"), 2).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(
        rec::insert_candidate_language(&mut c, a.id, &lang("de", "B1"), 2)
            .await
            .is_err()
    );

    // Changed in place (the id stays) and reordered; rows of another candidate are not found.
    en.level = "B2".into();
    rec::update_candidate_language(&mut c, a.id, en_id, &en, 0)
        .await
        .unwrap();
    rec::update_candidate_language(&mut c, a.id, vi, &lang("vi", "native"), 1)
        .await
        .unwrap();
    let list = rec::candidate_languages(&mut c, a.id).await.unwrap();
    assert_eq!(
        list.iter()
            .map(|l| (l.id, l.data.level.as_str()))
            .collect::<Vec<_>>(),
        vec![(en_id, "B2"), (vi, "native")]
    );
    assert!(matches!(
        rec::update_candidate_language(&mut c, b.id, en_id, &en, 0).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        rec::delete_candidate_language(&mut c, b.id, vi).await,
        Err(StoreError::NotFound)
    ));
    rec::delete_candidate_language(&mut c, a.id, vi)
        .await
        .unwrap();
    assert_eq!(
        rec::candidate_languages(&mut c, a.id).await.unwrap().len(),
        1
    );

    // Erasure takes them with the candidate; the other candidate keeps theirs.
    let erased = standort_store::portal::erase_candidate(&mut c, a.id)
        .await
        .unwrap();
    assert!(
        erased
            .tables
            .iter()
            .any(|(t, n)| t == "candidate_languages" && *n == 1)
    );
    assert!(
        rec::candidate_languages(&mut c, a.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        rec::candidate_languages(&mut c, b.id).await.unwrap().len(),
        1
    );
    drop(c);

    // The archive carries the table and round-trips.
    let mut out = Vec::new();
    archive::export(&db, &mut out).await.unwrap();
    assert!(String::from_utf8_lossy(&out).contains("\"t\":\"candidate_languages\""));
    let target = standort_store::testing::TestDb::new(db.kind())
        .await
        .unwrap();
    archive::import(&target.db, out.as_slice()).await.unwrap();
    let mut again = Vec::new();
    archive::export(&target.db, &mut again).await.unwrap();
    assert_eq!(out, again);
});

// A searched `%`, `_` or `\` means itself: before, `_` matched every name (and was later
// stripped, so "a_b" found "ab").
both_backends!(
    name_search_treats_like_wildcards_literally,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        let org = orgs::insert(
            &mut c,
            &NewOrganisation {
                name: "LVB",
                kind: OrgKind::TransportCompany,
                country: "DE",
            },
            1,
        )
        .await
        .unwrap()
        .id;
        for folded in ["an_na", "anxna", "100% lan", "1000 lan", "a\\b", "ab"] {
            rec::insert_candidate(&mut c, &candidate(org, folded, "x", false), folded, 5)
                .await
                .unwrap();
        }
        let search = |q: &'static str| {
            let db = db.clone();
            async move {
                let mut c = db.conn().await.unwrap();
                let found = rec::list_candidates(
                    &mut c,
                    &CandidateFilter {
                        name: Some(q.into()),
                        ..Default::default()
                    },
                    PageRequest::default(),
                )
                .await
                .unwrap();
                let mut names: Vec<String> = found
                    .items
                    .into_iter()
                    .map(|r| r.data.family_name)
                    .collect();
                names.sort();
                names
            }
        };
        assert_eq!(search("an_na").await, vec!["an_na"]);
        assert_eq!(search("_").await, vec!["an_na"]);
        assert_eq!(search("0%").await, vec!["100% lan"]);
        assert_eq!(search("a\\b").await, vec!["a\\b"]);
    }
);
