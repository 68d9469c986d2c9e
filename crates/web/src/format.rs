//! Dates, date-times and numbers as the reader's language writes them: the one formatter every
//! page and template uses, through the request's [`Tr`](crate::Tr) (`tr.date(…)`,
//! `tr.datetime(…)`, `tr.number(…)`, `tr.decimal(…)` in handlers and `page.tr.…` in templates).
//!
//! The patterns and symbols come from Unicode CLDR through ICU4X with its data compiled in
//! (`icu_datetime`, `icu_decimal`), not from tables of ours: German `04.10.2026` and `1.234,5`,
//! English `4 Oct 2026` and `1,234.5`, Vietnamese `4 thg 10, 2026` and `1.234,5`. Times are shown
//! in the installation's time zone ([`TimeZone`], the `time_zone` setting, default
//! Europe/Berlin), its offsets from the IANA time zone database that `chrono-tz` compiles in —
//! nothing is read from the host's `/usr/share/zoneinfo` or fetched at run time.
//!
//! Only what a person reads goes through here. The JSON API keeps ISO dates and plain numbers,
//! `<input type="date">` keeps ISO values (`standort_domain::date::format_date`), and downloads
//! keep their own dialect (`standort_app::export`).

use std::sync::LazyLock;

use chrono::{Datelike, Timelike};
use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date, DateTime, Time};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::{Locale, locale};
use standort_domain::Language;

/// The time zone an installation shows its times in: an IANA name (`Europe/Berlin`) checked
/// against the zone database compiled into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(chrono_tz::Tz);

impl TimeZone {
    /// The default of the `time_zone` setting.
    pub const DEFAULT: TimeZone = TimeZone(chrono_tz::Tz::Europe__Berlin);

    /// An IANA time zone name (`Europe/Berlin`, `Asia/Ho_Chi_Minh`, `UTC`); anything else is
    /// refused with a message naming the value and the expected form.
    pub fn parse(name: &str) -> Result<TimeZone, String> {
        name.trim()
            .parse::<chrono_tz::Tz>()
            .map(TimeZone)
            .map_err(|_| {
                format!(
                    "unknown time zone {name:?}: expected an IANA time zone name such as \
                 \"Europe/Berlin\" or \"Asia/Ho_Chi_Minh\""
                )
            })
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The local date and time of a moment (Unix seconds); `None` outside chrono's range.
    fn local(&self, unix: i64) -> Option<chrono::DateTime<chrono_tz::Tz>> {
        chrono::DateTime::from_timestamp(unix, 0).map(|t| t.with_timezone(&self.0))
    }

    /// A moment (Unix seconds) as this zone's clock showed it, for a download's date-and-time
    /// cell; `None` outside chrono's range.
    pub fn local_minute(&self, unix: i64) -> Option<standort_app::export::LocalMinute> {
        let t = self.local(unix)?;
        Some(standort_app::export::LocalMinute {
            day: standort_app::export::CalendarDay {
                year: t.year(),
                month: t.month() as u8,
                day: t.day() as u8,
            },
            hour: t.hour() as u8,
            minute: t.minute() as u8,
        })
    }

    /// The calendar day (Unix seconds at 00:00 UTC, as dates are stored) on which a moment
    /// falls in this zone: "created on" of a timestamp.
    pub fn day_of(&self, unix: i64) -> i64 {
        self.local(unix)
            .map(|t| {
                let d = t.date_naive();
                chrono::NaiveDate::and_hms_opt(&d, 0, 0, 0)
                    .map_or(unix, |m| m.and_utc().timestamp())
            })
            .unwrap_or(unix - unix.rem_euclid(86_400))
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        TimeZone::DEFAULT
    }
}

impl std::fmt::Display for TimeZone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One language's formatters, built once per process from the compiled-in data.
struct Formatters {
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    datetime: FixedCalendarDateTimeFormatter<Gregorian, YMDT>,
    number: DecimalFormatter,
}

/// The CLDR locale of a language. English is British English: the medium date
/// `4 Oct 2026` names the month, so no reader — in Vietnam, the US or Germany — can take the
/// 4th of October for the 10th of April (`04/10/2026` and `10/4/2026` would be read both
/// ways), and times are on the 24-hour clock as in the other two languages.
fn locale_of(lang: Language) -> Locale {
    match lang {
        Language::De => locale!("de"),
        Language::En => locale!("en-GB"),
        Language::Vi => locale!("vi"),
    }
}

impl Formatters {
    fn new(lang: Language) -> Formatters {
        let locale = locale_of(lang);
        // The medium length: German `04.10.2026` (the short one has a two-digit year).
        Formatters {
            date: FixedCalendarDateTimeFormatter::try_new(locale.clone().into(), YMD::medium())
                .expect("compiled data has every shipped language"),
            datetime: FixedCalendarDateTimeFormatter::try_new(
                locale.clone().into(),
                YMD::medium().with_time_hm(),
            )
            .expect("compiled data has every shipped language"),
            number: DecimalFormatter::try_new(locale.into(), Default::default())
                .expect("compiled data has every shipped language"),
        }
    }
}

/// The formatters of every language, in the order of [`Language::ALL`].
static FORMATTERS: LazyLock<Vec<(Language, Formatters)>> = LazyLock::new(|| {
    Language::ALL
        .iter()
        .map(|&l| (l, Formatters::new(l)))
        .collect()
});

fn formatters(lang: Language) -> &'static Formatters {
    &FORMATTERS
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("every language")
        .1
}

