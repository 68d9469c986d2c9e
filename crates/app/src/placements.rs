//! Recruitment tracks: programmes (cohorts), placements (a candidate for a position) and the
//! steps on their six parallel tracks, decided by the pure engine `standort_placement`.
//!
//! Permissions come from [`policy`]: agency staff manage every placement and programme; job
//! counsellors read every placement and manage their caseload's; employers see the placements
//! for their own positions of candidates who consented to be shown (no costs); candidates see
//! their own ([`App::own_tracks`]). Anything else answers `NotFound`. Every write is audited in
//! its transaction; every read of a placement by someone other than the candidate too.
//!
//! A refused step (the engine's [`Refusal`]) becomes `AppError::Conflict(code)`; nothing is
//! written. The history is append-only: the state is always the replay of the stored events.

use serde::{Deserialize, Serialize};
use serde_json::json;
use standort_domain::{Role, UserId, ValidationError};
use standort_placement::board::{self, Milestone, StageStats};
use standort_placement::{
    ChecklistItem, Context, ContractKind, DEFAULT_CHECKLIST, Day, DueItem, Event, Level, Placement,
    Refusal, Route, Track,
};
use standort_store::audit::NewAuditEntry;
use standort_store::placements::{
    self as store, ChecklistRow, CostRecord, EventRecord, NewCost, NewEvent, PlacementData,
    PlacementFilter, PlacementSummary, ProgrammeData, ProgrammeRecord,
};
use standort_store::{AnyConnection, PageRequest, Paged, audit, recruitment as rec, users};

use crate::policy::{self, Permission, PlacementAccess, PlacementFacts};
use crate::{Actor, App, AppError};
use standort_domain::date::parse_date;

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

fn text(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

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

// ---------------------------------------------------------------- inputs

/// A programme as it arrives from a form or JSON.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProgrammeInput {
    pub name: Option<String>,
    pub description: Option<String>,
    /// Planned cohort size.
    pub target_size: Option<String>,
    /// `YYYY-MM-DD`
    pub start_date: Option<String>,
}

/// One step on a track, as it arrives from a form or JSON: `kind` is the event key
/// (`visa_applied` …), `date` the day it happened (`YYYY-MM-DD`, default today), plus the
/// fields the kind needs (`level`, `passed`, `measure`, `route`, `contract`, `on`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventInput {
    pub kind: Option<String>,
    pub date: Option<String>,
    pub level: Option<String>,
    pub passed: Option<String>,
    pub measure: Option<String>,
    pub route: Option<String>,
    pub contract: Option<String>,
    /// The appointment day of `embassy_appointment_booked`.
    pub on: Option<String>,
    pub note: Option<String>,
}

impl EventInput {
    /// The engine event and its day; `today` when no date is given.
    pub fn parse(&self, today: Day) -> Result<(Event, Day), AppError> {
        let kind = text(&self.kind).ok_or(ValidationError::new("kind", "required"))?;
        let mut obj = serde_json::Map::new();
        obj.insert("kind".into(), json!(kind));
        if let Some(l) = text(&self.level) {
            let level = Level::parse(l).ok_or(ValidationError::new("level", "invalid-cefr"))?;
            obj.insert("level".into(), json!(level.as_str()));
        }
        obj.insert(
            "passed".into(),
            json!(matches!(
                text(&self.passed),
                Some("on" | "1" | "true" | "yes")
            )),
        );
        if let Some(m) = text(&self.measure) {
            obj.insert("measure".into(), json!(m));
        }
        if let Some(r) = text(&self.route) {
            let route = Route::parse(r).ok_or(ValidationError::new("route", "invalid-choice"))?;
            obj.insert("route".into(), json!(route.as_str()));
        }
        if let Some(c) = text(&self.contract) {
            obj.insert("contract".into(), json!(c));
        }
        if let Some(on) = day_field("on", &self.on)? {
            obj.insert("on".into(), json!(on));
        }
        let event = Event::from_json(&serde_json::Value::Object(obj))
            .ok_or(ValidationError::new("kind", "invalid-choice"))?;
        let day = day_field("date", &self.date)?.unwrap_or(today);
        Ok((event, day))
    }
}

