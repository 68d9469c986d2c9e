//! Running a projection, and what the pages say about a run (its rates, its back-test).

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use standort_demography::service;
use standort_store::demography::Run;

use super::format::{kind_label, method_label, num};
use crate::AppState;
use crate::context::{PageForm, UserCtx};
use crate::error::{Failure, PageError};
use crate::i18n::Tr;

/// The lines of the run summary about its rates.
pub(super) fn rates_used_lines(tr: &Tr, run: &Run) -> Vec<String> {
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
pub(super) struct BacktestView {
    pub(super) intro: String,
    pub(super) rows: Vec<BacktestLine>,
}

#[derive(Debug, Clone)]
pub(super) struct BacktestLine {
    pub(super) method: String,
    pub(super) size_class: String,
    pub(super) horizon: usize,
    pub(super) units: usize,
    pub(super) mape: String,
    pub(super) malpe: String,
}

/// A size class of the engine (`<5k`, `5k–20k`, …, `all`) in the language's number format.
pub(super) fn size_class_label(tr: &Tr, class: &str) -> String {
    let n = |v: f64| num(tr.lang, v, 0);
    match class {
        "<5k" => format!("< {}", n(5_000.0)),
        "5k–20k" => format!("{}–{}", n(5_000.0), n(20_000.0)),
        "20k–100k" => format!("{}–{}", n(20_000.0), n(100_000.0)),
        "≥100k" => format!("≥ {}", n(100_000.0)),
        _ => tr.t("dm-backtest-all"),
    }
}

pub(super) fn backtest_view(tr: &Tr, run: &Run) -> Option<BacktestView> {
    let bt: service::BacktestSummary =
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
    let options = service::Options {
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
