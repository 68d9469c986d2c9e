//! Schemas of the values the use cases check, for `#[schema(schema_with = …)]` on the API's
//! request fields: the document then declares exactly what the server accepts. Each schema is
//! built from the rule or the list the server itself uses (`standort_domain::optional_line`,
//! `Role::ALL`, `recruitment::CEFR_LEVELS` …), so the two cannot drift apart.

use serde_json::{Value, json};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{Array, Object};

/// Characters no line of text may hold (`standort_domain::text`): control characters other than
/// tab, line breaks, and the bidirectional formatting characters.
const FORBIDDEN: &str =
    r"\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069";

/// A line of text that may be blank (blank counts as absent).
pub fn line_pattern() -> String {
    format!("^[^{FORBIDDEN}]*$")
}

/// A line of text with at least one visible character.
pub fn required_line_pattern() -> String {
    format!("^[^{FORBIDDEN}]*[^\\s{FORBIDDEN}][^{FORBIDDEN}]*$")
}

fn from_json(v: Value) -> Object {
    match serde_json::from_value::<Schema>(v).expect("a valid schema") {
        Schema::Object(o) => o,
        _ => panic!("not an object schema"),
    }
}

/// A required single line of at most `MAX` characters (after trimming).
pub fn required_line<const MAX: usize>() -> Object {
    from_json(json!({
        "type": "string",
        "minLength": 1,
        "maxLength": MAX,
        "pattern": required_line_pattern(),
    }))
}

/// An optional single line of at most `MAX` characters; blank or null means absent.
pub fn optional_line<const MAX: usize>() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "maxLength": MAX,
        "pattern": line_pattern(),
    }))
}

/// An optional date `YYYY-MM-DD`.
pub fn optional_date() -> Object {
    from_json(json!({ "type": ["string", "null"], "format": "date" }))
}

/// A required date `YYYY-MM-DD`.
pub fn date() -> Object {
    from_json(json!({ "type": "string", "format": "date" }))
}

/// An e-mail address as `standort_domain::Email` reads it: one `@` with something before it,
/// a domain with a dot that neither starts nor ends with one, no spaces, at most 254
/// characters; spaces around it are ignored.
fn email_pattern(blank_allowed: bool) -> String {
    let c = format!("[^\\s@{FORBIDDEN}]");
    let d = format!("[^\\s@.{FORBIDDEN}]");
    let email = format!("{c}+@{d}{c}*\\.{c}*{d}");
    let email = if blank_allowed {
        format!("(?:{email})?")
    } else {
        email
    };
    format!("^[\\t\\n\\r ]*{email}[\\t\\n\\r ]*$")
}

/// A required e-mail address.
pub fn email() -> Object {
    from_json(json!({ "type": "string", "maxLength": 254, "pattern": email_pattern(false) }))
}

/// An optional e-mail address; blank or null means none.
pub fn optional_email() -> Object {
    from_json(
        json!({ "type": ["string", "null"], "maxLength": 254, "pattern": email_pattern(true) }),
    )
}

/// The cells of a table: numbers, text or null (no value).
pub fn table_rows() -> Array {
    let cell: Object = from_json(json!({ "type": ["string", "number", "null"] }));
    Array::new(Array::new(cell))
}

/// An ISO 3166-1 alpha-2 country code (either case); blank or null for the default (`VN`).
pub fn optional_country() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "pattern": "^[\\t\\n\\r ]*(?:[A-Za-z]{2}[\\t\\n\\r ]*)?$",
    }))
}

/// An organisation's ISO 3166-1 alpha-2 country code (either case), or null for `DE`.
pub fn org_country() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "pattern": "^[\\t\\n\\r ]*[A-Za-z]{2}[\\t\\n\\r ]*$",
    }))
}

fn choice<'a>(values: impl IntoIterator<Item = &'a str>, nullable: bool) -> Object {
    let mut values: Vec<Value> = values.into_iter().map(Value::from).collect();
    let ty = if nullable {
        values.push(Value::Null);
        json!(["string", "null"])
    } else {
        json!("string")
    };
    from_json(json!({ "type": ty, "enum": values }))
}

pub fn role() -> Object {
    choice(standort_domain::Role::ALL.iter().map(|r| r.as_str()), false)
}

pub fn org_kind() -> Object {
    choice(
        standort_domain::OrgKind::ALL.iter().map(|k| k.as_str()),
        false,
    )
}

pub fn optional_ui_language() -> Object {
    choice(
        standort_domain::Language::ALL.iter().map(|l| l.code()),
        true,
    )
}

