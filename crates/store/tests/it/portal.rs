//! Portal records on both backends: documents with bytes (and through the archive), per-employer
//! consent deciding visibility, erasure through the cascade, the retention selection, leases.

use standort_domain::{Language, OrgId, OrgKind, Role};
use standort_store::orgs::{self, NewOrganisation};
use standort_store::portal::{self, NewDocument};
use standort_store::recruitment::{self as rec, CandidateData, CandidateFilter};
use standort_store::users::{self, NewUser};
use standort_store::{Db, PageRequest, archive, both_backends};

async fn org(db: &Db, name: &str, kind: OrgKind) -> OrgId {
    let mut c = db.conn().await.unwrap();
    orgs::insert(
        &mut c,
        &NewOrganisation {
            name,
            kind,
            country: "DE",
        },
        1,
    )
    .await
    .unwrap()
    .id
}

fn person(org: OrgId, family: &str, given: &str) -> CandidateData {
    CandidateData {
        org_id: org,
        user_id: None,
        counsellor_id: None,
        family_name: family.into(),
        given_names: given.into(),
        country: "VN".into(),
        province: "Nghệ An".into(),
        email: Some(format!("{}@example.org", given.replace(' ', "."))),
        phone: None,
        german_level: None,
        german_certificate: None,
        german_exam_date: None,
        german_next_expected: None,
        licences: vec![],
        wished_regions: vec![],
        available_from: None,
        consent_share_employers: false,
        consent_talent_pool: false,
    }
}

both_backends!(
    per_employer_consent_decides_visibility,
    |db: Db| async move {
        let agency = org(&db, "Agentur", OrgKind::Agency).await;
        let clinic = org(&db, "Klinikum", OrgKind::Clinic).await;
        let lvb = org(&db, "LVB", OrgKind::TransportCompany).await;
        let mut c = db.conn().await.unwrap();
        let a = rec::insert_candidate(
            &mut c,
            &person(agency, "Nguyễn", "Hương"),
            "nguyen huong",
            1,
        )
        .await
        .unwrap();
        let shared = |o: OrgId| CandidateFilter {
            shared_with: Some(o),
            ..Default::default()
        };
        let total = |p: standort_store::Paged<rec::CandidateRecord>| p.total;
        assert_eq!(
            total(
                rec::list_candidates(&mut c, &shared(clinic), PageRequest::default())
                    .await
                    .unwrap()
            ),
            0
        );
        assert!(
            portal::set_employer_consent(&mut c, a.id, clinic, true, 5)
                .await
                .unwrap()
        );
        assert!(
            !portal::set_employer_consent(&mut c, a.id, clinic, true, 6)
                .await
                .unwrap()
        );
        assert_eq!(
            total(
                rec::list_candidates(&mut c, &shared(clinic), PageRequest::default())
                    .await
                    .unwrap()
            ),
            1
        );
        assert_eq!(
            total(
                rec::list_candidates(&mut c, &shared(lvb), PageRequest::default())
                    .await
                    .unwrap()
            ),
            0
        );
        assert!(rec::is_shared_with(&mut c, a.id, clinic).await.unwrap());
        assert!(!rec::is_shared_with(&mut c, a.id, lvb).await.unwrap());
        assert_eq!(rec::shared_with(&mut c, clinic).await.unwrap(), vec![a.id]);
        // Withdrawn: gone at once.
        assert!(
            portal::set_employer_consent(&mut c, a.id, clinic, false, 7)
                .await
                .unwrap()
        );
        assert!(!rec::is_shared_with(&mut c, a.id, clinic).await.unwrap());
        assert_eq!(
            portal::employer_consents(&mut c, a.id).await.unwrap(),
            vec![]
        );
        // The general flag shows to every employer.
        portal::set_consent_flags(&mut c, a.id, true, false, 8)
            .await
            .unwrap();
        assert!(rec::is_shared_with(&mut c, a.id, lvb).await.unwrap());
        // Employers to consent to are found by name, letter case ignored; the agency is none.
        let names =
            |found: Vec<(i64, String)>| found.into_iter().map(|(_, n)| n).collect::<Vec<_>>();
        assert_eq!(
            names(
                portal::search_employer_organisations(&mut c, "", 20)
                    .await
                    .unwrap()
            ),
            vec!["Klinikum", "LVB"]
        );
        assert_eq!(
            names(
                portal::search_employer_organisations(&mut c, "lv", 20)
                    .await
                    .unwrap()
            ),
            vec!["LVB"]
        );
        assert_eq!(
            names(
                portal::search_employer_organisations(&mut c, "KLINIK", 1)
                    .await
                    .unwrap()
            ),
            vec!["Klinikum"]
        );
        assert!(
            portal::is_employer_organisation(&mut c, lvb.0)
                .await
                .unwrap()
        );
        assert!(
            !portal::is_employer_organisation(&mut c, agency.0)
                .await
                .unwrap()
        );
    }
);

