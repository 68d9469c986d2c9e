//! The audit log as a hash chain, on both backends: the ways around "append-only" that the
//! triggers close (REPLACE on SQLite, TRUNCATE and upserts on PostgreSQL, unsealed inserts,
//! rewriting a sealed hash), and what `verify_chain` names when someone with raw access to the
//! database bypasses them (the tests drop or disable the triggers to play that attacker): an
//! edited entry, a removed one, a log cut off at its end or its start. Concurrent appenders do
//! not fork the chain, entries from before the chain are sealed at start-up, and the archive's
//! round trip keeps the chain valid.

use standort_domain::{OrgId, OrgKind};
use standort_store::audit::{AuditFilter, ChainBreak, ChainCheck, NewAuditEntry, verify_chain};
use standort_store::orgs::{self, NewOrganisation};
use standort_store::testing::TestDb;
use standort_store::{Db, DbKind, PageRequest, archive, audit, both_backends};

fn entry(n: i64) -> NewAuditEntry {
    NewAuditEntry {
        actor: None,
        actor_label: "staff@example.org".into(),
        action: "update".into(),
        entity: "candidate".into(),
        entity_id: n.to_string(),
        org_id: Some(OrgId(1)),
        before: (n % 2 == 0).then(|| serde_json::json!({"fields": ["email"], "n": n})),
        after: Some(serde_json::json!({"fields": ["phone"], "ratio": 0.1, "ü": "ß"})),
        client_ip: (n % 3 == 0).then(|| "192.0.2.1".to_owned()),
    }
}

/// A fresh database of `kind` with entries 1…6.
async fn six_entries(kind: DbKind) -> TestDb {
    let t = TestDb::new(kind).await.unwrap();
    let mut c = t.db.conn().await.unwrap();
    for n in 1..=6 {
        audit::append(&mut c, &entry(n), 1000 + n).await.unwrap();
    }
    assert_eq!(
        verify_chain(&t.db).await.unwrap(),
        ChainCheck::Intact {
            entries: 6,
            head_hash: head_hash(&t.db).await
        }
    );
    t
}

async fn head_hash(db: &Db) -> String {
    sqlx::query_scalar("SELECT last_hash FROM audit_chain WHERE id = 1")
        .fetch_one(db.pool())
        .await
        .unwrap()
}

/// Plays an attacker with raw access to the database: the triggers are out of the way.
async fn bypass_triggers(db: &Db) {
    let statements: &[&str] = match db.kind() {
        DbKind::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
        DbKind::Postgres => &["ALTER TABLE audit_log DISABLE TRIGGER USER"],
    };
    for s in statements {
        sqlx::query(s).execute(db.pool()).await.unwrap();
    }
}

async fn run(db: &Db, sql: &str) {
    sqlx::query(sql).execute(db.pool()).await.unwrap();
}

fn broken(check: ChainCheck) -> (i64, i64, ChainBreak) {
    match check {
        ChainCheck::Broken {
            entry_id,
            entries_intact,
            reason,
        } => (entry_id, entries_intact, reason),
        other => panic!("the chain should be broken: {other}"),
    }
}

