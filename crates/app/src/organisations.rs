//! Organisations as seen by an actor.

use serde::Deserialize;
use serde_json::json;
use standort_domain::nace::Sector;
use standort_domain::network::{Cluster, LinkKind};
use standort_domain::{OrgId, OrgKind, OrgName, Role, ValidationError};
use standort_store::orgs::{NewOrganisation, Organisation};
use standort_store::{PageRequest, Paged, orgs};

use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};
use standort_store::audit;

#[derive(Debug, Clone, Deserialize)]
pub struct NewOrganisationInput {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub country: Option<String>,
}

pub(crate) fn parse_country(raw: Option<&str>) -> Result<String, ValidationError> {
    // Only ISO 3166-1 alpha-2 codes in use: a typed "Vietnam" is refused, not cut to `VI`.
    standort_domain::iso::country_code(raw.unwrap_or("DE"))
        .map(str::to_owned)
        .ok_or(ValidationError::new("country", "invalid-country"))
}

impl App {
    pub async fn list_organisations(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<Organisation>, AppError> {
        let scope = policy::require(actor, Permission::ReadOrganisations)?;
        let mut conn = self.db.conn().await?;
        Ok(orgs::list(&mut conn, scope.only(), page).await?)
    }

    pub async fn get_organisation(
        &self,
        actor: &Actor,
        id: OrgId,
    ) -> Result<Organisation, AppError> {
        let scope = policy::require(actor, Permission::ReadOrganisations)?;
        policy::require_in_scope(scope, id)?;
        let mut conn = self.db.conn().await?;
        Ok(orgs::get(&mut conn, id).await?)
    }

    pub async fn create_organisation(
        &self,
        actor: &Actor,
        input: &NewOrganisationInput,
    ) -> Result<Organisation, AppError> {
        policy::require(actor, Permission::ManageAccounts)?;
        let name = OrgName::parse(&input.name)?;
        let kind =
            OrgKind::parse(&input.kind).ok_or(ValidationError::new("kind", "unknown-kind"))?;
        let country = parse_country(input.country.as_deref())?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let org = orgs::insert(
            &mut tx,
            &NewOrganisation {
                name: name.as_str(),
                kind,
                country: &country,
            },
            now,
        )
        .await
        .map_err(|e| match e {
            standort_store::StoreError::Conflict(_) => AppError::Conflict("name-taken"),
            other => other.into(),
        })?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "organisation", org.id.to_string(), Some(org.id))
                .with_after(
                    json!({"name": org.name, "kind": org.kind.as_str(), "country": org.country}),
                ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(org)
    }
}

/// The organisations module's dashboard card: the registry for administrators and staff, the
/// own organisation for employers.
pub(crate) async fn dashboard(
    conn: &mut standort_store::AnyConnection,
    actor: &Actor,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    let link = Some("/organisations");
    match actor.role() {
        Role::Administrator => {
            let n = orgs::count(conn).await?;
            board.card(
                "card-organisations",
                Some(n),
                "card-organisations-hint",
                link,
            );
        }
        Role::AgencyStaff => {
            let n = orgs::count(conn).await?;
            board.card("card-organisations", Some(n), "card-partners-hint", link);
        }
        Role::Employer => {
            board.card("card-own-organisation", None, "card-employer-empty", link);
        }
        _ => {}
    }
    Ok(())
}

/// What an organisation list is filtered by, as it arrives from a form or the API.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrgSearchInput {
    /// Words of any of the names, without regard to case or diacritics, a typo allowed.
    pub q: Option<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    /// A NACE / WZ code or its beginning (`21`, `62.01`).
    pub sector: Option<String>,
    pub cluster: Option<String>,
    /// The list's order (pages only; the API lists by name).
    #[serde(skip)]
    pub order: standort_store::list::Order<orgs::OrgSort>,
}

/// The network facts of an organisation, as they arrive from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrgProfileInput {
    /// NACE Rev. 2 / WZ 2008 code.
    pub sector: Option<String>,
    /// Cluster names (`biotech_health`, `digital_economy`, `greentech`), comma-separated.
    pub clusters: Option<String>,
    pub employees: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
}

/// An organisation with its further names and links.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OrganisationDetails {
    pub organisation: Organisation,
    pub names: Vec<orgs::OrgName>,
    pub links: Vec<orgs::OrgLink>,
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl OrgSearchInput {
    pub(crate) fn parse(&self, only: Option<OrgId>) -> Result<orgs::OrgFilter, ValidationError> {
        let kind = match blank(&self.kind) {
            None => None,
            Some(k) => Some(OrgKind::parse(k).ok_or(ValidationError::new("kind", "unknown-kind"))?),
        };
        let country = match blank(&self.country) {
            None => None,
            Some(c) => Some(parse_country(Some(c))?),
        };
        let sector = match blank(&self.sector) {
            None => None,
            Some(s) if s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) => {
                standort_domain::nace::division(&format!("{s:0>2}"))
                    .ok_or(ValidationError::new("sector", "invalid-sector"))?;
                Some(format!("{s:0>2}"))
            }
            Some(s) => Some(Sector::parse(s)?.as_str().to_owned()),
        };
        let cluster = match blank(&self.cluster) {
            None => None,
            Some(c) => Some(
                Cluster::parse(c)
                    .ok_or(ValidationError::new("cluster", "unknown-cluster"))?
                    .as_str()
                    .to_owned(),
            ),
        };
        Ok(orgs::OrgFilter {
            only,
            text: standort_domain::optional_line("q", self.q.as_deref(), 200)?,
            kind,
            country,
            sector,
            cluster,
            order: self.order,
        })
    }
}

