//! Reading and checking demography import files (pure: bytes in, records or line-numbered
//! issues out). Formats are documented in `docs/demography.md`.
//!
//! Every file is a table with a header row, as CSV (comma or semicolon, UTF-8) or as the first
//! worksheet of an XLSX workbook. Line numbers count the header as line 1, as a spreadsheet
//! program shows them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Cursor;

use serde::Serialize;

/// A problem found in an import file; `line` 0 means the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// `regions`, `population`, `flows` or `assumptions`.
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}, line {}: {}", self.file, self.line, self.message)
        }
    }
}

/// Highest single year of age (100 = 100 and older).
const MAX_AGE: i64 = 100;

/// At most this many issues are reported; the rest are counted.
pub const MAX_ISSUES: usize = 100;

/// The region levels from the top down.
pub const LEVELS: [&str; 4] = ["land", "kreis", "gemeinde", "ortsteil"];

/// Rank of a level (0 = land); `None` for an unknown name.
pub fn level_rank(level: &str) -> Option<usize> {
    LEVELS.iter().position(|l| *l == level)
}

/// Flow kinds.
pub const FLOW_KINDS: [&str; 5] = [
    "births",
    "deaths",
    "immigration",
    "emigration",
    "acquisition",
];

/// A table: header cells (lower-cased, trimmed) and the data rows with their line numbers.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

fn whole(file: &'static str, message: impl Into<String>) -> Issue {
    Issue {
        file,
        line: 0,
        message: message.into(),
    }
}

/// Reads CSV or XLSX (recognised by its zip signature).
pub fn read_sheet(file: &'static str, bytes: &[u8]) -> Result<Sheet, Issue> {
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(file, bytes)?
    } else {
        read_csv(file, bytes)?
    };
    let mut it = rows.into_iter();
    let (_, header) = it
        .next()
        .ok_or_else(|| whole(file, "the file is empty (a header row is needed)"))?;
    let header = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let rows = it
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(Sheet { header, rows })
}

fn read_csv(file: &'static str, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, Issue> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| whole(file, "the file is not UTF-8 text (save the CSV as UTF-8)"))?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    // Lines counted by the engine's reader, not by csv (one too low after CRLF, rust-csv#395).
    let (counting, lines) = standort_demography::csvio::line_counting(text.as_bytes());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(counting);
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Issue {
            file,
            line: e.position().map_or(0, |p| lines.line_of(p.byte()) as usize),
            message: format!("unreadable CSV: {:?}", e.kind()),
        })?;
        let line = record
            .position()
            .map_or(0, |p| lines.line_of(p.byte()) as usize);
        out.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(out)
}

fn read_xlsx(file: &'static str, bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, Issue> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| whole(file, format!("unreadable XLSX workbook: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| whole(file, "the workbook has no worksheet"))?
        .map_err(|e| whole(file, format!("unreadable worksheet: {e}")))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let cells = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    other => other.to_string(),
                })
                .collect();
            (first_row + i + 1, cells)
        })
        .collect())
}

/// Finds a column by any of its accepted names.
fn column(sheet: &Sheet, names: &[&str]) -> Option<usize> {
    sheet
        .header
        .iter()
        .position(|h| names.contains(&h.as_str()))
}

fn required(file: &'static str, sheet: &Sheet, names: &[&str]) -> Result<usize, Issue> {
    column(sheet, names).ok_or_else(|| Issue {
        file,
        line: 1, // the header row, as a spreadsheet numbers it
        message: format!(
            "the header has no column {:?} (found {:?})",
            names[0], sheet.header
        ),
    })
}

fn cell(row: &[String], i: usize) -> &str {
    row.get(i).map(|s| s.trim()).unwrap_or("")
}

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

/// Collects issues up to [`MAX_ISSUES`].
#[derive(Debug, Default)]
pub struct Issues {
    pub list: Vec<Issue>,
    pub more: usize,
}

