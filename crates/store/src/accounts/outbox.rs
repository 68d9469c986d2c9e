//! The e-mail outbox: one row per message. The sender (one instance at a time, holding the
//! `mail` lease) claims a due row by moving its next attempt forward in one UPDATE — so even two
//! senders could not both send it — delivers it, and marks it sent; the content is blanked once
//! delivered (the audit log records to whom and which kind, never the content).

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{Language, UserId};

use crate::{Arg, Filter, PageRequest, Paged, Result, fetch_paged};

/// Waiting for the sender.
pub const PENDING: &str = "pending";
/// Delivered to the SMTP server.
pub const SENT: &str = "sent";
/// Given up after the last retry; an administrator may queue it again.
pub const FAILED: &str = "failed";
/// No SMTP server is configured: kept, with where it would have gone.
pub const NOT_SENT: &str = "not_sent";

/// Every state, for filters.
pub const STATES: [&str; 4] = [PENDING, SENT, FAILED, NOT_SENT];

/// A message to queue, already written in its recipient's language.
#[derive(Debug, Clone)]
pub struct NewMail<'a> {
    pub kind: &'a str,
    pub user_id: Option<UserId>,
    pub candidate_id: Option<i64>,
    pub to_address: &'a str,
    pub language: Language,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
}

/// A row of the outbox as administrators see it (without the content).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub kind: String,
    pub user_id: Option<UserId>,
    pub candidate_id: Option<i64>,
    pub to_address: String,
    pub language: Language,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// A due message with its content, for the sender.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub entry: OutboxEntry,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

const COLUMNS: &str = "id, kind, user_id, candidate_id, to_address, language, state, attempts, \
                       next_attempt_at, last_error, created_at, sent_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<OutboxEntry> {
    let language: String = row.try_get("language")?;
    Ok(OutboxEntry {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        user_id: row.try_get::<Option<i64>, _>("user_id")?.map(UserId),
        candidate_id: row.try_get("candidate_id")?,
        to_address: row.try_get("to_address")?,
        language: Language::parse(&language).unwrap_or_default(),
        state: row.try_get("state")?,
        attempts: row.try_get("attempts")?,
        next_attempt_at: row.try_get("next_attempt_at")?,
        last_error: row.try_get("last_error")?,
        created_at: row.try_get("created_at")?,
        sent_at: row.try_get("sent_at")?,
    })
}

/// Queues a message in `state` ([`PENDING`], or [`NOT_SENT`] without an SMTP server).
pub async fn enqueue(
    conn: &mut AnyConnection,
    mail: &NewMail<'_>,
    state: &str,
    now: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO mail_outbox (kind, user_id, candidate_id, to_address, language, subject, \
         body_text, body_html, state, attempts, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $10) RETURNING id",
    )
    .bind(mail.kind)
    .bind(mail.user_id.map(|u| u.0))
    .bind(mail.candidate_id)
    .bind(mail.to_address)
    .bind(mail.language.code())
    .bind(mail.subject)
    .bind(mail.body_text)
    .bind(mail.body_html)
    .bind(state)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Up to `limit` pending messages whose next attempt is due, oldest first.
pub async fn due(conn: &mut AnyConnection, now: i64, limit: i64) -> Result<Vec<OutgoingMail>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}, subject, body_text, body_html FROM mail_outbox \
         WHERE state = $1 AND next_attempt_at <= $2 ORDER BY next_attempt_at, id LIMIT $3"
    ))
    .bind(PENDING)
    .bind(now)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(OutgoingMail {
                entry: from_row(row)?,
                subject: row.try_get("subject")?,
                body_text: row.try_get("body_text")?,
                body_html: row.try_get("body_html")?,
            })
        })
        .collect()
}

/// Claims a due message for one attempt: counts the attempt and moves its next attempt to
/// `retry_at` (where it stays if this attempt fails). False when another sender was first.
pub async fn claim(conn: &mut AnyConnection, id: i64, now: i64, retry_at: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1 \
         WHERE id = $2 AND state = $3 AND next_attempt_at <= $4",
    )
    .bind(retry_at)
    .bind(id)
    .bind(PENDING)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a message delivered and forgets its content.
pub async fn mark_sent(conn: &mut AnyConnection, id: i64, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET state = $1, sent_at = $2, last_error = NULL, subject = '', \
         body_text = '', body_html = '' WHERE id = $3",
    )
    .bind(SENT)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed attempt; with `give_up` the message is [`FAILED`] (and its content
/// forgotten: an administrator queues a new one by inviting or resetting again).
pub async fn mark_attempt_failed(
    conn: &mut AnyConnection,
    id: i64,
    error: &str,
    give_up: bool,
) -> Result<()> {
    if give_up {
        sqlx::query(
            "UPDATE mail_outbox SET state = $1, last_error = $2, subject = '', body_text = '', \
             body_html = '' WHERE id = $3",
        )
        .bind(FAILED)
        .bind(error)
        .bind(id)
        .execute(conn)
        .await?;
    } else {
        sqlx::query("UPDATE mail_outbox SET last_error = $1 WHERE id = $2")
            .bind(error)
            .bind(id)
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// One message (without content), for the audit entry of its delivery.
pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<OutboxEntry> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM mail_outbox WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    from_row(&row)
}

/// The outbox, newest first, optionally of one state.
pub async fn list(
    conn: &mut AnyConnection,
    state: Option<&str>,
    page: PageRequest,
) -> Result<Paged<OutboxEntry>> {
    let mut filter = Filter::default();
    if let Some(state) = state {
        filter.and(Arg::Text(state.to_owned()), |n| format!("state = ${n}"));
    }
    let (from_where, args) = filter.from("mail_outbox");
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

/// How many messages are in `state` (the administrators' dashboard).
pub async fn count_in_state(conn: &mut AnyConnection, state: &str) -> Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mail_outbox WHERE state = $1")
        .bind(state)
        .fetch_one(conn)
        .await?;
    Ok(n)
}

/// Forgets the content of messages that were never sent (no SMTP server) once their links
/// have expired anyway; the row stays as the record of where it would have gone.
pub async fn forget_unsent_content(conn: &mut AnyConnection, before: i64) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET subject = '', body_text = '', body_html = '' \
         WHERE state = $1 AND created_at < $2 AND body_text <> ''",
    )
    .bind(NOT_SENT)
    .bind(before)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
