//! The audit log: who did what, when, with before/after values. Append-only — the database
//! itself rejects UPDATE, DELETE, REPLACE and TRUNCATE on the table (see the migrations) — and
//! a hash chain: every entry carries the SHA-256 of its content and of the previous entry's
//! hash, and the one-row table `audit_chain` records the last entry, so [`verify_chain`] finds
//! an entry that was changed, removed or cut off by someone who bypassed the triggers.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::list::{Order, SortColumn, SortKey, SqlOrder};
use crate::{Arg, DbKind, Filter, PageRequest, Paged, Result, count_up_to, fetch_page};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry to append.
#[derive(Debug, Clone, Default)]
pub struct NewAuditEntry {
    pub actor: Option<UserId>,
    /// Who acted, as shown in the log even after the account is gone (e-mail or "system").
    pub actor_label: String,
    /// `create`, `update`, `delete`, `read`, `login`, `login_failed`, `logout`, …
    pub action: String,
    /// The kind of record, e.g. `user`, `organisation`.
    pub entity: String,
    pub entity_id: String,
    /// The organisation the record belongs to, for filtering.
    pub org_id: Option<OrgId>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub client_ip: Option<String>,
}

impl NewAuditEntry {
    pub fn with_before(mut self, value: serde_json::Value) -> Self {
        self.before = Some(value);
        self
    }
    pub fn with_after(mut self, value: serde_json::Value) -> Self {
        self.after = Some(value);
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_user_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub org_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub client_ip: Option<String>,
    /// The acting account's display name as it is now, for [`list`] only: staff and partners
    /// (never a candidate account, whose name erasure may have to remove — the log names those
    /// by account id), and `None` once the account is gone.
    #[serde(skip)]
    pub actor_name: Option<String>,
}

/// Filters for browsing the log; every field optional.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<UserId>,
    pub action: Option<String>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Newest first unless asked otherwise.
    pub order: Order<AuditSort>,
}

/// The audit log's order: by time only (the entries' ids follow their time), so that either
/// direction reads along the primary key however long the log grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditSort {
    When,
}

impl SortKey for AuditSort {
    const ALL: &'static [AuditSort] = &[AuditSort::When];
    fn name(self) -> &'static str {
        "when"
    }
    fn default_desc(self) -> bool {
        true
    }
}

impl SqlOrder for AuditSort {
    fn columns(self) -> &'static [SortColumn] {
        &[]
    }
    fn tie_break() -> &'static str {
        "id"
    }
}

/// Appends an entry to the chain. Inside a transaction this runs as a savepoint of it, so the
/// entry commits or rolls back with the change it records; outside one it is its own
/// transaction. Locking the chain head serialises appenders (on PostgreSQL across instances:
/// the row lock is held until the caller commits), so the chain cannot fork.
pub async fn append(conn: &mut AnyConnection, entry: &NewAuditEntry, now: i64) -> Result<()> {
    append_all(conn, std::slice::from_ref(&(entry.clone(), now))).await
}

/// Appends entries (each with its time) in order, under one lock of the chain head, as a
/// savepoint of the caller's transaction or as a transaction of its own.
pub async fn append_all(conn: &mut AnyConnection, entries: &[(NewAuditEntry, i64)]) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    append_in_transaction(&mut tx, entries).await?;
    tx.commit().await?;
    Ok(())
}

/// How many entries one `INSERT` writes at most: 13 parameters each stays far below both
/// databases' limits on a statement's parameters.
const ROWS_PER_INSERT: usize = 64;

