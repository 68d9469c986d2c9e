//! The population file: people by region, year, age, sex and nationality on 31 December.

use std::collections::{BTreeMap, HashMap};

use super::sheet::{Sheet, cell, column, required};
use super::values::{parse_age, parse_count, parse_sex, parse_year};
use super::{Issue, Issues, check_mixed};

/// A population line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopulationRecord {
    pub line: usize,
    pub region_key: String,
    pub year: i64,
    pub age: i64,
    pub sex: &'static str,
    pub nationality: String,
    pub count: i64,
}

/// `region_key, year, age, sex, [nationality], population`.
pub fn population(sheet: &Sheet, issues: &mut Issues) -> Vec<PopulationRecord> {
    const F: &str = "population";
    let cols = (|| {
        Ok::<_, Issue>((
            required(F, sheet, &["region_key", "key", "region", "ags"])?,
            required(F, sheet, &["year", "jahr"])?,
            required(F, sheet, &["age", "alter"])?,
            required(F, sheet, &["sex", "geschlecht"])?,
            column(sheet, &["nationality", "nat", "staatsangehörigkeit"]),
            required(F, sheet, &["population", "count", "n", "einwohner"])?,
        ))
    })();
    let (r, y, a, s, nat, c) = match cols {
        Ok(c) => c,
        Err(e) => {
            issues.add(e);
            return Vec::new();
        }
    };
    let mut seen: HashMap<(String, i64, i64, &str, String), usize> = HashMap::new();
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
        let age = parse_age(F, line, cell(row, a), issues);
        let sex = parse_sex(cell(row, s));
        if sex.is_none() {
            issues.push(F, line, format!("sex {:?} must be m or f", cell(row, s)));
        }
        let count = parse_count(F, line, cell(row, c), issues);
        let (Some(year), Some(age), Some(sex), Some(count)) = (year, age, sex, count) else {
            continue;
        };
        let nationality = nat.map(|i| cell(row, i).to_lowercase()).unwrap_or_default();
        let block = mixed.entry(format!("{region_key} {year}")).or_default();
        if nationality.is_empty() {
            block.1.get_or_insert(line);
        } else {
            block.0.get_or_insert(line);
        }
        let id = (region_key.clone(), year, age, sex, nationality.clone());
        if let Some(first) = seen.insert(id, line) {
            issues.push(
                F,
                line,
                format!(
                    "duplicate cell {region_key} {year} age {age} {sex} (first on line {first})"
                ),
            );
            continue;
        }
        out.push(PopulationRecord {
            line,
            region_key,
            year,
            age,
            sex,
            nationality,
            count,
        });
    }
    check_mixed(F, mixed, issues);
    out
}
