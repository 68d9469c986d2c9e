//! Producers keep their own entries: a change is a version (the whole proposed entry as JSON)
//! that agency staff publish or reject; a trusted producer's versions, and staff's own, are
//! published at once. Each version records who proposed it and who decided, so the entry's
//! history shows who changed what and who approved it.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::ValidationError;
use standort_domain::showcase::{QualityLabel, is_slug, slugify};
use standort_store::showcase::{self as store, Hours, Producer, ProductData, Texts, Version};
use standort_store::{AnyConnection, PageRequest, Paged, audit};

use crate::policy::{self, Permission, ShowcaseAccess};
use crate::{Actor, App, AppError};

/// What a producer changes of their entry: texts, contact, languages, labels, hours,
/// products. Address, municipality and category stay with the agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryContent {
    pub tagline: Texts,
    pub story: Texts,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub languages: Vec<String>,
    pub labels: Vec<QualityLabel>,
    pub own_shop: bool,
    pub hours: Vec<Hours>,
    pub products: Vec<ProductData>,
}

/// An entry as its editors see it: the live entry, its hours and products, and its history.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    pub producer: Producer,
    pub content: EntryContent,
    pub versions: Vec<Version>,
    pub access: &'static str,
}

const LANGS: [&str; 3] = ["de", "en", "vi"];

fn check_texts(
    field: &'static str,
    t: &Texts,
    max: usize,
    de_required: bool,
) -> Result<Texts, AppError> {
    let mut out = Texts::new();
    for (lang, text) in t {
        if !LANGS.contains(&lang.as_str()) {
            return Err(ValidationError::new(field, "unknown-language").into());
        }
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if text.chars().count() > max || text.chars().any(|c| c.is_control() && c != '\n') {
            return Err(ValidationError::new(field, "too-long").into());
        }
        out.insert(lang.clone(), text.replace("\r\n", "\n"));
    }
    if de_required && !out.contains_key("de") {
        return Err(ValidationError::new(field, "required").into());
    }
    Ok(out)
}

fn check_line(field: &'static str, s: &str, max: usize) -> Result<String, AppError> {
    Ok(standort_domain::optional_line(field, Some(s), max)?.unwrap_or_default())
}

impl EntryContent {
    /// Checks and normalises what a producer proposes (lengths, languages, hours that do not
    /// run backwards, prices that are a range, unique product slugs).
    pub fn checked(mut self) -> Result<EntryContent, AppError> {
        self.tagline = check_texts("tagline", &self.tagline, 160, false)?;
        self.story = check_texts("story", &self.story, 4000, true)?;
        self.phone = check_line("phone", &self.phone, 40)?;
        if !self.email.trim().is_empty() {
            self.email = standort_domain::Email::parse(&self.email)?
                .as_str()
                .to_owned();
        }
        self.website = check_line("website", &self.website, 200)?;
        let web_address = ["https://", "http://"]
            .iter()
            .any(|scheme| self.website.starts_with(scheme));
        if !self.website.is_empty() && !web_address {
            return Err(ValidationError::new("website", "invalid-url").into());
        }
        self.languages.retain(|l| !l.trim().is_empty());
        for l in &mut self.languages {
            *l = l.trim().to_ascii_lowercase();
            if l.len() < 2 || l.len() > 3 || !l.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(ValidationError::new("languages", "invalid-language").into());
            }
        }
        self.languages.dedup();
        self.labels.dedup();
        for h in &self.hours {
            if h.weekday > 6 || h.opens >= h.closes || h.closes > 1440 {
                return Err(ValidationError::new("hours", "invalid-hours").into());
            }
        }
        if self.hours.len() > 28 {
            return Err(ValidationError::new("hours", "too-many").into());
        }
        if self.products.len() > 60 {
            return Err(ValidationError::new("products", "too-many").into());
        }
        let mut slugs = Vec::new();
        for p in &mut self.products {
            p.name = check_texts("product_name", &p.name, 120, true)?;
            p.description = check_texts("product_description", &p.description, 1000, false)?;
            if p.slug.is_empty() {
                p.slug = slugify(store::text_in(&p.name, "de"));
            }
            if !is_slug(&p.slug) || slugs.contains(&p.slug) {
                return Err(ValidationError::new("product_name", "duplicate").into());
            }
            slugs.push(p.slug.clone());
            if p.season.0 == 0 || p.season.0 > 0x0fff {
                return Err(ValidationError::new("season", "required").into());
            }
            match (p.price_min_cents, p.price_max_cents) {
                (None, None) => {}
                (Some(a), Some(b)) if 0 <= a && a <= b && b <= 10_000_000 => {}
                (Some(a), None) if (0..=10_000_000).contains(&a) => p.price_max_cents = Some(a),
                _ => return Err(ValidationError::new("price", "invalid-range").into()),
            }
        }
        Ok(self)
    }
}

async fn content_of(conn: &mut AnyConnection, p: &Producer) -> Result<EntryContent, AppError> {
    Ok(EntryContent {
        tagline: p.data.tagline.clone(),
        story: p.data.story.clone(),
        phone: p.data.phone.clone(),
        email: p.data.email.clone(),
        website: p.data.website.clone(),
        languages: p.data.languages.clone(),
        labels: p.data.labels.clone(),
        own_shop: p.data.own_shop,
        hours: store::hours(conn, p.id).await?,
        products: store::products(conn, p.id)
            .await?
            .into_iter()
            .map(|x| x.data)
            .collect(),
    })
}

