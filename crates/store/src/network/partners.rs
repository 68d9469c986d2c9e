//! Partner agencies' share of the visit log (migration 0032): per partner organisation the
//! scope the agency agreed — clusters, NACE sections, named companies — and the SQL form of
//! [`PartnerScope::covers`] the visit log's queries filter by.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::network::{Cluster, PartnerScope};
use standort_domain::{OrgId, UserId};

use crate::{Arg, Filter, PageRequest, Paged, Result};

/// A partner organisation as the staff's list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerOrg {
    pub org_id: OrgId,
    pub name: String,
    /// Its accounts of the partner-agency role.
    pub users: i64,
    /// Whether a scope was agreed (a stored row, possibly empty).
    pub agreed: bool,
    /// When and by whom the scope was last changed.
    pub updated_at: Option<i64>,
}

/// The scope agreed with a partner organisation, and when it was last changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoredScope {
    #[serde(flatten)]
    pub scope: PartnerScope,
    pub updated_by: Option<UserId>,
    pub updated_at: Option<i64>,
}

fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|v| !v.is_empty())
}

/// The scope agreed with `partner` (empty when none was: nothing is shared). Values the
/// program does not know (a cluster since removed) are left out.
pub async fn partner_scope(conn: &mut AnyConnection, partner: OrgId) -> Result<StoredScope> {
    let row = sqlx::query(
        "SELECT clusters, sections, updated_by, updated_at FROM network_partner_scopes \
         WHERE partner_org_id = $1",
    )
    .bind(partner.0)
    .fetch_optional(&mut *conn)
    .await?;
    let companies: Vec<(i64,)> = sqlx::query_as(
        "SELECT c.org_id FROM network_partner_companies c JOIN organisations o ON o.id = c.org_id \
         WHERE c.partner_org_id = $1 ORDER BY o.name, o.id",
    )
    .bind(partner.0)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = StoredScope {
        scope: PartnerScope {
            companies: companies.into_iter().map(|(id,)| OrgId(id)).collect(),
            ..PartnerScope::default()
        },
        ..StoredScope::default()
    };
    if let Some(r) = row {
        let clusters: String = r.try_get("clusters")?;
        let sections: String = r.try_get("sections")?;
        let by: Option<i64> = r.try_get("updated_by")?;
        out.scope.clusters = split(&clusters).filter_map(Cluster::parse).collect();
        out.scope.sections = split(&sections).filter_map(|s| s.chars().next()).collect();
        out.updated_by = by.map(UserId);
        out.updated_at = Some(r.try_get("updated_at")?);
    }
    Ok(out)
}

