//! The yearly figures: this year and the two before, side by side, as a table (approaches by
//! channel, fairs, leads, cost per lead, trips, agreements, projects by stage, jobs and
//! investment of won projects). The same numbers are in the API.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use standort_app::network::YearReport;
use standort_domain::network::{Channel, ProjectStage};

use super::fail;
use crate::AppState;
use crate::context::UserCtx;
use crate::pages::{Layout, render};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/network/figures", get(figures))
}

#[derive(Template)]
#[template(path = "network_figures.html")]
struct FiguresPage<'a> {
    page: &'a Layout,
    years: &'a [YearReport],
    /// (label key, value per year)
    rows: Vec<(String, Vec<String>)>,
}

fn count(list: &[(String, i64)], key: &str) -> i64 {
    list.iter()
        .find(|(k, _)| k == key)
        .map(|(_, n)| *n)
        .unwrap_or(0)
}

pub async fn figures(State(state): State<AppState>, UserCtx { ctx, actor }: UserCtx) -> Response {
    let year = state.app.current_year();
    let years = match state
        .app
        .network_figures(&actor, &[year - 2, year - 1, year])
        .await
    {
        Ok(y) => y,
        Err(e) => return fail(e, &ctx),
    };
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let per = |f: &dyn Fn(&YearReport) -> String| years.iter().map(f).collect::<Vec<_>>();
    rows.push((
        "network-fig-approaches".into(),
        per(&|y| ctx.tr.number(y.figures.approaches)),
    ));
    for c in Channel::ALL {
        let key = c.as_str();
        rows.push((
            format!("network-channel-{key}"),
            per(&|y| ctx.tr.number(count(&y.figures.approaches_by_channel, key))),
        ));
    }
    rows.push((
        "network-fig-fairs".into(),
        per(&|y| ctx.tr.number(y.figures.fairs)),
    ));
    rows.push((
        "network-fig-leads".into(),
        per(&|y| ctx.tr.number(y.figures.leads)),
    ));
    rows.push((
        "network-fig-cost-per-lead".into(),
        per(&|y| {
            y.cost_per_lead_eur
                .map(|c| format!("{} €", ctx.tr.number(c)))
                .unwrap_or_else(|| "–".into())
        }),
    ));
    rows.push((
        "network-fig-trips".into(),
        per(&|y| ctx.tr.number(y.figures.trips)),
    ));
    rows.push((
        "network-fig-agreements".into(),
        per(&|y| ctx.tr.number(y.figures.agreements)),
    ));
    for s in ProjectStage::ALL {
        let key = s.as_str();
        rows.push((
            format!("network-stage-{key}"),
            per(&|y| ctx.tr.number(count(&y.figures.projects_by_stage, key))),
        ));
    }
    rows.push((
        "network-fig-jobs-won".into(),
        per(&|y| ctx.tr.number(y.figures.jobs_won)),
    ));
    rows.push((
        "network-fig-investment-won".into(),
        per(&|y| format!("{} €", ctx.tr.number(y.figures.investment_won_eur))),
    ));
    let layout = Layout::new(&ctx, "network-figures-title");
    render(&FiguresPage {
        page: &layout,
        years: &years,
        rows,
    })
}
