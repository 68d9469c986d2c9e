//! GS1 element strings as a barcode scanner types them — what a GS1 DataMatrix or GS1-128 label
//! on a delivery carries: GTIN (01), lot (10), expiry (17), serial (21), count (30) and a few
//! more AIs that are read and kept but not used.
//!
//! Accepted forms (GS1 General Specifications, sections 3 and 7.8):
//! - the raw element string: fixed-length AIs (00, 01, 02, 11–17, 20) end by their length,
//!   variable-length AIs end at a group separator (FNC1, transmitted as ASCII 0x1D) or at the
//!   end. A GS after a fixed-length element is tolerated (some printers put one there);
//! - a leading symbology identifier of a GS1 symbol: `]C1` (GS1-128), `]d2` (GS1 DataMatrix),
//!   `]Q3` (GS1 QR Code), `]e0` (GS1 DataBar), `]J1` (GS1 DotCode); a leading GS (the first
//!   FNC1, sent by some scanners) is skipped. Other identifiers (`]d1`, `]Q1`, …) are not GS1
//!   data and are refused;
//! - the bracketed human-readable form `(01)04006381333931(17)271231(10)LOT-7`, spaces around
//!   the values allowed; here (01) may also hold a GTIN-8, -12 or -13, normalised to 14 digits.
//!   A value containing `(` cannot be given in this form (use the GS form);
//! - a bare GTIN-8/-12/-13/-14 (an EAN/UPC or ITF-14 scan, identifiers `]E0`, `]E4`, `]I1`):
//!   only digits with a valid check digit. Without an identifier, digits only are read as an
//!   element string first, and as a GTIN if that fails or carries no GTIN.
//!
//! A keyboard-wedge scanner often cannot type 0x1D into a browser field (Ctrl+] is swallowed,
//! or becomes another character on a German layout). Scanners can be set to send a substitute
//! instead; accepted as GS are: `<GS>` (any case), `^]` (caret notation), `␝` (U+241D, the
//! "symbol for group separator") — none of `^`, `␝` is in the GS1 character set 82, and `<GS>`
//! inside a lot or serial would be a label nobody prints. A scanner whose GS is silently dropped
//! merges a lot with what follows it; a lot longer than 20 characters is caught, anything else
//! cannot be — so scanners are to be configured with a substitute (docs/procurement.md).
//!
//! Errors name what and where: the 1-based character position in the text as typed and the AI.

use std::fmt;

use crate::{Day, gtin};

/// What a scan carries. `gtin` is normalised to 14 digits, `expiry` is the day (with day `00`
/// read as the last day of the month, the century by the GS1 sliding window).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub gtin: Option<String>,
    pub lot: Option<String>,
    pub expiry: Option<Day>,
    pub serial: Option<String>,
    pub count: Option<i64>,
    /// Every element read, in order: `(AI, value)` as written (the GTIN normalised).
    pub elements: Vec<(&'static str, String)>,
}