/// A cost as it arrives from a form or JSON: amount as a decimal (`1500`, `75.50`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CostInput {
    pub incurred_on: Option<String>,
    pub purpose: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    /// `candidate`, `employer`, `agency` or `programme`.
    pub borne_by: Option<String>,
}

pub const BORNE_BY: [&str; 4] = ["candidate", "employer", "agency", "programme"];

/// "1.500,50" / "1500.5" / "75" → cents.
fn parse_amount(s: &Option<String>) -> Result<i64, AppError> {
    let bad = || AppError::from(ValidationError::new("amount", "invalid-amount"));
    let v = text(s).ok_or(ValidationError::new("amount", "required"))?;
    let v = v.replace([' ', '€'], "");
    // The last ',' or '.' followed by one or two digits is the decimal mark.
    let (int, frac) = match v.rfind([',', '.']) {
        Some(i) if v.len() - i - 1 <= 2 && v.len() - i > 1 => (&v[..i], &v[i + 1..]),
        _ => (v.as_str(), ""),
    };
    let int: String = int.chars().filter(|c| *c != '.' && *c != ',').collect();
    if int.is_empty() && frac.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || int.len() > 12
    {
        return Err(bad());
    }
    let units: i64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| bad())?
    };
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
        _ => frac.parse().map_err(|_| bad())?,
    };
    Ok(units * 100 + cents)
}

/// A checklist item change: due day and whether it is done.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChecklistInput {
    pub due: Option<String>,
    pub done: Option<String>,
}

// ---------------------------------------------------------------- views

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

/// One overdue item for the staff dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueLine {
    pub placement_id: i64,
    pub name: String,
    pub item: DueItem,
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

fn stage_of(p: &Placement, track: Track) -> (&'static str, Option<String>, Option<Day>) {
    match p.last_on(track) {
        Some((e, d)) => (e.key(), e.detail(), Some(d)),
        None => ("not_started", None, None),
    }
}

