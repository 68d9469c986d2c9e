//! vCard (RFC 6350) for the network's contacts: writing a contact as vCard 4.0, and reading
//! the cards of a file (3.0 or 4.0, one or many) as Outlook, Apple Contacts, Google Contacts
//! and Thunderbird write them. No IO; the use cases are in `cards`.
//!
//! The content lines (unfolding, quoted-printable and `CHARSET` of 3.0, escaping, groups such as
//! Apple's `item1.`) are `calcard`'s. This file adds what a person needs when a file is
//! refused: the number of the card and the line in the file, which `calcard` does not keep —
//! so the file is first cut into cards here, by physical line, and each card is read alone.

use calcard::Entry;
use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardProperty, VCardType, VCardValue,
    VCardVersion,
};

/// A contact as written to a card.
#[derive(Debug, Clone, Default)]
pub struct CardOut {
    /// A URI that stays the same for the record (the contact's page).
    pub uid: String,
    pub family_name: String,
    pub given_names: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub languages: Vec<String>,
    /// (organisation, role title), current positions first.
    pub orgs: Vec<(String, String)>,
}

/// Whether a name is written in a script that puts the family name first without a space
/// (Han, kana, Hangul): `山田太郎`, not `太郎 山田`.
fn east_asian(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32,
            0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
    })
}

/// The formatted name (FN) in the order of the name's own script.
pub fn formatted_name(family: &str, given: &str) -> String {
    if east_asian(family) {
        format!("{family}{given}")
    } else {
        [given, family]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn text(name: VCardProperty, value: &str) -> VCardEntry {
    VCardEntry::new(name).with_value(value.to_owned())
}

/// One contact as a vCard 4.0 (CRLF lines folded after 75 octets, text escaped, UTF-8).
pub fn write_card(c: &CardOut, out: &mut String) {
    let mut card = VCard::default();
    card.entries
        .push(text(VCardProperty::Prodid, "-//Standort//Network//EN"));
    card.entries.push(
        VCardEntry::new(VCardProperty::Kind).with_value(calcard::vcard::VCardKind::Individual),
    );
    card.entries.push(text(VCardProperty::Uid, &c.uid));
    card.entries.push(text(
        VCardProperty::Fn,
        &formatted_name(&c.family_name, &c.given_names),
    ));
    card.entries
        .push(VCardEntry::new(VCardProperty::N).with_values(vec![
            VCardValue::Text(c.family_name.clone()),
            VCardValue::Text(c.given_names.clone()),
            VCardValue::Text(String::new()),
            VCardValue::Text(String::new()),
            VCardValue::Text(String::new()),
        ]));
    // Each position as ORG and TITLE of one group, so a reader can pair them again.
    for (n, (org, title)) in c.orgs.iter().enumerate() {
        let group = Some(format!("org{}", n + 1));
        let mut o = text(VCardProperty::Org, org).with_group(group.clone());
        if n == 0 {
            o = o.with_param(VCardParameter::pref(1u32));
        }
        card.entries.push(o);
        if !title.is_empty() {
            card.entries
                .push(text(VCardProperty::Title, title).with_group(group));
        }
    }
    if let Some(e) = &c.email {
        card.entries
            .push(text(VCardProperty::Email, e).with_param(VCardParameter::typ(VCardType::Work)));
    }
    if let Some(p) = &c.phone {
        card.entries.push(
            text(VCardProperty::Tel, p)
                .with_param(VCardParameter::value(calcard::vcard::VCardValueType::Text))
                .with_param(VCardParameter::typ(VCardType::Work))
                .with_param(VCardParameter::typ(VCardType::Voice)),
        );
    }
    for (n, l) in c.languages.iter().enumerate() {
        card.entries
            .push(text(VCardProperty::Lang, l).with_param(VCardParameter::pref(n as u32 + 1)));
    }
    // `write_to` only fails when the `fmt::Write` does; a String never does.
    let _ = card.write_to(out, VCardVersion::V4_0);
}

/// What a card says about a person, before the use case checks it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CardIn {
    /// 1-based position of the card in the file.
    pub number: usize,
    /// The line of its `BEGIN:VCARD`.
    pub line: usize,
    pub family_name: String,
    pub given_names: String,
    /// The e-mail address and its line.
    pub email: Option<(String, usize)>,
    pub phone: Option<(String, usize)>,
    /// Primary language subtags (`de`, `vi`, `ja`).
    pub languages: Vec<String>,
    /// (organisation, role title) in the card's order.
    pub orgs: Vec<(String, String)>,
    /// The line of the name (N, else FN, else BEGIN) for a refusal.
    pub name_line: usize,
}

/// Why a file was refused: the card, the line in the file, and a code (`vcard-…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardError {
    pub card: usize,
    pub line: usize,
    pub code: &'static str,
}

