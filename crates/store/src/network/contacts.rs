//! Contacts: people at organisations (several, each with role title and period), their
//! legal basis of contact, objection, and the history of their consents.

use serde::Serialize;
use sqlx::{AnyConnection, Row};
use standort_domain::network::LegalBasis;
use standort_domain::{OrgId, UserId};

use super::unknown;
use crate::list::{Order, SortColumn, SortKey, SqlOrder, col};
use crate::{Arg, Filter, PageRequest, Paged, Result, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactData {
    pub family_name: String,
    pub given_names: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Language codes (`de`, `vi`, `ja` …).
    pub languages: Vec<String>,
    pub legal_basis: LegalBasis,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub id: i64,
    #[serde(flatten)]
    pub data: ContactData,
    /// The person objected to being contacted (GDPR Art. 21): honoured, never approached.
    pub objected: bool,
    pub created_at: i64,
}

impl Contact {
    pub fn display_name(&self) -> String {
        format!("{} {}", self.data.given_names, self.data.family_name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Affiliation {
    pub id: i64,
    pub contact_id: i64,
    pub org_id: OrgId,
    pub org_name: String,
    pub role_title: String,
    pub from_day: Option<i64>,
    pub until_day: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentEntry {
    pub id: i64,
    pub purpose: String,
    pub granted: bool,
    pub at: i64,
}

const COLUMNS: &str =
    "id, family_name, given_names, email, phone, languages, legal_basis, objected, created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<Contact> {
    let basis: String = r.try_get("legal_basis")?;
    let languages: String = r.try_get("languages")?;
    let objected: i64 = r.try_get("objected")?;
    Ok(Contact {
        id: r.try_get("id")?,
        data: ContactData {
            family_name: r.try_get("family_name")?,
            given_names: r.try_get("given_names")?,
            email: r.try_get("email")?,
            phone: r.try_get("phone")?,
            languages: languages
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            legal_basis: LegalBasis::parse(&basis).ok_or_else(|| unknown("legal basis", &basis))?,
        },
        objected: objected != 0,
        created_at: r.try_get("created_at")?,
    })
}

pub async fn insert_contact(
    conn: &mut AnyConnection,
    d: &ContactData,
    by: UserId,
    now: i64,
) -> Result<Contact> {
    let row = sqlx::query(&format!(
        "INSERT INTO network_contacts (family_name, given_names, email, phone, languages, \
         legal_basis, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
    ))
    .bind(&d.family_name)
    .bind(&d.given_names)
    .bind(d.email.clone())
    .bind(d.phone.clone())
    .bind(d.languages.join(","))
    .bind(d.legal_basis.as_str())
    .bind(by.0)
    .bind(now)
    .fetch_one(conn)
    .await?;
    from_row(&row)
}

pub async fn get_contact(conn: &mut AnyConnection, id: i64) -> Result<Contact> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM network_contacts WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    from_row(&row)
}

/// Contacts by name; `org` keeps those affiliated with one organisation.
pub async fn list_contacts(
    conn: &mut AnyConnection,
    org: Option<OrgId>,
    page: PageRequest,
) -> Result<Paged<Contact>> {
    let filter = ContactFilter {
        org,
        ..ContactFilter::default()
    };
    list_contacts_filtered(conn, &filter, page).await
}

/// The columns the contacts list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactSort {
    /// Family name, then given names (the list's order before it could be sorted).
    Name,
    LegalBasis,
    /// Objected last (contactable first).
    Status,
    Created,
}

impl SortKey for ContactSort {
    const ALL: &'static [ContactSort] = &[
        ContactSort::Name,
        ContactSort::LegalBasis,
        ContactSort::Status,
        ContactSort::Created,
    ];
    fn name(self) -> &'static str {
        match self {
            ContactSort::Name => "name",
            ContactSort::LegalBasis => "basis",
            ContactSort::Status => "status",
            ContactSort::Created => "created",
        }
    }
    fn default_desc(self) -> bool {
        self == ContactSort::Created
    }
}

impl SqlOrder for ContactSort {
    fn columns(self) -> &'static [SortColumn] {
        match self {
            ContactSort::Name => const { &[col("family_name"), col("given_names")] },
            ContactSort::LegalBasis => {
                const { &[col("legal_basis"), col("family_name"), col("given_names")] }
            }
            ContactSort::Status => {
                const { &[col("objected"), col("family_name"), col("given_names")] }
            }
            ContactSort::Created => const { &[col("created_at")] },
        }
    }
    fn tie_break() -> &'static str {
        "id"
    }
}

/// What the contacts list is filtered by; `None` filters nothing.
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    /// Only people affiliated with this organisation (at any time).
    pub org: Option<OrgId>,
    /// Only people affiliated (at any time) with an organisation of this name (words; see
    /// [`Filter::org_named`]): the list's organisation filter.
    pub org_named: Option<String>,
    pub legal_basis: Option<LegalBasis>,
    /// Only those who objected (`true`) or not (`false`).
    pub objected: Option<bool>,
    /// Words that must each occur in the names or the e-mail address (letter case ignored for
    /// ASCII).
    pub text: Option<String>,
    pub order: Order<ContactSort>,
}

