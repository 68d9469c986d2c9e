//! Demography pages: the region hierarchy, a region's pyramid, time series, indicators,
//! capacities and gaps, a comparison of localities, downloads. Everything works without
//! JavaScript; charts are SVG rendered here (see [`charts`]) with a data table beside them.

pub mod charts;

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use standort_app::demography::export::{Download, Format};
use standort_app::demography::{
    CapacityInput, FACILITIES, ImportError, ImportFiles, RegionTable, RegionView, project,
};
use standort_app::policy::{Permission, allows};
use standort_domain::Language;

use super::{Layout, render};
use crate::AppState;
use crate::context::{Ctx, PageForm, PagePath, PageQuery, UserCtx};
use crate::error::{Failure, PageError};
use crate::i18n::{ModuleLocales, Tr, locales};
use crate::upload::Upload;

pub(crate) const LOCALES: ModuleLocales = locales!("demography");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demography", get(regions))
        .route("/demography/import", post(import))
        .route("/demography/project", post(run_projection))
        .route("/demography/assumptions", post(import_assumptions))
        .route(
            "/demography/assumptions/{id}/delete",
            post(delete_assumptions),
        )
        .route("/demography/compare", get(compare))
        .route("/demography/compare/export", get(compare_export))
        .route("/demography/export/regions", get(regions_export))
        .route("/demography/regions/{id}", get(region))
        .route("/demography/regions/{id}/capacities", post(add_capacity))
        .route(
            "/demography/regions/{id}/capacities/{cid}/delete",
            post(delete_capacity),
        )
        .route(
            "/demography/regions/{id}/export/{table}",
            get(region_export),
        )
}

/// Confirmation keys this module may show after a redirect.
fn notice(tr: &Tr, done: Option<&str>) -> Option<String> {
    const KNOWN: &[&str] = &[
        "dm-projection-done",
        "dm-assumptions-deleted",
        "dm-capacity-saved",
        "dm-capacity-deleted",
    ];
    done.filter(|d| KNOWN.contains(d)).map(|d| tr.t(d))
}

/// Formats a number the way the language writes it (thousands and decimal separators).
pub fn num(lang: Language, v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let (thousands, decimal) = match lang {
        Language::En => (',', '.'),
        _ => ('.', ','),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac}")
    }
}

fn indent(depth: usize) -> String {
    if depth == 0 {
        String::new()
    } else {
        format!("{}└ ", "\u{2003}".repeat(depth - 1))
    }
}

fn measure_label(tr: &Tr, measure: &str) -> String {
    match measure {
        "total" => tr.t("dm-measure-total"),
        "median_age" => tr.t("dm-measure-median-age"),
        "youth_dependency" => tr.t("dm-measure-youth-dependency"),
        "old_age_dependency" => tr.t("dm-measure-old-age-dependency"),
        "births" => tr.t("dm-measure-births"),
        "deaths" => tr.t("dm-measure-deaths"),
        "natural_balance" => tr.t("dm-measure-natural-balance"),
        "migration_balance" => tr.t("dm-measure-migration-balance"),
        "foreign" => tr.t("dm-measure-foreign"),
        "foreign_share" => tr.t("dm-measure-foreign-share"),
        band => tr.ts("dm-measure-band", "band", &band.replace('-', "–")),
    }
}

fn decimals(measure: &str) -> usize {
    match measure {
        "median_age" | "youth_dependency" | "old_age_dependency" | "foreign_share" => 1,
        _ => 0,
    }
}

fn facility_label(tr: &Tr, facility: &str) -> String {
    tr.t(format!("dm-facility-{facility}"))
}

fn level_label(tr: &Tr, level: &str) -> String {
    tr.t(format!("dm-level-{level}"))
}

fn method_label(tr: &Tr, method: &str) -> String {
    tr.t(format!("dm-method-{}", method.replace('_', "-")))
}

fn download(d: Download) -> Response {
    let mut r = d.bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(d.content_type),
    );
    let safe: String = d
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

