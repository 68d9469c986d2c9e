//! Being found and reused: schema.org JSON-LD for producers (LocalBusiness and its
//! subtypes), products (Product with an AggregateOffer) and markets (Event, weekly ones with
//! an eventSchedule); `sitemap.xml` with every public page in every language (hreflang
//! alternates); the open-data page and the catalogue as JSON and CSV with its licence.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};
use standort_app::showcase::{LICENCE, LICENCE_URL};
use standort_domain::Language;
use standort_domain::showcase::{Category, format_time};
use standort_store::showcase::{Hours, Market, Producer, Product};

use super::public::{PublicLayout, cached, fail, href, lang_of, page, price};
use crate::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/regional/sitemap.xml", get(sitemap))
        .route("/sitemap.xml", get(sitemap))
        .route("/regional/offene-daten", get(open_data))
        .route("/regional/katalog.json", get(catalogue_json))
        .route("/regional/katalog.csv", get(catalogue_csv))
}

/// A market or event as a line of a list.
#[derive(Debug, Clone)]
pub struct MarketLine {
    pub href: String,
    pub name: String,
    pub name_lang: &'static str,
    pub when: String,
    pub place: String,
}

impl MarketLine {
    pub fn of(l: &PublicLayout, m: &Market) -> MarketLine {
        MarketLine {
            href: l.link(&format!("/regional/maerkte/{}", m.data.slug)),
            name: l.text(&m.data.name).to_owned(),
            name_lang: l.text_lang(&m.data.name),
            when: when(l, m),
            place: [
                m.data.place.as_str(),
                short_region(m.region_name.as_deref()),
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
        }
    }
}

/// A region's name without the demo's "(synthetisch)".
pub fn short_region(name: Option<&str>) -> &str {
    name.map(|n| n.trim_end_matches(" (synthetisch)"))
        .unwrap_or("")
}

/// "every Tuesday, 08:00–13:00" or "12 Dec 2026 – 13 Dec 2026, 10:00–18:00".
pub fn when(l: &PublicLayout, m: &Market) -> String {
    let time = match (m.data.opens_min, m.data.closes_min) {
        (Some(o), Some(c)) => format!(", {}–{}", format_time(o), format_time(c)),
        _ => String::new(),
    };
    match (m.data.weekday, m.data.first_day, m.data.last_day) {
        (Some(d), _, _) => format!("{}{time}", l.tr.ts("showcase-every", "day", &l.weekday(d))),
        (None, Some(a), Some(b)) if a == b => {
            format!("{}{time}", l.tr.date(a))
        }
        (None, Some(a), Some(b)) => format!("{} – {}{time}", l.tr.date(a), l.tr.date(b)),
        _ => time.trim_start_matches(", ").to_owned(),
    }
}

fn schema_type(c: Category) -> &'static str {
    match c {
        Category::Bakery => "Bakery",
        Category::Brewery => "Brewery",
        Category::Winery => "Winery",
        Category::Butcher => "ButcherShop",
        Category::FarmShop | Category::CheeseMaker | Category::Beekeeper => "GroceryStore",
        Category::Potter | Category::Woodworker | Category::TextileMaker => "Store",
    }
}

fn iso_time(m: u16) -> String {
    format!("{}:00", format_time(m))
}

/// schema.org `LocalBusiness` (or a subtype) of a producer.
pub fn producer_ld(l: &PublicLayout, p: &Producer, hours: &[Hours], products: &[Product]) -> Value {
    let url = format!(
        "{}{}",
        l.base,
        l.link(&format!("/regional/erzeuger/{}", p.slug))
    );
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": schema_type(p.data.category),
        "@id": url,
        "name": p.name,
        "url": url,
        "description": l.text(&p.data.story),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": p.data.street,
            "postalCode": p.data.postcode,
            "addressLocality": p.data.town,
            "addressCountry": "DE"
        },
        "knowsLanguage": p.data.languages,
        "openingHoursSpecification": hours.iter().map(|h| json!({
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": format!("https://schema.org/{}", DAY_NAMES[usize::from(h.weekday.min(6))]),
            "opens": iso_time(h.opens),
            "closes": iso_time(h.closes),
        })).collect::<Vec<_>>(),
        "makesOffer": products.iter().map(|x| json!({
            "@type": "Offer",
            "itemOffered": {
                "@type": "Product",
                "name": l.text(&x.data.name),
                "url": format!("{}{}", l.base, l.link(&format!("/regional/erzeuger/{}/{}", p.slug, x.data.slug))),
            }
        })).collect::<Vec<_>>(),
    });
    if let (Some(lat), Some(lon)) = (p.data.lat, p.data.lon) {
        v["geo"] = json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
    }
    for (key, value) in [
        ("telephone", &p.data.phone),
        ("email", &p.data.email),
        ("sameAs", &p.data.website),
    ] {
        if !value.is_empty() {
            v[key] = json!(value);
        }
    }
    if !p.data.labels.is_empty() {
        v["award"] = json!(p.data.labels.iter().map(|x| l.label(x)).collect::<Vec<_>>());
    }
    v
}