fn placement_json(s: &PlacementSummary) -> serde_json::Value {
    serde_json::to_value(&s.data).unwrap_or_default()
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

    // ------------------------------------------------------------ programmes

    /// Creates a programme (cohort) of the actor's organisation (agency staff).
    pub async fn create_programme(
        &self,
        actor: &Actor,
        input: &ProgrammeInput,
    ) -> Result<ProgrammeRecord, AppError> {
        policy::require(actor, Permission::ManageProgrammes)?;
        let name =
            bounded("name", &input.name, 200)?.ok_or(ValidationError::new("name", "required"))?;
        let description = bounded("description", &input.description, 2000)?.unwrap_or_default();
        let target_size = match text(&input.target_size) {
            None => 0,
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=10_000).contains(n))
                .ok_or(ValidationError::new("target_size", "invalid-number"))?,
        };
        let data = ProgrammeData {
            org_id: actor.user.org_id,
            name,
            description,
            target_size,
            start_date: parse_date("start_date", &input.start_date)?,
        };
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let p = store::insert_programme(&mut tx, &data, now).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "programme", p.id, Some(p.data.org_id))
                .with_after(serde_json::to_value(&p.data).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(p)
    }

    pub async fn list_programmes(
        &self,
        actor: &Actor,
        page: PageRequest,
    ) -> Result<Paged<ProgrammeRecord>, AppError> {
        policy::require(actor, Permission::ReadProgrammes)?;
        let mut conn = self.db.conn().await?;
        Ok(store::list_programmes(&mut conn, page).await?)
    }

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
            let mut conn = self.db.conn().await?;
            audit::append(
                &mut conn,
                &actor
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

    // ------------------------------------------------------------ placements

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
        let mut tx = self.db.begin().await?;
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
        policy::require(actor, Permission::ReadPlacements)?;
        let mut filter = PlacementFilter {
            programme,
            ..Default::default()
        };
        match actor.role() {
            Role::AgencyStaff => {}
            Role::JobCounsellor => filter.counsellor = mine.then(|| actor.id()),
            Role::Employer => {
                filter.position_org = Some(actor.user.org_id);
                filter.shared_only = true;
            }
            Role::Candidate => filter.candidate_user = Some(actor.id()),
            _ => return Err(AppError::Forbidden),
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
            audit::append(
                &mut conn,
                &actor
                    .audit("list", "placement", "", None)
                    .with_after(json!({ "ids": ids })),
                now,
            )
            .await?;
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
            let mut conn = self.db.conn().await?;
            audit::append(
                &mut conn,
                &actor.audit("read", "placement", id, Some(org)),
                now,
            )
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

    /// Records one step. A step the law or the process forbids is refused with
    /// `Conflict(<reason code>)` and nothing is written.
    pub async fn record_event(
        &self,
        actor: &Actor,
        id: i64,
        input: &EventInput,
    ) -> Result<EventRecord, AppError> {
        let today = self.today();
        let (event, day) = input.parse(today)?;
        let note = bounded("note", &input.note, 1000)?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let summary = self.managed_placement(&mut tx, actor, id).await?;
        let events = store::events(&mut tx, id).await?;
        // The state after the step; `apply` refuses what the law or the process forbids.
        let mut state = Placement::replay(context(&summary), history(&events)?.iter());
        state
            .apply(event, day, today)
            .map_err(|r| AppError::Conflict(r.code))?;
        let data = event.to_json();
        let event_id = store::append_event(
            &mut tx,
            &NewEvent {
                placement_id: id,
                track: event.track().as_str(),
                kind: event.key(),
                data: &data,
                happened_on: unix_of(day),
                note: note.as_deref(),
                actor: Some(actor.id()),
                actor_label: &actor.user.email,
            },
            now,
        )
        .await?;
        store_due(&mut tx, id, &state).await?;
        let process_ended = match state.closed_on() {
            Some(_) => {
                self.end_process_when_all_closed(&mut tx, actor, summary.data.candidate_id, now)
                    .await?
            }
            None => None,
        };
        // The audit entries last: appending holds the audit chain's head until commit, and a
        // write after it could wait for a row another transaction holds while that one waits
        // for the head (a deadlock on PostgreSQL).
        audit::append(
            &mut tx,
            &actor
                .audit("create", "placement_event", id, None)
                .with_after(json!({ "event_id": event_id, "event": data, "day": format_day(day) })),
            now,
        )
        .await?;
        if let Some(entry) = process_ended {
            audit::append(&mut tx, &entry, now).await?;
        }
        tx.commit().await?;
        let mut conn = self.db.conn().await?;
        store::events(&mut conn, id)
            .await?
            .into_iter()
            .find(|e| e.id == event_id)
            .ok_or(AppError::NotFound)
    }

    /// When the last of a candidate's placements closed (employment ended or the 12-month
    /// check recorded), the candidate's process ended on the latest closing day — unless staff
    /// already set a date. That date starts the retention period (docs/recruitment.md,
    /// "Retention"). Returns the audit entry (the field's name only) for the caller to append
    /// after its last write.
    async fn end_process_when_all_closed(
        &self,
        conn: &mut AnyConnection,
        actor: &Actor,
        candidate: i64,
        now: i64,
    ) -> Result<Option<NewAuditEntry>, AppError> {
        let c = rec::get_candidate(conn, candidate).await?;
        if c.process_ended_at.is_some() {
            return Ok(None);
        }
        let filter = PlacementFilter {
            candidate: Some(candidate),
            ..Default::default()
        };
        let mut last_closed = None;
        for p in store::all_placements(conn, &filter).await? {
            let events = store::events(conn, p.id).await?;
            let state = Placement::replay(context(&p), history(&events)?.iter());
            match state.closed_on() {
                Some(d) => last_closed = last_closed.max(Some(d)),
                None => return Ok(None), // another placement still runs
            }
        }
        let Some(day) = last_closed else {
            return Ok(None);
        };
        standort_store::portal::set_process_ended(conn, candidate, Some(unix_of(day)), now).await?;
        Ok(Some(
            actor
                .audit("update", "candidate", candidate, Some(c.data.org_id))
                .with_after(json!({
                    "fields": ["process_ended_at"],
                    "via": "placements_closed",
                })),
        ))
    }

    /// Sets a checklist item's due day and whether it is done (done today when newly ticked).
    pub async fn update_checklist_item(
        &self,
        actor: &Actor,
        placement: i64,
        item: i64,
        input: &ChecklistInput,
    ) -> Result<ChecklistRow, AppError> {
        let now = self.now();
        let mut tx = self.db.begin().await?;
        self.managed_placement(&mut tx, actor, placement).await?;
        let before = store::checklist(&mut tx, placement)
            .await?
            .into_iter()
            .find(|c| c.id == item)
            .ok_or(AppError::NotFound)?;
        let due = parse_date("due", &input.due)?;
        let done = if matches!(text(&input.done), Some("on" | "1" | "true" | "yes")) {
            before.done_on.or(Some(unix_of(self.today())))
        } else {
            None
        };
        let after = store::update_checklist_item(&mut tx, placement, item, due, done).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "placement_checklist", item, None)
                .with_before(serde_json::to_value(&before).unwrap_or_default())
                .with_after(serde_json::to_value(&after).unwrap_or_default()),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Records a cost of the recruitment; a non-zero amount borne by the candidate is flagged
    /// wherever costs are shown.
    pub async fn add_cost(
        &self,
        actor: &Actor,
        placement: i64,
        input: &CostInput,
    ) -> Result<CostRecord, AppError> {
        let purpose = bounded("purpose", &input.purpose, 200)?
            .ok_or(ValidationError::new("purpose", "required"))?;
        let amount_cents = parse_amount(&input.amount)?;
        let currency = text(&input.currency).unwrap_or("EUR").to_ascii_uppercase();
        if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ValidationError::new("currency", "invalid-currency").into());
        }
        let borne_by = text(&input.borne_by).unwrap_or("");
        if !BORNE_BY.contains(&borne_by) {
            return Err(ValidationError::new("borne_by", "invalid-choice").into());
        }
        let incurred = day_field("incurred_on", &input.incurred_on)?.unwrap_or(self.today());
        let now = self.now();
        let mut tx = self.db.begin().await?;
        self.managed_placement(&mut tx, actor, placement).await?;
        let cost = store::add_cost(
            &mut tx,
            &NewCost {
                placement_id: placement,
                incurred_on: unix_of(incurred),
                purpose: &purpose,
                amount_cents,
                currency: &currency,
                borne_by,
                actor: Some(actor.id()),
            },
            now,
        )
        .await?;
        audit::append(
            &mut tx,
            &actor
                .audit("create", "placement_cost", placement, None)
                // The purpose is free text and may name the person: the append-only log keeps
                // the figures and the field's name only (what an erasure must not leave behind).
                .with_after(json!({
                    "cost_id": cost.id,
                    "incurred_on": cost.incurred_on,
                    "amount_cents": cost.amount_cents,
                    "currency": cost.currency,
                    "borne_by": cost.borne_by,
                    "fields": ["purpose"],
                })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(cost)
    }

    /// Sets (or clears) the owner of a track: a member of the agency staff or a counsellor.
    pub async fn set_track_owner(
        &self,
        actor: &Actor,
        placement: i64,
        track: &str,
        owner: Option<i64>,
    ) -> Result<(), AppError> {
        let track = Track::parse(track).ok_or(ValidationError::new("track", "invalid-choice"))?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let summary = self.managed_placement(&mut tx, actor, placement).await?;
        if let Some(o) = owner {
            let user = users::get(&mut tx, UserId(o))
                .await
                .map_err(|_| ValidationError::new("owner", "invalid-choice"))?;
            if !matches!(user.role, Role::AgencyStaff | Role::JobCounsellor) {
                return Err(ValidationError::new("owner", "invalid-choice").into());
            }
        }
        store::set_owner(&mut tx, placement, track.as_str(), owner.map(UserId)).await?;
        audit::append(
            &mut tx,
            &actor
                .audit("update", "placement_track", placement, None)
                .with_before(placement_json(&summary))
                .with_after(json!({ "track": track.as_str(), "owner": owner })),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Derives and stores the due items of every placement whose stored items come from older
    /// due rules than [`DUE_RULES`] (or none: placements older than migration 0011). Run on
    /// start; returns how many placements were derived. Safe to run from several instances at
    /// once (the rows are the same).
    pub async fn refresh_due_items(&self) -> Result<usize, AppError> {
        let mut derived = 0;
        loop {
            let mut tx = self.db.begin().await?;
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
        Some("/placements"),
    );
    board.overdue = lines;
    Ok(())
}

// ---------------------------------------------------------------- demo

struct DemoPerson {
    family: &'static str,
    given: &'static str,
    province: &'static str,
    /// In the bus-driver cohort (else the care-trainee cohort).
    bus: bool,
}

/// Additional Vietnamese candidates of the programmes (the recruitment demo's own are used
/// first).
const DEMO_PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        family: "Phan",
        given: "Thị Lan Anh",
        province: "Nghệ An",
        bus: false,
    },
    DemoPerson {
        family: "Đỗ",
        given: "Văn Hùng",
        province: "Thanh Hóa",
        bus: true,
    },
    DemoPerson {
        family: "Ngô",
        given: "Thị Thảo",
        province: "Hà Tĩnh",
        bus: false,
    },
    DemoPerson {
        family: "Dương",
        given: "Văn Tuấn",
        province: "Bắc Giang",
        bus: true,
    },
    DemoPerson {
        family: "Lý",
        given: "Thị Hoa",
        province: "Lạng Sơn",
        bus: false,
    },
    DemoPerson {
        family: "Trịnh",
        given: "Văn Nam",
        province: "Ninh Bình",
        bus: true,
    },
    DemoPerson {
        family: "Mai",
        given: "Thị Yến",
        province: "Quảng Bình",
        bus: false,
    },
    DemoPerson {
        family: "Võ",
        given: "Minh Khoa",
        province: "Bình Định",
        bus: true,
    },
    DemoPerson {
        family: "Hồ",
        given: "Thị Phương",
        province: "Quảng Trị",
        bus: false,
    },
    DemoPerson {
        family: "Tạ",
        given: "Quang Vinh",
        province: "Phú Thọ",
        bus: true,
    },
];

/// Steps as (event, days before today).
type Script = &'static [(Event, i64)];

use Event::*;

const B1_SCRIPT: [(Event, i64); 4] = [
    (LanguageCourseStarted { level: Level::A1 }, 400),
    (
        LanguageExamTaken {
            level: Level::B1,
            passed: true,
        },
        200,
    ),
    (LanguageCertified { level: Level::B1 }, 190),
    (RecognitionNotNeeded, 380),
];

/// The care-trainee cohort (§ 16a), one person per stage.
const CARE_SCRIPTS: &[Script] = &[
    &[(LanguageCourseStarted { level: Level::A1 }, 30)],
    &[
        (LanguageCourseStarted { level: Level::A1 }, 200),
        (
            LanguageExamTaken {
                level: Level::A2,
                passed: true,
            },
            40,
        ),
        (LanguageCertified { level: Level::A2 }, 35),
        (LanguageCourseStarted { level: Level::B1 }, 30),
    ],
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 20),
    ],
    // § 81a pre-approval 30 days ago, no embassy appointment: overdue (3 weeks).
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 120),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            100,
        ),
        (VisaRouteChosen { route: Route::S16a }, 95),
        (FastTrackApplied, 90),
        (FastTrackPreApproved, 30),
    ],
    // § 81a visa application 25 days ago, no decision: overdue (3 weeks).
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 150),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            140,
        ),
        (VisaRouteChosen { route: Route::S16a }, 135),
        (FastTrackApplied, 130),
        (FastTrackPreApproved, 60),
        (EmbassyAppointmentBooked { on: 0 }, 50),
        (VisaApplied, 25),
    ],
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 160),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            150,
        ),
        (VisaRouteChosen { route: Route::S16a }, 140),
        (VisaApplied, 60),
        (VisaGranted, 10),
        (HousingArranged, 5),
    ],
    // Arrived 20 days ago, not registered: overdue (two weeks, § 17 BMG).
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 200),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            190,
        ),
        (VisaRouteChosen { route: Route::S16a }, 180),
        (VisaApplied, 100),
        (VisaGranted, 40),
        (HousingArranged, 30),
        (Arrived, 20),
        (HealthInsurance, 20),
        (MentorAssigned, 18),
    ],
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 300),
        (
            ContractSigned {
                contract: ContractKind::Training,
            },
            290,
        ),
        (VisaRouteChosen { route: Route::S16a }, 280),
        (VisaApplied, 230),
        (VisaGranted, 200),
        (HousingArranged, 195),
        (Arrived, 150),
        (HealthInsurance, 150),
        (Registered, 145),
        (MentorAssigned, 144),
        (BankAccount, 140),
        (EmploymentStarted, 120),
    ],
];

