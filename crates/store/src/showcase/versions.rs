//! Versions of a producer's entry: what was proposed, by whom, and who published or rejected
//! it — the entry's history.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::UserId;

use crate::{PageRequest, Paged, Result, StoreError};

/// A version's state: `draft` waits for review, `published` went public, `rejected` did not,
/// `superseded` was replaced by a newer draft before review.
pub const VERSION_STATES: [&str; 4] = ["draft", "published", "rejected", "superseded"];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Version {
    pub id: i64,
    pub producer_id: i64,
    /// The proposed entry as JSON (the app's `EntryContent`).
    pub content: String,
    pub state: String,
    pub created_by: Option<UserId>,
    pub created_by_name: Option<String>,
    pub created_at: i64,
    pub decided_by: Option<UserId>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<i64>,
    pub note: String,
}

const COLUMNS: &str = "v.id, v.producer_id, v.content, v.state, v.created_by, \
     cu.display_name AS created_by_name, v.created_at, v.decided_by, \
     du.display_name AS decided_by_name, v.decided_at, v.note";
const FROM: &str = "showcase_versions v LEFT JOIN users cu ON cu.id = v.created_by \
     LEFT JOIN users du ON du.id = v.decided_by";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Version> {
    Ok(Version {
        id: r.try_get("id")?,
        producer_id: r.try_get("producer_id")?,
        content: r.try_get("content")?,
        state: r.try_get("state")?,
        created_by: r.try_get::<Option<i64>, _>("created_by")?.map(UserId),
        created_by_name: r.try_get("created_by_name")?,
        created_at: r.try_get("created_at")?,
        decided_by: r.try_get::<Option<i64>, _>("decided_by")?.map(UserId),
        decided_by_name: r.try_get("decided_by_name")?,
        decided_at: r.try_get("decided_at")?,
        note: r.try_get("note")?,
    })
}

/// Records a proposed version; an earlier draft of the entry becomes `superseded`.
pub async fn insert_version(
    conn: &mut AnyConnection,
    producer: i64,
    content: &str,
    by: UserId,
    now: i64,
) -> Result<i64> {
    sqlx::query(
        "UPDATE showcase_versions SET state = 'superseded' WHERE producer_id = $1 AND state = 'draft'",
    )
    .bind(producer)
    .execute(&mut *conn)
    .await?;
    let row = sqlx::query(
        "INSERT INTO showcase_versions (producer_id, content, state, created_by, created_at) \
         VALUES ($1, $2, 'draft', $3, $4) RETURNING id",
    )
    .bind(producer)
    .bind(content)
    .bind(by.0)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

/// Publishes or rejects a draft; anything but a draft is not found.
pub async fn decide_version(
    conn: &mut AnyConnection,
    id: i64,
    publish: bool,
    by: UserId,
    note: &str,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE showcase_versions SET state = $1, decided_by = $2, decided_at = $3, note = $4 \
         WHERE id = $5 AND state = 'draft'",
    )
    .bind(if publish { "published" } else { "rejected" })
    .bind(by.0)
    .bind(now)
    .bind(note)
    .bind(id)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn get_version(conn: &mut AnyConnection, id: i64) -> Result<Version> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM {FROM} WHERE v.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// The history of an entry, the newest first.
pub async fn versions_of(conn: &mut AnyConnection, producer: i64) -> Result<Vec<Version>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE v.producer_id = $1 ORDER BY v.id DESC"
    ))
    .bind(producer)
    .fetch_all(conn)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Drafts waiting for review, the oldest first.
pub async fn pending_versions(
    conn: &mut AnyConnection,
    page: PageRequest,
) -> Result<Paged<Version>> {
    crate::fetch_paged(
        conn,
        &format!("FROM {FROM} WHERE v.state = 'draft'"),
        COLUMNS,
        "v.id",
        &[],
        page,
        from_row,
    )
    .await
}
