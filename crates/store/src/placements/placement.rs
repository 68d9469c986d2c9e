//! Placements (candidate × position) with what permission checks and lists need from their
//! candidate and position, and the filters of the lists.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::{OrgId, UserId};

use crate::list::{Order, SortColumn, SortKey, SqlOrder};
use crate::{
    Arg, Filter, PageRequest, Paged, Result, StoreError, bind_args, count_where, fetch_page, flag,
};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementData {
    pub candidate_id: i64,
    pub position_id: i64,
    pub programme_id: Option<i64>,
    /// Copied from the position when the placement is created.
    pub recognition_required: bool,
    pub partnership_accepted: bool,
    pub apprenticeship: bool,
}

/// A placement with what permission checks and lists need from its candidate and position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacementSummary {
    pub id: i64,
    #[serde(flatten)]
    pub data: PlacementData,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub family_name: String,
    pub given_names: String,
    /// The candidate's own login.
    pub candidate_user: Option<UserId>,
    /// The counsellor whose caseload the candidate is in.
    pub counsellor: Option<UserId>,
    /// The candidate consented to be shown to employers.
    pub shared: bool,
    pub position_title: String,
    pub position_org: OrgId,
    pub programme_name: Option<String>,
}

/// Filters for listing placements; every field optional.
#[derive(Debug, Clone, Default)]
pub struct PlacementFilter {
    pub programme: Option<i64>,
    /// Words of the programme's name (the list's programme filter; letter case ignored for
    /// ASCII).
    pub programme_named: Option<String>,
    pub candidate: Option<i64>,
    /// Only the placements for this position (the position's page lists them).
    pub position: Option<i64>,
    /// Only the placements of the candidate linked to this login.
    pub candidate_user: Option<UserId>,
    /// Only placements for positions of this organisation …
    pub position_org: Option<OrgId>,
    /// … and only of candidates who consented to be shown to the position's employer (to all
    /// employers, or to that organisation by name).
    pub shared_only: bool,
    pub counsellor: Option<UserId>,
    /// Only placements with an open item (derived due item or open checklist item) due before
    /// this day (Unix seconds at 00:00 UTC): the overdue ones.
    pub overdue_before: Option<i64>,
    /// Folded search text (see `standort_esco::fold_for_search`): every word must occur in the
    /// candidate's name.
    pub search: Option<String>,
    /// The list's order (a whitelisted column and a direction).
    pub order: Order<PlacementSort>,
}

/// The columns the placements list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementSort {
    /// The candidate's family name, then given names (walks the candidates' name index).
    Candidate,
    Position,
    Programme,
    Created,
}

impl SortKey for PlacementSort {
    const ALL: &'static [PlacementSort] = &[
        PlacementSort::Candidate,
        PlacementSort::Position,
        PlacementSort::Programme,
        PlacementSort::Created,
    ];
    fn name(self) -> &'static str {
        match self {
            PlacementSort::Candidate => "candidate",
            PlacementSort::Position => "position",
            PlacementSort::Programme => "programme",
            PlacementSort::Created => "created",
        }
    }
    fn default_desc(self) -> bool {
        self == PlacementSort::Created
    }
}

impl SqlOrder for PlacementSort {
    fn columns(self) -> &'static [SortColumn] {
        match self {
            PlacementSort::Candidate => &[
                SortColumn {
                    sql: "c.family_name",
                    nullable: false,
                },
                SortColumn {
                    sql: "c.given_names",
                    nullable: false,
                },
            ],
            PlacementSort::Position => &[SortColumn {
                sql: "s.title",
                nullable: false,
            }],
            PlacementSort::Programme => &[SortColumn {
                sql: "g.name",
                nullable: true,
            }],
            PlacementSort::Created => &[SortColumn {
                sql: "p.created_at",
                nullable: false,
            }],
        }
    }
    fn tie_break() -> &'static str {
        "p.id"
    }
}

/// The columns of a [`PlacementSummary`] over `placements p`, `candidates c`, `positions s`
/// and `programmes g`.
const SUMMARY_COLUMNS: &str = "p.id, p.candidate_id, p.position_id, p.programme_id, \
    p.recognition_required, p.partnership_accepted, p.apprenticeship, p.created_by, p.created_at, \
    c.family_name, c.given_names, c.user_id AS candidate_user, c.counsellor_id, \
    CAST(CASE WHEN c.consent_share_employers = 1 OR c.id IN (SELECT e.candidate_id FROM candidate_employer_consents e \
    WHERE e.org_id = s.org_id) THEN 1 ELSE 0 END AS BIGINT) AS shared_with_employer, \
    s.title AS position_title, s.org_id AS position_org, \
    g.name AS programme_name";

