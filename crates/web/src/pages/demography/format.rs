//! Numbers in the language's format and the labels of measures, levels, facilities, methods
//! and kinds.

use standort_domain::Language;

use crate::i18n::Tr;

/// Formats a number the way the language writes it (thousands and decimal separators from
/// CLDR, `crate::format`); not a number is a dash.
pub fn num(lang: Language, v: f64, decimals: usize) -> String {
    crate::format::decimal(lang, v, u8::try_from(decimals).unwrap_or(u8::MAX))
}

pub(super) fn indent(depth: usize) -> String {
    if depth == 0 {
        String::new()
    } else {
        format!("{}└ ", "\u{2003}".repeat(depth - 1))
    }
}

pub(super) fn measure_label(tr: &Tr, measure: &str) -> String {
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

pub(super) fn decimals(measure: &str) -> usize {
    match measure {
        "median_age" | "youth_dependency" | "old_age_dependency" | "foreign_share" => 1,
        _ => 0,
    }
}

pub(super) fn facility_label(tr: &Tr, facility: &str) -> String {
    tr.t(format!("dm-facility-{facility}"))
}

pub(super) fn level_label(tr: &Tr, level: &str) -> String {
    tr.t(format!("dm-level-{level}"))
}

pub(super) fn method_label(tr: &Tr, method: &str) -> String {
    tr.t(format!("dm-method-{}", method.replace('_', "-")))
}

pub(super) fn kind_label(tr: &Tr, kind: &str) -> String {
    tr.t(format!("dm-kind-{kind}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(num(Language::De, 12345.678, 1), "12.345,7");
        assert_eq!(num(Language::En, 12345.678, 1), "12,345.7");
        assert_eq!(num(Language::Vi, -1234.0, 0), "-1.234");
        assert_eq!(num(Language::De, -0.2, 0), "0");
        assert_eq!(num(Language::En, 999.0, 0), "999");
    }
}
