//! Candidates and employers' positions (the skilled-workers module).
//!
//! Dates are Unix seconds at 00:00 UTC; licence classes and wished regions are JSON arrays of
//! text. Every write should be followed by [`bump_revision_for`] (or [`bump_revision`]) in the
//! same transaction, so app instances notice that their in-memory matching data is stale and
//! which records to re-read.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::{Arg, OrgScopedList, PageRequest, Paged, Result, StoreError, fetch_paged, flag};

/// The editable fields of a candidate profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateData {
    /// The organisation the record belongs to (the agency, or a partner abroad).
    pub org_id: OrgId,
    /// The candidate's own login, if they have one.
    pub user_id: Option<UserId>,
    /// The job counsellor whose caseload this is.
    pub counsellor_id: Option<UserId>,
    /// Names exactly as written (diacritics kept).
    pub family_name: String,
    pub given_names: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub province: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// CEFR level of German held (`A1` … `C2`).
    pub german_level: Option<String>,
    /// Goethe, telc, ÖSD, …
    pub german_certificate: Option<String>,
    pub german_exam_date: Option<i64>,
    /// Expected date of reaching the next level.
    pub german_next_expected: Option<i64>,
    /// Driving-licence classes (`B`, `D`, …).
    pub licences: Vec<String>,
    /// Wished regions, first choice first.
    pub wished_regions: Vec<String>,
    /// Wished start / available from.
    pub available_from: Option<i64>,
    /// "Show my profile to employers".
    pub consent_share_employers: bool,
    /// "Keep me in the talent pool".
    pub consent_talent_pool: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CandidateRecord {
    pub id: i64,
    #[serde(flatten)]
    pub data: CandidateData,
    pub created_at: i64,
    pub updated_at: i64,
    /// When the recruitment process ended (`None` while it runs); see the retention rule.
    pub process_ended_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Qualification {
    pub id: i64,
    pub title: String,
    pub country: String,
    pub occupation_id: Option<i64>,
    /// `not_needed`, `none`, `in_progress`, `partial`, `recognised`, `refused`.
    pub recognition: String,
}

/// An ESCO skill held, with how it is known: `self_declared`, `observed`, `certified`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldSkill {
    pub skill_id: i64,
    pub evidence: String,
}

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

/// Filters for listing candidates.
#[derive(Debug, Clone, Default)]
pub struct CandidateFilter {
    /// Folded name text (see `standort_esco::fold_for_search`); every word must occur.
    pub name: Option<String>,
    /// Only this counsellor's caseload.
    pub counsellor: Option<UserId>,
    /// Only candidates who consented to be shown to this employer organisation (to all
    /// employers, or to this one by name).
    pub shared_with: Option<OrgId>,
}

const CANDIDATE_COLUMNS: &str = "id, org_id, user_id, counsellor_id, family_name, given_names, country, province, \
    email, phone, german_level, german_certificate, german_exam_date, german_next_expected, licences, \
    wished_regions, available_from, consent_share_employers, consent_talent_pool, created_at, updated_at, process_ended_at";

fn json_list(text: &str) -> Result<Vec<String>> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Archive(format!("invalid list {text:?}: {e}")))
}

fn list_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

fn candidate_from_row(r: &sqlx::any::AnyRow) -> Result<CandidateRecord> {
    let licences: String = r.try_get("licences")?;
    let regions: String = r.try_get("wished_regions")?;
    Ok(CandidateRecord {
        id: r.try_get("id")?,
        data: CandidateData {
            org_id: OrgId(r.try_get("org_id")?),
            user_id: r.try_get::<Option<i64>, _>("user_id")?.map(UserId),
            counsellor_id: r.try_get::<Option<i64>, _>("counsellor_id")?.map(UserId),
            family_name: r.try_get("family_name")?,
            given_names: r.try_get("given_names")?,
            country: r.try_get("country")?,
            province: r.try_get("province")?,
            email: r.try_get("email")?,
            phone: r.try_get("phone")?,
            german_level: r.try_get("german_level")?,
            german_certificate: r.try_get("german_certificate")?,
            german_exam_date: r.try_get("german_exam_date")?,
            german_next_expected: r.try_get("german_next_expected")?,
            licences: json_list(&licences)?,
            wished_regions: json_list(&regions)?,
            available_from: r.try_get("available_from")?,
            consent_share_employers: flag(r.try_get("consent_share_employers")?),
            consent_talent_pool: flag(r.try_get("consent_talent_pool")?),
        },
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        process_ended_at: r.try_get("process_ended_at")?,
    })
}

