//! The flows file: births, deaths, moves and naturalisations by region, year, age, sex and
//! nationality.

use std::collections::{BTreeMap, HashMap};

use super::sheet::{Sheet, cell, column, required};
use super::values::{nat_group, parse_age, parse_count, parse_sex, parse_year};
use super::{Issue, Issues, check_mixed};

/// Flow kinds.
pub const FLOW_KINDS: [&str; 5] = [
    "births",
    "deaths",
    "immigration",
    "emigration",
    "acquisition",
];

/// A flow line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowRecord {
    pub line: usize,
    pub region_key: String,
    pub year: i64,
    pub kind: &'static str,
    pub age: i64,
    pub sex: &'static str,
    /// Lowercase, empty when not given; for births the mother's nationality.
    pub nationality: String,
    pub count: i64,
}

fn parse_kind(s: &str) -> Option<&'static str> {
    match s.to_lowercase().as_str() {
        "births" | "birth" | "geburten" => Some("births"),
        "deaths" | "death" | "sterbefälle" | "sterbefaelle" => Some("deaths"),
        "immigration" | "in" | "zuzüge" | "zuzuege" => Some("immigration"),
        "emigration" | "out" | "fortzüge" | "fortzuege" => Some("emigration"),
        "acquisition" | "einbürgerung" | "einbuergerung" | "einbürgerungen" | "einbuergerungen" => {
            Some("acquisition")
        }
        _ => None,
    }
}

/// `region_key, year, kind, age, sex, [nationality], count`.
pub fn flows(sheet: &Sheet, issues: &mut Issues) -> Vec<FlowRecord> {
    const F: &str = "flows";
    let cols = (|| {
        Ok::<_, Issue>((
            required(F, sheet, &["region_key", "key", "region", "ags"])?,
            required(F, sheet, &["year", "jahr"])?,
            required(F, sheet, &["kind", "art"])?,
            required(F, sheet, &["age", "alter"])?,
            required(F, sheet, &["sex", "geschlecht"])?,
            column(sheet, &["nationality", "nat", "staatsangehörigkeit"]),
            required(F, sheet, &["count", "n", "anzahl"])?,
        ))
    })();
    let (r, y, k, a, s, nat, c) = match cols {
        Ok(c) => c,
        Err(e) => {
            issues.add(e);
            return Vec::new();
        }
    };
    let mut seen: HashMap<(String, i64, &str, i64, &str, String), usize> = HashMap::new();
    let mut mixed: BTreeMap<String, (Option<usize>, Option<usize>)> = BTreeMap::new();
    let mut out = Vec::new();
    for (line, row) in &sheet.rows {
        let line = *line;
        let region_key = cell(row, r).to_owned();
        if region_key.is_empty() {
            issues.push(F, line, "the region key is empty");
            continue;
        }
        let year = parse_year(F, line, cell(row, y), issues);
        let kind = parse_kind(cell(row, k));
        if kind.is_none() {
            issues.push(
                F,
                line,
                format!(
                    "kind {:?} must be births, deaths, immigration, emigration or acquisition",
                    cell(row, k)
                ),
            );
        }
        let age = parse_age(F, line, cell(row, a), issues);
        let sex = parse_sex(cell(row, s));
        if sex.is_none() {
            issues.push(F, line, format!("sex {:?} must be m or f", cell(row, s)));
        }
        let count = parse_count(F, line, cell(row, c), issues);
        let (Some(year), Some(kind), Some(age), Some(sex), Some(count)) =
            (year, kind, age, sex, count)
        else {
            continue;
        };
        if kind == "births" && !(10..=60).contains(&age) {
            issues.push(
                F,
                line,
                format!("births: mother's age {age} must be 10 … 60"),
            );
            continue;
        }
        let nationality = nat.map(|i| cell(row, i).to_lowercase()).unwrap_or_default();
        if kind == "acquisition" && nat_group(&nationality) == Some(0) {
            issues.push(
                F,
                line,
                format!(
                    "acquisition counts foreign nationals who became German: the nationality \
                     {nationality:?} is the national one (leave it empty or give the former one)"
                ),
            );
            continue;
        }
        // An acquisition row's nationality is the former one; it is foreign either way.
        if kind != "acquisition" {
            let block = mixed
                .entry(format!("{region_key} {year} {kind}"))
                .or_default();
            if nationality.is_empty() {
                block.1.get_or_insert(line);
            } else {
                block.0.get_or_insert(line);
            }
        }
        let shown = if nationality.is_empty() {
            String::new()
        } else {
            format!(" {nationality}")
        };
        if let Some(first) = seen.insert(
            (
                region_key.clone(),
                year,
                kind,
                age,
                sex,
                nationality.clone(),
            ),
            line,
        ) {
            issues.push(
                F,
                line,
                format!("duplicate cell {region_key} {year} {kind} age {age} {sex}{shown} (first on line {first})"),
            );
            continue;
        }
        out.push(FlowRecord {
            line,
            region_key,
            year,
            kind,
            age,
            sex,
            nationality,
            count,
        });
    }
    check_mixed(F, mixed, issues);
    out
}