/// The bus-driver cohort (§ 18a, recognition not required).
const BUS_SCRIPTS: &[Script] = &[
    &[
        (RecognitionNotNeeded, 60),
        (LanguageCourseStarted { level: Level::A2 }, 50),
    ],
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 80),
        (
            ContractSigned {
                contract: ContractKind::Employment,
            },
            70,
        ),
        (VisaRouteChosen { route: Route::S18a }, 65),
        (VisaApplied, 40),
    ],
    // Employed for more than six months without the 6-month check: overdue.
    &[
        B1_SCRIPT[0],
        B1_SCRIPT[1],
        B1_SCRIPT[2],
        B1_SCRIPT[3],
        (ContractOffered, 330),
        (
            ContractSigned {
                contract: ContractKind::Employment,
            },
            320,
        ),
        (VisaRouteChosen { route: Route::S18a }, 310),
        (VisaApplied, 290),
        (VisaGranted, 270),
        (HousingArranged, 265),
        (Arrived, 260),
        (HealthInsurance, 260),
        (Registered, 255),
        (MentorAssigned, 254),
        (BankAccount, 250),
        (ResidencePermit, 240),
        (EmploymentStarted, 230),
    ],
    &[
        (LanguageCourseStarted { level: Level::A1 }, 700),
        (
            LanguageExamTaken {
                level: Level::B1,
                passed: true,
            },
            600,
        ),
        (LanguageCertified { level: Level::B1 }, 590),
        (RecognitionNotNeeded, 690),
        (ContractOffered, 580),
        (
            ContractSigned {
                contract: ContractKind::Employment,
            },
            575,
        ),
        (VisaRouteChosen { route: Route::S18a }, 570),
        (VisaApplied, 560),
        (VisaGranted, 540),
        (HousingArranged, 530),
        (Arrived, 520),
        (HealthInsurance, 520),
        (Registered, 515),
        (MentorAssigned, 515),
        (BankAccount, 510),
        (ResidencePermit, 480),
        (EmploymentStarted, 500),
        (RetentionCheck6, 310),
        (RetentionCheck12, 130),
    ],
];

