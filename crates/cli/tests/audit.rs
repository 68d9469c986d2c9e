//! `standort audit verify` as an operator runs it, on both backends: the built binary against a
//! database whose audit log is intact (exit code 0, the number of entries), then after someone
//! with raw access bypassed the triggers and edited an entry, deleted one, or emptied the log
//! (exit code 1, the first broken entry named); and after `export` → `import-all`, the same
//! head hash on either backend.

use std::process::Command;

use standort_domain::OrgId;
use standort_store::DbKind;
use standort_store::audit::{self, NewAuditEntry};
use standort_store::testing::TestDb;

fn verify(url: &str) -> std::process::Output {
    standort(&["audit", "verify", "--database", url])
}

/// Four entries, checked intact by the binary, then `tamper` run with the triggers out of the
/// way (as an attacker with raw access would); returns what the binary says on stderr.
async fn tampered(kind: DbKind, tamper: &str) -> Option<String> {
    let t = TestDb::new(kind).await?;
    let mut c = t.db.conn().await.unwrap();
    for n in 1..=4 {
        let entry = NewAuditEntry {
            actor_label: "admin@example.org".into(),
            action: "update".into(),
            entity: "organisation".into(),
            entity_id: n.to_string(),
            org_id: Some(OrgId(1)),
            ..Default::default()
        };
        audit::append(&mut c, &entry, n).await.unwrap();
    }
    let out = verify(&t.url);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout.contains("intact: 4 entries"), "{stdout}");

    let bypass: &[&str] = match kind {
        DbKind::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
        DbKind::Postgres => &["ALTER TABLE audit_log DISABLE TRIGGER USER"],
    };
    for sql in bypass.iter().chain([&tamper]) {
        sqlx::query(sql).execute(&mut *c).await.unwrap();
    }
    drop(c);
    let out = verify(&t.url);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    Some(String::from_utf8_lossy(&out.stderr).into_owned())
}

async fn verify_names_the_first_broken_entry(kind: DbKind) {
    let edit = "UPDATE audit_log SET actor_label = 'someone-else@example.org' WHERE id = 2";
    let Some(stderr) = tampered(kind, edit).await else {
        return;
    };
    assert!(
        stderr.contains("breaks at entry 2")
            && stderr.contains("was changed")
            && stderr.contains("1 entry before it intact"),
        "{stderr}"
    );

    let stderr = tampered(kind, "DELETE FROM audit_log WHERE id = 2")
        .await
        .unwrap();
    assert!(
        stderr.contains("breaks at entry 3")
            && stderr.contains("does not follow entry 1")
            && stderr.contains("1 entry before it intact"),
        "{stderr}"
    );

    // PostgreSQL's TRUNCATE; SQLite has none, its equivalent is an unfiltered DELETE.
    let empty = match kind {
        DbKind::Sqlite => "DELETE FROM audit_log",
        DbKind::Postgres => "TRUNCATE audit_log",
    };
    let stderr = tampered(kind, empty).await.unwrap();
    assert!(
        stderr.contains("the log is empty, but the chain head records 4 entries up to entry 4"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_on_sqlite() {
    verify_names_the_first_broken_entry(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_on_postgres() {
    verify_names_the_first_broken_entry(DbKind::Postgres).await;
}

fn standort(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_standort"))
        .args(args)
        .env_remove("STANDORT_CONFIG")
        .env_remove("STANDORT_DATABASE")
        .output()
        .expect("the standort binary runs")
}

/// `standort export` → `import-all` into the other backend (and the same one): `audit verify`
/// on the imported database prints the same head hash as on the original.
async fn the_chain_verifies_after_export_and_import(kind: DbKind) {
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let mut c = t.db.conn().await.unwrap();
    for n in 1..=5 {
        let entry = NewAuditEntry {
            actor_label: "admin@example.org".into(),
            action: "create".into(),
            entity: "user".into(),
            entity_id: n.to_string(),
            after: Some(serde_json::json!({"role": "staff", "ratio": 0.1 + n as f64})),
            ..Default::default()
        };
        audit::append(&mut c, &entry, n).await.unwrap();
    }
    drop(c);
    let before = verify(&t.url);
    assert!(before.status.success(), "{before:?}");
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("standort.archive");
    let archive = archive.to_str().unwrap();
    let out = standort(&["export", "--database", &t.url, "--out", archive]);
    assert!(out.status.success(), "{out:?}");
    for target_kind in [DbKind::Sqlite, DbKind::Postgres] {
        let Some(target) = TestDb::new(target_kind).await else {
            continue;
        };
        let out = standort(&["import-all", archive, "--database", &target.url]);
        assert!(out.status.success(), "{out:?}");
        let after = verify(&target.url);
        assert!(after.status.success(), "{after:?}");
        assert_eq!(after.stdout, before.stdout, "{kind:?} -> {target_kind:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chain_verifies_after_export_and_import_from_sqlite() {
    the_chain_verifies_after_export_and_import(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chain_verifies_after_export_and_import_from_postgres() {
    the_chain_verifies_after_export_and_import(DbKind::Postgres).await;
}
