//! The rows waiting for the daily digest: not sent by e-mail yet, unread, of a kind the person
//! leaves to the digest (their choice, or the default without one).

use sqlx::AnyConnection;
use standort_domain::UserId;

use super::items::{COLUMNS, NotificationRow, from_row};
use super::preferences::DEFAULT_DELIVERY;
use crate::Result;

/// `n`'s delivery is the digest: chosen, or no choice made.
const IN_DIGEST: &str = "n.mailed_at IS NULL AND n.read_at IS NULL AND COALESCE((SELECT p.delivery \
    FROM notification_preferences p WHERE p.user_id = n.user_id AND p.kind = n.kind), '{default}') \
    = 'digest'";

fn in_digest() -> String {
    IN_DIGEST.replace("{default}", DEFAULT_DELIVERY)
}

/// Up to `limit` people with something for the digest, lowest id above `after` first.
pub async fn digest_recipients(
    conn: &mut AnyConnection,
    after: i64,
    limit: i64,
) -> Result<Vec<UserId>> {
    let rows: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT DISTINCT n.user_id FROM notifications n WHERE n.user_id > $1 AND {} \
         ORDER BY n.user_id LIMIT $2",
        in_digest()
    ))
    .bind(after)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(u,)| UserId(u)).collect())
}

/// The digest rows of the people `first..=last` (one range read for a batch of recipients), by
/// person and id (the order they were raised in).
pub async fn digest_rows(
    conn: &mut AnyConnection,
    first: UserId,
    last: UserId,
) -> Result<Vec<NotificationRow>> {
    let columns: String = COLUMNS
        .split(", ")
        .map(|c| format!("n.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = sqlx::query(&format!(
        "SELECT {columns} FROM notifications n WHERE n.user_id >= $1 AND n.user_id <= $2 AND {} \
         ORDER BY n.user_id, n.id",
        in_digest()
    ))
    .bind(first.0)
    .bind(last.0)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Creates the lease `name` unless it exists, first free at `first_at`: a periodic job that
/// must not run at once on a new installation (the digest waits for its hour).
pub async fn lease_from(conn: &mut AnyConnection, name: &str, first_at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, '', $2) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(first_at)
    .execute(conn)
    .await?;
    Ok(())
}
