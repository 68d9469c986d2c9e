//! The letters Standort sends, written from the translation catalogue
//! (`locales/<lang>/accounts.ftl`) in the recipient's language: a subject, a plain-text body
//! and the same as simple HTML (every value escaped). Installed into the `App` by
//! [`crate::Application::build`].

use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use standort_app::mail::{Composed, Letter, Letters};
use standort_domain::Language;

use crate::Catalog;

/// [`Letters`] from the Fluent catalogue.
#[derive(Debug)]
pub struct CatalogLetters(pub Arc<Catalog>);

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A date and time for a message: UTC, unambiguous in every language.
fn when(unix: i64) -> String {
    crate::Tr::new(crate::CATALOG.clone(), Language::De).datetime(unix)
}

impl Letters for CatalogLetters {
    fn compose(&self, letter: &Letter, lang: Language) -> Composed {
        let t = |key: &str, args: &[(&str, &str)]| {
            let mut fa = FluentArgs::new();
            for (k, v) in args {
                fa.set(k.to_string(), FluentValue::from(v.to_string()));
            }
            self.0.format(lang, key, Some(&fa))
        };
        let (subject, greeting, body, action, expires, after, link) = match letter {
            Letter::Invitation {
                name,
                link,
                expires_at,
                candidate,
            } => (
                t("mail-invitation-subject", &[]),
                t("mail-greeting", &[("name", name)]),
                t(
                    if *candidate {
                        "mail-invitation-body-candidate"
                    } else {
                        "mail-invitation-body"
                    },
                    &[],
                ),
                t("mail-invitation-action", &[]),
                t("mail-link-expires", &[("expires", &when(*expires_at))]),
                t("mail-invitation-ignore", &[]),
                link,
            ),
            Letter::PasswordReset {
                name,
                link,
                expires_at,
            } => (
                t("mail-reset-subject", &[]),
                t("mail-greeting", &[("name", name)]),
                t("mail-reset-body", &[]),
                t("mail-reset-action", &[]),
                t("mail-link-expires", &[("expires", &when(*expires_at))]),
                t("mail-reset-ignore", &[]),
                link,
            ),
        };
        let footer = t("mail-footer", &[]);
        let text = format!(
            "{greeting}\n\n{body}\n\n{action}:\n{link}\n\n{expires}\n{after}\n\n-- \n{footer}\n"
        );
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject_e}</title></head>\
             <body>\n<p>{greeting}</p>\n<p>{body}</p>\n<p><a href=\"{link_e}\">{action}</a></p>\n\
             <p>{expires}<br>{after}</p>\n<p style=\"color:#555\">{footer}</p>\n</body></html>\n",
            lang = lang.code(),
            subject_e = escape(&subject),
            greeting = escape(&greeting),
            body = escape(&body),
            link_e = escape(link),
            action = escape(&action),
            expires = escape(&expires),
            after = escape(&after),
            footer = escape(&footer),
        );
        Composed {
            subject,
            text,
            html,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_written_in_the_recipients_language_and_escaped() {
        let letters = CatalogLetters(crate::CATALOG.clone());
        let letter = Letter::Invitation {
            name: "Nguyễn <Thị> Lan".into(),
            link: "https://standort.example/invitation/abc?x=1&y=2".into(),
            expires_at: 0,
            candidate: true,
        };
        let vi = letters.compose(&letter, Language::Vi);
        let de = letters.compose(&letter, Language::De);
        assert_ne!(vi.subject, de.subject);
        assert!(
            vi.text
                .contains("https://standort.example/invitation/abc?x=1&y=2")
        );
        assert!(vi.html.contains("x=1&amp;y=2"), "{}", vi.html);
        assert!(vi.html.contains("Nguyễn &lt;Thị&gt; Lan"), "{}", vi.html);
        assert!(vi.html.contains("lang=\"vi\""));
    }
}
