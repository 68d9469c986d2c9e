//! A candidate's languages other than German (German stays on `candidates`, read by matching).

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::{Result, StoreError};

/// A language other than German that a candidate speaks (German lives on the candidate row:
/// [`CandidateData::german_level`] and the fields after it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpokenLanguage {
    /// ISO 639-1 code, lower case; never `de`.
    pub language: String,
    /// `A1` … `C2` or `native`.
    pub level: String,
    /// Goethe, telc, ÖSD, TestDaF, IELTS, JLPT … (free text).
    pub certificate: Option<String>,
    pub exam_date: Option<i64>,
    /// Expected date of reaching the next level.
    pub next_expected: Option<i64>,
}

/// A stored [`SpokenLanguage`] with its row id and place in the candidate's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LanguageRecord {
    pub id: i64,
    #[serde(flatten)]
    pub data: SpokenLanguage,
    pub position: i64,
}

/// A candidate's languages in list order.
pub async fn candidate_languages(
    conn: &mut AnyConnection,
    candidate: i64,
) -> Result<Vec<LanguageRecord>> {
    let rows = sqlx::query(
        "SELECT id, language, level, certificate, exam_date, next_expected, position \
         FROM candidate_languages WHERE candidate_id = $1 ORDER BY position, id",
    )
    .bind(candidate)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(LanguageRecord {
                id: r.try_get("id")?,
                data: SpokenLanguage {
                    language: r.try_get("language")?,
                    level: r.try_get("level")?,
                    certificate: r.try_get("certificate")?,
                    exam_date: r.try_get("exam_date")?,
                    next_expected: r.try_get("next_expected")?,
                },
                position: r.try_get("position")?,
            })
        })
        .collect()
}

/// Adds one language at `position`; the database refuses a second row for the same language
/// and any row for `de`.
pub async fn insert_candidate_language(
    conn: &mut AnyConnection,
    candidate: i64,
    l: &SpokenLanguage,
    position: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO candidate_languages (candidate_id, language, level, certificate, exam_date, \
         next_expected, position) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(candidate)
    .bind(&l.language)
    .bind(&l.level)
    .bind(l.certificate.as_deref())
    .bind(l.exam_date)
    .bind(l.next_expected)
    .bind(position)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Changes one language row of a candidate in place (its id stays); `NotFound` if the row is
/// not the candidate's.
pub async fn update_candidate_language(
    conn: &mut AnyConnection,
    candidate: i64,
    id: i64,
    l: &SpokenLanguage,
    position: i64,
) -> Result<()> {
    let n = sqlx::query(
        "UPDATE candidate_languages SET language = $1, level = $2, certificate = $3, exam_date = $4, \
         next_expected = $5, position = $6 WHERE id = $7 AND candidate_id = $8",
    )
    .bind(&l.language)
    .bind(&l.level)
    .bind(l.certificate.as_deref())
    .bind(l.exam_date)
    .bind(l.next_expected)
    .bind(position)
    .bind(id)
    .bind(candidate)
    .execute(conn)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Deletes one language row of a candidate; `NotFound` if the row is not the candidate's.
pub async fn delete_candidate_language(
    conn: &mut AnyConnection,
    candidate: i64,
    id: i64,
) -> Result<()> {
    let n = sqlx::query("DELETE FROM candidate_languages WHERE id = $1 AND candidate_id = $2")
        .bind(id)
        .bind(candidate)
        .execute(conn)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