/// Loads the recruitment-tracks demo: the programmes "Pflege-Azubis Vietnam 2026" and
/// "Busfahrer Vietnam 2026" with Vietnamese candidates in every stage (some overdue, one with
/// a candidate-borne fee flagged), and the demo candidate's own placement. Dates are relative
/// to today so that the overdue items stay overdue. Every step passes the engine's checks.
pub async fn load_placements_demo(app: &App) -> Result<(), AppError> {
    let now = app.now();
    let today = app.today();
    let mut tx = app.db.begin().await?;
    let staff = users::find_for_login(&mut tx, "staff@demo.standort.example")
        .await?
        .map(|(u, _)| u)
        .ok_or_else(|| AppError::Internal("demo staff login missing".into()))?;
    let positions = rec::list_positions(&mut tx, None, false, PageRequest::new(Some(200), None))
        .await?
        .items;
    let position = |title: &str| {
        positions
            .iter()
            .find(|p| p.data.title == title)
            .cloned()
            .ok_or_else(|| AppError::Internal(format!("demo position {title} missing")))
    };
    let care = position("Ausbildung Pflegefachfrau/Pflegefachmann")?;
    let bus = position("Busfahrer/in im Linienverkehr")?;
    let mut candidates: Vec<rec::CandidateRecord> = rec::all_candidates(&mut tx)
        .await?
        .into_iter()
        .filter(|c| c.data.country == "VN")
        .collect();
    // The demo candidate login first (their own placement), then the others.
    candidates.sort_by_key(|c| (c.data.user_id.is_none(), c.id));
    let mut added = Vec::new();
    for p in DEMO_PEOPLE {
        let data = rec::CandidateData {
            org_id: staff.org_id,
            user_id: None,
            counsellor_id: None,
            family_name: p.family.into(),
            given_names: p.given.into(),
            country: "VN".into(),
            province: p.province.into(),
            email: None,
            phone: None,
            german_level: None,
            german_certificate: None,
            german_exam_date: None,
            german_next_expected: None,
            licences: Vec::new(),
            wished_regions: vec!["Leipzig".into()],
            available_from: None,
            consent_share_employers: true,
            consent_talent_pool: false,
        };
        let folded = standort_esco::fold_for_search(&format!("{} {}", p.family, p.given));
        let c = rec::insert_candidate(&mut tx, &data, &folded, now).await?;
        added.push((c.id, p.bus));
        candidates.push(c);
    }
    rec::bump_revision(&mut tx).await?;
    let care_programme = store::insert_programme(
        &mut tx,
        &ProgrammeData {
            org_id: staff.org_id,
            name: "Pflege-Azubis Vietnam 2026".into(),
            description: "Ausbildung Pflegefachfrau/-mann am Klinikum Borna, 40 Personen aus Nghệ An, Hà Tĩnh und Thanh Hóa".into(),
            target_size: 40,
            start_date: parse_date("start", &Some("2026-09-01".into()))?,
        },
        now,
    )
    .await?;
    let bus_programme = store::insert_programme(
        &mut tx,
        &ProgrammeData {
            org_id: staff.org_id,
            name: "Busfahrer Vietnam 2026".into(),
            description: "Busfahrer/innen für die Leipziger Verkehrsbetriebe, § 18a AufenthG"
                .into(),
            target_size: 15,
            start_date: parse_date("start", &Some("2026-11-01".into()))?,
        },
        now,
    )
    .await?;
    // Care trainees: the recruitment demo's Vietnamese candidates first, then the new ones.
    let (bus_people, care_people): (Vec<_>, Vec<_>) = candidates
        .into_iter()
        .partition(|c| added.iter().any(|(id, bus)| *id == c.id && *bus));
    let plan = CARE_SCRIPTS
        .iter()
        .zip(care_people)
        .map(|(s, c)| (&care, care_programme.id, *s, c))
        .chain(
            BUS_SCRIPTS
                .iter()
                .zip(bus_people)
                .map(|(s, c)| (&bus, bus_programme.id, *s, c)),
        );
    let mut flagged = false;
    for (position, programme, script, candidate) in plan {
        let data = PlacementData {
            candidate_id: candidate.id,
            position_id: position.id,
            programme_id: Some(programme),
            recognition_required: position.data.recognition_required,
            partnership_accepted: position.data.recognition_partnership,
            apprenticeship: position.data.kind == "apprenticeship",
        };
        let id = store::insert_placement(&mut tx, &data, Some(staff.id), now).await?;
        for (track, item) in DEFAULT_CHECKLIST {
            store::insert_checklist_item(&mut tx, id, track.as_str(), item, None).await?;
        }
        let mut steps: Vec<(Event, Day)> = script
            .iter()
            .map(|(e, ago)| {
                let e = match e {
                    EmbassyAppointmentBooked { .. } => EmbassyAppointmentBooked {
                        on: today - ago + 14,
                    },
                    e => *e,
                };
                (e, today - ago)
            })
            .collect();
        steps.sort_by_key(|(_, d)| *d);
        let mut state = Placement::new(context_of(&data));
        for (e, d) in &steps {
            state
                .apply(*e, *d, today)
                .map_err(|r| AppError::Internal(format!("demo step {} refused: {r}", e.key())))?;
            store::append_event(
                &mut tx,
                &NewEvent {
                    placement_id: id,
                    track: e.track().as_str(),
                    kind: e.key(),
                    data: &e.to_json(),
                    happened_on: unix_of(*d),
                    note: None,
                    actor: Some(staff.id),
                    actor_label: &staff.email,
                },
                now,
            )
            .await?;
        }
        store_due(&mut tx, id, &state).await?;
        // Documents: the visa checklist of people who applied is due (passport overdue for
        // the first one without it).
        if state.visa.route.is_some() {
            for row in store::checklist(&mut tx, id).await? {
                if row.track == "visa" {
                    let done = (row.item != "passport" || state.visa.applied_on.is_some())
                        .then(|| unix_of(today - 10));
                    store::update_checklist_item(
                        &mut tx,
                        id,
                        row.id,
                        Some(unix_of(today - 3)),
                        done,
                    )
                    .await?;
                }
            }
        }
        let cost = |purpose: &'static str, cents: i64, borne_by: &'static str| NewCost {
            placement_id: id,
            incurred_on: unix_of(today - 15),
            purpose,
            amount_cents: cents,
            currency: "EUR",
            borne_by,
            actor: Some(staff.id),
        };
        if state.visa.fast_track_applied_on.is_some() {
            store::add_cost(
                &mut tx,
                &cost(
                    "Gebühr beschleunigtes Fachkräfteverfahren (§ 81a)",
                    41_100,
                    "employer",
                ),
                now,
            )
            .await?;
        }
        if state.arrival.arrived_on.is_some() && !flagged {
            // A placement fee the agency in Hanoi charged the candidate: flagged.
            store::add_cost(
                &mut tx,
                &cost(
                    "Vermittlungsgebühr Partneragentur Hanoi",
                    150_000,
                    "candidate",
                ),
                now,
            )
            .await?;
            flagged = true;
        }
        if state.language.course.is_some() {
            store::add_cost(
                &mut tx,
                &cost("Deutschkurs A1–B1 Sprachschule Hanoi", 180_000, "programme"),
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) fn context_of(d: &PlacementData) -> Context {
    Context {
        recognition_required: d.recognition_required,
        partnership_accepted: d.partnership_accepted,
        apprenticeship: d.apprenticeship,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_in_german_and_english_notation() {
        let a = |s: &str| parse_amount(&Some(s.into()));
        assert_eq!(a("1500").unwrap(), 150_000);
        assert_eq!(a("1.500,50").unwrap(), 150_050);
        assert_eq!(a("1,500.5").unwrap(), 150_050);
        assert_eq!(a("75,5 €").unwrap(), 7_550);
        assert_eq!(a("0").unwrap(), 0);
        assert!(a("-5").is_err());
        assert!(a("zwölf").is_err());
        assert!(parse_amount(&None).is_err());
    }

    #[test]
    fn event_input_builds_engine_events() {
        let input = EventInput {
            kind: Some("visa_route_chosen".into()),
            route: Some("§ 16a".into()),
            date: Some("2026-03-01".into()),
            ..Default::default()
        };
        let (e, d) = input.parse(30_000).unwrap();
        assert_eq!(e, Event::VisaRouteChosen { route: Route::S16a });
        assert_eq!(format_day(d), "2026-03-01");
        let bad = EventInput {
            kind: Some("teleported".into()),
            ..Default::default()
        };
        assert!(bad.parse(1).is_err());
        let exam = EventInput {
            kind: Some("language_exam_taken".into()),
            level: Some("b1".into()),
            passed: Some("on".into()),
            ..Default::default()
        };
        assert_eq!(
            exam.parse(5).unwrap(),
            (
                Event::LanguageExamTaken {
                    level: Level::B1,
                    passed: true
                },
                5
            )
        );
    }

    #[test]
    fn demo_scripts_are_allowed_by_the_engine() {
        let today = 20_000;
        for (apprenticeship, scripts) in [(true, CARE_SCRIPTS), (false, BUS_SCRIPTS)] {
            for script in scripts {
                let mut steps: Vec<(Event, Day)> = script
                    .iter()
                    .map(|(e, ago)| (*e, today - ago))
                    .map(|(e, d)| match e {
                        EmbassyAppointmentBooked { .. } => {
                            (EmbassyAppointmentBooked { on: d + 14 }, d)
                        }
                        e => (e, d),
                    })
                    .collect();
                steps.sort_by_key(|(_, d)| *d);
                let mut p = Placement::new(Context {
                    recognition_required: false,
                    partnership_accepted: false,
                    apprenticeship,
                });
                for (e, d) in steps {
                    p.apply(e, d, today)
                        .unwrap_or_else(|r| panic!("{e:?}: {r}"));
                }
            }
        }
    }
}