const SUMMARY_SELECT: &str = "SELECT p.id, p.candidate_id, p.position_id, p.programme_id, \
    p.recognition_required, p.partnership_accepted, p.apprenticeship, p.created_by, p.created_at, \
    c.family_name, c.given_names, c.user_id AS candidate_user, c.counsellor_id, \
    CAST(CASE WHEN c.consent_share_employers = 1 OR c.id IN (SELECT e.candidate_id FROM candidate_employer_consents e \
    WHERE e.org_id = s.org_id) THEN 1 ELSE 0 END AS BIGINT) AS shared_with_employer, \
    s.title AS position_title, s.org_id AS position_org, \
    g.name AS programme_name \
    FROM placements p JOIN candidates c ON c.id = p.candidate_id \
    JOIN positions s ON s.id = p.position_id LEFT JOIN programmes g ON g.id = p.programme_id";

/// The boards' order: by candidate name.
const BY_NAME: &str = "c.family_name, c.given_names, p.id";

impl PlacementFilter {
    /// Whether the filter narrows by position or programme: then few placements qualify and
    /// they are found from that side; otherwise the list walks the index of its sort column.
    fn narrows_placements(&self) -> bool {
        self.programme.is_some()
            || self.programme_named.is_some()
            || self.position_org.is_some()
            || self.candidate.is_some()
            || self.position.is_some()
            || self.overdue_before.is_some()
    }

    /// The list's `FROM … WHERE …`, the count's, and their parameters, with only the
    /// conditions that filter (see [`crate::Filter`]).
    ///
    /// The list's join order is chosen here, because SQLite's planner would otherwise start from
    /// the placements and sort all of them by name for every page (1.7 ms per page at 5,000
    /// placements; 0.1 ms along the name index). `CROSS JOIN` fixes SQLite's loop order (the
    /// candidates' name index outermost, so the rows come sorted); PostgreSQL treats it as the
    /// inner join it is and plans freely. A filter by position or programme starts from that
    /// side instead, where the planner may choose. The count joins only the tables its
    /// conditions name: every placement has its candidate and position (foreign keys), so
    /// counting the placements alone gives the same number without walking the candidates.
    fn sql(&self) -> (String, String, Vec<Arg>) {
        let mut f = Filter::default();
        if let Some(programme) = self.programme {
            f.and(Arg::Int(Some(programme)), |n| {
                format!("p.programme_id = ${n}")
            });
        }
        f.and_within(
            |g| g.words(self.programme_named.as_deref(), &["name"]),
            |c| format!("p.programme_id IN (SELECT id FROM programmes WHERE {c})"),
        );
        if let Some(candidate) = self.candidate {
            f.and(Arg::Int(Some(candidate)), |n| {
                format!("p.candidate_id = ${n}")
            });
        }
        if let Some(position) = self.position {
            f.and(Arg::Int(Some(position)), |n| {
                format!("p.position_id = ${n}")
            });
        }
        if let Some(user) = self.candidate_user {
            f.and(Arg::Int(Some(user.0)), |n| format!("c.user_id = ${n}"));
        }
        if let Some(org) = self.position_org {
            f.and(Arg::Int(Some(org.0)), |n| format!("s.org_id = ${n}"));
        }
        if self.shared_only {
            f.fixed(
                "(c.consent_share_employers = 1 OR c.id IN (SELECT e.candidate_id \
                 FROM candidate_employer_consents e WHERE e.org_id = s.org_id))",
            );
        }
        if let Some(counsellor) = self.counsellor {
            f.and(Arg::Int(Some(counsellor.0)), |n| {
                format!("c.counsellor_id = ${n}")
            });
        }
        if let Some(before) = self.overdue_before {
            f.and(Arg::Int(Some(before)), |n| {
                format!(
                    "p.id IN (SELECT d.placement_id FROM placement_due d WHERE d.due_on < ${n} \
                     UNION SELECT k.placement_id FROM placement_checklist k \
                     WHERE k.due_on < ${n} AND k.done_on IS NULL)"
                )
            });
        }
        let words: Vec<&str> = self
            .search
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        for w in &words {
            let pattern = format!("%{}%", crate::escape_like(w));
            f.and(Arg::Text(pattern), |n| {
                format!("c.name_folded LIKE ${n} ESCAPE '\\'")
            });
        }
        let mut counted = String::from("placements p");
        if self.candidate_user.is_some()
            || self.shared_only
            || self.counsellor.is_some()
            || !words.is_empty()
        {
            counted.push_str(" JOIN candidates c ON c.id = p.candidate_id");
        }
        if self.position_org.is_some() || self.shared_only {
            counted.push_str(" JOIN positions s ON s.id = p.position_id");
        }
        let (count, _) = f.clone().from(&counted);
        // Without a narrowing filter the rows come along the sort column's index: the
        // candidates' names (`candidates_display`) or the positions' titles (`positions_title`),
        // the other tables looked up per row; by creation the planner walks
        // `placements_created` by itself.
        let walk = match self.order.key {
            _ if self.narrows_placements() => None,
            PlacementSort::Candidate => {
                Some("candidates c CROSS JOIN placements p CROSS JOIN positions s")
            }
            PlacementSort::Position => {
                Some("positions s CROSS JOIN placements p CROSS JOIN candidates c")
            }
            PlacementSort::Programme | PlacementSort::Created => None,
        };
        let (list, args) = match walk {
            None => f.from(
                "placements p JOIN candidates c ON c.id = p.candidate_id \
                 JOIN positions s ON s.id = p.position_id \
                 LEFT JOIN programmes g ON g.id = p.programme_id",
            ),
            Some(tables) => {
                f.fixed("p.candidate_id = c.id");
                f.fixed("s.id = p.position_id");
                f.from(&format!(
                    "{tables} LEFT JOIN programmes g ON g.id = p.programme_id"
                ))
            }
        };
        (list, count, args)
    }
}

