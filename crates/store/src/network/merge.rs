//! Duplicates: the rows the duplicate finder groups by key (`standort_domain::dedup`), and the
//! merge of one organisation or contact into another — every reference to the merged record
//! pointed at the kept one, then the merged record deleted, in the caller's transaction.
//! Rows that would become duplicates of the kept record's own (the same agreement party, the
//! same further name, the same trip participation) are dropped, since they say nothing the
//! kept record does not; a link between the two becomes meaningless and is dropped too.

use std::collections::BTreeMap;

use sqlx::{AnyConnection, Row};
use standort_domain::OrgId;

use crate::{Result, StoreError};

/// The references to an organisation a merge moves to the kept one: the registry's names and
/// links and the network's tables. Together with [`ORG_REFERENCES_ELSEWHERE`] every foreign
/// key to `organisations` (a test compares them with the live schema of both backends).
pub const ORG_REFERENCES_MOVED: &[(&str, &str)] = &[
    ("organisation_names", "org_id"),
    ("organisation_links", "from_org_id"),
    ("organisation_links", "to_org_id"),
    ("organisation_search_keys", "org_id"),
    ("network_affiliations", "org_id"),
    ("network_approaches", "org_id"),
    ("network_approaches", "by_org_id"),
    ("network_trip_items", "org_id"),
    ("network_trip_participants", "org_id"),
    ("network_agreement_parties", "org_id"),
    ("network_leads", "org_id"),
    ("network_projects", "investor_org_id"),
    ("network_partner_companies", "org_id"),
];

/// References of other modules (accounts, recruitment, procurement, the showcase) and a
/// partner agency's own scope: an organisation they name is not merged away — its accounts,
/// clinic stock or public entry belong to it, and moving them is not the network's decision.
/// Merge the other way round (keep that one) instead.
pub const ORG_REFERENCES_ELSEWHERE: &[(&str, &str)] = &[
    ("users", "org_id"),
    ("invitations", "org_id"),
    ("candidates", "org_id"),
    ("positions", "org_id"),
    ("programmes", "org_id"),
    ("candidate_employer_consents", "org_id"),
    ("employer_shortlist", "org_id"),
    ("introduction_requests", "org_id"),
    ("candidate_consent_events", "org_id"),
    ("erasure_requests", "org_id"),
    ("procurement_movements", "org_id"),
    ("procurement_census", "org_id"),
    ("procurement_orders", "supplier_org_id"),
    ("procurement_order_lines", "org_id"),
    ("procurement_allocation_shares", "org_id"),
    ("showcase_producers", "org_id"),
    ("network_partner_scopes", "partner_org_id"),
    ("network_partner_companies", "partner_org_id"),
];

/// An organisation as the duplicate finder compares it.
#[derive(Debug, Clone)]
pub struct OrgKeyRow {
    pub id: OrgId,
    pub name: String,
    pub website: Option<String>,
}