pub fn optional_cefr() -> Object {
    choice(standort_app::recruitment::CEFR_LEVELS, true)
}

pub fn language_level() -> Object {
    choice(standort_app::recruitment::LANGUAGE_LEVELS, false)
}

/// A language other than German (ISO 639-1).
pub fn other_language() -> Object {
    choice(
        standort_app::recruitment::LANGUAGES
            .iter()
            .copied()
            .filter(|l| *l != "de"),
        false,
    )
}

pub fn recognition() -> Object {
    choice(standort_app::recruitment::RECOGNITION, false)
}

pub fn evidence() -> Object {
    choice(standort_app::recruitment::EVIDENCE, false)
}

pub fn optional_position_kind() -> Object {
    choice(standort_app::recruitment::POSITION_KINDS, true)
}

/// A number of places or a cohort size: 1–10,000, or null for the default.
pub fn optional_places() -> Object {
    from_json(
        json!({ "type": ["integer", "null"], "format": "int64", "minimum": 1, "maximum": 10000 }),
    )
}

/// `essential` or `optional` (a position's required skills).
pub fn skill_relation() -> Object {
    choice(["essential", "optional"], false)
}

/// `share_employers`, `share_employer` or `talent_pool`.
pub fn consent_purpose() -> Object {
    choice(["share_employers", "share_employer", "talent_pool"], false)
}

/// Every kind of step on the placement tracks.
pub fn event_kind() -> Object {
    use standort_placement::{Event, Track};
    let mut kinds: Vec<&str> = Track::ALL
        .into_iter()
        .flat_map(|t| Event::menu(t, 0))
        .map(|e| e.key())
        .collect();
    kinds.dedup();
    let mut seen = std::collections::BTreeSet::new();
    kinds.retain(|k| seen.insert(*k));
    choice(kinds, false)
}

pub fn optional_event_level() -> Object {
    choice(
        standort_placement::Level::ALL.iter().map(|l| l.as_str()),
        true,
    )
}

pub fn optional_measure() -> Object {
    choice(["adaptation_course", "knowledge_exam"], true)
}

pub fn optional_route() -> Object {
    choice(
        standort_placement::Route::ALL.iter().map(|r| r.as_str()),
        true,
    )
}

pub fn optional_contract() -> Object {
    choice(["training", "employment"], true)
}

/// EU driving-licence classes, separated by commas, spaces or semicolons (either case).
pub fn optional_licences() -> Object {
    let classes: Vec<String> = standort_matching::LicenceClass::ALL
        .iter()
        .map(|c| {
            serde_json::to_value(c)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
                .chars()
                .map(|ch| {
                    if ch.is_ascii_alphabetic() {
                        format!("[{}{}]", ch.to_ascii_uppercase(), ch.to_ascii_lowercase())
                    } else {
                        ch.to_string()
                    }
                })
                .collect()
        })
        .collect();
    let class = format!("(?:{})", classes.join("|"));
    from_json(json!({
        "type": ["string", "null"],
        "pattern": format!("^[ ,;]*(?:{class}[ ,;]+)*(?:{class}[ ,;]*)?$"),
    }))
}

/// `occupation` or `skill`, or absent for both.
pub fn optional_concept_kind() -> Object {
    choice(["occupation", "skill"], false)
}

/// Every measure the projection stores (planning bands, structure indicators, components).
pub fn optional_measure_name() -> Object {
    choice(standort_demography::service::all_measures(), false)
}

/// A producer category of the showcase.
pub fn showcase_category() -> Object {
    choice(
        standort_domain::showcase::Category::ALL
            .iter()
            .map(|c| c.as_str()),
        false,
    )
}

/// A quality mark of the showcase.
pub fn showcase_label() -> Object {
    choice(
        standort_domain::showcase::QualityLabel::ALL
            .iter()
            .map(|c| c.as_str()),
        false,
    )
}

/// Quality marks of the showcase.
pub fn showcase_labels() -> Array {
    Array::new(showcase_label())
}

/// The unit a showcase product is sold in.
pub fn showcase_unit() -> Object {
    choice(
        standort_domain::showcase::Unit::ALL
            .iter()
            .map(|c| c.as_str()),
        false,
    )
}

/// A weekday, `mon` … `sun`.
pub fn weekday() -> Object {
    choice(standort_domain::showcase::WEEKDAYS, false)
}

/// A weekday or none.
pub fn optional_weekday() -> Object {
    choice(standort_domain::showcase::WEEKDAYS, true)
}

/// A time of day `HH:MM` (`24:00` for the end of a day).
pub fn time_of_day() -> Object {
    from_json(json!({ "type": "string", "pattern": "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$" }))
}
