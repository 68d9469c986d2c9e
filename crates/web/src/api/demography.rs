//! `/api/v1/demography`: the same regions, results, gaps, imports and projection runs as the
//! pages, with the same permissions (planners and administrators write, agency staff read).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::PageRequest;
use standort_app::demography::{ImportError, ImportFiles, RatesUsed, RegionTable, Table, project};
use standort_store::demography::{Region, ResultFilter, ResultRow};
use utoipa::{IntoParams, ToSchema};

use super::{ApiActor, ApiJson, ApiPath, ApiQuery};
use crate::AppState;
use crate::error::{ApiError, Failure, Problem};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/regions", get(list_regions))
        .route("/regions/{id}", get(get_region))
        .route("/regions/{id}/results", get(list_results))
        .route("/regions/{id}/tables/{table}", get(region_table))
        .route("/compare", get(compare))
        .route("/import", post(import))
        .route("/project", post(run_projection))
        .route(
            "/assumptions",
            get(list_assumption_sets).post(import_assumptions),
        )
        .route("/assumptions/{id}", delete(delete_assumption_set))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDto {
    pub id: i64,
    /// Official key (AGS or another country's code).
    pub key: String,
    pub name: String,
    /// land, kreis, gemeinde or ortsteil
    pub level: String,
    pub parent_id: Option<i64>,
    pub note: Option<String>,
}

