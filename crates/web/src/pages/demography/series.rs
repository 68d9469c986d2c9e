//! The time series and indicator sections of a region's page.

use standort_app::demography::RegionView;
use standort_app::demography::export::Value;
use standort_domain::Language;

use super::charts;
use super::format::{decimals, measure_label, num};
use crate::i18n::Tr;

#[derive(Debug, Clone)]
pub(super) struct SeriesRow {
    pub(super) year: i64,
    pub(super) observed: String,
    pub(super) medium: String,
    pub(super) i80: String,
    pub(super) i95: String,
    pub(super) low: String,
    pub(super) high: String,
}

pub(super) fn series_rows(v: &RegionView, measure: &str, lang: Language) -> Vec<SeriesRow> {
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

pub(super) fn series_svg(v: &RegionView, measure: &str, tr: &Tr, title: &str) -> String {
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

/// The indicator table: column heads and one row per year (observed, then projected).
pub(super) fn indicator_section(
    v: &RegionView,
    tr: &Tr,
) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let lang = tr.lang;
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
                Value::Number(y) => *y as i64,
                _ => 0,
            };
            let projected = matches!(&row[1], Value::Text(t) if t == "projected");
            let head = if projected {
                tr.ts("dm-year-projected", "year", &year.to_string())
            } else {
                year.to_string()
            };
            let cells = row[2..]
                .iter()
                .zip(&table.columns[2..])
                .map(|(c, col)| match c {
                    Value::Number(x) => num(lang, *x, decimals(col)),
                    _ => "–".into(),
                })
                .collect();
            (head, cells)
        })
        .collect();

    (indicator_head, indicator_rows)
}
