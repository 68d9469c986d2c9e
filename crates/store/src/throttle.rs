//! Counters for login throttling, in the database so that every app instance sees the same
//! count (an attacker cannot multiply the allowance by spreading requests over instances).
//!
//! An attempt is one row per key. The caller records it (and commits) before it counts, so
//! that concurrent attempts see each other; see `App::login` for why that makes the limit hold.

use sqlx::AnyConnection;

use crate::Result;

/// Records one attempt under `key` and returns its row id (to [`forget`] it later).
pub async fn record(conn: &mut AnyConnection, key: &str, now: i64) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO login_attempts (throttle_key, at) VALUES ($1, $2) RETURNING id",
    )
    .bind(key)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
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

/// Takes back one recorded attempt (one that was refused unchecked, or that succeeded).
pub async fn forget(conn: &mut AnyConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM login_attempts WHERE id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
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
