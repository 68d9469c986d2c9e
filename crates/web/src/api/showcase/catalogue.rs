//! `/api/v1/showcase/…`: producers, one producer, markets, the whole catalogue.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use standort_app::showcase::{OpenCatalogue, ProducerView};
use standort_domain::showcase::{Category, QualityLabel, WEEKDAYS, format_time, is_slug};
use standort_store::showcase::{Hours, Market, Producer, ProducerFilter, Product};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::{ApiPath, ApiQuery, page, schema};
use crate::error::{ApiError, Failure, Problem};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/showcase/producers", get(list_producers))
        .route("/showcase/producers/{slug}", get(get_producer))
        .route("/showcase/markets", get(list_markets))
        .route("/showcase/catalogue", get(get_catalogue))
}

/// A text in several languages: language code (`de`, `en`, `vi`) → text; `de` is always there.
type TextsDto = BTreeMap<String, String>;

#[derive(Debug, Serialize, ToSchema)]
pub struct AddressDto {
    pub street: String,
    pub postcode: String,
    pub town: String,
    /// The municipality (or locality) of the region hierarchy.
    pub municipality: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RetailerDto {
    pub name: String,
    pub town: String,
}

/// A published producer: the business, never its people.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProducerDto {
    /// The readable id used in the page's URL.
    pub slug: String,
    pub name: String,
    #[schema(schema_with = schema::showcase_category)]
    pub category: String,
    pub tagline: TextsDto,
    pub story: TextsDto,
    pub address: AddressDto,
    /// WGS 84.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The business's public telephone number, e-mail address and website (empty: none).
    pub phone: String,
    pub email: String,
    pub website: String,
    #[schema(schema_with = schema::showcase_labels)]
    pub labels: Vec<String>,
    /// Languages spoken with customers (ISO 639-1).
    pub languages: Vec<String>,
    pub retailers: Vec<RetailerDto>,
    pub own_shop: bool,
    /// The page of the producer, relative to this server.
    pub url: String,
    /// Last change, Unix seconds.
    pub updated_at: i64,
}

impl ProducerDto {
    fn of(p: &Producer) -> Self {
        ProducerDto {
            slug: p.slug.clone(),
            name: p.name.clone(),
            category: p.data.category.as_str().into(),
            tagline: p.data.tagline.clone(),
            story: p.data.story.clone(),
            address: AddressDto {
                street: p.data.street.clone(),
                postcode: p.data.postcode.clone(),
                town: p.data.town.clone(),
                municipality: p.region_name.clone(),
            },
            lat: p.data.lat,
            lon: p.data.lon,
            phone: p.data.phone.clone(),
            email: p.data.email.clone(),
            website: p.data.website.clone(),
            labels: p.data.labels.iter().map(|l| l.as_str().into()).collect(),
            languages: p.data.languages.clone(),
            retailers: p
                .data
                .retailers
                .iter()
                .map(|r| RetailerDto {
                    name: r.name.clone(),
                    town: r.town.clone(),
                })
                .collect(),
            own_shop: p.data.own_shop,
            url: format!("/regional/erzeuger/{}", p.slug),
            updated_at: p.updated_at,
        }
    }
}

/// The own shop's opening hours on one weekday (local time, Europe/Berlin).
#[derive(Debug, Serialize, ToSchema)]
pub struct HoursDto {
    #[schema(schema_with = schema::weekday)]
    pub weekday: String,
    #[schema(schema_with = schema::time_of_day)]
    pub opens: String,
    #[schema(schema_with = schema::time_of_day)]
    pub closes: String,
}