/// One card's lines: (line number, text without line break).
struct Raw<'a> {
    number: usize,
    begin: usize,
    lines: Vec<(usize, &'a str)>,
}

/// The cards of a file, each with its number and lines; anything outside a card but blank
/// lines refuses the file.
fn split(file: &str) -> Result<Vec<Raw<'_>>, CardError> {
    let mut cards = Vec::new();
    let mut current: Option<Raw> = None;
    let file = file.strip_prefix('\u{feff}').unwrap_or(file);
    for (i, l) in file.split('\n').enumerate() {
        let n = i + 1;
        let l = l.strip_suffix('\r').unwrap_or(l);
        let upper = l.trim_end().to_ascii_uppercase();
        match current.as_mut() {
            None => {
                if upper == "BEGIN:VCARD" {
                    current = Some(Raw {
                        number: cards.len() + 1,
                        begin: n,
                        lines: vec![(n, l)],
                    });
                } else if !l.trim().is_empty() {
                    return Err(CardError {
                        card: cards.len() + 1,
                        line: n,
                        code: "vcard-outside-card",
                    });
                }
            }
            Some(card) => {
                if upper == "BEGIN:VCARD" {
                    return Err(CardError {
                        card: card.number,
                        line: card.begin,
                        code: "vcard-not-ended",
                    });
                }
                card.lines.push((n, l));
                if upper == "END:VCARD" {
                    cards.extend(current.take());
                }
            }
        }
    }
    if let Some(card) = current {
        return Err(CardError {
            card: card.number,
            line: card.begin,
            code: "vcard-not-ended",
        });
    }
    if cards.is_empty() {
        return Err(CardError {
            card: 1,
            line: 1,
            code: "vcard-no-card",
        });
    }
    Ok(cards)
}

/// The property names of a card with the line each starts on (folded continuations start with
/// a space or tab; a quoted-printable value ending in `=` continues on the next line), and
/// the first line that is no property at all.
fn property_lines(raw: &Raw) -> Result<Vec<(String, Option<String>, usize)>, usize> {
    let mut props = Vec::new();
    let mut soft_break = false;
    for &(n, l) in &raw.lines {
        let continued = l.starts_with([' ', '\t']) || soft_break;
        if continued {
            soft_break = soft_break && l.ends_with('=');
            continue;
        }
        if l.trim().is_empty() {
            continue;
        }
        let Some(colon) = l.find(':') else {
            return Err(n);
        };
        let head = &l[..colon];
        let name_part = head.split(';').next().unwrap_or("");
        let (group, name) = match name_part.rsplit_once('.') {
            Some((g, name)) => (Some(g.to_owned()), name),
            None => (None, name_part),
        };
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(n);
        }
        let qp = head.to_ascii_uppercase().contains("QUOTED-PRINTABLE");
        soft_break = qp && l.ends_with('=');
        props.push((name.to_ascii_uppercase(), group, n));
    }
    Ok(props)
}

fn value_text(v: &VCardValue) -> String {
    match v {
        VCardValue::Text(s) => s.clone(),
        VCardValue::Component(parts) => parts.join(" "),
        VCardValue::Binary(d) => String::from_utf8_lossy(&d.data).into_owned(),
        _ => String::new(),
    }
}

fn first_text(e: &VCardEntry) -> String {
    e.values.first().map(value_text).unwrap_or_default()
}

/// Whether an entry is marked preferred: `PREF=1` (4.0) or `TYPE=pref` (3.0).
fn preferred(e: &VCardEntry) -> bool {
    e.params.iter().any(|p| match (&p.name, &p.value) {
        (VCardParameterName::Pref, calcard::vcard::VCardParameterValue::Integer(1)) => true,
        (VCardParameterName::Type, calcard::vcard::VCardParameterValue::Text(t)) => {
            t.eq_ignore_ascii_case("pref")
        }
        _ => false,
    })
}

/// The first preferred entry of a property, else the first.
fn pick<'a>(card: &'a VCard, prop: &VCardProperty) -> Option<&'a VCardEntry> {
    let mut all = card.entries.iter().filter(|e| &e.name == prop);
    let first = all.clone().next();
    all.find(|e| preferred(e)).or(first)
}

