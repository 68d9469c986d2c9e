//! Help in the product: `/help` explains, in the reader's language, each module the reader can
//! open. The modules bring their own topics (`WebModule::help`, texts in their own translation
//! files); this page only gathers those the reader's role sees, and every page's header links
//! to its module's part (`Layout::help_href`).

use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use standort_domain::Role;

use super::{Layout, render};
use crate::context::UserCtx;
use crate::i18n::{Tr, locales};
use crate::module::{WebModule, help_for, module_of};

pub(crate) const MODULE: WebModule = WebModule {
    name: "help",
    locales: locales!("help"),
    pages: || Router::new().route("/help", get(show)),
    ..WebModule::EMPTY
};

/// Where the header's help link of the page at `path` leads a user of `role`: that page's
/// module's part of the help when it has one the role may read, else the whole help.
pub fn href_for(path: &str, role: Role) -> String {
    match module_of(path) {
        Some(module) if !module.help.is_empty() && module.visible_to(role) => {
            format!("/help#{}", module.name)
        }
        _ => "/help".to_owned(),
    }
}

/// One module's part of the help page.
struct Section {
    /// The anchor (the module's name).
    id: &'static str,
    /// The module's name as the reader's navigation shows it.
    heading: String,
    topics: Vec<Topic>,
}

struct Topic {
    id: &'static str,
    title: String,
    paragraphs: Vec<String>,
}

#[derive(Template)]
#[template(path = "help.html")]
struct HelpPage<'a> {
    page: &'a Layout,
    sections: Vec<Section>,
}

fn sections(tr: &Tr, role: Role) -> Vec<Section> {
    help_for(role)
        .map(|module| Section {
            id: module.name,
            heading: module
                .nav
                .iter()
                .find(|entry| (entry.visible)(role))
                .map(|entry| tr.t(entry.label_key))
                .unwrap_or_default(),
            topics: module
                .help
                .iter()
                .map(|topic| Topic {
                    id: topic,
                    title: tr.t(format!("{topic}-title")),
                    paragraphs: tr
                        .t(format!("{topic}-text"))
                        .lines()
                        .map(str::trim)
                        .filter(|line| !line.is_empty())
                        .map(str::to_owned)
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

async fn show(UserCtx { ctx, actor }: UserCtx) -> Response {
    let layout = Layout::new(&ctx, "help-title");
    render(&HelpPage {
        sections: sections(&ctx.tr, actor.role()),
        page: &layout,
    })
}
