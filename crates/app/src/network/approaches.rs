//! Approaches (direct approach, visit, call, e-mail, meeting, letter): the visit log. Before a
//! company is approached again, staff see who approached it recently: recording an approach of
//! a company approached within [`RECENT_DAYS`] is refused with `approached-recently` (nothing
//! written) unless the input confirms it.

use serde::Deserialize;
use serde_json::json;
use standort_domain::date::parse_date;
use standort_domain::network::Channel;
use standort_domain::{OrgId, ValidationError};
use standort_store::list::Order;
use standort_store::network::{
    self as store, Approach, ApproachData, ApproachFilter, ApproachSort,
};
use standort_store::{PageRequest, Paged, audit};

use super::partners::LogView;
use super::{DAY, line, required, required_day, text};
use crate::policy::{self, Permission, VisitLogAccess};
use crate::{Actor, App, AppError};

/// The visit log's search, filters and order as the log's URL gives them (text; the use case
/// checks them).
#[derive(Debug, Clone, Default)]
pub struct ApproachQuery {
    /// Words of the topic, outcome or next step.
    pub text: Option<String>,
    /// Words of the approached company's name.
    pub company: Option<String>,
    /// Words of the approaching organisation's name.
    pub by: Option<String>,
    pub channel: Option<String>,
    /// The period's first and last day (`YYYY-MM-DD`, both included).
    pub from: Option<String>,
    pub to: Option<String>,
    pub order: Order<ApproachSort>,
}

use crate::filled as set;

/// How far back an earlier approach of the same company counts as recent.
pub const RECENT_DAYS: i64 = 90;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApproachInput {
    /// The company approached.
    pub org_id: Option<String>,
    pub channel: Option<String>,
    /// `YYYY-MM-DD`
    pub on: Option<String>,
    pub topic: Option<String>,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
    /// `YYYY-MM-DD`
    pub next_due: Option<String>,
    /// Record it although the company was approached recently (`1`/`true`).
    pub confirm: Option<String>,
}

