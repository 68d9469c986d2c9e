//! The web layer's module registry. Each module declares, in its own page file, one
//! [`WebModule`]: its page routes, its API routes, its part of the OpenAPI document, its
//! navigation entries and its translation files. [`MODULES`] lists them, one line each, and the
//! shared code assembles everything from that list — the router (`pages::routes`,
//! `api::routes`), the navigation (`pages::Layout`), the OpenAPI document (`api::openapi_doc`)
//! and the translation catalogue (`i18n::Catalog::load`). A new module adds its folder and one
//! line here.
//!
//! Who sees a navigation entry is decided by `standort_app::policy::allows`, so `policy.rs`
//! stays the one place where permissions are decided; the pages themselves check again.

use axum::Router;
use standort_domain::Role;

use crate::AppState;
use crate::i18n::ModuleLocales;
use crate::pages;

/// One module of the web layer.
pub struct WebModule {
    /// For messages (tests name the module that lacks something).
    pub name: &'static str,
    /// `locales!(…)`: its files `locales/<lang>/<name>.ftl`.
    pub locales: ModuleLocales,
    /// Its page routes (the shell adds the session, CSRF and body-limit layers around all).
    pub pages: fn() -> Router<AppState>,
    /// Its public routes: pages anyone may open without login (the regional showcase). They
    /// sit outside the session and CSRF layer: no session is looked up and no cookie is set,
    /// so their answers can be cached; they take their language from the URL (`?lang=`) and
    /// must not accept state-changing requests that rely on a CSRF token. It is given the
    /// app's state for layers of its own (the showcase's answer cache).
    pub public: fn(&AppState) -> Router<AppState>,
    /// Its routes under `/api/v1`, written without that prefix.
    pub api: fn() -> Router<AppState>,
    /// Its part of the OpenAPI document (paths written with `/api/v1`), merged into the
    /// document's frame (`api::ApiDoc`).
    pub openapi: fn() -> utoipa::openapi::OpenApi,
    /// Its entries in the main navigation, in order.
    pub nav: &'static [NavEntry],
    /// Its help topics, in order: each key `K` has `K-title` and `K-text` (one paragraph per
    /// line) in the module's own translation files. `/help` shows them to the roles that see
    /// one of the module's navigation entries, so help never describes a page the reader
    /// cannot open; every page's header links to its module's part of the help.
    pub help: &'static [&'static str],
}

impl WebModule {
    /// A module without pages, API or navigation yet: start from this and fill in what it has.
    pub const EMPTY: WebModule = WebModule {
        name: "",
        locales: &[],
        pages: Router::new,
        public: |_| Router::new(),
        api: Router::new,
        openapi: utoipa::openapi::OpenApi::default,
        nav: &[],
        help: &[],
    };
}

/// An entry of the main navigation.
pub struct NavEntry {
    pub href: &'static str,
    /// The translation key of its label.
    pub label_key: &'static str,
    /// Whether a user of this role sees it (through `policy::allows`).
    pub visible: fn(Role) -> bool,
}

/// Every module, one line each. The order is the order of the navigation.
pub const MODULES: &[WebModule] = &[
    pages::SHELL,
    pages::auth::MODULE,
    pages::dashboard::MODULE,
    pages::portal::MODULE,
    pages::organisations::MODULE,
    pages::demography::MODULE,
    pages::recruitment::MODULE,
    pages::placements::MODULE,
    pages::procurement::MODULE,
    pages::network::MODULE,
    pages::showcase::MODULE,
    pages::admin::MODULE,
    pages::accounts::MODULE,
    pages::account::MODULE,
    pages::notifications::MODULE,
    pages::help::MODULE,
];

/// The navigation entries a user of `role` sees, in order.
pub fn nav_for(role: Role) -> impl Iterator<Item = &'static NavEntry> {
    MODULES
        .iter()
        .flat_map(|module| module.nav.iter())
        .filter(move |entry| (entry.visible)(role))
}

impl WebModule {
    /// Whether a user of `role` sees one of this module's navigation entries.
    pub fn visible_to(&self, role: Role) -> bool {
        self.nav.iter().any(|entry| (entry.visible)(role))
    }
}

/// The modules with help for `role`, in the registry's order.
pub fn help_for(role: Role) -> impl Iterator<Item = &'static WebModule> {
    MODULES
        .iter()
        .filter(move |module| !module.help.is_empty() && module.visible_to(role))
}

