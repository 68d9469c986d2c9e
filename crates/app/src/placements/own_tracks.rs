//! The candidate's own view of their placements, for the candidate portal.

use serde::Serialize;
use standort_domain::Role;
use standort_placement::board::{self, Milestone};
use standort_placement::{Day, DueItem, Event, Placement, Track};
use standort_store::placements::{self as store, PlacementFilter};

use super::{checklist_items, context, history, stage_of};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// A placement in the candidate's own view: tracks and what comes next.
#[derive(Debug, Clone, Serialize)]
pub struct OwnPlacement {
    pub placement_id: i64,
    pub position_title: String,
    pub programme: Option<String>,
    pub milestone: Milestone,
    pub tracks: Vec<OwnTrack>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnTrack {
    pub track: Track,
    pub stage: &'static str,
    pub detail: Option<String>,
    pub since: Option<Day>,
    /// Keys of the steps that can come next (`event-<key>` in the catalogue).
    pub next: Vec<&'static str>,
    /// Open documents and deadlines with their due day.
    pub due: Vec<DueItem>,
}

impl App {
    /// The logged-in candidate's own placements: each track's stage, the steps that can
    /// come next and the open documents and deadlines. For the candidate portal.
    pub async fn own_tracks(&self, actor: &Actor) -> Result<Vec<OwnPlacement>, AppError> {
        policy::require(actor, Permission::ReadPlacements)?;
        if actor.role() != Role::Candidate {
            return Err(AppError::Forbidden);
        }
        let today = self.today();
        let mut conn = self.db.conn().await?;
        let filter = PlacementFilter {
            candidate_user: Some(actor.id()),
            ..Default::default()
        };
        let mut out = Vec::new();
        for s in store::all_placements(&mut conn, &filter).await? {
            let events = store::events(&mut conn, s.id).await?;
            let checklist = store::checklist(&mut conn, s.id).await?;
            let state = Placement::replay(context(&s), history(&events)?.iter());
            let due = state.due_items(&checklist_items(&checklist));
            out.push(OwnPlacement {
                placement_id: s.id,
                position_title: s.position_title.clone(),
                programme: s.programme_name.clone(),
                milestone: board::furthest(&state),
                tracks: Track::ALL
                    .into_iter()
                    .map(|t| {
                        let (stage, detail, since) = stage_of(&state, t);
                        let mut next: Vec<&'static str> = state
                            .next_steps(t, today)
                            .0
                            .iter()
                            .map(Event::key)
                            .collect();
                        next.dedup();
                        OwnTrack {
                            track: t,
                            stage,
                            detail,
                            since,
                            next,
                            due: due.iter().filter(|d| d.track == t).cloned().collect(),
                        }
                    })
                    .collect(),
            });
        }
        Ok(out)
    }
}