/// Why a scan cannot be read; positions are 1-based characters of the text as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gs1Error {
    /// Nothing but blanks.
    Empty,
    /// A symbology identifier of a symbol that carries no GS1 data (e.g. `]d1`).
    NotGs1 { identifier: String },
    /// Where an AI should start there is no digit (or, in the bracketed form, no `(…)`).
    ExpectedAi { position: usize },
    /// Digits that begin no AI this reader knows (the first two to four digits).
    UnknownAi { position: usize, ai: String },
    /// An AI without a value.
    EmptyValue { position: usize, ai: &'static str },
    /// A fixed-length value cut short by a GS, a `(` or the end.
    TooShort {
        position: usize,
        ai: &'static str,
        expected: usize,
    },
    /// A variable-length value longer than its maximum (often: a GS the scanner dropped).
    TooLong {
        position: usize,
        ai: &'static str,
        max: usize,
    },
    /// A character not allowed in the value (a non-digit in a numeric AI, or outside the GS1
    /// character set 82).
    InvalidCharacter {
        position: usize,
        ai: &'static str,
        character: char,
    },
    /// A GTIN whose check digit is wrong (or that is not 8, 12, 13 or 14 digits long).
    CheckDigit { position: usize, value: String },
    /// A date (YYMMDD) that does not exist.
    InvalidDate {
        position: usize,
        ai: &'static str,
        value: String,
    },
    /// The same AI twice with different values.
    Conflicting { position: usize, ai: &'static str },
    /// A `(` without its `)`.
    UnclosedBracket { position: usize },
}

impl Gs1Error {
    /// A stable key, the suffix of the translation `validation-gs1-<code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Gs1Error::Empty => "gs1-empty",
            Gs1Error::NotGs1 { .. } => "gs1-not-gs1",
            Gs1Error::ExpectedAi { .. } => "gs1-expected-ai",
            Gs1Error::UnknownAi { .. } => "gs1-unknown-ai",
            Gs1Error::EmptyValue { .. } => "gs1-empty-value",
            Gs1Error::TooShort { .. } => "gs1-too-short",
            Gs1Error::TooLong { .. } => "gs1-too-long",
            Gs1Error::InvalidCharacter { .. } => "gs1-invalid-character",
            Gs1Error::CheckDigit { .. } => "gs1-check-digit",
            Gs1Error::InvalidDate { .. } => "gs1-invalid-date",
            Gs1Error::Conflicting { .. } => "gs1-conflicting",
            Gs1Error::UnclosedBracket { .. } => "gs1-unclosed-bracket",
        }
    }

    /// The named values of the message: `position`, `ai`, `expected`, `max`, `character`,
    /// `value`, `identifier`, as they apply.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        let pos = |p: &usize| ("position", p.to_string());
        match self {
            Gs1Error::Empty => vec![],
            Gs1Error::NotGs1 { identifier } => vec![("identifier", identifier.clone())],
            Gs1Error::ExpectedAi { position } | Gs1Error::UnclosedBracket { position } => {
                vec![pos(position)]
            }
            Gs1Error::UnknownAi { position, ai } => vec![pos(position), ("ai", ai.clone())],
            Gs1Error::EmptyValue { position, ai } | Gs1Error::Conflicting { position, ai } => {
                vec![pos(position), ("ai", (*ai).into())]
            }
            Gs1Error::TooShort {
                position,
                ai,
                expected,
            } => vec![
                pos(position),
                ("ai", (*ai).into()),
                ("expected", expected.to_string()),
            ],
            Gs1Error::TooLong { position, ai, max } => vec![
                pos(position),
                ("ai", (*ai).into()),
                ("max", max.to_string()),
            ],
            Gs1Error::InvalidCharacter {
                position,
                ai,
                character,
            } => vec![
                pos(position),
                ("ai", (*ai).into()),
                ("character", character.escape_debug().to_string()),
            ],
            Gs1Error::CheckDigit { position, value } => {
                vec![pos(position), ("ai", "01".into()), ("value", value.clone())]
            }
            Gs1Error::InvalidDate {
                position,
                ai,
                value,
            } => vec![
                pos(position),
                ("ai", (*ai).into()),
                ("value", value.clone()),
            ],
        }
    }
}

impl fmt::Display for Gs1Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Gs1Error::Empty => write!(f, "the scan is empty"),
            Gs1Error::NotGs1 { identifier } => {
                write!(f, "symbology identifier {identifier}: not a GS1 barcode")
            }
            Gs1Error::ExpectedAi { position } => {
                write!(
                    f,
                    "position {position}: an application identifier (AI) was expected"
                )
            }
            Gs1Error::UnknownAi { position, ai } => {
                write!(
                    f,
                    "position {position}: unknown application identifier {ai}"
                )
            }
            Gs1Error::EmptyValue { position, ai } => {
                write!(f, "position {position}: AI ({ai}) has no value")
            }
            Gs1Error::TooShort {
                position,
                ai,
                expected,
            } => write!(
                f,
                "position {position}: AI ({ai}) needs exactly {expected} characters"
            ),
            Gs1Error::TooLong { position, ai, max } => write!(
                f,
                "position {position}: AI ({ai}) is longer than {max} characters"
            ),
            Gs1Error::InvalidCharacter {
                position,
                ai,
                character,
            } => write!(
                f,
                "position {position}: character '{}' is not allowed in AI ({ai})",
                character.escape_debug()
            ),
            Gs1Error::CheckDigit { position, value } => write!(
                f,
                "position {position}: GTIN {value} has a wrong check digit"
            ),
            Gs1Error::InvalidDate {
                position,
                ai,
                value,
            } => write!(
                f,
                "position {position}: AI ({ai}) {value} is not a date (YYMMDD)"
            ),
            Gs1Error::Conflicting { position, ai } => write!(
                f,
                "position {position}: AI ({ai}) appears twice with different values"
            ),
            Gs1Error::UnclosedBracket { position } => {
                write!(f, "position {position}: '(' without ')'")
            }
        }
    }
}

impl std::error::Error for Gs1Error {}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Exactly this many digits.
    Digits(usize),
    /// A date YYMMDD.
    Date,
    /// 1 to this many digits.
    DigitsUpTo(usize),
    /// 1 to this many characters of the GS1 character set 82.
    TextUpTo(usize),
}

