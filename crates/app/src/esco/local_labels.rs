//! Local labels of ESCO concepts: everyday names in a language ESCO has none in (the shared data
//! holds only the English pack, so German and Vietnamese users found nothing under
//! "Pflegefachkraft" or "Busfahrer"). Staff and counsellors add and remove them; everyone who
//! may search finds concepts by them and sees them where ESCO has no label in their language.
//! Every write is audited in its transaction; the triggers of migration 0029 move the local
//! labels' version, so every instance's ESCO view picks the change up at its next use.

use serde_json::json;
use standort_domain::ValidationError;
use standort_store::esco::local_labels::{self as store, LocalLabel};
use standort_store::{audit, esco::Concept};

use super::{LoadedLanguage, Shown};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// The longest local label accepted.
pub const MAX_LABEL_CHARS: usize = 200;

/// One ESCO concept with its display label and local labels, for the concept's page.
#[derive(Debug, Clone)]
pub struct ConceptView {
    pub concept: Concept,
    pub id: i64,
    pub uri: String,
    pub shown: Shown,
    pub local: Vec<LocalLabel>,
    /// Whether the actor may add and remove local labels.
    pub can_edit: bool,
}

impl App {
    /// The label languages loaded (ESCO packs and local labels), for the search page.
    pub async fn esco_languages(&self, actor: &Actor) -> Result<Vec<LoadedLanguage>, AppError> {
        policy::require(actor, Permission::SearchEsco)?;
        Ok(self.esco().await?.languages().to_vec())
    }

    /// Whether the actor may add and remove local labels.
    pub fn may_manage_esco_labels(&self, actor: &Actor) -> bool {
        policy::allows(actor.role(), Permission::ManageEscoLabels)
    }

    /// One concept with its local labels; `NotFound` for an id no import holds.
    pub async fn esco_concept(
        &self,
        actor: &Actor,
        concept: Concept,
        id: i64,
        lang: &str,
    ) -> Result<ConceptView, AppError> {
        policy::require(actor, Permission::SearchEsco)?;
        let view = self.esco().await?;
        let uri = view
            .concept_uri(concept, id)
            .ok_or(AppError::NotFound)?
            .to_owned();
        let shown = match concept {
            Concept::Occupation => view.occupation_shown(id, lang),
            Concept::Skill => view.skill_shown(id, lang),
        }
        .unwrap_or_default();
        let local = {
            let mut conn = self.db.conn().await?;
            store::of_concept(&mut conn, concept, &uri).await?
        };
        Ok(ConceptView {
            concept,
            id,
            uri,
            shown,
            local,
            can_edit: self.may_manage_esco_labels(actor),
        })
    }

    /// Adds a local label to a concept. Other roles get `NotFound` (the form does not exist for
    /// them); the same label twice is a conflict.
    pub async fn add_esco_local_label(
        &self,
        actor: &Actor,
        concept: Concept,
        id: i64,
        lang: &str,
        label: &str,
    ) -> Result<LocalLabel, AppError> {
        if !policy::allows(actor.role(), Permission::ManageEscoLabels) {
            return Err(AppError::NotFound);
        }
        let label = standort_domain::optional_line("label", Some(label), MAX_LABEL_CHARS)?
            .ok_or(ValidationError::new("label", "required"))?;
        let lang = standort_domain::iso::language_code(lang)
            .ok_or(ValidationError::new("lang", "unknown-language"))?;
        let uri = self
            .esco()
            .await?
            .concept_uri(concept, id)
            .ok_or(AppError::NotFound)?
            .to_owned();
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let added = store::add(
            &mut tx,
            concept,
            &uri,
            lang,
            &label,
            Some(actor.id().0),
            now,
        )
        .await?
        .ok_or(AppError::Conflict("already-exists"))?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "esco_local_label", added.id, None)
                .with_after(json!({
                    "concept": concept.as_str(),
                    "uri": uri,
                    "lang": lang,
                    "label": label,
                })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Removes a local label; `NotFound` for other roles and unknown ids.
    pub async fn delete_esco_local_label(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<LocalLabel, AppError> {
        if !policy::allows(actor.role(), Permission::ManageEscoLabels) {
            return Err(AppError::NotFound);
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let old = store::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
        store::delete(&mut tx, id).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("delete", "esco_local_label", id, None)
                .with_before(json!({
                    "concept": old.concept.as_str(),
                    "uri": old.concept_uri,
                    "lang": old.lang,
                    "label": old.label,
                })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(old)
    }
}

/// Adds local labels without an actor (the demo): `(concept, URI, lang, label)`; labels that
/// exist already are left as they are. Call inside the caller's transaction.
pub async fn add_unattributed(
    conn: &mut sqlx::AnyConnection,
    labels: &[(Concept, &str, &str, &str)],
    now: i64,
) -> Result<usize, AppError> {
    let mut added = 0;
    for (concept, uri, lang, label) in labels {
        if store::add(conn, *concept, uri, lang, label, None, now)
            .await?
            .is_some()
        {
            added += 1;
        }
    }
    Ok(added)
}
