//! What the public pages share: the language from the URL, the page frame (its own header
//! without login controls, language links that keep the page, hreflang alternates, Open
//! Graph), conditional answers (ETag from the body, Last-Modified from the catalogue's latest
//! change, Cache-Control), and the labels of the vocabularies.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use standort_domain::Language;
use standort_domain::showcase::{Category, QualityLabel, Unit, WEEKDAYS, format_time};
use standort_store::showcase::{Hours, text_in};

use crate::AppState;
use crate::error::{Failure, PageError};
use crate::i18n::Tr;

/// How long browsers and shared caches may keep a public page without asking again.
pub const MAX_AGE: u32 = 300;

/// The language of a public page: `?lang=` when it names a language of Standort, else German.
pub fn lang_of(raw_query: Option<&str>) -> Language {
    form_urlencoded::parse(raw_query.unwrap_or("").as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Language::parse(&v).filter(|l| l.code() == v.trim()))
        .unwrap_or_default()
}

/// `path` in `lang`: German without a parameter, the others with `lang=`.
pub fn href(path: &str, lang: Language) -> String {
    if lang == Language::De {
        path.to_owned()
    } else if path.contains('?') {
        format!("{path}&lang={}", lang.code())
    } else {
        format!("{path}?lang={}", lang.code())
    }
}

/// A link to one language's version of this page.
#[derive(Debug, Clone)]
pub struct Alternate {
    pub code: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

/// The frame of a public page.
#[derive(Debug, Clone)]
pub struct PublicLayout {
    pub tr: Tr,
    pub lang: Language,
    pub title: String,
    pub description: String,
    /// The page's path without the language parameter (canonical for German).
    pub path: String,
    pub alternates: Vec<Alternate>,
    /// The absolute address of this installation (for Open Graph and canonical links).
    pub base: String,
    /// schema.org JSON-LD, already escaped for a `<script>` element.
    pub json_ld: Option<String>,
    pub og_type: &'static str,
}

impl PublicLayout {
    pub fn new(state: &AppState, headers: &HeaderMap, lang: Language, path: &str) -> Self {
        let tr = Tr::new(state.catalog.clone(), lang, state.web.time_zone);
        PublicLayout {
            title: tr.t("showcase-title"),
            description: tr.t("showcase-intro"),
            alternates: Language::ALL
                .iter()
                .map(|l| Alternate {
                    code: l.code(),
                    name: l.endonym(),
                    href: href(path, *l),
                    current: *l == lang,
                })
                .collect(),
            path: path.to_owned(),
            base: base_url(headers, state),
            json_ld: None,
            og_type: "website",
            lang,
            tr,
        }
    }

    /// A link within the showcase in this page's language.
    pub fn link(&self, path: &str) -> String {
        href(path, self.lang)
    }

    pub fn canonical(&self) -> String {
        format!("{}{}", self.base, href(&self.path, self.lang))
    }

    pub fn with_json_ld(mut self, value: serde_json::Value) -> Self {
        self.json_ld = Some(script_json(&value));
        self
    }

    pub fn category(&self, c: Category) -> String {
        self.tr.t(format!("showcase-category-{}", c.as_str()))
    }
    pub fn label(&self, l: &QualityLabel) -> String {
        self.tr.t(format!("showcase-label-{}", l.as_str()))
    }
    pub fn unit(&self, u: &Unit) -> String {
        self.tr.t(format!("showcase-unit-{}", u.as_str()))
    }
    pub fn weekday(&self, d: u8) -> String {
        self.tr
            .t(format!("showcase-day-{}", WEEKDAYS[usize::from(d.min(6))]))
    }
    pub fn month(&self, m: u8) -> String {
        self.tr.t(format!("showcase-month-{}", m.clamp(1, 12)))
    }
    pub fn text<'a>(&self, t: &'a standort_store::showcase::Texts) -> &'a str {
        text_in(t, self.lang.code())
    }
    /// The language a text is shown in (for `lang` on its element when it fell back).
    pub fn text_lang(&self, t: &standort_store::showcase::Texts) -> &'static str {
        if t.get(self.lang.code())
            .is_some_and(|s| !s.trim().is_empty())
        {
            self.lang.code()
        } else {
            "de"
        }
    }
    /// The name of a language by its code, in its own language where we know it.
    pub fn language_name(&self, code: &str) -> String {
        let key = format!("showcase-lang-{code}");
        let t = self.tr.t(&key);
        if t == key { code.to_owned() } else { t }
    }
}

