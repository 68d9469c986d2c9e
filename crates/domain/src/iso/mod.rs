//! ISO 3166-1 alpha-2 countries and ISO 639-1 languages with their names in German, English
//! and Vietnamese from Unicode CLDR (`data.rs`, written by `tools/iso_names.py`; nothing is
//! fetched at run time).
//!
//! Forms offer these lists as selects with the names in the reader's language, sorted in
//! that language; the use cases refuse any code that is not in them, so a typed "Vietnam"
//! can no longer be cut to `VI` (the U.S. Virgin Islands).

mod data;

use std::cmp::Ordering;
use std::sync::OnceLock;

use crate::Language;
use crate::fold::fold_for_search;

pub use data::CLDR_VERSION;

/// One entry of a list: the code and its name in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub code: &'static str,
    pub name: &'static str,
}

type Row = (&'static str, &'static str, &'static str, &'static str);

fn find(table: &'static [Row], code: &str) -> Option<&'static Row> {
    table
        .binary_search_by(|r| r.0.cmp(code))
        .ok()
        .map(|i| &table[i])
}

fn name_in(row: &'static Row, lang: Language) -> &'static str {
    match lang {
        Language::De => row.1,
        Language::En => row.2,
        Language::Vi => row.3,
    }
}

/// Compares names as a reader of the language sorts them: letters without their marks first
/// (`Ägypten` beside `Agypten`, `Đức` among the D), then the marks, then the exact text.
fn by_name(a: &str, b: &str) -> Ordering {
    fold_for_search(a)
        .cmp(&fold_for_search(b))
        .then_with(|| a.cmp(b))
}

fn sorted(table: &'static [Row], lang: Language) -> Vec<Named> {
    let mut out: Vec<Named> = table
        .iter()
        .map(|r| Named {
            code: r.0,
            name: name_in(r, lang),
        })
        .collect();
    out.sort_by(|a, b| by_name(a.name, b.name));
    out
}

/// `raw` as a listed ISO 3166-1 alpha-2 code in use, written exactly as listed (upper case, no
/// spaces): the forms send the select's value and the API declares the list as an enum, so
/// accepting other spellings would make the server looser than the contract it publishes.
pub fn country_code(raw: &str) -> Option<&'static str> {
    find(data::COUNTRIES, raw).map(|r| r.0)
}

/// The country's name in `lang`, if `code` is a country code.
pub fn country_name(code: &str, lang: Language) -> Option<&'static str> {
    find(data::COUNTRIES, code).map(|r| name_in(r, lang))
}

/// Every country with its name in `lang`, sorted by that name. Sorted once per language: every
/// page with a country select asks for it, and the sort folds each name for every comparison.
pub fn countries(lang: Language) -> Vec<Named> {
    static SORTED: [OnceLock<Vec<Named>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    SORTED[lang_index(lang)]
        .get_or_init(|| sorted(data::COUNTRIES, lang))
        .clone()
}

fn lang_index(lang: Language) -> usize {
    match lang {
        Language::De => 0,
        Language::En => 1,
        Language::Vi => 2,
    }
}

/// Every ISO 3166-1 alpha-2 code, in code order (the OpenAPI enum).
pub fn country_codes() -> impl Iterator<Item = &'static str> {
    data::COUNTRIES.iter().map(|r| r.0)
}

/// The canonical language code for `raw` (trimmed, any case), if it is an ISO 639-1 code.
pub fn language_code(raw: &str) -> Option<&'static str> {
    find(data::LANGUAGES, &raw.trim().to_ascii_lowercase()).map(|r| r.0)
}

/// The language's name in `lang`, if `code` is an ISO 639-1 code.
pub fn language_name(code: &str, lang: Language) -> Option<&'static str> {
    find(data::LANGUAGES, code).map(|r| name_in(r, lang))
}

/// Every ISO 639-1 language with its name in `lang`, sorted by that name.
pub fn languages(lang: Language) -> Vec<Named> {
    static SORTED: [OnceLock<Vec<Named>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    SORTED[lang_index(lang)]
        .get_or_init(|| sorted(data::LANGUAGES, lang))
        .clone()
}

/// Every ISO 639-1 code, in code order.
pub fn language_codes() -> impl Iterator<Item = &'static str> {
    data::LANGUAGES.iter().map(|r| r.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_by_code_and_complete() {
        assert!(data::COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(data::LANGUAGES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(data::COUNTRIES.len(), 249);
        assert_eq!(data::LANGUAGES.len(), 183);
    }

    #[test]
    fn codes_are_checked_not_guessed() {
        assert_eq!(country_code("VN"), Some("VN"));
        assert_eq!(country_code("vn"), None, "written as listed");
        assert_eq!(country_code(" DE "), None, "written as listed");
        assert_eq!(country_code("Vietnam"), None);
        assert_eq!(country_code("XK"), None);
        assert_eq!(country_code("EU"), None);
        assert_eq!(country_code("XX"), None);
        assert_eq!(language_code("VI"), Some("vi"));
        assert_eq!(language_code("sh"), None);
    }

    #[test]
    fn names_in_three_languages() {
        assert_eq!(country_name("VN", Language::De), Some("Vietnam"));
        assert_eq!(country_name("VN", Language::Vi), Some("Việt Nam"));
        assert_eq!(country_name("DE", Language::En), Some("Germany"));
        assert_eq!(
            country_name("VI", Language::En),
            Some("U.S. Virgin Islands")
        );
        assert_eq!(language_name("de", Language::De), Some("Deutsch"));
        assert_eq!(language_name("vi", Language::Vi), Some("Tiếng Việt"));
    }

    #[test]
    fn lists_sort_by_the_readers_names() {
        let de = countries(Language::De);
        let pos = |code: &str| de.iter().position(|n| n.code == code).unwrap();
        // Ägypten sorts with the A, not after Z.
        assert!(pos("EG") < pos("AL"), "Ägypten before Albanien");
        let vi = countries(Language::Vi);
        assert_eq!(vi.len(), 249);
        assert!(
            vi.windows(2)
                .all(|w| by_name(w[0].name, w[1].name) != Ordering::Greater)
        );
    }
}