impl From<&Region> for RegionDto {
    fn from(r: &Region) -> Self {
        RegionDto {
            id: r.id,
            key: r.key.clone(),
            name: r.name.clone(),
            level: r.level.clone(),
            parent_id: r.parent_id,
            note: r.note.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionPageDto {
    pub items: Vec<RegionDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResultDto {
    /// A planning band (0-2 … 80+, total) or an indicator (median_age, births, …).
    pub measure: String,
    /// observed, low, medium or high
    pub scenario: String,
    pub year: i64,
    pub value: f64,
    pub p2_5: Option<f64>,
    pub p10: Option<f64>,
    pub p90: Option<f64>,
    pub p97_5: Option<f64>,
}

impl From<&ResultRow> for ResultDto {
    fn from(r: &ResultRow) -> Self {
        ResultDto {
            measure: r.measure.clone(),
            scenario: r.scenario.clone(),
            year: r.year,
            value: r.value,
            p2_5: r.p2_5,
            p10: r.p10,
            p90: r.p90,
            p97_5: r.p97_5,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ResultPageDto {
    pub items: Vec<ResultDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GapRowDto {
    /// creche, kindergarten or primary
    pub facility: String,
    pub year: i64,
    pub places: f64,
    pub demand: f64,
    /// Places − demand; negative = shortfall.
    pub gap: f64,
    pub gap_low80: f64,
    pub gap_high80: f64,
    pub gap_low95: f64,
    pub gap_high95: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDetailDto {
    pub region: RegionDto,
    /// Projection method of the latest run (cohort_component, hamilton_perry, …).
    pub method: Option<String>,
    pub base_year: Option<i64>,
    pub last_year: Option<i64>,
    pub children: Vec<RegionDto>,
    pub capacity_gap: Vec<GapRowDto>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionParams {
    /// Only the children of this region.
    pub parent: Option<i64>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultParams {
    /// e.g. total, 0-2, median_age
    pub measure: Option<String>,
    /// observed, low, medium, high
    pub scenario: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TableParams {
    /// The projection year of the pyramid (default: the last projected year).
    pub year: Option<i64>,
}

/// A region's table: the same columns and rows as its CSV/XLSX download. Cells are numbers,
/// text or null (no value).
#[derive(Debug, Serialize, ToSchema)]
pub struct TableDto {
    /// File name stem of the download, e.g. `indicators-14729`.
    pub name: String,
    pub columns: Vec<String>,
    #[schema(value_type = Vec<Vec<Object>>)]
    pub rows: Vec<Vec<serde_json::Value>>,
}

/// One of a region's tables (`indicators`, `series`, `gap`, `pyramid`, `population`) with the
/// same content as the page's CSV/XLSX download.
#[utoipa::path(get, path = "/api/v1/demography/regions/{id}/tables/{table}",
    params(("id" = i64, Path), ("table" = String, Path), TableParams),
    responses((status = 200, body = TableDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn region_table(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath((id, table)): ApiPath<(i64, String)>,
    ApiQuery(q): ApiQuery<TableParams>,
) -> Result<Json<TableDto>, ApiError> {
    let table = RegionTable::parse(&table).ok_or(ApiError(Failure::NotFound))?;
    let t = state
        .app
        .demography_region_table(&actor, id, table, q.year)
        .await?;
    Ok(Json(TableDto::from(t)))
}

impl From<Table> for TableDto {
    fn from(t: Table) -> Self {
        TableDto {
            name: t.name,
            columns: t.columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|v| serde_json::to_value(v).unwrap_or_default())
                        .collect()
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompareParams {
    /// Region ids, comma-separated (at most as many as the page compares).
    pub regions: String,
    /// `total` (default), a planning band (`0-2`, `3-5`, `6-9` … `80+`), `median_age`,
    /// `youth_dependency`, `old_age_dependency`, or a component such as `births`.
    pub measure: Option<String>,
}

/// Several localities side by side: the same rows as the comparison's CSV/XLSX download
/// (`region_key, name, year, scenario, value, p10, p90`).
#[utoipa::path(get, path = "/api/v1/demography/compare", params(CompareParams),
    responses((status = 200, body = TableDto), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn compare(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<CompareParams>,
) -> Result<Json<TableDto>, ApiError> {
    let mut ids = Vec::new();
    for part in q
        .regions
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let id: i64 = part.parse().map_err(|_| {
            ApiError::from(standort_app::AppError::from(
                standort_domain::ValidationError::new("regions", "invalid-number"),
            ))
        })?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let measure = q.measure.as_deref().unwrap_or("total");
    let t = state
        .app
        .demography_comparison_table(&actor, &ids, measure)
        .await?;
    Ok(Json(TableDto::from(t)))
}

/// CSV text of the files (formats in docs/demography.md); any may be omitted.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ImportDto {
    pub regions: Option<String>,
    pub population: Option<String>,
    pub flows: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportSummaryDto {
    pub regions: usize,
    pub population_cells: usize,
    pub flow_cells: usize,
    pub years: Vec<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RunDto {
    pub id: i64,
    pub base_year: i64,
    pub last_year: i64,
    pub trajectories: i64,
    pub created_at: i64,
    /// Flow years the derived rates pooled.
    pub base_years: BaseYearsDto,
    /// The assumption set used, if any.
    pub assumption_set: Option<UsedSetDto>,
    /// The built-in back-test: `{jump_off, to, rows: [{method, size_class, horizon, units,
    /// mape, malpe}]}` (errors in %), or null when no region has two observed years.
    #[schema(value_type = Option<Object>)]
    pub backtest: Option<serde_json::Value>,
}

/// Regions of the hierarchy, ordered by key.
#[utoipa::path(get, path = "/api/v1/demography/regions", params(RegionParams),
    responses((status = 200, body = RegionPageDto), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn list_regions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiQuery(q): ApiQuery<RegionParams>,
) -> Result<Json<RegionPageDto>, ApiError> {
    let page = state
        .app
        .demography_regions(&actor, q.parent, PageRequest::new(q.limit, q.offset))
        .await?;
    Ok(Json(RegionPageDto {
        items: page.items.iter().map(RegionDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}

/// A region with its children, projection method and capacity gaps.
#[utoipa::path(get, path = "/api/v1/demography/regions/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = RegionDetailDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn get_region(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RegionDetailDto>, ApiError> {
    let v = state.app.demography_region(&actor, id, None).await?;
    Ok(Json(RegionDetailDto {
        region: RegionDto::from(&v.region),
        method: v.method.clone(),
        base_year: v.run.as_ref().map(|r| r.base_year),
        last_year: v.run.as_ref().map(|r| r.last_year),
        children: v.children.iter().map(RegionDto::from).collect(),
        capacity_gap: v
            .gaps
            .iter()
            .flat_map(|g| {
                g.rows.iter().map(|r| GapRowDto {
                    facility: g.facility.to_owned(),
                    year: r.year,
                    places: r.places,
                    demand: r.demand,
                    gap: r.gap,
                    gap_low80: r.gap_low80,
                    gap_high80: r.gap_high80,
                    gap_low95: r.gap_low95,
                    gap_high95: r.gap_high95,
                })
            })
            .collect(),
    }))
}

/// Stored results of a region (observed values, scenarios and intervals), paged.
#[utoipa::path(get, path = "/api/v1/demography/regions/{id}/results", params(("id" = i64, Path), ResultParams),
    responses((status = 200, body = ResultPageDto), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list_results(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ResultParams>,
) -> Result<Json<ResultPageDto>, ApiError> {
    let page = state
        .app
        .demography_results(
            &actor,
            id,
            &ResultFilter {
                measure: q.measure.clone(),
                scenario: q.scenario.clone(),
            },
            PageRequest::new(q.limit, q.offset),
        )
        .await?;
    Ok(Json(ResultPageDto {
        items: page.items.iter().map(ResultDto::from).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
    }))
}

/// Imports regions, population and flows (CSV text); all or nothing. A refusal lists every
/// problem with its file and line in `detail`.
#[utoipa::path(post, path = "/api/v1/demography/import", request_body = ImportDto,
    responses((status = 200, body = ImportSummaryDto), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub async fn import(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<ImportDto>,
) -> Result<Json<ImportSummaryDto>, ApiError> {
    let files = ImportFiles {
        regions: body.regions.map(String::into_bytes),
        population: body.population.map(String::into_bytes),
        flows: body.flows.map(String::into_bytes),
    };
    match state.app.demography_import(Some(&actor), &files).await {
        Ok(s) => Ok(Json(ImportSummaryDto {
            regions: s.regions,
            population_cells: s.population_cells,
            flow_cells: s.flow_cells,
            years: s.years,
        })),
        Err(e @ ImportError::Invalid { .. }) => Err(ApiError(Failure::BadRequest(e.to_string()))),
        Err(ImportError::App(e)) => Err(e.into()),
    }
}

/// What a projection run should use; every field is optional.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectDto {
    /// Flow years `[from, to]` (inclusive) the derived rates pool; default every observed
    /// flow year.
    pub base_years: Option<[i64; 2]>,
    /// Name of a stored assumption set whose explicit rates replace the derived ones where it
    /// gives them.
    pub assumption_set: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BaseYearsDto {
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Whether the base years were chosen (else every observed flow year).
    pub chosen: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UsedSetDto {
    pub name: String,
    /// Region keys with explicit rates and their kinds.
    pub regions: std::collections::BTreeMap<String, Vec<String>>,
}

/// Recomputes the projection of every region and stores it (replacing the previous run).
/// The body is optional: `{"base_years": [2021, 2023], "assumption_set": "name"}`.
#[utoipa::path(post, path = "/api/v1/demography/project", request_body(content = Option<ProjectDto>),
    responses((status = 200, body = RunDto), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn run_projection(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    body: axum::body::Bytes,
) -> Result<Json<RunDto>, ApiError> {
    // The body is optional (an empty POST projects with the defaults).
    let body: ProjectDto = if body.iter().all(u8::is_ascii_whitespace) {
        ProjectDto::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            ApiError(Failure::BadRequest(format!(
                "the body is not valid JSON: {e}"
            )))
        })?
    };
    let options = project::Options {
        base_years: body.base_years.map(|[a, b]| (a, b)),
        ..Default::default()
    };
    let run = state
        .app
        .demography_project(Some(&actor), &options, body.assumption_set.as_deref())
        .await?;
    Ok(Json(run_dto(&run)))
}

fn run_dto(run: &standort_store::demography::Run) -> RunDto {
    let used = RatesUsed::of(run);
    RunDto {
        id: run.id,
        base_year: run.base_year,
        last_year: run.last_year,
        trajectories: run.trajectories,
        created_at: run.created_at,
        base_years: BaseYearsDto {
            from: used.base_years.map(|b| b.0),
            to: used.base_years.map(|b| b.1),
            chosen: used.chosen,
        },
        assumption_set: used.assumption_set.map(|name| UsedSetDto {
            name,
            regions: used.explicit.into_iter().collect(),
        }),
        backtest: run
            .summary
            .get("backtest")
            .filter(|v| !v.is_null())
            .cloned(),
    }
}

/// An assumption set file as CSV text (format in docs/demography.md, "Assumption sets").
#[derive(Debug, Deserialize, ToSchema)]
pub struct AssumptionImportDto {
    /// Name of the set; an existing set of this name is replaced.
    pub name: String,
    /// `region_key,kind,year,sex,age,value`.
    pub csv: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssumptionSetDto {
    pub id: i64,
    pub name: String,
    pub regions: i64,
    /// fertility, mortality, emigration, immigration
    pub kinds: Vec<String>,
    pub rows: i64,
    pub imported_at: i64,
    pub imported_by: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssumptionImportSummaryDto {
    pub id: i64,
    pub name: String,
    pub regions: usize,
    pub kinds: Vec<String>,
    pub rows: usize,
    /// The valid-from years given.
    pub years: Vec<i64>,
    /// Whether a set of the same name was replaced.
    pub replaced: bool,
}

/// Imports an assumption set (all or nothing; a refusal lists every problem with its line).
#[utoipa::path(post, path = "/api/v1/demography/assumptions", request_body = AssumptionImportDto,
    responses((status = 201, body = AssumptionImportSummaryDto), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub async fn import_assumptions(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiJson(body): ApiJson<AssumptionImportDto>,
) -> Result<(StatusCode, Json<AssumptionImportSummaryDto>), ApiError> {
    match state
        .app
        .demography_import_assumptions(Some(&actor), &body.name, body.csv.as_bytes())
        .await
    {
        Ok(s) => Ok((
            StatusCode::CREATED,
            Json(AssumptionImportSummaryDto {
                id: s.id,
                name: s.name,
                regions: s.regions,
                kinds: s.kinds,
                rows: s.rows,
                years: s.years,
                replaced: s.replaced,
            }),
        )),
        Err(e @ ImportError::Invalid { .. }) => Err(ApiError(Failure::BadRequest(e.to_string()))),
        Err(ImportError::App(e)) => Err(e.into()),
    }
}

/// The stored assumption sets.
#[utoipa::path(get, path = "/api/v1/demography/assumptions",
    responses((status = 200, body = Vec<AssumptionSetDto>), (status = 403, body = Problem)))]
pub async fn list_assumption_sets(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
) -> Result<Json<Vec<AssumptionSetDto>>, ApiError> {
    let sets = state.app.demography_assumption_sets(&actor).await?;
    Ok(Json(
        sets.into_iter()
            .map(|i| AssumptionSetDto {
                id: i.set.id,
                name: i.set.name,
                regions: i.regions,
                kinds: i.kinds,
                rows: i.rows,
                imported_at: i.set.imported_at,
                imported_by: i.set.imported_label,
            })
            .collect(),
    ))
}

/// Deletes an assumption set (runs that used it keep its name in their summary).
#[utoipa::path(delete, path = "/api/v1/demography/assumptions/{id}", params(("id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn delete_assumption_set(
    State(state): State<AppState>,
    ApiActor(actor): ApiActor,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .demography_delete_assumption_set(Some(&actor), id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