/// The AIs this reader knows. Fixed-length ones are exactly those whose length GS1 predefines
/// (General Specifications figure 7.8.5-2), so they never need a GS after them.
const AIS: &[(&str, Kind)] = &[
    ("00", Kind::Digits(18)),
    ("01", Kind::Digits(14)),
    ("02", Kind::Digits(14)),
    ("10", Kind::TextUpTo(20)),
    ("11", Kind::Date),
    ("12", Kind::Date),
    ("13", Kind::Date),
    ("15", Kind::Date),
    ("16", Kind::Date),
    ("17", Kind::Date),
    ("20", Kind::Digits(2)),
    ("21", Kind::TextUpTo(20)),
    ("22", Kind::TextUpTo(20)),
    ("30", Kind::DigitsUpTo(8)),
    ("37", Kind::DigitsUpTo(8)),
    ("240", Kind::TextUpTo(30)),
    ("241", Kind::TextUpTo(30)),
    ("250", Kind::TextUpTo(30)),
    // National healthcare reimbursement numbers (710: German PZN, …), on medicine packs.
    ("710", Kind::TextUpTo(20)),
    ("711", Kind::TextUpTo(20)),
    ("712", Kind::TextUpTo(20)),
    ("713", Kind::TextUpTo(20)),
    ("714", Kind::TextUpTo(20)),
    ("715", Kind::TextUpTo(20)),
    ("90", Kind::TextUpTo(30)),
    ("91", Kind::TextUpTo(90)),
    ("92", Kind::TextUpTo(90)),
    ("93", Kind::TextUpTo(90)),
    ("94", Kind::TextUpTo(90)),
    ("95", Kind::TextUpTo(90)),
    ("96", Kind::TextUpTo(90)),
    ("97", Kind::TextUpTo(90)),
    ("98", Kind::TextUpTo(90)),
    ("99", Kind::TextUpTo(90)),
];

/// Symbology identifiers of symbols that carry GS1 element strings.
const GS1_SYMBOLOGIES: &[&str] = &["]C1", "]d2", "]Q3", "]e0", "]J1"];

/// Symbology identifiers of symbols that carry a GTIN only: EAN-13/UPC-A, EAN-8, ITF-14.
const EAN_SYMBOLOGIES: &[&str] = &["]E0", "]E4", "]I1"];

/// The GS1 character set 82 (General Specifications figure 7.11-1), allowed in text AIs.
fn in_cset82(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(c)
}

/// A symbol of the scan after substitutes for GS are recognised, with its 1-based position.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sym {
    Gs,
    C(char),
}

/// The scan as symbols: GS and its substitutes become [`Sym::Gs`]; blanks and line ends at
/// either end (a scanner's Enter) are dropped.
fn lex(input: &str) -> Vec<(Sym, usize)> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let pos = i + 1;
        let rest = &chars[i..];
        if rest[0] == '\u{1d}' || rest[0] == '\u{241d}' {
            out.push((Sym::Gs, pos));
            i += 1;
        } else if rest.starts_with(&['^', ']']) {
            out.push((Sym::Gs, pos));
            i += 2;
        } else if rest.len() >= 4
            && rest[0] == '<'
            && rest[1].eq_ignore_ascii_case(&'g')
            && rest[2].eq_ignore_ascii_case(&'s')
            && rest[3] == '>'
        {
            out.push((Sym::Gs, pos));
            i += 4;
        } else {
            out.push((Sym::C(rest[0]), pos));
            i += 1;
        }
    }
    let blank = |s: &(Sym, usize)| matches!(s.0, Sym::C(c) if c.is_whitespace());
    let start = out.iter().position(|s| !blank(s)).unwrap_or(out.len());
    let end = out.iter().rposition(|s| !blank(s)).map_or(start, |e| e + 1);
    out[start..end].to_vec()
}

fn char_at(syms: &[(Sym, usize)], i: usize) -> Option<char> {
    match syms.get(i) {
        Some((Sym::C(c), _)) => Some(*c),
        _ => None,
    }
}

/// Position of symbol `i`, or one past the last symbol at the end.
fn pos_at(syms: &[(Sym, usize)], i: usize, input_len: usize) -> usize {
    syms.get(i).map_or(input_len + 1, |s| s.1)
}