impl App {
    /// Records an approach made by the actor's organisation: agency staff of any company, a
    /// partner agency's people of a company in their scope (404 otherwise).
    pub async fn record_approach(
        &self,
        actor: &Actor,
        input: &ApproachInput,
    ) -> Result<Approach, AppError> {
        let access = policy::visit_log_access(actor)?;
        if access == VisitLogAccess::Read {
            policy::require(actor, Permission::ManageNetwork)?;
        }
        let channel = input
            .channel
            .as_deref()
            .and_then(Channel::parse)
            .ok_or(ValidationError::new("channel", "unknown-channel"))?;
        let on_day = required_day("on", &input.on)?;
        let topic = required("topic", &input.topic, 300)?;
        let outcome = text("outcome", &input.outcome, 2000)?;
        let next_step = line("next_step", &input.next_step, 300)?;
        let next_due = standort_domain::date::parse_date("next_due", &input.next_due)?;
        if next_due.is_some_and(|d| d < on_day) {
            return Err(ValidationError::new("next_due", "before-start").into());
        }
        let confirmed = matches!(
            input.confirm.as_deref().map(str::trim),
            Some("1" | "true" | "on")
        );
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let view = LogView::of(&mut tx, actor).await?;
        let org_id = view.company_field(&mut tx, "org_id", &input.org_id).await?;
        if !confirmed {
            let recent = store::list_approaches(
                &mut tx,
                &ApproachFilter {
                    org: Some(org_id),
                    since: Some(on_day - RECENT_DAYS * DAY),
                    before: Some(on_day + DAY),
                    ..ApproachFilter::default()
                },
                PageRequest::new(Some(1), None),
            )
            .await?;
            if recent.total > 0 {
                return Err(AppError::Conflict("approached-recently"));
            }
        }
        let data = ApproachData {
            org_id,
            channel,
            on_day,
            by_user: Some(actor.id()),
            by_org_id: actor.user.org_id,
            topic,
            outcome,
            next_step,
            next_due,
        };
        let a = store::insert_approach(&mut tx, &data, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "network_approach", a.id, Some(org_id))
                .with_after(
                    json!({"org_id": org_id.0, "channel": channel.as_str(), "on_day": on_day}),
                ),
            now,
        )
        .await?;
        // A next step already within the reminders' horizon is announced at once.
        let mut mailed = 0;
        if a.data.next_due.is_some() {
            let raises =
                super::reminders::follow_up_raises(&mut tx, super::day_start(now), Some(a.id))
                    .await?;
            mailed = self.raise(&mut tx, &raises, now).await?.mailed;
        }
        tx.commit().await?;
        if mailed > 0 {
            self.wake_sender();
        }
        Ok(a)
    }

    /// Approaches of one company within [`RECENT_DAYS`] before `day` (inclusive), newest first,
    /// by every agency: what staff and partners see before approaching it again (partners: a
    /// company in their scope, else 404).
    pub async fn recent_approaches(
        &self,
        actor: &Actor,
        org: OrgId,
        day: i64,
    ) -> Result<Vec<Approach>, AppError> {
        let mut conn = self.db.conn().await?;
        LogView::of(&mut conn, actor)
            .await?
            .company(&mut conn, org)
            .await?;
        Ok(store::list_approaches(
            &mut conn,
            &ApproachFilter {
                org: Some(org),
                since: Some(day - RECENT_DAYS * DAY),
                before: Some(day + DAY),
                ..ApproachFilter::default()
            },
            PageRequest::new(Some(20), None),
        )
        .await?
        .items)
    }

    /// The visit log with its search, filters and order ([`ApproachQuery`]); readers as
    /// [`App::list_approaches`].
    pub async fn query_approaches(
        &self,
        actor: &Actor,
        query: &ApproachQuery,
        page: PageRequest,
    ) -> Result<Paged<Approach>, AppError> {
        let mut conn = self.db.conn().await?;
        let view = LogView::of(&mut conn, actor).await?;
        let channel = match set(&query.channel) {
            None => None,
            Some(c) => {
                Some(Channel::parse(c).ok_or(ValidationError::new("channel", "invalid-choice"))?)
            }
        };
        let filter = ApproachFilter {
            org: None,
            org_named: set(&query.company).map(str::to_owned),
            by_named: set(&query.by).map(str::to_owned),
            since: parse_date("from", &query.from)?,
            // Up to the end of the last day.
            before: parse_date("to", &query.to)?.map(|d| d + DAY),
            channel,
            text: set(&query.text).map(str::to_owned),
            order: query.order,
            scope: view.scope.clone(),
        };
        Ok(store::list_approaches(&mut conn, &filter, page).await?)
    }

    /// The visit log, newest first; `org` keeps one company's approaches (for a partner, a
    /// company outside its scope answers 404).
    pub async fn list_approaches(
        &self,
        actor: &Actor,
        org: Option<OrgId>,
        page: PageRequest,
    ) -> Result<Paged<Approach>, AppError> {
        let mut conn = self.db.conn().await?;
        let view = LogView::of(&mut conn, actor).await?;
        if let Some(o) = org {
            view.company(&mut conn, o).await?;
        }
        Ok(store::list_approaches(
            &mut conn,
            &ApproachFilter {
                org,
                scope: view.scope,
                ..ApproachFilter::default()
            },
            page,
        )
        .await?)
    }

    /// One approach; for a partner, one of a company outside its scope answers 404.
    pub async fn get_approach(&self, actor: &Actor, id: i64) -> Result<Approach, AppError> {
        let mut conn = self.db.conn().await?;
        let view = LogView::of(&mut conn, actor).await?;
        let a = store::get_approach(&mut conn, id).await?;
        view.company(&mut conn, a.data.org_id).await?;
        Ok(a)
    }
}