/// Replaces the clusters and sections agreed with `partner` (named companies stay).
pub async fn put_partner_scope(
    conn: &mut AnyConnection,
    partner: OrgId,
    clusters: &[Cluster],
    sections: &[char],
    by: UserId,
    now: i64,
) -> Result<()> {
    let clusters: Vec<&str> = clusters.iter().map(|c| c.as_str()).collect();
    let sections: Vec<String> = sections.iter().map(char::to_string).collect();
    sqlx::query(
        "INSERT INTO network_partner_scopes (partner_org_id, clusters, sections, updated_by, \
         updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (partner_org_id) DO UPDATE SET \
         clusters = excluded.clusters, sections = excluded.sections, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(partner.0)
    .bind(clusters.join(","))
    .bind(sections.join(","))
    .bind(by.0)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Names `company` in the scope of `partner`; `false` if it already was.
pub async fn add_partner_company(
    conn: &mut AnyConnection,
    partner: OrgId,
    company: OrgId,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO network_partner_companies (partner_org_id, org_id) VALUES ($1, $2) \
         ON CONFLICT DO NOTHING",
    )
    .bind(partner.0)
    .bind(company.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Takes `company` out of the named companies of `partner`; `false` if it was not named.
pub async fn remove_partner_company(
    conn: &mut AnyConnection,
    partner: OrgId,
    company: OrgId,
) -> Result<bool> {
    let done = sqlx::query(
        "DELETE FROM network_partner_companies WHERE partner_org_id = $1 AND org_id = $2",
    )
    .bind(partner.0)
    .bind(company.0)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The partner organisations: those with partner-agency accounts or an agreed scope, by name.
pub async fn partner_organisations(conn: &mut AnyConnection) -> Result<Vec<PartnerOrg>> {
    let rows = sqlx::query(
        "SELECT o.id, o.name, \
           (SELECT COUNT(*) FROM users u WHERE u.org_id = o.id AND u.role = 'partner_agency') \
             AS users, \
           s.updated_at \
         FROM organisations o LEFT JOIN network_partner_scopes s ON s.partner_org_id = o.id \
         WHERE s.partner_org_id IS NOT NULL \
            OR o.id IN (SELECT org_id FROM users WHERE role = 'partner_agency') \
         ORDER BY o.name, o.id",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let updated_at: Option<i64> = r.try_get("updated_at")?;
            Ok(PartnerOrg {
                org_id: OrgId(r.try_get("id")?),
                name: r.try_get("name")?,
                users: r.try_get("users")?,
                agreed: updated_at.is_some(),
                updated_at,
            })
        })
        .collect()
}

/// Adds the condition "the company in `org` (a table alias of `organisations`) lies in
/// `scope`" — [`PartnerScope::covers`] in SQL: one of the clusters, or a sector in one of the
/// sections' divisions, or a named company. An empty scope matches nothing.
pub(crate) fn and_in_scope(filter: &mut Filter, scope: &PartnerScope, org: &str) {
    if scope.is_empty() {
        filter.fixed("1 = 0");
        return;
    }
    let divisions = scope.divisions();
    let mut args = Vec::new();
    for c in &scope.clusters {
        args.push(Arg::Text(format!("%,{},%", crate::escape_like(c.as_str()))));
    }
    for d in &divisions {
        args.push(Arg::Text((*d).to_owned()));
    }
    for c in &scope.companies {
        args.push(Arg::Int(Some(c.0)));
    }
    let (nc, nd) = (scope.clusters.len(), divisions.len());
    filter.and_many(args, |p| {
        let mut parts: Vec<String> = p[..nc]
            .iter()
            .map(|p| format!("(',' || {org}.clusters || ',') LIKE {p} ESCAPE '\\'"))
            .collect();
        if nd > 0 {
            parts.push(format!(
                "SUBSTR({org}.sector, 1, 2) IN ({})",
                p[nc..nc + nd].join(", ")
            ));
        }
        if nc + nd < p.len() {
            parts.push(format!("{org}.id IN ({})", p[nc + nd..].join(", ")));
        }
        format!("({})", parts.join(" OR "))
    });
}

/// The organisations in `scope` (id, name; by name) whose name holds every word of `text`: the
/// companies a partner may choose when logging an approach.
pub async fn companies_in_scope(
    conn: &mut AnyConnection,
    scope: &PartnerScope,
    text: Option<&str>,
    page: PageRequest,
) -> Result<Paged<(OrgId, String)>> {
    let mut filter = Filter::default();
    and_in_scope(&mut filter, scope, "o");
    filter.words(text, &["o.name"]);
    let (from_where, args) = filter.from("organisations o");
    crate::fetch_paged(
        conn,
        &from_where,
        "o.id, o.name",
        "o.name, o.id",
        &args,
        page,
        |r| Ok((OrgId(r.try_get("id")?), r.try_get("name")?)),
    )
    .await
}

/// Whether `org` lies in `scope`, by the SQL rule (the store's tests compare it with
/// [`PartnerScope::covers`]).
pub async fn in_scope(conn: &mut AnyConnection, scope: &PartnerScope, org: OrgId) -> Result<bool> {
    let mut filter = Filter::default();
    filter.and(Arg::Int(Some(org.0)), |n| format!("o.id = ${n}"));
    and_in_scope(&mut filter, scope, "o");
    let (from_where, args) = filter.from("organisations o");
    Ok(crate::count_where(conn, &from_where, &args).await? > 0)
}