fn format_of(s: Option<&str>, ctx: &Ctx) -> Result<Format, Box<Response>> {
    Format::parse(s.unwrap_or("csv")).ok_or_else(|| {
        Box::new(
            PageError::new(
                Failure::BadRequest("format must be csv or xlsx".into()),
                ctx,
            )
            .into_response(),
        )
    })
}

// ---------------------------------------------------------------- regions list

#[derive(Debug, Clone)]
struct NodeRow {
    id: i64,
    name: String,
    key: String,
    level: String,
    /// Visual indentation of the hierarchy (hidden from screen readers; the level is a column).
    prefix: String,
    population: String,
    year: String,
    note: Option<String>,
}

#[derive(Debug, Clone)]
struct IssueRow {
    file: String,
    line: String,
    message: String,
}

#[derive(Template)]
#[template(path = "demography_regions.html")]
struct RegionsPage<'a> {
    page: &'a Layout,
    rows: Vec<NodeRow>,
    can_manage: bool,
    run_line: Option<String>,
    measures: Vec<(String, String)>,
    issues: Vec<IssueRow>,
    issues_more: String,
    imported: Option<String>,
    import_tables: Vec<ImportTable>,
    backtest: Option<BacktestView>,
    /// What the latest run's rates came from (base years, assumption set).
    rates_used: Vec<String>,
    flow_years: Vec<i64>,
    sets: Vec<SetRow>,
    assume: AssumeForm,
}

/// A stored assumption set in the list.
#[derive(Debug, Clone)]
struct SetRow {
    id: i64,
    name: String,
    regions: String,
    kinds: String,
    rows: String,
    imported: String,
}

/// State of the assumption-set form: refusal issues, confirmation, what was typed.
#[derive(Debug, Clone, Default)]
struct AssumeForm {
    issues: Vec<IssueRow>,
    more: String,
    done: Option<String>,
    name: String,
    pasted: String,
}

fn kind_label(tr: &Tr, kind: &str) -> String {
    tr.t(format!("dm-kind-{kind}"))
}

/// The lines of the run summary about its rates.
fn rates_used_lines(tr: &Tr, run: &standort_store::demography::Run) -> Vec<String> {
    let used = standort_app::demography::RatesUsed::of(run);
    let mut lines = Vec::new();
    match used.base_years {
        Some((from, to)) => lines.push(tr.ts2(
            if used.chosen {
                "dm-rates-base-years-chosen"
            } else {
                "dm-rates-base-years-all"
            },
            "from",
            &from.to_string(),
            "to",
            &to.to_string(),
        )),
        None => lines.push(tr.t("dm-rates-no-flows")),
    }
    match &used.assumption_set {
        Some(name) => {
            let regions: Vec<String> = used
                .explicit
                .iter()
                .map(|(key, kinds)| {
                    let kinds: Vec<String> = kinds.iter().map(|k| kind_label(tr, k)).collect();
                    format!("{key} ({})", kinds.join(", "))
                })
                .collect();
            lines.push(tr.ts2("dm-rates-set", "name", name, "regions", &regions.join("; ")));
        }
        None => lines.push(tr.t("dm-rates-no-set")),
    }
    lines
}

/// The latest run's built-in back-test, formatted.
#[derive(Debug, Clone)]
struct BacktestView {
    intro: String,
    rows: Vec<BacktestLine>,
}

#[derive(Debug, Clone)]
struct BacktestLine {
    method: String,
    size_class: String,
    horizon: usize,
    units: usize,
    mape: String,
    malpe: String,
}

/// A size class of the engine (`<5k`, `5k–20k`, …, `all`) in the language's number format.
fn size_class_label(tr: &Tr, class: &str) -> String {
    let n = |v: f64| num(tr.lang, v, 0);
    match class {
        "<5k" => format!("< {}", n(5_000.0)),
        "5k–20k" => format!("{}–{}", n(5_000.0), n(20_000.0)),
        "20k–100k" => format!("{}–{}", n(20_000.0), n(100_000.0)),
        "≥100k" => format!("≥ {}", n(100_000.0)),
        _ => tr.t("dm-backtest-all"),
    }
}

