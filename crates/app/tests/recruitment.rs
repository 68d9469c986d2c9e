//! The skilled-workers use cases on a real database: the ESCO importer on the real ESCO files,
//! search, permissions (employers see only their positions and consenting candidates; others'
//! records are "not found"), audit of reads, and matching both ways.

use std::path::PathBuf;
use std::time::Instant;

use standort_app::recruitment::{CandidateInput, PositionInput};
use standort_app::{Actor, App, AppError, PageRequest, Settings};
use standort_store::audit::AuditFilter;
use standort_store::esco::Concept;
use standort_store::testing::TestDb;
use standort_store::{Db, DbKind, esco as store_esco, users};

/// `../shared/data/esco-v1.1.1` beside the checkout, or under `$STANDORT_SHARED` (a checkout
/// in a worktree folder has no `../shared` of its own).
fn esco_dir() -> Option<PathBuf> {
    let shared = std::env::var_os("STANDORT_SHARED").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        PathBuf::from,
    );
    let dir = shared.join("data/esco-v1.1.1");
    dir.exists().then_some(dir)
}

fn esco_files(dir: &std::path::Path) -> Vec<PathBuf> {
    vec![
        dir.join("ESCO dataset - v1.1.1 - classification - en - csv.zip"),
        dir.join("ESCO dataset - v1.1.1 - relations - csv.zip"),
    ]
}

async fn import_real(db: &Db, files: &[PathBuf], now: i64) -> store_esco::ImportSummary {
    let t = Instant::now();
    let dataset = standort_esco::Dataset::load(files).expect("ESCO loads");
    let data = standort_app::esco::data_from_dataset(&dataset, "v1.1.1");
    let loaded = t.elapsed();
    let summary = standort_app::esco::import(db, &data, now, &mut |_| {})
        .await
        .expect("import");
    eprintln!(
        "{:?}: read {:.2} s, wrote {} rows in {:.2} s",
        db.kind(),
        loaded.as_secs_f64(),
        data.total_rows(),
        (t.elapsed() - loaded).as_secs_f64()
    );
    summary
}

