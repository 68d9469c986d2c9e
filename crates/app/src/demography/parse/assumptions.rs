//! The assumption-set file: explicit rates by region, kind, year, sex, age and nationality.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::sheet::{Sheet, cell, column, required};
use super::values::{nat_group, parse_age, parse_sex, parse_year};
use super::{Issue, Issues};

/// Highest single year of age (100 = 100 and older).
const MAX_AGE: i64 = 100;

/// Kinds of explicit rates in an assumption set.
pub const ASSUMPTION_KINDS: [&str; 5] = [
    "fertility",
    "mortality",
    "emigration",
    "immigration",
    "acquisition",
];

/// One line of an assumption-set file.
#[derive(Debug, Clone, PartialEq)]
pub struct AssumptionRecord {
    pub line: usize,
    pub region_key: String,
    /// One of [`ASSUMPTION_KINDS`].
    pub kind: &'static str,
    /// From this projected year on; `None` = from the first projected year.
    pub year_from: Option<i64>,
    /// `m` or `f`; empty for fertility.
    pub sex: &'static str,
    pub age: i64,
    /// Lowercase as given; empty = both nationality groups (see [`nat_group`]).
    pub nationality: String,
    pub value: f64,
}

/// Why acquisition (or a nationality) is refused for a region whose population has none.
pub fn no_nationality(region_key: &str, what: &str) -> String {
    format!(
        "{what} needs the population by nationality, but the population of {region_key} has no \
         nationality (import it with a nationality column first), or project by nationality \
         from FSO tables with `standort demography project --format fso` (docs/demography.md)"
    )
}

fn parse_assumption_kind(s: &str) -> Option<&'static str> {
    match s.to_lowercase().as_str() {
        "fertility" | "fertilität" | "fertilitaet" | "geburtenziffer" | "asfr" => {
            Some("fertility")
        }
        "mortality" | "sterblichkeit" | "sterbewahrscheinlichkeit" | "mor" => Some("mortality"),
        "emigration" | "fortzug" | "fortzüge" | "fortzuege" | "abwanderung" | "emi" => {
            Some("emigration")
        }
        "immigration" | "zuzug" | "zuzüge" | "zuzuege" | "zuwanderung" | "imm" => {
            Some("immigration")
        }
        "acquisition" | "einbürgerung" | "einbuergerung" | "acq" => Some("acquisition"),
        "german_births" | "deutsch_bei_geburt" | "geburtsortprinzip" | "ius_soli"
        | "int_mothers" => Some("german_births"),
        _ => None,
    }
}