const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// schema.org `Product` with its producer and price range.
pub fn product_ld(l: &PublicLayout, p: &Producer, x: &Product) -> Value {
    let url = format!(
        "{}{}",
        l.base,
        l.link(&format!("/regional/erzeuger/{}/{}", p.slug, x.data.slug))
    );
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "@id": url,
        "url": url,
        "name": l.text(&x.data.name),
        "description": l.text(&x.data.description),
        "category": l.category(p.data.category),
        "manufacturer": {
            "@type": "Organization",
            "name": p.name,
            "url": format!("{}{}", l.base, l.link(&format!("/regional/erzeuger/{}", p.slug))),
        },
    });
    if let (Some(a), Some(b)) = (x.data.price_min_cents, x.data.price_max_cents) {
        v["offers"] = json!({
            "@type": "AggregateOffer",
            "priceCurrency": "EUR",
            "lowPrice": format!("{}.{:02}", a / 100, a % 100),
            "highPrice": format!("{}.{:02}", b / 100, b % 100),
        });
    }
    v
}

/// schema.org `Event` of a market (weekly: with an `eventSchedule`).
pub fn market_ld(l: &PublicLayout, m: &Market, today: i64) -> Value {
    let url = format!(
        "{}{}",
        l.base,
        l.link(&format!("/regional/maerkte/{}", m.data.slug))
    );
    let opens = m.data.opens_min.map(iso_time);
    let closes = m.data.closes_min.map(iso_time);
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": l.text(&m.data.name),
        "description": l.text(&m.data.description),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": true,
        "location": {
            "@type": "Place",
            "name": m.data.place,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": short_region(m.region_name.as_deref()),
                "addressCountry": "DE"
            }
        },
    });
    match (m.data.weekday, m.data.first_day, m.data.last_day) {
        (Some(d), _, _) => {
            // The next market day from today.
            let today_wd = standort_domain::showcase::weekday_of(today);
            let ahead = (i64::from(d) - i64::from(today_wd)).rem_euclid(7);
            let next = standort_domain::date::format_date(today + ahead * 86_400);
            v["startDate"] = json!(format!("{next}T{}", opens.clone().unwrap_or_default()));
            v["eventSchedule"] = json!({
                "@type": "Schedule",
                "repeatFrequency": "P1W",
                "byDay": format!("https://schema.org/{}", DAY_NAMES[usize::from(d.min(6))]),
                "startTime": opens,
                "endTime": closes,
                "scheduleTimezone": "Europe/Berlin",
            });
        }
        (None, Some(a), Some(b)) => {
            v["startDate"] = json!(format!(
                "{}T{}",
                standort_domain::date::format_date(a),
                opens.unwrap_or_else(|| "00:00:00".into())
            ));
            v["endDate"] = json!(format!(
                "{}T{}",
                standort_domain::date::format_date(b),
                closes.unwrap_or_else(|| "23:59:00".into())
            ));
        }
        _ => {}
    }
    v
}

