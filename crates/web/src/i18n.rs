//! Translation catalogues (Fluent, `locales/*.ftl`, compiled into the binary). German is the
//! default; English and Vietnamese are complete alternatives — a test fails when a key is
//! missing in one of them. Fluent applies CLDR plural rules per language (Vietnamese has one
//! form, German and English two).

use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use standort_domain::Language;

/// The catalogue sources, by language.
pub const SOURCES: [(Language, &str); 3] = [
    (Language::De, include_str!("../locales/de.ftl")),
    (Language::En, include_str!("../locales/en.ftl")),
    (Language::Vi, include_str!("../locales/vi.ftl")),
];

pub struct Catalog {
    bundles: Vec<(Language, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Catalog")
    }
}

impl Catalog {
    /// Parses the built-in catalogues; a syntax error is a programming error caught by tests.
    pub fn load() -> Catalog {
        let bundles = SOURCES
            .iter()
            .map(|(lang, source)| {
                let resource =
                    FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(_, errors)| {
                        panic!("syntax errors in {}.ftl: {errors:?}", lang.code())
                    });
                let langid: unic_langid::LanguageIdentifier =
                    lang.code().parse().expect("language id");
                let mut bundle = FluentBundle::new_concurrent(vec![langid]);
                // No Unicode isolation marks around arguments: they end up in attributes and tests.
                bundle.set_use_isolating(false);
                bundle.add_resource(resource).expect("no duplicate keys");
                (*lang, bundle)
            })
            .collect();
        Catalog { bundles }
    }

    fn bundle(&self, lang: Language) -> &FluentBundle<FluentResource> {
        &self
            .bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("all languages loaded")
            .1
    }

    /// The message for `key`; a missing key renders as the key itself (and is logged), which
    /// the catalogue tests prevent from shipping.
    pub fn format(&self, lang: Language, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing translation");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, ?errors, "translation formatting errors");
        }
        text.into_owned()
    }

    pub fn has(&self, lang: Language, key: &str) -> bool {
        self.bundle(lang).has_message(key)
    }
}

/// The catalogue bound to the language of one request; templates call its methods.
#[derive(Clone, Debug)]
pub struct Tr {
    catalog: Arc<Catalog>,
    pub lang: Language,
}

impl Tr {
    pub fn new(catalog: Arc<Catalog>, lang: Language) -> Tr {
        Tr { catalog, lang }
    }

    pub fn t(&self, key: impl AsRef<str>) -> String {
        self.catalog.format(self.lang, key.as_ref(), None)
    }

    /// The name of a role in this language.
    pub fn role(&self, role: &standort_domain::Role) -> String {
        self.t(format!("role-{}", role.as_str()))
    }

    /// The name of an organisation kind in this language.
    pub fn org_kind(&self, kind: &standort_domain::OrgKind) -> String {
        self.t(format!("orgkind-{}", kind.as_str()))
    }

    /// With one text argument.
    pub fn ts(&self, key: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(value.to_owned()));
        self.catalog.format(self.lang, key, Some(&args))
    }

    /// With two text arguments.
    pub fn ts2(&self, key: &str, n1: &str, v1: &str, n2: &str, v2: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(n1.to_owned(), FluentValue::from(v1.to_owned()));
        args.set(n2.to_owned(), FluentValue::from(v2.to_owned()));
        self.catalog.format(self.lang, key, Some(&args))
    }

    /// With one number argument (plural rules apply).
    pub fn tn(&self, key: &str, name: &str, n: i64) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(n));
        self.catalog.format(self.lang, key, Some(&args))
    }

    /// With several number arguments.
    pub fn tnn(&self, key: &str, values: &[(&str, i64)]) -> String {
        let mut args = FluentArgs::new();
        for (name, n) in values {
            args.set(name.to_string(), FluentValue::from(*n));
        }
        self.catalog.format(self.lang, key, Some(&args))
    }

    /// Formats a Unix timestamp for display (UTC, ISO-like, unambiguous in all three languages).
    pub fn datetime(&self, unix: impl std::borrow::Borrow<i64>) -> String {
        time::OffsetDateTime::from_unix_timestamp(*unix.borrow())
            .map(|t| {
                format!(
                    "{:04}-{:02}-{:02} {:02}:{:02} UTC",
                    t.year(),
                    u8::from(t.month()),
                    t.day(),
                    t.hour(),
                    t.minute()
                )
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(source: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_owned()).expect("catalogue parses");
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_key() {
        let de = keys(SOURCES[0].1);
        for (lang, source) in &SOURCES[1..] {
            let other = keys(source);
            let missing: Vec<_> = de.difference(&other).collect();
            let extra: Vec<_> = other.difference(&de).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, extra {extra:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn every_spoken_language_and_level_has_a_name() {
        let c = Catalog::load();
        for lang in [Language::De, Language::En, Language::Vi] {
            for code in standort_app::recruitment::LANGUAGES {
                assert!(
                    c.has(lang, &format!("language-name-{code}")),
                    "{}: language-name-{code}",
                    lang.code()
                );
            }
            assert!(c.has(lang, "language-level-native"));
        }
    }

    #[test]
    fn every_assumption_kind_has_a_name() {
        // The page builds these keys from the kind (`dm-kind-{kind}`), so a missing one would
        // show the key itself.
        let c = Catalog::load();
        for lang in [Language::De, Language::En, Language::Vi] {
            for kind in standort_demography::service::Kind::ALL {
                let key = format!("dm-kind-{}", kind.as_str());
                assert!(c.has(lang, &key), "{}: {key}", lang.code());
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let c = Arc::new(Catalog::load());
        let de = Tr::new(c.clone(), Language::De);
        assert_eq!(
            de.tn("organisations-count", "count", 1),
            "Eine Organisation"
        );
        assert_eq!(de.tn("organisations-count", "count", 3), "3 Organisationen");
        let vi = Tr::new(c, Language::Vi);
        assert_eq!(vi.tn("organisations-count", "count", 1), "1 tổ chức");
    }
}