/// Appends entries to the chain on a connection that is inside a transaction the caller
/// commits: the group commit of [`crate::Db::append_audit`], where many requests' entries
/// share one transaction. Without a savepoint of its own and with one `INSERT` per
/// [`ROWS_PER_INSERT`] entries, a group costs four statements however many readers it serves.
pub(crate) async fn append_in_transaction(
    tx: &mut AnyConnection,
    entries: &[(NewAuditEntry, i64)],
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let (head, _) = lock_head(tx).await?;
    let mut last_id = head.last_id;
    let mut last_hash = head.last_hash;
    let mut stored = Vec::with_capacity(entries.len());
    for (entry, now) in entries {
        let mut row = StoredEntry {
            id: last_id + 1,
            at: *now,
            actor_user_id: entry.actor.map(|u| u.0),
            actor_label: entry.actor_label.clone(),
            action: entry.action.clone(),
            entity: entry.entity.clone(),
            entity_id: entry.entity_id.clone(),
            org_id: entry.org_id.map(|o| o.0),
            before_json: entry.before.as_ref().map(|v| v.to_string()),
            after_json: entry.after.as_ref().map(|v| v.to_string()),
            client_ip: entry.client_ip.clone(),
            prev_hash: None,
            entry_hash: None,
        };
        let hash = row.compute_hash(&last_hash);
        row.prev_hash = Some(last_hash);
        row.entry_hash = Some(hash.clone());
        last_id = row.id;
        last_hash = hash;
        stored.push(row);
    }
    for rows in stored.chunks(ROWS_PER_INSERT) {
        insert_stored(tx, rows).await?;
    }
    sqlx::query(
        "UPDATE audit_chain SET last_id = $1, last_hash = $2, entries = entries + $3 WHERE id = 1",
    )
    .bind(last_id)
    .bind(last_hash)
    .bind(entries.len() as i64)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Writes stored entries with one `INSERT` of several rows.
async fn insert_stored(conn: &mut AnyConnection, rows: &[StoredEntry]) -> Result<()> {
    const COLUMNS: usize = 13;
    let values: Vec<String> = (0..rows.len())
        .map(|r| {
            let marks: Vec<String> = (1..=COLUMNS)
                .map(|c| format!("${}", r * COLUMNS + c))
                .collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    let sql = format!(
        "INSERT INTO audit_log (id, at, actor_user_id, actor_label, action, entity, entity_id, \
         org_id, before_json, after_json, client_ip, prev_hash, entry_hash) VALUES {}",
        values.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for stored in rows {
        query = query
            .bind(stored.id)
            .bind(stored.at)
            .bind(stored.actor_user_id)
            .bind(&stored.actor_label)
            .bind(&stored.action)
            .bind(&stored.entity)
            .bind(&stored.entity_id)
            .bind(stored.org_id)
            .bind(stored.before_json.as_deref())
            .bind(stored.after_json.as_deref())
            .bind(stored.client_ip.as_deref())
            .bind(stored.prev_hash.as_deref())
            .bind(stored.entry_hash.as_deref());
    }
    query.execute(conn).await?;
    Ok(())
}

/// An entry as stored, with the columns its hash covers.
#[derive(Debug, Clone)]
struct StoredEntry {
    id: i64,
    at: i64,
    actor_user_id: Option<i64>,
    actor_label: String,
    action: String,
    entity: String,
    entity_id: String,
    org_id: Option<i64>,
    before_json: Option<String>,
    after_json: Option<String>,
    client_ip: Option<String>,
    prev_hash: Option<String>,
    entry_hash: Option<String>,
}

const STORED_COLUMNS: &str = "id, at, actor_user_id, actor_label, action, entity, entity_id, org_id, \
    before_json, after_json, client_ip, prev_hash, entry_hash";

impl StoredEntry {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<StoredEntry> {
        Ok(StoredEntry {
            id: row.try_get("id")?,
            at: row.try_get("at")?,
            actor_user_id: row.try_get("actor_user_id")?,
            actor_label: row.try_get("actor_label")?,
            action: row.try_get("action")?,
            entity: row.try_get("entity")?,
            entity_id: row.try_get("entity_id")?,
            org_id: row.try_get("org_id")?,
            before_json: row.try_get("before_json")?,
            after_json: row.try_get("after_json")?,
            client_ip: row.try_get("client_ip")?,
            prev_hash: row.try_get("prev_hash")?,
            entry_hash: row.try_get("entry_hash")?,
        })
    }

    /// SHA-256 (lower-case hex) of the canonical content: a JSON array of a version tag, every
    /// stored column in table order (the JSON columns as their stored text, so the hash does
    /// not depend on how a JSON library orders keys) and the previous entry's hash. The id is
    /// covered, so entries cannot be renumbered; everything here survives the archive's round
    /// trip unchanged (integers and texts only).
    fn compute_hash(&self, prev_hash: &str) -> String {
        use sha2::Digest;
        let canonical = serde_json::json!([
            "standort-audit-v1",
            self.id,
            self.at,
            self.actor_user_id,
            self.actor_label,
            self.action,
            self.entity,
            self.entity_id,
            self.org_id,
            self.before_json,
            self.after_json,
            self.client_ip,
            prev_hash,
        ]);
        hex::encode(sha2::Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// The chain head: the last entry's id and hash and the number of entries in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ChainHead {
    last_id: i64,
    last_hash: String,
    entries: i64,
}

/// Locks the chain head and reads it, creating it first if this is the first entry ever. The
/// first statement writes: on SQLite a transaction that began with a read could not wait for
/// the write lock (the upgrade fails at once with "database is locked", `busy_timeout` does
/// not apply), so the append starts with a write and waits its turn like any writer. On
/// PostgreSQL the no-op UPDATE takes the head's row lock until commit, which serialises
/// appenders across instances. Only the very first append needs the INSERT, so the usual
/// append costs one statement here. `created`: this call started the chain.
async fn lock_head(conn: &mut AnyConnection) -> Result<(ChainHead, bool)> {
    const LOCK: &str = "UPDATE audit_chain SET entries = entries WHERE id = 1 RETURNING last_id, last_hash, entries";
    let mut created = false;
    let mut head: Option<(i64, String, i64)> =
        sqlx::query_as(LOCK).fetch_optional(&mut *conn).await?;
    if head.is_none() {
        created = sqlx::query(
            "INSERT INTO audit_chain (id, last_id, last_hash, entries) VALUES (1, 0, $1, 0) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(GENESIS_HASH)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1;
        head = Some(sqlx::query_as(LOCK).fetch_one(&mut *conn).await?);
    }
    let (last_id, last_hash, entries) = head.expect("set above");
    Ok((
        ChainHead {
            last_id,
            last_hash,
            entries,
        },
        created,
    ))
}

async fn move_head(conn: &mut AnyConnection, last: &StoredEntry) -> Result<()> {
    sqlx::query(
        "UPDATE audit_chain SET last_id = $1, last_hash = $2, entries = entries + 1 WHERE id = 1",
    )
    .bind(last.id)
    .bind(last.entry_hash.as_deref())
    .execute(conn)
    .await?;
    Ok(())
}

/// Seals entries written before the chain existed (migration 0010), oldest first, and starts the
/// chain with them. Run by [`crate::Db::migrate`]. It seals only while there is no chain head
/// and no sealed entry: once the chain exists, an unsealed entry can only have been slipped in
/// past the triggers, and sealing it would make it look genuine, so it is left for
/// [`verify_chain`] to report.
/// Filling in the two hash columns of an unsealed entry is the only UPDATE the triggers let
/// through.
pub(crate) async fn seal_unchained(conn: &mut AnyConnection) -> Result<u64> {
    // Checked before taking the head, so a sealed (or new, empty) log gets no head row from
    // here: an archive is imported only into a database whose tables are all empty.
    let (unsealed,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE entry_hash IS NULL")
            .fetch_one(&mut *conn)
            .await?;
    if unsealed == 0 {
        return Ok(0);
    }
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    let (mut head, created) = lock_head(&mut tx).await?;
    let (sealed,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE entry_hash IS NOT NULL")
            .fetch_one(&mut *tx)
            .await?;
    if !created || sealed > 0 {
        // The chain exists already (or another instance starting at the same time sealed the
        // old entries a moment ago: then none are left), or its head was removed: either way
        // these entries did not come from before the chain.
        tx.rollback().await?;
        return Ok(0);
    }
    let unsealed = sqlx::query(&format!(
        "SELECT {STORED_COLUMNS} FROM audit_log WHERE entry_hash IS NULL ORDER BY id"
    ))
    .fetch_all(&mut *tx)
    .await?;
    for row in &unsealed {
        let mut entry = StoredEntry::from_row(row)?;
        let hash = entry.compute_hash(&head.last_hash);
        sqlx::query("UPDATE audit_log SET prev_hash = $1, entry_hash = $2 WHERE id = $3")
            .bind(&head.last_hash)
            .bind(&hash)
            .bind(entry.id)
            .execute(&mut *tx)
            .await?;
        entry.entry_hash = Some(hash.clone());
        move_head(&mut tx, &entry).await?;
        head.last_hash = hash;
    }
    tx.commit().await?;
    Ok(unsealed.len() as u64)
}

/// What [`verify_chain`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainCheck {
    /// Every entry matches its hash and follows its predecessor, and the last one is the head.
    Intact { entries: i64, head_hash: String },
    /// The first place where the chain breaks; `entries_intact` entries before it are sound.
    /// `entry_id` is 0 when there is no entry to name (the log was emptied).
    Broken {
        entry_id: i64,
        entries_intact: i64,
        reason: ChainBreak,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainBreak {
    /// The entry's content does not match its own hash: it was changed.
    Altered,
    /// The entry does not follow the entry before it (`None`: it should start the chain):
    /// entries between them were removed, or the previous entry was rewritten with a new hash.
    Unlinked { previous: Option<i64> },
    /// The log ends at this entry, but the chain head records more: entries after it were
    /// removed (or the head was tampered with).
    TailMissing {
        head_last_id: i64,
        head_entries: i64,
    },
    /// The log goes on past the entry the head records, or the head's hash or count differ:
    /// entries were added outside the application, or the head was tampered with.
    HeadMismatch {
        head_last_id: i64,
        head_entries: i64,
    },
    /// There are entries, but no chain head.
    HeadMissing,
}

fn entries(n: i64) -> String {
    if n == 1 {
        "1 entry".to_owned()
    } else {
        format!("{n} entries")
    }
}

impl std::fmt::Display for ChainCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChainCheck::Intact {
                entries: count,
                head_hash,
            } => write!(
                f,
                "the audit log is intact: {}, chain head {head_hash}",
                entries(*count)
            ),
            ChainCheck::Broken {
                entry_id,
                entries_intact,
                reason,
            } => {
                if *entry_id == 0 {
                    write!(f, "the audit chain is broken: ")?;
                } else {
                    write!(f, "the audit chain breaks at entry {entry_id}: ")?;
                }
                match reason {
                    ChainBreak::Altered => write!(
                        f,
                        "its content does not match its hash (the entry was changed)"
                    )?,
                    ChainBreak::Unlinked { previous: Some(p) } => write!(
                        f,
                        "it does not follow entry {p} (entries between them were removed, or entry {p} was rewritten)"
                    )?,
                    ChainBreak::Unlinked { previous: None } => write!(
                        f,
                        "it is the first entry but does not start the chain (entries before it were removed)"
                    )?,
                    ChainBreak::TailMissing {
                        head_last_id,
                        head_entries,
                    } if *entry_id == 0 => write!(
                        f,
                        "the log is empty, but the chain head records {head_entries} entries up to entry {head_last_id} (the log was emptied)"
                    )?,
                    ChainBreak::TailMissing {
                        head_last_id,
                        head_entries,
                    } => write!(
                        f,
                        "the log ends here, but the chain head records {head_entries} entries up to entry {head_last_id} (entries after it were removed)"
                    )?,
                    ChainBreak::HeadMismatch {
                        head_last_id,
                        head_entries,
                    } => write!(
                        f,
                        "the chain head records {head_entries} entries up to entry {head_last_id}, which does not match the log (entries were added outside Standort, or the head was changed)"
                    )?,
                    ChainBreak::HeadMissing => write!(f, "the log has entries but no chain head")?,
                }
                if *entry_id != 0 {
                    write!(f, "; {} before it intact", entries(*entries_intact))?;
                }
                Ok(())
            }
        }
    }
}

/// Checks the whole chain, oldest first, in one consistent snapshot, reading it page by page.
pub async fn verify_chain(db: &crate::Db) -> Result<ChainCheck> {
    let mut conn = db.conn().await?;
    let mut tx = sqlx::Connection::begin(&mut *conn).await?;
    if db.kind() == DbKind::Postgres {
        // Head and entries from one snapshot, whatever other instances append meanwhile.
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            .execute(&mut *tx)
            .await?;
    }
    let head: Option<(i64, String, i64)> =
        sqlx::query_as("SELECT last_id, last_hash, entries FROM audit_chain WHERE id = 1")
            .fetch_optional(&mut *tx)
            .await?;
    let mut previous: Option<(i64, String)> = None;
    let mut count = 0i64;
    let broken = |entry_id: i64, count: i64, reason: ChainBreak| ChainCheck::Broken {
        entry_id,
        entries_intact: count,
        reason,
    };
    loop {
        let after = previous.as_ref().map(|(id, _)| *id).unwrap_or(i64::MIN);
        let rows = sqlx::query(&format!(
            "SELECT {STORED_COLUMNS} FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000"
        ))
        .bind(after)
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            break;
        }
        for row in &rows {
            let entry = StoredEntry::from_row(row)?;
            let expected_prev = previous
                .as_ref()
                .map(|(_, h)| h.as_str())
                .unwrap_or(GENESIS_HASH);
            if entry.prev_hash.as_deref() != Some(expected_prev) {
                let reason = ChainBreak::Unlinked {
                    previous: previous.as_ref().map(|(id, _)| *id),
                };
                return Ok(broken(entry.id, count, reason));
            }
            let hash = entry.compute_hash(expected_prev);
            if entry.entry_hash.as_deref() != Some(hash.as_str()) {
                return Ok(broken(entry.id, count, ChainBreak::Altered));
            }
            if let Some((last_id, _, entries)) = &head
                && entry.id > *last_id
            {
                let reason = ChainBreak::HeadMismatch {
                    head_last_id: *last_id,
                    head_entries: *entries,
                };
                return Ok(broken(entry.id, count, reason));
            }
            previous = Some((entry.id, hash));
            count += 1;
        }
    }
    tx.commit().await?;
    let Some((head_last_id, head_hash, head_entries)) = head else {
        return Ok(match previous {
            None => ChainCheck::Intact {
                entries: 0,
                head_hash: GENESIS_HASH.to_owned(),
            },
            Some((id, _)) => broken(id, count, ChainBreak::HeadMissing),
        });
    };
    let (last_id, last_hash) = previous.unwrap_or((0, GENESIS_HASH.to_owned()));
    if last_id < head_last_id {
        let reason = ChainBreak::TailMissing {
            head_last_id,
            head_entries,
        };
        return Ok(broken(last_id, count, reason));
    }
    if last_hash != head_hash || count != head_entries {
        let reason = ChainBreak::HeadMismatch {
            head_last_id,
            head_entries,
        };
        return Ok(broken(last_id, count, reason));
    }
    Ok(ChainCheck::Intact {
        entries: count,
        head_hash,
    })
}

fn parse_json(text: Option<String>) -> Option<serde_json::Value> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

/// One audit entry from a row of all its columns.
pub(crate) fn entry_from_row(row: &sqlx::any::AnyRow) -> Result<AuditEntry> {
    Ok(AuditEntry {
        id: row.try_get("id")?,
        at: row.try_get("at")?,
        actor_user_id: row.try_get("actor_user_id")?,
        actor_label: row.try_get("actor_label")?,
        action: row.try_get("action")?,
        entity: row.try_get("entity")?,
        entity_id: row.try_get("entity_id")?,
        org_id: row.try_get("org_id")?,
        before: parse_json(row.try_get("before_json")?),
        after: parse_json(row.try_get("after_json")?),
        client_ip: row.try_get("client_ip")?,
        actor_name: None,
    })
}

/// The acting account's current display name, looked up in the page's own query (one index
/// lookup per row shown, no query per row); candidate accounts are left out (see
/// [`AuditEntry::actor_name`]).
const ACTOR_NAME: &str = "(SELECT u.display_name FROM users u \
    WHERE u.id = audit_log.actor_user_id AND u.role <> 'candidate') AS actor_name";

/// Newest first.
pub async fn list(
    conn: &mut AnyConnection,
    filter: &AuditFilter,
    page: PageRequest,
) -> Result<Paged<AuditEntry>> {
    let mut f = Filter::default();
    let mut and = |column: &str, op: &str, arg: Arg| f.and(arg, |n| format!("{column} {op} ${n}"));
    if let Some(u) = filter.actor {
        and("actor_user_id", "=", Arg::Int(Some(u.0)));
    }
    if let Some(a) = &filter.action {
        and("action", "=", Arg::Text(a.clone()));
    }
    if let Some(e) = &filter.entity {
        and("entity", "=", Arg::Text(e.clone()));
    }
    if let Some(id) = &filter.entity_id {
        and("entity_id", "=", Arg::Text(id.clone()));
    }
    if let Some(from) = filter.from {
        and("at", ">=", Arg::Int(Some(from)));
    }
    if let Some(to) = filter.to {
        and("at", "<=", Arg::Int(Some(to)));
    }
    let (from, args) = f.from("audit_log");
    // The log grows with every audited read, and a count costs work per row (on PostgreSQL
    // 186 ms p99 for the audit page at ×100, most of it the count): count only up to what the
    // pager needs, the rows up to this page and [`COUNT_CAP`] beyond.
    let cap = COUNT_CAP.max(page.offset.saturating_add(page.limit));
    let total = count_up_to(conn, &from, &args, cap).await?;
    fetch_page(
        conn,
        total,
        &from,
        &format!(
            "id, at, actor_user_id, actor_label, action, entity, entity_id, org_id, before_json, \
             after_json, client_ip, {ACTOR_NAME}"
        ),
        &filter.order.sql(),
        &args,
        page,
        |row| {
            let mut entry = entry_from_row(row)?;
            entry.actor_name = row.try_get("actor_name")?;
            Ok(entry)
        },
    )
    .await
}

/// The audit log's total is counted up to this many entries; a list of more shows "more than"
/// it ([`Paged::total`] is then `COUNT_CAP + 1`, or one more than the page's last row when
/// paging beyond).
pub const COUNT_CAP: i64 = 10_000;
