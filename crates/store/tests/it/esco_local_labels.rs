//! Local labels of ESCO concepts (migration 0029) on both backends: add, list, delete, the
//! version the triggers move, surviving a re-import, and the archive round trip.

use standort_store::esco::local_labels as local;
use standort_store::esco::{self, Concept, EscoData, LabelIn, OccupationIn};
use standort_store::testing::TestDb;
use standort_store::{Db, DbKind, archive, both_backends};

const NURSE: &str = "http://data.europa.eu/esco/occupation/nurse";

fn nurse_only(version: &str) -> EscoData {
    EscoData {
        source: version.into(),
        languages: vec!["en".into()],
        occupations: vec![OccupationIn {
            uri: NURSE.into(),
            isco_code: "2221".into(),
            code: "2221.1".into(),
            regulated: true,
        }],
        labels: vec![LabelIn {
            concept: Concept::Occupation,
            index: 0,
            lang: "en".into(),
            label_kind: "preferred",
            label: format!("nurse {version}"),
        }],
        ..EscoData::default()
    }
}

async fn import(db: &Db, data: &EscoData) {
    let mut tx = db.begin().await.unwrap();
    esco::import(&mut tx, data, 10, &mut |_| {}).await.unwrap();
    tx.commit().await.unwrap();
}

both_backends!(
    local_labels_are_added_listed_deleted_and_move_the_version,
    |db: Db| async move {
        import(&db, &nurse_only("v1")).await;
        let mut c = db.conn().await.unwrap();
        let v0 = local::version(&mut c).await.unwrap();
        let a = local::add(
            &mut c,
            Concept::Occupation,
            NURSE,
            "de",
            "Pflegefachkraft",
            None,
            5,
        )
        .await
        .unwrap()
        .expect("added");
        assert_eq!(a.label, "Pflegefachkraft");
        assert_eq!(a.lang, "de");
        assert_eq!(a.concept, Concept::Occupation);
        // The same label twice changes nothing.
        assert!(
            local::add(
                &mut c,
                Concept::Occupation,
                NURSE,
                "de",
                "Pflegefachkraft",
                None,
                6
            )
            .await
            .unwrap()
            .is_none()
        );
        let b = local::add(
            &mut c,
            Concept::Occupation,
            NURSE,
            "vi",
            "Điều dưỡng viên",
            None,
            7,
        )
        .await
        .unwrap()
        .unwrap();
        let v1 = local::version(&mut c).await.unwrap();
        assert!(v1 > v0, "adding moves the version ({v0} -> {v1})");
        let list = local::of_concept(&mut c, Concept::Occupation, NURSE)
            .await
            .unwrap();
        assert_eq!(
            list.iter().map(|l| l.label.as_str()).collect::<Vec<_>>(),
            ["Pflegefachkraft", "Điều dưỡng viên"]
        );
        // The view's rows carry them with the concept's id, after ESCO's own labels.
        let rows = esco::load_all(&mut c).await.unwrap();
        assert_eq!(rows.local_version, v1);
        let nurse = esco::occupation_id(&mut c, NURSE).await.unwrap().unwrap();
        let locals: Vec<_> = rows
            .labels
            .iter()
            .filter(|l| l.label_kind == esco::LOCAL_LABEL_KIND)
            .collect();
        assert_eq!(locals.len(), 2);
        assert!(locals.iter().all(|l| l.concept_id == nurse));
        assert!(local::delete(&mut c, b.id).await.unwrap());
        assert!(!local::delete(&mut c, b.id).await.unwrap());
        assert!(local::version(&mut c).await.unwrap() > v1);
        assert_eq!(
            esco::view_key(&mut c).await.unwrap().1,
            local::version(&mut c).await.unwrap()
        );
        let list = local::of_concept(&mut c, Concept::Occupation, NURSE)
            .await
            .unwrap();
        assert_eq!(list.len(), 1);
        assert!(local::get(&mut c, b.id).await.unwrap().is_none());
    }
);

both_backends!(local_labels_survive_an_esco_reimport, |db: Db| async move {
    import(&db, &nurse_only("v1")).await;
    let mut c = db.conn().await.unwrap();
    local::add(
        &mut c,
        Concept::Occupation,
        NURSE,
        "de",
        "Krankenpfleger",
        None,
        5,
    )
    .await
    .unwrap()
    .unwrap();
    drop(c);
    import(&db, &nurse_only("v2")).await;
    let mut c = db.conn().await.unwrap();
    let list = local::of_concept(&mut c, Concept::Occupation, NURSE)
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].label, "Krankenpfleger");
    let rows = esco::load_all(&mut c).await.unwrap();
    assert_eq!(rows.generation, 2);
    let nurse = esco::occupation_id(&mut c, NURSE).await.unwrap().unwrap();
    assert!(rows.labels.iter().any(|l| l.concept_id == nurse
        && l.label == "Krankenpfleger"
        && l.label_kind == esco::LOCAL_LABEL_KIND));
    assert!(rows.labels.iter().any(|l| l.label == "nurse v2"));
});

both_backends!(local_labels_travel_in_the_archive, |db: Db| async move {
    import(&db, &nurse_only("v1")).await;
    let mut c = db.conn().await.unwrap();
    local::add(
        &mut c,
        Concept::Occupation,
        NURSE,
        "de",
        "Busfahrer?",
        None,
        5,
    )
    .await
    .unwrap()
    .unwrap();
    local::add(
        &mut c,
        Concept::Skill,
        "http://data.europa.eu/esco/skill/x",
        "vi",
        "Sơ cứu",
        None,
        6,
    )
    .await
    .unwrap()
    .unwrap();
    drop(c);
    let mut out = Vec::new();
    archive::export(&db, &mut out).await.unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.contains("\"esco_local_labels\""));
    for kind in [DbKind::Sqlite, DbKind::Postgres] {
        let Some(target) = TestDb::new(kind).await else {
            continue;
        };
        archive::import(&target.db, out.as_slice()).await.unwrap();
        let mut c = target.db.conn().await.unwrap();
        let list = local::of_concept(&mut c, Concept::Occupation, NURSE)
            .await
            .unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].label, "Busfahrer?");
        assert_eq!(list[0].created_at, 5);
        let skill = local::of_concept(&mut c, Concept::Skill, "http://data.europa.eu/esco/skill/x")
            .await
            .unwrap();
        assert_eq!(skill[0].label, "Sơ cứu");
        // The triggers moved the version during the import, so a view built before is stale.
        assert!(local::version(&mut c).await.unwrap() > 0);
        // New rows get fresh keys after the imported ones.
        let n = local::add(&mut c, Concept::Occupation, NURSE, "vi", "Y tá", None, 9)
            .await
            .unwrap()
            .unwrap();
        assert!(n.id > list[0].id);
    }
});