/// A stored date (Unix seconds at 00:00 UTC) as the language writes it: `04.10.2026`.
pub fn date(lang: Language, unix: i64) -> String {
    let Some(d) = chrono::DateTime::from_timestamp(unix, 0).map(|t| t.date_naive()) else {
        return String::new();
    };
    match Date::try_new_gregorian(d.year(), d.month() as u8, d.day() as u8) {
        Ok(d) => formatters(lang).date.format(&d).to_string(),
        Err(_) => String::new(),
    }
}

/// A day number (days since 1970-01-01, as the placement and procurement engines count) as
/// the language writes it.
pub fn day(lang: Language, day: i64) -> String {
    date(lang, day.saturating_mul(86_400))
}

/// A moment (Unix seconds) in `zone` as the language writes it: `04.10.2026, 14:30`.
pub fn datetime(lang: Language, zone: TimeZone, unix: i64) -> String {
    let Some(t) = zone.local(unix) else {
        return String::new();
    };
    let date = Date::try_new_gregorian(t.year(), t.month() as u8, t.day() as u8);
    let time = Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0);
    match (date, time) {
        (Ok(date), Ok(time)) => formatters(lang)
            .datetime
            .format(&DateTime { date, time })
            .to_string(),
        _ => String::new(),
    }
}

/// A whole number of any integer type the records hold (templates pass references).
pub trait Whole {
    fn whole(&self) -> i64;
}