/// A record whose change the matching caches must pick up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Changed {
    Candidate(i64),
    Position(i64),
}

/// How many revisions of the change log are kept; a cache further behind rebuilds.
pub const KEPT_REVISIONS: i64 = 10_000;

/// Bumps the recruitment revision after a write that may have changed anything (demo loads,
/// bulk changes): every instance rebuilds its matching index. Call in the write's transaction.
pub async fn bump_revision(conn: &mut AnyConnection) -> Result<i64> {
    record_revision(conn, &[("all", 0)]).await
}

/// Bumps the recruitment revision after a write that changed exactly `changed`; instances
/// re-read only these records. Call in the write's transaction. The row lock on
/// `recruitment_state` held until commit orders revisions like the commits.
pub async fn bump_revision_for(conn: &mut AnyConnection, changed: &[Changed]) -> Result<i64> {
    let mut rows: Vec<(&str, i64)> = Vec::with_capacity(changed.len());
    for c in changed {
        let row = match *c {
            Changed::Candidate(id) => ("candidate", id),
            Changed::Position(id) => ("position", id),
        };
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return bump_revision(conn).await;
    }
    record_revision(conn, &rows).await
}

/// Bumps the revision, logs `(kind, entity id)` rows under it and prunes the old log.
async fn record_revision(conn: &mut AnyConnection, rows: &[(&str, i64)]) -> Result<i64> {
    let (r,): (i64,) = sqlx::query_as(
        "UPDATE recruitment_state SET revision = revision + 1 WHERE id = 1 RETURNING revision",
    )
    .fetch_one(&mut *conn)
    .await?;
    for (kind, id) in rows {
        sqlx::query(
            "INSERT INTO recruitment_changes (revision, kind, entity_id) VALUES ($1, $2, $3)",
        )
        .bind(r)
        .bind(*kind)
        .bind(*id)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("DELETE FROM recruitment_changes WHERE revision <= $1")
        .bind(r - KEPT_REVISIONS)
        .execute(&mut *conn)
        .await?;
    Ok(r)
}

/// The records changed by the revisions after `after` up to `upto`, or `None` when a cache at
/// `after` must rebuild instead: the log no longer reaches back that far (pruned, or written
/// before the log existed), or one of the revisions may have changed anything.
pub async fn changes_between(
    conn: &mut AnyConnection,
    after: i64,
    upto: i64,
) -> Result<Option<Vec<Changed>>> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT revision, kind, entity_id FROM recruitment_changes \
         WHERE revision > $1 AND revision <= $2 ORDER BY revision, kind, entity_id",
    )
    .bind(after)
    .bind(upto)
    .fetch_all(conn)
    .await?;
    // Every revision writes at least one row, so a complete log has each of them.
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (revision, kind, id) in rows {
        if seen.last() != Some(&revision) {
            seen.push(revision);
        }
        match kind.as_str() {
            "candidate" => out.push(Changed::Candidate(id)),
            "position" => out.push(Changed::Position(id)),
            _ => return Ok(None),
        }
    }
    if seen.len() as i64 != upto - after {
        return Ok(None);
    }
    out.sort_by_key(|c| match *c {
        Changed::Candidate(id) => (0, id),
        Changed::Position(id) => (1, id),
    });
    out.dedup();
    Ok(Some(out))
}

/// The current recruitment revision (cheap; compared by caches).
pub async fn revision(conn: &mut AnyConnection) -> Result<i64> {
    let (r,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(revision), 0) FROM recruitment_state")
        .fetch_one(conn)
        .await?;
    Ok(r)
}

