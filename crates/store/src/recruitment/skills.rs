//! ESCO skills held by candidates and required by positions.

use serde::Serialize;
use sqlx::AnyConnection;

use crate::Result;

/// An ESCO skill held, with how it is known: `self_declared`, `observed`, `certified`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldSkill {
    pub skill_id: i64,
    pub evidence: String,
}

/// Replaces the candidate's skills.
pub async fn set_candidate_skills(
    conn: &mut AnyConnection,
    candidate: i64,
    skills: &[HeldSkill],
) -> Result<()> {
    sqlx::query("DELETE FROM candidate_skills WHERE candidate_id = $1")
        .bind(candidate)
        .execute(&mut *conn)
        .await?;
    for s in skills {
        sqlx::query(
            "INSERT INTO candidate_skills (candidate_id, skill_id, evidence) VALUES ($1, $2, $3) \
             ON CONFLICT (candidate_id, skill_id) DO UPDATE SET evidence = excluded.evidence",
        )
        .bind(candidate)
        .bind(s.skill_id)
        .bind(&s.evidence)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn candidate_skills(conn: &mut AnyConnection, candidate: i64) -> Result<Vec<HeldSkill>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT skill_id, evidence FROM candidate_skills WHERE candidate_id = $1 ORDER BY skill_id",
    )
    .bind(candidate)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(skill_id, evidence)| HeldSkill { skill_id, evidence })
        .collect())
}

/// All (candidate, skill) pairs, for the matching index.
pub async fn all_candidate_skills(conn: &mut AnyConnection) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT candidate_id, skill_id FROM candidate_skills ORDER BY candidate_id, skill_id",
    )
    .fetch_all(conn)
    .await?)
}

/// A skill a position asks for: `essential` or `optional`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequiredSkill {
    pub skill_id: i64,
    pub relation: String,
}

pub async fn set_position_skills(
    conn: &mut AnyConnection,
    position: i64,
    skills: &[RequiredSkill],
) -> Result<()> {
    sqlx::query("DELETE FROM position_skills WHERE position_id = $1")
        .bind(position)
        .execute(&mut *conn)
        .await?;
    for s in skills {
        sqlx::query(
            "INSERT INTO position_skills (position_id, skill_id, relation) VALUES ($1, $2, $3) \
             ON CONFLICT (position_id, skill_id) DO UPDATE SET relation = excluded.relation",
        )
        .bind(position)
        .bind(s.skill_id)
        .bind(&s.relation)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn position_skills(
    conn: &mut AnyConnection,
    position: i64,
) -> Result<Vec<RequiredSkill>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT skill_id, relation FROM position_skills WHERE position_id = $1 ORDER BY relation, skill_id",
    )
    .bind(position)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(skill_id, relation)| RequiredSkill { skill_id, relation })
        .collect())
}

/// (position id, skill id, relation) of every position skill.
pub async fn all_position_skills(conn: &mut AnyConnection) -> Result<Vec<(i64, i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT position_id, skill_id, relation FROM position_skills ORDER BY position_id, skill_id",
    )
    .fetch_all(conn)
    .await?)
}