macro_rules! whole {
    ($($t:ty),*) => {$(
        impl Whole for $t {
            fn whole(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
whole!(i64, i32, u32, u64, usize);

impl<T: Whole + ?Sized> Whole for &T {
    fn whole(&self) -> i64 {
        (**self).whole()
    }
}

/// A date, day or moment as records hold it: a number, or none (templates pass references).
pub trait When {
    fn when(&self) -> Option<i64>;
}

impl When for i64 {
    fn when(&self) -> Option<i64> {
        Some(*self)
    }
}

impl When for Option<i64> {
    fn when(&self) -> Option<i64> {
        *self
    }
}

impl When for Option<&i64> {
    fn when(&self) -> Option<i64> {
        self.copied()
    }
}

impl<T: When + ?Sized> When for &T {
    fn when(&self) -> Option<i64> {
        (**self).when()
    }
}

/// A whole number with the language's grouping: `1.234` (German), `1,234` (English).
pub fn number(lang: Language, n: i64) -> String {
    formatters(lang)
        .number
        .format(&Decimal::from(n))
        .to_string()
}

/// A number rounded to `digits` decimals (half away from zero), the decimals always shown:
/// `1.234,5` (German). Not a number (or an infinity) is a dash.
pub fn decimal(lang: Language, v: f64, digits: u8) -> String {
    let scaled = (v * 10f64.powi(i32::from(digits))).round();
    if !scaled.is_finite() || scaled.abs() >= 9.0e18 {
        return "–".into();
    }
    // An exact integer times a power of ten: no binary fraction reaches the output.
    let mut d = Decimal::from(scaled as i64);
    d.multiply_pow10(-i16::from(digits));
    // "-0,0" reads as a sign on nothing.
    if scaled == 0.0 {
        d = Decimal::from(0);
        d.multiply_pow10(-i16::from(digits));
    }
    formatters(lang).number.format(&d).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{De, En, Vi};

    /// 2026-10-04 00:00 UTC.
    const OCT_4: i64 = 1_791_072_000;

    #[test]
    fn dates_per_language() {
        assert_eq!(date(De, OCT_4), "04.10.2026");
        assert_eq!(date(En, OCT_4), "4 Oct 2026");
        assert_eq!(date(Vi, OCT_4), "4 thg 10, 2026");
        assert_eq!(day(De, OCT_4 / 86_400), "04.10.2026");
        assert_eq!(date(De, 0), "01.01.1970");
    }

    #[test]
    fn datetimes_in_the_zone_across_a_dst_change() {
        let berlin = TimeZone::DEFAULT;
        // 2026-03-29 00:30 UTC is 01:30 CET; an hour later it is 03:30 CEST.
        let before = 1_774_744_200;
        assert_eq!(datetime(De, berlin, before), "29.03.2026, 01:30");
        assert_eq!(datetime(De, berlin, before + 3600), "29.03.2026, 03:30");
        // 2026-10-25 00:30 UTC is 02:30 CEST; an hour later it is 02:30 CET again.
        let autumn = 1_792_888_200;
        assert_eq!(datetime(De, berlin, autumn), "25.10.2026, 02:30");
        assert_eq!(datetime(De, berlin, autumn + 3600), "25.10.2026, 02:30");
        assert_eq!(datetime(En, berlin, autumn + 7200), "25 Oct 2026, 03:30");
        assert_eq!(datetime(Vi, berlin, autumn + 7200), "03:30 25 thg 10, 2026");
        // Another zone, and midnight across the date line of the zone.
        let hcmc = TimeZone::parse("Asia/Ho_Chi_Minh").expect("known zone");
        assert_eq!(datetime(De, hcmc, OCT_4 + 18 * 3600), "05.10.2026, 01:00");
        assert_eq!(hcmc.day_of(OCT_4 + 18 * 3600), OCT_4 + 86_400);
        assert_eq!(berlin.day_of(OCT_4 + 22 * 3600 + 1), OCT_4 + 86_400);
        assert_eq!(berlin.day_of(OCT_4 + 21 * 3600), OCT_4);
    }

    #[test]
    fn time_zones_are_checked() {
        assert_eq!(TimeZone::default().name(), "Europe/Berlin");
        assert_eq!(TimeZone::parse("UTC").map(|z| z.name()), Ok("UTC"));
        let refused = TimeZone::parse("Europe/Bonn").unwrap_err();
        assert!(refused.contains("\"Europe/Bonn\""), "{refused}");
        assert!(TimeZone::parse("").is_err());
        assert!(TimeZone::parse("+02:00").is_err());
    }

    #[test]
    fn numbers_per_language() {
        assert_eq!(number(De, 1234), "1.234");
        assert_eq!(number(En, 1234), "1,234");
        assert_eq!(number(Vi, 1234), "1.234");
        assert_eq!(number(De, 999), "999");
        assert_eq!(number(De, 1_234_567), "1.234.567");
        assert_eq!(number(De, -1234), "-1.234");
        assert_eq!(number(En, -1234), "-1,234");
        assert_eq!(decimal(De, 1234.5, 1), "1.234,5");
        assert_eq!(decimal(En, 1234.5, 1), "1,234.5");
        assert_eq!(decimal(Vi, 1234.5, 1), "1.234,5");
        assert_eq!(decimal(De, 12345.678, 1), "12.345,7");
        assert_eq!(decimal(De, -0.04, 1), "0,0");
        assert_eq!(decimal(De, -2.25, 2), "-2,25");
        assert_eq!(decimal(En, 10.0, 2), "10.00");
        assert_eq!(decimal(De, f64::NAN, 1), "–");
    }
}