fn backtest_view(tr: &Tr, run: &standort_store::demography::Run) -> Option<BacktestView> {
    let bt: project::BacktestSummary =
        serde_json::from_value(run.summary.get("backtest")?.clone()).ok()?;
    Some(BacktestView {
        intro: tr.ts2(
            "dm-backtest-intro",
            "from",
            &bt.jump_off.to_string(),
            "to",
            &bt.to.to_string(),
        ),
        rows: bt
            .rows
            .iter()
            .map(|r| BacktestLine {
                method: method_label(tr, &r.method),
                size_class: size_class_label(tr, &r.size_class),
                horizon: r.horizon,
                units: r.units,
                mape: num(tr.lang, r.mape, 1),
                malpe: format!(
                    "{}{}",
                    if r.malpe > 0.0 { "+" } else { "" },
                    num(tr.lang, r.malpe, 1)
                ),
            })
            .collect(),
    })
}

/// One table of the import form: a file input and a text area.
#[derive(Debug, Clone)]
struct ImportTable {
    name: &'static str,
    legend: String,
    columns: &'static str,
    pasted: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    regions: String,
    #[serde(default)]
    population: String,
    #[serde(default)]
    flows: String,
}

#[derive(Debug, Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn regions_page(
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
        measures: project::all_measures()
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

