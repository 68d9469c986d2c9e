//! Checks across the files of one import: parents and regions exist, levels descend, and
//! children's population does not exceed their parent's.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Issues;
use super::flows::FlowRecord;
use super::population::PopulationRecord;
use super::regions::RegionRecord;
use super::values::level_rank;

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