/// Reads a scan. `today` places a two-digit year in its century (GS1 sliding window).
pub fn parse(input: &str, today: Day) -> Result<Scan, Gs1Error> {
    let input_len = input.chars().count();
    let mut syms = lex(input);
    if syms.is_empty() {
        return Err(Gs1Error::Empty);
    }
    let (mut ean, mut gs1_symbol) = (false, false);
    if char_at(&syms, 0) == Some(']') {
        let id: String = syms
            .iter()
            .take(3)
            .map(|(s, _)| match s {
                Sym::C(c) => *c,
                Sym::Gs => '\u{1d}',
            })
            .collect();
        ean = EAN_SYMBOLOGIES.contains(&id.as_str());
        gs1_symbol = GS1_SYMBOLOGIES.contains(&id.as_str());
        if !ean && !gs1_symbol {
            return Err(Gs1Error::NotGs1 { identifier: id });
        }
        syms.drain(..3);
    }
    // The first FNC1 of the symbol, when the scanner sends it.
    while syms.first().is_some_and(|s| s.0 == Sym::Gs) {
        syms.remove(0);
    }
    if syms.is_empty() {
        return Err(Gs1Error::Empty);
    }
    let mut scan = Scan::default();
    if char_at(&syms, 0) == Some('(') {
        bracketed(&syms, input_len, today, &mut scan)?;
        return Ok(scan);
    }
    // Only a scan that does not say it is a GS1 symbol may be a bare GTIN.
    let bare = if gs1_symbol { None } else { bare_gtin(&syms) };
    if ean {
        return bare.map(Scan::of_gtin).ok_or(Gs1Error::CheckDigit {
            position: pos_at(&syms, 0, input_len),
            value: text_of(&syms),
        });
    }
    match (raw(&syms, input_len, today, &mut scan), bare) {
        // Digits only can be both: a GTIN-8 `17770101` also reads as an expiry, an EAN-13
        // `4006381333931` as an unknown AI 40…. A scan without a GTIN is no use at the door,
        // so the GTIN wins.
        (Ok(()), Some(g)) if scan.gtin.is_none() => Ok(Scan::of_gtin(g)),
        (Ok(()), _) => Ok(scan),
        (Err(_), Some(g)) => Ok(Scan::of_gtin(g)),
        (Err(e), None) => Err(e),
    }
}

impl Scan {
    fn of_gtin(g: String) -> Scan {
        Scan {
            gtin: Some(g.clone()),
            elements: vec![("01", g)],
            ..Scan::default()
        }
    }
}

fn text_of(syms: &[(Sym, usize)]) -> String {
    syms.iter()
        .filter_map(|(s, _)| match s {
            Sym::C(c) => Some(*c),
            Sym::Gs => None,
        })
        .collect()
}

/// A scan of only 8, 12, 13 or 14 digits with a valid GTIN check digit (EAN-8, UPC-A,
/// EAN-13, ITF-14).
fn bare_gtin(syms: &[(Sym, usize)]) -> Option<String> {
    let s: String = syms
        .iter()
        .map(|(s, _)| match s {
            Sym::C(c) if c.is_ascii_digit() => Some(*c),
            _ => None,
        })
        .collect::<Option<_>>()?;
    gtin::normalise(&s)
}

/// Finds the AI starting at `i` (two to four digits, the AIs being prefix-free).
fn find_ai(
    syms: &[(Sym, usize)],
    i: usize,
    input_len: usize,
) -> Result<(&'static str, Kind), Gs1Error> {
    let mut digits = String::new();
    for k in 0..4 {
        match char_at(syms, i + k) {
            Some(c) if c.is_ascii_digit() => digits.push(c),
            _ => break,
        }
        if let Some((ai, kind)) = AIS.iter().find(|(a, _)| *a == digits) {
            return Ok((ai, *kind));
        }
    }
    let position = pos_at(syms, i, input_len);
    if digits.len() < 2 {
        Err(Gs1Error::ExpectedAi { position })
    } else {
        Err(Gs1Error::UnknownAi {
            position,
            ai: digits,
        })
    }
}

/// The raw element string: AIs one after another, variable-length values ended by GS.
fn raw(
    syms: &[(Sym, usize)],
    input_len: usize,
    today: Day,
    scan: &mut Scan,
) -> Result<(), Gs1Error> {
    let mut i = 0;
    while i < syms.len() {
        if syms[i].0 == Sym::Gs {
            // A GS after a fixed-length element, or a doubled one: nothing to read.
            i += 1;
            continue;
        }
        let (ai, kind) = find_ai(syms, i, input_len)?;
        i += ai.len();
        let start = i;
        let mut value = Vec::new();
        match kind {
            Kind::Digits(_) | Kind::Date => {
                let n = if let Kind::Digits(n) = kind { n } else { 6 };
                while value.len() < n {
                    match syms.get(i) {
                        Some((Sym::C(c), p)) => value.push((*c, *p)),
                        _ => break,
                    }
                    i += 1;
                }
                if value.is_empty() {
                    return Err(Gs1Error::EmptyValue {
                        position: pos_at(syms, start, input_len),
                        ai,
                    });
                }
                if value.len() < n {
                    return Err(Gs1Error::TooShort {
                        position: pos_at(syms, start, input_len),
                        ai,
                        expected: n,
                    });
                }
            }
            _ => {
                while let Some((Sym::C(c), p)) = syms.get(i) {
                    value.push((*c, *p));
                    i += 1;
                }
            }
        }
        element(
            ai,
            kind,
            &value,
            pos_at(syms, start, input_len),
            today,
            scan,
        )?;
    }
    Ok(())
}

