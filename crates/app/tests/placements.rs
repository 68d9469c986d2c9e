//! The due items stored with each recorded step (migration 0011) agree with the engine's
//! computation from the history, on both backends, after a series of steps; the overdue card
//! that reads them counts what the placements themselves show as overdue; re-deriving from
//! scratch (as after an upgrade) gives the same rows.

use std::sync::Arc;

use standort_app::placements::{EventInput, day_of, unix_of};
use standort_app::{Actor, App, AppError, PageRequest, Settings};
use standort_placement::Placement;
use standort_store::placements::{self as store, DueRow, PlacementFilter};
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

fn step(kind: &str, days_ago: i64) -> EventInput {
    EventInput {
        kind: Some(kind.into()),
        date: Some(standort_app::placements::format_day(day_of(NOW) - days_ago)),
        contract: Some("employment".into()),
        route: Some("18a".into()),
        level: Some("B1".into()),
        passed: Some("on".into()),
        ..Default::default()
    }
}

/// What the engine derives from the stored history, as the rows the store should hold.
async fn engine_due(app: &App, placement: i64) -> Vec<DueRow> {
    let mut conn = app.db.conn().await.unwrap();
    let summary = store::get_placement(&mut conn, placement).await.unwrap();
    let events = store::events(&mut conn, placement).await.unwrap();
    let context = standort_placement::Context {
        recognition_required: summary.data.recognition_required,
        partnership_accepted: summary.data.partnership_accepted,
        apprenticeship: summary.data.apprenticeship,
    };
    let history: Vec<_> = events
        .iter()
        .map(|e| {
            (
                standort_placement::Event::from_json(&e.data).unwrap(),
                day_of(e.happened_on),
            )
        })
        .collect();
    let state = Placement::replay(context, history.iter());
    let mut rows: Vec<DueRow> = state
        .due_items(&[])
        .into_iter()
        .map(|d| DueRow {
            track: d.track.as_str().into(),
            code: d.code,
            due_on: unix_of(d.due),
            legal: d.legal,
        })
        .collect();
    rows.sort_by(|a, b| (a.due_on, &a.track, &a.code).cmp(&(b.due_on, &b.track, &b.code)));
    rows
}

async fn stored_due(app: &App, placement: i64) -> Vec<DueRow> {
    let mut conn = app.db.conn().await.unwrap();
    store::due(&mut conn, placement).await.unwrap()
}

async fn all_placement_ids(app: &App) -> Vec<i64> {
    let mut conn = app.db.conn().await.unwrap();
    store::all_placements(&mut conn, &PlacementFilter::default())
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect()
}

