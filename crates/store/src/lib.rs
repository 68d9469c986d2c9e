//! Persistence for Standort on SQLite or PostgreSQL.
//!
//! Every query is written once, in SQL both backends understand, and runs through sqlx's `Any`
//! driver; the backend is chosen at run time from the database URL. Schema differences (identity
//! columns, trigger syntax) live only in the per-backend migrations under `migrations/`.
//! Conventions that keep the two backends decoding alike: integers are 64-bit, flags are 0/1
//! integers, timestamps are Unix seconds (`i64`), structured values are JSON text.
//!
//! Functions take `&mut AnyConnection`, so a caller composes them inside one transaction
//! (`db.begin()`), which is how a change and its audit entry are written together.

pub mod accounts;
pub mod archive;
pub mod audit;
pub mod counts;
pub mod demography;
pub mod esco;
pub mod list;
pub mod network;
pub mod notifications;
pub mod orgs;
pub mod placements;
pub mod portal;
pub mod procurement;
pub mod recruitment;
pub mod sessions;
pub mod showcase;
pub mod throttle;
pub mod tokens;
pub mod users;

#[cfg(feature = "testing")]
pub mod testing;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, ConnectOptions, Executor};

pub use sqlx::{Any, AnyConnection, Transaction};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Errors of the storage layer. Callers map `Conflict`/`NotFound` to user-facing answers; all
/// other variants are internal and are logged, never shown.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "unsupported database URL {0:?}: use sqlite://PATH (e.g. sqlite://standort.db) or postgres://USER@HOST/DB"
    )]
    UnsupportedUrl(String),
    #[error(
        "the database schema is newer than this program (database at migration {database}, program knows up to {program}); run a newer Standort or restore a matching backup"
    )]
    SchemaTooNew { database: i64, program: i64 },
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("archive: {0}")]
    Archive(String),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Sqlx(sqlx::Error),
    /// Writing a group of audit entries failed (the message of the writer's error), or the
    /// entry was lost with a writer that stopped: the read it records must not be answered.
    #[error("audit log: {0}")]
    Audit(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e
            && db.is_unique_violation()
        {
            return StoreError::Conflict(db.message().to_owned());
        }
        if matches!(e, sqlx::Error::RowNotFound) {
            return StoreError::NotFound;
        }
        StoreError::Sqlx(e)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Which database engine a URL points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

impl DbKind {
    /// Decides the backend from the URL scheme and refuses anything else, rather than guessing
    /// (a typo must not silently create a new SQLite file somewhere).
    pub fn from_url(url: &str) -> Result<DbKind> {
        let scheme = url.split_once(':').map(|(s, _)| s).unwrap_or("");
        match scheme {
            "sqlite" => Ok(DbKind::Sqlite),
            "postgres" | "postgresql" => Ok(DbKind::Postgres),
            _ => Err(StoreError::UnsupportedUrl(url.to_owned())),
        }
    }

    /// The backend of an open connection (for the few texts that differ by database).
    pub(crate) fn of(conn: &AnyConnection) -> DbKind {
        if conn.backend_name().eq_ignore_ascii_case("postgresql") {
            DbKind::Postgres
        } else {
            DbKind::Sqlite
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DbKind::Sqlite => "sqlite",
            DbKind::Postgres => "postgres",
        }
    }

    fn migrator(self) -> &'static Migrator {
        match self {
            DbKind::Sqlite => &SQLITE_MIGRATIONS,
            DbKind::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

/// Connection pool plus the backend it talks to. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    kind: DbKind,
    /// SQLite lets one writer in at a time and makes the others wait in its busy handler, which
    /// sleeps 1, 2, 5, 10 … 100 ms between tries: under 50 concurrent writers (every audited read
    /// is a write) some requests lost round after round and waited hundreds of milliseconds.
    /// Writers therefore queue here, first come first served, and enter SQLite one by one
    /// without sleeping. One permit, shared by the clones of this `Db`; PostgreSQL has none
    /// (its writers wait on row locks, across instances).
    write_turn: Option<Arc<Semaphore>>,
    audit_queue: Arc<AuditQueue>,
}

/// Audit entries of reads waiting to be written (see [`Db::append_audit`]).
#[derive(Debug, Default)]
struct AuditQueue {
    pending: std::sync::Mutex<Vec<QueuedEntry>>,
    /// Held while one group of entries is written.
    writer: Arc<tokio::sync::Mutex<()>>,
}

#[derive(Debug)]
struct QueuedEntry {
    entry: audit::NewAuditEntry,
    now: i64,
    written: oneshot::Sender<std::result::Result<(), String>>,
}

/// A write transaction: on SQLite it holds the one writer's turn (see [`Db::write_turn`])
/// and has taken the write lock at `BEGIN` (`BEGIN IMMEDIATE`), so it never fails half-way
/// because another connection wrote between its reads and its first write. Use it like a
/// [`Transaction`]; the turn passes on when it commits, rolls back or is dropped.
#[derive(Debug)]
pub struct WriteTx {
    tx: Transaction<'static, Any>,
    _turn: Option<OwnedSemaphorePermit>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<()> {
        Ok(self.tx.commit().await?)
    }

    pub async fn rollback(self) -> Result<()> {
        Ok(self.tx.rollback().await?)
    }
}

impl std::ops::Deref for WriteTx {
    type Target = Transaction<'static, Any>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

/// What `/health` reports about the database.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HealthInfo {
    pub kind: &'static str,
    pub migrations_applied: i64,
}

/// How long a pooled PostgreSQL connection may have been idle before it is pinged as it
/// leaves the pool (see [`Db::connect`]).
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(1);

impl Db {
    /// Opens a pool. A SQLite file is created if missing; SQLite runs in WAL mode so readers
    /// do not wait for the writer.
    pub async fn connect(url: &str) -> Result<Db> {
        let kind = DbKind::from_url(url)?;
        sqlx::any::install_default_drivers();
        let url = match kind {
            DbKind::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url)
            .map_err(|_| StoreError::UnsupportedUrl(url.clone()))?
            .log_statements(tracing::log::LevelFilter::Trace)
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_millis(500));
        let max_connections = match kind {
            DbKind::Sqlite => 8,
            DbKind::Postgres => 16,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            // sqlx pings a connection each time it leaves the pool. A SQLite connection lives
            // in this process and cannot be lost in between, and the ping (a round trip to its
            // worker thread) showed in the loaded dashboard's profile — every page takes two
            // or more connections (session, bell, the page's reads). A PostgreSQL connection
            // can be cut by the network or a server restart, but one used a moment ago is
            // alive as far as a ping could tell: only a connection idle for a while is pinged
            // (each ping is a round trip that wakes the server process, two or more per page
            // under load). A connection cut within that moment fails its next statement, as it
            // would have failed between the ping and the statement.
            .test_before_acquire(false)
            .before_acquire(move |conn, meta| {
                Box::pin(async move {
                    if kind == DbKind::Postgres && meta.idle_for >= PING_WHEN_IDLE_FOR {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if kind == DbKind::Sqlite {
                        // secure_delete: deleted content is overwritten with zeros instead of
                        // lingering in free pages, so an erasure (Art. 17) leaves nothing in
                        // the file (see `Db::reclaim_erased` for the WAL).
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA secure_delete = ON;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let write_turn = (kind == DbKind::Sqlite).then(|| Arc::new(Semaphore::new(1)));
        Ok(Db {
            pool,
            kind,
            write_turn,
            audit_queue: Arc::default(),
        })
    }

    pub fn kind(&self) -> DbKind {
        self.kind
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<Any>> {
        Ok(self.pool.acquire().await?)
    }

    /// A transaction for reads that must see one state (a page and its count). Use
    /// [`Db::begin_write`] for anything that writes, the audit log included.
    pub async fn begin(&self) -> Result<Transaction<'static, Any>> {
        Ok(self.pool.begin().await?)
    }

    /// A transaction that writes. Waits for the writer's turn before it takes a connection,
    /// so a request never holds a pooled connection while it queues (the connections stay free
    /// for readers, and the turn's holder always finds one). Callers must not hold another
    /// connection of this pool while they call it.
    pub async fn begin_write(&self) -> Result<WriteTx> {
        let turn = match &self.write_turn {
            Some(turn) => Some(
                Arc::clone(turn)
                    .acquire_owned()
                    .await
                    .expect("the write turn semaphore is never closed"),
            ),
            None => None,
        };
        let tx = match self.kind {
            DbKind::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            DbKind::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx { tx, _turn: turn })
    }

    /// Appends an audit entry in a write transaction of its own and returns once it is
    /// committed — for audited reads, whose answer must not leave before its entry is stored.
    ///
    /// Group commit: every audited read is a write, and one transaction per entry made 50
    /// concurrent readers queue for the writer's turn one by one (SQLite) or for the chain
    /// head's row lock (PostgreSQL). Entries that arrive while a group is being written wait
    /// and go together into the next transaction, in arrival order, so the cost of a
    /// transaction is shared by all waiting readers. Nothing is kept between requests: each
    /// request waits until its own entry is committed, so another instance needs nothing
    /// from this one.
    pub async fn append_audit(&self, entry: audit::NewAuditEntry, now: i64) -> Result<()> {
        let (written, mut outcome) = oneshot::channel();
        self.audit_queue
            .pending
            .lock()
            .expect("the audit queue's lock is never held across a panic")
            .push(QueuedEntry {
                entry,
                now,
                written,
            });
        let turn = Arc::clone(&self.audit_queue.writer).lock_owned().await;
        match outcome.try_recv() {
            // A group written while this request waited held its entry.
            Ok(result) => return result.map_err(StoreError::Audit),
            // Its writer stopped before it could answer: the entry may not be stored.
            Err(oneshot::error::TryRecvError::Closed) => {
                return Err(StoreError::Audit("the entry's writer stopped".into()));
            }
            Err(oneshot::error::TryRecvError::Empty) => {}
        }
        let group = std::mem::take(
            &mut *self
                .audit_queue
                .pending
                .lock()
                .expect("the audit queue's lock is never held across a panic"),
        );
        // Written by a task of its own, so that a reader who goes away (its request future is
        // dropped) does not abort the group it is writing for the others.
        let db = self.clone();
        tokio::spawn(async move {
            let _turn = turn;
            let (entries, answers): (Vec<_>, Vec<_>) = group
                .into_iter()
                .map(|q| ((q.entry, q.now), q.written))
                .unzip();
            let result = async {
                let mut tx = db.begin_write().await?;
                audit::append_in_transaction(&mut tx, &entries).await?;
                tx.commit().await
            }
            .await
            .map_err(|e| e.to_string());
            for answer in answers {
                let _ = answer.send(result.clone());
            }
        });
        match outcome.await {
            Ok(result) => result.map_err(StoreError::Audit),
            Err(_) => Err(StoreError::Audit("the entry's writer stopped".into())),
        }
    }

    /// The highest migration version this program knows.
    pub fn program_schema_version(&self) -> i64 {
        self.kind
            .migrator()
            .iter()
            .map(|m| m.version)
            .max()
            .unwrap_or(0)
    }

    /// The highest migration applied to the database (0 for a new database).
    pub async fn database_schema_version(&self) -> Result<i64> {
        let row: Result<(i64,), sqlx::Error> =
            sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await;
        match row {
            Ok((v,)) => Ok(v),
            // A database never migrated has no bookkeeping table yet.
            Err(sqlx::Error::Database(_)) => Ok(0),
            Err(e) => Err(e.into()),
        }
    }

    /// Applies pending migrations; refuses a database whose schema is newer than this program.
    pub async fn migrate(&self) -> Result<()> {
        let database = self.database_schema_version().await?;
        let program = self.program_schema_version();
        if database > program {
            return Err(StoreError::SchemaTooNew { database, program });
        }
        self.kind.migrator().run(&self.pool).await?;
        // Entries written before the audit chain existed (migration 0010) join it once, here,
        // so every path that opens a database (serve, CLI, tests) finds a sealed log.
        let mut conn = self.conn().await?;
        audit::seal_unchained(&mut conn).await?;
        Ok(())
    }

    /// After a bulk load (the generated data set of `standort bench load --scale`): brings
    /// PostgreSQL to the state its autovacuum reaches soon after on a running installation —
    /// visibility map and planner statistics up to date — so that measurements describe that
    /// state, not the minutes right after the load (index-only scans that still visit every
    /// row, plans made for empty tables). SQLite plans without statistics; nothing to do.
    pub async fn settle_after_bulk_load(&self) -> Result<()> {
        if self.kind == DbKind::Postgres {
            let mut conn = self.conn().await?;
            sqlx::query("VACUUM ANALYZE")
                .persistent(false)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// After personal data were deleted: makes sure no copy of the deleted rows stays in the
    /// database's files. SQLite overwrites deleted content (`secure_delete`), but the
    /// write-ahead log still holds the pages as they were; a TRUNCATE checkpoint copies the
    /// current pages into the file and empties the log. PostgreSQL keeps deleted rows as dead
    /// tuples in the tables (and their TOAST) until VACUUM frees them; `tables` are vacuumed
    /// here, outside any transaction (VACUUM of one table by two instances at once waits,
    /// it does not fail). What remains outside the database's reach (PostgreSQL WAL archives,
    /// backups) is described in README.md ("Erasure and what an operator must do").
    pub async fn reclaim_erased(&self, tables: &[&str]) -> Result<()> {
        match self.kind {
            DbKind::Sqlite => {
                // On a connection of its own rather than `&self.pool`: a query on the pool
                // makes the caller's future not `Send` (sqlx's higher-ranked `Executor` bound),
                // which axum handlers need.
                let mut conn = self.conn().await?;
                let (busy, _, _): (i64, i64, i64) =
                    sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                        .fetch_one(&mut *conn)
                        .await?;
                if busy != 0 {
                    return Err(StoreError::Conflict(
                        "the write-ahead log could not be checkpointed: readers are still active"
                            .into(),
                    ));
                }
            }
            DbKind::Postgres => {
                let mut conn = self.conn().await?;
                for table in tables {
                    // An unnamed statement: VACUUM runs outside a transaction, never cached.
                    let sql = format!("VACUUM {table}");
                    sqlx::query(&sql)
                        .persistent(false)
                        .execute(&mut *conn)
                        .await?;
                }
            }
        }
        Ok(())
    }

    pub async fn health(&self) -> Result<HealthInfo> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await?;
        Ok(HealthInfo {
            kind: self.kind.as_str(),
            migrations_applied: n,
        })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A page request for any list: `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: i64,
    pub offset: i64,
}

impl PageRequest {
    pub const MAX_LIMIT: i64 = 200;
    /// The most rows a download of a list carries (the filtered, sorted list without its page).
    pub const EXPORT_LIMIT: i64 = 10_000;

    /// The rows of a download: the first [`Self::EXPORT_LIMIT`] of the list.
    pub fn export() -> PageRequest {
        PageRequest {
            limit: Self::EXPORT_LIMIT,
            offset: 0,
        }
    }

    /// Clamps whatever a client asked for into a sane window.
    pub fn new(limit: Option<i64>, offset: Option<i64>) -> PageRequest {
        PageRequest {
            limit: limit.unwrap_or(50).clamp(1, Self::MAX_LIMIT),
            offset: offset.unwrap_or(0).max(0),
        }
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest::new(None, None)
    }
}

/// One page of a list plus the total number of rows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// `text` as a literal inside a `LIKE … ESCAPE '\\'` pattern: a searched `%` or `_` means
/// itself, not "anything".
pub(crate) fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A value bound to a list query (see [`fetch_paged`]).
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Int(Option<i64>),
    Text(String),
}

/// The `FROM … WHERE …` of a filtered list, built from only the conditions that filter: with
/// none, a count is a plain `COUNT(*)` and each condition can use its column's index, instead of
/// every row being tested against NULL parameters (`$1 IS NULL OR …`).
#[derive(Default, Clone)]
pub(crate) struct Filter {
    conditions: Vec<String>,
    args: Vec<Arg>,
}

impl Filter {
    /// Adds a condition on the parameter `arg`; `condition` gets the parameter's number.
    pub fn and(&mut self, arg: Arg, condition: impl FnOnce(usize) -> String) {
        self.args.push(arg);
        self.conditions.push(condition(self.args.len()));
    }

    /// Adds the conditions `build` makes, joined by AND, inside `wrap` (a subquery over another
    /// table: `id IN (SELECT contact_id FROM … WHERE {conditions})`); nothing when `build`
    /// adds none. Their parameters are numbered after this filter's own.
    pub fn and_within(
        &mut self,
        build: impl FnOnce(&mut Filter),
        wrap: impl FnOnce(&str) -> String,
    ) {
        let mut inner = Filter {
            conditions: Vec::new(),
            args: std::mem::take(&mut self.args),
        };
        build(&mut inner);
        self.args = inner.args;
        if !inner.conditions.is_empty() {
            self.conditions.push(wrap(&inner.conditions.join(" AND ")));
        }
    }

    /// Adds a condition without a parameter (a join condition, a fixed test).
    pub fn fixed(&mut self, condition: &str) {
        self.conditions.push(condition.to_owned());
    }

    /// Adds a condition on several parameters (an `IN (…)` list); `condition` gets their
    /// placeholders (`$3`, `$4`, …).
    pub fn and_many(&mut self, args: Vec<Arg>, condition: impl FnOnce(&[String]) -> String) {
        let first = self.args.len() + 1;
        let params: Vec<String> = (first..first + args.len())
            .map(|n| format!("${n}"))
            .collect();
        self.args.extend(args);
        self.conditions.push(condition(&params));
    }

    /// A list's text search: every word of `text` must occur, in any letter case, in one of
    /// `columns` (SQL expressions that may be NULL); `%` and `_` are taken literally. Letter
    /// case is folded by `LOWER`, which on SQLite folds ASCII only — lists that must find names
    /// without diacritics search a folded column instead (candidates' `name_folded`).
    pub fn words(&mut self, text: Option<&str>, columns: &[&str]) {
        for w in text.unwrap_or("").split_whitespace() {
            let pattern = format!("%{}%", escape_like(&w.to_lowercase()));
            self.and(Arg::Text(pattern), |n| {
                let each: Vec<String> = columns
                    .iter()
                    .map(|c| format!("LOWER({c}) LIKE ${n} ESCAPE '\\'"))
                    .collect();
                format!("({})", each.join(" OR "))
            });
        }
    }

    /// `FROM table [WHERE …]` and the parameters, for [`fetch_paged`] and [`count_where`].
    pub fn from(self, table: &str) -> (String, Vec<Arg>) {
        let sql = if self.conditions.is_empty() {
            format!("FROM {table}")
        } else {
            format!("FROM {table} WHERE {}", self.conditions.join(" AND "))
        };
        (sql, self.args)
    }
}

/// Binds a list's parameters in order.
pub(crate) fn bind_args<'q>(
    mut query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    args: &[Arg],
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    for a in args {
        query = match a {
            Arg::Int(v) => query.bind(*v),
            Arg::Text(v) => query.bind(v.clone()),
        };
    }
    query
}

/// How many rows a `FROM … WHERE …` text (parameters `$1…$n` = `args`) selects: the total of
/// [`fetch_paged`], and on its own for counts that need no page (dashboard cards). Kept per
/// version of the tables the text names while they do not change ([`counts`]).
pub(crate) async fn count_where(
    conn: &mut AnyConnection,
    from_where: &str,
    args: &[Arg],
) -> Result<i64> {
    let slot = match counts::kept(conn, from_where, args).await? {
        Ok(counts::Figure::Count(n)) => return Ok(n),
        Ok(counts::Figure::Ids(_)) => None,
        Err(slot) => slot,
    };
    let count_sql = format!("SELECT COUNT(*) {from_where}");
    let row = bind_args(sqlx::query(&count_sql), args)
        .fetch_one(&mut *conn)
        .await?;
    let n = sqlx::Row::try_get::<i64, _>(&row, 0)?;
    if let Some(slot) = slot {
        counts::keep(slot, counts::Figure::Count(n));
    }
    Ok(n)
}

/// The ids a `SELECT` of one integer column gives (parameters `$1…$n` = `args`), kept like
/// the counts ([`counts`]) while the tables it names do not change: for lists of choices that
/// every view of a page reads (the positions list's occupations, a `DISTINCT` over every
/// position).
pub(crate) async fn ids_where(
    conn: &mut AnyConnection,
    select: &str,
    args: &[Arg],
) -> Result<Arc<[i64]>> {
    let slot = match counts::kept(conn, select, args).await? {
        Ok(counts::Figure::Ids(ids)) => return Ok(ids),
        Ok(counts::Figure::Count(_)) => None,
        Err(slot) => slot,
    };
    let rows = bind_args(sqlx::query(select), args)
        .fetch_all(&mut *conn)
        .await?;
    let ids: Arc<[i64]> = rows
        .iter()
        .map(|row| sqlx::Row::try_get::<i64, _>(row, 0))
        .collect::<std::result::Result<_, _>>()?;
    if let Some(slot) = slot {
        counts::keep(slot, counts::Figure::Ids(Arc::clone(&ids)));
    }
    Ok(ids)
}

/// How many rows a `FROM … WHERE …` text selects, counted up to `cap + 1` only: a list that
/// grows without bound (the audit log) shows "more than `cap`" instead of paying for a count of
/// every row.
pub(crate) async fn count_up_to(
    conn: &mut AnyConnection,
    from_where: &str,
    args: &[Arg],
    cap: i64,
) -> Result<i64> {
    let n = args.len();
    let count_sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 {from_where} LIMIT ${}) capped",
        n + 1
    );
    let row = bind_args(sqlx::query(&count_sql), args)
        .bind(cap.saturating_add(1))
        .fetch_one(&mut *conn)
        .await?;
    Ok(sqlx::Row::try_get::<i64, _>(&row, 0)?)
}

/// The total and one page of a list, sharing one `FROM … WHERE …` text (parameters `$1…$n` =
/// `args`) so the two can never disagree.
pub(crate) async fn fetch_paged<T>(
    conn: &mut AnyConnection,
    from_where: &str,
    columns: &str,
    order_by: &str,
    args: &[Arg],
    page: PageRequest,
    from_row: fn(&sqlx::any::AnyRow) -> Result<T>,
) -> Result<Paged<T>> {
    let total = count_where(conn, from_where, args).await?;
    fetch_page(
        conn, total, from_where, columns, order_by, args, page, from_row,
    )
    .await
}

/// One page of a list whose `total` was counted already (by a cheaper `FROM … WHERE …` that
/// selects the same rows, see the placements list).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn fetch_page<T>(
    conn: &mut AnyConnection,
    total: i64,
    from_where: &str,
    columns: &str,
    order_by: &str,
    args: &[Arg],
    page: PageRequest,
    from_row: fn(&sqlx::any::AnyRow) -> Result<T>,
) -> Result<Paged<T>> {
    let n = args.len();
    let list_sql = format!(
        "SELECT {columns} {from_where} ORDER BY {order_by} LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    let rows = bind_args(sqlx::query(&list_sql), args)
        .bind(page.limit)
        .bind(page.offset)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Paged {
        items: rows.iter().map(from_row).collect::<Result<_>>()?,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

/// A table listed page by page, optionally restricted to one organisation.
pub(crate) struct OrgScopedList {
    pub table: &'static str,
    pub columns: &'static str,
    /// The column holding the organisation id (`id` for the organisations table itself).
    pub org_column: &'static str,
    /// A further fixed condition (`AND …`), or empty.
    pub condition: &'static str,
    pub order_by: &'static str,
}

impl OrgScopedList {
    /// The total and one page, sharing one WHERE clause so the two can never disagree.
    pub(crate) async fn fetch<T>(
        &self,
        conn: &mut AnyConnection,
        only: Option<standort_domain::OrgId>,
        page: PageRequest,
        from_row: fn(&sqlx::any::AnyRow) -> Result<T>,
    ) -> Result<Paged<T>> {
        let from_where = format!(
            "FROM {} WHERE ($1 IS NULL OR {} = $1) {}",
            self.table, self.org_column, self.condition
        );
        fetch_paged(
            conn,
            &from_where,
            self.columns,
            self.order_by,
            &[Arg::Int(only.map(|o| o.0))],
            page,
            from_row,
        )
        .await
    }
}

/// Maps a 0/1 column to bool.
pub(crate) fn flag(v: i64) -> bool {
    v != 0
}