/// The folded name used for diacritic-insensitive search; the caller folds.
pub async fn insert_candidate(
    conn: &mut AnyConnection,
    d: &CandidateData,
    name_folded: &str,
    now: i64,
) -> Result<CandidateRecord> {
    let row = sqlx::query(&format!(
        "INSERT INTO candidates (org_id, user_id, counsellor_id, family_name, given_names, name_folded, country, province, \
         email, phone, german_level, german_certificate, german_exam_date, german_next_expected, licences, wished_regions, \
         available_from, consent_share_employers, consent_talent_pool, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20) \
         RETURNING {CANDIDATE_COLUMNS}"
    ))
    .bind(d.org_id.0)
    .bind(d.user_id.map(|u| u.0))
    .bind(d.counsellor_id.map(|u| u.0))
    .bind(&d.family_name)
    .bind(&d.given_names)
    .bind(name_folded)
    .bind(&d.country)
    .bind(&d.province)
    .bind(d.email.as_deref())
    .bind(d.phone.as_deref())
    .bind(d.german_level.as_deref())
    .bind(d.german_certificate.as_deref())
    .bind(d.german_exam_date)
    .bind(d.german_next_expected)
    .bind(list_json(&d.licences))
    .bind(list_json(&d.wished_regions))
    .bind(d.available_from)
    .bind(i64::from(d.consent_share_employers))
    .bind(i64::from(d.consent_talent_pool))
    .bind(now)
    .fetch_one(conn)
    .await?;
    candidate_from_row(&row)
}

pub async fn update_candidate(
    conn: &mut AnyConnection,
    id: i64,
    d: &CandidateData,
    name_folded: &str,
    now: i64,
) -> Result<CandidateRecord> {
    let row = sqlx::query(&format!(
        "UPDATE candidates SET org_id = $1, user_id = $2, counsellor_id = $3, family_name = $4, given_names = $5, \
         name_folded = $6, country = $7, province = $8, email = $9, phone = $10, german_level = $11, \
         german_certificate = $12, german_exam_date = $13, german_next_expected = $14, licences = $15, \
         wished_regions = $16, available_from = $17, consent_share_employers = $18, consent_talent_pool = $19, \
         updated_at = $20 WHERE id = $21 RETURNING {CANDIDATE_COLUMNS}"
    ))
    .bind(d.org_id.0)
    .bind(d.user_id.map(|u| u.0))
    .bind(d.counsellor_id.map(|u| u.0))
    .bind(&d.family_name)
    .bind(&d.given_names)
    .bind(name_folded)
    .bind(&d.country)
    .bind(&d.province)
    .bind(d.email.as_deref())
    .bind(d.phone.as_deref())
    .bind(d.german_level.as_deref())
    .bind(d.german_certificate.as_deref())
    .bind(d.german_exam_date)
    .bind(d.german_next_expected)
    .bind(list_json(&d.licences))
    .bind(list_json(&d.wished_regions))
    .bind(d.available_from)
    .bind(i64::from(d.consent_share_employers))
    .bind(i64::from(d.consent_talent_pool))
    .bind(now)
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    candidate_from_row(&row)
}