async fn stored_due_items_agree_with_the_engine(kind: DbKind) {
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let app = App::new(t.db.clone(), Settings::default()).with_clock(Arc::new(|| NOW));
    app.load_demo().await.unwrap().expect("demo loads");
    let staff = actor(&app, "staff@demo.standort.example").await;
    let counsellor = actor(&app, "counsellor@demo.standort.example").await;

    // A new placement through the use case, then a series of steps that opens and closes
    // deadlines on several tracks (§ 81a pre-approval, arrival, employment).
    let candidates = app
        .list_candidates(&staff, None, false, PageRequest::default())
        .await
        .unwrap()
        .items;
    let positions = app
        .list_positions(&staff, PageRequest::default())
        .await
        .unwrap()
        .items;
    let position = positions
        .iter()
        .find(|p| !p.data.recognition_required && p.data.kind == "skilled_job")
        .or(positions.first())
        .unwrap();
    let id = app
        .create_placement(&staff, candidates[0].id, position.id, None)
        .await
        .unwrap();
    assert_eq!(stored_due(&app, id).await, engine_due(&app, id).await);
    let mut recorded = 0;
    for (kind, ago) in [
        ("language_certified", 300),
        ("recognition_not_needed", 290),
        ("visa_route_chosen", 280),
        ("fast_track_applied", 270),
        ("fast_track_pre_approved", 260),
        ("contract_offered", 255),
        ("contract_signed", 250),
        ("visa_applied", 240),
        ("visa_granted", 230),
        ("housing_arranged", 225),
        ("arrived", 220),
        ("registered", 215),
        ("health_insurance", 215),
        ("employment_started", 210),
        ("mentor_assigned", 200),
    ] {
        match app.record_event(&staff, id, &step(kind, ago)).await {
            Ok(_) => recorded += 1,
            Err(AppError::Conflict(_)) => {}
            Err(e) => panic!("{kind}: {e:?}"),
        }
        assert_eq!(
            stored_due(&app, id).await,
            engine_due(&app, id).await,
            "after {kind}"
        );
    }
    assert!(recorded >= 8, "the series went through ({recorded} steps)");

    // Further steps on every demo placement, wherever the engine allows them.
    let ids = all_placement_ids(&app).await;
    for &p in &ids {
        for (kind, ago) in [("visa_applied", 30), ("arrived", 25), ("registered", 2)] {
            match app.record_event(&staff, p, &step(kind, ago)).await {
                Ok(_) | Err(AppError::Conflict(_)) => {}
                Err(e) => panic!("{kind}: {e:?}"),
            }
        }
    }
    let mut with_items = 0;
    for &p in &ids {
        let engine = engine_due(&app, p).await;
        with_items += usize::from(!engine.is_empty());
        assert_eq!(stored_due(&app, p).await, engine, "placement {p}");
    }
    assert!(with_items > 3, "the demo has open deadlines");

    // The overdue card counts exactly what the placements show as overdue (derived and
    // checklist items), for staff (all) and for a counsellor (the caseload).
    let mut expected_all = 0;
    let mut expected_caseload = 0;
    for &p in &ids {
        let view = app.get_placement(&staff, p).await.unwrap();
        expected_all += view.overdue.len();
        if view.summary.counsellor == Some(counsellor.user.id) {
            expected_caseload += view.overdue.len();
        }
    }
    assert!(expected_all > 0);
    let card = |d: &standort_app::dashboard::Dashboard| {
        d.cards
            .iter()
            .find(|c| c.title == "card-overdue")
            .and_then(|c| c.value)
            .unwrap() as usize
    };
    let dashboard = app.dashboard(&staff).await.unwrap();
    assert_eq!(card(&dashboard), expected_all);
    assert_eq!(dashboard.overdue.len(), expected_all.min(10));
    assert!(
        dashboard
            .overdue
            .windows(2)
            .all(|w| (w[0].item.due, w[0].placement_id) <= (w[1].item.due, w[1].placement_id)),
        "oldest first"
    );
    assert!(dashboard.overdue.iter().all(|l| l.item.due < day_of(NOW)));
    let dashboard = app.dashboard(&counsellor).await.unwrap();
    assert_eq!(card(&dashboard), expected_caseload);

    // Placements whose items were derived by older rules (or never, before migration 0011)
    // are derived again, with the same result.
    let before: Vec<_> = {
        let mut out = Vec::new();
        for &p in &ids {
            out.push(stored_due(&app, p).await);
        }
        out
    };
    {
        let mut conn = app.db.conn().await.unwrap();
        for &p in &ids {
            store::replace_due(&mut conn, p, &[], 0).await.unwrap();
        }
    }
    assert_eq!(app.refresh_due_items().await.unwrap(), ids.len());
    assert_eq!(app.refresh_due_items().await.unwrap(), 0, "nothing left");
    for (&p, rows) in ids.iter().zip(before) {
        assert_eq!(stored_due(&app, p).await, rows, "placement {p} re-derived");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_due_items_agree_with_the_engine_sqlite() {
    stored_due_items_agree_with_the_engine(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stored_due_items_agree_with_the_engine_postgres() {
    stored_due_items_agree_with_the_engine(DbKind::Postgres).await;
}

/// Audited list reads under concurrency: every one answers (on SQLite a transaction that read
/// first and then appended the audit entry failed at once when another request had written in
/// between), and every one is audited.
async fn concurrent_audited_lists_all_answer(kind: DbKind) {
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let app = App::new(t.db.clone(), Settings::default()).with_clock(Arc::new(|| NOW));
    app.load_demo().await.unwrap().expect("demo loads");
    let staff = Arc::new(actor(&app, "staff@demo.standort.example").await);
    let listed_before = list_entries(&app).await;
    let mut tasks = Vec::new();
    for n in 0..48 {
        let (app, staff) = (app.clone(), staff.clone());
        tasks.push(tokio::spawn(async move {
            if n % 2 == 0 {
                app.list_candidates(&staff, None, false, PageRequest::default())
                    .await
                    .map(|l| l.items.len())
            } else {
                app.list_placements(&staff, None, false, PageRequest::default())
                    .await
                    .map(|l| l.items.len())
            }
        }));
    }
    for t in tasks {
        let listed = t.await.unwrap().expect("every list answers");
        assert!(listed > 0);
    }
    assert_eq!(list_entries(&app).await, listed_before + 48);
}

async fn list_entries(app: &App) -> i64 {
    let mut conn = app.db.conn().await.unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'list'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_audited_lists_all_answer_sqlite() {
    concurrent_audited_lists_all_answer(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_audited_lists_all_answer_postgres() {
    concurrent_audited_lists_all_answer(DbKind::Postgres).await;
}

/// Audited record reads (a candidate's profile, a placement) under concurrency, mixed with
/// audited lists: every one answers and is audited. They read in a transaction of their own and
/// append the audit entry after it (on SQLite a transaction that read first cannot wait for
/// the write lock), and the audit chain stays intact.
async fn concurrent_audited_reads_all_answer(kind: DbKind) {
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let app = App::new(t.db.clone(), Settings::default()).with_clock(Arc::new(|| NOW));
    app.load_demo().await.unwrap().expect("demo loads");
    let staff = Arc::new(actor(&app, "staff@demo.standort.example").await);
    let placement = app
        .list_placements(&staff, None, false, PageRequest::default())
        .await
        .unwrap()
        .items[0]
        .clone();
    let (placement, candidate) = (placement.id, placement.data.candidate_id);
    let reads_before = read_entries(&app).await;
    let mut tasks = Vec::new();
    for n in 0..48 {
        let (app, staff) = (app.clone(), staff.clone());
        tasks.push(tokio::spawn(async move {
            match n % 3 {
                0 => app.get_candidate(&staff, candidate).await.map(|_| ()),
                1 => app.get_placement(&staff, placement).await.map(|_| ()),
                // Audited lists in between: more appenders, so readers meet a database that
                // changed under them.
                _ => app
                    .list_candidates(&staff, None, false, PageRequest::default())
                    .await
                    .map(|_| ()),
            }
        }));
    }
    for t in tasks {
        t.await.unwrap().expect("every read answers");
    }
    assert_eq!(read_entries(&app).await, reads_before + 32);
    assert!(matches!(
        standort_store::audit::verify_chain(&app.db).await.unwrap(),
        standort_store::audit::ChainCheck::Intact { .. }
    ));
}

async fn read_entries(app: &App) -> i64 {
    let mut conn = app.db.conn().await.unwrap();
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'read'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_audited_reads_all_answer_sqlite() {
    concurrent_audited_reads_all_answer(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_audited_reads_all_answer_postgres() {
    concurrent_audited_reads_all_answer(DbKind::Postgres).await;
}

/// Write use cases that read before they write (creating a placement reads the candidate and
/// the position first), many at once, mixed with audited reads: every one succeeds. On SQLite
/// a transaction that read first used to fail at once with "database is locked" when another
/// connection wrote in between; write transactions now take the write lock when they begin
/// and queue for their turn (`Db::begin_write`).
async fn concurrent_writes_that_read_first_all_succeed(kind: DbKind) {
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let app = App::new(t.db.clone(), Settings::default()).with_clock(Arc::new(|| NOW));
    app.load_demo().await.unwrap().expect("demo loads");
    let staff = Arc::new(actor(&app, "staff@demo.standort.example").await);
    let candidates = app
        .list_candidates(&staff, None, false, PageRequest::new(Some(8), None))
        .await
        .unwrap()
        .items;
    let positions = app
        .list_positions(&staff, PageRequest::new(Some(4), None))
        .await
        .unwrap()
        .items;
    let before = app
        .list_placements(&staff, None, false, PageRequest::default())
        .await
        .unwrap()
        .total;
    let mut tasks = Vec::new();
    let mut created = 0;
    for c in &candidates {
        for p in &positions {
            let (c, p) = (c.id, p.id);
            created += 1;
            let (writer, as_staff) = (app.clone(), staff.clone());
            tasks.push(tokio::spawn(async move {
                writer
                    .create_placement(&as_staff, c, p, None)
                    .await
                    .map(|_| ())
            }));
            let (reader, as_staff) = (app.clone(), staff.clone());
            tasks.push(tokio::spawn(async move {
                reader.get_candidate(&as_staff, c).await.map(|_| ())
            }));
        }
    }
    for t in tasks {
        t.await.unwrap().expect("every write and read succeeds");
    }
    let after = app
        .list_placements(&staff, None, false, PageRequest::default())
        .await
        .unwrap()
        .total;
    assert_eq!(after, before + created);
    assert!(matches!(
        standort_store::audit::verify_chain(&app.db).await.unwrap(),
        standort_store::audit::ChainCheck::Intact { .. }
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_that_read_first_all_succeed_sqlite() {
    concurrent_writes_that_read_first_all_succeed(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_that_read_first_all_succeed_postgres() {
    concurrent_writes_that_read_first_all_succeed(DbKind::Postgres).await;
}

/// The load benchmarks' data set (`bench load --scale N`) grows the region, not one employer:
/// each unit adds its own copies of the demo's employers and clinics with the unit's positions
/// and their users, so the demo employer sees at ×N what it sees in the demo while the agency's
/// staff see everything N times.
async fn the_scaled_demo_gives_each_unit_its_own_employers(kind: DbKind) {
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let app = App::new(t.db.clone(), Settings::default()).with_clock(Arc::new(|| NOW));
    app.load_demo().await.unwrap().expect("demo loads");
    let staff = actor(&app, "staff@demo.standort.example").await;
    let employer = actor(&app, "employer@demo.standort.example").await;
    let all = PageRequest::new(Some(1), None);
    let placements = |who: Actor| {
        let app = &app;
        async move {
            app.query_placements(&who, &Default::default(), all)
                .await
                .unwrap()
                .total
        }
    };
    let positions = |who: Actor| {
        let app = &app;
        async move { app.list_positions(&who, all).await.unwrap().total }
    };
    let demo_staff = (
        placements(staff.clone()).await,
        positions(staff.clone()).await,
    );
    let demo_employer = (
        placements(employer.clone()).await,
        positions(employer.clone()).await,
    );
    assert!(
        demo_employer.0 > 0 && demo_employer.1 > 0,
        "{demo_employer:?}"
    );

    app.load_scaled_demo(2, 7).await.unwrap();
    let unit = standort_app::demo::SCALE_UNIT;
    assert_eq!(
        (
            placements(staff.clone()).await,
            positions(staff.clone()).await
        ),
        (
            demo_staff.0 + 2 * unit.placements as i64,
            demo_staff.1 + 2 * unit.positions as i64
        ),
        "the agency's staff see every unit"
    );
    assert_eq!(
        (
            placements(employer.clone()).await,
            positions(employer.clone()).await
        ),
        demo_employer,
        "the demo employer keeps its own positions and placements"
    );
    // Each unit's copy of the employer holds that unit's share, and its own users see it.
    let mut conn = app.db.conn().await.unwrap();
    let (copies,): (i64,) = sqlx::query_as(
        "SELECT COUNT(DISTINCT p.org_id) FROM positions p JOIN organisations o ON o.id = p.org_id \
         WHERE o.name LIKE '% 1' OR o.name LIKE '% 2'",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert!(
        copies >= 2,
        "the units' positions belong to the units' organisations"
    );
    let (unit_employer,): (String,) = sqlx::query_as(
        "SELECT u.email FROM users u JOIN organisations o ON o.id = u.org_id \
         WHERE u.role = 'employer' AND o.name LIKE '% 1' ORDER BY u.id LIMIT 1",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    drop(conn);
    let unit_employer = actor(&app, &unit_employer).await;
    assert!(placements(unit_employer.clone()).await > 0);
    assert!(positions(unit_employer).await > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scaled_demo_gives_each_unit_its_own_employers_sqlite() {
    the_scaled_demo_gives_each_unit_its_own_employers(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scaled_demo_gives_each_unit_its_own_employers_postgres() {
    the_scaled_demo_gives_each_unit_its_own_employers(DbKind::Postgres).await;
}

/// The placements list in every order and direction without a filter (where it walks the sort
/// column's index, migration 0031): paging through it in small pages gives the one long page,
/// every placement once, and the order by creation holds.
async fn every_order_of_the_placements_list_pages_through_all(kind: DbKind) {
    use standort_store::list::{Order, SortKey};
    use standort_store::placements::PlacementSort;

    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let app = App::new(t.db.clone(), Settings::default()).with_clock(Arc::new(|| NOW));
    app.load_demo().await.unwrap().expect("demo loads");
    app.load_scaled_demo(1, 11).await.unwrap();
    let staff = actor(&app, "staff@demo.standort.example").await;
    let mut everyone = all_placement_ids(&app).await;
    everyone.sort();
    for key in PlacementSort::ALL {
        for desc in [false, true] {
            let query = standort_app::placements::PlacementQuery {
                order: Order::new(*key, desc),
                ..Default::default()
            };
            let long = app
                .query_placements(&staff, &query, PageRequest::new(Some(500), None))
                .await
                .unwrap();
            assert_eq!(long.total as usize, everyone.len());
            let mut paged = Vec::new();
            let mut offset = 0;
            while offset < long.total {
                let page = app
                    .query_placements(&staff, &query, PageRequest::new(Some(7), Some(offset)))
                    .await
                    .unwrap();
                assert!(!page.items.is_empty());
                offset += page.items.len() as i64;
                paged.extend(page.items);
            }
            let ids = |rows: &[standort_store::placements::PlacementSummary]| {
                rows.iter().map(|p| p.id).collect::<Vec<_>>()
            };
            assert_eq!(ids(&paged), ids(&long.items), "{} desc={desc}", key.name());
            let mut sorted = ids(&long.items);
            sorted.sort();
            assert_eq!(sorted, everyone, "{} desc={desc}", key.name());
            if *key == PlacementSort::Created {
                let created: Vec<(i64, i64)> =
                    long.items.iter().map(|p| (p.created_at, p.id)).collect();
                let mut want = created.clone();
                want.sort();
                if desc {
                    want.reverse();
                }
                assert_eq!(created, want, "by creation, desc={desc}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_order_of_the_placements_list_pages_through_all_sqlite() {
    every_order_of_the_placements_list_pages_through_all(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_order_of_the_placements_list_pages_through_all_postgres() {
    every_order_of_the_placements_list_pages_through_all(DbKind::Postgres).await;
}