both_backends!(audit_log_refuses_every_rewrite, |db: Db| async move {
    let mut c = db.conn().await.unwrap();
    for n in 1..=3 {
        audit::append(&mut c, &entry(n), n).await.unwrap();
    }
    let refused = [
        // Replacing an entry deletes it without firing the DELETE trigger on SQLite.
        (
            DbKind::Sqlite,
            "INSERT OR REPLACE INTO audit_log (id, at, actor_label, action, entity, entity_id, prev_hash, entry_hash) \
             VALUES (2, 2, 'x', 'x', 'x', 'x', 'x', 'x')",
        ),
        (
            DbKind::Sqlite,
            "REPLACE INTO audit_log (id, at, actor_label, action, entity, entity_id, prev_hash, entry_hash) \
             VALUES (2, 2, 'x', 'x', 'x', 'x', 'x', 'x')",
        ),
        (DbKind::Postgres, "TRUNCATE audit_log"),
        (
            DbKind::Postgres,
            "INSERT INTO audit_log (id, at, actor_label, action, entity, entity_id, prev_hash, entry_hash) \
             VALUES (2, 2, 'x', 'x', 'x', 'x', 'x', 'x') ON CONFLICT (id) DO UPDATE SET action = 'x'",
        ),
        // Sealed entries keep their hashes; new entries must arrive sealed.
        (
            db.kind(),
            "UPDATE audit_log SET entry_hash = 'x' WHERE id = 2",
        ),
        (
            db.kind(),
            "UPDATE audit_log SET prev_hash = NULL, entry_hash = NULL WHERE id = 2",
        ),
        (db.kind(), "UPDATE audit_log SET action = 'x'"),
        (db.kind(), "DELETE FROM audit_log WHERE id = 3"),
        (
            db.kind(),
            "INSERT INTO audit_log (id, at, actor_label, action, entity, entity_id) VALUES (9, 9, 'x', 'x', 'x', 'x')",
        ),
    ];
    for (kind, sql) in refused {
        if kind == db.kind() {
            let result = sqlx::query(sql).execute(&mut *c).await;
            assert!(result.is_err(), "{sql} was accepted");
        }
    }
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(&mut *c)
        .await
        .unwrap();
    assert_eq!(actions, ["update", "update", "update"]);
    assert!(matches!(
        verify_chain(&db).await.unwrap(),
        ChainCheck::Intact { entries: 3, .. }
    ));
});

both_backends!(verify_names_an_edited_entry, |db: Db| async move {
    let t = six_entries(db.kind()).await;
    bypass_triggers(&t.db).await;
    run(
        &t.db,
        "UPDATE audit_log SET after_json = '{\"fields\":[\"name\"]}' WHERE id = 3",
    )
    .await;
    let check = verify_chain(&t.db).await.unwrap();
    assert!(check.to_string().contains("entry 3"), "{check}");
    assert_eq!(broken(check), (3, 2, ChainBreak::Altered));
});

both_backends!(
    verify_names_where_an_entry_was_removed,
    |db: Db| async move {
        let t = six_entries(db.kind()).await;
        bypass_triggers(&t.db).await;
        run(&t.db, "DELETE FROM audit_log WHERE id = 3").await;
        assert_eq!(
            broken(verify_chain(&t.db).await.unwrap()),
            (4, 2, ChainBreak::Unlinked { previous: Some(2) })
        );
    }
);

both_backends!(verify_names_a_cut_off_end, |db: Db| async move {
    let t = six_entries(db.kind()).await;
    bypass_triggers(&t.db).await;
    run(&t.db, "DELETE FROM audit_log WHERE id >= 5").await;
    assert_eq!(
        broken(verify_chain(&t.db).await.unwrap()),
        (
            4,
            4,
            ChainBreak::TailMissing {
                head_last_id: 6,
                head_entries: 6
            }
        )
    );
});

both_backends!(verify_names_a_cut_off_start, |db: Db| async move {
    let t = six_entries(db.kind()).await;
    bypass_triggers(&t.db).await;
    run(&t.db, "DELETE FROM audit_log WHERE id <= 2").await;
    let check = verify_chain(&t.db).await.unwrap();
    assert!(check.to_string().contains("entry 3"), "{check}");
    assert_eq!(
        broken(check),
        (3, 0, ChainBreak::Unlinked { previous: None })
    );
});

both_backends!(concurrent_appenders_keep_one_chain, |db: Db| async move {
    // The ways use cases append, all at once: after a read on the same connection (audited
    // reads; on SQLite a transaction that read first could not wait for the write lock, so the
    // append must not run in one), in a transaction of its own, and as the last write of a
    // transaction that changed something first (holding that row's lock meanwhile).
    let org = {
        let mut c = db.conn().await.unwrap();
        let new = NewOrganisation {
            name: "Agentur",
            kind: OrgKind::Agency,
            country: "DE",
        };
        orgs::insert(&mut c, &new, 1).await.unwrap().id
    };
    let mut writers = Vec::new();
    for w in 0..12 {
        let db = db.clone();
        writers.push(tokio::spawn(async move {
            for n in 0..10 {
                let entry = entry(w * 100 + n);
                match w % 3 {
                    0 => {
                        let mut c = db.conn().await.unwrap();
                        let _: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
                            .fetch_one(&mut *c)
                            .await
                            .unwrap();
                        audit::append(&mut c, &entry, n).await.unwrap();
                    }
                    1 => {
                        let mut tx = db.begin().await.unwrap();
                        audit::append(&mut tx, &entry, n).await.unwrap();
                        tx.commit().await.unwrap();
                    }
                    _ => {
                        let mut tx = db.begin().await.unwrap();
                        sqlx::query("UPDATE organisations SET created_at = $1 WHERE id = $2")
                            .bind(n)
                            .bind(org.0)
                            .execute(&mut *tx)
                            .await
                            .unwrap();
                        audit::append(&mut tx, &entry, n).await.unwrap();
                        tx.commit().await.unwrap();
                    }
                }
            }
        }));
    }
    for w in writers {
        w.await.unwrap();
    }
    assert!(matches!(
        verify_chain(&db).await.unwrap(),
        ChainCheck::Intact { entries: 120, .. }
    ));
});