impl Issues {
    pub fn push(&mut self, file: &'static str, line: usize, message: impl Into<String>) {
        if self.list.len() < MAX_ISSUES {
            self.list.push(Issue {
                file,
                line,
                message: message.into(),
            });
        } else {
            self.more += 1;
        }
    }
    pub fn add(&mut self, issue: Issue) {
        self.push(issue.file, issue.line, issue.message);
    }
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Spellings of the national group (German nationals) in a `nationality` column, lowercase.
pub const NATIONALS: [&str; 8] = [
    "de",
    "deu",
    "d",
    "deutsch",
    "deutsche",
    "german",
    "national",
    "inländisch",
];

/// The projection group of a stored nationality (free lowercase text): `None` for empty (the
/// source does not distinguish nationality), `Some(0)` for German nationals ([`NATIONALS`]),
/// `Some(1)` for any other value (foreign nationals, whatever the country: the engine projects
/// two groups, and acquisition of citizenship moves people from group 1 to group 0). This is
/// the one place the mapping lives; imports, assumption sets and the projection use it.
pub fn nat_group(nationality: &str) -> Option<usize> {
    let n = nationality.trim().to_lowercase();
    if n.is_empty() {
        None
    } else if NATIONALS.contains(&n.as_str()) {
        Some(0)
    } else {
        Some(1)
    }
}

/// Reports blocks (first key → lines) that mix rows with and without nationality: the rows
/// without it would be counted once more on top of the split ones.
fn check_mixed<K: Ord + std::fmt::Display>(
    file: &'static str,
    blocks: BTreeMap<K, (Option<usize>, Option<usize>)>,
    issues: &mut Issues,
) {
    for (key, (with, without)) in blocks {
        if let (Some(w), Some(wo)) = (with, without) {
            issues.push(
                file,
                w.max(wo),
                format!(
                    "{key} mixes rows with a nationality (line {w}) and rows without (line {wo}): \
                     give every row of the block a nationality, or none"
                ),
            );
        }
    }
}

pub fn parse_sex(s: &str) -> Option<&'static str> {
    match s.to_lowercase().as_str() {
        "m" | "male" | "männlich" | "maennlich" | "1" => Some("m"),
        "f" | "w" | "female" | "weiblich" | "2" => Some("f"),
        _ => None,
    }
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

fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim();
    s.parse::<i64>().ok().or_else(|| {
        s.parse::<f64>()
            .ok()
            .filter(|f| f.fract() == 0.0 && f.is_finite())
            .map(|f| f as i64)
    })
}

fn parse_year(file: &'static str, line: usize, s: &str, issues: &mut Issues) -> Option<i64> {
    match parse_int(s) {
        Some(y) if (1800..=2200).contains(&y) => Some(y),
        _ => {
            issues.push(file, line, format!("year {s:?} is not a year (1800–2200)"));
            None
        }
    }
}

fn parse_age(file: &'static str, line: usize, s: &str, issues: &mut Issues) -> Option<i64> {
    let t = s.trim().trim_end_matches('+');
    match parse_int(t) {
        Some(a) if (0..=100).contains(&a) => Some(a),
        _ => {
            issues.push(
                file,
                line,
                format!("age {s:?} must be 0 … 100 (100 = 100 and older)"),
            );
            None
        }
    }
}

fn parse_count(file: &'static str, line: usize, s: &str, issues: &mut Issues) -> Option<i64> {
    match parse_int(s) {
        Some(n) if n >= 0 => Some(n),
        Some(n) => {
            issues.push(file, line, format!("negative count {n}"));
            None
        }
        None => {
            issues.push(file, line, format!("count {s:?} is not a whole number"));
            None
        }
    }
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

/// What the database already knows: region key → (level, parent key).
pub type KnownRegions = HashMap<String, (String, Option<String>)>;

/// Population already stored, per (region key, year): (age, sex) → count summed over
/// nationality. Only the regions [`stored_sums_needed`] names are needed.
pub type StoredSums = HashMap<(String, i64), HashMap<(i64, String), i64>>;

/// The hierarchy after this import: key → (level, parent key).
fn hierarchy<'a>(
    regions: &'a [RegionRecord],
    known: &'a KnownRegions,
) -> HashMap<&'a str, (&'a str, Option<&'a str>)> {
    let mut h: HashMap<&str, (&str, Option<&str>)> = known
        .iter()
        .map(|(k, (l, p))| (k.as_str(), (l.as_str(), p.as_deref())))
        .collect();
    for r in regions {
        h.insert(&r.key, (&r.level, r.parent_key.as_deref()));
    }
    h
}

