//! An erasure leaves no copy of the person in the database's files. On SQLite the test reads
//! the raw bytes of the database file, its write-ahead log and shared-memory index after staff
//! erased a candidate with a login, an API token and an uploaded document, and finds none of
//! the candidate's name, e-mail, password hash, token name, file name or document bytes (it
//! first checks that they were there to be found). On PostgreSQL the same erasure runs with
//! its VACUUM of the affected tables, and the audit log keeps none of those values either.

use standort_app::accounts::NewUserInput;
use standort_app::recruitment::CandidateInput;
use standort_app::{Actor, App, Settings};
use standort_store::testing::TestDb;
use standort_store::{Db, DbKind, users};

const FAMILY: &str = "Quokkafield";
const GIVEN: &str = "Zebrina";
const EMAIL: &str = "zebrina.quokkafield@erasure.example";
const TOKEN_NAME: &str = "Kakapo-Schluessel-Xyzzy";
const FILE_NAME: &str = "Lebenslauf-Okapi-Wombat.pdf";
const DOCUMENT_MARK: &str = "Okapi-Dokumentinhalt-4711-Narwal";

async fn actor(app: &App, email: &str) -> Actor {
    let mut c = app.db.conn().await.unwrap();
    let (user, _) = users::find_for_login(&mut c, email).await.unwrap().unwrap();
    Actor {
        user,
        client_ip: Some("198.51.100.7".into()),
    }
}

/// The raw bytes of the SQLite database file and its `-wal` and `-shm` companions.
fn sqlite_files(url: &str) -> Vec<(String, Vec<u8>)> {
    let path = url.strip_prefix("sqlite://").unwrap();
    ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| {
            let file = format!("{path}{suffix}");
            let bytes = std::fs::read(&file).unwrap_or_default();
            (file, bytes)
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

async fn audit_text(db: &Db) -> String {
    type Row = (String, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT actor_label, before_json, after_json, client_ip FROM audit_log ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    format!("{rows:?}")
}

async fn erasure_leaves_nothing_behind(kind: DbKind) {
    let Some(t) = TestDb::new(kind).await else {
        return;
    };
    let app = App::new(t.db.clone(), Settings::default());
    app.load_demo().await.unwrap().expect("demo loads");
    let admin = actor(&app, "admin@demo.standort.example").await;
    let staff = actor(&app, "staff@demo.standort.example").await;
    let demo_candidate = actor(&app, "candidate@demo.standort.example").await;

    // A login for the candidate, a profile linked to it, a token and a document of their own.
    let login = app
        .create_user(
            &admin,
            &NewUserInput {
                email: EMAIL.into(),
                display_name: format!("{GIVEN} {FAMILY}"),
                role: "candidate".into(),
                org_id: demo_candidate.user.org_id.0,
                language: None,
                password: "Okapi-Passwort-2026-lang".into(),
            },
        )
        .await
        .unwrap();
    let candidate = app
        .create_candidate(
            &staff,
            &CandidateInput {
                family_name: Some(FAMILY.into()),
                given_names: Some(GIVEN.into()),
                country: Some("VN".into()),
                email: Some(EMAIL.into()),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .id;
    app.link_candidate_login(&staff, candidate, login.id)
        .await
        .unwrap();
    let own = actor(&app, EMAIL).await;
    app.create_api_token(&own, TOKEN_NAME).await.unwrap();
    let document = format!("%PDF-1.4\n% {DOCUMENT_MARK}\n%%EOF\n").into_bytes();
    app.upload_document(&own, candidate, None, Some("cv"), FILE_NAME, &document)
        .await
        .unwrap();
    let password_hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(login.id.0)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    let needles = [
        FAMILY,
        GIVEN,
        &FAMILY.to_lowercase(),
        EMAIL,
        &password_hash,
        TOKEN_NAME,
        FILE_NAME,
        DOCUMENT_MARK,
    ];
    if kind == DbKind::Sqlite {
        let files = sqlite_files(&t.url);
        for needle in needles {
            assert!(
                files.iter().any(|(_, bytes)| contains(bytes, needle)),
                "{needle:?} should be in the files before the erasure"
            );
        }
    }

    app.erase_candidate(&staff, candidate).await.unwrap();

    // Nothing the person typed or was given stays in the append-only log.
    let log = audit_text(&t.db).await;
    for needle in needles {
        assert!(!log.contains(needle), "{needle:?} kept in the audit log");
    }
    match kind {
        DbKind::Sqlite => {
            for (file, bytes) in sqlite_files(&t.url) {
                for needle in needles {
                    assert!(!contains(&bytes, needle), "{needle:?} still in {file}");
                }
            }
        }
        DbKind::Postgres => {
            // The erasure vacuumed every table it deleted from (autovacuum would show as
            // `last_autovacuum`, and may come much later).
            for table in standort_store::portal::ERASURE_TABLES {
                let vacuumed: bool = sqlx::query_scalar(
                    "SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = $1",
                )
                .bind(table)
                .fetch_one(t.db.pool())
                .await
                .unwrap();
                assert!(vacuumed, "{table} not vacuumed after the erasure");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_leaves_nothing_in_the_sqlite_files() {
    erasure_leaves_nothing_behind(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_on_postgres_vacuums_and_keeps_nothing_in_the_log() {
    erasure_leaves_nothing_behind(DbKind::Postgres).await;
}
