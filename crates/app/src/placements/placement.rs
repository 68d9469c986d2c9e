//! Placements themselves: creating one (with the default checklist), the list each role may
//! see and the single view with its tracks, allowed and refused next steps, history and costs.

use serde::Serialize;
use serde_json::json;
use standort_domain::Role;
use standort_placement::board::{self, Milestone};
use standort_placement::{DEFAULT_CHECKLIST, Day, DueItem, Event, Placement, Refusal, Track};
use standort_store::list::Order;
use standort_store::placements::{
    self as store, ChecklistRow, CostRecord, EventRecord, PlacementData, PlacementFilter,
    PlacementSort, PlacementSummary,
};
use standort_store::{PageRequest, Paged, audit, recruitment as rec};

use super::{checklist_items, context, context_of, history, stage_of, store_due, unix_of};
use crate::policy::{self, Permission, PlacementAccess};
use crate::{Actor, App, AppError};

// ---------------------------------------------------------------- views

/// What the placements list shows: search text, filters and order (see `docs/lists.md`).
#[derive(Debug, Clone, Default)]
pub struct PlacementQuery {
    /// Words of the candidate's name (matched without diacritics).
    pub search: Option<String>,
    /// The programme's id (the API's `programme_id`).
    pub programme: Option<i64>,
    /// Words of the programme's name (the page's programme filter).
    pub programme_named: Option<String>,
    /// A counsellor's own caseload.
    pub mine: bool,
    /// One candidate's placements (the candidate's page).
    pub candidate: Option<i64>,
    /// One position's placements (the position's page).
    pub position: Option<i64>,
    /// Only placements with an open item whose due day has passed (the dashboard card).
    pub overdue: bool,
    pub order: Order<PlacementSort>,
    /// `Some(format)` when the rows are read for a download (audited as `export`).
    pub export: Option<&'static str>,
}

/// One track of a placement as shown.
#[derive(Debug, Clone, Serialize)]
pub struct TrackView {
    pub track: Track,
    /// The key of the last step (`not_started` when none).
    pub stage: &'static str,
    /// The last step's detail (`B1`, `§ 16a` …).
    pub detail: Option<String>,
    /// The day of the last step.
    pub since: Option<Day>,
    pub owner: Option<String>,
    /// Steps that may be recorded now (empty for read-only access).
    pub allowed: Vec<Event>,
    /// Natural next steps that are not possible now, with the reason.
    pub refused: Vec<(Event, Refusal)>,
    pub checklist: Vec<ChecklistRow>,
    /// Open items with a due day on this track.
    pub due: Vec<DueItem>,
}

/// A placement with its tracks, history, costs and due items.
#[derive(Debug, Clone, Serialize)]
pub struct PlacementView {
    pub summary: PlacementSummary,
    #[serde(skip)]
    pub access: PlacementAccess,
    pub state: Placement,
    pub milestone: Milestone,
    pub tracks: Vec<TrackView>,
    pub history: Vec<EventRecord>,
    /// Empty for employers.
    pub costs: Vec<CostRecord>,
    /// A cost borne by the candidate (fair-recruitment rule broken).
    pub costs_flagged: bool,
    /// Today (engine day), the reference of `overdue`.
    pub today: Day,
    /// Open due items whose day has passed.
    pub overdue: Vec<DueItem>,
}

impl PlacementView {
    pub fn can_manage(&self) -> bool {
        self.access == PlacementAccess::Manage
    }
    pub fn name(&self) -> String {
        format!("{} {}", self.summary.family_name, self.summary.given_names)
    }
}

