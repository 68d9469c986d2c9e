//! Contacts as vCards: the export of one contact or of the list (vCard 4.0, audited like the
//! other exports of personal data), and the import of a file of cards — business cards
//! collected at a fair, an address book from Outlook, Apple, Google or Thunderbird — all or
//! nothing, created exactly as the form creates a contact (legal basis, consent, audit).

use serde::Serialize;
use serde_json::json;
use standort_domain::network::LegalBasis;
use standort_domain::{OrgId, ValidationError};
use standort_store::network::{self as store, Affiliation, Contact};
use standort_store::{AnyConnection, PageRequest, audit, orgs};

use super::ContactInput;
use super::vcard::{self, CardError, CardOut};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// At most this many cards in one file: a fair's stack of business cards or an address book,
/// not a database (the CSV import is for that).
pub const MAX_CARDS: usize = 2_000;

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CardImport {
    /// (card number, new contact id)
    pub created: Vec<(usize, i64)>,
    /// (card number, e-mail address, the contact that already holds it, or 0 for an earlier
    /// card of the same file): reported, not created twice.
    pub duplicates: Vec<(usize, String, i64)>,
    /// (card number, organisation named on the card) that is in no registry entry: the contact
    /// was created without that position (organisations are entered by administrators).
    pub unknown_orgs: Vec<(usize, String)>,
}

/// Why an import was refused (nothing was written): a card that cannot be read or whose
/// content the form would refuse, with its number and line; or another error.
#[derive(Debug, thiserror::Error)]
pub enum CardImportError {
    #[error("card {card}, line {line}: {code}; nothing was imported", card = .0.card, line = .0.line, code = .0.code)]
    Invalid(CardError),
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<standort_store::StoreError> for CardImportError {
    fn from(e: standort_store::StoreError) -> Self {
        CardImportError::App(e.into())
    }
}

impl From<sqlx::Error> for CardImportError {
    fn from(e: sqlx::Error) -> Self {
        CardImportError::App(e.into())
    }
}

/// The validation code of a form field as the code of a card's refusal.
fn card_code(e: AppError) -> &'static str {
    match e {
        AppError::Validation(ValidationError { code, .. }) => match code {
            "invalid-email" => "vcard-invalid-email",
            "invalid-phone" => "vcard-invalid-phone",
            "too-long" => "vcard-too-long",
            _ => "vcard-invalid-value",
        },
        _ => "vcard-invalid-value",
    }
}

/// The positions held now (no end, or an end not yet reached), in the order entered: a card's
/// ORG is where the person works, so a past position would send mail to the wrong place.
fn positions(affiliations: &[Affiliation], today: i64) -> Vec<(String, String)> {
    affiliations
        .iter()
        .filter(|a| a.until_day.is_none_or(|u| u >= today))
        .map(|a| (a.org_name.clone(), a.role_title.clone()))
        .collect()
}

impl App {
    fn card_of(&self, c: &Contact, affiliations: &[Affiliation]) -> CardOut {
        CardOut {
            uid: self.public_link(&format!("/network/contacts/{}", c.id)),
            family_name: c.data.family_name.clone(),
            given_names: c.data.given_names.clone(),
            email: c.data.email.clone(),
            phone: c.data.phone.clone(),
            languages: c.data.languages.clone(),
            orgs: positions(affiliations, super::day_start(self.now())),
        }
    }

    /// One contact as a vCard 4.0. Only those who may read the contact get it (others: not
    /// found, so its existence does not leak); the export is audited by id.
    pub async fn contact_vcard(&self, actor: &Actor, id: i64) -> Result<String, AppError> {
        policy::require(actor, Permission::ManageNetworkContacts).map_err(|e| match e {
            AppError::Forbidden => AppError::NotFound,
            other => other,
        })?;
        let card = {
            let mut tx = self.db.begin().await?;
            let contact = store::get_contact(&mut tx, id).await?;
            let affiliations = store::affiliations(&mut tx, id).await?;
            tx.commit().await?;
            self.card_of(&contact, &affiliations)
        };
        self.audit_read(
            actor
                .audit("export", "network_contact", id, None)
                .with_after(json!({"format": "vcard"})),
            self.now(),
        )
        .await?;
        let mut out = String::new();
        vcard::write_card(&card, &mut out);
        Ok(out)
    }

