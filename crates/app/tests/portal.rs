//! The retention rule on a real database, on both backends: who is erased (process ended
//! longer ago than the configured months, no talent-pool consent) and who is kept (consent,
//! process still running, recent end); the dry run; the periodic run shared by instances.

use standort_app::{Actor, App, AppError, PageRequest, Settings};
use standort_store::audit::AuditFilter;
use standort_store::testing::TestDb;
use standort_store::{DbKind, users};

/// 2026-11-22 12:00 UTC.
const NOW: i64 = 1_795_348_800;

async fn actor(app: &App, email: &str) -> Actor {
    let mut c = app.db.conn().await.unwrap();
    let (user, _) = users::find_for_login(&mut c, email).await.unwrap().unwrap();
    Actor {
        user,
        client_ip: None,
    }
}

async fn retention(kind: DbKind) {
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let settings = Settings {
        retention_months: 6,
        ..Default::default()
    };
    let app = App::new(t.db.clone(), settings.clone()).with_clock(std::sync::Arc::new(|| NOW));
    app.load_demo().await.unwrap().expect("demo loads");
    let staff = actor(&app, "staff@demo.standort.example").await;
    let all = app
        .list_candidates(&staff, None, false, PageRequest::default())
        .await
        .unwrap()
        .items;
    // The demo's own ended process (two months ago) is not due yet.
    assert!(app.run_retention(true).await.unwrap().due.is_empty());

    let without_pool: Vec<i64> = all
        .iter()
        .filter(|c| !c.data.consent_talent_pool)
        .map(|c| c.id)
        .collect();
    let with_pool = all.iter().find(|c| c.data.consent_talent_pool).unwrap().id;
    let (old, recent, running, withdrawn) = (
        without_pool[0],
        without_pool[1],
        without_pool[2],
        without_pool[3],
    );
    // Ended 7 months ago without consent → erased; the same with consent → kept; ended 5
    // months ago → kept; still running → kept.
    app.set_process_ended(&staff, old, Some("2026-04-20"))
        .await
        .unwrap();
    app.set_process_ended(&staff, with_pool, Some("2026-04-20"))
        .await
        .unwrap();
    app.set_process_ended(&staff, recent, Some("2026-06-23"))
        .await
        .unwrap();
    app.set_process_ended(&staff, running, None).await.unwrap();
    // Consent to the talent pool given and withdrawn again: due.
    app.set_process_ended(&staff, withdrawn, Some("2026-01-02"))
        .await
        .unwrap();
    app.set_consent(&staff, withdrawn, "talent_pool", None, true)
        .await
        .unwrap();
    assert!(
        !app.run_retention(true)
            .await
            .unwrap()
            .due
            .contains(&withdrawn)
    );
    app.set_consent(&staff, withdrawn, "talent_pool", None, false)
        .await
        .unwrap();

    let dry = app.run_retention(true).await.unwrap();
    let mut expected = vec![old, withdrawn];
    expected.sort();
    assert_eq!(dry.due, expected);
    assert!(dry.erased.is_empty());
    assert!(
        app.get_candidate(&staff, old).await.is_ok(),
        "dry run erases nothing"
    );

    // Two instances on the same database: only the lease holder runs it.
    let other = App::new(t.db.clone(), settings).with_clock(std::sync::Arc::new(|| NOW));
    let report = app
        .retention_tick("instance-a")
        .await
        .unwrap()
        .expect("first runs");
    assert_eq!(report.erased, expected);
    assert!(other.retention_tick("instance-b").await.unwrap().is_none());
    assert!(
        app.retention_tick("instance-a").await.unwrap().is_none(),
        "not due again yet"
    );

    for id in &expected {
        assert!(matches!(
            app.get_candidate(&staff, *id).await,
            Err(AppError::NotFound)
        ));
    }
    for id in [with_pool, recent, running] {
        assert!(app.get_candidate(&staff, id).await.is_ok(), "{id} kept");
    }
    // Each erasure audited by the system, with the record id and counts only.
    let admin = actor(&app, "admin@demo.standort.example").await;
    let log = app
        .browse_audit_log(
            &admin,
            &AuditFilter {
                action: Some("erase".into()),
                ..Default::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(log.total, 2);
    for e in &log.items {
        assert_eq!(e.actor_label, "system:retention");
        assert!(e.actor_user_id.is_none());
        assert_eq!(e.after.as_ref().unwrap()["rule"], "retention");
        let text = e.after.as_ref().unwrap().to_string();
        assert!(!text.contains('@'), "no e-mail in {text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_erases_ended_processes_without_talent_pool_consent_sqlite() {
    retention(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retention_erases_ended_processes_without_talent_pool_consent_postgres() {
    retention(DbKind::Postgres).await;
}