/// Writes a version's content to the live entry (same transaction as the decision).
async fn apply(
    conn: &mut AnyConnection,
    p: &Producer,
    c: &EntryContent,
    now: i64,
) -> Result<(), AppError> {
    let mut data = p.data.clone();
    data.tagline = c.tagline.clone();
    data.story = c.story.clone();
    data.phone = c.phone.clone();
    data.email = c.email.clone();
    data.website = c.website.clone();
    data.languages = c.languages.clone();
    data.labels = c.labels.clone();
    data.own_shop = c.own_shop;
    store::set_hours(conn, p.id, &c.hours).await?;
    store::set_products(conn, p.id, &c.products).await?;
    store::update_producer(conn, p.id, &data, now).await?;
    Ok(())
}

impl App {
    /// The producer's own entry (a producer's account), or any entry (agency staff).
    pub async fn showcase_entry(
        &self,
        actor: &Actor,
        producer: i64,
    ) -> Result<EntryView, AppError> {
        let mut conn = self.db.conn().await?;
        let p = store::get_producer(&mut conn, producer).await?;
        let access = policy::showcase_access(actor, p.org_id)?;
        let content = content_of(&mut conn, &p).await?;
        let versions = store::versions_of(&mut conn, p.id).await?;
        Ok(EntryView {
            producer: p,
            content,
            versions,
            access: match access {
                ShowcaseAccess::Own => "own",
                ShowcaseAccess::Review => "review",
            },
        })
    }

    /// The entry of the actor's own organisation (producers).
    pub async fn own_showcase_entry(&self, actor: &Actor) -> Result<EntryView, AppError> {
        policy::require(actor, Permission::EditOwnShowcaseEntry)?;
        let id = {
            let mut conn = self.db.conn().await?;
            store::producer_of_org(&mut conn, actor.user.org_id)
                .await?
                .id
        };
        self.showcase_entry(actor, id).await
    }

    /// Proposes a new version of an entry. Published at once when the producer is trusted or
    /// the actor is agency staff; otherwise a draft waits for review. Returns the version id
    /// and whether it was published.
    pub async fn propose_showcase_version(
        &self,
        actor: &Actor,
        producer: i64,
        content: EntryContent,
    ) -> Result<(i64, bool), AppError> {
        let content = content.checked()?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let p = store::get_producer(&mut tx, producer).await?;
        let access = policy::showcase_access(actor, p.org_id)?;
        let json =
            serde_json::to_string(&content).map_err(|e| AppError::Internal(e.to_string()))?;
        let id = store::insert_version(&mut tx, p.id, &json, actor.id(), now).await?;
        let publish = access == ShowcaseAccess::Review || p.trusted;
        if publish {
            store::decide_version(&mut tx, id, true, actor.id(), "", now).await?;
            apply(&mut tx, &p, &content, now).await?;
        }
        audit::append(
            &mut tx,
            &actor
                .audit("propose", "showcase_entry", p.id, Some(p.org_id))
                .with_after(json!({"version": id, "published": publish})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok((id, publish))
    }

    /// Publishes or rejects a draft (agency staff).
    pub async fn decide_showcase_version(
        &self,
        actor: &Actor,
        version: i64,
        publish: bool,
        note: &str,
    ) -> Result<i64, AppError> {
        policy::require(actor, Permission::ReviewShowcase)?;
        let note = standort_domain::optional_line("note", Some(note), 500)?.unwrap_or_default();
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let v = store::get_version(&mut tx, version).await?;
        let p = store::get_producer(&mut tx, v.producer_id).await?;
        store::decide_version(&mut tx, v.id, publish, actor.id(), &note, now).await?;
        if publish {
            let content: EntryContent =
                serde_json::from_str(&v.content).map_err(|e| AppError::Internal(e.to_string()))?;
            apply(&mut tx, &p, &content, now).await?;
        }
        audit::append(
            &mut tx,
            &actor
                .audit(
                    if publish { "publish" } else { "reject" },
                    "showcase_entry",
                    p.id,
                    Some(p.org_id),
                )
                .with_after(json!({"version": v.id})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(p.id)
    }

    /// Drafts waiting for review (agency staff), the oldest first.
    pub async fn pending_showcase_versions(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<(Version, Producer)>, AppError> {
        policy::require(actor, Permission::ReviewShowcase)?;
        let mut conn = self.db.conn().await?;
        let versions = store::pending_versions(&mut conn, page).await?;
        let mut items = Vec::with_capacity(versions.items.len());
        for v in versions.items {
            let p = store::get_producer(&mut conn, v.producer_id).await?;
            items.push((v, p));
        }
        Ok(Paged {
            items,
            total: versions.total,
            limit: versions.limit,
            offset: versions.offset,
        })
    }

    /// Every entry, published or not (agency staff), by name.
    pub async fn all_showcase_entries(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<Producer>, AppError> {
        policy::require(actor, Permission::ReviewShowcase)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_producers(&mut conn, &store::ProducerFilter::default(), page).await?)
    }

    /// Publishes or withdraws an entry and sets whether its producer publishes directly.
    pub async fn set_showcase_entry_state(
        &self,
        actor: &Actor,
        producer: i64,
        published: bool,
        trusted: bool,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ReviewShowcase)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let p = store::get_producer(&mut tx, producer).await?;
        store::set_state(&mut tx, p.id, published, trusted, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("set_state", "showcase_entry", p.id, Some(p.org_id))
                .with_before(json!({"published": p.published, "trusted": p.trusted}))
                .with_after(json!({"published": published, "trusted": trusted})),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