both_backends!(
    an_entry_rolled_back_with_its_change_leaves_the_chain_intact,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        audit::append(&mut c, &entry(1), 1).await.unwrap();
        drop(c);
        let mut tx = db.begin().await.unwrap();
        audit::append(&mut tx, &entry(2), 2).await.unwrap();
        tx.rollback().await.unwrap();
        let mut c = db.conn().await.unwrap();
        audit::append(&mut c, &entry(3), 3).await.unwrap();
        assert!(matches!(
            verify_chain(&db).await.unwrap(),
            ChainCheck::Intact { entries: 2, .. }
        ));
    }
);

both_backends!(
    entries_from_before_the_chain_are_sealed_at_start_up,
    |db: Db| async move {
        // Entries as migration 0009 left them: no hashes and no chain head. Only the insert
        // check is lifted; the sealing itself goes through the UPDATE trigger's one allowed
        // change.
        let mut c = db.conn().await.unwrap();
        let lift = match db.kind() {
            DbKind::Sqlite => "DROP TRIGGER audit_log_sealed",
            DbKind::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_sealed",
        };
        sqlx::query(lift).execute(&mut *c).await.unwrap();
        let unsealed = "INSERT INTO audit_log (id, at, actor_label, action, entity, entity_id) \
                        VALUES ($1, 5, 'system', 'create', 'user', '1')";
        for id in [7, 9] {
            sqlx::query(unsealed)
                .bind(id)
                .execute(&mut *c)
                .await
                .unwrap();
        }
        drop(c);
        assert!(matches!(
            verify_chain(&db).await.unwrap(),
            ChainCheck::Broken { entry_id: 7, .. }
        ));
        db.migrate().await.unwrap();
        assert!(matches!(
            verify_chain(&db).await.unwrap(),
            ChainCheck::Intact { entries: 2, .. }
        ));
        // The next entry continues the chain after the sealed ones.
        let mut c = db.conn().await.unwrap();
        audit::append(&mut c, &entry(4), 4).await.unwrap();
        let last: i64 = sqlx::query_scalar("SELECT MAX(id) FROM audit_log")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        assert_eq!(last, 10);
        assert!(matches!(
            verify_chain(&db).await.unwrap(),
            ChainCheck::Intact { entries: 3, .. }
        ));
        // Once the chain exists, an unsealed entry was slipped in past the triggers: a restart
        // does not seal it into the chain, and the check names it.
        sqlx::query(unsealed)
            .bind(11)
            .execute(&mut *c)
            .await
            .unwrap();
        drop(c);
        db.migrate().await.unwrap();
        assert_eq!(
            broken(verify_chain(&db).await.unwrap()),
            (11, 3, ChainBreak::Unlinked { previous: Some(10) })
        );
    }
);

both_backends!(verify_names_an_emptied_log, |db: Db| async move {
    let t = six_entries(db.kind()).await;
    // On PostgreSQL DISABLE TRIGGER USER lifts the TRUNCATE trigger too; SQLite has no
    // TRUNCATE, its equivalent is an unfiltered DELETE.
    bypass_triggers(&t.db).await;
    let empty = match db.kind() {
        DbKind::Sqlite => "DELETE FROM audit_log",
        DbKind::Postgres => "TRUNCATE audit_log",
    };
    run(&t.db, empty).await;
    let check = verify_chain(&t.db).await.unwrap();
    assert!(check.to_string().contains("the log is empty"), "{check}");
    assert_eq!(
        broken(check),
        (
            0,
            0,
            ChainBreak::TailMissing {
                head_last_id: 6,
                head_entries: 6
            }
        )
    );
});

