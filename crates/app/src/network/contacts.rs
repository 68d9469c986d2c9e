//! Contacts: people at organisations. Personal data: the legal basis per person (legitimate
//! interest for business contacts, consent for newsletters, with history), objection
//! honoured, every read audited, export (Art. 15/20) and erasure (Art. 17) by cascade.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::date::parse_date;
use standort_domain::network::LegalBasis;
use standort_domain::{Email, OrgId, PersonName, ValidationError};
use standort_store::list::Order;
use standort_store::network::{
    self as store, Affiliation, ConsentEntry, Contact, ContactData, ContactFilter, ContactSort,
};
use standort_store::{PageRequest, Paged, audit};

use super::{line, org_field, required};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactInput {
    pub family_name: Option<String>,
    pub given_names: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Language codes, comma-separated (`vi,de`).
    pub languages: Option<String>,
    /// `legitimate_interest` (default) or `consent`.
    pub legal_basis: Option<String>,
    /// The organisation the person works at, with their role title.
    pub org_id: Option<String>,
    pub role_title: Option<String>,
}

/// The contacts list's search, filters and order as the list's URL gives them (text; the use
/// case checks them).
#[derive(Debug, Clone, Default)]
pub struct ContactQuery {
    /// Words of the names or e-mail address.
    pub text: Option<String>,
    /// Words of the name of an organisation the person is (or was) affiliated with.
    pub org: Option<String>,
    /// `legitimate_interest` or `consent`.
    pub basis: Option<String>,
    /// `objected` or `contactable`.
    pub status: Option<String>,
    pub order: Order<ContactSort>,
    /// `Some(format)` when the rows are read for a download (audited as `export`).
    pub export: Option<&'static str>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct AffiliationInput {
    pub org_id: Option<String>,
    pub role_title: Option<String>,
    /// `YYYY-MM-DD`
    pub from: Option<String>,
    pub until: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub contact: Contact,
    pub affiliations: Vec<Affiliation>,
    pub consents: Vec<ConsentEntry>,
}

/// Everything stored about a contact (GDPR Art. 15 and 20), as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct ContactExport {
    pub format: &'static str,
    pub contact: ContactView,
    pub trips: Vec<i64>,
}

impl ContactInput {
    pub(super) fn parse(&self) -> Result<ContactData, AppError> {
        let family_name = PersonName::parse(&required("family_name", &self.family_name, 200)?)?;
        let given_names = PersonName::parse(&required("given_names", &self.given_names, 200)?)?;
        let email = match standort_domain::optional_line("email", self.email.as_deref(), 254)? {
            None => None,
            Some(e) => Some(Email::parse(&e)?.as_str().to_owned()),
        };
        let phone = standort_domain::optional_line("phone", self.phone.as_deref(), 50)?;
        if let Some(p) = &phone
            && !p
                .chars()
                .all(|c| c.is_ascii_digit() || " +-/()".contains(c))
        {
            return Err(ValidationError::new("phone", "invalid-phone").into());
        }
        let mut languages = Vec::new();
        for l in line("languages", &self.languages, 100)?
            .split(',')
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            if !(2..=3).contains(&l.len()) || !l.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(ValidationError::new("languages", "invalid-language").into());
            }
            languages.push(l.to_owned());
        }
        let legal_basis = match self
            .legal_basis
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => LegalBasis::LegitimateInterest,
            Some(b) => LegalBasis::parse(b)
                .ok_or(ValidationError::new("legal_basis", "unknown-legal-basis"))?,
        };
        Ok(ContactData {
            family_name: family_name.as_str().to_owned(),
            given_names: given_names.as_str().to_owned(),
            email,
            phone,
            languages,
            legal_basis,
        })
    }
}

