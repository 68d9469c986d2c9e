//! Translation catalogues (Fluent, compiled into the binary), one file per module and language:
//! `locales/<lang>/<file>.ftl`. A module declares its files in its registry entry
//! (`locales: locales!("placements")` in its `WebModule`, see `crate::module::MODULES`), and
//! [`Catalog::load`] adds every registered file to its language's bundle. German is the default; English and Vietnamese are complete alternatives. Tests fail
//! when a key is missing from a file in one language, when two files define the same key, or
//! when a file under `locales/<lang>/` is not registered. Fluent applies CLDR plural rules per
//! language (Vietnamese has one form, German and English two).

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use standort_domain::Language;

use crate::format::{self, TimeZone};

/// One translation file, `locales/<lang>/<name>.ftl`, in every language.
#[derive(Clone, Copy, Debug)]
pub struct LocaleFile {
    pub name: &'static str,
    /// The file's text per language, in the order of [`Language::ALL`].
    pub sources: [(Language, &'static str); 3],
}

impl LocaleFile {
    /// The file's text in `lang`.
    pub fn source(&self, lang: Language) -> &'static str {
        self.sources
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("every language")
            .1
    }

    /// The file's path under the crate, for messages.
    pub fn path(&self, lang: Language) -> String {
        format!("locales/{}/{}.ftl", lang.code(), self.name)
    }
}

/// The translation files of one module, declared with [`locales!`].
pub type ModuleLocales = &'static [LocaleFile];

/// `locales!("recruitment", "esco")`: the module's files `locales/{de,en,vi}/<name>.ftl`,
/// compiled in — a file missing in one language fails the build.
macro_rules! locales {
    ($($name:literal),+ $(,)?) => {
        &[$($crate::i18n::LocaleFile {
            name: $name,
            sources: [
                (
                    ::standort_domain::Language::De,
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/de/", $name, ".ftl")),
                ),
                (
                    ::standort_domain::Language::En,
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en/", $name, ".ftl")),
                ),
                (
                    ::standort_domain::Language::Vi,
                    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/locales/vi/", $name, ".ftl")),
                ),
            ],
        }),+]
    };
}
pub(crate) use locales;

/// Every registered file, in registry order.
fn registered_files() -> impl Iterator<Item = &'static LocaleFile> + Clone {
    crate::module::MODULES
        .iter()
        .flat_map(|module| module.locales.iter())
}

/// The ids a file defines: its messages, and its terms with their leading `-`.
fn entry_ids(resource: &FluentResource) -> impl Iterator<Item = String> + '_ {
    resource.entries().filter_map(|entry| match entry {
        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
        fluent_syntax::ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
        _ => None,
    })
}

/// Whole numbers in messages ("{ $count } Kandidaten") as the pages write them, through
/// [`crate::format`]: `1.234 Kandidaten`, `1,234 candidates`. Fluent still chooses the plural
/// form from the number; this only writes it. A number passed without grouping, or with a
/// fraction, is left to Fluent.
fn fluent_number(lang: Language, value: &FluentValue) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let whole = n.value.fract() == 0.0 && n.value.abs() < 9.0e15;
    (n.options.use_grouping && whole && n.options.minimum_fraction_digits.is_none())
        .then(|| format::number(lang, n.value as i64))
}

fn numbers_de<M>(value: &FluentValue, _: &M) -> Option<String> {
    fluent_number(Language::De, value)
}

fn numbers_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    fluent_number(Language::En, value)
}

fn numbers_vi<M>(value: &FluentValue, _: &M) -> Option<String> {
    fluent_number(Language::Vi, value)
}

pub struct Catalog {
    bundles: Vec<(Language, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Catalog")
    }
}

impl Catalog {
    /// Parses the built-in catalogues; an error is a programming error caught by tests.
    pub fn load() -> Catalog {
        Catalog::from_files(registered_files()).unwrap_or_else(|error| panic!("{error}"))
    }

