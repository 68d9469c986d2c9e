//! Storage conformance suite: every test runs on SQLite and on PostgreSQL (see
//! `standort_store::testing`), so both backends keep one behaviour.

mod audit_chain;
mod counts;
mod demography;
mod esco_local_labels;
mod lists;
mod network;
mod notifications;
mod placements;
mod portable_archive;
mod portal;
mod procurement;
mod recruitment;
mod reminders;
mod showcase;

use standort_domain::{Language, OrgId, OrgKind, Role, UserId};
use standort_store::audit::{AuditFilter, NewAuditEntry};
use standort_store::orgs::NewOrganisation;
use standort_store::users::NewUser;
use standort_store::{
    Db, PageRequest, StoreError, archive, audit, both_backends, orgs, sessions, throttle, tokens,
    users,
};

async fn org(db: &Db, name: &str) -> OrgId {
    let mut c = db.conn().await.unwrap();
    orgs::insert(
        &mut c,
        &NewOrganisation {
            name,
            kind: OrgKind::Clinic,
            country: "DE",
        },
        100,
    )
    .await
    .unwrap()
    .id
}

async fn user(db: &Db, org_id: OrgId, email: &str, role: Role) -> UserId {
    let mut c = db.conn().await.unwrap();
    users::insert(
        &mut c,
        &NewUser {
            org_id,
            email,
            display_name: "Nguyễn Thị Hương",
            role,
            password_hash: "hash",
            language: Language::Vi,
        },
        200,
    )
    .await
    .unwrap()
    .id
}

both_backends!(
    migrations_are_idempotent_and_reported,
    |db: Db| async move {
        db.migrate().await.unwrap();
        let health = db.health().await.unwrap();
        // Every migration file of the backend is applied (versions may have gaps while
        // branches add theirs).
        let dir = format!(
            "{}/migrations/{}",
            env!("CARGO_MANIFEST_DIR"),
            db.kind().as_str()
        );
        let files = std::fs::read_dir(dir).unwrap().count() as i64;
        assert_eq!(health.migrations_applied, files);
        assert_eq!(
            db.database_schema_version().await.unwrap(),
            db.program_schema_version()
        );
    }
);

both_backends!(schema_matches_archive_spec, |db: Db| async move {
    let drift = archive::schema_drift(&db).await.unwrap();
    assert!(drift.is_empty(), "{drift:#?}");
});