fn children_of<'a>(
    hierarchy: &HashMap<&'a str, (&'a str, Option<&'a str>)>,
) -> HashMap<&'a str, Vec<&'a str>> {
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for (key, (_, parent)) in hierarchy {
        if let Some(p) = parent {
            children.entry(*p).or_default().push(key);
        }
    }
    for list in children.values_mut() {
        list.sort_unstable();
    }
    children
}

/// Which stored population the parent–children check needs, by year: for every region and
/// year of the population file, its parent and the parent's other children, and its own
/// children.
pub fn stored_sums_needed(
    regions: &[RegionRecord],
    population: &[PopulationRecord],
    known: &KnownRegions,
) -> BTreeMap<i64, BTreeSet<String>> {
    let h = hierarchy(regions, known);
    let children = children_of(&h);
    let mut needed: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    let touched: BTreeSet<(&str, i64)> = population
        .iter()
        .map(|p| (p.region_key.as_str(), p.year))
        .collect();
    for (key, year) in touched {
        let set = needed.entry(year).or_default();
        let parent = h.get(key).and_then(|(_, p)| *p);
        for p in parent.into_iter().chain([key]) {
            if p != key {
                set.insert(p.to_owned());
            }
            for c in children.get(p).into_iter().flatten() {
                if *c != key {
                    set.insert((*c).to_owned());
                }
            }
        }
    }
    needed
}

/// Cross-file checks: parents and regions exist, levels descend, children's population does
/// not exceed the parent's per year, age and sex — with the figures of this import where it
/// has the region's year (they replace the stored ones) and the stored figures otherwise.
pub fn check(
    regions: &[RegionRecord],
    population: &[PopulationRecord],
    flows: &[FlowRecord],
    known: &KnownRegions,
    stored: &StoredSums,
    issues: &mut Issues,
) {
    let hierarchy = hierarchy(regions, known);
    for r in regions {
        let Some(parent) = r.parent_key.as_deref() else {
            continue;
        };
        match hierarchy.get(parent) {
            None => issues.push(
                "regions",
                r.line,
                format!("unknown parent region {parent} (import it first or add it to this file)"),
            ),
            Some((level, _)) => {
                if level_rank(level) >= level_rank(&r.level) {
                    issues.push(
                        "regions",
                        r.line,
                        format!("parent {parent} is a {level}, not above a {}", r.level),
                    );
                }
            }
        }
    }
    for p in population {
        if !hierarchy.contains_key(p.region_key.as_str()) {
            issues.push(
                "population",
                p.line,
                format!("unknown region {}", p.region_key),
            );
        }
    }
    for f in flows {
        if !hierarchy.contains_key(f.region_key.as_str()) {
            issues.push("flows", f.line, format!("unknown region {}", f.region_key));
        }
    }
    check_children_sums(&hierarchy, population, stored, issues);
}