    /// One bundle per language from all files. A syntax error, or a key that a second file
    /// defines again, is refused with the file's path (and the key and the other file).
    fn from_files<'f>(
        files: impl IntoIterator<Item = &'f LocaleFile> + Clone,
    ) -> Result<Catalog, String> {
        let mut bundles = Vec::new();
        for lang in Language::ALL {
            let langid: unic_langid::LanguageIdentifier = lang.code().parse().expect("language id");
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // No Unicode isolation marks around arguments: they end up in attributes and tests.
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(match lang {
                Language::De => numbers_de,
                Language::En => numbers_en,
                Language::Vi => numbers_vi,
            }));
            let mut defined_in: HashMap<String, String> = HashMap::new();
            for file in files.clone() {
                let path = file.path(lang);
                let resource = FluentResource::try_new(file.source(lang).to_owned())
                    .map_err(|(_, errors)| format!("syntax errors in {path}: {errors:?}"))?;
                for id in entry_ids(&resource) {
                    if let Some(first) = defined_in.insert(id.clone(), path.clone()) {
                        return Err(format!("{path}: `{id}` is already defined in {first}"));
                    }
                }
                bundle
                    .add_resource(resource)
                    .map_err(|errors| format!("{path}: {errors:?}"))?;
            }
            bundles.push((lang, bundle));
        }
        Ok(Catalog { bundles })
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

/// One option of a country or language select.
#[derive(Clone, Copy, Debug)]
pub struct IsoChoice {
    pub code: &'static str,
    pub name: &'static str,
    pub selected: bool,
}

/// The catalogue bound to the language of one request, with the installation's time zone;
/// templates call its methods. Dates, times and numbers go through [`crate::format`] here
/// (`tr.date`, `tr.datetime`, `tr.number`, `tr.decimal`), so every page writes them alike.
#[derive(Clone, Debug)]
pub struct Tr {
    catalog: Arc<Catalog>,
    pub lang: Language,
    /// The installation's time zone (`WebSettings::time_zone`).
    pub zone: TimeZone,
}

impl Tr {
    pub fn new(catalog: Arc<Catalog>, lang: Language, zone: TimeZone) -> Tr {
        Tr {
            catalog,
            lang,
            zone,
        }
    }

    /// The same catalogue and zone in another language (a letter in its recipient's).
    pub fn in_language(&self, lang: Language) -> Tr {
        Tr::new(self.catalog.clone(), lang, self.zone)
    }

    pub fn t(&self, key: impl AsRef<str>) -> String {
        self.catalog.format(self.lang, key.as_ref(), None)
    }

    /// Whether this language has a message for `key`: for keys made from data (an audit
    /// entry's action), which fall back to a general message where there is none.
    pub fn has(&self, key: &str) -> bool {
        self.catalog.has(self.lang, key)
    }

    /// The name of a role in this language.
    pub fn role(&self, role: &standort_domain::Role) -> String {
        self.t(format!("role-{}", role.as_str()))
    }

    /// The name of an organisation kind in this language.
    pub fn org_kind(&self, kind: &standort_domain::OrgKind) -> String {
        self.t(format!("orgkind-{}", kind.as_str()))
    }

    /// Every country (ISO 3166-1 alpha-2) with its CLDR name in this language, sorted by that
    /// name, `selected` marked: the options of a country select.
    pub fn country_options(&self, selected: &str) -> Vec<IsoChoice> {
        standort_domain::iso::countries(self.lang)
            .into_iter()
            .map(|n| IsoChoice {
                code: n.code,
                name: n.name,
                selected: n.code.eq_ignore_ascii_case(selected.trim()),
            })
            .collect()
    }

    /// Every language (ISO 639-1) with its CLDR name in this language, sorted by that name.
    pub fn language_options(&self, selected: &str) -> Vec<IsoChoice> {
        standort_domain::iso::languages(self.lang)
            .into_iter()
            .map(|n| IsoChoice {
                code: n.code,
                name: n.name,
                selected: n.code.eq_ignore_ascii_case(selected.trim()),
            })
            .collect()
    }