async fn sitemap(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let lang = Language::De;
    let (cat, markets) = match (
        state.app.showcase_open_data().await,
        state.app.showcase_markets().await,
    ) {
        (Ok(c), Ok(m)) => (c, m),
        (Err(e), _) | (_, Err(e)) => return fail(&state, lang, e),
    };
    let base = super::public::base_url(&headers, &state);
    let lastmod =
        standort_domain::date::format_date(cat.modified - cat.modified.rem_euclid(86_400));
    let mut paths: Vec<(String, Option<i64>)> = vec![
        ("/regional".into(), None),
        ("/regional/suche".into(), None),
        ("/regional/maerkte".into(), None),
        ("/regional/offene-daten".into(), None),
    ];
    for op in &cat.producers {
        let p = &op.producer;
        paths.push((format!("/regional/erzeuger/{}", p.slug), Some(p.updated_at)));
        for x in &op.products {
            paths.push((
                format!("/regional/erzeuger/{}/{}", p.slug, x.data.slug),
                Some(p.updated_at),
            ));
        }
    }
    for m in &markets {
        paths.push((
            format!("/regional/maerkte/{}", m.data.slug),
            Some(m.created_at),
        ));
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (path, changed) in &paths {
        for l in Language::ALL {
            xml.push_str("<url><loc>");
            xml.push_str(&xml_escape(&format!("{base}{}", href(path, l))));
            xml.push_str("</loc>");
            let day = changed
                .map(|c| standort_domain::date::format_date(c - c.rem_euclid(86_400)))
                .unwrap_or_else(|| lastmod.clone());
            xml.push_str(&format!("<lastmod>{day}</lastmod>"));
            for alt in Language::ALL {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    alt.code(),
                    xml_escape(&format!("{base}{}", href(path, alt)))
                ));
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    cached(
        "application/xml; charset=utf-8",
        xml.into_bytes(),
        cat.modified,
        None,
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[derive(Template)]
#[template(path = "showcase_open_data.html")]
struct OpenDataPage<'a> {
    page: &'a PublicLayout,
    licence: &'static str,
    licence_url: &'static str,
    producers: i64,
    products: i64,
}

async fn open_data(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let lang = lang_of(raw.as_deref());
    let cat = match state.app.showcase_open_data().await {
        Ok(c) => c,
        Err(e) => return fail(&state, lang, e),
    };
    let mut layout = PublicLayout::new(&state, &headers, lang, "/regional/offene-daten");
    layout.title = layout.tr.t("showcase-open-data-title");
    layout.description = layout.tr.t("showcase-open-data-intro");
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": layout.tr.t("showcase-open-data-title"),
        "description": layout.tr.t("showcase-open-data-intro"),
        "license": LICENCE_URL,
        "inLanguage": ["de", "en", "vi"],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": format!("{}/regional/katalog.json", layout.base)},
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": format!("{}/regional/katalog.csv", layout.base)}
        ]
    });
    let layout = layout.with_json_ld(ld);
    page(
        &OpenDataPage {
            page: &layout,
            licence: LICENCE,
            licence_url: LICENCE_URL,
            producers: cat.producers.len() as i64,
            products: cat.producers.iter().map(|p| p.products.len() as i64).sum(),
        },
        cat.modified,
        lang,
    )
}

async fn catalogue_json(State(state): State<AppState>) -> Response {
    match state.app.showcase_open_data().await {
        Ok(cat) => {
            let body = serde_json::to_vec_pretty(&crate::api::showcase::CatalogueDto::of(&cat))
                .unwrap_or_default();
            let mut r = cached("application/json", body, cat.modified, None);
            r.headers_mut().insert(
                axum::http::header::CONTENT_DISPOSITION,
                axum::http::HeaderValue::from_static("inline; filename=\"katalog.json\""),
            );
            r
        }
        Err(e) => fail(&state, Language::De, e),
    }
}

async fn catalogue_csv(State(state): State<AppState>) -> Response {
    let (csv, modified) = match (
        state.app.showcase_open_data_csv().await,
        state.app.showcase_last_change().await,
    ) {
        (Ok(c), Ok(m)) => (c, m),
        (Err(e), _) | (_, Err(e)) => return fail(&state, Language::De, e),
    };
    let mut r = cached("text/csv; charset=utf-8", csv, modified, None);
    r.headers_mut().insert(
        axum::http::header::CONTENT_DISPOSITION,
        axum::http::HeaderValue::from_static("attachment; filename=\"katalog.csv\""),
    );
    r
}

/// A product's price line for lists, if it shows one.
pub fn price_of(l: &PublicLayout, x: &Product) -> Option<String> {
    price(l, x.data.price_min_cents, x.data.price_max_cents)
        .map(|p| format!("{p} / {}", l.unit(&x.data.unit)))
}
