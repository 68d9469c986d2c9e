use serde::{Deserialize, Serialize};

/// Why a value from outside was refused. The `field` names the input, `code` is a stable key
/// the web layer translates (`validation-<code>` in the catalogues).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {code}")]
pub struct ValidationError {
    pub field: &'static str,
    pub code: &'static str,
}

impl ValidationError {
    pub fn new(field: &'static str, code: &'static str) -> Self {
        Self { field, code }
    }
}

/// The Unicode bidirectional formatting characters (embeddings, overrides, isolates, marks):
/// invisible, and able to make displayed text differ from the stored text.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// An optional single line of free text from a form or JSON: trimmed, empty means absent, at
/// most `max_chars` characters, no control or bidirectional formatting characters. The one rule
/// behind every bounded text field of the use cases.
pub fn optional_line(
    field: &'static str,
    raw: Option<&str>,
    max_chars: usize,
) -> Result<Option<String>, ValidationError> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let s = checked_as_sent(field, raw, max_chars, false)?.trim();
    Ok((!s.is_empty()).then(|| s.to_owned()))
}

/// Free text of several lines (notes, outcomes, descriptions typed into a text area): line
/// breaks kept (CR LF, as browsers send them, becomes LF), trimmed, empty means absent, at most
/// `max_chars` characters as sent, no other control or bidirectional formatting characters.
pub fn optional_text(
    field: &'static str,
    raw: Option<&str>,
    max_chars: usize,
) -> Result<Option<String>, ValidationError> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    let s = checked_as_sent(field, raw, max_chars, true)?
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let s = s.trim();
    Ok((!s.is_empty()).then(|| s.to_owned()))
}

/// The length and the characters are checked on the text as sent, before trimming: that is
/// what the API's schema declares (`maxLength`, a pattern without line breaks), so a request the
/// schema refuses is refused here too, and the other way round.
/// `line_breaks`: whether LF and CR may stand in it (text areas) or not (single lines).
fn checked_as_sent<'a>(
    field: &'static str,
    raw: &'a str,
    max_chars: usize,
    line_breaks: bool,
) -> Result<&'a str, ValidationError> {
    if raw.chars().count() > max_chars {
        return Err(ValidationError::new(field, "too-long"));
    }
    // Control characters other than tab (and line breaks in a text area) never belong in text
    // a person typed, and neither do the invisible bidirectional controls: U+202E and its kin
    // reorder what a reader sees ("Trojan Source"), so `invoice\u{202E}fdp.exe` would show as
    // `invoiceexe.pdf`.
    let allowed = |c: char| c == '\t' || (line_breaks && matches!(c, '\n' | '\r'));
    if raw
        .chars()
        .any(|c| (c.is_control() && !allowed(c)) || is_bidi_control(c))
    {
        return Err(ValidationError::new(field, "invalid-characters"));
    }
    Ok(raw)
}

/// Trimmed single-line text of bounded length; the shared rule behind names.
fn parse_line(field: &'static str, raw: &str, max_chars: usize) -> Result<String, ValidationError> {
    let s = checked_as_sent(field, raw, max_chars, false)?.trim();
    if s.is_empty() {
        return Err(ValidationError::new(field, "required"));
    }
    Ok(s.to_owned())
}