/// The bracketed human-readable form: `(AI)value` one after another.
fn bracketed(
    syms: &[(Sym, usize)],
    input_len: usize,
    today: Day,
    scan: &mut Scan,
) -> Result<(), Gs1Error> {
    let mut i = 0;
    while i < syms.len() {
        match syms[i].0 {
            Sym::Gs => {
                i += 1;
                continue;
            }
            Sym::C(c) if c.is_whitespace() => {
                i += 1;
                continue;
            }
            Sym::C('(') => {}
            Sym::C(_) => {
                return Err(Gs1Error::ExpectedAi {
                    position: syms[i].1,
                });
            }
        }
        let open = syms[i].1;
        let close = (i + 1..syms.len())
            .find(|&k| char_at(syms, k) == Some(')'))
            .ok_or(Gs1Error::UnclosedBracket { position: open })?;
        let digits = text_of(&syms[i + 1..close]);
        let ai_pos = pos_at(syms, i + 1, input_len);
        let (ai, kind) = AIS
            .iter()
            .find(|(a, _)| *a == digits)
            .map(|(a, k)| (*a, *k))
            .ok_or_else(|| {
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    Gs1Error::ExpectedAi { position: ai_pos }
                } else {
                    Gs1Error::UnknownAi {
                        position: ai_pos,
                        ai: digits.clone(),
                    }
                }
            })?;
        i = close + 1;
        let start = i;
        let mut value = Vec::new();
        while i < syms.len() && char_at(syms, i) != Some('(') {
            if let (Sym::C(c), p) = syms[i] {
                value.push((c, p));
            }
            i += 1;
        }
        // Spaces set the values apart in print; none belongs to a value (not in set 82).
        while value.first().is_some_and(|(c, _)| c.is_whitespace()) {
            value.remove(0);
        }
        while value.last().is_some_and(|(c, _)| c.is_whitespace()) {
            value.pop();
        }
        let position = value
            .first()
            .map_or_else(|| pos_at(syms, start, input_len), |v| v.1);
        if ai == "01" && matches!(value.len(), 8 | 12 | 13) {
            // A GTIN-8/12/13 written as it is printed on the pack.
            element(ai, Kind::DigitsUpTo(14), &value, position, today, scan)?;
            continue;
        }
        if let Kind::Digits(n) = kind {
            if !value.is_empty() && value.len() < n {
                return Err(Gs1Error::TooShort {
                    position,
                    ai,
                    expected: n,
                });
            }
            if value.len() > n {
                return Err(Gs1Error::TooLong {
                    position,
                    ai,
                    max: n,
                });
            }
        }
        if kind == Kind::Date && value.len() != 6 && !value.is_empty() {
            return Err(Gs1Error::InvalidDate {
                position,
                ai,
                value: value.iter().map(|v| v.0).collect(),
            });
        }
        element(ai, kind, &value, position, today, scan)?;
    }
    Ok(())
}

/// Checks one element's value and records it.
fn element(
    ai: &'static str,
    kind: Kind,
    value: &[(char, usize)],
    position: usize,
    today: Day,
    scan: &mut Scan,
) -> Result<(), Gs1Error> {
    if value.is_empty() {
        return Err(Gs1Error::EmptyValue { position, ai });
    }
    let numeric = !matches!(kind, Kind::TextUpTo(_));
    for (c, p) in value {
        let ok = if numeric {
            c.is_ascii_digit()
        } else {
            in_cset82(*c)
        };
        if !ok {
            return Err(Gs1Error::InvalidCharacter {
                position: *p,
                ai,
                character: *c,
            });
        }
    }
    if let Kind::DigitsUpTo(max) | Kind::TextUpTo(max) = kind
        && value.len() > max
        && ai != "01"
    {
        return Err(Gs1Error::TooLong { position, ai, max });
    }
    let text: String = value.iter().map(|v| v.0).collect();
    let stored = match ai {
        "01" | "02" => gtin::normalise(&text).ok_or(Gs1Error::CheckDigit {
            position,
            value: text.clone(),
        })?,
        _ => text.clone(),
    };
    if kind == Kind::Date {
        let day = date(&text, today).ok_or(Gs1Error::InvalidDate {
            position,
            ai,
            value: text.clone(),
        })?;
        if ai == "17" {
            set(&mut scan.expiry, day, position, ai)?;
        }
    }
    match ai {
        "01" => set(&mut scan.gtin, stored.clone(), position, ai)?,
        "10" => set(&mut scan.lot, stored.clone(), position, ai)?,
        "21" => set(&mut scan.serial, stored.clone(), position, ai)?,
        // At most 8 digits: always fits.
        "30" => set(&mut scan.count, stored.parse().unwrap_or(0), position, ai)?,
        _ => {
            if scan.elements.iter().any(|(a, v)| *a == ai && *v != stored) {
                return Err(Gs1Error::Conflicting { position, ai });
            }
        }
    }
    scan.elements.push((ai, stored));
    Ok(())
}