/// The opening hours grouped by weekday: (day label, "08:00–12:00, 14:00–18:00").
pub fn hours_rows(l: &PublicLayout, hours: &[Hours]) -> Vec<(String, String)> {
    (0u8..7)
        .filter_map(|d| {
            let ranges: Vec<String> = hours
                .iter()
                .filter(|h| h.weekday == d)
                .map(|h| format!("{}–{}", format_time(h.opens), format_time(h.closes)))
                .collect();
            (!ranges.is_empty()).then(|| (l.weekday(d), ranges.join(", ")))
        })
        .collect()
}

/// A price range in euros in the page's language (`4,50–6,50 €` / `€4.50–6.50`).
pub fn price(l: &PublicLayout, min: Option<i64>, max: Option<i64>) -> Option<String> {
    let fmt = |c: i64| {
        let s = format!("{}.{:02}", c / 100, c % 100);
        if l.lang == Language::En {
            s
        } else {
            s.replace('.', ",")
        }
    };
    let (a, b) = (min?, max.unwrap_or(min?));
    let range = if a == b {
        fmt(a)
    } else {
        format!("{}–{}", fmt(a), fmt(b))
    };
    Some(if l.lang == Language::En {
        format!("€{range}")
    } else {
        format!("{range} €")
    })
}

/// JSON for a `<script type="application/ld+json">`: `<` escaped, so no text can end the
/// element.
pub fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The installation's address as the client reached it: `https://` behind a proxy that says
/// so or with secure cookies, the `Host` header when it is a plain host name (anything else
/// falls back to a relative base, so a forged header cannot inject markup or another site).
pub fn base_url(headers: &HeaderMap, state: &AppState) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 253
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
        });
    let https = state.web.secure_cookies
        || (state.web.behind_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|p| p.trim() == "https"));
    match host {
        Some(h) => format!("{}://{h}", if https { "https" } else { "http" }),
        None => String::new(),
    }
}

/// `Thu, 03 Dec 2026 12:00:00 GMT` (RFC 9110 IMF-fixdate).
pub fn http_date(unix: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
        DAYS[usize::from(t.weekday().number_days_from_monday())],
        t.day(),
        MONTHS[usize::from(u8::from(t.month()) - 1)],
        t.year(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A public answer: the body with its ETag (a hash of the body), Last-Modified and
/// Cache-Control. `Content-Language` is the page's language. The 304 to a client that already
/// holds this ETag is answered by the public cache (`cache::serve`), which wraps every public
/// route: the one place that answers public pages conditionally.
pub fn cached(
    content_type: &'static str,
    body: Vec<u8>,
    last_modified: i64,
    lang: Option<Language>,
) -> Response {
    let digest = Sha256::digest(&body);
    let etag = format!("\"{}\"", hex_prefix(&digest));
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if last_modified > 0
        && let Ok(v) = HeaderValue::from_str(&http_date(last_modified))
    {
        h.insert(header::LAST_MODIFIED, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_str(&format!("public, max-age={MAX_AGE}")).expect("a header value"),
    );
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(l) = lang {
        h.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(l.code()));
    }
    r
}

fn hex_prefix(bytes: &[u8]) -> String {
    bytes[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Renders a public page (answered conditionally by the public cache).
pub fn page(t: &impl askama::Template, last_modified: i64, lang: Language) -> Response {
    match t.render() {
        Ok(html) => cached(
            "text/html; charset=utf-8",
            html.into_bytes(),
            last_modified,
            Some(lang),
        ),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// The error page of a public request (no session: the shell's error page in the URL's
/// language, without navigation).
pub fn fail(state: &AppState, lang: Language, e: standort_app::AppError) -> Response {
    public_error(state, lang, e.into())
}

pub fn public_error(state: &AppState, lang: Language, failure: Failure) -> Response {
    let ctx = crate::context::Ctx {
        tr: Tr::new(state.catalog.clone(), lang, state.web.time_zone),
        session: None,
        session_token: None,
        csrf: String::new(),
        client_ip: String::new(),
        path: "/regional".into(),
        secure_cookies: state.web.secure_cookies,
        unread: None,
    };
    PageError::new(failure, &ctx).into_response()
}
