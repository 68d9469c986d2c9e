//! Introduction requests (issue 11 point 14): an employer asks the agency to introduce a
//! candidate it may see, with an optional message and the position it is for; agency staff
//! answer — accept (with the next steps or a contact) or decline (with the reason). One open
//! request per organisation, candidate and position. Staff hear of a new request and the
//! employer organisation's people of the answer (notifications `introduction_requested`,
//! `introduction_answered`). Writes are audited in their transaction with ids and states only
//! (the message and answer are free text about a person and stay out of the append-only log);
//! list reads as `list`/`export` with the ids.

use serde::Deserialize;
use serde_json::json;
use standort_domain::introduction::IntroductionState;
use standort_domain::{IntroductionId, Role, ValidationError};
use standort_esco::fold_for_search;
use standort_store::list::Order;
use standort_store::recruitment::{
    self as store, Introduction, IntroductionFilter, IntroductionSort,
};
use standort_store::{PageRequest, Paged, audit};

use super::shortlist::own_position;
use crate::notifications::{NotificationKind, Raise, Recipient};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// The most characters a message or an answer holds.
pub const INTRODUCTION_TEXT_MAX: usize = 2000;

/// An employer's request as a form or JSON body sends it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IntroductionInput {
    /// One of the employer's own positions, optional.
    pub position_id: Option<String>,
    pub message: Option<String>,
}

/// Staff's answer: `decision` is `accept` or `decline`; `answer` the next steps or contact
/// (accept) or the reason (decline), required either way.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IntroductionAnswer {
    pub decision: Option<String>,
    pub answer: Option<String>,
}

/// The requests list's filters and order as its URL gives them.
#[derive(Debug, Clone, Default)]
pub struct IntroductionQuery {
    /// `open`, `answered`, `accepted` or `declined`; empty: all.
    pub state: Option<String>,
    /// One candidate's requests (the candidate's page).
    pub candidate: Option<i64>,
    /// Words of the candidate's name.
    pub name: Option<String>,
    pub order: Order<IntroductionSort>,
    /// `Some(format)` when the rows are read for a download (audited as `export`).
    pub export: Option<&'static str>,
}

fn text(field: &'static str, v: &Option<String>) -> Result<String, AppError> {
    Ok(
        standort_domain::optional_text(field, v.as_deref(), INTRODUCTION_TEXT_MAX)?
            .unwrap_or_default(),
    )
}

