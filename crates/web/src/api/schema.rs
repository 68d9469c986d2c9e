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

fn any_schema(v: Value) -> Schema {
    serde_json::from_value::<Schema>(v).expect("a valid schema")
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

/// Characters no text of several lines may hold: as [`FORBIDDEN`], but line breaks allowed.
const FORBIDDEN_IN_TEXT: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069";

/// Text of several lines (`standort_domain::optional_text`) of at most `MAX` characters; blank
/// or null means absent.
pub fn optional_text<const MAX: usize>() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "maxLength": MAX,
        "pattern": format!("^[^{FORBIDDEN_IN_TEXT}]*$"),
    }))
}

/// Text of several lines with at least one visible character, at most `MAX` characters.
pub fn required_text<const MAX: usize>() -> Object {
    from_json(json!({
        "type": "string",
        "minLength": 1,
        "maxLength": MAX,
        "pattern": format!("^[^{FORBIDDEN_IN_TEXT}]*[^\\s{FORBIDDEN_IN_TEXT}][^{FORBIDDEN_IN_TEXT}]*$"),
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
/// characters; spaces and tabs around it are ignored (line breaks are refused, as in every
/// single-line field).
fn email_pattern(blank_allowed: bool) -> String {
    let c = format!("[^\\s@{FORBIDDEN}]");
    let d = format!("[^\\s@.{FORBIDDEN}]");
    let email = format!("{c}+@{d}{c}*\\.{c}*{d}");
    let email = if blank_allowed {
        format!("(?:{email})?")
    } else {
        email
    };
    format!("^[\\t ]*{email}[\\t ]*$")
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

/// An ISO 3166-1 alpha-2 country code from the list the server checks (`domain::iso`, CLDR);
/// blank or null for the default (`VN`).
pub fn optional_country() -> Object {
    let mut values: Vec<Value> = standort_domain::iso::country_codes()
        .map(Value::from)
        .collect();
    values.push(Value::from(""));
    values.push(Value::Null);
    from_json(json!({ "type": ["string", "null"], "enum": values }))
}

/// An organisation's ISO 3166-1 alpha-2 country code from the list, or null for `DE`.
pub fn org_country() -> Object {
    choice(standort_domain::iso::country_codes(), true)
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

/// One of a vocabulary's stable texts; `nullable` when leaving it out picks a default.
fn vocabulary<T: Copy>(all: &[T], text: fn(T) -> &'static str, nullable: bool) -> Object {
    choice(all.iter().map(|v| text(*v)), nullable)
}

pub fn optional_cluster() -> Object {
    use standort_domain::network::Cluster;
    vocabulary(Cluster::ALL, Cluster::as_str, true)
}

pub fn link_kind() -> Object {
    use standort_domain::network::LinkKind;
    vocabulary(LinkKind::ALL, LinkKind::as_str, false)
}

pub fn channel() -> Object {
    use standort_domain::network::Channel;
    vocabulary(Channel::ALL, Channel::as_str, false)
}

pub fn direction() -> Object {
    use standort_domain::network::Direction;
    vocabulary(Direction::ALL, Direction::as_str, false)
}

pub fn participant_role() -> Object {
    use standort_domain::network::ParticipantRole;
    vocabulary(ParticipantRole::ALL, ParticipantRole::as_str, false)
}

pub fn agreement_kind() -> Object {
    use standort_domain::network::AgreementKind;
    vocabulary(AgreementKind::ALL, AgreementKind::as_str, false)
}

/// Left out: `signed` when a signing day is given, else `draft`.
pub fn optional_agreement_status() -> Object {
    use standort_domain::network::AgreementStatus;
    vocabulary(AgreementStatus::ALL, AgreementStatus::as_str, true)
}

/// Left out: `legitimate_interest`.
pub fn optional_legal_basis() -> Object {
    use standort_domain::network::LegalBasis;
    vocabulary(LegalBasis::ALL, LegalBasis::as_str, true)
}

pub fn project_stage() -> Object {
    use standort_domain::network::ProjectStage;
    vocabulary(ProjectStage::ALL, ProjectStage::as_str, false)
}

/// Left out: `lead`.
pub fn optional_project_stage() -> Object {
    use standort_domain::network::ProjectStage;
    vocabulary(ProjectStage::ALL, ProjectStage::as_str, true)
}

pub fn project_kind() -> Object {
    use standort_domain::network::ProjectKind;
    vocabulary(ProjectKind::ALL, ProjectKind::as_str, false)
}

/// A required ISO 3166-1 alpha-2 country code from the list the server checks.
pub fn country() -> Object {
    choice(standort_domain::iso::country_codes(), false)
}

/// A whole number `0..=MAX`, or null for none (0).
pub fn optional_amount<const MAX: i64>() -> Object {
    from_json(
        json!({ "type": ["integer", "null"], "format": "int64", "minimum": 0, "maximum": MAX }),
    )
}

/// A time of day `HH:MM` (24 hours); blank or null for none.
pub fn optional_time() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "pattern": "^[\\t ]*(?:(?:[01][0-9]|2[0-3]):[0-5][0-9])?[\\t ]*$",
    }))
}

/// A telephone number: digits, spaces and `+-/()`, at most 50 characters; blank or null for none.
pub fn optional_phone() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "maxLength": 50,
        "pattern": "^[\\t ]*[0-9 +\\-/()]*[\\t ]*$",
    }))
}