both_backends!(
    the_archive_round_trip_keeps_the_chain_valid,
    |db: Db| async move {
        let t = six_entries(db.kind()).await;
        let before = verify_chain(&t.db).await.unwrap();
        let mut dump = Vec::new();
        archive::export(&t.db, &mut dump).await.unwrap();
        for kind in [DbKind::Sqlite, DbKind::Postgres] {
            let Some(target) = TestDb::new(kind).await else {
                continue;
            };
            archive::import(&target.db, dump.as_slice()).await.unwrap();
            assert_eq!(verify_chain(&target.db).await.unwrap(), before);
            // Appending after the import continues the imported chain.
            let mut c = target.db.conn().await.unwrap();
            audit::append(&mut c, &entry(7), 7).await.unwrap();
            assert!(matches!(
                verify_chain(&target.db).await.unwrap(),
                ChainCheck::Intact { entries: 7, .. }
            ));
        }
    }
);

both_backends!(
    the_group_commit_writes_many_readers_entries_into_one_chain,
    |db: Db| async move {
        // Audited reads append through the group commit (`Db::append_audit`): entries that
        // arrive together share one transaction and are written several rows per INSERT
        // (more than one INSERT's worth here). Every one is stored once, in one intact chain.
        let mut readers = Vec::new();
        for r in 0..150 {
            let db = db.clone();
            readers.push(tokio::spawn(async move {
                db.append_audit(entry(r), 1_000 + r).await.unwrap();
            }));
        }
        for r in readers {
            r.await.unwrap();
        }
        assert!(matches!(
            verify_chain(&db).await.unwrap(),
            ChainCheck::Intact { entries: 150, .. }
        ));
        let mut c = db.conn().await.unwrap();
        let ids: Vec<(String,)> =
            sqlx::query_as("SELECT entity_id FROM audit_log ORDER BY entity_id")
                .fetch_all(&mut *c)
                .await
                .unwrap();
        let mut expected: Vec<String> = (0..150).map(|r| entry(r).entity_id).collect();
        expected.sort();
        assert_eq!(ids.into_iter().map(|(e,)| e).collect::<Vec<_>>(), expected);
    }
);

both_backends!(
    the_logs_total_is_counted_up_to_the_cap_and_to_the_page,
    |db: Db| async move {
        // The log grows with every audited read, so its list counts only as far as the pager
        // needs: up to `COUNT_CAP` (then "more than"), or to the end of the page asked for.
        let n = audit::COUNT_CAP + 50;
        let mut all: Vec<(NewAuditEntry, i64)> = (0..n).map(|i| (entry(i), 1_000 + i)).collect();
        all[7].0.action = "export".into();
        all[9_999].0.action = "export".into();
        let mut c = db.conn().await.unwrap();
        audit::append_all(&mut c, &all).await.unwrap();
        let list = |filter: AuditFilter, offset: i64| {
            let db = db.clone();
            async move {
                let mut c = db.conn().await.unwrap();
                audit::list(&mut c, &filter, PageRequest::new(Some(50), Some(offset)))
                    .await
                    .unwrap()
            }
        };
        let first = list(AuditFilter::default(), 0).await;
        assert_eq!(first.total, audit::COUNT_CAP + 1, "more than the cap");
        assert_eq!(first.items.len(), 50);
        // The last page: counted to its end, so its total is exact and nothing follows.
        let last = list(AuditFilter::default(), audit::COUNT_CAP).await;
        assert_eq!(last.total, n);
        assert_eq!(last.items.len(), 50);
        // A filtered list under the cap is exact.
        let exports = list(
            AuditFilter {
                action: Some("export".into()),
                ..Default::default()
            },
            0,
        )
        .await;
        assert_eq!(exports.total, 2);
        // An offset at the end of the integers (the API allows any offset ≥ 0): no overflow.
        let beyond = list(AuditFilter::default(), i64::MAX - 1).await;
        assert!(beyond.items.is_empty());
    }
);