/// Children's population may not exceed their parent's, per year, age and sex. One issue per
/// parent and year, on a line of this import.
fn check_children_sums(
    hierarchy: &HashMap<&str, (&str, Option<&str>)>,
    population: &[PopulationRecord],
    stored: &StoredSums,
    issues: &mut Issues,
) {
    // Sums per (region, year, age, sex) over nationality, with the first line of each.
    let mut sums: BTreeMap<(&str, i64, i64, &str), (i64, usize)> = BTreeMap::new();
    let mut first_line: BTreeMap<(&str, i64), usize> = BTreeMap::new();
    for p in population {
        let e = sums
            .entry((p.region_key.as_str(), p.year, p.age, p.sex))
            .or_insert((0, p.line));
        e.0 += p.count;
        first_line
            .entry((p.region_key.as_str(), p.year))
            .or_insert(p.line);
    }
    let touched = |key: &str, year: i64| first_line.contains_key(&(key, year));
    let has_data =
        |key: &str, year: i64| touched(key, year) || stored.contains_key(&(key.to_owned(), year));
    let value = |key: &str, year: i64, age: i64, sex: &str| -> i64 {
        if touched(key, year) {
            sums.get(&(key, year, age, sex)).map_or(0, |e| e.0)
        } else {
            stored
                .get(&(key.to_owned(), year))
                .and_then(|m| m.get(&(age, sex.to_owned())))
                .copied()
                .unwrap_or(0)
        }
    };
    let children = children_of(hierarchy);
    // Every parent whose sum this import can change: the imported regions and their parents.
    let mut parents: BTreeSet<(&str, i64)> = BTreeSet::new();
    for (key, year) in first_line.keys() {
        parents.insert((key, *year));
        if let Some((_, Some(parent))) = hierarchy.get(key) {
            parents.insert((parent, *year));
        }
    }
    for (parent, year) in parents {
        if !has_data(parent, year) {
            continue;
        }
        let kids: Vec<&str> = children
            .get(parent)
            .into_iter()
            .flatten()
            .copied()
            .filter(|k| has_data(k, year))
            .collect();
        if kids.is_empty() {
            continue;
        }
        'cells: for age in 0..=100 {
            for sex in ["m", "f"] {
                let n: i64 = kids.iter().map(|k| value(k, year, age, sex)).sum();
                let own = value(parent, year, age, sex);
                if n <= own {
                    continue;
                }
                let stored_regions: Vec<&str> = std::iter::once(parent)
                    .chain(kids.iter().copied())
                    .filter(|k| !touched(k, year))
                    .collect();
                let child_line = kids
                    .iter()
                    .filter(|k| touched(k, year))
                    .map(|k| {
                        sums.get(&(*k, year, age, sex))
                            .map_or(first_line[&(*k, year)], |e| e.1)
                    })
                    .max();
                let line = if touched(parent, year) {
                    sums.get(&(parent, year, age, sex))
                        .map_or(first_line[&(parent, year)], |e| e.1)
                } else {
                    child_line.unwrap_or(0)
                };
                let mut message = format!(
                    "the regions under {parent} add up to {n} people ({year}, age {age}, {sex}"
                );
                match child_line {
                    Some(l) if l != line => message.push_str(&format!("; last on line {l})")),
                    _ => message.push(')'),
                }
                message.push_str(&format!(", more than the {own} of {parent} itself"));
                if !stored_regions.is_empty() {
                    let shown: Vec<&str> = stored_regions.iter().take(3).copied().collect();
                    let more = stored_regions.len().saturating_sub(3);
                    message.push_str(&format!(
                        " (counting the figures already stored for {}{})",
                        shown.join(", "),
                        if more > 0 {
                            format!(" and {more} more")
                        } else {
                            String::new()
                        }
                    ));
                }
                issues.push("population", line, message);
                break 'cells;
            }
        }
    }
}

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

