//! The comparison of localities: one measure, several regions, as a chart, a table and a
//! download.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use standort_demography::service;

use super::charts;
use super::format::{decimals, indent, measure_label, num};
use super::{download, format_of};
use crate::AppState;
use crate::context::UserCtx;
use crate::error::PageError;
use crate::pages::{Layout, render};

/// `r=1&r=2&measure=total&format=csv`: repeated keys, so parsed by hand.
pub(super) fn compare_query(raw: Option<&str>) -> (Vec<i64>, String, Option<String>) {
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
pub(super) struct ComparePage<'a> {
    pub(super) page: &'a Layout,
    pub(super) svg: String,
    pub(super) head: Vec<String>,
    pub(super) rows: Vec<(i64, String, Vec<String>)>,
    pub(super) options: Vec<(i64, String, String, bool)>,
    pub(super) measures: Vec<(String, String, bool)>,
    pub(super) export_query: String,
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
        measures: service::all_measures()
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
    fn compare_query_takes_repeated_regions() {
        let (ids, m, f) = compare_query(Some("r=3&r=4&r=3&measure=0-2&format=xlsx"));
        assert_eq!(
            (ids, m.as_str(), f.as_deref()),
            (vec![3, 4], "0-2", Some("xlsx"))
        );
    }
}