impl App {
    /// Adds a contact, with the organisation they work at (agency staff).
    pub async fn create_contact(
        &self,
        actor: &Actor,
        input: &ContactInput,
    ) -> Result<Contact, AppError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        let data = input.parse()?;
        let role_title = line("role_title", &input.role_title, 200)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let org = match input
            .org_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(_) => Some(org_field(&mut tx, "org_id", &input.org_id).await?),
        };
        let c = store::insert_contact(&mut tx, &data, actor.id(), now).await?;
        if let Some(org) = org {
            store::add_affiliation(&mut tx, c.id, org, &role_title, None, None).await?;
        }
        if data.legal_basis == LegalBasis::Consent {
            store::record_consent(&mut tx, c.id, "newsletter", true, Some(actor.id()), now).await?;
        }
        // Ids and codes only: no name or contact detail in the append-only log.
        audit::append(
            &mut tx,
            &actor
                .audit("create", "network_contact", c.id, org)
                .with_after(
                    json!({"legal_basis": data.legal_basis.as_str(), "org_id": org.map(|o| o.0)}),
                ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(c)
    }

    /// Contacts by name; `org` keeps one organisation's people.
    pub async fn list_contacts(
        &self,
        actor: &Actor,
        org: Option<OrgId>,
        page: PageRequest,
    ) -> Result<Paged<Contact>, AppError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        let list = {
            let mut conn = self.db.conn().await?;
            store::list_contacts(&mut conn, org, page).await?
        };
        // Audited reads go through the group commit (one transaction for many requests'
        // entries), never a write of their own per request.
        self.audit_read(
            actor
                .audit("list", "network_contact", "", org)
                .with_after(json!({"ids": list.items.iter().map(|c| c.id).collect::<Vec<_>>()})),
            self.now(),
        )
        .await?;
        Ok(list)
    }

    /// The contacts list with its search, filters and order ([`ContactQuery`]). Audited like
    /// [`App::list_contacts`]: a page as a `list` of the ids it shows, a download
    /// (`query.export`) as an `export` of the ids it carries and its format.
    pub async fn query_contacts(
        &self,
        actor: &Actor,
        query: &ContactQuery,
        page: PageRequest,
    ) -> Result<Paged<Contact>, AppError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        let set = |v: &Option<String>| crate::filled(v).map(str::to_owned);
        let legal_basis = match set(&query.basis) {
            None => None,
            Some(b) => {
                Some(LegalBasis::parse(&b).ok_or(ValidationError::new("basis", "invalid-choice"))?)
            }
        };
        let objected = match set(&query.status).as_deref() {
            None => None,
            Some("objected") => Some(true),
            Some("contactable") => Some(false),
            Some(_) => return Err(ValidationError::new("status", "invalid-choice").into()),
        };
        let filter = ContactFilter {
            org: None,
            org_named: set(&query.org),
            legal_basis,
            objected,
            text: set(&query.text),
            order: query.order,
        };
        let rows = {
            let mut conn = self.db.conn().await?;
            store::list_contacts_filtered(&mut conn, &filter, page).await?
        };
        let ids: Vec<i64> = rows.items.iter().map(|c| c.id).collect();
        let entry = match query.export {
            Some(format) => actor
                .audit("export", "network_contact", "", None)
                .with_after(json!({ "ids": ids, "format": format })),
            None => actor
                .audit("list", "network_contact", "", None)
                .with_after(json!({ "ids": ids })),
        };
        // Audited reads go through the group commit, after the read (see `list_contacts`).
        self.audit_read(entry, self.now()).await?;
        Ok(rows)
    }

    /// One contact with affiliations and consent history; the read is audited.
    pub async fn get_contact(&self, actor: &Actor, id: i64) -> Result<ContactView, AppError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        let view = {
            // One snapshot for the three reads; a read needs no write lock.
            let mut tx = self.db.begin().await?;
            let contact = store::get_contact(&mut tx, id).await?;
            let affiliations = store::affiliations(&mut tx, id).await?;
            let consents = store::consents(&mut tx, id).await?;
            tx.commit().await?;
            ContactView {
                contact,
                affiliations,
                consents,
            }
        };
        self.audit_read(actor.audit("read", "network_contact", id, None), self.now())
            .await?;
        Ok(view)
    }

    /// Adds an organisation the contact works at, with role title and period.
    pub async fn add_affiliation(
        &self,
        actor: &Actor,
        contact: i64,
        input: &AffiliationInput,
    ) -> Result<i64, AppError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        let role_title = line("role_title", &input.role_title, 200)?;
        let from = parse_date("from", &input.from)?;
        let until = parse_date("until", &input.until)?;
        if let (Some(f), Some(u)) = (from, until)
            && u < f
        {
            return Err(ValidationError::new("until", "before-start").into());
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::get_contact(&mut tx, contact).await?;
        let org = org_field(&mut tx, "org_id", &input.org_id).await?;
        let id = store::add_affiliation(&mut tx, contact, org, &role_title, from, until).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("add_affiliation", "network_contact", contact, Some(org))
                .with_after(json!({"affiliation": id})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records a consent decision (granted or withdrawn) for a purpose, or an objection to
    /// being contacted at all (`purpose` = `contact`, `granted` = false).
    pub async fn record_contact_consent(
        &self,
        actor: &Actor,
        contact: i64,
        purpose: &str,
        granted: bool,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        let purpose = match purpose.trim() {
            p @ ("newsletter" | "contact") => p,
            _ => return Err(ValidationError::new("purpose", "unknown-purpose").into()),
        };
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::get_contact(&mut tx, contact).await?;
        store::record_consent(&mut tx, contact, purpose, granted, Some(actor.id()), now).await?;
        if purpose == "contact" {
            store::set_objected(&mut tx, contact, !granted).await?;
        }
        audit::append(
            &mut tx,
            &actor
                .audit("consent", "network_contact", contact, None)
                .with_after(json!({"purpose": purpose, "granted": granted})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Everything stored about a contact, for the person (Art. 15/20); audited.
    pub async fn export_contact(&self, actor: &Actor, id: i64) -> Result<ContactExport, AppError> {
        let contact = self.get_contact(actor, id).await?;
        let trips = {
            let mut conn = self.db.conn().await?;
            store::contact_trips(&mut conn, id).await?
        };
        self.audit_read(
            actor.audit("export", "network_contact", id, None),
            self.now(),
        )
        .await?;
        Ok(ContactExport {
            format: "standort-network-contact/1",
            contact,
            trips,
        })
    }

    /// Erases a contact (Art. 17): the row, affiliations, consents and trip participations go
    /// by cascade; the audit entry keeps only the id.
    pub async fn erase_contact(&self, actor: &Actor, id: i64) -> Result<(), AppError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        store::erase_contact(&mut tx, id).await?;
        audit::append(
            &mut tx,
            &actor.audit("erase", "network_contact", id, None),
            now,
        )
        .await?;
        tx.commit().await?;
        self.db.reclaim_erased(store::ERASURE_TABLES).await?;
        Ok(())
    }
}
