//! The audit log page: each entry as a sentence in the reader's language ("Jens Hartmann
//! erfasste »Visum erteilt« für Vermittlung 4"), linked to its record, with the raw before and
//! after behind a disclosure; filters by person, record (kind and number), action and period
//! with pickers; the list kit's order, pages and downloads.
//!
//! Erasure: the log is append-only and must not bring back personal data that erasure removed,
//! so a record is named by its kind and number only — never looked up — and the actor by the
//! account's current name only for staff and partners (see `AuditEntry::actor_name`).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use standort_app::export::Value;
use standort_app::policy::{Permission, allows};
use standort_domain::{Role, UserId, ValidationError};
use standort_store::audit::{AuditEntry, AuditFilter, AuditSort, COUNT_CAP};
use standort_store::users::User;

use super::super::list::{ListState, ListView, download};
use super::super::{Layout, Pager, form, render};
use crate::AppState;
use crate::context::UserCtx;
use crate::error::PageError;
use crate::i18n::Tr;

/// Every action the application writes to the log (`NewAuditEntry::action`), each with an
/// `audit-action-<code>` label (the filter) and an `audit-do-<code>` sentence in `admin.ftl`.
/// An action missing here still shows, in a general sentence; it cannot be picked.
pub(crate) const ACTIONS: &[&str] = &[
    "accept",
    "add_affiliation",
    "add_item",
    "add_lead",
    "add_name",
    "add_obligation",
    "add_participant",
    "change_password",
    "complete_obligation",
    "consent",
    "consent_given",
    "consent_withdrawn",
    "create",
    "delete",
    "erase",
    "erasure_rejected",
    "erasure_requested",
    "export",
    "import",
    "invite",
    "link",
    "list",
    "login",
    "login_failed",
    "logout",
    "merge",
    "merged_into",
    "notification_preference",
    "outcome",
    "propose",
    "publish",
    "read",
    "reject",
    "request_reset",
    "reset_password",
    "revoke",
    "send",
    "send_failed",
    "set_state",
    "stage",
    "update",
];

/// Every kind of record the log names (`NewAuditEntry::entity`), each with an
/// `audit-kind-<kind>` noun in `admin.ftl`.
pub(crate) const KINDS: &[&str] = &[
    "allocation",
    "api_token",
    "calendar_feed",
    "candidate",
    "candidate_consent",
    "candidate_document",
    "candidate_document_request",
    "candidate_languages",
    "candidate_occupations",
    "candidate_qualification",
    "candidate_skills",
    "census",
    "demography",
    "demography_assumptions",
    "demography_capacity",
    "demography_run",
    "esco_local_label",
    "invitation",
    "mail",
    "network_agreement",
    "network_approach",
    "network_contact",
    "network_fair",
    "network_partner_scope",
    "network_project",
    "network_trip",
    "organisation",
    "placement",
    "placement_checklist",
    "placement_cost",
    "placement_event",
    "placement_track",
    "pooled_order",
    "pooled_order_line",
    "position",
    "position_skills",
    "procurement_item",
    "programme",
    "showcase_entry",
    "stock_movement",
    "user",
];

/// The page of a record, where it has one and `role` may open it (a link to a page that answers
/// 404 for lack of permission would be a dead end): the kinds whose number is the number of a
/// record with a page (a placement's step carries the placement's number). A record that is
/// gone since answers 404 there; nothing of it is printed here. Entries of a record merged into
/// another or erased name one that is known to be gone: no link.
pub(crate) fn record_link(role: Role, action: &str, kind: &str, id: &str) -> Option<String> {
    use Permission::*;
    if matches!(action, "merged_into" | "erase") {
        return None;
    }
    let id: i64 = id.parse().ok().filter(|n| *n > 0)?;
    let (base, needs) = match kind {
        "placement" | "placement_event" | "placement_cost" | "placement_track" => {
            ("/placements", ReadPlacements)
        }
        "candidate"
        | "candidate_consent"
        | "candidate_document"
        | "candidate_document_request"
        | "candidate_languages"
        | "candidate_occupations"
        | "candidate_skills" => ("/recruitment/candidates", ManageCandidates),
        // Added under the candidate's number, removed under the qualification's.
        "candidate_qualification" if action == "create" => {
            ("/recruitment/candidates", ManageCandidates)
        }
        "position" | "position_skills" => ("/recruitment/positions", ReadPositions),
        "organisation" => ("/organisations", ReadOrganisations),
        "programme" => ("/programmes", ReadProgrammes),
        "user" if allows(role, ManageAccounts) => return Some(format!("/admin/users/{id}/edit")),
        "network_contact" => ("/network/contacts", ManageNetworkContacts),
        "network_fair" => ("/network/fairs", ReadNetwork),
        "network_trip" => ("/network/trips", ReadNetwork),
        "network_agreement" => ("/network/agreements", ReadNetwork),
        "network_partner_scope" => ("/network/partners", ManagePartnerScopes),
        "allocation" => ("/procurement/allocations", ReadProcurement),
        "pooled_order" | "pooled_order_line" => ("/procurement/orders", ReadProcurement),
        "showcase_entry" => ("/showcase/entries", ReviewShowcase),
        _ => return None,
    };
    allows(role, needs).then(|| format!("{base}/{id}"))
}

