//! The programme board: where each person of a cohort stands, the funnel, time in stage,
//! overdue items and flagged costs.

use serde::Serialize;
use serde_json::json;
use standort_placement::board::{self, Milestone, StageStats};
use standort_placement::{Placement, Track};
use standort_store::placements::{self as store, PlacementFilter, ProgrammeRecord};

use super::{by_placement, checklist_items, context, history, stage_of};
use crate::policy::{self, Permission};
use crate::{Actor, App, AppError};

/// One row of a programme board.
#[derive(Debug, Clone, Serialize)]
pub struct BoardRow {
    pub placement_id: i64,
    pub name: String,
    pub position_title: String,
    pub milestone: Milestone,
    /// (track, stage key, detail) in track order.
    pub stages: Vec<(Track, &'static str, Option<String>)>,
    pub overdue: usize,
    pub costs_flagged: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeBoard {
    pub programme: ProgrammeRecord,
    pub rows: Vec<BoardRow>,
    /// How many placements reached each milestone.
    pub funnel: Vec<(Milestone, usize)>,
    /// Mean and median days per stage (completed stays).
    pub stats: Vec<StageStats>,
    pub overdue_total: usize,
    pub flagged_total: usize,
}

impl App {
    /// The programme board: where each person stands, the funnel, time in stage, overdue
    /// items and flagged costs. Audited as a list read of the placements shown.
    pub async fn programme_board(
        &self,
        actor: &Actor,
        id: i64,
    ) -> Result<ProgrammeBoard, AppError> {
        policy::require(actor, Permission::ReadProgrammes)?;
        let today = self.today();
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let programme = store::get_programme(&mut tx, id).await?;
        let filter = PlacementFilter {
            programme: Some(id),
            ..Default::default()
        };
        let placements = store::all_placements(&mut tx, &filter).await?;
        let events = store::events_of_programme(&mut tx, Some(id)).await?;
        let checklist = store::checklist_of_programme(&mut tx, Some(id)).await?;
        let costs = store::costs_of_programme(&mut tx, Some(id)).await?;
        tx.commit().await?;
        // The audit entry in a transaction of its own after the read one: a SQLite transaction
        // that read first cannot wait for the write lock (see `list_placements`).
        if !placements.is_empty() {
            let ids: Vec<i64> = placements.iter().map(|p| p.id).collect();
            self.audit_read(
                actor
                    .audit("list", "placement", "", Some(programme.data.org_id))
                    .with_after(json!({ "programme": id, "ids": ids })),
                now,
            )
            .await?;
        }
        let mut rows = Vec::new();
        let mut states = Vec::new();
        let mut spans = Vec::new();
        // Each placement's rows, grouped once (not one scan of the whole cohort per person).
        let events_of = by_placement(events, |e| e.placement_id);
        let checklist_of = by_placement(checklist, |c| c.placement_id);
        let flagged: std::collections::HashSet<i64> = costs
            .iter()
            .filter(|c| c.flagged())
            .map(|c| c.placement_id)
            .collect();
        for s in &placements {
            let h = history(events_of.get(&s.id).map_or(&[][..], Vec::as_slice))?;
            let state = Placement::replay(context(s), h.iter());
            spans.extend(board::stage_spans(&h));
            let list = checklist_of.get(&s.id).map_or(&[][..], Vec::as_slice);
            let due = state.due_items(&checklist_items(list));
            rows.push(BoardRow {
                placement_id: s.id,
                name: format!("{} {}", s.family_name, s.given_names),
                position_title: s.position_title.clone(),
                milestone: board::furthest(&state),
                stages: Track::ALL
                    .into_iter()
                    .map(|t| {
                        let (k, d, _) = stage_of(&state, t);
                        (t, k, d)
                    })
                    .collect(),
                overdue: due.iter().filter(|i| i.overdue(today)).count(),
                costs_flagged: flagged.contains(&s.id),
            });
            states.push(state);
        }
        Ok(ProgrammeBoard {
            programme,
            funnel: board::funnel(states.iter()),
            stats: board::stage_stats(&spans),
            overdue_total: rows.iter().map(|r| r.overdue).sum(),
            flagged_total: rows.iter().filter(|r| r.costs_flagged).count(),
            rows,
        })
    }
}