/// The same AI may appear twice only with the same value.
fn set<T: PartialEq>(
    slot: &mut Option<T>,
    v: T,
    position: usize,
    ai: &'static str,
) -> Result<(), Gs1Error> {
    match slot {
        Some(old) if *old != v => Err(Gs1Error::Conflicting { position, ai }),
        _ => {
            *slot = Some(v);
            Ok(())
        }
    }
}

/// Days since the epoch of 1970-01-01 as a Julian day number.
const EPOCH_JULIAN: i64 = 2_440_588;

/// YYMMDD → the day: day `00` is the month's last day; the century is the one that puts the
/// year within −49…+50 years of today's (GS1 General Specifications 7.12).
fn date(yymmdd: &str, today: Day) -> Option<Day> {
    let n = |r: std::ops::Range<usize>| yymmdd.get(r)?.parse::<i32>().ok();
    let (yy, mm, dd) = (n(0..2)?, n(2..4)?, n(4..6)?);
    let now = time::Date::from_julian_day(i32::try_from(today + EPOCH_JULIAN).ok()?).ok()?;
    let (century, now_yy) = (now.year().div_euclid(100), now.year().rem_euclid(100));
    let century = match yy - now_yy {
        51..=99 => century - 1,
        -99..=-50 => century + 1,
        _ => century,
    };
    let year = century * 100 + yy;
    let month = time::Month::try_from(u8::try_from(mm).ok()?).ok()?;
    let day = if dd == 0 {
        month.length(year)
    } else {
        u8::try_from(dd).ok()?
    };
    let d = time::Date::from_calendar_date(year, month, day).ok()?;
    Some(i64::from(d.to_julian_day()) - EPOCH_JULIAN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 2026-12-04, the day these tests were written.
    const TODAY: Day = 20_791;

    fn day(y: i32, m: u8, d: u8) -> Day {
        let date = time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap();
        i64::from(date.to_julian_day()) - EPOCH_JULIAN
    }

    fn ok(s: &str) -> Scan {
        parse(s, TODAY).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    fn err(s: &str) -> Gs1Error {
        parse(s, TODAY).expect_err(s)
    }

    #[test]
    fn today_is_what_the_tests_say() {
        assert_eq!(day(2026, 12, 4), TODAY);
    }

    #[test]
    fn gs_separated_datamatrix() {
        let s = ok("]d2010400638133393117271231\u{1d}10LOT-7\u{1d}21SN1\u{1d}30200");
        assert_eq!(s.gtin.as_deref(), Some("04006381333931"));
        assert_eq!(s.expiry, Some(day(2027, 12, 31)));
        assert_eq!(s.lot.as_deref(), Some("LOT-7"));
        assert_eq!(s.serial.as_deref(), Some("SN1"));
        assert_eq!(s.count, Some(200));
        let ais: Vec<_> = s.elements.iter().map(|e| e.0).collect();
        assert_eq!(ais, ["01", "17", "10", "21", "30"]);
    }

    #[test]
    fn bracketed_form_equals_the_raw_form() {
        let raw = ok("0104006381333931172712311010LOT-7\u{1d}30200");
        let bracketed = ok("(01)04006381333931(17)271231(10)10LOT-7(30)200");
        assert_eq!(raw, bracketed);
        assert_eq!(raw.lot.as_deref(), Some("10LOT-7"));
        let spaced = ok(" (01) 04006381333931 (17) 271231 (10) 10LOT-7 (30) 200\r\n");
        assert_eq!(raw, spaced);
    }

    /// Examples of the GS1 General Specifications (sections 3.2, 5.4 and 7.8).
    #[test]
    fn examples_of_the_general_specifications() {
        // (01)09501101530003(17)140704(10)AB-123 — GTIN, expiry and batch as in the GS1
        // DataMatrix examples; the variable-length batch last needs no GS.
        let s = ok("]d201095011015300031714070410AB-123");
        assert_eq!(s.gtin.as_deref(), Some("09501101530003"));
        assert_eq!(s.expiry, Some(day(2014, 7, 4)));
        assert_eq!(s.lot.as_deref(), Some("AB-123"));
        assert_eq!(s, ok("(01)09501101530003(17)140704(10)AB-123"));
        // (01)09521234543213(21)1234 — GTIN and serial (healthcare, 5.4.4).
        let s = ok("(01)09521234543213(21)1234");
        assert_eq!(s.gtin.as_deref(), Some("09521234543213"));
        assert_eq!(s.serial.as_deref(), Some("1234"));
        // (02)…(37) — logistic unit content and count, with a GS after the variable 37.
        let s = ok("]C10209521234543213371234\u{1d}10ABC");
        assert_eq!(
            s.elements,
            [
                ("02", "09521234543213".into()),
                ("37", "1234".into()),
                ("10", "ABC".into())
            ]
        );
        // SSCC (00), figure 2.2.1-1.
        let s = ok("(00)106141411234567897");
        assert_eq!(s.elements, [("00", "106141411234567897".into())]);
    }

    #[test]
    fn gs_substitutes_and_leading_fnc1() {
        let want = ok("10ABC\u{1d}21X1");
        for s in [
            "10ABC<GS>21X1",
            "10ABC<gs>21X1",
            "10ABC^]21X1",
            "10ABC\u{241d}21X1",
            "\u{1d}10ABC\u{1d}21X1",
            "]C1\u{1d}10ABC\u{1d}21X1",
            "]Q310ABC\u{1d}21X1\u{1d}",
        ] {
            assert_eq!(ok(s), want, "{s:?}");
        }
        assert_eq!(want.lot.as_deref(), Some("ABC"));
        assert_eq!(want.serial.as_deref(), Some("X1"));
    }

    #[test]
    fn gtin_8_12_13_14_are_normalised() {
        assert_eq!(ok("4006381333931").gtin.as_deref(), Some("04006381333931"));
        assert_eq!(ok("96385074").gtin.as_deref(), Some("00000096385074"));
        assert_eq!(ok("036000291452").gtin.as_deref(), Some("00036000291452"));
        assert_eq!(ok("04006381333931").gtin.as_deref(), Some("04006381333931"));
        assert_eq!(
            ok("(01)4006381333931(10)A").gtin.as_deref(),
            Some("04006381333931")
        );
        assert_eq!(ok("(01)96385074").gtin.as_deref(), Some("00000096385074"));
        assert_eq!(
            ok("(01)036000291452").gtin.as_deref(),
            Some("00036000291452")
        );
    }

    #[test]
    fn expiry_day_zero_and_century_window() {
        assert_eq!(ok("17280200").expiry, Some(day(2028, 2, 29)));
        assert_eq!(ok("17270200").expiry, Some(day(2027, 2, 28)));
        assert_eq!(ok("17261100").expiry, Some(day(2026, 11, 30)));
        // Today 2026: 76 is 2076 (+50), 77 is 1977 (+51 → previous century).
        assert_eq!(ok("17761231").expiry, Some(day(2076, 12, 31)));
        assert_eq!(ok("17770102").expiry, Some(day(1977, 1, 2)));
        // Digits only that are a GTIN-8 as well: read as the GTIN.
        assert_eq!(ok("17770101").gtin.as_deref(), Some("00000017770101"));
        assert_eq!(ok("17770101").expiry, None);
        assert_eq!(ok("]E417770101").gtin.as_deref(), Some("00000017770101"));
        assert_eq!(
            ok("]E04006381333931").gtin.as_deref(),
            Some("04006381333931")
        );
        assert!(matches!(
            err("]E04006381333932"),
            Gs1Error::CheckDigit { .. }
        ));
        // In 2080, 30 is 2130 (−50 → next century), 31 is 2031.
        let in_2080 = day(2080, 6, 1);
        assert_eq!(
            parse("17300101", in_2080).unwrap().expiry,
            Some(day(2130, 1, 1))
        );
        assert_eq!(
            parse("17310101", in_2080).unwrap().expiry,
            Some(day(2031, 1, 1))
        );
    }

    #[test]
    fn errors_say_what_and_where() {
        assert_eq!(err("  \r\n"), Gs1Error::Empty);
        assert_eq!(
            err("]d1ABC"),
            Gs1Error::NotGs1 {
                identifier: "]d1".into()
            }
        );
        assert_eq!(
            err("0104006381333932"),
            Gs1Error::CheckDigit {
                position: 3,
                value: "04006381333932".into()
            }
        );
        assert_eq!(
            err("(01)04006381333932"),
            Gs1Error::CheckDigit {
                position: 5,
                value: "04006381333932".into()
            }
        );
        assert_eq!(
            err("01040063813339"),
            Gs1Error::TooShort {
                position: 3,
                ai: "01",
                expected: 14
            }
        );
        assert_eq!(
            err("0104006381333931\u{1d}8012X"),
            Gs1Error::UnknownAi {
                position: 18,
                ai: "8012".into()
            }
        );
        assert_eq!(
            err("(01)04006381333931(4711)X"),
            Gs1Error::UnknownAi {
                position: 20,
                ai: "4711".into()
            }
        );
        assert_eq!(
            err("10ABCDEFGHIJKLMNOPQRSTU"),
            Gs1Error::TooLong {
                position: 3,
                ai: "10",
                max: 20
            }
        );
        assert_eq!(
            err("10AB C"),
            Gs1Error::InvalidCharacter {
                position: 5,
                ai: "10",
                character: ' '
            }
        );
        assert_eq!(
            err("]C117271301"),
            Gs1Error::InvalidDate {
                position: 6,
                ai: "17",
                value: "271301".into()
            }
        );
        assert_eq!(
            err("]C117270230"),
            Gs1Error::InvalidDate {
                position: 6,
                ai: "17",
                value: "270230".into()
            }
        );
        assert_eq!(
            err("]C1172712X1"),
            Gs1Error::InvalidCharacter {
                position: 10,
                ai: "17",
                character: 'X'
            }
        );
        assert_eq!(
            err("30123456789"),
            Gs1Error::TooLong {
                position: 3,
                ai: "30",
                max: 8
            }
        );
        assert_eq!(
            err("10A\u{1d}\u{1d}10B"),
            Gs1Error::Conflicting {
                position: 8,
                ai: "10"
            }
        );
        assert_eq!(err("LOT7"), Gs1Error::ExpectedAi { position: 1 });
        assert_eq!(err("(01"), Gs1Error::UnclosedBracket { position: 1 });
        assert_eq!(
            err("(10)(21)X"),
            Gs1Error::EmptyValue {
                position: 5,
                ai: "10"
            }
        );
        assert_eq!(
            err("10\u{1d}21X"),
            Gs1Error::EmptyValue {
                position: 3,
                ai: "10"
            }
        );
        assert_eq!(
            err("(17)2712"),
            Gs1Error::InvalidDate {
                position: 5,
                ai: "17",
                value: "2712".into()
            }
        );
        assert_eq!(
            err("(01)04006381333"),
            Gs1Error::TooShort {
                position: 5,
                ai: "01",
                expected: 14
            }
        );
        // A GS the scanner swallowed glues the lot to the serial — caught when too long.
        assert!(matches!(
            err("0104006381333931101234567890ABCDEF21SERIAL1"),
            Gs1Error::TooLong { ai: "10", .. }
        ));
        // Every error has its message and named values.
        let e = err("(01)04006381333932");
        assert_eq!(e.code(), "gs1-check-digit");
        assert!(e.to_string().contains("04006381333932"));
        assert!(e.args().contains(&("position", "5".into())));
    }

    fn lot_strategy() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[A-Za-z0-9!%&*+,./:;=?_-]{1,20}").unwrap()
    }

    /// A GTIN-14 with its check digit.
    fn gtin_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(0u32..10, 13).prop_map(|d| {
            let sum: u32 = d
                .iter()
                .rev()
                .enumerate()
                .map(|(i, x)| if i % 2 == 0 { x * 3 } else { *x })
                .sum();
            let mut s: String = d.iter().map(|x| char::from(b'0' + *x as u8)).collect();
            s.push(char::from(b'0' + ((10 - sum % 10) % 10) as u8));
            s
        })
    }

    proptest! {
        /// Any label written in either form reads back as what was written; the raw form
        /// with any accepted GS substitute reads the same as the bracketed form.
        #[test]
        fn forms_round_trip(
            gtin in gtin_strategy(),
            lot in lot_strategy(),
            serial in lot_strategy(),
            count in 1u32..100_000_000,
            yy in 0u32..100, mm in 1u32..13, dd in 0u32..29,
            gs in prop::sample::select(vec!["\u{1d}", "<GS>", "^]", "\u{241d}"]),
            prefix in prop::sample::select(vec!["", "]d2", "]C1", "\u{1d}"]),
        ) {
            let date = format!("{yy:02}{mm:02}{dd:02}");
            let raw = format!("{prefix}01{gtin}17{date}10{lot}{gs}21{serial}{gs}30{count}");
            let bracketed = format!("(01){gtin}(17){date}(10){lot}(21){serial}(30){count}");
            let a = parse(&raw, TODAY).unwrap();
            let b = parse(&bracketed, TODAY).unwrap();
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(a.gtin.as_deref(), Some(gtin.as_str()));
            prop_assert_eq!(a.lot.as_deref(), Some(lot.as_str()));
            prop_assert_eq!(a.serial.as_deref(), Some(serial.as_str()));
            prop_assert_eq!(a.count, Some(i64::from(count)));
            let e = a.expiry.unwrap();
            prop_assert!((e - TODAY).abs() <= 51 * 366);
        }

        /// Whatever is typed, the reader answers (never panics), and an error's position lies
        /// within the text or just after it.
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            if let Err(e) = parse(&s, TODAY) {
                let n = s.chars().count();
                if let Some((_, p)) = e.args().iter().find(|(k, _)| *k == "position") {
                    let p: usize = p.parse().unwrap();
                    prop_assert!(p >= 1 && p <= n + 1);
                }
            }
        }

        /// One wrong digit in the GTIN is always caught by the check digit.
        #[test]
        fn a_wrong_digit_is_caught(gtin in gtin_strategy(), at in 0usize..14, by in 1u8..10) {
            let mut b = gtin.into_bytes();
            b[at] = b'0' + (b[at] - b'0' + by) % 10;
            let wrong = String::from_utf8(b).unwrap();
            let is_check_digit_error = matches!(
                parse(&format!("01{wrong}"), TODAY),
                Err(Gs1Error::CheckDigit { .. })
            );
            prop_assert!(is_check_digit_error);
        }
    }
}
