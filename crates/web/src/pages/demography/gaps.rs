//! Capacities and gaps on a region's page: the gap charts and tables, the capacity list and
//! its forms.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use standort_app::demography::{CapacityInput, RegionView};

use super::charts;
use super::format::{facility_label, num};
use crate::AppState;
use crate::context::{PageForm, PagePath, UserCtx};
use crate::error::{Failure, PageError};
use crate::i18n::Tr;

#[derive(Debug, Clone)]
pub(super) struct GapRowView {
    pub(super) year: i64,
    pub(super) places: String,
    pub(super) demand: String,
    pub(super) gap: String,
    pub(super) shortfall: bool,
    pub(super) i80: String,
    pub(super) i95: String,
}

#[derive(Debug, Clone)]
pub(super) struct GapView {
    pub(super) facility: String,
    pub(super) id: String,
    pub(super) summary: String,
    pub(super) svg: String,
    pub(super) rows: Vec<GapRowView>,
}

#[derive(Debug, Clone)]
pub(super) struct CapacityRow {
    pub(super) id: i64,
    pub(super) facility: String,
    pub(super) year_from: i64,
    pub(super) places: String,
    pub(super) take_up: String,
}

/// One chart and table per facility band with capacities.
pub(super) fn gap_views(v: &RegionView, tr: &Tr) -> Vec<GapView> {
    let lang = tr.lang;
    v.gaps
        .iter()
        .map(|g| {
            let name = facility_label(tr, g.facility);
            let summary = match g.first_shortfall() {
                // The number, not its text, so that the sentence agrees with it ("1 Platz").
                Some(r) => tr.targs_n(
                    "dm-gap-shortfall",
                    &[("year", &r.year.to_string())],
                    &[("places", (-r.gap).round() as i64)],
                ),
                None => tr.t("dm-gap-none"),
            };
            let title = tr.ts2("dm-gap-title", "facility", &name, "region", &v.region.name);
            let svg = charts::gap_bars(
                &format!("gap-{}", g.facility),
                &title,
                &tr.t("dm-gap-desc"),
                &g.rows
                    .iter()
                    .map(|r| charts::Bar {
                        year: r.year,
                        value: r.gap,
                        whisker80: Some((r.gap_low80, r.gap_high80)),
                        whisker95: Some((r.gap_low95, r.gap_high95)),
                    })
                    .collect::<Vec<_>>(),
                (
                    &tr.t("dm-gap-legend-short"),
                    &tr.t("dm-gap-legend-free"),
                    &tr.t("dm-gap-legend-interval"),
                ),
                |x| num(lang, x, 0),
            );
            GapView {
                facility: name,
                id: g.facility.to_string(),
                summary,
                svg,
                rows: g
                    .rows
                    .iter()
                    .map(|r| GapRowView {
                        year: r.year,
                        places: num(lang, r.places, 0),
                        demand: num(lang, r.demand, 0),
                        gap: num(lang, r.gap, 0),
                        shortfall: r.gap < 0.0,
                        i80: format!(
                            "{} – {}",
                            num(lang, r.gap_low80, 0),
                            num(lang, r.gap_high80, 0)
                        ),
                        i95: format!(
                            "{} – {}",
                            num(lang, r.gap_low95, 0),
                            num(lang, r.gap_high95, 0)
                        ),
                    })
                    .collect(),
            }
        })
        .collect()
}

#[derive(Debug, Deserialize)]
pub struct CapacityForm {
    facility: String,
    year_from: String,
    places: String,
    #[serde(default)]
    take_up_percent: String,
}

pub async fn add_capacity(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageForm(form): PageForm<CapacityForm>,
) -> Response {
    let bad = |field: &'static str, code: &'static str| {
        PageError::new(Failure::Validation { field, code }, &ctx).into_response()
    };
    let Ok(year_from) = form.year_from.trim().parse::<i64>() else {
        return bad("year_from", "invalid-year");
    };
    let Ok(places) = form.places.trim().parse::<i64>() else {
        return bad("places", "invalid-places");
    };
    let take_up_percent = match form.take_up_percent.trim() {
        "" => None,
        t => match t.replace(',', ".").parse::<f64>() {
            Ok(p) => Some(p),
            Err(_) => return bad("take_up_percent", "invalid-share"),
        },
    };
    let input = CapacityInput {
        facility: form.facility,
        year_from,
        places,
        take_up_percent,
    };
    match state.app.demography_set_capacity(&actor, id, &input).await {
        Ok(_) => Redirect::to(&format!(
            "/demography/regions/{id}?done=dm-capacity-saved#capacities"
        ))
        .into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

pub async fn delete_capacity(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, cid)): PagePath<(i64, i64)>,
) -> Response {
    match state.app.demography_delete_capacity(&actor, id, cid).await {
        Ok(()) => Redirect::to(&format!(
            "/demography/regions/{id}?done=dm-capacity-deleted#capacities"
        ))
        .into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}
