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
    /// The steps that can come next, each once: its key (`event-<key>` in the catalogue)
    /// and its detail (the language level, the visa route …). An exam offered as passed and
    /// as failed is one step for the candidate.
    pub next: Vec<NextStep>,
    /// Open documents and deadlines with their due day.
    pub due: Vec<DueItem>,
}

/// A step that can come next, as the candidate reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStep {
    pub key: &'static str,
    pub detail: Option<String>,
}

impl NextStep {
    fn of(e: &Event) -> NextStep {
        let detail = match e {
            // The outcome is not known beforehand: the step is "take the B1 exam".
            Event::LanguageExamTaken { level, .. } => Some(level.as_str().to_owned()),
            other => other.detail(),
        };
        NextStep {
            key: e.key(),
            detail,
        }
    }
}

impl App {
    /// The logged-in candidate's own placements: each track's stage, the steps that can
    /// come next and the open documents and deadlines. For the candidate portal.
    pub async fn own_tracks(&self, actor: &Actor) -> Result<Vec<OwnPlacement>, AppError> {
        policy::require(actor, Permission::ReadPlacements)?;
        if actor.role() != Role::Candidate {
            return Err(AppError::NotFound);
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
                        let mut next: Vec<NextStep> = Vec::new();
                        for e in state.next_steps(t, today).0.iter() {
                            let step = NextStep::of(e);
                            if !next.contains(&step) {
                                next.push(step);
                            }
                        }
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