/// A web address starting with `https://` or `http://`, at most 300 characters; blank or null
/// for none.
pub fn optional_website() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "maxLength": 300,
        "pattern": format!("^[\\t ]*(?:https?://[^{FORBIDDEN}]*)?$"),
    }))
}

/// A BCP 47 language tag as the registry stores further names under (`vi`, `ja-Latn`).
pub fn language_tag() -> Object {
    from_json(json!({
        "type": "string",
        "minLength": 1,
        "maxLength": 20,
        "pattern": "^[\\t\\n\\r ]*[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8})*[\\t\\n\\r ]*$",
    }))
}

/// A NACE Rev. 2 / WZ 2008 code as `standort_domain::nace::Sector` reads it: a division that
/// exists, optionally preceded by its section letter, then `.D`, `.DD` or `.DD.D`.
fn sector_pattern() -> String {
    use standort_domain::nace::DIVISIONS;
    let mut sections: Vec<(char, Vec<&str>)> = Vec::new();
    for d in DIVISIONS {
        match sections.last_mut() {
            Some((s, codes)) if *s == d.section => codes.push(d.code),
            _ => sections.push((d.section, vec![d.code])),
        }
    }
    let alternatives: Vec<String> = sections
        .iter()
        .map(|(s, codes)| {
            format!(
                "(?:[{}{}][\\t\\n\\r ]*)?(?:{})",
                s.to_ascii_uppercase(),
                s.to_ascii_lowercase(),
                codes.join("|")
            )
        })
        .collect();
    format!(
        "(?:{})(?:\\.[0-9](?:[0-9](?:\\.[0-9])?)?)?",
        alternatives.join("|")
    )
}

/// An organisation's sector code; blank or null for none.
pub fn optional_sector() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "pattern": format!("^[\\t\\n\\r ]*(?:{})?[\\t\\n\\r ]*$", sector_pattern()),
    }))
}

/// A sector to search for: a code, or a division's number (`1` for `01`).
pub fn sector_filter() -> Object {
    let single: String = standort_domain::nace::DIVISIONS
        .iter()
        .filter_map(|d| d.code.strip_prefix('0'))
        .collect();
    from_json(json!({
        "type": "string",
        "pattern": format!("^[\\t\\n\\r ]*(?:[{single}]|{})?[\\t\\n\\r ]*$", sector_pattern()),
    }))
}

/// A choice in a query's filter: one of `values`, spaces around it ignored, blank for any
/// (the pages' forms send a blank filter for "all").
fn filter_choice<'a>(values: impl IntoIterator<Item = &'a str>) -> Object {
    let values: Vec<&str> = values.into_iter().collect();
    from_json(json!({
        "type": "string",
        "pattern": format!("^[\\t\\n\\r ]*(?:{})?[\\t\\n\\r ]*$", values.join("|")),
    }))
}

/// An organisation kind to filter by.
pub fn org_kind_filter() -> Object {
    filter_choice(standort_domain::OrgKind::ALL.iter().map(|k| k.as_str()))
}

pub fn cluster_filter() -> Object {
    use standort_domain::network::Cluster;
    filter_choice(Cluster::ALL.iter().map(|c| c.as_str()))
}

pub fn project_stage_filter() -> Object {
    use standort_domain::network::ProjectStage;
    filter_choice(ProjectStage::ALL.iter().map(|c| c.as_str()))
}

/// The requests list's state filter (`app::recruitment::IntroductionQuery`): a state, or
/// `answered` for both answers; blank for all.
pub fn introduction_state_filter() -> Object {
    filter_choice(["open", "answered", "accepted", "declined"])
}

/// Staff's decision on an introduction request.
pub fn introduction_decision() -> Object {
    choice(["accept", "decline"], false)
}

/// A line of text to search for, at most 200 characters.
pub fn search_text() -> Object {
    from_json(json!({ "type": "string", "maxLength": 200, "pattern": line_pattern() }))
}