impl App {
    /// Creates a placement of a candidate for a position, optionally in a programme, with the
    /// default document checklist. Staff any candidate; counsellors their caseload's.
    pub async fn create_placement(
        &self,
        actor: &Actor,
        candidate_id: i64,
        position_id: i64,
        programme_id: Option<i64>,
    ) -> Result<i64, AppError> {
        policy::require(actor, Permission::ManagePlacements)?;
        let now = self.now();
        let mut tx = self.db.begin_write().await?;
        let candidate = rec::get_candidate(&mut tx, candidate_id).await?;
        if actor.role() == Role::JobCounsellor && candidate.data.counsellor_id != Some(actor.id()) {
            return Err(AppError::NotFound);
        }
        let position = rec::get_position(&mut tx, position_id).await?;
        if let Some(p) = programme_id {
            store::get_programme(&mut tx, p).await?;
        }
        let data = PlacementData {
            candidate_id,
            position_id,
            programme_id,
            recognition_required: position.data.recognition_required,
            partnership_accepted: position.data.recognition_partnership,
            apprenticeship: position.data.kind == "apprenticeship",
        };
        let id = store::insert_placement(&mut tx, &data, Some(actor.id()), now).await?;
        for (track, item) in DEFAULT_CHECKLIST {
            store::insert_checklist_item(&mut tx, id, track.as_str(), item, None).await?;
        }
        store_due(&mut tx, id, &Placement::new(context_of(&data))).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "placement", id, Some(candidate.data.org_id))
                .with_after(serde_json::to_value(&data).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Placements the actor may see: staff and counsellors all (`mine`: a counsellor's
    /// caseload), employers those at their positions of consenting candidates, candidates
    /// their own. Audited (except the candidate's own).
    pub async fn list_placements(
        &self,
        actor: &Actor,
        programme: Option<i64>,
        mine: bool,
        page: PageRequest,
    ) -> Result<Paged<PlacementSummary>, AppError> {
        let query = PlacementQuery {
            programme,
            mine,
            ..Default::default()
        };
        self.query_placements(actor, &query, page).await
    }

    /// The placements list with its filters and order ([`PlacementQuery`]); the rows each role
    /// may see as in [`Self::list_placements`]. A download (`query.export`) is audited as an
    /// `export` of its ids.
    pub async fn query_placements(
        &self,
        actor: &Actor,
        query: &PlacementQuery,
        page: PageRequest,
    ) -> Result<Paged<PlacementSummary>, AppError> {
        policy::require(actor, Permission::ReadPlacements)?;
        let mut filter = PlacementFilter {
            programme: query.programme,
            programme_named: crate::filled(&query.programme_named).map(str::to_owned),
            candidate: query.candidate,
            position: query.position,
            overdue_before: query.overdue.then(|| unix_of(self.today())),
            search: query
                .search
                .as_deref()
                .map(standort_esco::fold_for_search)
                .filter(|s| !s.trim().is_empty()),
            order: query.order,
            ..Default::default()
        };
        match actor.role() {
            Role::AgencyStaff => {}
            Role::JobCounsellor => filter.counsellor = query.mine.then(|| actor.id()),
            Role::Employer => {
                filter.position_org = Some(actor.user.org_id);
                filter.shared_only = true;
            }
            Role::Candidate => filter.candidate_user = Some(actor.id()),
            _ => return Err(AppError::NotFound),
        }
        let now = self.now();
        // Read, then append the audit entry as a statement of its own: a SQLite transaction that
        // reads first cannot wait for the write lock (it fails at once when another request
        // wrote in between), so concurrent list reads failed under load. The entry is written
        // before the list is returned, so no unaudited list leaves.
        let mut conn = self.db.conn().await?;
        let list = store::list_placements(&mut conn, &filter, page).await?;
        if actor.role() != Role::Candidate && !list.items.is_empty() {
            let ids: Vec<i64> = list.items.iter().map(|p| p.id).collect();
            drop(conn);
            let entry = match query.export {
                Some(format) => actor
                    .audit("export", "placement", "", None)
                    .with_after(json!({ "ids": ids, "format": format })),
                None => actor
                    .audit("list", "placement", "", None)
                    .with_after(json!({ "ids": ids })),
            };
            self.audit_read(entry, now).await?;
        }
        Ok(list)
    }

    /// One placement with its tracks, the steps allowed next, refused next steps with their
    /// reasons, the history, checklist, costs and overdue items. Reads by anyone but the
    /// candidate are audited.
    pub async fn get_placement(&self, actor: &Actor, id: i64) -> Result<PlacementView, AppError> {
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let (summary, access) = self.placement_for(&mut tx, actor, id).await?;
        let events = store::events(&mut tx, id).await?;
        let checklist = store::checklist(&mut tx, id).await?;
        let costs = store::costs(&mut tx, id).await?;
        let owners = store::owners(&mut tx, id).await?;
        let org = match access {
            PlacementAccess::Own => None,
            _ => Some(
                rec::get_candidate(&mut tx, summary.data.candidate_id)
                    .await?
                    .data
                    .org_id,
            ),
        };
        tx.commit().await?;
        // The audit entry in a transaction of its own after the read one: a SQLite transaction
        // that read first cannot wait for the write lock (see `list_placements`). It is written
        // before the view is returned, so no unaudited read leaves.
        if let Some(org) = org {
            self.audit_read(actor.audit("read", "placement", id, Some(org)), now)
                .await?;
        }
        Ok(self.view(summary, access, events, checklist, costs, owners))
    }

    fn view(
        &self,
        summary: PlacementSummary,
        access: PlacementAccess,
        events: Vec<EventRecord>,
        checklist: Vec<ChecklistRow>,
        mut costs: Vec<CostRecord>,
        owners: Vec<(String, i64, String)>,
    ) -> PlacementView {
        let today = self.today();
        let h = history(&events).unwrap_or_default();
        let state = Placement::replay(context(&summary), h.iter());
        let due = state.due_items(&checklist_items(&checklist));
        let manage = access == PlacementAccess::Manage;
        let tracks = Track::ALL
            .into_iter()
            .map(|t| {
                let (stage, detail, since) = stage_of(&state, t);
                let (allowed, refused) = if manage {
                    state.next_steps(t, today)
                } else {
                    (Vec::new(), Vec::new())
                };
                TrackView {
                    track: t,
                    stage,
                    detail,
                    since,
                    owner: owners
                        .iter()
                        .find(|(tr, _, _)| tr == t.as_str())
                        .map(|(_, _, n)| n.clone()),
                    allowed,
                    refused,
                    checklist: checklist
                        .iter()
                        .filter(|c| c.track == t.as_str())
                        .cloned()
                        .collect(),
                    due: due.iter().filter(|d| d.track == t).cloned().collect(),
                }
            })
            .collect();
        if access == PlacementAccess::Employer {
            costs.clear();
        }
        PlacementView {
            costs_flagged: costs.iter().any(CostRecord::flagged),
            overdue: due.iter().filter(|d| d.overdue(today)).cloned().collect(),
            milestone: board::furthest(&state),
            summary,
            access,
            state,
            tracks,
            history: events,
            costs,
            today,
        }
    }
}