/// The line of the n-th property of that name (and group) in the card.
fn line_of(
    props: &[(String, Option<String>, usize)],
    name: &str,
    group: Option<&str>,
    fallback: usize,
) -> usize {
    props
        .iter()
        .find(|(n, g, _)| n == name && (group.is_none() || g.as_deref() == group))
        .map(|p| p.2)
        .unwrap_or(fallback)
}

/// Reads every card of a file. One card that cannot be read refuses the file: the error names
/// the card and its line. What the contact model does not hold is ignored (PHOTO, ADR, NOTE,
/// BDAY, URL, X- properties and the like).
pub fn read_cards(file: &str) -> Result<Vec<CardIn>, CardError> {
    let mut out = Vec::new();
    for raw in split(file)? {
        let fail = |line: usize, code: &'static str| CardError {
            card: raw.number,
            line,
            code,
        };
        let props = property_lines(&raw).map_err(|line| fail(line, "vcard-invalid-line"))?;
        let version = props
            .iter()
            .position(|(n, _, _)| n == "VERSION")
            .map(|i| props[i].2);
        let Some(version_line) = version else {
            return Err(fail(raw.begin, "vcard-no-version"));
        };
        let version_value = raw
            .lines
            .iter()
            .find(|(n, _)| *n == version_line)
            .and_then(|(_, l)| l.split_once(':'))
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default();
        if version_value != "3.0" && version_value != "4.0" {
            return Err(fail(version_line, "vcard-unsupported-version"));
        }
        let text: String = raw.lines.iter().map(|(_, l)| format!("{l}\r\n")).collect();
        let card = match calcard::Parser::new(&text).strict().entry() {
            Entry::VCard(card) => card,
            Entry::InvalidLine(bad) => {
                let line = raw
                    .lines
                    .iter()
                    .find(|(_, l)| !bad.is_empty() && l.contains(bad.trim()))
                    .map(|(n, _)| *n)
                    .unwrap_or(raw.begin);
                return Err(fail(line, "vcard-invalid-line"));
            }
            _ => return Err(fail(raw.begin, "vcard-unreadable")),
        };
        let mut c = CardIn {
            number: raw.number,
            line: raw.begin,
            name_line: raw.begin,
            ..CardIn::default()
        };
        if let Some(n) = pick(&card, &VCardProperty::N) {
            let part = |i: usize| n.values.get(i).map(value_text).unwrap_or_default();
            c.family_name = part(0).trim().to_owned();
            c.given_names = [part(1), part(2)]
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            c.name_line = line_of(&props, "N", None, raw.begin);
        }
        if (c.family_name.is_empty() || c.given_names.is_empty())
            && let Some(f) = pick(&card, &VCardProperty::Fn)
        {
            // Only a formatted name: its last word is taken as the family name, or its first
            // character in East Asian scripts written without spaces.
            let full = first_text(f).trim().to_owned();
            c.name_line = line_of(&props, "FN", None, raw.begin);
            if c.family_name.is_empty() && c.given_names.is_empty() {
                if let Some((given, family)) = full.rsplit_once(char::is_whitespace) {
                    c.given_names = given.trim().to_owned();
                    c.family_name = family.trim().to_owned();
                } else if east_asian(&full) && full.chars().count() > 1 {
                    let first = full.chars().next().map(String::from).unwrap_or_default();
                    c.given_names = full[first.len()..].to_owned();
                    c.family_name = first;
                }
            }
        }
        if c.family_name.is_empty() || c.given_names.is_empty() {
            return Err(fail(c.name_line, "vcard-no-name"));
        }
        if let Some(e) = pick(&card, &VCardProperty::Email) {
            let group = e.group.as_deref();
            let v = first_text(e);
            let v = v.trim();
            let v = v.strip_prefix("mailto:").unwrap_or(v);
            if !v.is_empty() {
                c.email = Some((v.to_owned(), line_of(&props, "EMAIL", group, raw.begin)));
            }
        }
        if let Some(t) = pick(&card, &VCardProperty::Tel) {
            let group = t.group.as_deref();
            let v = first_text(t);
            let v = v.trim();
            let v = v.strip_prefix("tel:").unwrap_or(v);
            // A `tel:` URI's parameters (`;ext=12`) are no part of the number we keep.
            let v = v.split(';').next().unwrap_or("").replace('.', " ");
            if !v.trim().is_empty() {
                c.phone = Some((
                    v.trim().to_owned(),
                    line_of(&props, "TEL", group, raw.begin),
                ));
            }
        }
        for l in card
            .entries
            .iter()
            .filter(|e| e.name == VCardProperty::Lang)
        {
            let tag = first_text(l);
            let primary = tag
                .split('-')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if (2..=3).contains(&primary.len())
                && primary.bytes().all(|b| b.is_ascii_lowercase())
                && !c.languages.contains(&primary)
            {
                c.languages.push(primary);
            }
        }
        // ORG with the TITLE of the same group (our own export, Apple's items), else the
        // card's one TITLE (or ROLE) for its first organisation.
        // A title that belongs to no organisation's group (Apple groups a labelled TITLE as
        // `item1.TITLE`, alone in its group).
        let org_groups: Vec<&String> = card
            .entries
            .iter()
            .filter(|e| e.name == VCardProperty::Org)
            .filter_map(|e| e.group.as_ref())
            .collect();
        let loose = |prop: VCardProperty| {
            card.entries.iter().find(|e| {
                e.name == prop && e.group.as_ref().is_none_or(|g| !org_groups.contains(&g))
            })
        };
        let loose_title = loose(VCardProperty::Title)
            .or_else(|| loose(VCardProperty::Role))
            .map(first_text)
            .unwrap_or_default();
        let mut orgs: Vec<&VCardEntry> = card
            .entries
            .iter()
            .filter(|e| e.name == VCardProperty::Org)
            .collect();
        orgs.sort_by_key(|e| !preferred(e));
        for (i, o) in orgs.into_iter().enumerate() {
            let name = first_text(o).trim().to_owned();
            if name.is_empty() {
                continue;
            }
            let title = match &o.group {
                Some(g) => card
                    .entries
                    .iter()
                    .find(|e| e.name == VCardProperty::Title && e.group.as_ref() == Some(g))
                    .map(first_text)
                    .unwrap_or_else(|| {
                        if i == 0 {
                            loose_title.clone()
                        } else {
                            String::new()
                        }
                    }),
                None if i == 0 => loose_title.clone(),
                None => String::new(),
            };
            c.orgs.push((name, title.trim().to_owned()));
        }
        out.push(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_is_written_and_read_back_with_its_script() {
        let mut s = String::new();
        write_card(
            &CardOut {
                uid: "https://example.org/network/contacts/7".into(),
                family_name: "山田".into(),
                given_names: "太郎".into(),
                email: Some("yamada@sakura.example.jp".into()),
                phone: Some("+81 3 1234 5678".into()),
                languages: vec!["ja".into(), "en".into()],
                orgs: vec![("桜精密株式会社; Tokyo, Branch".into(), "部長".into())],
            },
            &mut s,
        );
        assert!(s.contains("FN:山田太郎\r\n"), "{s}");
        for l in s.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        let cards = read_cards(&s).expect("our own card");
        assert_eq!(cards.len(), 1);
        let c = &cards[0];
        assert_eq!(
            (c.family_name.as_str(), c.given_names.as_str()),
            ("山田", "太郎")
        );
        assert_eq!(
            c.orgs,
            vec![("桜精密株式会社; Tokyo, Branch".into(), "部長".into())]
        );
        assert_eq!(
            c.email.as_ref().map(|e| e.0.as_str()),
            Some("yamada@sakura.example.jp")
        );
        assert_eq!(c.languages, vec!["ja", "en"]);
    }

    #[test]
    fn a_broken_card_is_named_with_its_line() {
        let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:A;B;;;\r\nEND:VCARD\r\n\
                    BEGIN:VCARD\r\nVERSION:3.0\r\nN:C;D;;;\r\nthis is no property\r\nEND:VCARD\r\n";
        assert_eq!(
            read_cards(file),
            Err(CardError {
                card: 2,
                line: 8,
                code: "vcard-invalid-line"
            })
        );
        let unended = "BEGIN:VCARD\nVERSION:4.0\nFN:A B\n";
        assert_eq!(read_cards(unended).unwrap_err().code, "vcard-not-ended");
        let nameless = "BEGIN:VCARD\nVERSION:4.0\nEMAIL:a@b.de\nEND:VCARD\n";
        assert_eq!(read_cards(nameless).unwrap_err().code, "vcard-no-name");
    }
}