/// Orders region records so that every parent comes before its children.
pub fn parents_first(regions: &mut [RegionRecord]) {
    regions.sort_by_key(|r| (level_rank(&r.level).unwrap_or(9), r.line));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> Sheet {
        read_sheet("population", text.as_bytes()).unwrap()
    }

    #[test]
    fn semicolons_bom_and_line_numbers() {
        let s = sheet(
            "\u{feff}Region_Key;Year;Age;Sex;Population\n14729;2023;0;w;12\n\n14729;2023;100+;m;3\n",
        );
        let mut issues = Issues::default();
        let recs = population(&s, &mut issues);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(recs.len(), 2);
        assert_eq!((recs[1].line, recs[1].age, recs[1].sex), (4, 100, "m"));
        assert_eq!(recs[0].sex, "f");
    }

    #[test]
    fn crlf_files_report_the_same_lines() {
        let lf = "region_key,year,age,sex,population\n14729,2023,0,m,1\n\n\"14729\",2023,1,m,-1\n14729,2023,2,m,1\n14729,2023,3,q,1\n";
        for text in [lf.to_string(), lf.replace('\n', "\r\n")] {
            let mut issues = Issues::default();
            population(&sheet(&text), &mut issues);
            let lines: Vec<usize> = issues.list.iter().map(|i| i.line).collect();
            assert_eq!(lines, vec![4, 6], "{text:?}: {issues:?}");
        }
    }

    #[test]
    fn every_bad_value_is_reported_with_its_line() {
        let s = sheet(
            "region_key,year,age,sex,population\n\
             14729,2023,0,m,-1\n\
             14729,2023,0,f,1\n\
             14729,2023,0,f,2\n\
             14729,20x3,0,m,1\n\
             14729,2023,101,m,1\n\
             14729,2023,1,x,1\n",
        );
        let mut issues = Issues::default();
        population(&s, &mut issues);
        let lines: Vec<usize> = issues.list.iter().map(|i| i.line).collect();
        assert_eq!(lines, [2, 4, 5, 6, 7]);
        assert!(issues.list[0].message.contains("negative"));
        assert!(issues.list[1].message.contains("duplicate"));
    }

    #[test]
    fn children_may_not_exceed_their_parent() {
        let known: KnownRegions = [
            ("1".to_string(), ("kreis".to_string(), None)),
            (
                "11".to_string(),
                ("gemeinde".to_string(), Some("1".to_string())),
            ),
            (
                "12".to_string(),
                ("gemeinde".to_string(), Some("1".to_string())),
            ),
        ]
        .into();
        let s = sheet(
            "region_key,year,age,sex,population\n1,2023,5,m,10\n11,2023,5,m,6\n12,2023,5,m,6\n99,2023,5,m,1\n",
        );
        let mut issues = Issues::default();
        let recs = population(&s, &mut issues);
        check(&[], &recs, &[], &known, &StoredSums::new(), &mut issues);
        assert_eq!(issues.list.len(), 2, "{issues:?}");
        assert_eq!(issues.list[0].line, 5);
        assert!(issues.list[0].message.contains("unknown region 99"));
        assert_eq!(issues.list[1].line, 2);
        assert!(issues.list[1].message.contains("add up to 12"));
    }

    #[test]
    fn nationality_classes() {
        for n in NATIONALS {
            assert_eq!(nat_group(n), Some(0), "{n}");
        }
        assert_eq!(nat_group(" DEU "), Some(0));
        assert_eq!(nat_group("Inländisch"), Some(0));
        for n in ["tr", "pl", "ausländisch", "int", "foreign", "ch"] {
            assert_eq!(nat_group(n), Some(1), "{n}");
        }
        assert_eq!(nat_group(""), None);
        assert_eq!(nat_group("  "), None);
    }

    #[test]
    fn flows_take_nationality_and_naturalisations() {
        let s = read_sheet(
            "flows",
            "region_key,year,kind,age,sex,Staatsangehörigkeit,count\n\
             1,2023,births,30,m,deutsch,4\n\
             1,2023,births,30,m,tr,2\n\
             1,2023,Einbürgerung,35,f,,3\n\
             1,2023,einbuergerung,36,f,sy,1\n\
             1,2023,deaths,80,f,,5\n"
                .as_bytes(),
        )
        .unwrap();
        let mut issues = Issues::default();
        let recs = flows(&s, &mut issues);
        assert!(issues.is_empty(), "{issues:?}");
        let kinds: Vec<(&str, &str)> = recs
            .iter()
            .map(|r| (r.kind, r.nationality.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("births", "deutsch"),
                ("births", "tr"),
                ("acquisition", ""),
                ("acquisition", "sy"),
                ("deaths", "")
            ]
        );
        // Without the column everything stays as before.
        let s = read_sheet(
            "flows",
            b"region_key,year,kind,age,sex,count\n1,2023,deaths,80,f,5\n",
        )
        .unwrap();
        let recs = flows(&s, &mut issues);
        assert!(issues.is_empty() && recs[0].nationality.is_empty());
    }

    #[test]
    fn flow_errors_with_nationality_name_their_lines() {
        let s = read_sheet(
            "flows",
            "region_key,year,kind,age,sex,nationality,count\n\
             1,2023,deaths,80,f,de,5\n\
             1,2023,deaths,80,f,tr,1\n\
             1,2023,deaths,80,f,tr,2\n\
             1,2023,deaths,81,f,,2\n\
             1,2023,acquisition,30,m,deutsch,1\n\
             1,2023,naturalisation,30,m,,1\n\
             1,2023,emigration,30,m,,1\n"
                .as_bytes(),
        )
        .unwrap();
        let mut issues = Issues::default();
        let recs = flows(&s, &mut issues);
        let got: Vec<(usize, &str)> = issues
            .list
            .iter()
            .map(|i| (i.line, i.message.as_str()))
            .collect();
        assert_eq!(got.len(), 4, "{got:#?}");
        assert_eq!(got[0].0, 4);
        assert!(
            got[0]
                .1
                .contains("duplicate cell 1 2023 deaths age 80 f tr (first on line 3)")
        );
        assert_eq!(got[1].0, 6);
        assert!(got[1].1.contains("national one"), "{}", got[1].1);
        assert_eq!(got[2].0, 7);
        assert!(got[2].1.contains("or acquisition"));
        assert_eq!(got[3].0, 5);
        assert!(
            got[3]
                .1
                .contains("mixes rows with a nationality (line 2) and rows without (line 5)")
        );
        // Different nationalities of one cell are not duplicates; an emigration block without
        // any nationality is fine.
        assert_eq!(recs.len(), 4);
    }

    #[test]
    fn assumption_sets_take_acquisition_and_nationality_where_the_population_has_it() {
        let known: BTreeSet<String> = ["1".to_string(), "2".to_string()].into();
        let split: BTreeSet<String> = ["1".to_string()].into();
        let s = read_sheet(
            "assumptions",
            "region_key,kind,year,sex,age,nationality,value\n\
             1,einbürgerung,,m,30,,0.02\n\
             1,acquisition,,f,30,tr,0.03\n\
             1,fertility,,,30,ausländisch,0.09\n\
             1,fertility,,,30,,0.05\n\
             1,immigration,,m,25,de,12\n\
             2,acquisition,,m,30,,0.02\n\
             2,fertility,,,30,de,0.05\n\
             1,acquisition,,m,31,deutsch,0.02\n\
             1,acquisition,,m,32,,1.5\n\
             1,acquisition,,m,30,,0.01\n"
                .as_bytes(),
        )
        .unwrap();
        let mut issues = Issues::default();
        let recs = assumptions(&s, &known, &split, &mut issues);
        let got: Vec<(usize, &str)> = issues
            .list
            .iter()
            .map(|i| (i.line, i.message.as_str()))
            .collect();
        assert_eq!(got.len(), 5, "{got:#?}");
        assert_eq!(got[0].0, 7);
        assert!(
            got[0].1.contains("population of 2 has no nationality"),
            "{}",
            got[0].1
        );
        assert!(got[0].1.starts_with("acquisition of citizenship"));
        assert_eq!(got[1].0, 8);
        assert!(got[1].1.contains("population of 2 has no nationality"));
        assert_eq!(got[2].0, 9);
        assert!(got[2].1.contains("foreign national becomes German"));
        assert_eq!(got[3].0, 10);
        assert!(got[3].1.contains("outside 0 … 1"));
        assert_eq!(got[4].0, 11);
        assert!(
            got[4]
                .1
                .contains("duplicate value 1 acquisition age 30 m (first on line 2)")
        );
        let kinds: Vec<(&str, &str)> = recs
            .iter()
            .map(|r| (r.kind, r.nationality.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("acquisition", ""),
                ("acquisition", ""),
                ("fertility", "ausländisch"),
                ("fertility", ""),
                ("immigration", "de")
            ]
        );
    }

    #[test]
    fn the_share_of_german_children_of_foreign_mothers_is_one_value_per_region() {
        let known: BTreeSet<String> = ["1".to_string(), "2".to_string()].into();
        let split: BTreeSet<String> = ["1".to_string()].into();
        let s = read_sheet(
            "assumptions",
            "region_key,kind,year,sex,age,nationality,value\n\
             1,german_births,,,,,0.4\n\
             1,Geburtsortprinzip,2030,,,,\"0,5\"\n\
             1,german_births,2031,,30,,0.5\n\
             1,german_births,2032,f,,,0.5\n\
             1,german_births,2033,,,tr,0.5\n\
             2,german_births,,,,,0.4\n\
             1,german_births,2034,,,,1.5\n\
             1,ius_soli,2030,,,,0.6\n"
                .as_bytes(),
        )
        .unwrap();
        let mut issues = Issues::default();
        let recs = assumptions(&s, &known, &split, &mut issues);
        let got: Vec<(usize, &str)> = issues
            .list
            .iter()
            .map(|i| (i.line, i.message.as_str()))
            .collect();
        assert_eq!(got.len(), 6, "{got:#?}");
        assert_eq!(got[0].0, 4);
        assert!(got[0].1.contains("leave age empty"), "{}", got[0].1);
        assert_eq!(got[1].0, 5);
        assert!(got[1].1.contains("leave sex empty"), "{}", got[1].1);
        assert_eq!(got[2].0, 6);
        assert!(
            got[2].1.contains("leave the nationality empty"),
            "{}",
            got[2].1
        );
        assert_eq!(got[3].0, 7);
        assert!(got[3].1.contains("population of 2 has no nationality"));
        assert!(
            got[3]
                .1
                .starts_with("the share of German children of foreign mothers")
        );
        assert_eq!(got[4].0, 8);
        assert!(got[4].1.contains("outside 0 … 1"));
        assert_eq!(got[5].0, 9);
        assert!(
            got[5]
                .1
                .contains("duplicate value 1 german_births from 2030 (first on line 3)"),
            "{}",
            got[5].1
        );
        let values: Vec<(&str, Option<i64>, &str, i64, f64)> = recs
            .iter()
            .map(|r| (r.kind, r.year_from, r.sex, r.age, r.value))
            .collect();
        assert_eq!(
            values,
            [
                ("german_births", None, "", 0, 0.4),
                ("german_births", Some(2030), "", 0, 0.5)
            ]
        );
    }

    #[test]
    fn a_probability_table_of_one_nationality_must_be_complete() {
        let known: BTreeSet<String> = ["1".to_string()].into();
        let mut text = String::from("region_key,kind,sex,age,nationality,value\n");
        for sex in ["m", "f"] {
            for age in 0..=100 {
                text.push_str(&format!("1,mortality,{sex},{age},,0.01\n"));
                if age != 50 {
                    text.push_str(&format!("1,mortality,{sex},{age},tr,0.02\n"));
                }
            }
        }
        let mut issues = Issues::default();
        assumptions(
            &read_sheet("assumptions", text.as_bytes()).unwrap(),
            &known,
            &known,
            &mut issues,
        );
        assert_eq!(issues.list.len(), 1, "{issues:?}");
        assert_eq!(issues.list[0].line, 3);
        assert!(
            issues.list[0]
                .message
                .contains("mortality table of 1 (foreign nationals) gives 200 of the 202 cells")
        );
    }
}
