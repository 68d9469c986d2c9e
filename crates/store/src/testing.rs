//! Fresh databases of either kind for tests.
//!
//! SQLite always runs. PostgreSQL runs when `STANDORT_TEST_POSTGRES_URL` points at a server on
//! which the user may create databases (`.ci/start-postgres` starts one); each test gets its own
//! new database there. With `STANDORT_TEST_REQUIRE_POSTGRES=1` (set by `.ci/run`) a missing
//! URL fails the PostgreSQL variants instead of skipping them, so CI cannot pass on SQLite alone.

use rand::Rng;

use crate::{Db, DbKind};

/// A migrated, empty database that lives as long as this value (SQLite) or the test cluster
/// (PostgreSQL).
#[derive(Debug)]
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

/// The URL of a new, empty database of `kind`, or `None` when PostgreSQL is not configured and
/// not required. The caller connects (and migrates) itself.
pub async fn fresh_url(kind: DbKind) -> Option<(String, Option<tempfile::TempDir>)> {
    match kind {
        DbKind::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            Some((url, Some(dir)))
        }
        DbKind::Postgres => {
            let Ok(admin_url) = std::env::var("STANDORT_TEST_POSTGRES_URL") else {
                if std::env::var("STANDORT_TEST_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                    panic!(
                        "STANDORT_TEST_REQUIRE_POSTGRES=1 but STANDORT_TEST_POSTGRES_URL is not set"
                    );
                }
                eprintln!("skipping the PostgreSQL variant: STANDORT_TEST_POSTGRES_URL is not set");
                return None;
            };
            let name = format!("standort_test_{:016x}", rand::thread_rng().r#gen::<u64>());
            let admin = Db::connect(&admin_url)
                .await
                .expect("connect to the test PostgreSQL server");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(admin.pool())
                .await
                .expect("create test database");
            admin.close().await;
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b)
                .unwrap_or(&admin_url);
            Some((format!("{base}/{name}"), None))
        }
    }
}

impl TestDb {
    /// A migrated database of `kind`, or `None` when that backend is not configured.
    pub async fn new(kind: DbKind) -> Option<TestDb> {
        let (url, dir) = fresh_url(kind).await?;
        let db = Db::connect(&url).await.expect("connect to test database");
        db.migrate().await.expect("migrate test database");
        Some(TestDb { db, url, _dir: dir })
    }
}

/// Runs an async test body once per backend: `both_backends!(name, |db: Db| async move { … })`
/// defines `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = $crate::testing::TestDb::new($crate::DbKind::Sqlite)
                    .await
                    .unwrap();
                ($body)(t.db.clone()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(t) = $crate::testing::TestDb::new($crate::DbKind::Postgres).await {
                    ($body)(t.db.clone()).await;
                }
            }
        }
    };
}