/// A decimal number; a decimal comma is accepted (`0,0123`).
fn parse_decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    let t = if s.contains(',') && !s.contains('.') {
        s.replace(',', ".")
    } else {
        s.to_owned()
    };
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `region_key, kind, [year], [sex], age, [nationality], value` (docs/demography.md,
/// "Assumption sets"). Checks every line (kind, sex, age, value range, duplicates, known
/// region; acquisition and a nationality only for regions in `split`, whose population has
/// one) and that every mortality and emigration table (region × kind × year × nationality)
/// gives all 202 cells.
pub fn assumptions(
    sheet: &Sheet,
    known: &BTreeSet<String>,
    split: &BTreeSet<String>,
    issues: &mut Issues,
) -> Vec<AssumptionRecord> {
    const F: &str = "assumptions";
    let cols = (|| {
        Ok::<_, Issue>((
            required(F, sheet, &["region_key", "key", "region", "ags"])?,
            required(F, sheet, &["kind", "art"])?,
            column(
                sheet,
                &[
                    "year",
                    "year_from",
                    "valid_from",
                    "jahr",
                    "ab_jahr",
                    "gültig_ab",
                ],
            ),
            column(sheet, &["sex", "geschlecht"]),
            required(F, sheet, &["age", "alter"])?,
            column(sheet, &["nationality", "nat", "staatsangehörigkeit"]),
            required(
                F,
                sheet,
                &["value", "rate", "count", "n", "wert", "anzahl", "ziffer"],
            )?,
        ))
    })();
    let (r, k, y, s, a, nat, v) = match cols {
        Ok(c) => c,
        Err(e) => {
            issues.add(e);
            return Vec::new();
        }
    };
    type Key<'a> = (String, &'a str, Option<i64>, &'a str, i64, Option<usize>);
    let mut seen: HashMap<Key, usize> = HashMap::new();
    let mut out = Vec::new();
    for (line, row) in &sheet.rows {
        let line = *line;
        let region_key = cell(row, r).to_owned();
        if region_key.is_empty() {
            issues.push(F, line, "the region key is empty");
            continue;
        }
        let Some(kind) = parse_assumption_kind(cell(row, k)) else {
            issues.push(
                F,
                line,
                format!(
                    "kind {:?} must be fertility, mortality, emigration, immigration, \
                     acquisition or german_births",
                    cell(row, k)
                ),
            );
            continue;
        };
        let nationality = nat.map(|i| cell(row, i).to_lowercase()).unwrap_or_default();
        let group = nat_group(&nationality);
        if !known.contains(&region_key) {
            issues.push(
                F,
                line,
                format!("unknown region {region_key} (import the region first)"),
            );
        } else if (kind == "acquisition" || kind == "german_births" || group.is_some())
            && !split.contains(&region_key)
        {
            let what = if kind == "acquisition" {
                "acquisition of citizenship".to_owned()
            } else if kind == "german_births" {
                "the share of German children of foreign mothers".to_owned()
            } else {
                format!("a {kind} value for nationality {nationality:?}")
            };
            issues.push(F, line, no_nationality(&region_key, &what));
            continue;
        }
        if kind == "german_births" && !nationality.is_empty() {
            issues.push(
                F,
                line,
                format!(
                    "german_births is the share of the children of foreign mothers who are \
                     German at birth, one value for the region: leave the nationality empty \
                     (found {nationality:?})"
                ),
            );
            continue;
        }
        if kind == "acquisition" && group == Some(0) {
            issues.push(
                F,
                line,
                format!(
                    "acquisition is the probability that a foreign national becomes German: \
                     leave the nationality empty or give a foreign one (found {nationality:?})"
                ),
            );
            continue;
        }
        // Acquisition applies to foreign nationals only: store it under the foreign group.
        let group = if kind == "acquisition" {
            Some(1)
        } else {
            group
        };
        let year_text = y.map(|y| cell(row, y)).unwrap_or("");
        let year_from = if year_text.is_empty() {
            None
        } else {
            match parse_year(F, line, year_text, issues) {
                Some(y) => Some(y),
                None => continue,
            }
        };
        let sex_text = s.map(|s| cell(row, s)).unwrap_or("");
        let sex = if kind == "german_births" {
            if sex_text.is_empty() {
                Some("")
            } else {
                issues.push(
                    F,
                    line,
                    format!(
                        "german_births is one share for both sexes: leave sex empty (found \
                         {sex_text:?})"
                    ),
                );
                None
            }
        } else if kind == "fertility" {
            if sex_text.is_empty() || parse_sex(sex_text) == Some("f") {
                Some("")
            } else {
                issues.push(
                    F,
                    line,
                    format!(
                        "fertility is births per woman: leave sex empty or f (found {sex_text:?})"
                    ),
                );
                None
            }
        } else {
            let sex = parse_sex(sex_text);
            if sex.is_none() {
                issues.push(
                    F,
                    line,
                    format!("sex {sex_text:?} must be m or f for {kind}"),
                );
            }
            sex
        };
        let age = if kind == "german_births" {
            let age_text = cell(row, a);
            if age_text.is_empty() {
                Some(0)
            } else {
                issues.push(
                    F,
                    line,
                    format!(
                        "german_births is one share for all mothers' ages: leave age empty \
                         (found {age_text:?})"
                    ),
                );
                None
            }
        } else {
            parse_age(F, line, cell(row, a), issues)
        };
        let value_text = cell(row, v);
        let value = match parse_decimal(value_text) {
            Some(x) if x < 0.0 => {
                issues.push(F, line, format!("negative value {value_text}"));
                None
            }
            Some(x) => Some(x),
            None => {
                issues.push(F, line, format!("value {value_text:?} is not a number"));
                None
            }
        };
        let (Some(sex), Some(age), Some(value)) = (sex, age, value) else {
            continue;
        };
        match kind {
            "fertility" if !(10..=60).contains(&age) => {
                issues.push(
                    F,
                    line,
                    format!("fertility: mother's age {age} must be 10 … 60"),
                );
                continue;
            }
            "fertility" if value > 1.0 => {
                issues.push(
                    F,
                    line,
                    format!(
                        "fertility {value_text} is more than 1 birth per woman and year \
                         (figures per 1,000 women: divide by 1,000)"
                    ),
                );
                continue;
            }
            "mortality" | "emigration" | "acquisition" | "german_births" if value > 1.0 => {
                issues.push(
                    F,
                    line,
                    format!("{kind} is a probability: {value_text} is outside 0 … 1"),
                );
                continue;
            }
            _ => {}
        }
        if let Some(first) =
            seen.insert((region_key.clone(), kind, year_from, sex, age, group), line)
        {
            let year = year_from.map_or(String::new(), |y| format!(" from {y}"));
            let mut sex_shown = if sex.is_empty() {
                String::new()
            } else {
                format!(" {sex}")
            };
            if kind != "acquisition" && !nationality.is_empty() {
                sex_shown.push_str(&format!(" {nationality}"));
            }
            let age_shown = if kind == "german_births" {
                String::new()
            } else {
                format!(" age {age}")
            };
            issues.push(
                F,
                line,
                format!(
                    "duplicate value {region_key} {kind}{year}{age_shown}{sex_shown} (first on line {first})"
                ),
            );
            continue;
        }
        out.push(AssumptionRecord {
            line,
            region_key,
            kind,
            year_from,
            sex,
            age,
            nationality: if kind == "acquisition" {
                String::new()
            } else {
                nationality
            },
            value,
        });
    }
    // Probability tables must be complete: a missing age would silently be 0. Acquisition
    // tables may leave ages out (no naturalisations there).
    type Cells<'a> = BTreeSet<(&'a str, i64)>;
    type TableKey<'a> = (&'a str, &'a str, Option<i64>, Option<usize>);
    let mut tables: BTreeMap<TableKey, (usize, Cells)> = BTreeMap::new();
    for rec in &out {
        if rec.kind == "mortality" || rec.kind == "emigration" {
            let t = tables
                .entry((
                    rec.region_key.as_str(),
                    rec.kind,
                    rec.year_from,
                    nat_group(&rec.nationality),
                ))
                .or_insert((rec.line, BTreeSet::new()));
            t.0 = t.0.min(rec.line);
            t.1.insert((rec.sex, rec.age));
        }
    }
    for ((key, kind, year, group), (line, cells)) in tables {
        let key = match group {
            None => key.to_owned(),
            Some(0) => format!("{key} (German nationals)"),
            Some(_) => format!("{key} (foreign nationals)"),
        };
        let full = 2 * (MAX_AGE as usize + 1);
        if cells.len() < full {
            let missing = ["m", "f"]
                .iter()
                .flat_map(|s| (0..=MAX_AGE).map(move |a| (*s, a)))
                .find(|c| !cells.contains(c))
                .expect("fewer cells than the full table");
            let year = year.map_or(String::new(), |y| format!(" from {y}"));
            issues.push(
                F,
                line,
                format!(
                    "the {kind} table of {key}{year} gives {} of the {full} cells (sex m and f × \
                     age 0 … 100); first missing: {} age {}",
                    cells.len(),
                    missing.0,
                    missing.1
                ),
            );
        }
    }
    out
}
