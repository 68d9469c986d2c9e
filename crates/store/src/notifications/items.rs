//! A person's notifications: raising (idempotent), the list with its filters, the unread count
//! and marking as read — every read and write names the person, so nobody reaches another's.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::UserId;

use crate::{Arg, Filter, PageRequest, Paged, Result, fetch_paged};

/// A notification to write for one person.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNotificationRow {
    pub user_id: UserId,
    pub kind: String,
    /// The record and the occasion (`placement:12:visa:visa_decision:1767225600`): with the
    /// person and the kind, the key that makes raising idempotent.
    pub record_key: String,
    /// The path of the record in Standort.
    pub link: String,
    /// Codes that say what is due (JSON object; never names or free text).
    pub params: serde_json::Value,
    pub due_on: Option<i64>,
}

/// A stored notification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotificationRow {
    pub id: i64,
    pub user_id: UserId,
    pub kind: String,
    pub record_key: String,
    pub link: String,
    pub params: serde_json::Value,
    pub due_on: Option<i64>,
    pub created_at: i64,
    pub read_at: Option<i64>,
    pub mailed_at: Option<i64>,
}

pub(crate) const COLUMNS: &str =
    "id, user_id, kind, record_key, link, params, due_on, created_at, read_at, mailed_at";

pub(crate) fn from_row(row: &sqlx::any::AnyRow) -> Result<NotificationRow> {
    let params: String = row.try_get("params")?;
    Ok(NotificationRow {
        id: row.try_get("id")?,
        user_id: UserId(row.try_get("user_id")?),
        kind: row.try_get("kind")?,
        record_key: row.try_get("record_key")?,
        link: row.try_get("link")?,
        params: serde_json::from_str(&params).unwrap_or(serde_json::Value::Null),
        due_on: row.try_get("due_on")?,
        created_at: row.try_get("created_at")?,
        read_at: row.try_get("read_at")?,
        mailed_at: row.try_get("mailed_at")?,
    })
}

/// Writes the notification unless the person already has one of that kind for that record key;
/// the new row's id, or `None` when it existed (raising again changes nothing).
pub async fn raise(
    conn: &mut AnyConnection,
    n: &NewNotificationRow,
    now: i64,
) -> Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO notifications (user_id, kind, record_key, link, params, due_on, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (user_id, kind, record_key) DO NOTHING RETURNING id",
    )
    .bind(n.user_id.0)
    .bind(&n.kind)
    .bind(&n.record_key)
    .bind(&n.link)
    .bind(n.params.to_string())
    .bind(n.due_on)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Marks notifications as sent by e-mail (at once or in a digest).
pub async fn mark_mailed(conn: &mut AnyConnection, ids: &[i64], now: i64) -> Result<()> {
    for chunk in ids.chunks(500) {
        let params: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "UPDATE notifications SET mailed_at = $1 WHERE mailed_at IS NULL AND id IN ({})",
            params.join(", ")
        );
        let mut q = sqlx::query(&sql).bind(now);
        for id in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The filters of a person's list.
#[derive(Debug, Clone, Default)]
pub struct NotificationFilter {
    pub kind: Option<String>,
    pub unread_only: bool,
}

/// A person's notifications, newest first.
pub async fn list(
    conn: &mut AnyConnection,
    user: UserId,
    filter: &NotificationFilter,
    page: PageRequest,
) -> Result<Paged<NotificationRow>> {
    let mut f = Filter::default();
    f.and(Arg::Int(Some(user.0)), |n| format!("user_id = ${n}"));
    if let Some(kind) = &filter.kind {
        f.and(Arg::Text(kind.clone()), |n| format!("kind = ${n}"));
    }
    if filter.unread_only {
        f.fixed("read_at IS NULL");
    }
    let (from_where, args) = f.from("notifications");
    fetch_paged(
        conn,
        &from_where,
        COLUMNS,
        "created_at DESC, id DESC",
        &args,
        page,
        from_row,
    )
    .await
}

/// How many of a person's notifications are unread (the bell).
pub async fn unread_count(conn: &mut AnyConnection, user: UserId) -> Result<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
            .bind(user.0)
            .fetch_one(conn)
            .await?;
    Ok(n)
}

/// One of a person's notifications; `NotFound` for anyone else's.
pub async fn get(conn: &mut AnyConnection, user: UserId, id: i64) -> Result<NotificationRow> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM notifications WHERE id = $1 AND user_id = $2"
    ))
    .bind(id)
    .bind(user.0)
    .fetch_optional(conn)
    .await?
    .ok_or(crate::StoreError::NotFound)?;
    from_row(&row)
}

/// Marks one of a person's notifications read; false when it is not theirs (or not there).
pub async fn mark_read(conn: &mut AnyConnection, user: UserId, id: i64, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3",
    )
    .bind(now)
    .bind(id)
    .bind(user.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks all of a person's notifications read; how many were unread.
pub async fn mark_all_read(conn: &mut AnyConnection, user: UserId, now: i64) -> Result<u64> {
    let done =
        sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
            .bind(now)
            .bind(user.0)
            .execute(conn)
            .await?;
    Ok(done.rows_affected())
}

/// Forgets notifications read before `before` (the job's clean-up: a read notification has
/// done its work, and the table would otherwise grow by every occasion forever); how many.
pub async fn delete_read_before(conn: &mut AnyConnection, before: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM notifications WHERE read_at IS NOT NULL AND read_at < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
