//! A producer's page (story, address, opening hours, where to buy — own shop, weekly markets
//! with their days, retailers —, the business's contact, labels, languages spoken, products)
//! and a product's page (category, season, unit, price range, labels).

use askama::Template;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use standort_app::showcase::{ProducerView, ProductView};
use standort_domain::showcase::is_slug;

use super::public::{PublicLayout, fail, hours_rows, lang_of, page, public_error};
use super::seo::{self, MarketLine};
use crate::AppState;
use crate::error::Failure;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/regional/erzeuger/{slug}", get(producer))
        .route("/regional/erzeuger/{slug}/{product}", get(product))
}

#[derive(Template)]
#[template(path = "showcase_producer.html")]
struct ProducerPage<'a> {
    page: &'a PublicLayout,
    v: &'a ProducerView,
    hours: Vec<(String, String)>,
    markets: Vec<MarketLine>,
    /// (href, name, name's language, price line, season)
    products: Vec<(String, String, &'static str, Option<String>, String)>,
}

async fn producer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let lang = lang_of(raw.as_deref());
    if !is_slug(&slug) {
        return public_error(&state, lang, Failure::NotFound);
    }
    let v = match state.app.showcase_producer(&slug).await {
        Ok(v) => v,
        Err(e) => return fail(&state, lang, e),
    };
    let path = format!("/regional/erzeuger/{slug}");
    let mut layout = PublicLayout::new(&state, &headers, lang, &path);
    layout.title = v.producer.name.clone();
    layout.description = {
        let t = layout.text(&v.producer.data.tagline);
        if t.is_empty() {
            layout.category(v.producer.data.category)
        } else {
            t.to_owned()
        }
    };
    layout.og_type = "business.business";
    let ld = seo::producer_ld(&layout, &v.producer, &v.hours, &v.products);
    let layout = layout.with_json_ld(ld);
    let products = v
        .products
        .iter()
        .map(|x| {
            (
                layout.link(&format!("/regional/erzeuger/{slug}/{}", x.data.slug)),
                layout.text(&x.data.name).to_owned(),
                layout.text_lang(&x.data.name),
                seo::price_of(&layout, x),
                season(&layout, x.data.season),
            )
        })
        .collect();
    page(
        &ProducerPage {
            hours: hours_rows(&layout, &v.hours),
            markets: v
                .markets
                .iter()
                .map(|m| MarketLine::of(&layout, m))
                .collect(),
            products,
            page: &layout,
            v: &v,
        },
        v.producer.updated_at,
        lang,
    )
}

/// "all year" or "May, June, July".
pub fn season(l: &PublicLayout, m: standort_domain::showcase::Months) -> String {
    if m == standort_domain::showcase::Months::ALL_YEAR {
        l.tr.t("showcase-all-year")
    } else {
        m.list()
            .into_iter()
            .map(|x| l.month(x))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Template)]
#[template(path = "showcase_product.html")]
struct ProductPage<'a> {
    page: &'a PublicLayout,
    v: &'a ProductView,
    producer_href: String,
    price: Option<String>,
    season: String,
}

async fn product(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((slug, product)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Response {
    let lang = lang_of(raw.as_deref());
    if !is_slug(&slug) || !is_slug(&product) {
        return public_error(&state, lang, Failure::NotFound);
    }
    let v = match state.app.showcase_product(&slug, &product).await {
        Ok(v) => v,
        Err(e) => return fail(&state, lang, e),
    };
    let path = format!("/regional/erzeuger/{slug}/{product}");
    let mut layout = PublicLayout::new(&state, &headers, lang, &path);
    layout.title = layout.text(&v.product.data.name).to_owned();
    layout.description = format!(
        "{} – {}",
        layout.text(&v.product.data.name),
        v.producer.name
    );
    layout.og_type = "product";
    let ld = seo::product_ld(&layout, &v.producer, &v.product);
    let layout = layout.with_json_ld(ld);
    page(
        &ProductPage {
            producer_href: layout.link(&format!("/regional/erzeuger/{slug}")),
            price: seo::price_of(&layout, &v.product),
            season: season(&layout, v.product.data.season),
            page: &layout,
            v: &v,
        },
        v.producer.updated_at,
        lang,
    )
}