fn summary_from_row(r: &sqlx::any::AnyRow) -> Result<PlacementSummary> {
    Ok(PlacementSummary {
        id: r.try_get("id")?,
        data: PlacementData {
            candidate_id: r.try_get("candidate_id")?,
            position_id: r.try_get("position_id")?,
            programme_id: r.try_get("programme_id")?,
            recognition_required: flag(r.try_get("recognition_required")?),
            partnership_accepted: flag(r.try_get("partnership_accepted")?),
            apprenticeship: flag(r.try_get("apprenticeship")?),
        },
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        family_name: r.try_get("family_name")?,
        given_names: r.try_get("given_names")?,
        candidate_user: r.try_get::<Option<i64>, _>("candidate_user")?.map(UserId),
        counsellor: r.try_get::<Option<i64>, _>("counsellor_id")?.map(UserId),
        shared: flag(r.try_get("shared_with_employer")?),
        position_title: r.try_get("position_title")?,
        position_org: OrgId(r.try_get("position_org")?),
        programme_name: r.try_get("programme_name")?,
    })
}

pub async fn insert_placement(
    conn: &mut AnyConnection,
    d: &PlacementData,
    created_by: Option<UserId>,
    now: i64,
) -> Result<i64> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO placements (candidate_id, position_id, programme_id, recognition_required, \
         partnership_accepted, apprenticeship, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(d.candidate_id)
    .bind(d.position_id)
    .bind(d.programme_id)
    .bind(i64::from(d.recognition_required))
    .bind(i64::from(d.partnership_accepted))
    .bind(i64::from(d.apprenticeship))
    .bind(created_by.map(|u| u.0))
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

pub async fn get_placement(conn: &mut AnyConnection, id: i64) -> Result<PlacementSummary> {
    let row = sqlx::query(&format!("{SUMMARY_SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    summary_from_row(&row)
}

/// Placements by candidate name; one page.
pub async fn list_placements(
    conn: &mut AnyConnection,
    filter: &PlacementFilter,
    page: PageRequest,
) -> Result<Paged<PlacementSummary>> {
    let (from_where, count_from_where, args) = filter.sql();
    let total = count_where(conn, &count_from_where, &args).await?;
    fetch_page(
        conn,
        total,
        &from_where,
        SUMMARY_COLUMNS,
        &filter.order.sql(),
        &args,
        page,
        summary_from_row,
    )
    .await
}

/// Every placement matching the filter (programme boards, the overdue card).
pub async fn all_placements(
    conn: &mut AnyConnection,
    filter: &PlacementFilter,
) -> Result<Vec<PlacementSummary>> {
    let (from_where, _, args) = filter.sql();
    let sql = format!("SELECT {SUMMARY_COLUMNS} {from_where} ORDER BY {BY_NAME}");
    bind_args(sqlx::query(&sql), &args)
        .fetch_all(conn)
        .await?
        .iter()
        .map(summary_from_row)
        .collect()
}