    /// The contacts list (its first [`PageRequest::EXPORT_LIMIT`]) as one file of vCards 4.0;
    /// audited as an export naming every contact by id.
    pub async fn contacts_vcards(
        &self,
        actor: &Actor,
        org: Option<OrgId>,
    ) -> Result<String, AppError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        let (contacts, affiliations) = {
            let mut tx = self.db.begin().await?;
            let list = store::list_contacts(&mut tx, org, PageRequest::export()).await?;
            let ids: Vec<i64> = list.items.iter().map(|c| c.id).collect();
            let affiliations = store::affiliations_of(&mut tx, &ids).await?;
            tx.commit().await?;
            (list.items, affiliations)
        };
        self.audit_read(
            actor.audit("export", "network_contact", "", org).with_after(
                json!({"format": "vcard", "ids": contacts.iter().map(|c| c.id).collect::<Vec<_>>()}),
            ),
            self.now(),
        )
        .await?;
        let mut out = String::new();
        for c in &contacts {
            let own: Vec<Affiliation> = affiliations
                .iter()
                .filter(|a| a.contact_id == c.id)
                .cloned()
                .collect();
            vcard::write_card(&self.card_of(c, &own), &mut out);
        }
        Ok(out)
    }

    /// Creates a contact from each card of a file (vCard 3.0 or 4.0), all or nothing: one card
    /// that cannot be read, or that the contact form would refuse, refuses the file with the
    /// card's number and line. Cards whose e-mail address a contact already holds are reported,
    /// not created twice. Each contact gets `legal_basis` (legitimate interest unless
    /// consent is chosen, which is then recorded) and its audit entry, as from the form; an
    /// organisation on the card is linked when a registry entry has that name (any case,
    /// any of its names).
    pub async fn import_vcards(
        &self,
        actor: &Actor,
        file: &[u8],
        legal_basis: Option<&str>,
    ) -> Result<CardImport, CardImportError> {
        policy::require(actor, Permission::ManageNetworkContacts)?;
        let text = std::str::from_utf8(file).map_err(|e| {
            let line = file[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            let card = String::from_utf8_lossy(&file[..e.valid_up_to()])
                .lines()
                .filter(|l| l.trim().eq_ignore_ascii_case("BEGIN:VCARD"))
                .count()
                .max(1);
            CardImportError::Invalid(CardError {
                card,
                line,
                code: "vcard-not-utf8",
            })
        })?;
        let cards = vcard::read_cards(text).map_err(CardImportError::Invalid)?;
        if cards.len() > MAX_CARDS {
            return Err(CardImportError::Invalid(CardError {
                card: MAX_CARDS + 1,
                line: cards[MAX_CARDS].line,
                code: "vcard-too-many",
            }));
        }
        // Every card checked by the form's own rules before anything is written.
        let mut checked = Vec::with_capacity(cards.len());
        for c in &cards {
            let input = ContactInput {
                family_name: Some(c.family_name.clone()),
                given_names: Some(c.given_names.clone()),
                email: c.email.as_ref().map(|e| e.0.clone()),
                phone: c.phone.as_ref().map(|p| p.0.clone()),
                languages: Some(c.languages.join(",")),
                legal_basis: legal_basis.map(str::to_owned),
                org_id: None,
                role_title: None,
            };
            let data = input.parse().map_err(|e| {
                if let AppError::Validation(v) = &e
                    && v.field == "legal_basis"
                {
                    return CardImportError::App(e);
                }
                let line = match &e {
                    AppError::Validation(v) if v.field == "email" => {
                        c.email.as_ref().map_or(c.line, |e| e.1)
                    }
                    AppError::Validation(v) if v.field == "phone" => {
                        c.phone.as_ref().map_or(c.line, |p| p.1)
                    }
                    AppError::Validation(v) if v.field == "name" => c.name_line,
                    _ => c.line,
                };
                CardImportError::Invalid(CardError {
                    card: c.number,
                    line,
                    code: card_code(e),
                })
            })?;
            for (org, title) in &c.orgs {
                for (value, max) in [(org, 200), (title, 200)] {
                    if standort_domain::optional_line("role_title", Some(value), max).is_err() {
                        return Err(CardImportError::Invalid(CardError {
                            card: c.number,
                            line: c.line,
                            code: "vcard-invalid-value",
                        }));
                    }
                }
            }
            checked.push((c, data));
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let emails: Vec<String> = checked
            .iter()
            .filter_map(|(_, d)| d.email.clone())
            .collect();
        let existing = store::contacts_by_email(&mut tx, &emails).await?;
        let mut result = CardImport::default();
        let mut seen: Vec<String> = Vec::new();
        for (card, data) in &checked {
            if let Some(e) = &data.email {
                if let Some((_, id)) = existing.iter().find(|(x, _)| x == e) {
                    result.duplicates.push((card.number, e.clone(), *id));
                    continue;
                }
                if seen.contains(e) {
                    result.duplicates.push((card.number, e.clone(), 0));
                    continue;
                }
                seen.push(e.clone());
            }
            let mut links = Vec::new();
            for (name, title) in &card.orgs {
                match org_by_name(&mut tx, name).await? {
                    Some(org) if !links.iter().any(|(o, _)| *o == org) => {
                        links.push((org, title.trim().to_owned()))
                    }
                    Some(_) => {}
                    None => result.unknown_orgs.push((card.number, name.clone())),
                }
            }
            let c = store::insert_contact(&mut tx, data, actor.id(), now).await?;
            for (org, title) in &links {
                store::add_affiliation(&mut tx, c.id, *org, title, None, None).await?;
            }
            if data.legal_basis == LegalBasis::Consent {
                store::record_consent(&mut tx, c.id, "newsletter", true, Some(actor.id()), now)
                    .await?;
            }
            result.created.push((card.number, c.id));
            // As from the form: ids and codes only, no name or contact detail.
            audit::append(
                &mut tx,
                &actor
                    .audit(
                        "create",
                        "network_contact",
                        c.id,
                        links.first().map(|l| l.0),
                    )
                    .with_after(json!({
                        "legal_basis": data.legal_basis.as_str(),
                        "org_id": links.first().map(|l| l.0.0),
                        "source": "vcard",
                    })),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(result)
    }
}

/// The registry entry one of whose names is `name`, without regard to case; the search keys
/// find the candidates, the comparison is exact. Several entries of that name: none is chosen.
async fn org_by_name(
    conn: &mut AnyConnection,
    name: &str,
) -> Result<Option<OrgId>, standort_store::StoreError> {
    let wanted = name.trim().to_lowercase();
    if wanted.is_empty() {
        return Ok(None);
    }
    let found = orgs::list_filtered(
        conn,
        &orgs::OrgFilter {
            text: Some(name.to_owned()),
            ..orgs::OrgFilter::default()
        },
        PageRequest::new(Some(50), None),
    )
    .await?;
    let mut hits = Vec::new();
    for o in &found.items {
        let mut same = o.name.to_lowercase() == wanted;
        if !same {
            same = orgs::names(conn, o.id)
                .await?
                .iter()
                .any(|n| n.name.to_lowercase() == wanted);
        }
        if same {
            hits.push(o.id);
        }
    }
    Ok(if hits.len() == 1 { hits.pop() } else { None })
}
