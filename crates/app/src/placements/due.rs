//! Due items: derived by the engine from each history and stored with the step that changed
//! it ([`store_due`]), re-derived on start when [`DUE_RULES`] changes, and read by one indexed
//! query for the overdue lines of the dashboard card.

use serde::Serialize;
use standort_domain::Role;
use standort_placement::{Day, DueItem, Placement, Track};
use standort_store::AnyConnection;
use standort_store::placements as store;

use super::{context, day_of, history, unix_of};
use crate::{Actor, App, AppError};

/// Version of the due rules ([`Placement::due_items`]) whose results are stored in
/// `placement_due`. Raise it when the rules change: placements derived with an older version
/// are derived again on start ([`App::refresh_due_items`]).
pub const DUE_RULES: i64 = 1;

/// Stores the due items derived from `state` (the placement's state after its last step) in
/// the transaction that wrote that step, so that the overdue card reads them with one indexed
/// query instead of replaying every history.
pub(crate) async fn store_due(
    conn: &mut AnyConnection,
    placement: i64,
    state: &Placement,
) -> Result<(), AppError> {
    let rows: Vec<store::DueRow> = state
        .due_items(&[])
        .into_iter()
        .map(|d| store::DueRow {
            track: d.track.as_str().to_owned(),
            code: d.code,
            due_on: unix_of(d.due),
            legal: d.legal,
        })
        .collect();
    store::replace_due(conn, placement, &rows, DUE_RULES).await?;
    Ok(())
}

/// One overdue item for the staff dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueLine {
    pub placement_id: i64,
    pub name: String,
    pub item: DueItem,
}

impl App {
    /// Derives and stores the due items of every placement whose stored items come from older
    /// due rules than [`DUE_RULES`] (or none: placements older than migration 0011). Run on
    /// start; returns how many placements were derived. Safe to run from several instances at
    /// once (the rows are the same).
    pub async fn refresh_due_items(&self) -> Result<usize, AppError> {
        let mut derived = 0;
        loop {
            let mut tx = self.db.begin_write().await?;
            let ids = store::placements_due_below(&mut tx, DUE_RULES, 500).await?;
            if ids.is_empty() {
                return Ok(derived);
            }
            for &id in &ids {
                let summary = store::get_placement(&mut tx, id).await?;
                let events = store::events(&mut tx, id).await?;
                let state = Placement::replay(context(&summary), history(&events)?.iter());
                store_due(&mut tx, id, &state).await?;
            }
            tx.commit().await?;
            derived += ids.len();
        }
    }
}

/// Overdue items for the dashboard: every placement for agency staff, the caseload for
/// counsellors; oldest first. The count of all and the first `limit`. Reads the due items
/// stored with each step (see [`store_due`]) and the open checklist items, both by an index on
/// the due day, so the cost does not grow with the number of histories.
pub(crate) async fn overdue_lines(
    conn: &mut AnyConnection,
    actor: &Actor,
    today: Day,
    limit: usize,
) -> Result<(usize, Vec<OverdueLine>), AppError> {
    let counsellor = (actor.role() == Role::JobCounsellor).then(|| actor.id());
    let (total, rows) = store::overdue(conn, counsellor, unix_of(today), limit as i64).await?;
    let lines = rows
        .into_iter()
        .filter_map(|r| {
            Some(OverdueLine {
                placement_id: r.placement_id,
                name: format!("{} {}", r.family_name, r.given_names),
                item: DueItem {
                    track: Track::parse(&r.track)?,
                    code: r.code,
                    due: day_of(r.due_on),
                    checklist: r.checklist,
                    legal: r.legal,
                },
            })
        })
        .collect();
    Ok((usize::try_from(total).unwrap_or(0), lines))
}

/// The placements module's dashboard card: overdue steps for staff (all) and counsellors
/// (their caseload), with the oldest ten listed.
pub(crate) async fn dashboard(
    conn: &mut AnyConnection,
    actor: &Actor,
    today: Day,
    board: &mut crate::dashboard::Board,
) -> Result<(), AppError> {
    if !matches!(actor.role(), Role::AgencyStaff | Role::JobCounsellor) {
        return Ok(());
    }
    let (total, lines) = overdue_lines(conn, actor, today, 10).await?;
    let hint = if total == 0 {
        "card-overdue-empty"
    } else {
        "card-overdue-hint"
    };
    board.card(
        "card-overdue",
        Some(total as i64),
        hint,
        Some("/placements?overdue=1"),
    );
    board.overdue = lines;
    Ok(())
}
