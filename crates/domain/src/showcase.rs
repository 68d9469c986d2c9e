//! Vocabulary of the regional showcase ("Genuss und Kunsthandwerk"): producer categories,
//! quality marks, product units, weekdays, opening-hour ranges, month sets for seasons and
//! slugs for readable URLs. Each vocabulary is stored as its stable text (`as_str`).

vocabulary!(
    /// What a producer makes; one category per producer.
    Category {
        FarmShop => "farm_shop",
        Bakery => "bakery",
        Brewery => "brewery",
        CheeseMaker => "cheese_maker",
        Butcher => "butcher",
        Beekeeper => "beekeeper",
        Winery => "winery",
        Potter => "potter",
        Woodworker => "woodworker",
        TextileMaker => "textile_maker",
    }
);

vocabulary!(
    /// Quality marks and labels a producer or product carries.
    QualityLabel {
        Organic => "organic",
        Demeter => "demeter",
        RegionalBrand => "regional_brand",
        Handmade => "handmade",
        SlowFood => "slow_food",
        AnimalWelfare => "animal_welfare",
    }
);

vocabulary!(
    /// The unit a product is sold in.
    Unit {
        Piece => "piece",
        Kilogram => "kilogram",
        Grams100 => "grams100",
        Litre => "litre",
        Bottle => "bottle",
        Jar => "jar",
        Loaf => "loaf",
        Set => "set",
    }
);

vocabulary!(
    /// Where else than in its own shop a producer sells.
    Outlet {
        OwnShop => "own_shop",
        WeeklyMarket => "weekly_market",
        Retailer => "retailer",
        Online => "online",
    }
);

/// Monday = 0 … Sunday = 6 (ISO order), the stable text `mon` … `sun`.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The weekday (Monday = 0) of a Unix time (UTC): 1970-01-01 was a Thursday.
pub fn weekday_of(unix: i64) -> u8 {
    ((unix.div_euclid(86_400) + 3).rem_euclid(7)) as u8
}

/// Minutes since midnight (UTC) of a Unix time.
pub fn minute_of_day(unix: i64) -> u16 {
    (unix.rem_euclid(86_400) / 60) as u16
}

/// The month (1–12) of a Unix time (UTC), by the civil-from-days algorithm.
pub fn month_of(unix: i64) -> u8 {
    let z = unix.div_euclid(86_400) + 719_468;
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    (if mp < 10 { mp + 3 } else { mp - 9 }) as u8
}

/// Parses `HH:MM` into minutes since midnight (`24:00` allowed as the end of a day).
pub fn parse_time(s: &str) -> Option<u16> {
    let (h, m) = s.trim().split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(h * 60 + m)
}

pub fn format_time(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A set of months (bit 0 = January), the season of a product. `ALL_YEAR` is every month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Months(pub u16);

impl Months {
    pub const ALL_YEAR: Months = Months(0x0fff);

    /// From months 1–12; others are ignored.
    pub fn of(months: &[u8]) -> Months {
        Months(
            months
                .iter()
                .filter(|m| (1..=12).contains(*m))
                .fold(0, |acc, m| acc | 1 << (m - 1)),
        )
    }

    pub fn contains(self, month: u8) -> bool {
        (1..=12).contains(&month) && self.0 & (1 << (month - 1)) != 0
    }

    /// The months in order, 1–12.
    pub fn list(self) -> Vec<u8> {
        (1..=12).filter(|m| self.contains(*m)).collect()
    }

    /// The bit of one month (1–12), for a query.
    pub fn bit(month: u8) -> i64 {
        if (1..=12).contains(&month) {
            1 << (month - 1)
        } else {
            0
        }
    }
}

/// A readable URL part made from a name: folded (no diacritics, `ß` → `ss`), lower case,
/// words joined by `-`, at most 80 characters. Empty when the name has no letters or digits.
pub fn slugify(name: &str) -> String {
    let folded = crate::fold::fold_for_search(name);
    let mut out = String::new();
    for token in crate::fold::tokens(&folded) {
        let ascii: String = token
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        if ascii.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&ascii);
        if out.len() >= 80 {
            out.truncate(80);
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Whether `s` is a slug as [`slugify`] makes them.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_ascii() {
        assert_eq!(slugify("Bäckerei Müller & Söhne"), "backerei-muller-sohne");
        assert_eq!(
            slugify("Großbardauer Straßenkäse"),
            "grossbardauer-strassenkase"
        );
        assert_eq!(slugify("Gốm Nguyễn"), "gom-nguyen");
        assert_eq!(slugify("!!!"), "");
        assert!(is_slug(&slugify("Hofladen Nerchau (Demo)")));
        assert!(!is_slug("A-b"));
        assert!(!is_slug("a--b"));
    }

    #[test]
    fn calendar_helpers_agree_with_known_days() {
        // 2026-12-03 12:00 UTC is a Thursday in December.
        let t = 1_796_299_200;
        assert_eq!(weekday_of(t), 3);
        assert_eq!(month_of(t), 12);
        assert_eq!(minute_of_day(t), 12 * 60);
        assert_eq!(weekday_of(0), 3);
        assert_eq!(month_of(0), 1);
        // 2024-02-29
        assert_eq!(month_of(1_709_164_800), 2);
    }

    #[test]
    fn months_and_times() {
        let m = Months::of(&[5, 6, 7, 13]);
        assert_eq!(m.list(), vec![5, 6, 7]);
        assert!(m.contains(6) && !m.contains(8));
        assert_eq!(Months::ALL_YEAR.list().len(), 12);
        assert_eq!(parse_time("08:30"), Some(510));
        assert_eq!(parse_time("24:00"), Some(1440));
        assert_eq!(parse_time("24:01"), None);
        assert_eq!(parse_time("8:30"), None);
        assert_eq!(format_time(510), "08:30");
    }
}