/// Every organisation's name and website, and every further name (org, name): the finder's
/// input, two queries whatever the registry's size.
pub async fn org_key_rows(
    conn: &mut AnyConnection,
) -> Result<(Vec<OrgKeyRow>, Vec<(OrgId, String)>)> {
    let rows = sqlx::query("SELECT id, name, website FROM organisations ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    let orgs = rows
        .iter()
        .map(|r| {
            Ok(OrgKeyRow {
                id: OrgId(r.try_get("id")?),
                name: r.try_get("name")?,
                website: r.try_get("website")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let rows = sqlx::query("SELECT org_id, name FROM organisation_names ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    let names = rows
        .iter()
        .map(|r| Ok((OrgId(r.try_get("org_id")?), r.try_get("name")?)))
        .collect::<Result<Vec<_>>>()?;
    Ok((orgs, names))
}

/// A contact as the duplicate finder compares it (personal data: read for the comparison,
/// never shown beyond the pair's names to staff who may read contacts).
#[derive(Debug, Clone)]
pub struct ContactKeyRow {
    pub id: i64,
    pub family_name: String,
    pub given_names: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Every contact's names, e-mail and phone, and every affiliation (contact, organisation).
pub async fn contact_key_rows(
    conn: &mut AnyConnection,
) -> Result<(Vec<ContactKeyRow>, Vec<(i64, OrgId)>)> {
    let rows = sqlx::query(
        "SELECT id, family_name, given_names, email, phone FROM network_contacts ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let contacts = rows
        .iter()
        .map(|r| {
            Ok(ContactKeyRow {
                id: r.try_get("id")?,
                family_name: r.try_get("family_name")?,
                given_names: r.try_get("given_names")?,
                email: r.try_get("email")?,
                phone: r.try_get("phone")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let rows = sqlx::query("SELECT DISTINCT contact_id, org_id FROM network_affiliations")
        .fetch_all(&mut *conn)
        .await?;
    let affiliations = rows
        .iter()
        .map(|r| Ok((r.try_get("contact_id")?, OrgId(r.try_get("org_id")?))))
        .collect::<Result<Vec<_>>>()?;
    Ok((contacts, affiliations))
}

/// The first table of another module that refers to the organisation, if any.
pub async fn org_referenced_elsewhere(
    conn: &mut AnyConnection,
    org: OrgId,
) -> Result<Option<&'static str>> {
    for (table, column) in ORG_REFERENCES_ELSEWHERE {
        let found = sqlx::query(&format!(
            "SELECT 1 AS x FROM {table} WHERE {column} = $1 LIMIT 1"
        ))
        .bind(org.0)
        .fetch_optional(&mut *conn)
        .await?;
        if found.is_some() {
            return Ok(Some(table));
        }
    }
    Ok(None)
}

async fn exec(conn: &mut AnyConnection, sql: &str, a: i64, b: i64) -> Result<u64> {
    Ok(sqlx::query(sql)
        .bind(a)
        .bind(b)
        .execute(&mut *conn)
        .await?
        .rows_affected())
}

/// What a merge did, per table: rows moved to the kept record (`moved`) and rows dropped as
/// duplicates of the kept record's own (`dropped`).
pub type MergeCounts = BTreeMap<String, (u64, u64)>;

fn count(counts: &mut MergeCounts, table: &str, moved: u64, dropped: u64) {
    if moved + dropped > 0 {
        let e = counts.entry(table.to_owned()).or_default();
        e.0 += moved;
        e.1 += dropped;
    }
}

/// Merges organisation `merged` into `keep`: its further names, links, contacts' positions,
/// approaches (of it and by it), itinerary items, trip participations, agreement parties,
/// leads, projects and partners' named companies now refer to `keep`; its own name becomes a
/// further name of `keep` (language `und`, undetermined); then it is deleted. The caller has
/// checked [`org_referenced_elsewhere`] (a reference left over fails the delete).
pub async fn merge_orgs(
    conn: &mut AnyConnection,
    keep: OrgId,
    merged: OrgId,
) -> Result<MergeCounts> {
    let (k, m) = (keep.0, merged.0);
    let mut counts = MergeCounts::new();
    if k == m {
        return Err(StoreError::Conflict("same organisation".into()));
    }
    // Further names: the same name on both is kept once.
    let dropped = exec(
        conn,
        "DELETE FROM organisation_names WHERE org_id = $2 AND name IN \
         (SELECT name FROM organisation_names WHERE org_id = $1)",
        k,
        m,
    )
    .await?;
    let moved = exec(
        conn,
        "UPDATE organisation_names SET org_id = $1 WHERE org_id = $2",
        k,
        m,
    )
    .await?;
    count(&mut counts, "organisation_names", moved, dropped);
    let (keep_name, merged_name) = {
        let rows = sqlx::query("SELECT id, name FROM organisations WHERE id = $1 OR id = $2")
            .bind(k)
            .bind(m)
            .fetch_all(&mut *conn)
            .await?;
        let mut pair = (String::new(), String::new());
        for r in rows {
            let id: i64 = r.try_get("id")?;
            if id == k {
                pair.0 = r.try_get("name")?;
            } else {
                pair.1 = r.try_get("name")?;
            }
        }
        pair
    };
    if merged_name.is_empty() || keep_name.is_empty() {
        return Err(StoreError::NotFound);
    }
    if merged_name != keep_name {
        let exists =
            sqlx::query("SELECT 1 AS x FROM organisation_names WHERE org_id = $1 AND name = $2")
                .bind(k)
                .bind(merged_name.as_str())
                .fetch_optional(&mut *conn)
                .await?;
        if exists.is_none() {
            sqlx::query(
                "INSERT INTO organisation_names (org_id, name, lang) VALUES ($1, $2, 'und')",
            )
            .bind(k)
            .bind(merged_name.as_str())
            .execute(&mut *conn)
            .await?;
            count(&mut counts, "organisation_names", 1, 0);
        }
    }
    // Links: one between the two means nothing after the merge; one the kept side already has
    // (same other side and kind) is kept once.
    let between = exec(
        conn,
        "DELETE FROM organisation_links WHERE (from_org_id = $1 AND to_org_id = $2) \
         OR (from_org_id = $2 AND to_org_id = $1)",
        k,
        m,
    )
    .await?;
    let same_from = exec(
        conn,
        "DELETE FROM organisation_links WHERE from_org_id = $2 AND EXISTS (SELECT 1 FROM \
         organisation_links o WHERE o.from_org_id = $1 AND o.to_org_id = organisation_links.to_org_id \
         AND o.kind = organisation_links.kind)",
        k,
        m,
    )
    .await?;
    let moved_from = exec(
        conn,
        "UPDATE organisation_links SET from_org_id = $1 WHERE from_org_id = $2",
        k,
        m,
    )
    .await?;
    let same_to = exec(
        conn,
        "DELETE FROM organisation_links WHERE to_org_id = $2 AND EXISTS (SELECT 1 FROM \
         organisation_links o WHERE o.to_org_id = $1 AND o.from_org_id = organisation_links.from_org_id \
         AND o.kind = organisation_links.kind)",
        k,
        m,
    )
    .await?;
    let moved_to = exec(
        conn,
        "UPDATE organisation_links SET to_org_id = $1 WHERE to_org_id = $2",
        k,
        m,
    )
    .await?;
    count(
        &mut counts,
        "organisation_links",
        moved_from + moved_to,
        between + same_from + same_to,
    );
    // Agreement parties and partners' named companies: unique per agreement / partner.
    let dropped = exec(
        conn,
        "DELETE FROM network_agreement_parties WHERE org_id = $2 AND agreement_id IN \
         (SELECT agreement_id FROM network_agreement_parties WHERE org_id = $1)",
        k,
        m,
    )
    .await?;
    let moved = exec(
        conn,
        "UPDATE network_agreement_parties SET org_id = $1 WHERE org_id = $2",
        k,
        m,
    )
    .await?;
    count(&mut counts, "network_agreement_parties", moved, dropped);
    let dropped = exec(
        conn,
        "DELETE FROM network_partner_companies WHERE org_id = $2 AND partner_org_id IN \
         (SELECT partner_org_id FROM network_partner_companies WHERE org_id = $1)",
        k,
        m,
    )
    .await?;
    let moved = exec(
        conn,
        "UPDATE network_partner_companies SET org_id = $1 WHERE org_id = $2",
        k,
        m,
    )
    .await?;
    count(&mut counts, "network_partner_companies", moved, dropped);
    // Trip participations name the organisation a person travels for: no uniqueness on it.
    for (table, column) in [
        ("network_affiliations", "org_id"),
        ("network_approaches", "org_id"),
        ("network_approaches", "by_org_id"),
        ("network_trip_items", "org_id"),
        ("network_trip_participants", "org_id"),
        ("network_leads", "org_id"),
        ("network_projects", "investor_org_id"),
    ] {
        let moved = exec(
            conn,
            &format!("UPDATE {table} SET {column} = $1 WHERE {column} = $2"),
            k,
            m,
        )
        .await?;
        count(&mut counts, table, moved, 0);
    }
    sqlx::query("DELETE FROM organisations WHERE id = $1")
        .bind(m)
        .execute(&mut *conn)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
                StoreError::Conflict("organisation referenced elsewhere".into())
            }
            _ => e.into(),
        })?;
    crate::orgs::refresh_search_keys(conn, keep).await?;
    Ok(counts)
}

/// Merges contact `merged` into `keep`: positions, consent history and trip participations
/// (one per trip) move to `keep`; an e-mail address or phone number `keep` lacks is taken
/// over, languages are united, an objection of either stands; then `merged` is deleted.
pub async fn merge_contacts(
    conn: &mut AnyConnection,
    keep: i64,
    merged: i64,
) -> Result<MergeCounts> {
    if keep == merged {
        return Err(StoreError::Conflict("same contact".into()));
    }
    let a = super::get_contact(conn, keep).await?;
    let b = super::get_contact(conn, merged).await?;
    let mut counts = MergeCounts::new();
    // The same position (organisation, title, period) twice says nothing more.
    let dropped = exec(
        conn,
        "DELETE FROM network_affiliations WHERE contact_id = $2 AND EXISTS (SELECT 1 FROM \
         network_affiliations o WHERE o.contact_id = $1 AND o.org_id = network_affiliations.org_id \
         AND o.role_title = network_affiliations.role_title \
         AND COALESCE(o.from_day, -1) = COALESCE(network_affiliations.from_day, -1) \
         AND COALESCE(o.until_day, -1) = COALESCE(network_affiliations.until_day, -1))",
        keep,
        merged,
    )
    .await?;
    let moved = exec(
        conn,
        "UPDATE network_affiliations SET contact_id = $1 WHERE contact_id = $2",
        keep,
        merged,
    )
    .await?;
    count(&mut counts, "network_affiliations", moved, dropped);
    let moved = exec(
        conn,
        "UPDATE network_consents SET contact_id = $1 WHERE contact_id = $2",
        keep,
        merged,
    )
    .await?;
    count(&mut counts, "network_consents", moved, 0);
    let dropped = exec(
        conn,
        "DELETE FROM network_trip_participants WHERE contact_id = $2 AND trip_id IN \
         (SELECT trip_id FROM network_trip_participants WHERE contact_id = $1)",
        keep,
        merged,
    )
    .await?;
    let moved = exec(
        conn,
        "UPDATE network_trip_participants SET contact_id = $1 WHERE contact_id = $2",
        keep,
        merged,
    )
    .await?;
    count(&mut counts, "network_trip_participants", moved, dropped);
    let mut languages = a.data.languages.clone();
    for l in &b.data.languages {
        if !languages.contains(l) {
            languages.push(l.clone());
        }
    }
    sqlx::query(
        "UPDATE network_contacts SET email = $1, phone = $2, languages = $3, objected = $4 \
         WHERE id = $5",
    )
    .bind(a.data.email.clone().or(b.data.email.clone()))
    .bind(a.data.phone.clone().or(b.data.phone.clone()))
    .bind(languages.join(","))
    .bind(i64::from(a.objected || b.objected))
    .bind(keep)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM network_contacts WHERE id = $1")
        .bind(merged)
        .execute(&mut *conn)
        .await?;
    Ok(counts)
}
