//! The pyramid section of a region's page.

use standort_app::demography::RegionView;
use standort_store::demography::Pyramid;

use super::charts;
use super::format::num;
use crate::i18n::Tr;

#[derive(Debug, Clone)]
pub(super) struct PyramidRow {
    pub(super) label: String,
    pub(super) base_m: String,
    pub(super) base_f: String,
    pub(super) proj_m: String,
    pub(super) proj_f: String,
    /// Foreign nationals among them (empty for regions without nationality).
    pub(super) base_m_foreign: String,
    pub(super) base_f_foreign: String,
    pub(super) proj_m_foreign: String,
    pub(super) proj_f_foreign: String,
}

/// Five-year groups 0–4 … 95–99, 100+.
pub(super) fn five_year_groups(male: &[f64], female: &[f64]) -> Vec<(String, f64, f64)> {
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

/// The figures of the pyramid section.
pub(super) struct PyramidSection {
    pub(super) svg: String,
    pub(super) rows: Vec<PyramidRow>,
    pub(super) has_foreign: bool,
    pub(super) base_year: String,
    pub(super) year: String,
}

/// The pyramid of the base year and the chosen year (five-year groups, foreign nationals
/// where known) as a chart and its table.
pub(super) fn pyramid_section(v: &RegionView, tr: &Tr) -> PyramidSection {
    let lang = tr.lang;
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
    let foreign_groups = |p: &Pyramid| {
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

    PyramidSection {
        svg: pyramid_svg,
        rows: pyramid_rows,
        has_foreign,
        base_year,
        year: pyramid_year,
    }
}
