//! A candidate's qualifications (occupation, recognition state) and occupations (worked, wished).

use serde::Serialize;
use sqlx::AnyConnection;

use crate::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Qualification {
    pub id: i64,
    pub title: String,
    pub country: String,
    pub occupation_id: Option<i64>,
    /// `not_needed`, `none`, `in_progress`, `partial`, `recognised`, `refused`.
    pub recognition: String,
}

/// Replaces the candidate's occupations of one kind (`worked` or `wished`).
pub async fn set_candidate_occupations(
    conn: &mut AnyConnection,
    candidate: i64,
    kind: &str,
    occupations: &[i64],
) -> Result<()> {
    sqlx::query("DELETE FROM candidate_occupations WHERE candidate_id = $1 AND kind = $2")
        .bind(candidate)
        .bind(kind)
        .execute(&mut *conn)
        .await?;
    for o in occupations {
        sqlx::query(
            "INSERT INTO candidate_occupations (candidate_id, occupation_id, kind) VALUES ($1, $2, $3) \
             ON CONFLICT (candidate_id, occupation_id, kind) DO NOTHING",
        )
        .bind(candidate)
        .bind(*o)
        .bind(kind)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// (occupation id, kind) of a candidate.
pub async fn candidate_occupations(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT occupation_id, kind FROM candidate_occupations WHERE candidate_id = $1 ORDER BY kind, occupation_id",
    )
    .bind(candidate)
    .fetch_all(conn)
    .await?)
}

pub async fn add_qualification(
    conn: &mut AnyConnection,
    candidate: i64,
    title: &str,
    country: &str,
    occupation_id: Option<i64>,
    recognition: &str,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO candidate_qualifications (candidate_id, title, country, occupation_id, recognition) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(candidate)
    .bind(title)
    .bind(country)
    .bind(occupation_id)
    .bind(recognition)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Deletes one qualification of a candidate.
pub async fn remove_qualification(
    conn: &mut AnyConnection,
    candidate: i64,
    qualification: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM candidate_qualifications WHERE id = $1 AND candidate_id = $2")
        .bind(qualification)
        .bind(candidate)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn qualifications(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<Qualification>> {
    let rows: Vec<(i64, String, String, Option<i64>, String)> = sqlx::query_as(
        "SELECT id, title, country, occupation_id, recognition FROM candidate_qualifications \
         WHERE candidate_id = $1 ORDER BY id",
    )
    .bind(candidate)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, title, country, occupation_id, recognition)| Qualification {
                id,
                title,
                country,
                occupation_id,
                recognition,
            },
        )
        .collect())
}

/// (candidate id, recognition) of every qualification, for the matching index.
pub async fn all_recognitions(conn: &mut AnyConnection) -> Result<Vec<(i64, String)>> {
    Ok(
        sqlx::query_as(
            "SELECT candidate_id, recognition FROM candidate_qualifications ORDER BY id",
        )
        .fetch_all(conn)
        .await?,
    )
}
