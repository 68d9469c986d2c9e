//! `/procurement/clinics/{id}`: one clinic's days of supply by item, its lots and expiries,
//! reorder suggestions explained in words, the latest movements, and — for the clinic's own
//! buyer — the forms to record a movement and the census.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use standort_app::policy::ClinicAccess;
use standort_app::procurement::{
    CensusInput, ClinicSupply, ItemSupply, MovementInput, SupplyState, TransportMode,
};
use standort_domain::OrgId;

use super::{day_label, days, notice, pairs, state_label, units};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::i18n::Tr;
use crate::pages::form::{done, fail, first};
use crate::pages::{Layout, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/procurement/clinics/{id}", get(show))
        .route("/procurement/clinics/{id}/movements", post(record_movement))
        .route("/procurement/clinics/{id}/census", post(record_census))
}

struct ItemRow {
    name: String,
    standard: String,
    usable: String,
    expired: String,
    per_day: String,
    per_patient: String,
    days: String,
    state: String,
    critical: bool,
    stockout: String,
    on_order: String,
    explain: String,
}

struct LotRow {
    item: String,
    lot: String,
    expires: String,
    quantity: String,
    flag: String,
}

#[derive(Template)]
#[template(path = "procurement_clinic.html")]
struct ClinicPage<'a> {
    page: &'a Layout,
    id: i64,
    rows: Vec<ItemRow>,
    lots: Vec<LotRow>,
    /// (date, item, lot, kind, quantity)
    recent: Vec<(String, String, String, String, String)>,
    modes: Vec<(&'static str, String, bool)>,
    mode_name: String,
    items: Vec<(i64, String)>,
    kinds: Vec<(&'static str, String)>,
    can_record: bool,
    today: String,
    /// After a receipt booked by scan the scan field takes the focus again (`autofocus`), so
    /// that the next label can be scanned straight away — without a script. (No `#fragment`
    /// in that redirect: browsers skip autofocus on a URL with one.)
    scan_focus: bool,
}

/// The reorder suggestion in words, with its numbers.
fn explain(tr: &Tr, s: &ItemSupply, mode: TransportMode) -> String {
    if s.state == SupplyState::Unused {
        return tr.t("procurement-explain-unused");
    }
    let lead = mode.default_lead();
    let g = &s.suggestion;
    let basis = tr.targs(
        "procurement-explain",
        &[
            ("per_day", &tr.decimal(s.rate.per_day, 1)),
            ("lead", &tr.decimal(lead.mean_days, 0)),
            ("spread", &tr.decimal(lead.spread_days, 0)),
            ("mode", &tr.t(format!("procurement-mode-{}", mode.as_str()))),
            ("safety", &units(tr, g.safety_stock)),
            ("rop", &units(tr, g.reorder_point)),
            ("position", &units(tr, g.position)),
        ],
    );
    let verdict = if g.reorder {
        tr.targs(
            "procurement-explain-order",
            &[
                ("quantity", &units(tr, g.quantity)),
                ("packs", &units(tr, g.packs)),
                ("upto", &units(tr, g.order_up_to)),
            ],
        )
    } else {
        tr.t("procurement-explain-no-order")
    };
    format!("{basis} {verdict}")
}

fn page(
    ctx: &crate::context::Ctx,
    v: &ClinicSupply,
    notice: Option<String>,
    scan_focus: bool,
) -> Response {
    let tr = &ctx.tr;
    let mut layout = Layout::new(ctx, "procurement-clinic-title").with_notice(notice);
    layout.title = tr.ts("procurement-clinic-title", "clinic", &v.clinic.name);
    let rows = v
        .items
        .iter()
        .map(|s| ItemRow {
            name: s.item.name.clone(),
            standard: s.item.standard.clone(),
            usable: units(tr, s.usable),
            expired: units(tr, s.expired),
            per_day: tr.decimal(s.rate.per_day, 1),
            per_patient: s
                .rate
                .per_patient_day
                .map_or_else(|| "–".into(), |r| tr.decimal(r, 2)),
            days: days(tr, s.days),
            state: state_label(tr, s.state),
            critical: s.state == SupplyState::Critical,
            stockout: day_label(tr, s.stockout),
            on_order: units(tr, s.on_order),
            explain: explain(tr, s, v.mode),
        })
        .collect();
    let lots = v
        .items
        .iter()
        .flat_map(|s| {
            s.lots.iter().map(|l| LotRow {
                item: s.item.name.clone(),
                lot: l.lot.clone(),
                expires: day_label(tr, l.expires_on),
                quantity: units(tr, l.quantity),
                flag: if l.expired {
                    tr.t("procurement-lot-expired")
                } else if l.short_dated {
                    tr.t("procurement-lot-short-dated")
                } else {
                    String::new()
                },
            })
        })
        .collect();
    let name_of = |id: i64| {
        v.items
            .iter()
            .find(|s| s.item.id == id)
            .map(|s| s.item.name.clone())
            .unwrap_or_default()
    };
    render(&ClinicPage {
        page: &layout,
        id: v.clinic.id.0,
        rows,
        lots,
        recent: v
            .recent
            .iter()
            .map(|m| {
                (
                    tr.date(m.happened_on),
                    name_of(m.item_id),
                    m.lot.clone(),
                    tr.t(format!("procurement-kind-{}", m.kind)),
                    units(tr, m.quantity),
                )
            })
            .collect(),
        modes: TransportMode::ALL
            .iter()
            .map(|m| {
                (
                    m.as_str(),
                    tr.t(format!("procurement-mode-{}", m.as_str())),
                    *m == v.mode,
                )
            })
            .collect(),
        mode_name: tr.t(format!("procurement-mode-{}", v.mode.as_str())),
        items: v
            .items
            .iter()
            .map(|s| (s.item.id, s.item.name.clone()))
            .collect(),
        kinds: ["receipt", "issue", "count", "write_off"]
            .into_iter()
            .map(|k| (k, tr.t(format!("procurement-kind-{k}"))))
            .collect(),
        can_record: v.access == ClinicAccess::Manage,
        today: standort_app::procurement::format_day(v.today),
        scan_focus,
    })
}

pub async fn show(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = pairs(raw.as_deref());
    let mode = first(&p, "transport_mode");
    match state
        .app
        .clinic_supply(&actor, OrgId(id), mode.as_deref())
        .await
    {
        Ok(v) => page(
            &ctx,
            &v,
            notice(&ctx.tr, &p),
            first(&p, "scan").as_deref() == Some("1"),
        ),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn record_movement(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<MovementInput>,
) -> Response {
    let scanned = form.gs1.as_deref().is_some_and(|s| !s.trim().is_empty());
    match state.app.record_movement(&actor, OrgId(id), &form).await {
        Ok(_) => Redirect::to(&format!(
            "/procurement/clinics/{id}?done=procurement-movement-ok{}",
            if scanned { "&scan=1" } else { "" }
        ))
        .into_response(),
        Err(e) => fail(e, &ctx),
    }
}

pub async fn record_census(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<CensusInput>,
) -> Response {
    done(
        state.app.record_census(&actor, OrgId(id), &form).await,
        &ctx,
        format!("/procurement/clinics/{id}?done=procurement-census-ok"),
    )
}
