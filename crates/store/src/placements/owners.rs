//! Track owners: a member of staff or a counsellor responsible for one track.

use sqlx::AnyConnection;
use standort_domain::UserId;

use crate::Result;

/// Sets (or clears) the owner of one track.
pub async fn set_owner(
    conn: &mut AnyConnection,
    placement: i64,
    track: &str,
    owner: Option<UserId>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO placement_tracks (placement_id, track, owner_user_id) VALUES ($1, $2, $3) \
         ON CONFLICT (placement_id, track) DO UPDATE SET owner_user_id = excluded.owner_user_id",
    )
    .bind(placement)
    .bind(track)
    .bind(owner.map(|u| u.0))
    .execute(conn)
    .await?;
    Ok(())
}

/// (track, owner id, owner name) of a placement's tracks that have an owner.
pub async fn owners(
    conn: &mut AnyConnection,
    placement: i64,
) -> Result<Vec<(String, i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT t.track, u.id, u.display_name FROM placement_tracks t JOIN users u ON u.id = t.owner_user_id \
         WHERE t.placement_id = $1 ORDER BY t.track",
    )
    .bind(placement)
    .fetch_all(conn)
    .await?)
}