async fn latest_run_line(
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

/// Import from uploaded files (CSV or XLSX) or pasted CSV text; a file wins over text pasted
/// for the same table.
pub async fn import(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    upload: Upload,
) -> Response {
    let form: ImportForm = match upload.form() {
        Ok(f) => f,
        Err(failure) => return PageError::new(failure, &ctx).into_response(),
    };
    let pick = |name: &str, pasted: &str| match upload.file(&format!("{name}_file")) {
        Some(file) => Some(file.bytes.to_vec()),
        None => (!pasted.trim().is_empty()).then(|| pasted.as_bytes().to_vec()),
    };
    let files = ImportFiles {
        regions: pick("regions", &form.regions),
        population: pick("population", &form.population),
        flows: pick("flows", &form.flows),
    };
    let tr = &ctx.tr;
    match state.app.demography_import(Some(&actor), &files).await {
        Ok(s) => {
            let done = tr.tnn(
                "dm-import-done",
                &[
                    ("regions", s.regions as i64),
                    ("cells", s.population_cells as i64),
                    ("flows", s.flow_cells as i64),
                ],
            );
            regions_page(
                &state,
                &ctx,
                &actor,
                None,
                Vec::new(),
                String::new(),
                Some(done),
                ImportForm::default(),
                AssumeForm::default(),
            )
            .await
        }
        Err(ImportError::Invalid { issues, more }) => {
            let rows = issue_rows(tr, &issues);
            let more = if more > 0 {
                tr.tn("dm-import-more", "count", more as i64)
            } else {
                String::new()
            };
            let mut r = regions_page(
                &state,
                &ctx,
                &actor,
                None,
                rows,
                more,
                None,
                form,
                AssumeForm::default(),
            )
            .await;
            *r.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
            r
        }
        Err(ImportError::App(e)) => PageError::new(e.into(), &ctx).into_response(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ProjectForm {
    #[serde(default)]
    base_from: String,
    #[serde(default)]
    base_to: String,
    #[serde(default)]
    assumption_set: String,
}

pub async fn run_projection(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PageForm(form): PageForm<ProjectForm>,
) -> Response {
    let year = |s: &str| s.trim().parse::<i64>().ok();
    let base_years = match (year(&form.base_from), year(&form.base_to)) {
        (None, None) if form.base_from.trim().is_empty() && form.base_to.trim().is_empty() => None,
        (Some(a), Some(b)) => Some((a, b)),
        // One end chosen: the other is the first or last observed flow year.
        (a, b) if a.is_some() || b.is_some() => {
            let years = state
                .app
                .demography_flow_years(&actor)
                .await
                .unwrap_or_default();
            match (a.or(years.first().copied()), b.or(years.last().copied())) {
                (Some(a), Some(b)) => Some((a, b)),
                _ => None,
            }
        }
        _ => {
            return PageError::new(
                Failure::Validation {
                    field: "base_years",
                    code: "invalid-base-years",
                },
                &ctx,
            )
            .into_response();
        }
    };
    let options = project::Options {
        base_years,
        ..Default::default()
    };
    let set = Some(form.assumption_set.trim()).filter(|s| !s.is_empty());
    match state
        .app
        .demography_project(Some(&actor), &options, set)
        .await
    {
        Ok(_) => Redirect::to("/demography?done=dm-projection-done").into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AssumptionsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    assumptions: String,
}

/// Import of an assumption set from an uploaded file (CSV or XLSX) or pasted CSV text; the
/// file wins over pasted text.
pub async fn import_assumptions(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    upload: Upload,
) -> Response {
    let form: AssumptionsForm = match upload.form() {
        Ok(f) => f,
        Err(failure) => return PageError::new(failure, &ctx).into_response(),
    };
    let bytes = match upload.file("assumptions_file") {
        Some(file) => file.bytes.to_vec(),
        None => form.assumptions.as_bytes().to_vec(),
    };
    let tr = &ctx.tr;
    let result = state
        .app
        .demography_import_assumptions(Some(&actor), &form.name, &bytes)
        .await;
    let (assume, status) = match result {
        Ok(s) => (
            AssumeForm {
                done: Some(tr.tnn(
                    if s.replaced {
                        "dm-assumptions-replaced"
                    } else {
                        "dm-assumptions-done"
                    },
                    &[("regions", s.regions as i64), ("rows", s.rows as i64)],
                )),
                ..Default::default()
            },
            axum::http::StatusCode::OK,
        ),
        Err(ImportError::Invalid { issues, more }) => (
            AssumeForm {
                issues: issue_rows(tr, &issues),
                more: if more > 0 {
                    tr.tn("dm-import-more", "count", more as i64)
                } else {
                    String::new()
                },
                done: None,
                name: form.name,
                pasted: form.assumptions,
            },
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(ImportError::App(e)) => return PageError::new(e.into(), &ctx).into_response(),
    };
    let mut r = regions_page(
        &state,
        &ctx,
        &actor,
        None,
        Vec::new(),
        String::new(),
        None,
        ImportForm::default(),
        assume,
    )
    .await;
    if r.status().is_success() {
        *r.status_mut() = status;
    }
    r
}

pub async fn delete_assumptions(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    PagePath(id): PagePath<i64>,
) -> Response {
    match state
        .app
        .demography_delete_assumption_set(Some(&actor), id)
        .await
    {
        Ok(()) => Redirect::to("/demography?done=dm-assumptions-deleted#assumptions-heading")
            .into_response(),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

fn issue_rows(tr: &Tr, issues: &[standort_app::demography::parse::Issue]) -> Vec<IssueRow> {
    issues
        .iter()
        .map(|i| IssueRow {
            file: tr.t(format!("dm-file-{}", i.file)),
            line: if i.line == 0 {
                "–".into()
            } else {
                i.line.to_string()
            },
            message: i.message.clone(),
        })
        .collect()
}

#[derive(Debug, Deserialize)]
pub struct FormatQuery {
    format: Option<String>,
    year: Option<i64>,
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

// ---------------------------------------------------------------- region page

#[derive(Debug, Clone)]
struct PyramidRow {
    label: String,
    base_m: String,
    base_f: String,
    proj_m: String,
    proj_f: String,
    /// Foreign nationals among them (empty for regions without nationality).
    base_m_foreign: String,
    base_f_foreign: String,
    proj_m_foreign: String,
    proj_f_foreign: String,
}

#[derive(Debug, Clone)]
struct SeriesRow {
    year: i64,
    observed: String,
    medium: String,
    i80: String,
    i95: String,
    low: String,
    high: String,
}

#[derive(Debug, Clone)]
struct GapRowView {
    year: i64,
    places: String,
    demand: String,
    gap: String,
    shortfall: bool,
    i80: String,
    i95: String,
}

#[derive(Debug, Clone)]
struct GapView {
    facility: String,
    id: String,
    summary: String,
    svg: String,
    rows: Vec<GapRowView>,
}

#[derive(Debug, Clone)]
struct CapacityRow {
    id: i64,
    facility: String,
    year_from: i64,
    places: String,
    take_up: String,
}

#[derive(Template)]
#[template(path = "demography_region.html")]
struct RegionPage<'a> {
    page: &'a Layout,
    id: i64,
    key: String,
    level: String,
    note: Option<String>,
    breadcrumbs: Vec<(i64, String)>,
    children: Vec<(i64, String)>,
    can_manage: bool,
    method: Option<String>,
    has_run: bool,
    base_year: String,
    pyramid_year: String,
    pyramid_years: Vec<(i64, bool)>,
    pyramid_svg: String,
    pyramid_rows: Vec<PyramidRow>,
    /// Whether the pyramid shows foreign nationals (extra table columns).
    has_foreign: bool,
    measure: String,
    measures: Vec<(String, String, bool)>,
    series_title: String,
    series_svg: String,
    series_rows: Vec<SeriesRow>,
    indicator_head: Vec<String>,
    indicator_rows: Vec<(String, Vec<String>)>,
    gaps: Vec<GapView>,
    capacities: Vec<CapacityRow>,
    facilities: Vec<(String, String)>,
    default_year: i64,
    compare_href: String,
}

#[derive(Debug, Deserialize)]
pub struct RegionQuery {
    year: Option<i64>,
    measure: Option<String>,
    done: Option<String>,
}

/// Five-year groups 0–4 … 95–99, 100+.
fn five_year_groups(male: &[f64], female: &[f64]) -> Vec<(String, f64, f64)> {
    (0..=20)
        .map(|g| {
            let (from, to) = (g * 5, if g == 20 { 100 } else { g * 5 + 4 });
            let label = if g == 20 {
                "100+".to_string()
            } else {
                format!("{from}–{to}")
            };
            let sum = |v: &[f64]| v[from.min(v.len())..=to.min(v.len() - 1)].iter().sum();
            (label, sum(male), sum(female))
        })
        .collect()
}

fn series_rows(v: &RegionView, measure: &str, lang: Language) -> Vec<SeriesRow> {
    let d = decimals(measure);
    let f = |x: f64| num(lang, x, d);
    let opt = |r: Option<&standort_store::demography::ResultRow>| {
        r.map(|r| f(r.value)).unwrap_or_default()
    };
    v.years()
        .into_iter()
        .map(|(year, _)| {
            let m = v.value(measure, "medium", year);
            let i = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => format!("{} – {}", f(a), f(b)),
                _ => String::new(),
            };
            SeriesRow {
                year,
                observed: opt(v.value(measure, "observed", year)),
                medium: opt(m),
                i80: m.map(|m| i(m.p10, m.p90)).unwrap_or_default(),
                i95: m.map(|m| i(m.p2_5, m.p97_5)).unwrap_or_default(),
                low: opt(v.value(measure, "low", year)),
                high: opt(v.value(measure, "high", year)),
            }
        })
        .collect()
}

fn series_svg(v: &RegionView, measure: &str, tr: &Tr, title: &str) -> String {
    let pts = |scenario: &str| -> Vec<(i64, f64)> {
        v.series(measure, scenario)
            .iter()
            .map(|r| (r.year, r.value))
            .collect()
    };
    let observed = pts("observed");
    let mut medium = pts("medium");
    // The projection starts where the observation ends.
    let base = v.run.as_ref().map(|r| r.base_year);
    let joint = base.and_then(|b| observed.iter().find(|p| p.0 == b).copied());
    if let Some(j) = joint {
        medium.insert(0, j);
    }
    let band = |lo: fn(&standort_store::demography::ResultRow) -> Option<f64>,
                hi: fn(&standort_store::demography::ResultRow) -> Option<f64>| {
        let mut b: Vec<(i64, f64, f64)> = v
            .series(measure, "medium")
            .iter()
            .filter_map(|r| Some((r.year, lo(r)?, hi(r)?)))
            .collect();
        if let (Some(j), false) = (joint, b.is_empty()) {
            b.insert(0, (j.0, j.1, j.1));
        }
        b
    };
    let mut lines = vec![
        charts::Line {
            label: tr.t("dm-series-observed"),
            colour: charts::INK,
            dash: None,
            points: observed,
            band80: vec![],
            band95: vec![],
        },
        charts::Line {
            label: tr.t("dm-series-medium"),
            colour: charts::BLUE,
            dash: Some("7 4"),
            points: medium,
            band80: band(|r| r.p10, |r| r.p90),
            band95: band(|r| r.p2_5, |r| r.p97_5),
        },
    ];
    for (scenario, key, colour) in [
        ("low", "dm-series-low", charts::ORANGE),
        ("high", "dm-series-high", charts::GREEN),
    ] {
        let p = pts(scenario);
        if !p.is_empty() {
            lines.push(charts::Line {
                label: tr.t(key),
                colour,
                dash: Some("2 3"),
                points: p,
                band80: vec![],
                band95: vec![],
            });
        }
    }
    let d = decimals(measure);
    charts::lines(
        "series",
        title,
        &tr.t("dm-series-desc"),
        &lines,
        (&tr.t("dm-interval-80"), &tr.t("dm-interval-95")),
        |x| num(tr.lang, x, d),
    )
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

    // Pyramid.
    let base_groups = v
        .pyramid_base
        .as_ref()
        .map(|p| five_year_groups(&p.male, &p.female));
    let proj_pyramid = v
        .pyramid_year
        .as_ref()
        .filter(|p| Some(p.year) != v.pyramid_base.as_ref().map(|b| b.year));
    let proj_groups = proj_pyramid.map(|p| five_year_groups(&p.male, &p.female));
    // Foreign nationals per five-year group, (male, female).
    let foreign_groups = |p: &standort_store::demography::Pyramid| {
        p.foreign.as_ref().map(|(m, f)| {
            five_year_groups(m, f)
                .into_iter()
                .map(|(_, m, f)| (m, f))
                .collect::<Vec<_>>()
        })
    };
    let base_foreign = v.pyramid_base.as_ref().and_then(foreign_groups);
    let proj_foreign = proj_pyramid.and_then(foreign_groups);
    let has_foreign = base_foreign.is_some();
    let base_year = v
        .run
        .as_ref()
        .map(|r| r.base_year.to_string())
        .unwrap_or_default();
    let pyramid_year = v
        .pyramid_year
        .as_ref()
        .map(|p| p.year.to_string())
        .unwrap_or_default();
    let pyramid_svg = base_groups
        .as_ref()
        .map(|b| {
            charts::pyramid(
                "pyramid",
                b,
                proj_groups.as_deref(),
                base_foreign.as_deref(),
                &charts::PyramidLabels {
                    title: tr.ts2(
                        "dm-pyramid-title",
                        "base",
                        &base_year,
                        "year",
                        &pyramid_year,
                    ),
                    desc: tr.t(if has_foreign {
                        "dm-pyramid-desc-foreign"
                    } else {
                        "dm-pyramid-desc"
                    }),
                    male: tr.t("dm-male"),
                    female: tr.t("dm-female"),
                    base: tr.ts("dm-pyramid-base", "year", &base_year),
                    projected: tr.ts("dm-pyramid-projected", "year", &pyramid_year),
                    foreign: tr.ts("dm-pyramid-foreign", "year", &base_year),
                },
                |x| num(lang, x, 0),
            )
        })
        .unwrap_or_default();
    let foreign_cell = |g: &Option<Vec<(f64, f64)>>, i: usize, sex: usize| {
        g.as_ref()
            .and_then(|g| g.get(i))
            .map(|(m, f)| num(lang, if sex == 0 { *m } else { *f }, 0))
            .unwrap_or_default()
    };
    let pyramid_rows = base_groups
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, (label, m, f))| {
            let p = proj_groups.as_ref().map(|g| &g[i]);
            PyramidRow {
                label: label.clone(),
                base_m: num(lang, *m, 0),
                base_f: num(lang, *f, 0),
                proj_m: p.map(|p| num(lang, p.1, 0)).unwrap_or_default(),
                proj_f: p.map(|p| num(lang, p.2, 0)).unwrap_or_default(),
                base_m_foreign: foreign_cell(&base_foreign, i, 0),
                base_f_foreign: foreign_cell(&base_foreign, i, 1),
                proj_m_foreign: foreign_cell(&proj_foreign, i, 0),
                proj_f_foreign: foreign_cell(&proj_foreign, i, 1),
            }
        })
        .collect();

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

    // Indicators.
    let table = v.indicator_table();
    let indicator_head = table.columns[2..]
        .iter()
        .map(|c| measure_label(tr, c))
        .collect();
    let indicator_rows = table
        .rows
        .iter()
        .map(|row| {
            let year = match &row[0] {
                standort_app::demography::export::Value::Number(y) => *y as i64,
                _ => 0,
            };
            let projected = matches!(&row[1], standort_app::demography::export::Value::Text(t) if t == "projected");
            let head = if projected {
                tr.ts("dm-year-projected", "year", &year.to_string())
            } else {
                year.to_string()
            };
            let cells = row[2..]
                .iter()
                .zip(&table.columns[2..])
                .map(|(c, col)| match c {
                    standort_app::demography::export::Value::Number(x) => {
                        num(lang, *x, decimals(col))
                    }
                    _ => "–".into(),
                })
                .collect();
            (head, cells)
        })
        .collect();

    // Gaps.
    let gaps = v
        .gaps
        .iter()
        .map(|g| {
            let name = facility_label(tr, g.facility);
            let summary = match g.first_shortfall() {
                Some(r) => tr.ts2(
                    "dm-gap-shortfall",
                    "year",
                    &r.year.to_string(),
                    "places",
                    &num(lang, -r.gap, 0),
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
        .collect();

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

// ---------------------------------------------------------------- comparison

/// `r=1&r=2&measure=total&format=csv`: repeated keys, so parsed by hand.
fn compare_query(raw: Option<&str>) -> (Vec<i64>, String, Option<String>) {
    let mut ids = Vec::new();
    let mut measure = "total".to_string();
    let mut format = None;
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match k.as_ref() {
            "r" => {
                if let Ok(id) = v.parse()
                    && !ids.contains(&id)
                {
                    ids.push(id);
                }
            }
            "measure" => measure = v.into_owned(),
            "format" => format = Some(v.into_owned()),
            _ => {}
        }
    }
    (ids, measure, format)
}

#[derive(Template)]
#[template(path = "demography_compare.html")]
struct ComparePage<'a> {
    page: &'a Layout,
    svg: String,
    head: Vec<String>,
    rows: Vec<(i64, String, Vec<String>)>,
    options: Vec<(i64, String, String, bool)>,
    measures: Vec<(String, String, bool)>,
    export_query: String,
}

pub async fn compare(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let (ids, measure, _) = compare_query(raw.as_deref());
    let tree = match state.app.demography_tree(&actor).await {
        Ok(t) => t,
        Err(e) => return PageError::new(e.into(), &ctx).into_response(),
    };
    let c = match state.app.demography_compare(&actor, &ids, &measure).await {
        Ok(c) => c,
        Err(e) => return PageError::new(e.into(), &ctx).into_response(),
    };
    let tr = &ctx.tr;
    let lang = tr.lang;
    let d = decimals(&measure);
    let title = tr.ts("dm-compare-chart", "measure", &measure_label(tr, &measure));
    let lines: Vec<charts::Line> = c
        .regions
        .iter()
        .zip(&c.values)
        .enumerate()
        .map(|(i, (r, vals))| charts::Line {
            label: r.name.clone(),
            colour: charts::SERIES[i % charts::SERIES.len()],
            dash: None,
            points: c
                .years
                .iter()
                .zip(vals)
                .filter_map(|(y, v)| v.as_ref().map(|v| (*y, v.value)))
                .collect(),
            band80: vec![],
            band95: vec![],
        })
        .collect();
    let svg = if lines.is_empty() {
        String::new()
    } else {
        charts::lines(
            "compare",
            &title,
            &tr.t("dm-compare-desc"),
            &lines,
            ("", ""),
            |x| num(lang, x, d),
        )
    };
    let layout = Layout::new(&ctx, "dm-compare-title");
    let export_query = format!(
        "measure={measure}&{}",
        ids.iter()
            .map(|i| format!("r={i}"))
            .collect::<Vec<_>>()
            .join("&")
    );
    render(&ComparePage {
        page: &layout,
        svg,
        head: c.regions.iter().map(|r| r.name.clone()).collect(),
        rows: c
            .years
            .iter()
            .enumerate()
            .map(|(yi, y)| {
                let projected = c
                    .values
                    .iter()
                    .any(|v| v[yi].as_ref().is_some_and(|r| r.scenario == "medium"));
                let head = if projected {
                    tr.ts("dm-year-projected", "year", &y.to_string())
                } else {
                    y.to_string()
                };
                (
                    *y,
                    head,
                    c.values
                        .iter()
                        .map(|v| {
                            v[yi]
                                .as_ref()
                                .map(|r| match (r.p10, r.p90) {
                                    (Some(a), Some(b)) => format!(
                                        "{} ({} – {})",
                                        num(lang, r.value, d),
                                        num(lang, a, d),
                                        num(lang, b, d)
                                    ),
                                    _ => num(lang, r.value, d),
                                })
                                .unwrap_or_else(|| "–".into())
                        })
                        .collect(),
                )
            })
            .collect(),
        options: tree
            .iter()
            .map(|n| {
                (
                    n.region.id,
                    n.region.name.clone(),
                    indent(n.depth),
                    ids.contains(&n.region.id),
                )
            })
            .collect(),
        measures: project::all_measures()
            .map(|m| (m.to_string(), measure_label(tr, m), m == measure))
            .collect(),
        export_query,
    })
}

pub async fn compare_export(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let (ids, measure, format) = compare_query(raw.as_deref());
    let format = match format_of(format.as_deref(), &ctx) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    match state
        .app
        .demography_export_comparison(&actor, &ids, &measure, format)
        .await
    {
        Ok(d) => download(d),
        Err(e) => PageError::new(e.into(), &ctx).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(num(Language::De, 12345.678, 1), "12.345,7");
        assert_eq!(num(Language::En, 12345.678, 1), "12,345.7");
        assert_eq!(num(Language::Vi, -1234.0, 0), "−1.234");
        assert_eq!(num(Language::De, -0.2, 0), "0");
        assert_eq!(num(Language::En, 999.0, 0), "999");
    }

    #[test]
    fn compare_query_takes_repeated_regions() {
        let (ids, m, f) = compare_query(Some("r=3&r=4&r=3&measure=0-2&format=xlsx"));
        assert_eq!(
            (ids, m.as_str(), f.as_deref()),
            (vec![3, 4], "0-2", Some("xlsx"))
        );
    }
}