impl OrgProfileInput {
    pub(crate) fn parse(&self) -> Result<orgs::OrgProfile, ValidationError> {
        let sector = blank(&self.sector)
            .map(Sector::parse)
            .transpose()?
            .map(|s| s.as_str().to_owned());
        let mut clusters = Vec::new();
        for c in blank(&self.clusters)
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            let c = Cluster::parse(c).ok_or(ValidationError::new("clusters", "unknown-cluster"))?;
            clusters.push(c.as_str().to_owned());
        }
        clusters.sort();
        clusters.dedup();
        let employees = match blank(&self.employees) {
            None => None,
            Some(n) => Some(
                n.parse::<i64>()
                    .ok()
                    .filter(|n| (0..=10_000_000).contains(n))
                    .ok_or(ValidationError::new("employees", "invalid-number"))?,
            ),
        };
        let website = standort_domain::optional_line("website", self.website.as_deref(), 300)?;
        if let Some(w) = &website
            && !(w.starts_with("https://") || w.starts_with("http://"))
        {
            return Err(ValidationError::new("website", "invalid-url"));
        }
        Ok(orgs::OrgProfile {
            sector,
            clusters,
            employees,
            website,
            address: standort_domain::optional_line("address", self.address.as_deref(), 300)?,
        })
    }
}

/// A language tag of a further name: `vi`, `ja`, `ja-Latn`, `zh-Hans` …
pub(crate) fn parse_lang_tag(raw: &str) -> Result<String, ValidationError> {
    let t = raw.trim();
    // The length as sent, as the API's schema declares it.
    let ok = !t.is_empty()
        && raw.chars().count() <= 20
        && t.split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if ok {
        Ok(t.to_owned())
    } else {
        Err(ValidationError::new("lang", "invalid-language"))
    }
}

impl App {
    /// Searches the registry: words of any name (any script, without diacritics, one typo),
    /// kind, country, sector, cluster. Scoped roles find only their own organisation.
    pub async fn search_organisations(
        &self,
        actor: &Actor,
        input: &OrgSearchInput,
        page: PageRequest,
    ) -> Result<Paged<Organisation>, AppError> {
        let scope = policy::require(actor, Permission::ReadOrganisations)?;
        let filter = input.parse(scope.only())?;
        let mut conn = self.db.conn().await?;
        Ok(orgs::list_filtered(&mut conn, &filter, page).await?)
    }

    /// An organisation with its further names and links.
    pub async fn organisation_details(
        &self,
        actor: &Actor,
        id: OrgId,
    ) -> Result<OrganisationDetails, AppError> {
        let scope = policy::require(actor, Permission::ReadOrganisations)?;
        policy::require_in_scope(scope, id)?;
        let mut conn = self.db.conn().await?;
        let organisation = orgs::get(&mut conn, id).await?;
        let names = orgs::names(&mut conn, id).await?;
        let mut links = orgs::links(&mut conn, id).await?;
        // A scoped role sees no other organisation through its links.
        if scope.only().is_some() {
            links.clear();
        }
        Ok(OrganisationDetails {
            organisation,
            names,
            links,
        })
    }

    /// Sets the network facts of an organisation (sector, clusters, size, website, address).
    pub async fn update_organisation_profile(
        &self,
        actor: &Actor,
        id: OrgId,
        input: &OrgProfileInput,
    ) -> Result<Organisation, AppError> {
        policy::require(actor, Permission::ManageOrganisations)?;
        let profile = input.parse()?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let before = orgs::get(&mut tx, id).await?;
        orgs::set_profile(&mut tx, id, &profile).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "organisation", id, Some(id))
                .with_before(serde_json::to_value(&before.profile).unwrap_or_default())
                .with_after(serde_json::to_value(&profile).unwrap_or_default()),
            now,
        )
        .await?;
        let after = orgs::get(&mut tx, id).await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Adds a further name (another script, a transliteration) to an organisation.
    pub async fn add_organisation_name(
        &self,
        actor: &Actor,
        id: OrgId,
        name: &str,
        lang: &str,
    ) -> Result<orgs::OrgName, AppError> {
        policy::require(actor, Permission::ManageOrganisations)?;
        let name = OrgName::parse(name)?;
        let lang = parse_lang_tag(lang)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        orgs::get(&mut tx, id).await?;
        let n = orgs::add_name(&mut tx, id, name.as_str(), &lang)
            .await
            .map_err(|e| match e {
                standort_store::StoreError::Conflict(_) => AppError::Conflict("name-taken"),
                other => other.into(),
            })?;
        audit::append(
            &mut tx,
            &actor
                .audit("add_name", "organisation", id, Some(id))
                .with_after(json!({"name": n.name, "lang": n.lang})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Links two organisations (`from` is a subsidiary of / partner of `to`).
    pub async fn link_organisations(
        &self,
        actor: &Actor,
        from: OrgId,
        to: OrgId,
        kind: &str,
    ) -> Result<i64, AppError> {
        policy::require(actor, Permission::ManageOrganisations)?;
        let kind = LinkKind::parse(kind).ok_or(ValidationError::new("kind", "unknown-kind"))?;
        if from == to {
            return Err(ValidationError::new("to", "same-organisation").into());
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        orgs::get(&mut tx, from).await?;
        orgs::get(&mut tx, to)
            .await
            .map_err(|_| AppError::from(ValidationError::new("to", "unknown-organisation")))?;
        let id = orgs::link(&mut tx, from, to, kind, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("link", "organisation", from, Some(from))
                .with_after(json!({"to": to.0, "kind": kind.as_str()})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}
