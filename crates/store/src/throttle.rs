//! Counters for login throttling, in the database so that every app instance sees the same
//! count (an attacker cannot multiply the allowance by spreading requests over instances).

use sqlx::AnyConnection;

use crate::Result;

pub async fn record(conn: &mut AnyConnection, key: &str, now: i64) -> Result<()> {
    sqlx::query("INSERT INTO login_attempts (throttle_key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count_since(conn: &mut AnyConnection, key: &str, since: i64) -> Result<i64> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM login_attempts WHERE throttle_key = $1 AND at >= $2")
            .bind(key)
            .bind(since)
            .fetch_one(conn)
            .await?;
    Ok(n)
}

/// Forgets the failures of a key (after a successful login).
pub async fn clear(conn: &mut AnyConnection, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE throttle_key = $1")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Drops attempts older than the window, so the table stays small.
pub async fn prune(conn: &mut AnyConnection, before: i64) -> Result<u64> {
    let done = sqlx::query("DELETE FROM login_attempts WHERE at < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