/// A country code from the list to filter by; blank for any.
/// The kinds of notification (`NotificationKind::ALL`): what the server accepts, not a free text.
pub fn notification_kind() -> Object {
    choice(
        standort_app::notifications::NotificationKind::ALL
            .iter()
            .map(|k| k.as_str()),
        false,
    )
}

/// How a kind of notification reaches a person (`Delivery::ALL`).
pub fn notification_delivery() -> Object {
    choice(
        standort_app::notifications::Delivery::ALL
            .iter()
            .map(|d| d.as_str()),
        false,
    )
}

pub fn country_filter() -> Object {
    choice(standort_domain::iso::country_codes().chain([""]), false)
}

/// Language codes (ISO 639, lower case), at most 25; null for none.
pub fn optional_language_codes() -> Schema {
    any_schema(json!({
        "type": ["array", "null"],
        "maxItems": 25,
        "items": { "type": "string", "pattern": "^[a-z]{2,3}$" },
    }))
}

/// The parties of an agreement: at least two different organisations.
pub fn parties() -> Schema {
    any_schema(json!({
        "type": "array",
        "minItems": 2,
        "uniqueItems": true,
        "items": { "type": "integer", "format": "int64" },
    }))
}

/// The agency's clusters an organisation belongs to (a cluster named twice counts once).
pub fn clusters() -> Schema {
    use standort_domain::network::Cluster;
    let names: Vec<&str> = Cluster::ALL.iter().map(|c| c.as_str()).collect();
    any_schema(json!({
        "type": "array",
        "items": { "type": "string", "enum": names },
    }))
}

/// NACE Rev. 2 / WZ 2008 sections, `A` … `U` (a section named twice counts once).
pub fn nace_sections() -> Schema {
    let letters: Vec<String> = standort_domain::network::nace_sections()
        .iter()
        .map(char::to_string)
        .collect();
    any_schema(json!({
        "type": "array",
        "items": { "type": "string", "enum": letters },
    }))
}

/// The transport mode whose lead time the reorder suggestions use; blank for `air`.
pub fn transport_mode_filter() -> Object {
    use standort_app::procurement::TransportMode;
    filter_choice(TransportMode::ALL.iter().map(|m| m.as_str()))
}

/// A whole number of units from `MIN` up to the largest quantity a clinic records.
pub fn quantity<const MIN: i64>() -> Object {
    from_json(json!({
        "type": "integer",
        "format": "int64",
        "minimum": MIN,
        "maximum": standort_app::procurement::MAX_QUANTITY,
    }))
}

/// As [`quantity`], or null/left out.
pub fn optional_quantity<const MIN: i64>() -> Object {
    from_json(json!({
        "type": ["integer", "null"],
        "format": "int64",
        "minimum": MIN,
        "maximum": standort_app::procurement::MAX_QUANTITY,
    }))
}

/// A scanned GS1 element string (`standort_procurement::gs1`): it may hold the group
/// separator U+001D, so no character pattern; the server reads and checks it.
pub fn optional_gs1() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "maxLength": 500,
    }))
}

/// A catalogue item's code: letters, digits, `-` and `_`, at most 30 (stored in upper case).
pub fn item_code() -> Object {
    from_json(json!({
        "type": "string",
        "pattern": "^[\\t ]*[A-Za-z0-9_-]{1,30}[\\t ]*$",
    }))
}

pub fn item_category() -> Object {
    choice(standort_app::procurement::CATEGORIES, false)
}

/// A GTIN-8, -12, -13 or -14 (its check digit is verified by the server); blank or null for none.
pub fn optional_gtin() -> Object {
    from_json(json!({
        "type": ["string", "null"],
        "pattern": "^[\\t ]*(?:[0-9]{8}|[0-9]{12,14})?[\\t ]*$",
    }))
}

pub fn movement_kind() -> Object {
    choice(standort_store::procurement::KINDS, false)
}

/// Left out: `air`.
pub fn optional_transport_mode() -> Object {
    use standort_app::procurement::TransportMode;
    choice(TransportMode::ALL.iter().map(|m| m.as_str()), true)
}

/// The next state of a pooled order.
pub fn order_step() -> Object {
    choice(["ordered", "delivered"], false)
}

/// Left out: `donation`.
pub fn optional_allocation_source() -> Object {
    choice(["donation", "shipment"], true)
}

/// Left out: `equalise_days`.
pub fn optional_allocation_rule() -> Object {
    use standort_app::procurement::Rule;
    choice(Rule::ALL.iter().map(|r| r.as_str()), true)
}

/// What a network contact consents to: `newsletter` or `contact`.
pub fn contact_consent_purpose() -> Object {
    choice(["newsletter", "contact"], false)
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
