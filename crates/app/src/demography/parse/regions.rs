//! The hierarchy file: one region per line.

use super::sheet::{Sheet, cell, column, required};
use std::collections::HashMap;

use super::values::level_rank;
use super::{Issue, Issues};

/// A region line of the hierarchy file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRecord {
    pub line: usize,
    pub key: String,
    pub name: String,
    pub level: String,
    pub parent_key: Option<String>,
    pub note: Option<String>,
}

/// `key, name, level, parent_key[, note]`.
pub fn regions(sheet: &Sheet, issues: &mut Issues) -> Vec<RegionRecord> {
    const F: &str = "regions";
    let cols = (|| {
        Ok::<_, Issue>((
            required(F, sheet, &["key", "region_key", "ags"])?,
            required(F, sheet, &["name"])?,
            required(F, sheet, &["level", "ebene"])?,
            column(sheet, &["parent_key", "parent"]),
            column(sheet, &["note", "hinweis"]),
        ))
    })();
    let (k, n, l, p, note) = match cols {
        Ok(c) => c,
        Err(e) => {
            issues.add(e);
            return Vec::new();
        }
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (line, row) in &sheet.rows {
        let key = cell(row, k).to_owned();
        let name = cell(row, n).to_owned();
        let level = cell(row, l).to_lowercase();
        if key.is_empty() || key.len() > 40 {
            issues.push(F, *line, "the key is empty or longer than 40 characters");
            continue;
        }
        if name.is_empty() || name.chars().count() > 200 {
            issues.push(F, *line, "the name is empty or longer than 200 characters");
            continue;
        }
        if level_rank(&level).is_none() {
            issues.push(
                F,
                *line,
                format!("level {level:?} is not one of land, kreis, gemeinde, ortsteil"),
            );
            continue;
        }
        if let Some(first) = seen.insert(key.clone(), *line) {
            issues.push(
                F,
                *line,
                format!("region {key} appears again (first on line {first})"),
            );
            continue;
        }
        let parent_key = p.map(|p| cell(row, p).to_owned()).filter(|s| !s.is_empty());
        if parent_key.as_deref() == Some(key.as_str()) {
            issues.push(F, *line, "a region cannot be its own parent");
            continue;
        }
        out.push(RegionRecord {
            line: *line,
            key,
            name,
            level,
            parent_key,
            note: note
                .map(|c| cell(row, c).to_owned())
                .filter(|s| !s.is_empty()),
        });
    }
    out
}

/// Orders region records so that every parent comes before its children.
pub fn parents_first(regions: &mut [RegionRecord]) {
    regions.sort_by_key(|r| (level_rank(&r.level).unwrap_or(9), r.line));
}
