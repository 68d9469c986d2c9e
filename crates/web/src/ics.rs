//! Writing iCalendar (RFC 5545): the pieces every calendar the product sends shares — the
//! calendar feed of due dates (`pages::notifications::calendar`) and the fairs' and trips'
//! downloads (`pages::network::calendar`). Lines end in CRLF and are folded after 75 octets,
//! never inside a UTF-8 character; text values are escaped.

use standort_domain::date::format_date;

/// Text escaped for an iCalendar value (RFC 5545 3.3.11).
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded after 75 octets (never inside a UTF-8 character), ending in CRLF.
pub fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// `YYYYMMDD` of a day (Unix seconds at 00:00 UTC).
pub fn date(unix: i64) -> String {
    format_date(unix).replace('-', "")
}

/// `YYYYMMDDTHHMMSS` of a day and `HH:MM` (a local time: floating, or with a TZID).
pub fn local_time(day: i64, hh_mm: &str) -> String {
    format!("{}T{}00", date(day), hh_mm.replace(':', ""))
}

/// `YYYYMMDDTHHMMSSZ` of a moment (DTSTAMP).
pub fn stamp(now: i64) -> String {
    let day = date(now.div_euclid(86_400) * 86_400);
    let secs = now.rem_euclid(86_400);
    format!(
        "{day}T{:02}{:02}{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The host of the public address (`standort.example.org`), the right-hand side of UIDs, so
/// UIDs stay unique between installations.
pub fn host(link: &dyn Fn(&str) -> String) -> String {
    link("")
        .split("://")
        .nth(1)
        .unwrap_or("standort")
        .trim_end_matches('/')
        .split('/')
        .next()
        .unwrap_or("standort")
        .to_owned()
}

/// Europe/Berlin as a VTIMEZONE (CET/CEST, the EU rule since 1996), which a `TZID` needs in
/// the same calendar.
pub fn europe_berlin(out: &mut String) {
    for l in [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        line(out, l);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_folded_between_characters_and_text_is_escaped() {
        let mut out = String::new();
        line(&mut out, &format!("SUMMARY:{}", "Ở".repeat(40)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(stamp(86_400 + 3_661), "19700102T010101Z");
        assert_eq!(local_time(0, "09:30"), "19700101T093000");
    }
}