    /// A country's name in this language; an unknown code (a record older than the check) is
    /// shown as it is.
    pub fn country(&self, code: &str) -> String {
        standort_domain::iso::country_name(code, self.lang)
            .map(str::to_owned)
            .unwrap_or_else(|| code.to_owned())
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

    /// With several text arguments.
    pub fn targs(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, v) in values {
            args.set(name.to_string(), FluentValue::from(v.to_string()));
        }
        self.catalog.format(self.lang, key, Some(&args))
    }

    /// With one number argument (plural rules apply).
    pub fn tn(&self, key: &str, name: &str, n: i64) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(n));
        self.catalog.format(self.lang, key, Some(&args))
    }

    /// With text and number arguments (plural rules apply to the numbers).
    pub fn targs_n(&self, key: &str, texts: &[(&str, &str)], numbers: &[(&str, i64)]) -> String {
        let mut args = FluentArgs::new();
        for (name, v) in texts {
            args.set(name.to_string(), FluentValue::from(v.to_string()));
        }
        for (name, n) in numbers {
            args.set(name.to_string(), FluentValue::from(*n));
        }
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

    /// A moment (Unix seconds) in the installation's time zone: `04.10.2026, 14:30`.
    pub fn datetime(&self, unix: impl std::borrow::Borrow<i64>) -> String {
        format::datetime(self.lang, self.zone, *unix.borrow())
    }

    /// A stored date (Unix seconds at 00:00 UTC): `04.10.2026`; `None` is a dash.
    pub fn date(&self, unix: impl format::When) -> String {
        unix.when()
            .map_or_else(|| "–".into(), |d| format::date(self.lang, d))
    }

    /// A day number (days since 1970-01-01, the engines' count): `04.10.2026`; `None` is a dash.
    pub fn day(&self, day: impl format::When) -> String {
        day.when()
            .map_or_else(|| "–".into(), |d| format::day(self.lang, d))
    }

    /// The day on which a moment (Unix seconds) falls in the installation's time zone:
    /// "created on" of a timestamp.
    pub fn date_of(&self, unix: impl format::When) -> String {
        unix.when().map_or_else(
            || "–".into(),
            |t| format::date(self.lang, self.zone.day_of(t)),
        )
    }

    /// A whole number with the language's grouping: `1.234`.
    pub fn number(&self, n: impl format::Whole) -> String {
        format::number(self.lang, n.whole())
    }

    /// A number with `digits` decimals: `1.234,5`.
    pub fn decimal(&self, v: f64, digits: u8) -> String {
        format::decimal(self.lang, v, digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(file: &LocaleFile, lang: Language) -> BTreeSet<String> {
        let resource = FluentResource::try_new(file.source(lang).to_owned())
            .unwrap_or_else(|_| panic!("{} parses", file.path(lang)));
        entry_ids(&resource).collect()
    }

    /// Every file in `locales/<lang>/`, read at test time so that a file nobody
    /// registered is seen.
    fn files_on_disk(lang: Language) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(lang.code());
        std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("directory entry").file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .collect()
    }

    /// The labels of a template whose words are all translation keys, each as its keys in
    /// order. A label that also shows a value (`{{ s.label }}`, a step's name) is left out: its
    /// accessible name differs from record to record.
    fn static_labels(template: &str) -> Vec<Vec<String>> {
        let mut labels = Vec::new();
        'labels: for part in template.split("<label").skip(1) {
            let label = part.split("</label>").next().unwrap_or_default();
            let mut keys = Vec::new();
            for expression in label.split("{{").skip(1) {
                let expression = expression.split("}}").next().unwrap_or_default().trim();
                match expression
                    .strip_prefix("page.tr.t(\"")
                    .and_then(|k| k.strip_suffix("\")"))
                {
                    Some(key) => keys.push(key.to_owned()),
                    None => continue 'labels,
                }
            }
            if !keys.is_empty() {
                labels.push(keys);
            }
        }
        labels
    }

    /// Two fields of one page with the same label are one name to a screen reader (WCAG 2.4.6,
    /// axe's duplicate-name check in the browser tests): every template's labels differ in every
    /// language, also on pages the browser tests do not reach.
    #[test]
    fn the_labels_of_a_page_differ_in_every_language() {
        let catalog = Arc::new(Catalog::load());
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut problems = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("templates") {
            let path = entry.expect("directory entry").path();
            let template = std::fs::read_to_string(&path).expect("a template");
            // One label repeated (a form per record, a field per fieldset) is told apart by its
            // group, which the browser tests check; here: different labels that one language
            // translates alike.
            let mut labels = static_labels(&template);
            labels.sort();
            labels.dedup();
            for lang in [Language::De, Language::En, Language::Vi] {
                let tr = Tr::new(catalog.clone(), lang, TimeZone::DEFAULT);
                let mut seen: std::collections::HashMap<String, &Vec<String>> = Default::default();
                for keys in &labels {
                    let name: Vec<String> = keys.iter().map(|k| tr.t(k)).collect();
                    let name = name.join(" ");
                    if let Some(other) = seen.insert(name.clone(), keys) {
                        problems.push(format!(
                            "{} in {}: {other:?} and {keys:?} both read {name:?}",
                            path.file_name().unwrap().to_string_lossy(),
                            lang.code(),
                        ));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// Help pointed into the repository (`docs/demography.md`), which a user of the product
    /// cannot open: what the interface says points to places in the product (`/help`).
    #[test]
    fn no_text_points_into_the_repository() {
        let mut problems = Vec::new();
        for file in registered_files() {
            for lang in Language::ALL {
                let path = file.path(lang);
                for (n, line) in file.source(lang).lines().enumerate() {
                    let is_comment = line.trim_start().starts_with('#');
                    if !is_comment && (line.contains("docs/") || line.contains(".md")) {
                        problems.push(format!("{path}:{}: {line}", n + 1));
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_language_has_every_key_of_each_file() {
        let mut problems = Vec::new();
        for file in registered_files() {
            let de = keys(file, Language::De);
            for lang in [Language::En, Language::Vi] {
                let other = keys(file, lang);
                let missing: Vec<_> = de.difference(&other).collect();
                let extra: Vec<_> = other.difference(&de).collect();
                if !missing.is_empty() {
                    problems.push(format!(
                        "{} lacks {missing:?} (present in {})",
                        file.path(lang),
                        file.path(Language::De)
                    ));
                }
                if !extra.is_empty() {
                    problems.push(format!(
                        "{} has {extra:?}, missing in {}",
                        file.path(lang),
                        file.path(Language::De)
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn every_file_in_the_locales_folders_is_registered() {
        let registered: BTreeSet<String> = registered_files()
            .map(|file| format!("{}.ftl", file.name))
            .collect();
        for lang in Language::ALL {
            let unregistered: Vec<_> = files_on_disk(lang)
                .into_iter()
                .filter(|name| !registered.contains(name))
                .map(|name| format!("locales/{}/{name}", lang.code()))
                .collect();
            assert!(
                unregistered.is_empty(),
                "not registered (declare it with `locales!` in its module's `WebModule` and list \
                 the module in `module::MODULES`): {unregistered:?}"
            );
        }
    }

    #[test]
    fn every_language_has_the_same_files() {
        let on_disk: Vec<_> = Language::ALL
            .into_iter()
            .map(|lang| (lang, files_on_disk(lang)))
            .collect();
        let all: BTreeSet<&String> = on_disk.iter().flat_map(|(_, files)| files).collect();
        let missing: Vec<_> = on_disk
            .iter()
            .flat_map(|(lang, files)| {
                all.iter()
                    .filter(|name| !files.contains(**name))
                    .map(move |name| format!("locales/{}/{name}", lang.code()))
            })
            .collect();
        assert!(missing.is_empty(), "missing files: {missing:?}");
    }

    #[test]
    fn locales_holds_one_folder_per_language_and_nothing_else() {
        // A flat `locales/de.ftl` (say, from merging an older branch) would be silently ignored.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let found: BTreeSet<String> = std::fs::read_dir(&dir)
            .expect("locales folder")
            .map(|entry| entry.expect("directory entry").file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .collect();
        let languages: BTreeSet<String> = Language::ALL
            .iter()
            .map(|lang| lang.code().to_owned())
            .collect();
        assert_eq!(found, languages, "locales/ holds one folder per language");
    }

    #[test]
    fn registry_names_each_file_once_in_every_language() {
        let mut seen = BTreeSet::new();
        for file in registered_files() {
            assert!(seen.insert(file.name), "{}.ftl registered twice", file.name);
            let langs: Vec<_> = file.sources.iter().map(|(lang, _)| *lang).collect();
            assert_eq!(
                langs,
                Language::ALL,
                "{}: one source per language",
                file.name
            );
        }
    }

    #[test]
    fn no_key_is_defined_in_two_files() {
        if let Err(error) = Catalog::from_files(registered_files()) {
            panic!("{error}");
        }
    }

    #[test]
    fn a_key_in_two_files_is_refused_with_both_files_and_the_key() {
        const A: &str = "only-a = A\nshared = A\n";
        const B: &str = "shared = B\n";
        let files = [
            LocaleFile {
                name: "first",
                sources: [(Language::De, A), (Language::En, A), (Language::Vi, A)],
            },
            LocaleFile {
                name: "second",
                sources: [(Language::De, B), (Language::En, B), (Language::Vi, B)],
            },
        ];
        let error = Catalog::from_files(&files).expect_err("duplicate refused");
        assert_eq!(
            error,
            "locales/de/second.ftl: `shared` is already defined in locales/de/first.ftl"
        );
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
        let de = Tr::new(c.clone(), Language::De, TimeZone::DEFAULT);
        assert_eq!(
            de.tn("organisations-count", "count", 1),
            "Eine Organisation"
        );
        assert_eq!(de.tn("organisations-count", "count", 3), "3 Organisationen");
        let vi = Tr::new(c.clone(), Language::Vi, TimeZone::DEFAULT);
        assert_eq!(vi.tn("organisations-count", "count", 1), "1 tổ chức");
        // The plural follows the number it belongs to, not the first number of the message.
        let board = |tr: &Tr, placed, target| {
            tr.tnn("board-size", &[("placed", placed), ("target", target)])
        };
        assert_eq!(board(&de, 0, 1), "0 von 1 geplanten Person vermittelt");
        assert_eq!(board(&de, 1, 12), "1 von 12 geplanten Personen vermittelt");
        let en = Tr::new(c.clone(), Language::En, TimeZone::DEFAULT);
        assert_eq!(board(&en, 1, 1), "1 of 1 planned person placed");
        assert_eq!(
            de.tn("network-import-more", "count", 1),
            "… und ein weiterer Fehler."
        );
        assert_eq!(
            de.tn("network-import-more", "count", 4),
            "… und 4 weitere Fehler."
        );
    }

    #[test]
    fn numbers_in_messages_are_grouped_as_the_language_writes_them() {
        let c = Arc::new(Catalog::load());
        let tr = |lang| Tr::new(c.clone(), lang, TimeZone::DEFAULT);
        assert_eq!(
            tr(Language::De).tn("organisations-count", "count", 1234),
            "1.234 Organisationen"
        );
        assert_eq!(
            tr(Language::En).tn("organisations-count", "count", 1234),
            "1,234 organisations"
        );
        assert_eq!(
            tr(Language::Vi).tn("organisations-count", "count", 1234),
            "1.234 tổ chức"
        );
        // The same formatter the pages use.
        assert_eq!(tr(Language::De).number(1234), "1.234");
        assert_eq!(tr(Language::De).decimal(-1234.5, 1), "-1.234,5");
        assert_eq!(tr(Language::En).date(Some(1_791_072_000)), "4 Oct 2026");
        assert_eq!(tr(Language::De).date(None::<i64>), "–");
    }
}
