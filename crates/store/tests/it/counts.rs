//! Counts kept per version of the counted tables (`store::counts`, migration 0035): a list's
//! total follows every change at once — made on another connection, rolled back, or made
//! inside the counting transaction — and is really kept while nothing changes.

use standort_domain::{OrgId, OrgKind};
use standort_store::counts::COUNTED;
use standort_store::esco;
use standort_store::orgs::{self, NewOrganisation};
use standort_store::recruitment::{self as rec, CandidateFilter, PositionData};
use standort_store::{AnyConnection, Db, DbKind, PageRequest, both_backends};

use crate::recruitment::candidate;

async fn total(c: &mut AnyConnection) -> i64 {
    rec::list_candidates(
        c,
        &CandidateFilter::default(),
        PageRequest::new(Some(1), None),
    )
    .await
    .unwrap()
    .total
}

async fn add(c: &mut AnyConnection, org: OrgId, family: &str) -> i64 {
    let d = candidate(org, family, "Test", true);
    rec::insert_candidate(c, &d, &family.to_lowercase(), 1)
        .await
        .unwrap()
        .id
}

both_backends!(every_counted_table_moves_the_version, |db: Db| async move {
    // The tables a kept count may read are exactly those with the version's trigger: a table
    // added to `COUNTED` without one would keep counts that never change.
    let sql = match db.kind() {
        DbKind::Sqlite => {
            "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' \
             AND name LIKE '%_count_version' ORDER BY 1"
        }
        DbKind::Postgres => {
            "SELECT DISTINCT CAST(event_object_table AS TEXT) FROM information_schema.triggers \
             WHERE trigger_name LIKE '%_count_version' ORDER BY 1"
        }
    };
    let mut c = db.conn().await.unwrap();
    let with_trigger: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&mut *c).await.unwrap();
    let mut with_trigger: Vec<String> = with_trigger.into_iter().map(|(t,)| t).collect();
    with_trigger.sort();
    let mut counted: Vec<String> = COUNTED.iter().map(|t| t.to_string()).collect();
    counted.sort();
    assert_eq!(with_trigger, counted);
});

both_backends!(a_kept_total_follows_every_change, |db: Db| async move {
    let mut c = db.conn().await.unwrap();
    let org = orgs::insert(
        &mut c,
        &NewOrganisation {
            name: "Klinik",
            kind: OrgKind::Clinic,
            country: "DE",
        },
        1,
    )
    .await
    .unwrap()
    .id;
    add(&mut c, org, "Alpha").await;
    assert_eq!(total(&mut c).await, 1);
    assert_eq!(total(&mut c).await, 1, "the same again, now kept");
    // A change on another connection (another instance) shows at once.
    {
        let mut other = db.conn().await.unwrap();
        add(&mut other, org, "Beta").await;
    }
    assert_eq!(total(&mut c).await, 2);
    // A transaction counts its own change, and after its rollback nobody sees it.
    {
        let mut tx = db.begin_write().await.unwrap();
        add(&mut tx, org, "Gamma").await;
        assert_eq!(total(&mut tx).await, 3);
        assert_eq!(total(&mut tx).await, 3);
        tx.rollback().await.unwrap();
    }
    assert_eq!(total(&mut c).await, 2);
    let mut other = db.conn().await.unwrap();
    assert_eq!(total(&mut other).await, 2);
    // A committed change inside a transaction shows after its commit.
    {
        let mut tx = db.begin_write().await.unwrap();
        let id = add(&mut tx, org, "Delta").await;
        assert_eq!(total(&mut tx).await, 3);
        sqlx::query("DELETE FROM candidates WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await
            .unwrap();
        add(&mut tx, org, "Epsilon").await;
        add(&mut tx, org, "Zeta").await;
        tx.commit().await.unwrap();
    }
    assert_eq!(total(&mut c).await, 4);
    assert_eq!(total(&mut other).await, 4);

    // The count is really kept: with the trigger gone, a new row leaves the version alone and
    // the total stays what was kept (this is what the trigger is for).
    let drop = match db.kind() {
        DbKind::Sqlite => "DROP TRIGGER candidates_insert_count_version",
        DbKind::Postgres => "DROP TRIGGER candidates_count_version ON candidates",
    };
    sqlx::query(drop).execute(&mut *c).await.unwrap();
    add(&mut other, org, "Eta").await;
    assert_eq!(total(&mut c).await, 4, "kept while the version holds");
    // Any other counted table's change moves the version for all.
    orgs::insert(
        &mut other,
        &NewOrganisation {
            name: "Zweite Klinik",
            kind: OrgKind::Clinic,
            country: "DE",
        },
        2,
    )
    .await
    .unwrap();
    assert_eq!(total(&mut c).await, 5);
});

both_backends!(
    the_positions_occupations_are_kept_and_follow_a_change,
    |db: Db| async move {
        // The occupation filter's choices (`ids_where`): a new position's occupation shows at
        // once, on another connection too, and the list is really kept in between.
        crate::recruitment::import(&db, &crate::recruitment::small("v1"), 1).await;
        let mut c = db.conn().await.unwrap();
        let mut other = db.conn().await.unwrap();
        let nurse = esco::occupation_id(&mut c, "http://data.europa.eu/esco/occupation/nurse")
            .await
            .unwrap()
            .unwrap();
        let bus = esco::occupation_id(&mut c, "http://data.europa.eu/esco/occupation/bus")
            .await
            .unwrap()
            .unwrap();
        let clinic = orgs::insert(
            &mut c,
            &NewOrganisation {
                name: "Klinik",
                kind: OrgKind::Clinic,
                country: "DE",
            },
            1,
        )
        .await
        .unwrap()
        .id;
        let position = |occupation: i64| PositionData {
            org_id: clinic,
            title: "Stelle".into(),
            kind: "skilled_job".into(),
            occupation_id: Some(occupation),
            german_level: None,
            recognition_required: false,
            recognition_partnership: false,
            licences: vec![],
            place: "Leipzig".into(),
            places: 1,
            start_date: 1_800_000_000,
            is_open: true,
        };
        assert!(
            rec::position_occupations(&mut c, None)
                .await
                .unwrap()
                .is_empty()
        );
        rec::insert_position(&mut other, &position(nurse), 2)
            .await
            .unwrap();
        assert_eq!(
            rec::position_occupations(&mut c, None).await.unwrap(),
            [nurse]
        );
        assert_eq!(
            rec::position_occupations(&mut c, Some(clinic))
                .await
                .unwrap(),
            [nurse]
        );
        rec::insert_position(&mut other, &position(bus), 3)
            .await
            .unwrap();
        let mut both = vec![nurse, bus];
        both.sort();
        assert_eq!(rec::position_occupations(&mut c, None).await.unwrap(), both);
        // Kept: with the trigger gone, a change leaves the version and the list alone.
        let drop = match db.kind() {
            DbKind::Sqlite => "DROP TRIGGER positions_update_count_version",
            DbKind::Postgres => "DROP TRIGGER positions_count_version ON positions",
        };
        sqlx::query(drop).execute(&mut *c).await.unwrap();
        sqlx::query("UPDATE positions SET occupation_id = $1")
            .bind(nurse)
            .execute(&mut *other)
            .await
            .unwrap();
        assert_eq!(
            rec::position_occupations(&mut c, None).await.unwrap(),
            both,
            "kept while the version holds"
        );
    }
);
