//! Employers' shortlists ("Merkliste", issue 11 point 14): an employer's people keep the
//! candidates they may see (`policy::candidate_access` → shared) on their organisation's list,
//! optionally for one of its positions. A candidate outside the employer's view is `NotFound`,
//! as on the profile; the list shows only candidates who still consent to be shown to the
//! organisation. Writes are audited in their transaction (ids only), list reads as `list` or
//! `export` with the ids, like the candidates list.

use serde::Deserialize;
use serde_json::json;
use standort_domain::ValidationError;
use standort_esco::fold_for_search;
use standort_store::list::Order;
use standort_store::recruitment::{self as store, ShortlistEntry, ShortlistFilter, ShortlistSort};
use standort_store::{AnyConnection, PageRequest, Paged, audit};

use crate::policy::{self, CandidateAccess, Permission};
use crate::{Actor, App, AppError};

/// What a shortlist form or JSON body sends: the position it is for (an id of the employer's
/// own positions), optional.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ShortlistInput {
    pub position_id: Option<String>,
}

/// The shortlist's search, filter and order as its URL gives them.
#[derive(Debug, Clone, Default)]
pub struct ShortlistQuery {
    /// Words of the candidate's name (matched without diacritics).
    pub name: Option<String>,
    /// Only entries for this position (an id of the employer's own positions).
    pub position: Option<String>,
    pub order: Order<ShortlistSort>,
    /// `Some(format)` when the rows are read for a download (audited as `export`).
    pub export: Option<&'static str>,
}

/// An optional position of the actor's own organisation from a form field: empty is `None`;
/// anything else must be one of its positions (`invalid-choice` on `field` otherwise, so
/// another organisation's position is refused like an unknown one).
pub(super) async fn own_position(
    conn: &mut AnyConnection,
    actor: &Actor,
    field: &'static str,
    value: Option<&str>,
) -> Result<Option<i64>, AppError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let refused = || AppError::from(ValidationError::new(field, "invalid-choice"));
    let id: i64 = v.parse().map_err(|_| refused())?;
    match store::get_position(conn, id).await {
        Ok(p) if p.data.org_id == actor.user.org_id => Ok(Some(id)),
        Ok(_) | Err(standort_store::StoreError::NotFound) => Err(refused()),
        Err(e) => Err(e.into()),
    }
}

impl App {
    /// Checks inside `conn` that the employer may act on the candidate: the feature (404 for
    /// every other role) and the candidate in the employer's view (404 otherwise).
    pub(super) async fn actionable_candidate(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        candidate: i64,
    ) -> Result<(), AppError> {
        policy::require(actor, Permission::ActOnSharedCandidates)?;
        let (_, access) = self.candidate_for(conn, actor, candidate).await?;
        if access != CandidateAccess::Shared {
            return Err(AppError::NotFound);
        }
        Ok(())
    }

    /// Puts a candidate on the employer organisation's shortlist (or changes the position it
    /// is for); `true` when the candidate was not on it before.
    pub async fn shortlist_add(
        &self,
        actor: &Actor,
        candidate: i64,
        input: &ShortlistInput,
    ) -> Result<bool, AppError> {
        let now = self.now();
        let org = actor.user.org_id;
        let mut tx = self.db.begin_write().await?;
        self.actionable_candidate(&mut tx, actor, candidate).await?;
        let position =
            own_position(&mut tx, actor, "position_id", input.position_id.as_deref()).await?;
        let added =
            store::add_to_shortlist(&mut tx, org, candidate, position, actor.id(), now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("shortlist", "candidate", candidate, Some(org))
                .with_after(json!({ "position": position, "new": added })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Takes a candidate off the organisation's shortlist; `NotFound` when it was not on it.
    pub async fn shortlist_remove(&self, actor: &Actor, candidate: i64) -> Result<(), AppError> {
        let now = self.now();
        let org = actor.user.org_id;
        let mut tx = self.db.begin_write().await?;
        self.actionable_candidate(&mut tx, actor, candidate).await?;
        if !store::remove_from_shortlist(&mut tx, org, candidate).await? {
            return Err(AppError::NotFound);
        }
        audit::append(
            &mut tx,
            &actor.audit("unshortlist", "candidate", candidate, Some(org)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the candidate is on the actor's organisation's shortlist (and for which
    /// position): `None` for roles without the feature. Part of the profile page, whose read
    /// is audited already.
    pub async fn shortlist_state(
        &self,
        actor: &Actor,
        candidate: i64,
    ) -> Result<Option<Option<i64>>, AppError> {
        if !policy::allows(actor.role(), Permission::ActOnSharedCandidates) {
            return Ok(None);
        }
        let mut conn = self.db.conn().await?;
        Ok(store::shortlisted(&mut conn, actor.user.org_id, candidate).await?)
    }

    /// The employer organisation's shortlist with its search, filter and order; a page is
    /// audited as a `list` of the candidates' ids, a download as an `export`.
    pub async fn query_shortlist(
        &self,
        actor: &Actor,
        query: &ShortlistQuery,
        page: PageRequest,
    ) -> Result<Paged<ShortlistEntry>, AppError> {
        policy::require(actor, Permission::ActOnSharedCandidates)?;
        let now = self.now();
        let mut conn = self.db.conn().await?;
        let position =
            own_position(&mut conn, actor, "position", query.position.as_deref()).await?;
        let filter = ShortlistFilter {
            org: actor.user.org_id,
            position,
            // The same rule the API's `search_text` schema declares (one line, at most 200
            // characters, no control or bidirectional formatting characters).
            name: standort_domain::optional_line("q", query.name.as_deref(), 200)?
                .as_deref()
                .map(fold_for_search)
                .filter(|n| !n.trim().is_empty()),
            order: query.order,
        };
        let list = store::list_shortlist(&mut conn, &filter, page).await?;
        drop(conn);
        if !list.items.is_empty() {
            let ids: Vec<i64> = list.items.iter().map(|e| e.candidate_id).collect();
            let entry = match query.export {
                Some(format) => actor
                    .audit("export", "candidate", "", Some(actor.user.org_id))
                    .with_after(json!({ "ids": ids, "format": format, "list": "shortlist" })),
                None => actor
                    .audit("list", "candidate", "", Some(actor.user.org_id))
                    .with_after(json!({ "ids": ids, "list": "shortlist" })),
            };
            self.audit_read(entry, now).await?;
        }
        Ok(list)
    }

    /// How many candidates are on the actor's organisation's shortlist (dashboard card).
    pub async fn count_shortlist(&self, actor: &Actor) -> Result<i64, AppError> {
        policy::require(actor, Permission::ActOnSharedCandidates)?;
        let mut conn = self.db.conn().await?;
        Ok(store::count_shortlist(&mut conn, actor.user.org_id).await?)
    }
}
