//! Recruitment tracks: programmes (cohorts), placements (a candidate for a position) and the
//! steps on their six parallel tracks, decided by the pure engine `standort_placement`.
//!
//! Permissions come from [`policy`]: agency staff manage every placement and programme; job
//! counsellors read every placement and manage their caseload's; employers see the placements
//! for their own positions of candidates who consented to be shown (no costs); candidates see
//! their own ([`App::own_tracks`]). Anything else answers `NotFound`. Every write is audited in
//! its transaction; every read of a placement by someone other than the candidate too.
//!
//! A refused step (the engine's [`Refusal`](standort_placement::Refusal)) becomes `AppError::Conflict(code)`; nothing is
//! written. The history is append-only: the state is always the replay of the stored events.
//!
//! One file per entity or use case, each adding its methods to [`App`]: `programmes`, the
//! programme `board`, the `placement` itself (create, list, view), `steps` on the tracks (and
//! their owners), the `checklist`, `costs`, the stored `due` items with the overdue card,
//! `own_tracks` for the candidate portal and the `demo` data. This file holds the day helpers
//! and the access and replay helpers they share.

mod board;
mod checklist;
mod costs;
mod demo;
mod due;
mod own_tracks;
mod placement;
mod programmes;
mod steps;

use standort_domain::date::parse_date;
use standort_placement::{ChecklistItem, Context, Day, Event, Placement, Track};
use standort_store::AnyConnection;
use standort_store::placements::{
    self as store, ChecklistRow, EventRecord, PlacementData, PlacementSummary,
};

use crate::policy::{self, Permission, PlacementAccess, PlacementFacts};
use crate::{Actor, App, AppError};

pub use board::{BoardRow, ProgrammeBoard};
pub use checklist::ChecklistInput;
pub use costs::{BORNE_BY, CostInput};
pub use demo::load_placements_demo;
pub use due::{DUE_RULES, OverdueLine};
pub(crate) use due::{dashboard, store_due};
pub use own_tracks::{NextStep, OwnPlacement, OwnTrack};
pub use placement::{PlacementQuery, PlacementView, TrackView};
pub use programmes::{ProgrammeInput, ProgrammeQuery};
pub use steps::EventInput;

const DAY: i64 = 86_400;

/// Unix seconds → engine day.
pub fn day_of(unix: i64) -> Day {
    unix.div_euclid(DAY)
}

/// Engine day → Unix seconds at 00:00 UTC.
pub fn unix_of(day: Day) -> i64 {
    day * DAY
}

/// `YYYY-MM-DD` of an engine day.
pub fn format_day(day: Day) -> String {
    standort_domain::date::format_date(unix_of(day))
}

use crate::filled as text;

fn bounded(
    field: &'static str,
    s: &Option<String>,
    max: usize,
) -> Result<Option<String>, AppError> {
    Ok(standort_domain::optional_line(field, s.as_deref(), max)?)
}

fn day_field(field: &'static str, s: &Option<String>) -> Result<Option<Day>, AppError> {
    Ok(parse_date(field, s)?.map(day_of))
}

// ---------------------------------------------------------------- helpers

fn facts(s: &PlacementSummary) -> PlacementFacts {
    PlacementFacts {
        candidate_user: s.candidate_user,
        counsellor: s.counsellor,
        position_org: s.position_org,
        shared: s.shared,
    }
}

fn context(s: &PlacementSummary) -> Context {
    Context {
        recognition_required: s.data.recognition_required,
        partnership_accepted: s.data.partnership_accepted,
        apprenticeship: s.data.apprenticeship,
    }
}

pub(crate) fn history(events: &[EventRecord]) -> Result<Vec<(Event, Day)>, AppError> {
    events
        .iter()
        .map(|e| {
            Event::from_json(&e.data)
                .map(|ev| (ev, day_of(e.happened_on)))
                .ok_or_else(|| AppError::Internal(format!("stored event {} unreadable", e.id)))
        })
        .collect()
}

/// Rows grouped by their placement, in their order.
fn by_placement<T>(
    rows: Vec<T>,
    placement: impl Fn(&T) -> i64,
) -> std::collections::HashMap<i64, Vec<T>> {
    let mut out: std::collections::HashMap<i64, Vec<T>> = std::collections::HashMap::new();
    for r in rows {
        out.entry(placement(&r)).or_default().push(r);
    }
    out
}

fn checklist_items(rows: &[ChecklistRow]) -> Vec<ChecklistItem> {
    rows.iter()
        .filter_map(|r| {
            Some(ChecklistItem {
                track: Track::parse(&r.track)?,
                item: r.item.clone(),
                due: r.due_on.map(day_of),
                done: r.done_on.map(day_of),
            })
        })
        .collect()
}

fn stage_of(p: &Placement, track: Track) -> (&'static str, Option<String>, Option<Day>) {
    match p.last_on(track) {
        Some((e, d)) => (e.key(), e.detail(), Some(d)),
        None => ("not_started", None, None),
    }
}

fn placement_json(s: &PlacementSummary) -> serde_json::Value {
    serde_json::to_value(&s.data).unwrap_or_default()
}

pub(crate) fn context_of(d: &PlacementData) -> Context {
    Context {
        recognition_required: d.recognition_required,
        partnership_accepted: d.partnership_accepted,
        apprenticeship: d.apprenticeship,
    }
}

impl App {
    fn today(&self) -> Day {
        day_of(self.now())
    }

    /// Loads a placement and decides access (`NotFound` outside the actor's view).
    async fn placement_for(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        id: i64,
    ) -> Result<(PlacementSummary, PlacementAccess), AppError> {
        policy::require(actor, Permission::ReadPlacements).map_err(|_| AppError::NotFound)?;
        let s = store::get_placement(conn, id).await?;
        let access = policy::placement_access(actor, facts(&s))?;
        Ok((s, access))
    }

    /// Like [`Self::placement_for`], but the actor must be allowed to record steps.
    async fn managed_placement(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        id: i64,
    ) -> Result<PlacementSummary, AppError> {
        let (s, access) = self.placement_for(conn, actor, id).await?;
        if access != PlacementAccess::Manage {
            return Err(AppError::Forbidden);
        }
        Ok(s)
    }
}
