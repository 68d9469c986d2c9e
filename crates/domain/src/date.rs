//! Calendar dates at the edges: `YYYY-MM-DD` in forms (the value of `<input type="date">`),
//! JSON, downloads and machine-readable outputs; Unix seconds at 00:00 UTC in the database (see
//! the store's invariants). Every module that takes or writes such a date goes through these,
//! so all of them accept and print the same form. Pages show dates as the reader's language
//! writes them (`04.10.2026`) through the web layer's formatter, `standort_web::format`.

use time::Date;

use crate::ValidationError;

/// `YYYY-MM-DD` → Unix seconds at 00:00 UTC; a blank value is `None`. An invalid date is
/// refused as `invalid-date` on `field`.
pub fn parse_date(field: &'static str, s: &Option<String>) -> Result<Option<i64>, ValidationError> {
    let Some(v) = s.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let d = Date::parse(v, &fmt).map_err(|_| ValidationError::new(field, "invalid-date"))?;
    Ok(Some(d.midnight().assume_utc().unix_timestamp()))
}

/// Unix seconds → `YYYY-MM-DD`.
pub fn format_date(unix: i64) -> String {
    date_of(unix)
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_default()
}

/// Unix seconds → the calendar day (UTC); `None` outside the representable range.
pub fn date_of(unix: i64) -> Option<Date> {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .map(|t| t.date())
}
