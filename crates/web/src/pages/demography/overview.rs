//! The overview page: the region hierarchy with the forms to import, project and manage
//! assumption sets, and the region list as a download.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use standort_app::policy::{Permission, allows};
use standort_demography::service;

use super::assumptions::{AssumeForm, SetRow};
use super::format::{indent, kind_label, level_label, measure_label, num};
use super::import::{ImportForm, IssueRow};
use super::projections::{BacktestView, backtest_view, rates_used_lines};
use super::{DoneQuery, FormatQuery, download, format_of, notice};
use crate::AppState;
use crate::context::{Ctx, PageQuery, UserCtx};
use crate::error::PageError;
use crate::pages::{Layout, render};

#[derive(Debug, Clone)]
pub(super) struct NodeRow {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) key: String,
    pub(super) level: String,
    /// Visual indentation of the hierarchy (hidden from screen readers; the level is a column).
    pub(super) prefix: String,
    pub(super) population: String,
    pub(super) year: String,
    pub(super) note: Option<String>,
}

#[derive(Template)]
#[template(path = "demography_regions.html")]
pub(super) struct RegionsPage<'a> {
    pub(super) page: &'a Layout,
    pub(super) rows: Vec<NodeRow>,
    pub(super) can_manage: bool,
    pub(super) run_line: Option<String>,
    pub(super) measures: Vec<(String, String)>,
    pub(super) issues: Vec<IssueRow>,
    pub(super) issues_more: String,
    pub(super) imported: Option<String>,
    pub(super) import_tables: Vec<ImportTable>,
    pub(super) backtest: Option<BacktestView>,
    /// What the latest run's rates came from (base years, assumption set).
    pub(super) rates_used: Vec<String>,
    pub(super) flow_years: Vec<i64>,
    pub(super) sets: Vec<SetRow>,
    pub(super) assume: AssumeForm,
}

/// One table of the import form: a file input and a text area.
#[derive(Debug, Clone)]
pub(super) struct ImportTable {
    pub(super) name: &'static str,
    pub(super) legend: String,
    pub(super) columns: &'static str,
    pub(super) pasted: String,
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn regions_page(
    state: &AppState,
    ctx: &Ctx,
    actor: &standort_app::Actor,
    done: Option<&str>,
    issues: Vec<IssueRow>,
    issues_more: String,
    imported: Option<String>,
    form: ImportForm,
    assume: AssumeForm,
) -> Response {
    let tree = match state.app.demography_tree(actor).await {
        Ok(t) => t,
        Err(e) => return PageError::new(e.into(), ctx).into_response(),
    };
    let tr = &ctx.tr;
    let run = latest_run_line(state, ctx, actor).await;
    let latest = state.app.demography_latest_run(actor).await.ok().flatten();
    let backtest = latest.as_ref().and_then(|r| backtest_view(tr, r));
    let rates_used = latest
        .as_ref()
        .map(|r| rates_used_lines(tr, r))
        .unwrap_or_default();
    let flow_years = state
        .app
        .demography_flow_years(actor)
        .await
        .unwrap_or_default();
    let sets = state
        .app
        .demography_assumption_sets(actor)
        .await
        .unwrap_or_default()
        .iter()
        .map(|i| SetRow {
            id: i.set.id,
            name: i.set.name.clone(),
            regions: num(tr.lang, i.regions as f64, 0),
            kinds: i
                .kinds
                .iter()
                .map(|k| kind_label(tr, k))
                .collect::<Vec<_>>()
                .join(", "),
            rows: num(tr.lang, i.rows as f64, 0),
            imported: format!(
                "{} · {}",
                tr.datetime(i.set.imported_at),
                i.set.imported_label
            ),
        })
        .collect();
    let rows = tree
        .iter()
        .map(|n| NodeRow {
            id: n.region.id,
            name: n.region.name.clone(),
            key: n.region.key.clone(),
            level: level_label(tr, &n.region.level),
            prefix: indent(n.depth),
            population: n
                .population
                .map(|p| num(tr.lang, p as f64, 0))
                .unwrap_or_default(),
            year: n.population_year.map(|y| y.to_string()).unwrap_or_default(),
            note: n.region.note.clone(),
        })
        .collect();
    let layout = Layout::new(ctx, "dm-title").with_notice(notice(tr, done));
    render(&RegionsPage {
        page: &layout,
        rows,
        can_manage: allows(actor.role(), Permission::ManageDemography),
        run_line: run,
        // The same measures as the comparison page itself offers.
        measures: service::all_measures()
            .map(|m| (m.to_string(), measure_label(tr, m)))
            .collect(),
        issues,
        issues_more,
        imported,
        import_tables: vec![
            ImportTable {
                name: "regions",
                legend: tr.t("dm-file-regions"),
                columns: "key,name,level,parent_key,note",
                pasted: form.regions,
            },
            ImportTable {
                name: "population",
                legend: tr.t("dm-file-population"),
                columns: "region_key,year,age,sex,nationality,population",
                pasted: form.population,
            },
            ImportTable {
                name: "flows",
                legend: tr.t("dm-file-flows"),
                columns: "region_key,year,kind,age,sex,count",
                pasted: form.flows,
            },
        ],
        backtest,
        rates_used,
        flow_years,
        sets,
        assume,
    })
}

pub(super) async fn latest_run_line(
    state: &AppState,
    ctx: &Ctx,
    actor: &standort_app::Actor,
) -> Option<String> {
    let run = state.app.demography_latest_run(actor).await.ok()??;
    Some(format!(
        "{} · {}",
        ctx.tr.ts2(
            "dm-run-line",
            "base",
            &run.base_year.to_string(),
            "last",
            &run.last_year.to_string()
        ),
        ctx.tr.datetime(run.created_at)
    ))
}

pub async fn regions(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<DoneQuery>,
) -> Response {
    regions_page(
        &state,
        &ctx,
        &actor,
        q.done.as_deref(),
        Vec::new(),
        String::new(),
        None,
        ImportForm::default(),
        AssumeForm::default(),
    )
    .await
}

pub async fn regions_export(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageQuery(q): PageQuery<FormatQuery>,
) -> Response {
    let format = match format_of(q.format.as_deref(), &ctx) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    match state.app.demography_export_regions(&actor, format).await {
        Ok(d) => download(d),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}