/// Who acted, in words: the account's current name (staff and partners), the system under its
/// name, a candidate account by its number, else the label the entry was written with.
pub(crate) fn who(tr: &Tr, e: &AuditEntry) -> String {
    if let Some(name) = e.actor_name.as_deref().filter(|n| !n.trim().is_empty()) {
        return name.to_owned();
    }
    let label = e.actor_label.as_str();
    if label == "system" || label.is_empty() {
        tr.t("audit-who-system")
    } else if label == "system (command line)" {
        tr.t("audit-who-cli")
    } else if label == "system:retention" {
        tr.t("audit-who-retention")
    } else if label.starts_with("system") {
        tr.t("audit-who-system")
    } else if let Some(n) = label.strip_prefix("candidate-account:") {
        tr.ts("audit-who-candidate", "id", n)
    } else {
        label.to_owned()
    }
}

/// The kind of a record as a noun (`Vermittlung`); an unknown kind is named as written.
fn kind_noun(tr: &Tr, kind: &str) -> String {
    let key = format!("audit-kind-{kind}");
    if tr.has(&key) {
        tr.t(key)
    } else {
        tr.ts("audit-kind-other", "kind", kind)
    }
}

/// The record in words: its kind and number (`Vermittlung 4`), a census by its day, several
/// records of a kind (a list read) by the list's name. Never looked up: see the module's note.
pub(crate) fn record(tr: &Tr, e: &AuditEntry) -> String {
    let kind = kind_noun(tr, &e.entity);
    if e.entity_id.is_empty() || e.entity == "demography" {
        let key = format!("audit-kinds-{}", e.entity);
        return if tr.has(&key) {
            tr.t(key)
        } else {
            tr.ts("audit-record-several", "kind", &kind)
        };
    }
    let id = match (e.entity.as_str(), e.entity_id.parse::<i64>()) {
        ("census", Ok(day)) => tr.date(day),
        _ => e.entity_id.clone(),
    };
    tr.ts2("audit-record", "kind", &kind, "id", &id)
}

/// A detail worth a word: the step recorded, the track whose owner changed, a stage before and
/// after — each only where a translation names it (never a raw code in the sentence).
fn detail(tr: &Tr, e: &AuditEntry) -> Option<String> {
    let after = e.after.as_ref()?;
    let named = |prefix: &str, code: &serde_json::Value| {
        let key = format!("{prefix}{}", code.as_str()?);
        tr.has(&key).then(|| tr.t(key))
    };
    match (e.action.as_str(), e.entity.as_str()) {
        ("create", "placement_event") => named("event-", &after["event"]["kind"]),
        ("update", "placement_track") => named("track-", &after["track"]),
        ("stage", "network_project") => {
            let before = e.before.as_ref()?;
            let from = named("network-stage-", &before["stage"])?;
            let to = named("network-stage-", &after["stage"])?;
            Some(tr.ts2("audit-from-to", "from", &from, "to", &to))
        }
        _ => None,
    }
}