/// One page of the contacts list, filtered and sorted, with its total.
pub async fn list_contacts_filtered(
    conn: &mut AnyConnection,
    f: &ContactFilter,
    page: PageRequest,
) -> Result<Paged<Contact>> {
    let mut filter = Filter::default();
    if let Some(o) = f.org {
        filter.and(Arg::Int(Some(o.0)), |n| {
            format!("id IN (SELECT contact_id FROM network_affiliations WHERE org_id = ${n})")
        });
    }
    filter.and_within(
        |affiliation| affiliation.org_named("org_id", f.org_named.as_deref()),
        |c| format!("id IN (SELECT contact_id FROM network_affiliations WHERE {c})"),
    );
    if let Some(b) = f.legal_basis {
        filter.and(Arg::Text(b.as_str().to_owned()), |n| {
            format!("legal_basis = ${n}")
        });
    }
    if let Some(o) = f.objected {
        filter.and(Arg::Int(Some(i64::from(o))), |n| format!("objected = ${n}"));
    }
    filter.words(
        f.text.as_deref(),
        &["family_name", "given_names", "COALESCE(email, '')"],
    );
    let (from_where, args) = filter.from("network_contacts");
    crate::fetch_paged(
        conn,
        &from_where,
        COLUMNS,
        &f.order.sql(),
        &args,
        page,
        from_row,
    )
    .await
}

pub async fn add_affiliation(
    conn: &mut AnyConnection,
    contact: i64,
    org: OrgId,
    role_title: &str,
    from_day: Option<i64>,
    until_day: Option<i64>,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO network_affiliations (contact_id, org_id, role_title, from_day, until_day) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(contact)
    .bind(org.0)
    .bind(role_title)
    .bind(from_day)
    .bind(until_day)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn affiliations(conn: &mut AnyConnection, contact: i64) -> Result<Vec<Affiliation>> {
    let rows = sqlx::query(
        "SELECT a.id, a.contact_id, a.org_id, o.name AS org_name, a.role_title, a.from_day, \
         a.until_day FROM network_affiliations a JOIN organisations o ON o.id = a.org_id \
         WHERE a.contact_id = $1 ORDER BY a.id",
    )
    .bind(contact)
    .fetch_all(conn)
    .await?;
    rows.iter().map(affiliation_of).collect()
}

/// An affiliation from a row of the affiliations joined with the organisation's name (the one
/// shape both readers select).
fn affiliation_of(r: &sqlx::any::AnyRow) -> Result<Affiliation> {
    Ok(Affiliation {
        id: r.try_get("id")?,
        contact_id: r.try_get("contact_id")?,
        org_id: OrgId(r.try_get("org_id")?),
        org_name: r.try_get("org_name")?,
        role_title: r.try_get("role_title")?,
        from_day: r.try_get("from_day")?,
        until_day: r.try_get("until_day")?,
    })
}

/// Appends a consent decision (granted or withdrawn) to the contact's history.
pub async fn record_consent(
    conn: &mut AnyConnection,
    contact: i64,
    purpose: &str,
    granted: bool,
    by: Option<UserId>,
    now: i64,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO network_consents (contact_id, purpose, granted, at, by_user) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(contact)
    .bind(purpose)
    .bind(i64::from(granted))
    .bind(now)
    .bind(by.map(|u| u.0))
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn consents(conn: &mut AnyConnection, contact: i64) -> Result<Vec<ConsentEntry>> {
    let rows = sqlx::query(
        "SELECT id, purpose, granted, at FROM network_consents WHERE contact_id = $1 ORDER BY at, id",
    )
    .bind(contact)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let granted: i64 = r.try_get("granted")?;
            Ok(ConsentEntry {
                id: r.try_get("id")?,
                purpose: r.try_get("purpose")?,
                granted: granted != 0,
                at: r.try_get("at")?,
            })
        })
        .collect()
}

pub async fn set_objected(conn: &mut AnyConnection, contact: i64, objected: bool) -> Result<()> {
    let done = sqlx::query("UPDATE network_contacts SET objected = $1 WHERE id = $2")
        .bind(i64::from(objected))
        .bind(contact)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Erases a contact: the row and, by cascade, affiliations, consents and trip participations.
pub async fn erase_contact(conn: &mut AnyConnection, contact: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM network_contacts WHERE id = $1")
        .bind(contact)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The affiliations of these contacts (a list's download), by contact and id.
pub async fn affiliations_of(
    conn: &mut AnyConnection,
    contacts: &[i64],
) -> Result<Vec<Affiliation>> {
    let mut out = Vec::new();
    // Bounded statements: a download carries up to 10,000 contacts.
    for chunk in contacts.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT a.id, a.contact_id, a.org_id, o.name AS org_name, a.role_title, a.from_day, \
             a.until_day FROM network_affiliations a JOIN organisations o ON o.id = a.org_id \
             WHERE a.contact_id IN ({}) ORDER BY a.contact_id, a.id",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut *conn).await? {
            out.push(affiliation_of(&r)?);
        }
    }
    Ok(out)
}

/// The contacts holding these e-mail addresses (stored lower-case): (address, contact id).
pub async fn contacts_by_email(
    conn: &mut AnyConnection,
    emails: &[String],
) -> Result<Vec<(String, i64)>> {
    let mut out = Vec::new();
    for chunk in emails.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT email, id FROM network_contacts WHERE email IN ({}) ORDER BY id",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for e in chunk {
            q = q.bind(e.as_str());
        }
        for r in q.fetch_all(&mut *conn).await? {
            out.push((r.try_get("email")?, r.try_get("id")?));
        }
    }
    Ok(out)
}
