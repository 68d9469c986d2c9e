//! A region's page: pyramid, series, indicators, capacities and gaps; and its tables as
//! downloads.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use standort_app::demography::{FACILITIES, RegionTable};
use standort_app::policy::{Permission, allows};

use super::format::{facility_label, level_label, measure_label, method_label, num};
use super::gaps::{CapacityRow, GapView, gap_views};
use super::pyramid::{PyramidRow, PyramidSection, pyramid_section};
use super::series::{SeriesRow, indicator_section, series_rows, series_svg};
use super::{FormatQuery, download, format_of, notice};
use crate::AppState;
use crate::context::{PagePath, PageQuery, UserCtx};
use crate::error::{Failure, PageError};
use crate::pages::{Layout, render};

#[derive(Template)]
#[template(path = "demography_region.html")]
pub(super) struct RegionPage<'a> {
    pub(super) page: &'a Layout,
    pub(super) id: i64,
    pub(super) key: String,
    pub(super) level: String,
    pub(super) note: Option<String>,
    pub(super) breadcrumbs: Vec<(i64, String)>,
    pub(super) children: Vec<(i64, String)>,
    pub(super) can_manage: bool,
    pub(super) method: Option<String>,
    pub(super) has_run: bool,
    pub(super) base_year: String,
    pub(super) pyramid_year: String,
    pub(super) pyramid_years: Vec<(i64, bool)>,
    pub(super) pyramid_svg: String,
    pub(super) pyramid_rows: Vec<PyramidRow>,
    /// Whether the pyramid shows foreign nationals (extra table columns).
    pub(super) has_foreign: bool,
    pub(super) measure: String,
    pub(super) measures: Vec<(String, String, bool)>,
    pub(super) series_title: String,
    pub(super) series_svg: String,
    pub(super) series_rows: Vec<SeriesRow>,
    pub(super) indicator_head: Vec<String>,
    pub(super) indicator_rows: Vec<(String, Vec<String>)>,
    pub(super) gaps: Vec<GapView>,
    pub(super) capacities: Vec<CapacityRow>,
    pub(super) facilities: Vec<(String, String)>,
    pub(super) default_year: i64,
    pub(super) compare_href: String,
}

#[derive(Debug, Deserialize)]
pub struct RegionQuery {
    pub(super) year: Option<i64>,
    pub(super) measure: Option<String>,
    pub(super) done: Option<String>,
}

pub async fn region(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
    PageQuery(q): PageQuery<RegionQuery>,
) -> Response {
    let v = match state.app.demography_region(&actor, id, q.year).await {
        Ok(v) => v,
        Err(e) => return PageError::new(e.into(), &ctx).into_response(),
    };
    let tr = &ctx.tr;
    let lang = tr.lang;
    let region_measures = v.measures();
    let measure = q
        .measure
        .filter(|m| region_measures.iter().any(|x| x == m))
        .unwrap_or_else(|| "total".to_string());

    let PyramidSection {
        svg: pyramid_svg,
        rows: pyramid_rows,
        has_foreign,
        base_year,
        year: pyramid_year,
    } = pyramid_section(&v, tr);

    // Series.
    let series_title = tr.ts2(
        "dm-series-title",
        "measure",
        &measure_label(tr, &measure),
        "region",
        &v.region.name,
    );
    let series_svg = series_svg(&v, &measure, tr, &series_title);
    let series_rows = series_rows(&v, &measure, lang);

    let (indicator_head, indicator_rows) = indicator_section(&v, tr);
    let gaps = gap_views(&v, tr);

    let mut compare_ids = vec![v.region.id];
    compare_ids.extend(v.children.iter().take(5).map(|c| c.id));
    let compare_href = format!(
        "/demography/compare?measure={}&{}",
        measure,
        compare_ids
            .iter()
            .map(|i| format!("r={i}"))
            .collect::<Vec<_>>()
            .join("&")
    );
    let mut layout = Layout::new(&ctx, "dm-title").with_notice(notice(tr, q.done.as_deref()));
    layout.title = v.region.name.clone();
    let selected_year = v.pyramid_year.as_ref().map(|p| p.year);
    render(&RegionPage {
        page: &layout,
        id: v.region.id,
        key: v.region.key.clone(),
        level: level_label(tr, &v.region.level),
        note: v.region.note.clone(),
        breadcrumbs: v.ancestors.iter().map(|a| (a.id, a.name.clone())).collect(),
        children: v.children.iter().map(|c| (c.id, c.name.clone())).collect(),
        can_manage: allows(actor.role(), Permission::ManageDemography),
        method: v.method.as_deref().map(|m| method_label(tr, m)),
        has_run: v.run.is_some(),
        base_year,
        pyramid_year,
        pyramid_years: v
            .pyramid_years
            .iter()
            .filter(|y| Some(**y) != v.run.as_ref().map(|r| r.base_year))
            .map(|y| (*y, Some(*y) == selected_year))
            .collect(),
        pyramid_svg,
        pyramid_rows,
        has_foreign,
        measures: region_measures
            .iter()
            .map(|m| (m.to_string(), measure_label(tr, m), *m == measure))
            .collect(),
        measure,
        series_title,
        series_svg,
        series_rows,
        indicator_head,
        indicator_rows,
        gaps,
        capacities: v
            .capacities
            .iter()
            .map(|c| CapacityRow {
                id: c.id,
                facility: facility_label(tr, &c.band),
                year_from: c.year_from,
                places: num(lang, c.places as f64, 0),
                take_up: format!("{} %", num(lang, c.take_up * 100.0, 0)),
            })
            .collect(),
        facilities: FACILITIES
            .iter()
            .map(|f| (f.0.to_string(), facility_label(tr, f.0)))
            .collect(),
        default_year: v.run.as_ref().map(|r| r.base_year + 1).unwrap_or(2025),
        compare_href,
    })
}

pub async fn region_export(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath((id, table)): PagePath<(i64, String)>,
    PageQuery(q): PageQuery<FormatQuery>,
) -> Response {
    let Some(table) = RegionTable::parse(&table) else {
        return PageError::new(Failure::NotFound, &ctx).into_response();
    };
    let format = match format_of(q.format.as_deref(), &ctx) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    match state
        .app
        .demography_export_region(&actor, id, table, q.year, format)
        .await
    {
        Ok(d) => download(d),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}