impl App {
    /// An employer asks the agency for an introduction to a candidate it may see (404
    /// otherwise). A second open request for the same candidate and position is refused
    /// (`Conflict("introduction-open")`).
    pub async fn request_introduction(
        &self,
        actor: &Actor,
        candidate: i64,
        input: &IntroductionInput,
    ) -> Result<Introduction, AppError> {
        let message = text("message", &input.message)?;
        let now = self.now();
        let org = actor.user.org_id;
        let mut tx = self.db.begin_write().await?;
        self.actionable_candidate(&mut tx, actor, candidate).await?;
        let position =
            own_position(&mut tx, actor, "position_id", input.position_id.as_deref()).await?;
        if store::open_introduction(&mut tx, org, candidate, position)
            .await?
            .is_some()
        {
            return Err(AppError::Conflict("introduction-open"));
        }
        let id = store::insert_introduction(
            &mut tx,
            org,
            candidate,
            position,
            &message,
            actor.id(),
            now,
        )
        .await
        .map_err(|e| match e {
            // Two requests at once: the unique index keeps one.
            standort_store::StoreError::Conflict(_) => AppError::Conflict("introduction-open"),
            e => e.into(),
        })?;
        let request = store::get_introduction(&mut tx, id).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "introduction_request", id, Some(org))
                .with_after(json!({ "candidate": candidate, "position": position })),
            now,
        )
        .await?;
        // Agency staff hear of it; the text names the employer (a record staff may open),
        // never the person.
        let raise = Raise {
            kind: NotificationKind::IntroductionRequested,
            recipient: Recipient::role_for_record(Role::AgencyStaff, org),
            record_key: format!("introduction:{id}"),
            link: format!("/recruitment/candidates/{candidate}#introductions"),
            params: json!({ "org": request.org_name }),
            due_on: None,
        };
        let mailed = self.raise(&mut tx, &[raise], now).await?.mailed;
        tx.commit().await?;
        if mailed > 0 {
            self.wake_sender();
        }
        Ok(request)
    }

    /// Agency staff answer an open request; an answered one is `Conflict("introduction-answered")`.
    /// The employer organisation's people are notified.
    pub async fn answer_introduction(
        &self,
        actor: &Actor,
        id: IntroductionId,
        input: &IntroductionAnswer,
    ) -> Result<Introduction, AppError> {
        policy::require(actor, Permission::AnswerIntroductions)?;
        let state = match crate::filled(&input.decision) {
            Some("accept") => IntroductionState::Accepted,
            Some("decline") => IntroductionState::Declined,
            Some(_) => return Err(ValidationError::new("decision", "invalid-choice").into()),
            None => return Err(ValidationError::new("decision", "required").into()),
        };
        let answer = text("answer", &input.answer)?;
        if answer.trim().is_empty() {
            return Err(ValidationError::new("answer", "required").into());
        }
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let before = store::get_introduction(&mut tx, id).await?;
        store::answer_introduction(&mut tx, id, state, &answer, actor.id(), now)
            .await
            .map_err(|e| match e {
                standort_store::StoreError::Conflict(_) => {
                    AppError::Conflict("introduction-answered")
                }
                e => e.into(),
            })?;
        audit::append(
            &mut tx,
            &actor
                .audit("answer", "introduction_request", id, Some(before.org_id))
                .with_after(json!({ "candidate": before.candidate_id, "state": state.as_str() })),
            now,
        )
        .await?;
        let raise = Raise {
            kind: NotificationKind::IntroductionAnswered,
            recipient: Recipient::role_for_record(Role::Employer, before.org_id),
            record_key: format!("introduction:{id}:answer"),
            link: format!(
                "/recruitment/candidates/{}#introductions",
                before.candidate_id
            ),
            params: json!({ "state": state.as_str() }),
            due_on: None,
        };
        let mailed = self.raise(&mut tx, &[raise], now).await?.mailed;
        let after = store::get_introduction(&mut tx, id).await?;
        tx.commit().await?;
        if mailed > 0 {
            self.wake_sender();
        }
        Ok(after)
    }

    /// One request: staff any, an employer its own organisation's about a candidate it may
    /// still see; anything else `NotFound`. The read is audited.
    pub async fn get_introduction(
        &self,
        actor: &Actor,
        id: IntroductionId,
    ) -> Result<Introduction, AppError> {
        let r = {
            let mut conn = self.db.conn().await?;
            let r = store::get_introduction(&mut conn, id).await?;
            let staff = policy::allows(actor.role(), Permission::AnswerIntroductions);
            let own = policy::allows(actor.role(), Permission::ActOnSharedCandidates)
                && r.org_id == actor.user.org_id
                && store::is_shared_with(&mut conn, r.candidate_id, r.org_id).await?;
            if !(staff || own) {
                return Err(AppError::NotFound);
            }
            r
        };
        self.audit_read(
            actor.audit("read", "introduction_request", id, Some(r.org_id)),
            self.now(),
        )
        .await?;
        Ok(r)
    }

    /// The requests list: staff every employer's, an employer its own organisation's (of
    /// candidates it may still see); others `NotFound`. Audited as `list` or `export` of ids.
    pub async fn query_introductions(
        &self,
        actor: &Actor,
        query: &IntroductionQuery,
        page: PageRequest,
    ) -> Result<Paged<Introduction>, AppError> {
        let employer = if policy::allows(actor.role(), Permission::AnswerIntroductions) {
            None
        } else {
            policy::require(actor, Permission::ActOnSharedCandidates)?;
            Some(actor.user.org_id)
        };
        let states = match crate::filled(&query.state) {
            None => Vec::new(),
            Some("answered") => vec![IntroductionState::Accepted, IntroductionState::Declined],
            Some(s) => vec![
                IntroductionState::parse(s)
                    .ok_or(ValidationError::new("state", "invalid-choice"))?,
            ],
        };
        let filter = IntroductionFilter {
            employer,
            candidate: query.candidate,
            states,
            // The same rule the API's `search_text` schema declares (one line, at most 200
            // characters, no control or bidirectional formatting characters).
            name: standort_domain::optional_line("q", query.name.as_deref(), 200)?
                .as_deref()
                .map(fold_for_search)
                .filter(|n| !n.trim().is_empty()),
            order: query.order,
        };
        let now = self.now();
        let list = {
            let mut conn = self.db.conn().await?;
            store::list_introductions(&mut conn, &filter, page).await?
        };
        if !list.items.is_empty() {
            let ids: Vec<i64> = list.items.iter().map(|r| r.id.0).collect();
            let entry = match query.export {
                Some(format) => actor
                    .audit("export", "introduction_request", "", employer)
                    .with_after(json!({ "ids": ids, "format": format })),
                None => actor
                    .audit("list", "introduction_request", "", employer)
                    .with_after(json!({ "ids": ids })),
            };
            self.audit_read(entry, now).await?;
        }
        Ok(list)
    }

    /// Open requests waiting for an answer (the staff's dashboard card).
    pub async fn count_open_introductions(&self, actor: &Actor) -> Result<i64, AppError> {
        policy::require(actor, Permission::AnswerIntroductions)?;
        let mut conn = self.db.conn().await?;
        Ok(store::count_introductions(
            &mut conn,
            &IntroductionFilter {
                states: vec![IntroductionState::Open],
                ..Default::default()
            },
        )
        .await?)
    }
}