fn hours(h: &[Hours]) -> Vec<HoursDto> {
    h.iter()
        .map(|h| HoursDto {
            weekday: WEEKDAYS[usize::from(h.weekday.min(6))].into(),
            opens: format_time(h.opens),
            closes: format_time(h.closes),
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductDto {
    pub slug: String,
    pub name: TextsDto,
    pub description: TextsDto,
    #[schema(schema_with = schema::showcase_unit)]
    pub unit: String,
    /// The months it is available, 1–12.
    pub season_months: Vec<u8>,
    /// The price range in euro cents, when the producer shows one.
    pub price_min_cents: Option<i64>,
    pub price_max_cents: Option<i64>,
    #[schema(schema_with = schema::showcase_labels)]
    pub labels: Vec<String>,
}

fn products(p: &[Product]) -> Vec<ProductDto> {
    p.iter()
        .map(|x| ProductDto {
            slug: x.data.slug.clone(),
            name: x.data.name.clone(),
            description: x.data.description.clone(),
            unit: x.data.unit.as_str().into(),
            season_months: x.data.season.list(),
            price_min_cents: x.data.price_min_cents,
            price_max_cents: x.data.price_max_cents,
            labels: x.data.labels.iter().map(|l| l.as_str().into()).collect(),
        })
        .collect()
}

/// A weekly market (`weekday`) or an event (`first_day` … `last_day`).
#[derive(Debug, Serialize, ToSchema)]
pub struct MarketDto {
    pub slug: String,
    pub name: TextsDto,
    pub description: TextsDto,
    pub municipality: Option<String>,
    pub place: String,
    #[schema(schema_with = schema::optional_weekday)]
    pub weekday: Option<String>,
    pub opens: Option<String>,
    pub closes: Option<String>,
    /// `YYYY-MM-DD`
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

fn market(m: &Market) -> MarketDto {
    MarketDto {
        slug: m.data.slug.clone(),
        name: m.data.name.clone(),
        description: m.data.description.clone(),
        municipality: m.region_name.clone(),
        place: m.data.place.clone(),
        weekday: m
            .data
            .weekday
            .map(|d| WEEKDAYS[usize::from(d.min(6))].into()),
        opens: m.data.opens_min.map(format_time),
        closes: m.data.closes_min.map(format_time),
        first_day: m.data.first_day.map(standort_domain::date::format_date),
        last_day: m.data.last_day.map(standort_domain::date::format_date),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProducerPageDto {
    pub items: Vec<ProducerDto>,
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProducerDetailDto {
    pub producer: ProducerDto,
    pub hours: Vec<HoursDto>,
    pub products: Vec<ProductDto>,
    /// The weekly markets and events it sells at.
    pub markets: Vec<MarketDto>,
    /// Whether the own shop is open now (local time).
    pub open_now: bool,
}

impl ProducerDetailDto {
    fn of(v: &ProducerView) -> Self {
        ProducerDetailDto {
            producer: ProducerDto::of(&v.producer),
            hours: hours(&v.hours),
            products: products(&v.products),
            markets: v.markets.iter().map(market).collect(),
            open_now: v.open_now,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MarketListDto {
    pub items: Vec<MarketDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogueEntryDto {
    pub producer: ProducerDto,
    pub hours: Vec<HoursDto>,
    pub products: Vec<ProductDto>,
}

/// The whole published catalogue as open data.
#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogueDto {
    /// The licence's identifier (`dl-de/by-2-0`: Data licence Germany – attribution – 2.0).
    pub licence: String,
    pub licence_url: String,
    /// Last change of the catalogue, Unix seconds.
    pub modified: i64,
    pub producers: Vec<CatalogueEntryDto>,
}

impl CatalogueDto {
    pub fn of(c: &OpenCatalogue) -> Self {
        CatalogueDto {
            licence: c.licence.into(),
            licence_url: c.licence_url.into(),
            modified: c.modified,
            producers: c
                .producers
                .iter()
                .map(|p| CatalogueEntryDto {
                    producer: ProducerDto::of(&p.producer),
                    hours: hours(&p.hours),
                    products: products(&p.products),
                })
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProducerParams {
    /// Words of the producer's name, its products' names or its town, without regard to case
    /// and diacritics, about one typo per word of four letters or more.
    #[param(schema_with = schema::optional_line::<200>)]
    q: Option<String>,
    #[param(schema_with = schema::showcase_category)]
    category: Option<String>,
    /// A region id of the demography hierarchy: producers in it or its localities.
    #[param(minimum = 1)]
    municipality: Option<i64>,
    #[param(schema_with = schema::showcase_label)]
    label: Option<String>,
    /// A month, 1–12: producers with a product in season then.
    #[param(minimum = 1, maximum = 12)]
    month: Option<i64>,
    /// Only producers whose shop is open now (local time).
    open_now: Option<bool>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
    /// Rows to skip (default 0).
    #[param(minimum = 0)]
    offset: Option<i64>,
}

fn bad(what: &str) -> ApiError {
    ApiError(Failure::BadRequest(format!(
        "invalid query parameters: {what}"
    )))
}

/// Published producers by name, filtered like the public search.
#[utoipa::path(get, path = "/api/v1/showcase/producers", params(ProducerParams), tag = "showcase", security(()),
    responses((status = 200, body = ProducerPageDto), (status = 400, body = Problem)))]
pub async fn list_producers(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<ProducerParams>,
) -> Result<Json<ProducerPageDto>, ApiError> {
    let page = page(q.limit, q.offset)?;
    let text = match q.q {
        Some(t) => Some(standort_domain::optional_line("q", Some(&t), 200).map_err(|_| bad("q"))?)
            .flatten(),
        None => None,
    };
    let category = match q.category.as_deref() {
        Some(c) => Some(Category::parse(c).ok_or_else(|| bad("unknown category"))?),
        None => None,
    };
    let label = match q.label.as_deref() {
        Some(c) => Some(QualityLabel::parse(c).ok_or_else(|| bad("unknown label"))?),
        None => None,
    };
    if q.municipality.is_some_and(|m| m < 1) {
        return Err(bad("municipality must be 1 or more"));
    }
    let month = match q.month {
        Some(m) if (1..=12).contains(&m) => Some(m as u8),
        Some(_) => return Err(bad("month must be 1–12")),
        None => None,
    };
    let filter = ProducerFilter {
        text,
        category,
        region_id: q.municipality,
        label,
        month,
        open_at: q
            .open_now
            .unwrap_or(false)
            .then(|| state.app.showcase_now()),
        ..ProducerFilter::default()
    };
    let found = state.app.showcase_catalogue(&filter, page).await?;
    Ok(Json(ProducerPageDto {
        items: found.items.iter().map(ProducerDto::of).collect(),
        total: found.total,
        limit: found.limit,
        offset: found.offset,
    }))
}

/// A published producer with opening hours, products and markets.
#[utoipa::path(get, path = "/api/v1/showcase/producers/{slug}", params(("slug" = String, Path, pattern = "^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length = 80)), tag = "showcase", security(()),
    responses((status = 200, body = ProducerDetailDto), (status = 404, body = Problem)))]
pub async fn get_producer(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> Result<Json<ProducerDetailDto>, ApiError> {
    if !is_slug(&slug) {
        return Err(ApiError(Failure::NotFound));
    }
    let v = state.app.showcase_producer(&slug).await?;
    Ok(Json(ProducerDetailDto::of(&v)))
}

/// Weekly markets (by weekday) and events not over yet (by date).
#[utoipa::path(get, path = "/api/v1/showcase/markets", tag = "showcase", security(()),
    responses((status = 200, body = MarketListDto)))]
pub async fn list_markets(State(state): State<AppState>) -> Result<Json<MarketListDto>, ApiError> {
    let markets = state.app.showcase_markets().await?;
    Ok(Json(MarketListDto {
        items: markets.iter().map(market).collect(),
    }))
}

/// The whole published catalogue with its licence (open data; also as CSV at
/// `/regional/katalog.csv`).
#[utoipa::path(get, path = "/api/v1/showcase/catalogue", tag = "showcase", security(()),
    responses((status = 200, body = CatalogueDto)))]
pub async fn get_catalogue(State(state): State<AppState>) -> Result<Json<CatalogueDto>, ApiError> {
    let c = state.app.showcase_open_data().await?;
    Ok(Json(CatalogueDto::of(&c)))
}
