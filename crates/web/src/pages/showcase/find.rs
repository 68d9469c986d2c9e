//! Finding producers: words (without diacritics, a typo forgiven — the search keys of
//! `store::showcase`), filters by category, municipality, label, season month and "open now",
//! the results as a paged list and on the map. A plain GET form: works without JavaScript,
//! every result page has its own URL.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use standort_app::PageRequest;
use standort_domain::showcase::{Category, QualityLabel};
use standort_store::showcase::{Producer, ProducerFilter};

use super::public::{PublicLayout, fail, lang_of, page};
use crate::AppState;
use crate::pages::form::{enc, first, pairs};

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/regional/suche", get(find))
}

/// Results per page.
const PAGE: i64 = 20;

#[derive(Template)]
#[template(path = "showcase_find.html")]
struct FindPage<'a> {
    page: &'a PublicLayout,
    q: String,
    category: String,
    municipality: i64,
    label: String,
    month: u8,
    open: bool,
    categories: &'static [Category],
    labels: &'static [QualityLabel],
    municipalities: Vec<(i64, String)>,
    results: Vec<Producer>,
    total: i64,
    prev: Option<String>,
    next: Option<String>,
    map: Option<String>,
}

async fn find(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let lang = lang_of(raw.as_deref());
    let p = pairs(raw.as_deref());
    let q = first(&p, "q").unwrap_or_default();
    let category = first(&p, "category").and_then(|c| Category::parse(&c));
    let label = first(&p, "label").and_then(|c| QualityLabel::parse(&c));
    let municipality = first(&p, "municipality").and_then(|m| m.parse::<i64>().ok());
    let month = first(&p, "month")
        .and_then(|m| m.parse::<u8>().ok())
        .filter(|m| (1..=12).contains(m));
    let open = first(&p, "open").is_some_and(|v| v == "1");
    let offset = first(&p, "offset")
        .and_then(|o| o.parse::<i64>().ok())
        .unwrap_or(0)
        .max(0);
    let filter = ProducerFilter {
        text: Some(q.clone()).filter(|q| !q.trim().is_empty()),
        category,
        region_id: municipality,
        label,
        month,
        open_at: open.then(|| state.app.showcase_now()),
        ..ProducerFilter::default()
    };
    let (found, map, municipalities, changed) = match (
        state
            .app
            .showcase_catalogue(&filter, PageRequest::new(Some(PAGE), Some(offset)))
            .await,
        state.app.showcase_map(&filter).await,
        state.app.showcase_regions().await,
        state.app.showcase_last_change().await,
    ) {
        (Ok(a), Ok(b), Ok(c), Ok(d)) => (a, b, c, d),
        (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => {
            return fail(&state, lang, e);
        }
    };
    // The query without the offset, for the pager's links.
    let mut base = String::from("/regional/suche?");
    for (k, v) in &p {
        if k != "offset" && !v.trim().is_empty() {
            base.push_str(&format!("{}={}&", enc(k), enc(v)));
        }
    }
    let link = |o: i64| format!("{base}offset={o}");
    let mut layout = PublicLayout::new(&state, &headers, lang, "/regional/suche");
    layout.title = layout.tr.t("showcase-find-title");
    // "open now" changes by the minute: such a page is cached only briefly, via its ETag.
    let shown = found.items.len() as i64;
    page(
        &FindPage {
            map: super::map::svg(&layout, &map),
            page: &layout,
            q,
            category: category.map(|c| c.as_str().to_owned()).unwrap_or_default(),
            municipality: municipality.unwrap_or(0),
            label: label.map(|c| c.as_str().to_owned()).unwrap_or_default(),
            month: month.unwrap_or(0),
            open,
            categories: Category::ALL,
            labels: QualityLabel::ALL,
            municipalities: municipalities
                .into_iter()
                .map(|(id, n)| (id, super::seo::short_region(Some(&n)).to_owned()))
                .collect(),
            total: found.total,
            prev: (offset > 0).then(|| link((offset - PAGE).max(0))),
            next: (offset + shown < found.total).then(|| link(offset + PAGE)),
            results: found.items,
        },
        changed,
        lang,
    )
}