both_backends!(users_round_trip_with_diacritics, |db: Db| async move {
    let o = org(&db, "Klinikum St. Georg").await;
    let u = user(&db, o, "huong@example.org", Role::Candidate).await;
    let mut c = db.conn().await.unwrap();
    let got = users::get(&mut c, u).await.unwrap();
    assert_eq!(got.display_name, "Nguyễn Thị Hương");
    assert_eq!(got.language, Language::Vi);
    assert!(!got.disabled);
    let (found, hash) = users::find_for_login(&mut c, "huong@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((found.id, hash.as_str()), (u, "hash"));
    assert!(
        users::find_for_login(&mut c, "nobody@example.org")
            .await
            .unwrap()
            .is_none()
    );
});

both_backends!(
    duplicate_email_is_a_conflict_and_changes_nothing,
    |db: Db| async move {
        let o = org(&db, "A").await;
        user(&db, o, "a@example.org", Role::Employer).await;
        let mut c = db.conn().await.unwrap();
        let err = users::insert(
            &mut c,
            &NewUser {
                org_id: o,
                email: "a@example.org",
                display_name: "x",
                role: Role::Employer,
                password_hash: "h",
                language: Language::De,
            },
            1,
        )
        .await
        .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
        assert_eq!(users::count(&mut c).await.unwrap(), 1);
    }
);

both_backends!(lists_are_paged_and_scoped, |db: Db| async move {
    let a = org(&db, "A").await;
    let b = org(&db, "B").await;
    for i in 0..5 {
        user(&db, a, &format!("a{i}@example.org"), Role::Employer).await;
    }
    user(&db, b, "b@example.org", Role::Employer).await;
    let mut c = db.conn().await.unwrap();
    let page = users::list(&mut c, Some(a), PageRequest::new(Some(2), Some(1)))
        .await
        .unwrap();
    assert_eq!((page.total, page.items.len()), (5, 2));
    assert!(page.items.iter().all(|u| u.org_id == a));
    let all = users::list(&mut c, None, PageRequest::default())
        .await
        .unwrap();
    assert_eq!(all.total, 6);
    let only_b = orgs::list(&mut c, Some(b), PageRequest::default())
        .await
        .unwrap();
    assert_eq!(only_b.items.len(), 1);
    assert_eq!(only_b.items[0].name, "B");
});

both_backends!(sessions_expire_and_follow_disabling, |db: Db| async move {
    let o = org(&db, "A").await;
    let u = user(&db, o, "a@example.org", Role::Planner).await;
    let mut c = db.conn().await.unwrap();
    sessions::insert(&mut c, "h1", u, "csrf", 1000, 2000)
        .await
        .unwrap();
    assert!(
        sessions::find_live(&mut c, "h1", 1500)
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        sessions::find_live(&mut c, "h1", 2000)
            .await
            .unwrap()
            .is_none()
    );
    users::set_disabled(&mut c, u, true).await.unwrap();
    assert!(
        sessions::find_live(&mut c, "h1", 1500)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(sessions::delete_expired(&mut c, 3000).await.unwrap(), 1);
});

both_backends!(
    tokens_act_for_their_owner_until_revoked,
    |db: Db| async move {
        let o = org(&db, "A").await;
        let u = user(&db, o, "a@example.org", Role::AgencyStaff).await;
        let other = user(&db, o, "b@example.org", Role::AgencyStaff).await;
        let mut c = db.conn().await.unwrap();
        let t = tokens::insert(&mut c, u, "script", "th", 5).await.unwrap();
        assert_eq!(
            tokens::find_user(&mut c, "th").await.unwrap().unwrap().id,
            u
        );
        assert!(matches!(
            tokens::revoke(&mut c, other, t.id, 6).await,
            Err(StoreError::NotFound)
        ));
        tokens::revoke(&mut c, u, t.id, 6).await.unwrap();
        assert!(tokens::find_user(&mut c, "th").await.unwrap().is_none());
        // Revoking all of a user's tokens leaves the revoked one and other users' alone.
        for (owner, hash) in [(u, "th2"), (u, "th3"), (other, "th4")] {
            tokens::insert(&mut c, owner, "script", hash, 7)
                .await
                .unwrap();
        }
        assert_eq!(tokens::revoke_all_for_user(&mut c, u, 8).await.unwrap(), 2);
        for hash in ["th2", "th3"] {
            assert!(tokens::find_user(&mut c, hash).await.unwrap().is_none());
        }
        assert!(tokens::find_user(&mut c, "th4").await.unwrap().is_some());
        let listed = tokens::list_for_user(&mut c, u).await.unwrap();
        assert_eq!(
            listed.iter().map(|t| t.revoked_at).collect::<Vec<_>>(),
            [Some(6), Some(8), Some(8)]
        );
    }
);

both_backends!(throttle_counts_per_key_within_window, |db: Db| async move {
    let mut c = db.conn().await.unwrap();
    for at in [10, 20, 30] {
        throttle::record(&mut c, "acct:a", at).await.unwrap();
    }
    let ip = throttle::record(&mut c, "ip:1", 30).await.unwrap();
    let taken_back = throttle::record(&mut c, "ip:1", 30).await.unwrap();
    assert_eq!(
        throttle::count_since(&mut c, "acct:a", 15).await.unwrap(),
        2
    );
    assert_eq!(throttle::count_since(&mut c, "ip:1", 0).await.unwrap(), 2);
    throttle::forget(&mut c, taken_back).await.unwrap();
    assert_ne!(ip, taken_back);
    assert_eq!(throttle::count_since(&mut c, "ip:1", 0).await.unwrap(), 1);
    throttle::clear(&mut c, "acct:a").await.unwrap();
    assert_eq!(throttle::count_since(&mut c, "acct:a", 0).await.unwrap(), 0);
    assert_eq!(throttle::prune(&mut c, 31).await.unwrap(), 1);
});

both_backends!(
    audit_log_is_append_only_and_filterable,
    |db: Db| async move {
        let o = org(&db, "A").await;
        let u = user(&db, o, "a@example.org", Role::Administrator).await;
        let mut c = db.conn().await.unwrap();
        for (i, action) in ["create", "update", "read"].iter().enumerate() {
            audit::append(
                &mut c,
                &NewAuditEntry {
                    actor: Some(u),
                    actor_label: "a@example.org".into(),
                    action: action.to_string(),
                    entity: "user".into(),
                    entity_id: "7".into(),
                    org_id: Some(o),
                    before: (i > 0).then(|| serde_json::json!({"name": "Ä'; DROP TABLE users;--"})),
                    after: Some(serde_json::json!({"name": "Nguyễn"})),
                    client_ip: Some("127.0.0.1".into()),
                },
                1000 + i as i64,
            )
            .await
            .unwrap();
        }
        let filter = AuditFilter {
            action: Some("update".into()),
            ..Default::default()
        };
        let page = audit::list(&mut c, &filter, PageRequest::default())
            .await
            .unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(
            page.items[0].before.as_ref().unwrap()["name"],
            "Ä'; DROP TABLE users;--"
        );
        let all = audit::list(
            &mut c,
            &AuditFilter {
                actor: Some(u),
                from: Some(1001),
                ..Default::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
        assert_eq!(
            all.items
                .iter()
                .map(|e| e.action.as_str())
                .collect::<Vec<_>>(),
            ["read", "update"]
        );
        // The database itself refuses to rewrite history.
        assert!(
            sqlx::query("UPDATE audit_log SET action = 'x'")
                .execute(&mut *c)
                .await
                .is_err()
        );
        assert!(
            sqlx::query("DELETE FROM audit_log")
                .execute(&mut *c)
                .await
                .is_err()
        );
        assert_eq!(
            audit::list(&mut c, &AuditFilter::default(), PageRequest::default())
                .await
                .unwrap()
                .total,
            3
        );
    }
);

both_backends!(
    audit_list_names_staff_actors_but_never_candidate_accounts,
    |db: Db| async move {
        let o = org(&db, "A").await;
        let staff = user(&db, o, "s@example.org", Role::AgencyStaff).await;
        let cand = user(&db, o, "c@example.org", Role::Candidate).await;
        let mut c = db.conn().await.unwrap();
        for (actor, label) in [
            (Some(staff), "s@example.org".to_owned()),
            (Some(cand), format!("candidate-account:{}", cand.0)),
            (Some(UserId(999_999)), "gone@example.org".to_owned()),
            (None, "system".to_owned()),
        ] {
            audit::append(
                &mut c,
                &NewAuditEntry {
                    actor,
                    actor_label: label,
                    action: "read".into(),
                    entity: "candidate".into(),
                    entity_id: "4".into(),
                    ..Default::default()
                },
                1000,
            )
            .await
            .unwrap();
        }
        let page = audit::list(&mut c, &AuditFilter::default(), PageRequest::default())
            .await
            .unwrap();
        let names: Vec<Option<&str>> = page.items.iter().map(|e| e.actor_name.as_deref()).collect();
        // Newest first: system, a removed account, a candidate account, the staff member.
        assert_eq!(names, [None, None, None, Some("Nguyễn Thị Hương")]);
        // The actor filter with the record's kind and id.
        let mine = audit::list(
            &mut c,
            &AuditFilter {
                actor: Some(staff),
                entity: Some("candidate".into()),
                entity_id: Some("4".into()),
                ..Default::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
        assert_eq!(mine.total, 1);
        assert_eq!(mine.items[0].actor_label, "s@example.org");
    }
);

both_backends!(
    archive_round_trips_and_refuses_bad_input,
    |db: Db| async move {
        let o = org(&db, "Städtisches Klinikum").await;
        let u = user(&db, o, "a@example.org", Role::ClinicBuyer).await;
        {
            let mut c = db.conn().await.unwrap();
            tokens::insert(&mut c, u, "t", "hash", 1).await.unwrap();
            sqlx::query("INSERT INTO jobs (kind, state, payload, progress, created_at, updated_at) VALUES ('x', 'done', '{}', 0.25, 1, 2)")
            .execute(&mut *c)
            .await
            .unwrap();
        }
        let mut first = Vec::new();
        let summary = archive::export(&db, &mut first).await.unwrap();
        assert_eq!(summary.rows, 4);

        // Restore into a fresh database of the same kind and export again: byte-identical.
        let target = standort_store::testing::TestDb::new(db.kind())
            .await
            .unwrap();
        archive::import(&target.db, first.as_slice()).await.unwrap();
        let mut second = Vec::new();
        archive::export(&target.db, &mut second).await.unwrap();
        assert_eq!(
            String::from_utf8(first.clone()).unwrap(),
            String::from_utf8(second).unwrap()
        );

        // New rows after an import get fresh keys (PostgreSQL sequences moved on).
        org(&target.db, "Neu").await;

        // A non-empty target is refused; so is a truncated archive, with nothing written.
        let err = archive::import(&target.db, first.as_slice())
            .await
            .unwrap_err();
        assert!(err.to_string().contains("not empty"), "{err}");
        let empty = standort_store::testing::TestDb::new(db.kind())
            .await
            .unwrap();
        let text = String::from_utf8(first).unwrap();
        let truncated: String = text.lines().take(3).map(|l| format!("{l}\n")).collect();
        let err = archive::import(&empty.db, truncated.as_bytes())
            .await
            .unwrap_err();
        assert!(err.to_string().contains("truncated"), "{err}");
        let bad: String = text.replacen("\"t\":\"users\"", "\"t\":\"nope\"", 1);
        let err = archive::import(&empty.db, bad.as_bytes())
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("line 3") && err.to_string().contains("unknown table"),
            "{err}"
        );
        let mut c = empty.db.conn().await.unwrap();
        assert_eq!(orgs::count(&mut c).await.unwrap(), 0);
    }
);

#[tokio::test]
async fn unknown_url_scheme_is_refused() {
    let err = Db::connect("mysql://localhost/x").await.unwrap_err();
    assert!(
        err.to_string().contains("unsupported database URL"),
        "{err}"
    );
    let err = Db::connect("standort.db").await.unwrap_err();
    assert!(matches!(err, StoreError::UnsupportedUrl(_)));
}

#[tokio::test]
async fn newer_schema_is_refused() {
    let t = standort_store::testing::TestDb::new(standort_store::DbKind::Sqlite)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
         VALUES (9999, 'future', CURRENT_TIMESTAMP, 1, x'00', 0)",
    )
    .execute(t.db.pool())
    .await
    .unwrap();
    let err = t.db.migrate().await.unwrap_err();
    assert!(
        matches!(err, StoreError::SchemaTooNew { database: 9999, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer than this program"));
}

/// The way an installation outgrows one machine: SQLite → archive → PostgreSQL → archive gives
/// the same archive, byte for byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn archive_moves_from_sqlite_to_postgres_unchanged() {
    let Some(target) = standort_store::testing::TestDb::new(standort_store::DbKind::Postgres).await
    else {
        return;
    };
    let source = standort_store::testing::TestDb::new(standort_store::DbKind::Sqlite)
        .await
        .unwrap();
    let o = org(&source.db, "Klinikum Borna – Pflege & Ausbildung").await;
    let u = user(&source.db, o, "huong@example.org", Role::Candidate).await;
    {
        let mut c = source.db.conn().await.unwrap();
        tokens::insert(&mut c, u, "skript", "hash", 3)
            .await
            .unwrap();
        audit::append(
            &mut c,
            &NewAuditEntry {
                actor: Some(u),
                actor_label: "huong@example.org".into(),
                action: "update".into(),
                entity: "user".into(),
                entity_id: u.to_string(),
                org_id: Some(o),
                before: Some(serde_json::json!({"name": "Nguyen"})),
                after: Some(serde_json::json!({"name": "Nguyễn", "ratio": 0.1})),
                client_ip: None,
            },
            4,
        )
        .await
        .unwrap();
        sqlx::query("INSERT INTO jobs (kind, state, payload, progress, created_at, updated_at) VALUES ('import', 'done', '{}', 0.3333333333333333, 1, 2)")
            .execute(&mut *c)
            .await
            .unwrap();
    }
    let mut from_sqlite = Vec::new();
    archive::export(&source.db, &mut from_sqlite).await.unwrap();
    archive::import(&target.db, from_sqlite.as_slice())
        .await
        .unwrap();
    let mut from_postgres = Vec::new();
    archive::export(&target.db, &mut from_postgres)
        .await
        .unwrap();
    assert_eq!(
        String::from_utf8(from_sqlite).unwrap(),
        String::from_utf8(from_postgres).unwrap()
    );
}
