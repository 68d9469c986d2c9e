//! The letters Standort sends, written from the translation catalogue
//! (`locales/<lang>/accounts.ftl`) in the recipient's language: a subject, a plain-text body
//! and the same as simple HTML (every value escaped). Installed into the `App` by
//! [`crate::Application::build`].

use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use standort_app::mail::{Composed, Letter, Letters};
use standort_domain::Language;

use crate::Catalog;
use crate::format::TimeZone;
use crate::pages::notifications;

/// [`Letters`] from the Fluent catalogue; times in the installation's time zone.
#[derive(Debug)]
pub struct CatalogLetters(pub Arc<Catalog>, pub TimeZone);

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

impl Letters for CatalogLetters {
    fn compose(&self, letter: &Letter, lang: Language) -> Composed {
        let t = |key: &str, args: &[(&str, &str)]| {
            let mut fa = FluentArgs::new();
            for (k, v) in args {
                fa.set(k.to_string(), FluentValue::from(v.to_string()));
            }
            self.0.format(lang, key, Some(&fa))
        };
        // A date and time as the recipient's language writes it, in the installation's zone.
        let when = |unix: i64| crate::format::datetime(lang, self.1, unix);
        if let Some(composed) = self.compose_notification(letter, lang) {
            return composed;
        }
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
            Letter::Notification { .. } | Letter::Digest { .. } => {
                unreachable!("written by compose_notification")
            }
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

impl CatalogLetters {
    /// A notification sent at once, or the daily digest: the greeting, each notification's
    /// text (as the list in Standort writes it) with its link, and where to change what is sent.
    fn compose_notification(&self, letter: &Letter, lang: Language) -> Option<Composed> {
        let tr = crate::Tr::new(self.0.clone(), lang, self.1);
        let (name, subject, intro, notices, more, list, settings) = match letter {
            Letter::Notification {
                name,
                notice,
                settings,
            } => (
                name,
                tr.ts(
                    "mail-notification-subject",
                    "kind",
                    &notifications::kind_label(&tr, notice.kind),
                ),
                None,
                std::slice::from_ref(notice),
                0,
                None,
                settings,
            ),
            Letter::Digest {
                name,
                notices,
                more,
                list,
                settings,
            } => (
                name,
                tr.t("mail-digest-subject"),
                Some(tr.t("mail-digest-intro")),
                notices.as_slice(),
                *more,
                Some(list),
                settings,
            ),
            _ => return None,
        };
        let greeting = tr.ts("mail-greeting", "name", name);
        let open = tr.t("mail-notification-open");
        let lines: Vec<(String, &str)> = notices
            .iter()
            .map(|n| {
                (
                    notifications::notice_text(&tr, n.kind, &n.params, n.due_on),
                    n.link.as_str(),
                )
            })
            .collect();
        let more_text = (more > 0).then(|| tr.tn("mail-digest-more", "count", more as i64));
        let settings_text = tr.t("mail-notification-settings");
        let footer = tr.t("mail-footer");
        let mut text = format!("{greeting}\n\n");
        let mut html = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject_e}</title></head>\
             <body>\n<p>{greeting_e}</p>\n",
            lang = lang.code(),
            subject_e = escape(&subject),
            greeting_e = escape(&greeting),
        );
        if let Some(intro) = &intro {
            text.push_str(&format!("{intro}\n\n"));
            html.push_str(&format!("<p>{}</p>\n", escape(intro)));
        }
        html.push_str("<ul>\n");
        for (line, link) in &lines {
            text.push_str(&format!("- {line}\n  {open}: {link}\n"));
            html.push_str(&format!(
                "<li><a href=\"{}\">{}</a></li>\n",
                escape(link),
                escape(line)
            ));
        }
        html.push_str("</ul>\n");
        if let Some(more) = &more_text {
            text.push_str(&format!("{more}\n"));
            html.push_str(&format!("<p>{}</p>\n", escape(more)));
        }
        if let Some(list) = list {
            let label = tr.t("mail-notification-list");
            text.push_str(&format!("\n{label}: {list}\n"));
            html.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>\n",
                escape(list),
                escape(&label)
            ));
        }
        text.push_str(&format!("\n{settings_text}\n{settings}\n\n-- \n{footer}\n"));
        html.push_str(&format!(
            "<p>{} <a href=\"{}\">{}</a></p>\n<p style=\"color:#555\">{}</p>\n</body></html>\n",
            escape(&settings_text),
            escape(settings),
            escape(settings),
            escape(&footer)
        ));
        Some(Composed {
            subject,
            text,
            html,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_written_in_the_recipients_language_and_escaped() {
        let letters = CatalogLetters(crate::CATALOG.clone(), TimeZone::DEFAULT);
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