pub async fn get_candidate(conn: &mut AnyConnection, id: i64) -> Result<CandidateRecord> {
    let row = sqlx::query(&format!(
        "SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    candidate_from_row(&row)
}

/// The candidate record linked to a login.
pub async fn candidate_of_user(
    conn: &mut AnyConnection,
    user: UserId,
) -> Result<Option<CandidateRecord>> {
    let row = sqlx::query(&format!(
        "SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE user_id = $1 ORDER BY id LIMIT 1"
    ))
    .bind(user.0)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(candidate_from_row).transpose()
}

/// The condition "consented to be shown to the employer organisation `$n`": to all employers,
/// or to this organisation by name. One text for lists, single reads and matching.
pub fn shared_with_sql(n: usize) -> String {
    format!(
        "(consent_share_employers = 1 OR id IN (SELECT candidate_id FROM candidate_employer_consents WHERE org_id = ${n}))"
    )
}

pub async fn list_candidates(
    conn: &mut AnyConnection,
    filter: &CandidateFilter,
    page: PageRequest,
) -> Result<Paged<CandidateRecord>> {
    // Only the conditions that filter: without any, the count is a plain COUNT(*) the database
    // answers from the table's size instead of testing 20,000 rows against NULL parameters.
    let mut conditions = Vec::new();
    let mut args = Vec::new();
    if let Some(u) = filter.counsellor {
        args.push(Arg::Int(Some(u.0)));
        conditions.push(format!("counsellor_id = ${}", args.len()));
    }
    if let Some(o) = filter.shared_with {
        args.push(Arg::Int(Some(o.0)));
        conditions.push(shared_with_sql(args.len()));
    }
    for w in filter.name.as_deref().unwrap_or("").split_whitespace() {
        args.push(Arg::Text(format!("%{}%", crate::escape_like(w))));
        conditions.push(format!("name_folded LIKE ${} ESCAPE '\\'", args.len()));
    }
    let sql = if conditions.is_empty() {
        "FROM candidates".to_owned()
    } else {
        format!("FROM candidates WHERE {}", conditions.join(" AND "))
    };
    fetch_paged(
        conn,
        &sql,
        CANDIDATE_COLUMNS,
        "family_name, given_names, id",
        &args,
        page,
        candidate_from_row,
    )
    .await
}

/// Whether the candidate consented to be shown to the employer organisation (read from the
/// database on every call, so a withdrawal takes effect at once).
pub async fn is_shared_with(conn: &mut AnyConnection, candidate: i64, org: OrgId) -> Result<bool> {
    let (n,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM candidates WHERE id = $1 AND {}",
        shared_with_sql(2)
    ))
    .bind(candidate)
    .bind(org.0)
    .fetch_one(conn)
    .await?;
    Ok(n > 0)
}

/// The ids of every candidate who consented to be shown to the employer organisation.
pub async fn shared_with(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(&format!(
        "SELECT id FROM candidates WHERE {} ORDER BY id",
        shared_with_sql(1)
    ))
    .bind(org.0)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

pub async fn count_candidates(conn: &mut AnyConnection, filter: &CandidateFilter) -> Result<i64> {
    Ok(
        list_candidates(conn, filter, PageRequest::new(Some(1), None))
            .await?
            .total,
    )
}

/// Every candidate (for building the matching index).
pub async fn all_candidates(conn: &mut AnyConnection) -> Result<Vec<CandidateRecord>> {
    sqlx::query(&format!(
        "SELECT {CANDIDATE_COLUMNS} FROM candidates ORDER BY id"
    ))
    .fetch_all(conn)
    .await?
    .iter()
    .map(candidate_from_row)
    .collect()
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

// --- positions

/// The editable fields of a position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PositionData {
    pub org_id: OrgId,
    pub title: String,
    /// `skilled_job` or `apprenticeship`.
    pub kind: String,
    pub occupation_id: Option<i64>,
    pub german_level: Option<String>,
    pub recognition_required: bool,
    /// Accepts a recognition partnership (§ 16d AufenthG) instead of prior recognition.
    pub recognition_partnership: bool,
    pub licences: Vec<String>,
    pub place: String,
    pub places: i64,
    pub start_date: i64,
    pub is_open: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PositionRecord {
    pub id: i64,
    #[serde(flatten)]
    pub data: PositionData,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A skill a position asks for: `essential` or `optional`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequiredSkill {
    pub skill_id: i64,
    pub relation: String,
}

const POSITION_COLUMNS: &str = "id, org_id, title, kind, occupation_id, german_level, recognition_required, \
    recognition_partnership, licences, place, places, start_date, is_open, created_at, updated_at";

fn position_from_row(r: &sqlx::any::AnyRow) -> Result<PositionRecord> {
    let licences: String = r.try_get("licences")?;
    Ok(PositionRecord {
        id: r.try_get("id")?,
        data: PositionData {
            org_id: OrgId(r.try_get("org_id")?),
            title: r.try_get("title")?,
            kind: r.try_get("kind")?,
            occupation_id: r.try_get("occupation_id")?,
            german_level: r.try_get("german_level")?,
            recognition_required: flag(r.try_get("recognition_required")?),
            recognition_partnership: flag(r.try_get("recognition_partnership")?),
            licences: json_list(&licences)?,
            place: r.try_get("place")?,
            places: r.try_get("places")?,
            start_date: r.try_get("start_date")?,
            is_open: flag(r.try_get("is_open")?),
        },
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub async fn insert_position(
    conn: &mut AnyConnection,
    d: &PositionData,
    now: i64,
) -> Result<PositionRecord> {
    let row = sqlx::query(&format!(
        "INSERT INTO positions (org_id, title, kind, occupation_id, german_level, recognition_required, \
         recognition_partnership, licences, place, places, start_date, is_open, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING {POSITION_COLUMNS}"
    ))
    .bind(d.org_id.0)
    .bind(&d.title)
    .bind(&d.kind)
    .bind(d.occupation_id)
    .bind(d.german_level.as_deref())
    .bind(i64::from(d.recognition_required))
    .bind(i64::from(d.recognition_partnership))
    .bind(list_json(&d.licences))
    .bind(&d.place)
    .bind(d.places)
    .bind(d.start_date)
    .bind(i64::from(d.is_open))
    .bind(now)
    .fetch_one(conn)
    .await?;
    position_from_row(&row)
}

pub async fn update_position(
    conn: &mut AnyConnection,
    id: i64,
    d: &PositionData,
    now: i64,
) -> Result<PositionRecord> {
    let row = sqlx::query(&format!(
        "UPDATE positions SET org_id = $1, title = $2, kind = $3, occupation_id = $4, german_level = $5, \
         recognition_required = $6, recognition_partnership = $7, licences = $8, place = $9, places = $10, \
         start_date = $11, is_open = $12, updated_at = $13 WHERE id = $14 RETURNING {POSITION_COLUMNS}"
    ))
    .bind(d.org_id.0)
    .bind(&d.title)
    .bind(&d.kind)
    .bind(d.occupation_id)
    .bind(d.german_level.as_deref())
    .bind(i64::from(d.recognition_required))
    .bind(i64::from(d.recognition_partnership))
    .bind(list_json(&d.licences))
    .bind(&d.place)
    .bind(d.places)
    .bind(d.start_date)
    .bind(i64::from(d.is_open))
    .bind(now)
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    position_from_row(&row)
}

pub async fn get_position(conn: &mut AnyConnection, id: i64) -> Result<PositionRecord> {
    let row = sqlx::query(&format!(
        "SELECT {POSITION_COLUMNS} FROM positions WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    position_from_row(&row)
}

const ALL_POSITIONS: OrgScopedList = OrgScopedList {
    table: "positions",
    columns: POSITION_COLUMNS,
    org_column: "org_id",
    condition: "",
    order_by: "start_date, title, id",
};

const OPEN_POSITIONS: OrgScopedList = OrgScopedList {
    condition: "AND is_open = 1",
    ..ALL_POSITIONS
};

/// Positions by start date; `only` restricts to one organisation.
pub async fn list_positions(
    conn: &mut AnyConnection,
    only: Option<OrgId>,
    open_only: bool,
    page: PageRequest,
) -> Result<Paged<PositionRecord>> {
    let list = if open_only {
        &OPEN_POSITIONS
    } else {
        &ALL_POSITIONS
    };
    list.fetch(conn, only, page, position_from_row).await
}

/// Every open position (for the matching index).
pub async fn all_open_positions(conn: &mut AnyConnection) -> Result<Vec<PositionRecord>> {
    sqlx::query(&format!(
        "SELECT {POSITION_COLUMNS} FROM positions WHERE is_open = 1 ORDER BY id"
    ))
    .fetch_all(conn)
    .await?
    .iter()
    .map(position_from_row)
    .collect()
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
