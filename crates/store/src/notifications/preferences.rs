//! Each person's choice of delivery per kind of notification. Without a row the kind goes into
//! the daily digest (`DEFAULT_DELIVERY`).

use sqlx::AnyConnection;
use standort_domain::UserId;

use crate::Result;

/// The delivery of a kind a person has not chosen for.
pub const DEFAULT_DELIVERY: &str = "digest";

/// A person's choices: (kind, delivery), only the kinds they chose for.
pub async fn preferences(conn: &mut AnyConnection, user: UserId) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT kind, delivery FROM notification_preferences WHERE user_id = $1 ORDER BY kind",
    )
    .bind(user.0)
    .fetch_all(conn)
    .await?)
}

/// Sets a person's delivery of a kind; the previous choice (`None`: the default).
pub async fn set_preference(
    conn: &mut AnyConnection,
    user: UserId,
    kind: &str,
    delivery: &str,
) -> Result<Option<String>> {
    let before: Option<(String,)> = sqlx::query_as(
        "SELECT delivery FROM notification_preferences WHERE user_id = $1 AND kind = $2",
    )
    .bind(user.0)
    .bind(kind)
    .fetch_optional(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO notification_preferences (user_id, kind, delivery) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery",
    )
    .bind(user.0)
    .bind(kind)
    .bind(delivery)
    .execute(conn)
    .await?;
    Ok(before.map(|(d,)| d))
}

/// Everyone who chose `delivery` for some kind: (user, kind). Small (people who chose), read
/// once per raising run instead of once per notification.
pub async fn chosen(conn: &mut AnyConnection, delivery: &str) -> Result<Vec<(UserId, String)>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT user_id, kind FROM notification_preferences WHERE delivery = $1")
            .bind(delivery)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(u, k)| (UserId(u), k)).collect())
}