/// The entry as a sentence: `audit-do-<action>-<kind>` where a kind needs its own words (with
/// a detail), else `audit-do-<action>`, else a general sentence naming the action as written.
pub(crate) fn sentence(tr: &Tr, e: &AuditEntry) -> String {
    let who = who(tr, e);
    let record = record(tr, e);
    let kind = kind_noun(tr, &e.entity);
    let args = |detail| {
        [
            ("who", who.as_str()),
            ("record", record.as_str()),
            ("kind", kind.as_str()),
            ("id", e.entity_id.as_str()),
            ("detail", detail),
            ("action", e.action.as_str()),
        ]
    };
    if let Some(d) = detail(tr, e) {
        let key = format!("audit-do-{}-{}", e.action, e.entity);
        if tr.has(&key) {
            return tr.targs(&key, &args(d.as_str()));
        }
    }
    let key = format!("audit-do-{}", e.action);
    if tr.has(&key) {
        tr.targs(&key, &args(""))
    } else {
        tr.targs("audit-do-other", &args(""))
    }
}

/// The raw change (before → after), for those who need the values.
fn change(e: &AuditEntry) -> String {
    match (&e.before, &e.after) {
        (None, None) => String::new(),
        (Some(b), None) => b.to_string(),
        (None, Some(a)) => a.to_string(),
        (Some(b), Some(a)) => format!("{b} → {a}"),
    }
}

/// One entry as the page shows it.
struct Line<'a> {
    entry: &'a AuditEntry,
    who: String,
    sentence: String,
    record: String,
    link: Option<String>,
    change: String,
}

/// One option of a picker.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage<'a> {
    page: &'a Layout,
    lines: Vec<Line<'a>>,
    pager: Pager,
    list: ListView,
    people: Vec<Choice>,
    actions: Vec<Choice>,
    kinds: Vec<Choice>,
    who: &'a str,
    entity_id: &'a str,
    from: &'a str,
    to: &'a str,
}

/// The audit log's filters (query parameters besides `sort`, `dir`, the page): `actor` (an
/// account's number, picked from the people `who` finds), `entity` and `entity_id` (the
/// record), `action`, and `from`/`to` (days, `YYYY-MM-DD`, both included). `who` only narrows
/// the person picker.
const AUDIT_FILTERS: &[&str] = &[
    "actor",
    "who",
    "entity",
    "entity_id",
    "action",
    "from",
    "to",
];

const AUDIT_COLUMNS: &[(&str, Option<AuditSort>)] = &[
    ("audit-when", Some(AuditSort::When)),
    ("audit-who", None),
    ("audit-what", None),
    ("audit-entity", None),
    ("audit-change", None),
];

/// The download's columns: the page's, and the raw codes for those who sort and count them.
const DOWNLOAD_COLUMNS: &[&str] = &[
    "audit-when",
    "audit-who",
    "audit-what",
    "audit-account",
    "audit-action",
    "audit-filter-entity",
    "audit-filter-entity-id",
    "audit-change",
];

/// The filter's choices from a catalogue, labelled in words and in the reader's alphabetical
/// order; the selected code is one of them (the caller refused any other).
fn choices(tr: &Tr, codes: &[&str], prefix: &str, selected: &str) -> Vec<Choice> {
    let mut out: Vec<Choice> = codes
        .iter()
        .map(|c| Choice {
            value: (*c).to_owned(),
            label: tr.t(format!("{prefix}{c}")),
            selected: *c == selected,
        })
        .collect();
    out.sort_by_key(|c| c.label.to_lowercase());
    out
}

fn person_choices(tr: &Tr, people: &[User], selected: Option<UserId>) -> Vec<Choice> {
    let mut out: Vec<Choice> = people
        .iter()
        .map(|u| Choice {
            value: u.id.0.to_string(),
            label: format!("{} ({}, {})", u.display_name, u.email, tr.role(&u.role)),
            selected: Some(u.id) == selected,
        })
        .collect();
    // An account that is gone is still filtered by: shown by its number alone.
    if let Some(id) = selected
        && !out.iter().any(|c| c.selected)
    {
        out.insert(
            0,
            Choice {
                value: id.0.to_string(),
                label: tr.ts("audit-who-account", "id", &id.0.to_string()),
                selected: true,
            },
        );
    }
    out
}

/// A filter that must be one of `codes` (what the picker offers).
fn code_filter(
    st: &ListState<AuditSort>,
    key: &'static str,
    codes: &[&str],
) -> Result<Option<String>, ValidationError> {
    match st.filter(key).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if codes.contains(&v) => Ok(Some(v.to_owned())),
        Some(_) => Err(ValidationError::new(key, "invalid-choice")),
    }
}