/// The module a page belongs to: the one with the navigation entry the path lies under.
pub fn module_of(path: &str) -> Option<&'static WebModule> {
    MODULES.iter().find(|module| {
        module.nav.iter().any(|entry| {
            path == entry.href
                || path.starts_with(&format!("{}/", entry.href))
                || path.starts_with(&format!("{}?", entry.href))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn module_names_are_unique_and_set() {
        let mut seen = BTreeSet::new();
        for module in MODULES {
            assert!(!module.name.is_empty(), "a module without a name");
            assert!(seen.insert(module.name), "{} listed twice", module.name);
        }
    }

    #[test]
    fn each_navigation_entry_is_declared_once_with_a_label_in_every_language() {
        let catalog = crate::Catalog::load();
        let mut hrefs = BTreeSet::new();
        for module in MODULES {
            for entry in module.nav {
                assert!(hrefs.insert(entry.href), "{} twice", entry.href);
                for lang in standort_domain::Language::ALL {
                    assert!(
                        catalog.has(lang, entry.label_key),
                        "{}: {} has no `{}` in {}",
                        module.name,
                        entry.href,
                        entry.label_key,
                        lang.code()
                    );
                }
            }
        }
    }

    /// Help that no role can reach, or that a language lacks, would be a dead end: each topic
    /// has its title and text in every language, a module with help has a navigation entry
    /// (help is shown to the roles that see one), and every role finds help for each module in
    /// its navigation.
    #[test]
    fn help_exists_in_every_language_for_every_module_a_role_sees() {
        let catalog = crate::Catalog::load();
        for module in MODULES.iter().filter(|m| !m.help.is_empty()) {
            assert!(
                !module.nav.is_empty(),
                "{}: help without a page",
                module.name
            );
            for topic in module.help {
                for lang in standort_domain::Language::ALL {
                    for part in ["title", "text"] {
                        let key = format!("{topic}-{part}");
                        assert!(
                            catalog.has(lang, &key),
                            "{}: no `{key}` in {}",
                            module.name,
                            lang.code()
                        );
                    }
                }
            }
        }
        for role in Role::ALL {
            for module in MODULES.iter().filter(|m| m.visible_to(role)) {
                assert!(
                    !module.help.is_empty(),
                    "{} sees {} but finds no help for it",
                    role.as_str(),
                    module.name
                );
            }
        }
    }

    /// The navigation as it was before the modules registered themselves (the hand-written
    /// chain in `Layout::new`), per role: the registry must keep it entry for entry. Entries of
    /// modules added since are left out of the comparison, so a new module does not edit this.
    #[test]
    fn every_role_sees_the_navigation_it_saw_before() {
        use Role::*;
        let expected: &[(Role, &[&str])] = &[
            (
                Administrator,
                &[
                    "/dashboard",
                    "/organisations",
                    "/demography",
                    "/admin/users",
                    "/admin/audit",
                    "/account",
                ],
            ),
            (
                AgencyStaff,
                &[
                    "/dashboard",
                    "/organisations",
                    "/demography",
                    "/recruitment/candidates",
                    "/recruitment/positions",
                    "/esco/search",
                    "/placements",
                    "/programmes",
                    "/account",
                ],
            ),
            (
                Employer,
                &[
                    "/dashboard",
                    "/organisations",
                    "/recruitment/candidates",
                    "/recruitment/positions",
                    "/esco/search",
                    "/placements",
                    "/account",
                ],
            ),
            (
                JobCounsellor,
                &[
                    "/dashboard",
                    "/organisations",
                    "/recruitment/candidates",
                    "/recruitment/positions",
                    "/esco/search",
                    "/placements",
                    "/programmes",
                    "/account",
                ],
            ),
            (ClinicBuyer, &["/dashboard", "/organisations", "/account"]),
            (
                Planner,
                &["/dashboard", "/organisations", "/demography", "/account"],
            ),
            (
                Candidate,
                &[
                    "/dashboard",
                    "/portal",
                    "/recruitment/my-profile",
                    "/placements",
                    "/account",
                ],
            ),
            (Producer, &["/dashboard", "/organisations", "/account"]),
            (PartnerAgency, &["/dashboard", "/organisations", "/account"]),
        ];
        assert_eq!(expected.len(), Role::ALL.len(), "every role listed");
        let pinned: BTreeSet<&str> = expected
            .iter()
            .flat_map(|(_, hrefs)| hrefs.iter().copied())
            .collect();
        for (role, hrefs) in expected {
            let got: Vec<&str> = nav_for(*role)
                .map(|entry| entry.href)
                .filter(|href| pinned.contains(href))
                .collect();
            assert_eq!(&got, hrefs, "navigation of {role:?}");
        }
    }
}
