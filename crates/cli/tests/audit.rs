//! `standort audit verify` as an operator runs it, on both backends: the built binary against a
//! database whose audit log is intact (exit code 0, the number of entries), then after someone
//! with raw access bypassed the triggers and changed an entry (exit code 1, the entry named).

use std::process::Command;

use standort_domain::OrgId;
use standort_store::DbKind;
use standort_store::audit::{self, NewAuditEntry};
use standort_store::testing::TestDb;

fn verify(url: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_standort"))
        .args(["audit", "verify", "--database", url])
        .env_remove("STANDORT_CONFIG")
        .env_remove("STANDORT_DATABASE")
        .output()
        .expect("the standort binary runs")
}

async fn verify_names_the_changed_entry(kind: DbKind) {
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
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

    let bypass = match kind {
        DbKind::Sqlite => "DROP TRIGGER audit_log_no_update",
        DbKind::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER USER",
    };
    sqlx::query(bypass).execute(&mut *c).await.unwrap();
    sqlx::query("UPDATE audit_log SET actor_label = 'someone-else@example.org' WHERE id = 2")
        .execute(&mut *c)
        .await
        .unwrap();
    let out = verify(&t.url);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stderr.contains("breaks at entry 2") && stderr.contains("1 entries before it are intact"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_on_sqlite() {
    verify_names_the_changed_entry(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_on_postgres() {
    verify_names_the_changed_entry(DbKind::Postgres).await;
}
