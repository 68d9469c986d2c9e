//! Cell values shared by the files: levels, nationality, sex, years, ages, counts.

use super::Issues;

/// The region levels from the top down.
pub const LEVELS: [&str; 4] = ["land", "kreis", "gemeinde", "ortsteil"];

/// Rank of a level (0 = land); `None` for an unknown name.
pub fn level_rank(level: &str) -> Option<usize> {
    LEVELS.iter().position(|l| *l == level)
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

pub fn parse_sex(s: &str) -> Option<&'static str> {
    match s.to_lowercase().as_str() {
        "m" | "male" | "männlich" | "maennlich" | "1" => Some("m"),
        "f" | "w" | "female" | "weiblich" | "2" => Some("f"),
        _ => None,
    }
}

pub(super) fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim();
    s.parse::<i64>().ok().or_else(|| {
        s.parse::<f64>()
            .ok()
            .filter(|f| f.fract() == 0.0 && f.is_finite())
            .map(|f| f as i64)
    })
}

pub(super) fn parse_year(
    file: &'static str,
    line: usize,
    s: &str,
    issues: &mut Issues,
) -> Option<i64> {
    match parse_int(s) {
        Some(y) if (1800..=2200).contains(&y) => Some(y),
        _ => {
            issues.push(file, line, format!("year {s:?} is not a year (1800–2200)"));
            None
        }
    }
}

pub(super) fn parse_age(
    file: &'static str,
    line: usize,
    s: &str,
    issues: &mut Issues,
) -> Option<i64> {
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

pub(super) fn parse_count(
    file: &'static str,
    line: usize,
    s: &str,
    issues: &mut Issues,
) -> Option<i64> {
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