/// A filter that must be a record's or account's number.
fn number_filter(
    st: &ListState<AuditSort>,
    key: &'static str,
) -> Result<Option<i64>, ValidationError> {
    match st.filter(key).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| *n > 0)
            .map(Some)
            .ok_or(ValidationError::new(key, "invalid-record-id")),
    }
}

struct Parsed {
    filter: AuditFilter,
    actor: Option<UserId>,
}

fn parse_filter(st: &ListState<AuditSort>) -> Result<Parsed, ValidationError> {
    let day = |key: &'static str| {
        standort_domain::date::parse_date(key, &st.filter(key).map(str::to_owned))
    };
    let from = day("from")?;
    let to = day("to")?.map(|t| t + 86_399);
    let actor = number_filter(st, "actor")?.map(UserId);
    Ok(Parsed {
        filter: AuditFilter {
            actor,
            action: code_filter(st, "action", ACTIONS)?,
            entity: code_filter(st, "entity", KINDS)?,
            entity_id: number_filter(st, "entity_id")?.map(|n| n.to_string()),
            from,
            to,
            order: st.order,
        },
        actor,
    })
}

pub async fn audit(
    State(state): State<AppState>,
    UserCtx { ctx, actor }: UserCtx,
    RawQuery(raw): RawQuery,
) -> Response {
    let p = form::pairs(raw.as_deref());
    let st = match ListState::<AuditSort>::parse("/admin/audit", &p, AUDIT_FILTERS) {
        Ok(st) => st,
        Err(refused) => return PageError::new(refused, &ctx).into_response(),
    };
    let Parsed { filter, actor: who } = match parse_filter(&st) {
        Ok(parsed) => parsed,
        Err(e) => return form::fail(e.into(), &ctx),
    };
    let page = match state.app.browse_audit_log(&actor, &filter, st.rows()).await {
        Ok(page) => page,
        Err(e) => return PageError::new(e.into(), &ctx).into_response(),
    };
    let tr = &ctx.tr;
    let lines: Vec<Line> = page
        .items
        .iter()
        .map(|e| Line {
            entry: e,
            who: self::who(tr, e),
            sentence: sentence(tr, e),
            record: record(tr, e),
            link: record_link(actor.role(), &e.action, &e.entity, &e.entity_id),
            change: change(e),
        })
        .collect();
    if let Some(format) = st.format {
        let rows = lines
            .iter()
            .map(|l| {
                vec![
                    crate::pages::list::datetime_cell(tr, l.entry.at),
                    Value::from(l.who.as_str()),
                    Value::from(l.sentence.as_str()),
                    Value::from(l.entry.actor_label.as_str()),
                    Value::from(l.entry.action.as_str()),
                    Value::from(l.entry.entity.as_str()),
                    Value::from(l.entry.entity_id.as_str()),
                    Value::from(l.change.as_str()),
                ]
            })
            .collect();
        return download(&ctx, format, "audit-log", DOWNLOAD_COLUMNS, rows);
    }
    let search = st.filter("who").unwrap_or("");
    let people = match state
        .app
        .audit_people(&actor, Some(search).filter(|s| !s.is_empty()), who)
        .await
    {
        Ok(people) => people,
        Err(e) => return PageError::new(e.into(), &ctx).into_response(),
    };
    let layout = crate::pages::Layout::new(&ctx, "audit-title");
    let view = AuditPage {
        page: &layout,
        lines,
        pager: Pager::counted_up_to(
            tr,
            &page,
            &st.base(),
            COUNT_CAP.max(page.offset.saturating_add(page.limit)),
        ),
        list: st.view(tr, AUDIT_COLUMNS),
        people: person_choices(tr, &people, who),
        actions: choices(
            tr,
            ACTIONS,
            "audit-action-",
            filter.action.as_deref().unwrap_or(""),
        ),
        kinds: choices(
            tr,
            KINDS,
            "audit-kind-",
            filter.entity.as_deref().unwrap_or(""),
        ),
        who: search,
        entity_id: st.filter("entity_id").unwrap_or(""),
        from: st.filter("from").unwrap_or(""),
        to: st.filter("to").unwrap_or(""),
    };
    render(&view)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Catalog;
    use standort_domain::Language;
    use std::sync::Arc;

    fn entry(action: &str, entity: &str, id: &str) -> AuditEntry {
        AuditEntry {
            id: 1,
            at: 0,
            actor_user_id: Some(3),
            actor_label: "jens@example.org".into(),
            action: action.into(),
            entity: entity.into(),
            entity_id: id.into(),
            org_id: None,
            before: None,
            after: None,
            client_ip: None,
            actor_name: Some("Jens Hartmann".into()),
        }
    }

    /// Every action and kind of the catalogue has its words in every language, so no entry
    /// falls back to the general sentence for lack of a translation.
    #[test]
    fn every_action_and_kind_has_words_in_every_language() {
        let catalog = Arc::new(Catalog::load());
        let mut missing = Vec::new();
        for lang in Language::ALL {
            let tr = Tr::new(catalog.clone(), lang, crate::format::TimeZone::DEFAULT);
            for a in ACTIONS {
                for key in [format!("audit-action-{a}"), format!("audit-do-{a}")] {
                    if !tr.has(&key) {
                        missing.push(format!("{}: {key}", lang.code()));
                    }
                }
            }
            for k in KINDS {
                let key = format!("audit-kind-{k}");
                if !tr.has(&key) {
                    missing.push(format!("{}: {key}", lang.code()));
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn entries_read_as_sentences_and_unknown_codes_fall_back() {
        let catalog = Arc::new(Catalog::load());
        let de = Tr::new(
            catalog.clone(),
            Language::De,
            crate::format::TimeZone::DEFAULT,
        );
        let en = Tr::new(catalog, Language::En, crate::format::TimeZone::DEFAULT);
        let mut step = entry("create", "placement_event", "4");
        step.after =
            Some(serde_json::json!({"event": {"kind": "visa_granted"}, "day": "2026-01-02"}));
        assert_eq!(
            sentence(&de, &step),
            "Jens Hartmann erfasste »Visum erteilt« für Vermittlung 4."
        );
        assert_eq!(
            sentence(&en, &step),
            "Jens Hartmann recorded “Visa granted” for placement 4."
        );
        // A step whose kind has no words: the general sentence, no code.
        step.after = Some(serde_json::json!({"event": {"kind": "zzz"}}));
        assert!(!sentence(&de, &step).contains("zzz"));
        // An action and a kind nobody translated: readable, no key, no panic.
        let odd = entry("frobnicate", "widget", "9");
        let s = sentence(&de, &odd);
        assert!(!s.contains("audit-"), "{s}");
        assert!(s.contains("Jens Hartmann") && s.contains("frobnicate") && s.contains('9'));
        // The system and candidate accounts, never a name looked up.
        let mut sys = entry("send", "mail", "5");
        sys.actor_name = None;
        sys.actor_label = "system".into();
        assert_eq!(sentence(&en, &sys), "The system sent e-mail 5.");
        let mut cand = entry("update", "candidate", "12");
        cand.actor_name = None;
        cand.actor_label = "candidate-account:77".into();
        assert!(
            sentence(&de, &cand).contains("77"),
            "{}",
            sentence(&de, &cand)
        );
        // A list read names the list.
        assert!(!sentence(&de, &entry("list", "placement", "")).contains("audit-"));
    }

    #[test]
    fn records_link_to_the_pages_their_reader_may_open() {
        let staff = Role::AgencyStaff;
        assert_eq!(
            record_link(staff, "create", "placement_event", "4").as_deref(),
            Some("/placements/4")
        );
        assert_eq!(
            record_link(staff, "read", "candidate", "12").as_deref(),
            Some("/recruitment/candidates/12")
        );
        let admin = Role::Administrator;
        assert_eq!(
            record_link(admin, "update", "user", "3").as_deref(),
            Some("/admin/users/3/edit")
        );
        assert_eq!(
            record_link(admin, "update", "organisation", "5").as_deref(),
            Some("/organisations/5")
        );
        // Pages the reader cannot open, records known to be gone, no single record.
        assert_eq!(record_link(admin, "create", "placement", "4"), None);
        assert_eq!(record_link(staff, "update", "user", "3"), None);
        assert_eq!(record_link(staff, "merged_into", "organisation", "5"), None);
        assert_eq!(
            record_link(staff, "delete", "candidate_qualification", "8"),
            None
        );
        assert_eq!(record_link(staff, "list", "placement", ""), None);
        assert_eq!(record_link(admin, "import", "demography", "import"), None);
    }
}