/// A login e-mail address, stored lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, ValidationError> {
        let s = parse_line("email", raw, 254)?.to_lowercase();
        let Some((local, domain)) = s.split_once('@') else {
            return Err(ValidationError::new("email", "invalid-email"));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || !domain_ok || s.chars().any(char::is_whitespace) {
            return Err(ValidationError::new("email", "invalid-email"));
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Email::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A person's display name exactly as written (Vietnamese diacritics and all).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<PersonName, ValidationError> {
        parse_line("name", raw, 200).map(PersonName)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name of an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct OrgName(String);

impl OrgName {
    pub fn parse(raw: &str) -> Result<OrgName, ValidationError> {
        parse_line("organisation", raw, 200).map(OrgName)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password someone chose. Only its length is checked (NIST SP 800-63B: length over
/// composition rules); the value is never logged or displayed.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(raw: &str) -> Result<NewPassword, ValidationError> {
        let n = raw.chars().count();
        if n < Self::MIN_CHARS {
            return Err(ValidationError::new("password", "password-too-short"));
        }
        if n > Self::MAX_CHARS {
            return Err(ValidationError::new("password", "too-long"));
        }
        Ok(NewPassword(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(<redacted>)")
    }
}

/// A user-interface language. German is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    De,
    En,
    Vi,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::De, Language::En, Language::Vi];

    pub fn code(self) -> &'static str {
        match self {
            Language::De => "de",
            Language::En => "en",
            Language::Vi => "vi",
        }
    }

    /// The language's own name, as shown in the selector.
    pub fn endonym(self) -> &'static str {
        match self {
            Language::De => "Deutsch",
            Language::En => "English",
            Language::Vi => "Tiếng Việt",
        }
    }

    /// Parses a language code; region subtags (`de-AT`, `en_GB`) are accepted.
    pub fn parse(raw: &str) -> Option<Language> {
        let primary = raw
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks the best supported language from an HTTP `Accept-Language` header, honouring
    /// q-values; `None` if nothing supported is listed.
    pub fn from_accept_language(header: &str) -> Option<Language> {
        let mut best: Option<(f32, usize, Language)> = None;
        for (pos, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            let Some(lang) = Language::parse(tag) else {
                continue;
            };
            // Higher q wins; on equal q the earlier entry wins.
            let better = match best {
                None => true,
                Some((bq, bpos, _)) => q > bq || (q == bq && pos < bpos),
            };
            if better {
                best = Some((q, pos, lang));
            }
        }
        best.map(|(_, _, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn email_is_lowercased_and_checked() {
        assert_eq!(
            Email::parse(" Anna@Leipzig.DE ").unwrap().as_str(),
            "anna@leipzig.de"
        );
        for bad in [
            "",
            "anna",
            "anna@",
            "@x.de",
            "a b@x.de",
            "anna@de",
            "a@x.de.",
            "a\u{0}@x.de",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn names_keep_diacritics() {
        let n = PersonName::parse("  Nguyễn Thị Hương ").unwrap();
        assert_eq!(n.as_str(), "Nguyễn Thị Hương");
        assert_eq!(PersonName::parse("   ").unwrap_err().code, "required");
        assert_eq!(
            PersonName::parse("a\nb").unwrap_err().code,
            "invalid-characters"
        );
    }

    #[test]
    fn password_length_rules_and_redaction() {
        assert!(NewPassword::parse("short").is_err());
        let p = NewPassword::parse("correct horse battery").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }

    #[test]
    fn accept_language_honours_q_values() {
        assert_eq!(
            Language::from_accept_language("vi-VN,vi;q=0.9,en;q=0.8"),
            Some(Language::Vi)
        );
        assert_eq!(
            Language::from_accept_language("fr;q=1, en;q=0.5, de;q=0.7"),
            Some(Language::De)
        );
        assert_eq!(Language::from_accept_language("fr, es"), None);
        assert_eq!(
            Language::from_accept_language("en;q=0, vi;q=0.1"),
            Some(Language::Vi)
        );
        assert_eq!(Language::from_accept_language(""), None);
    }

    #[test]
    fn lines_are_measured_and_checked_as_sent() {
        // What the API's schema declares (maxLength, no line breaks) holds for the raw text.
        let padded = format!(" {}", "a".repeat(20));
        assert_eq!(
            optional_line("f", Some(&padded), 20).unwrap_err().code,
            "too-long"
        );
        assert_eq!(
            optional_line("f", Some("abc\n"), 20).unwrap_err().code,
            "invalid-characters"
        );
        assert_eq!(
            optional_line("f", Some(" \tabc "), 20).unwrap(),
            Some("abc".into())
        );
        assert_eq!(optional_line("f", Some("   "), 20).unwrap(), None);
        assert_eq!(
            PersonName::parse("\r\nAnna").unwrap_err().code,
            "invalid-characters"
        );
    }

    #[test]
    fn texts_keep_their_line_breaks() {
        assert_eq!(
            optional_text("f", Some("Erstes Treffen.\r\nZweiter Absatz\r\n"), 100).unwrap(),
            Some("Erstes Treffen.\nZweiter Absatz".into())
        );
        assert_eq!(optional_text("f", Some(" \r\n "), 100).unwrap(), None);
        assert_eq!(
            optional_text("f", Some("a\u{0007}b"), 100)
                .unwrap_err()
                .code,
            "invalid-characters"
        );
        assert_eq!(
            optional_text("f", Some("a\u{202E}b"), 100)
                .unwrap_err()
                .code,
            "invalid-characters"
        );
        assert_eq!(
            optional_text("f", Some(&"x".repeat(101)), 100)
                .unwrap_err()
                .code,
            "too-long"
        );
    }

    #[test]
    fn bidirectional_controls_are_refused_in_names_and_lines() {
        assert!(PersonName::parse("Nguyễn\u{202E}fdp.exe").is_err());
        assert!(PersonName::parse("a\u{2067}b").is_err());
        assert_eq!(
            optional_line("x", Some("a\u{200F}b"), 10).unwrap_err().code,
            "invalid-characters"
        );
        assert_eq!(
            optional_line("x", Some("  Nguyễn Văn An "), 20).unwrap(),
            Some("Nguyễn Văn An".into())
        );
        assert_eq!(optional_line("x", Some("  "), 20).unwrap(), None);
        assert_eq!(
            optional_line("x", Some("abc"), 2).unwrap_err().code,
            "too-long"
        );
    }

    proptest! {
        #[test]
        fn parsers_never_panic(s in ".*") {
            let _ = Email::parse(&s);
            let _ = PersonName::parse(&s);
            let _ = OrgName::parse(&s);
            let _ = NewPassword::parse(&s);
            let _ = Language::parse(&s);
            let _ = Language::from_accept_language(&s);
        }

        #[test]
        fn accepted_names_are_trimmed_single_lines(s in ".*") {
            if let Ok(n) = PersonName::parse(&s) {
                prop_assert_eq!(n.as_str(), n.as_str().trim());
                prop_assert!(!n.as_str().contains('\n'));
            }
        }
    }
}