both_backends!(documents_erasure_and_retention, |db: Db| async move {
    let agency = org(&db, "Agentur", OrgKind::Agency).await;
    let clinic = org(&db, "Klinikum", OrgKind::Clinic).await;
    let mut c = db.conn().await.unwrap();
    let login = users::insert(
        &mut c,
        &NewUser {
            org_id: agency,
            email: "huong@example.org",
            display_name: "Nguyễn Thị Hương",
            role: Role::Candidate,
            password_hash: "x",
            language: Language::Vi,
        },
        1,
    )
    .await
    .unwrap()
    .id;
    let mut d = person(agency, "Nguyễn", "Thị Hương");
    d.user_id = Some(login);
    let a = rec::insert_candidate(&mut c, &d, "nguyen thi huong", 1)
        .await
        .unwrap();
    let b = rec::insert_candidate(
        &mut c,
        &person(agency, "Trần", "Văn Đức"),
        "tran van duc",
        1,
    )
    .await
    .unwrap();
    let req = portal::insert_document_request(&mut c, a.id, "passport", Some(100), None, 2)
        .await
        .unwrap();
    // Every byte value survives both backends.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    let doc = portal::insert_document(
        &mut c,
        &NewDocument {
            candidate_id: a.id,
            request_id: Some(req),
            kind: "passport",
            file_name: "hộ chiếu.pdf",
            media_type: "application/pdf",
            sha256: "abc",
            content: &bytes,
            uploaded_by: Some(login),
        },
        3,
    )
    .await
    .unwrap();
    assert_eq!(doc.size, 3000);
    let (meta, back) = portal::document(&mut c, doc.id).await.unwrap();
    assert_eq!(
        (meta.file_name.as_str(), back),
        ("hộ chiếu.pdf", bytes.clone())
    );
    assert_eq!(
        portal::document_requests(&mut c, a.id).await.unwrap()[0].fulfilled_by,
        Some(doc.id)
    );
    portal::set_employer_consent(&mut c, a.id, clinic, true, 4)
        .await
        .unwrap();
    portal::record_consent_event(
        &mut c,
        a.id,
        "share_employer",
        Some(clinic),
        true,
        Some(login),
        4,
    )
    .await
    .unwrap();
    let r1 = portal::request_erasure(&mut c, a.id, agency, 5)
        .await
        .unwrap();
    let r2 = portal::request_erasure(&mut c, a.id, agency, 6)
        .await
        .unwrap();
    assert_eq!(r1.id, r2.id, "one open request per person");

    // The archive carries the bytes (base64) and restores them identically.
    let mut first = Vec::new();
    archive::export(&db, &mut first).await.unwrap();
    let target = standort_store::testing::TestDb::new(db.kind())
        .await
        .unwrap();
    archive::import(&target.db, first.as_slice()).await.unwrap();
    let mut second = Vec::new();
    archive::export(&target.db, &mut second).await.unwrap();
    assert_eq!(first, second);
    let mut tc = target.db.conn().await.unwrap();
    assert_eq!(portal::document(&mut tc, doc.id).await.unwrap().1, bytes);

    // Retention: ended long ago without talent-pool consent → due; ended recently or with
    // consent → kept; still running → kept.
    portal::set_process_ended(&mut c, a.id, Some(50), 9)
        .await
        .unwrap();
    portal::set_process_ended(&mut c, b.id, Some(50), 9)
        .await
        .unwrap();
    portal::set_consent_flags(&mut c, b.id, false, true, 9)
        .await
        .unwrap();
    assert_eq!(
        portal::retention_due(&mut c, 60).await.unwrap(),
        vec![(a.id, agency.0)]
    );
    assert_eq!(portal::retention_due(&mut c, 40).await.unwrap(), vec![]);

    // Erasure: the row and everything hanging off it, and the login.
    let erased = portal::erase_candidate(&mut c, a.id).await.unwrap();
    assert_eq!(erased.login, Some(login.0));
    assert!(
        erased
            .tables
            .iter()
            .any(|(t, n)| t == "candidate_documents" && *n == 1)
    );
    for table in portal::CANDIDATE_TABLES {
        let (n,): (i64,) = sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM {table} WHERE candidate_id = $1"
        ))
        .bind(a.id)
        .fetch_one(&mut *c)
        .await
        .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    assert!(users::get(&mut c, login).await.is_err());
    assert!(rec::get_candidate(&mut c, b.id).await.is_ok());
    assert_eq!(
        portal::close_erasure_requests(&mut c, a.id, "done", None, 10)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        portal::erasure_requests(&mut c, "done", None)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        portal::erase_candidate(&mut c, a.id).await,
        Err(standort_store::StoreError::NotFound)
    ));
});

both_backends!(a_lease_has_one_holder_at_a_time, |db: Db| async move {
    let mut c = db.conn().await.unwrap();
    assert!(
        portal::claim_lease(&mut c, "retention", "a", 100, 200)
            .await
            .unwrap()
    );
    assert!(
        !portal::claim_lease(&mut c, "retention", "b", 150, 250)
            .await
            .unwrap()
    );
    portal::renew_lease(&mut c, "retention", "a", 1000)
        .await
        .unwrap();
    assert!(
        !portal::claim_lease(&mut c, "retention", "b", 999, 2000)
            .await
            .unwrap()
    );
    assert!(
        portal::claim_lease(&mut c, "retention", "b", 1000, 2000)
            .await
            .unwrap()
    );
    // Several instances racing: exactly one wins.
    let mut tasks = Vec::new();
    for i in 0..6 {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            let mut c = db.conn().await.unwrap();
            portal::claim_lease(&mut c, "other", &format!("i{i}"), 10, 20)
                .await
                .unwrap()
        }));
    }
    let mut winners = 0;
    for t in tasks {
        if t.await.unwrap() {
            winners += 1;
        }
    }
    assert_eq!(winners, 1);
});
