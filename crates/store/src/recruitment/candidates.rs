//! Candidate profiles: the row, insert / update / read, the lists (filters, sharing with
//! employers) and counts.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::list::{Order, SortColumn, SortKey, SqlOrder};
use crate::{Arg, Filter, PageRequest, Paged, Result, StoreError, fetch_paged, flag};

use super::{json_list, list_json};

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
    /// Only candidates from this country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Only candidates whose German level is one of these (the app passes "at least B1" as
    /// `B1, B2, C1, C2`); empty: any level or none.
    pub german_levels: Vec<String>,
    /// The list's order (a whitelisted column and a direction).
    pub order: Order<CandidateSort>,
}

/// The columns the candidates list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateSort {
    /// Family name, then given names (the `candidates_display` index).
    Name,
    Country,
    German,
    Available,
    Created,
}

impl SortKey for CandidateSort {
    const ALL: &'static [CandidateSort] = &[
        CandidateSort::Name,
        CandidateSort::Country,
        CandidateSort::German,
        CandidateSort::Available,
        CandidateSort::Created,
    ];
    fn name(self) -> &'static str {
        match self {
            CandidateSort::Name => "name",
            CandidateSort::Country => "country",
            CandidateSort::German => "german",
            CandidateSort::Available => "available",
            CandidateSort::Created => "created",
        }
    }
    fn default_desc(self) -> bool {
        self == CandidateSort::Created
    }
}

impl SqlOrder for CandidateSort {
    fn columns(self) -> &'static [SortColumn] {
        const NAME: [SortColumn; 2] = [
            SortColumn {
                sql: "family_name",
                nullable: false,
            },
            SortColumn {
                sql: "given_names",
                nullable: false,
            },
        ];
        match self {
            CandidateSort::Name => &NAME,
            CandidateSort::Country => &[
                SortColumn {
                    sql: "country",
                    nullable: false,
                },
                SortColumn {
                    sql: "province",
                    nullable: false,
                },
            ],
            CandidateSort::German => &[SortColumn {
                sql: "german_level",
                nullable: true,
            }],
            CandidateSort::Available => &[SortColumn {
                sql: "available_from",
                nullable: true,
            }],
            CandidateSort::Created => &[SortColumn {
                sql: "created_at",
                nullable: false,
            }],
        }
    }
    fn tie_break() -> &'static str {
        "id"
    }
}

const CANDIDATE_COLUMNS: &str = "id, org_id, user_id, counsellor_id, family_name, given_names, country, province, \
    email, phone, german_level, german_certificate, german_exam_date, german_next_expected, licences, \
    wished_regions, available_from, consent_share_employers, consent_talent_pool, created_at, updated_at, process_ended_at";

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
    shared_with_sql_on("", n)
}

/// [`shared_with_sql`] for a query that names the candidates table by an alias (`"c."`).
pub fn shared_with_sql_on(alias: &str, n: usize) -> String {
    format!(
        "({alias}consent_share_employers = 1 OR {alias}id IN (SELECT candidate_id FROM candidate_employer_consents WHERE org_id = ${n}))"
    )
}

/// The `FROM … WHERE …` of the candidates a filter selects, and its parameters ([`Filter`]).
fn filtered(filter: &CandidateFilter) -> (String, Vec<Arg>) {
    let mut f = Filter::default();
    if let Some(u) = filter.counsellor {
        f.and(Arg::Int(Some(u.0)), |n| format!("counsellor_id = ${n}"));
    }
    if let Some(o) = filter.shared_with {
        f.and(Arg::Int(Some(o.0)), shared_with_sql);
    }
    if let Some(c) = &filter.country {
        f.and(Arg::Text(c.clone()), |n| format!("country = ${n}"));
    }
    if !filter.german_levels.is_empty() {
        let args = filter
            .german_levels
            .iter()
            .map(|l| Arg::Text(l.clone()))
            .collect();
        f.and_many(args, |params| {
            format!("german_level IN ({})", params.join(", "))
        });
    }
    for w in filter.name.as_deref().unwrap_or("").split_whitespace() {
        let pattern = format!("%{}%", crate::escape_like(w));
        f.and(Arg::Text(pattern), |n| {
            format!("name_folded LIKE ${n} ESCAPE '\\'")
        });
    }
    f.from("candidates")
}

pub async fn list_candidates(
    conn: &mut AnyConnection,
    filter: &CandidateFilter,
    page: PageRequest,
) -> Result<Paged<CandidateRecord>> {
    let (sql, args) = filtered(filter);
    fetch_paged(
        conn,
        &sql,
        CANDIDATE_COLUMNS,
        &filter.order.sql(),
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

/// How many candidates the filter selects, without reading a page (a page of one still sorts
/// every selected candidate by name when the filter cannot use the name index).
pub async fn count_candidates(conn: &mut AnyConnection, filter: &CandidateFilter) -> Result<i64> {
    let (sql, args) = filtered(filter);
    crate::count_where(conn, &sql, &args).await
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