async fn real_esco_import(kind: DbKind) {
    let Some(dir) = esco_dir() else {
        eprintln!("skipping: ../shared/data/esco-v1.1.1 not found");
        return;
    };
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let files = esco_files(&dir);
    let first = import_real(&t.db, &files, 100).await;
    // 13,896 skills and every skill group the reader knows, stored with them as broad skills.
    let dataset = standort_esco::Dataset::load(&files).unwrap();
    let skills = 13_896 + dataset.skill_groups().len();
    assert!(dataset.skill_groups().len() >= 640);
    assert_eq!((first.occupations, first.skills), (3007, skills as u64));
    let mut c = t.db.conn().await.unwrap();
    let counts = store_esco::counts(&mut c).await.unwrap();
    assert_eq!(&counts[..2], &[3007, skills as i64]);
    // The whole skills hierarchy: skill → skill, skill → group and group → group.
    let hierarchy: usize = dataset
        .skill_ids()
        .map(|s| dataset.broader_skills(s).len() + dataset.skill_groups_of(s).len())
        .sum::<usize>()
        + (0..dataset.skill_groups().len() as u32)
            .map(|g| {
                dataset
                    .broader_skill_groups(standort_esco::SkillGroupId(g))
                    .len()
            })
            .sum::<usize>();
    assert_eq!(counts[4], hierarchy as i64);
    let field = "http://data.europa.eu/esco/isced-f/0799";
    let field_id = store_esco::skill_id(&mut c, field)
        .await
        .unwrap()
        .expect("the ISCED-F field group is stored");
    assert_eq!(
        counts[3], 123_788,
        "occupation–skill relations the reader keeps"
    );
    let nurse_uri = "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50";
    let nurse = store_esco::occupation_id(&mut c, nurse_uri).await.unwrap();
    drop(c);

    // Search over the imported labels: diacritics, a typo, a prefix.
    let app = App::new(t.db.clone(), Settings::default());
    let hits = app
        .search_esco("krankenschwster", Some(Concept::Occupation), "en", 10)
        .await
        .unwrap();
    let _ = hits; // English pack: German words need not match; the call must work.
    let hits = app
        .search_esco("bus drive", Some(Concept::Occupation), "en", 5)
        .await
        .unwrap();
    assert!(hits.iter().any(|h| h.label == "bus driver"), "{hits:?}");
    let hits = app
        .search_esco(
            "nurse responsible for general care",
            Some(Concept::Occupation),
            "en",
            3,
        )
        .await
        .unwrap();
    assert_eq!(hits[0].label, "nurse responsible for general care");
    let view = app.esco().await.unwrap();
    let field_compact = view.skill_compact(field_id).expect("in the taxonomy");
    assert!(view.taxonomy.is_group(field_compact));
    drop(view);

    // Re-import: same ids, new generation, counts unchanged; the cache notices.
    let second = import_real(&t.db, &files, 200).await;
    assert_eq!(second.generation, first.generation + 1);
    let mut c = t.db.conn().await.unwrap();
    assert_eq!(store_esco::counts(&mut c).await.unwrap(), counts);
    assert_eq!(
        store_esco::occupation_id(&mut c, nurse_uri).await.unwrap(),
        nurse
    );
    drop(c);
    assert_eq!(app.esco().await.unwrap().generation, second.generation);

    // A broken file: nothing read, nothing written.
    let broken_dir =
        std::env::temp_dir().join(format!("standort-esco-broken-{}", std::process::id()));
    std::fs::create_dir_all(&broken_dir).unwrap();
    let bytes = std::fs::read(&files[1]).unwrap();
    let broken = broken_dir.join("relations.zip");
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap();
    assert!(standort_esco::Dataset::load(&[files[0].clone(), broken]).is_err());
    let _ = std::fs::remove_dir_all(&broken_dir);
    let mut c = t.db.conn().await.unwrap();
    assert_eq!(
        store_esco::generation(&mut c).await.unwrap(),
        second.generation
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_esco_imports_and_reimports_in_place_sqlite() {
    real_esco_import(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_esco_imports_and_reimports_in_place_postgres() {
    real_esco_import(DbKind::Postgres).await;
}

async fn actor(app: &App, email: &str) -> Actor {
    let mut c = app.db.conn().await.unwrap();
    let (user, _) = users::find_for_login(&mut c, email).await.unwrap().unwrap();
    Actor {
        user,
        client_ip: None,
    }
}

async fn demo_app(kind: DbKind) -> Option<(TestDb, App)> {
    let t = TestDb::new(kind).await?;
    let app = App::new(t.db.clone(), Settings::default());
    app.load_demo().await.unwrap().expect("demo loads");
    Some((t, app))
}

async fn permissions(kind: DbKind) {
    let Some((_t, app)) = demo_app(kind).await else {
        return;
    };
    let staff = actor(&app, "staff@demo.standort.example").await;
    let counsellor = actor(&app, "counsellor@demo.standort.example").await;
    let employer = actor(&app, "employer@demo.standort.example").await;
    let candidate = actor(&app, "candidate@demo.standort.example").await;

    // Employers see only their own organisation's positions.
    let all = app
        .list_positions(&staff, PageRequest::default())
        .await
        .unwrap();
    let own = app
        .list_positions(&employer, PageRequest::default())
        .await
        .unwrap();
    assert!(own.total > 0 && own.total < all.total);
    assert!(
        own.items
            .iter()
            .all(|p| p.data.org_id == employer.user.org_id)
    );
    let foreign = all
        .items
        .iter()
        .find(|p| p.data.org_id != employer.user.org_id)
        .unwrap();
    assert!(matches!(
        app.get_position(&employer, foreign.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.match_candidates(&employer, foreign.id, 10).await,
        Err(AppError::NotFound)
    ));

    // Employers see only consenting candidates, without contact details.
    let listed = app
        .list_candidates(&employer, None, false, PageRequest::default())
        .await
        .unwrap();
    let everyone = app
        .list_candidates(&staff, None, false, PageRequest::default())
        .await
        .unwrap();
    assert!(listed.total > 0 && listed.total < everyone.total);
    assert!(
        listed
            .items
            .iter()
            .all(|c| c.data.consent_share_employers && c.data.email.is_none())
    );
    let hidden = everyone
        .items
        .iter()
        .find(|c| !c.data.consent_share_employers)
        .unwrap();
    assert!(matches!(
        app.get_candidate(&employer, hidden.id).await,
        Err(AppError::NotFound)
    ));
    let matches = app
        .match_candidates(&employer, own.items[0].id, 50)
        .await
        .unwrap();
    for m in &matches {
        assert!(
            listed.items.iter().any(|c| c.id == m.candidate_id),
            "employer was shown a candidate who did not consent"
        );
    }
    assert!(matches!(
        app.update_candidate(&employer, listed.items[0].id, &CandidateInput::default())
            .await,
        Err(AppError::Forbidden)
    ));

    // A candidate sees their own profile only; staff reads are audited, own reads are not.
    let own_id = app.own_candidate_id(&candidate).await.unwrap().unwrap();
    let profile = app.get_candidate(&candidate, own_id).await.unwrap();
    assert!(profile.record.data.email.is_some());
    let other = everyone.items.iter().find(|c| c.id != own_id).unwrap();
    assert!(matches!(
        app.get_candidate(&candidate, other.id).await,
        Err(AppError::NotFound)
    ));
    let reads = |app: App, id: i64| async move {
        let mut c = app.db.conn().await.unwrap();
        standort_store::audit::list(
            &mut c,
            &AuditFilter {
                action: Some("read".into()),
                entity: Some("candidate".into()),
                entity_id: Some(id.to_string()),
                ..Default::default()
            },
            PageRequest::default(),
        )
        .await
        .unwrap()
        .total
    };
    let before = reads(app.clone(), own_id).await;
    app.get_candidate(&counsellor, own_id).await.unwrap();
    assert_eq!(reads(app.clone(), own_id).await, before + 1);
    app.get_candidate(&candidate, own_id).await.unwrap();
    assert_eq!(reads(app.clone(), own_id).await, before + 1);

    // Writes audit before and after.
    let c = app
        .create_candidate(
            &counsellor,
            &CandidateInput {
                family_name: Some("Phạm".into()),
                given_names: Some("Thị Mai".into()),
                province: Some("Thanh Hóa".into()),
                german_level: Some("a2".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(c.data.counsellor_id, Some(counsellor.id()));
    assert_eq!(c.data.german_level.as_deref(), Some("A2"));
    let found = app
        .list_candidates(
            &counsellor,
            Some("pham thi mai"),
            true,
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].data.family_name, "Phạm");

    // Employers post for their own organisation whatever they send; candidates cannot post.
    let nurse = app
        .search_esco(
            "nurse responsible for general care",
            Some(Concept::Occupation),
            "en",
            1,
        )
        .await
        .unwrap()[0]
        .id;
    let p = app
        .create_position(
            &employer,
            &PositionInput {
                title: Some("Pflegefachkraft".into()),
                org_id: Some(foreign.data.org_id.0),
                occupation_id: Some(nurse),
                place: Some("Leipzig".into()),
                start_date: Some("2027-03-01".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(p.data.org_id, employer.user.org_id);
    assert!(p.data.recognition_required, "nursing is regulated");
    let view = app.get_position(&employer, p.id).await.unwrap();
    assert!(!view.essential.is_empty(), "skills prefilled from ESCO");
    assert!(matches!(
        app.create_position(&candidate, &PositionInput::default())
            .await,
        Err(AppError::NotFound)
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permissions_sqlite() {
    permissions(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn permissions_postgres() {
    permissions(DbKind::Postgres).await;
}

async fn matching(kind: DbKind) {
    let Some((_t, app)) = demo_app(kind).await else {
        return;
    };
    let staff = actor(&app, "staff@demo.standort.example").await;
    let counsellor = actor(&app, "counsellor@demo.standort.example").await;
    let positions = app
        .list_positions(&staff, PageRequest::default())
        .await
        .unwrap();
    let bus = positions
        .items
        .iter()
        .find(|p| p.data.licences.contains(&"D".to_owned()))
        .expect("a bus-driver position");
    let ranked = app.match_candidates(&staff, bus.id, 10).await.unwrap();
    assert!(!ranked.is_empty());
    for w in ranked.windows(2) {
        assert!(w[0].explained.score_pct >= w[1].explained.score_pct);
    }
    assert!(
        ranked[0]
            .explained
            .lines
            .iter()
            .any(|l| l.label_key == "match-gate-licences")
    );

    // Interview: the skills of a bus driver point to the bus-driver occupation and position.
    let occ = app
        .search_esco("bus driver", Some(Concept::Occupation), "en", 1)
        .await
        .unwrap()[0]
        .id;
    let proposed = app.proposed_skills(&counsellor, &[occ]).await.unwrap();
    let skills: Vec<i64> = proposed[0].1.iter().map(|s| s.id).collect();
    assert!(!skills.is_empty());
    let result = app
        .interview(&counsellor, &skills, Some("B1"), Some("D"), 5)
        .await
        .unwrap();
    assert_eq!(result.occupations[0].occupation.id, occ);
    assert!(result.positions.iter().any(|p| p.position_id == bus.id));

    // Changes show up in the next match (the cache follows the revision).
    let first = ranked[0].candidate_id;
    let profile = app.get_candidate(&staff, first).await.unwrap();
    let n = app.match_positions(&staff, first, 20).await.unwrap().len();
    app.set_candidate_skills(&staff, first, &[]).await.unwrap();
    let after = app.match_candidates(&staff, bus.id, 50).await.unwrap();
    assert!(after.iter().all(|m| m.candidate_id != first) || profile.skills.is_empty());
    let _ = n;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matching_sqlite() {
    matching(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matching_postgres() {
    matching(DbKind::Postgres).await;
}

/// A skill group (here imported above one of the demo's skills, as the full ESCO import
/// stores them) is accepted in a profile and a position and earns broad credit, explained.
async fn skill_groups_are_broad_skills(kind: DbKind) {
    use standort_store::esco::{EscoData, LabelIn, SKILL_GROUP_TYPE, SkillIn};
    let Some((_t, app)) = demo_app(kind).await else {
        return;
    };
    let staff = actor(&app, "staff@demo.standort.example").await;
    let positions = app
        .list_positions(&staff, PageRequest::default())
        .await
        .unwrap();
    let bus = positions
        .items
        .iter()
        .find(|p| p.data.licences.contains(&"D".to_owned()))
        .expect("a bus-driver position")
        .clone();
    let required = app.get_position(&staff, bus.id).await.unwrap().essential[0].clone();
    let group_uri = "http://data.europa.eu/esco/isced-f/1041";
    let data = EscoData {
        source: "test group".into(),
        languages: vec!["en".into()],
        skills: vec![
            SkillIn {
                uri: required.uri.clone(),
                skill_type: Some("skill/competence".into()),
                reuse_level: None,
            },
            SkillIn {
                uri: group_uri.into(),
                skill_type: Some(SKILL_GROUP_TYPE.into()),
                reuse_level: None,
            },
        ],
        labels: vec![LabelIn {
            concept: Concept::Skill,
            index: 1,
            lang: "en".into(),
            label_kind: "preferred",
            label: "transport services".into(),
        }],
        skill_broader: vec![(0, 1)],
        ..EscoData::default()
    };
    standort_app::esco::import(&app.db, &data, 300, &mut |_| {})
        .await
        .unwrap();
    let mut c = app.db.conn().await.unwrap();
    let group = store_esco::skill_id(&mut c, group_uri)
        .await
        .unwrap()
        .unwrap();
    drop(c);
    let view = app.esco().await.unwrap();
    assert!(view.taxonomy.is_group(view.skill_compact(group).unwrap()));
    drop(view);

    // The best candidate for the bus position now records only the group: accepted, and the
    // required skill in it earns the broader-skill credit, named in the breakdown.
    let first = app.match_candidates(&staff, bus.id, 10).await.unwrap()[0].candidate_id;
    app.set_candidate_skills(&staff, first, &[(group, "observed".into())])
        .await
        .expect("a skill group is a skill a profile may hold");
    let ranked = app.match_candidates(&staff, bus.id, 50).await.unwrap();
    let m = ranked
        .iter()
        .find(|m| m.candidate_id == first)
        .expect("still matched through the group");
    assert!(
        m.explained
            .partial
            .iter()
            .any(|(req, via, link)| req.id == required.id && via.id == group && link == "broader"),
        "{:?}",
        m.explained.partial
    );
    // A position may ask for the group as well.
    app.set_position_skills(&staff, bus.id, &[(group, "essential".into())])
        .await
        .expect("a skill group is a skill a position may require");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skill_groups_are_broad_skills_sqlite() {
    skill_groups_are_broad_skills(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skill_groups_are_broad_skills_postgres() {
    skill_groups_are_broad_skills(DbKind::Postgres).await;
}

/// What a match list says, for comparing two views: ids and scores in order.
fn ranking(list: &[standort_app::recruitment::CandidateMatch]) -> Vec<(i64, u32)> {
    list.iter()
        .map(|m| (m.candidate_id, m.explained.score_pct))
        .collect()
}

async fn matching_view_follows_writes_in_place(kind: DbKind) {
    let Some((t, a)) = demo_app(kind).await else {
        return;
    };
    // A second instance on the same database makes the changes, as behind a load balancer.
    let b = App::new(t.db.clone(), Settings::default());
    let staff_a = actor(&a, "staff@demo.standort.example").await;
    let staff_b = actor(&b, "staff@demo.standort.example").await;
    let positions = a
        .list_positions(&staff_a, PageRequest::default())
        .await
        .unwrap();
    let bus = positions
        .items
        .iter()
        .find(|p| p.data.licences.contains(&"D".to_owned()))
        .expect("a bus-driver position")
        .clone();
    let before = a.match_candidates(&staff_a, bus.id, 50).await.unwrap();
    assert_eq!(a.matching_view_builds(), 1);
    let first = before[0].candidate_id;
    let first_score = before[0].explained.score_pct;

    // A profile change on the other instance: the first candidate loses every skill.
    b.set_candidate_skills(&staff_b, first, &[]).await.unwrap();
    let after = a.match_candidates(&staff_a, bus.id, 50).await.unwrap();
    let now = after
        .iter()
        .find(|m| m.candidate_id == first)
        .map(|m| m.explained.score_pct);
    assert!(
        now.is_none_or(|s| s < first_score),
        "the change counts at once: {first_score} → {now:?}"
    );
    assert_eq!(a.matching_view_builds(), 1, "updated in place, not rebuilt");

    // A new position posted on B is matched on A; closed, it is gone again.
    let input = PositionInput {
        title: Some("Busfahrer/in Linie 60".into()),
        kind: Some("skilled_job".into()),
        org_id: Some(bus.data.org_id.0),
        occupation_id: bus.data.occupation_id,
        german_level: Some("B1".into()),
        recognition_required: Some("no".into()),
        recognition_partnership: None,
        licences: Some("D".into()),
        place: Some("Leipzig".into()),
        places: Some(2),
        start_date: Some("2027-06-01".into()),
        is_open: None,
    };
    let new = b.create_position(&staff_b, &input).await.unwrap();
    let ranked_new = a.match_candidates(&staff_a, new.id, 50).await.unwrap();
    assert!(!ranked_new.is_empty(), "the new position is in A's view");
    let candidate = ranked_new[0].candidate_id;
    assert!(
        a.match_positions(&staff_a, candidate, 50)
            .await
            .unwrap()
            .iter()
            .any(|p| p.position_id == new.id)
    );
    b.update_position(
        &staff_b,
        new.id,
        &PositionInput {
            is_open: Some("closed".into()),
            ..input.clone()
        },
    )
    .await
    .unwrap();
    assert!(
        a.match_candidates(&staff_a, new.id, 50)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        a.match_positions(&staff_a, candidate, 50)
            .await
            .unwrap()
            .iter()
            .all(|p| p.position_id != new.id)
    );

    // An erased candidate leaves A's index.
    let gone = after
        .iter()
        .map(|m| m.candidate_id)
        .find(|&c| c != first)
        .expect("another candidate");
    b.erase_candidate(&staff_b, gone).await.unwrap();
    let later = a.match_candidates(&staff_a, bus.id, 50).await.unwrap();
    assert!(later.iter().all(|m| m.candidate_id != gone));
    assert_eq!(a.matching_view_builds(), 1, "still no rebuild");

    // Updated in place equals built from scratch.
    let c = App::new(t.db.clone(), Settings::default());
    let staff_c = actor(&c, "staff@demo.standort.example").await;
    let rebuilt = c.match_candidates(&staff_c, bus.id, 50).await.unwrap();
    assert_eq!(ranking(&later), ranking(&rebuilt));
    assert_eq!(c.matching_view_builds(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matching_view_follows_writes_in_place_sqlite() {
    matching_view_follows_writes_in_place(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn matching_view_follows_writes_in_place_postgres() {
    matching_view_follows_writes_in_place(DbKind::Postgres).await;
}
