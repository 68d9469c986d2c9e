//! Each person's secret calendar feed (`calendar_feeds`, the SHA-256 of the URL's secret only)
//! and the due dates it lists: the stored due items of the placements whose track they own or
//! whose candidate they counsel (agency staff also those nobody owns, as the notifications go),
//! and the documents asked of them as a candidate.

use sqlx::{AnyConnection, Row};
use standort_domain::UserId;

use crate::{Result, flag};

/// Starts a new feed for `user` with this hash; earlier feeds of theirs end.
pub async fn create_feed(
    conn: &mut AnyConnection,
    user: UserId,
    token_hash: &str,
    now: i64,
) -> Result<i64> {
    revoke_feeds(conn, user, now).await?;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
         RETURNING id",
    )
    .bind(user.0)
    .bind(token_hash)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Ends every feed of `user`; how many were active.
pub async fn revoke_feeds(conn: &mut AnyConnection, user: UserId, now: i64) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE calendar_feeds SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(user.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The person whose active feed has this hash.
pub async fn feed_owner(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<UserId>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(u,)| UserId(u)))
}

/// When `user`'s active feed was created, if they have one.
pub async fn active_feed(conn: &mut AnyConnection, user: UserId) -> Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT created_at FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL \
         ORDER BY id DESC LIMIT 1",
    )
    .bind(user.0)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(t,)| t))
}

/// One date of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedDate {
    /// `placement`, `document_request`, or another module's (`follow_up`, `obligation`,
    /// `round`).
    pub source: String,
    pub record_id: i64,
    /// The track and step (`visa`, `visa_decision`), the document kind and "", or (other
    /// modules) "" and a detail the owner wrote (an obligation's description).
    pub track: String,
    pub code: String,
    /// Unix seconds at 00:00 UTC.
    pub due_on: i64,
    pub legal: bool,
    /// The record's name where the event shows it (a company, an agreement, a round), else "".
    pub label: String,
    /// The record's path in Standort.
    pub link: String,
}

/// `user`'s due dates, by day: placements' stored due items they own or counsel (with
/// `unowned`, also those with neither owner nor counsellor), and their own document requests.
pub async fn feed_dates(
    conn: &mut AnyConnection,
    user: UserId,
    unowned: bool,
) -> Result<Vec<FeedDate>> {
    let rows = sqlx::query(
        "SELECT * FROM (SELECT 'placement' AS source, d.placement_id AS record_id, d.track, d.code, \
         d.due_on, d.legal FROM placement_due d JOIN placements p ON p.id = d.placement_id \
         JOIN candidates c ON c.id = p.candidate_id \
         LEFT JOIN placement_tracks t ON t.placement_id = d.placement_id AND t.track = d.track \
         WHERE COALESCE(t.owner_user_id, c.counsellor_id) = $1 \
         OR ($2 = 1 AND t.owner_user_id IS NULL AND c.counsellor_id IS NULL) \
         UNION ALL SELECT 'document_request' AS source, r.id AS record_id, r.kind AS track, \
         '' AS code, r.due_date AS due_on, CAST(0 AS BIGINT) AS legal \
         FROM candidate_document_requests r JOIN candidates c ON c.id = r.candidate_id \
         WHERE c.user_id = $1 AND r.due_date IS NOT NULL) x \
         ORDER BY x.due_on, x.source, x.record_id, x.track, x.code",
    )
    .bind(user.0)
    .bind(i64::from(unowned))
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let source: String = r.try_get("source")?;
            let record_id: i64 = r.try_get("record_id")?;
            Ok(FeedDate {
                link: if source == "placement" {
                    format!("/placements/{record_id}")
                } else {
                    "/portal".to_owned()
                },
                label: String::new(),
                source,
                record_id,
                track: r.try_get("track")?,
                code: r.try_get("code")?,
                due_on: r.try_get("due_on")?,
                legal: flag(r.try_get("legal")?),
            })
        })
        .collect()
}
