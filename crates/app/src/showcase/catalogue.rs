//! The public catalogue: what visitors see without login. Only published entries; the
//! business's contact as the producer published it, never anything about its people.

use std::collections::HashMap;

use serde::Serialize;
use standort_domain::showcase::{Category, Months, minute_of_day, month_of, weekday_of};
use standort_store::showcase::{
    self as store, Boundary, Hours, Market, Producer, ProducerFilter, Product,
};
use standort_store::{PageRequest, Paged};

use crate::{App, AppError};

/// A producer's public page.
#[derive(Debug, Clone, Serialize)]
pub struct ProducerView {
    pub producer: Producer,
    pub hours: Vec<Hours>,
    pub products: Vec<Product>,
    pub markets: Vec<Market>,
    /// Whether the shop is open at the moment asked about.
    pub open_now: bool,
}

/// A product's public page, with its producer.
#[derive(Debug, Clone, Serialize)]
pub struct ProductView {
    pub producer: Producer,
    pub product: Product,
    pub in_season: bool,
}

/// A market's or event's page with the producers selling there.
#[derive(Debug, Clone, Serialize)]
pub struct MarketView {
    pub market: Market,
    pub producers: Vec<Producer>,
}

/// The start page: producers per category, products in season, markets of the week.
#[derive(Debug, Clone, Serialize)]
pub struct Home {
    pub categories: Vec<(Category, i64)>,
    /// Products in season this month, a few per category (producer, product).
    pub highlights: Vec<(Producer, Product)>,
    pub markets: Vec<Market>,
    pub month: u8,
}

/// The map: municipal boundaries and the published producers with a position.
#[derive(Debug, Clone, Serialize)]
pub struct MapData {
    pub boundaries: Vec<Boundary>,
    pub dots: Vec<MapDot>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MapDot {
    pub slug: String,
    pub name: String,
    pub category: Category,
    pub lat: f64,
    pub lon: f64,
}

/// How many highlights the start page shows.
const HIGHLIGHTS: usize = 8;

/// Whether `hours` cover the local moment `local` (see [`super::local`]).
pub fn is_open(hours: &[Hours], local: i64) -> bool {
    let (day, minute) = (weekday_of(local), minute_of_day(local));
    hours
        .iter()
        .any(|h| h.weekday == day && h.opens <= minute && minute < h.closes)
}

impl App {
    /// The published catalogue, filtered (public: no actor).
    pub async fn showcase_catalogue(
        &self,
        filter: &ProducerFilter,
        page: PageRequest,
    ) -> Result<Paged<Producer>, AppError> {
        let f = ProducerFilter {
            published_only: true,
            ..filter.clone()
        };
        let mut conn = self.db.conn().await?;
        Ok(store::list_producers(&mut conn, &f, page).await?)
    }

    /// The region's local (weekday, minute) now, for the "open now" filter.
    pub fn showcase_now(&self) -> (u8, u16) {
        let t = super::local(self.now());
        (weekday_of(t), minute_of_day(t))
    }

    /// The region's local month now.
    pub fn showcase_month(&self) -> u8 {
        month_of(super::local(self.now()))
    }

    /// A published producer's page; unknown or unpublished slugs are not found.
    pub async fn showcase_producer(&self, slug: &str) -> Result<ProducerView, AppError> {
        let mut conn = self.db.conn().await?;
        let producer = store::producer_by_slug(&mut conn, slug).await?;
        if !producer.published {
            return Err(AppError::NotFound);
        }
        let hours = store::hours(&mut conn, producer.id).await?;
        let products = store::products(&mut conn, producer.id).await?;
        let markets = store::markets_of_producer(&mut conn, producer.id).await?;
        Ok(ProducerView {
            open_now: producer.data.own_shop && is_open(&hours, super::local(self.now())),
            producer,
            hours,
            products,
            markets,
        })
    }

    pub async fn showcase_product(
        &self,
        producer_slug: &str,
        product_slug: &str,
    ) -> Result<ProductView, AppError> {
        let mut conn = self.db.conn().await?;
        let producer = store::producer_by_slug(&mut conn, producer_slug).await?;
        if !producer.published {
            return Err(AppError::NotFound);
        }
        let product = store::product_by_slug(&mut conn, producer.id, product_slug).await?;
        Ok(ProductView {
            in_season: product.data.season.contains(self.showcase_month()),
            producer,
            product,
        })
    }

    /// Weekly markets and events not over yet.
    pub async fn showcase_markets(&self) -> Result<Vec<Market>, AppError> {
        let today = crate::network::day_start(super::local(self.now()));
        let mut conn = self.db.conn().await?;
        Ok(store::current_markets(&mut conn, today).await?)
    }

    pub async fn showcase_market(&self, slug: &str) -> Result<MarketView, AppError> {
        let mut conn = self.db.conn().await?;
        let market = store::market_by_slug(&mut conn, slug).await?;
        let ids = store::producers_at_market(&mut conn, market.id).await?;
        let mut producers = Vec::with_capacity(ids.len());
        for id in ids {
            producers.push(store::get_producer(&mut conn, id).await?);
        }
        producers.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(MarketView { market, producers })
    }

    pub async fn showcase_home(&self) -> Result<Home, AppError> {
        let month = self.showcase_month();
        let (categories, highlights) = {
            // Three statements, whatever the number of categories and entries (it was two per
            // category and one per entry shown: 35 on the demo, the page's whole cost).
            let mut conn = self.db.conn().await?;
            let counts: HashMap<String, i64> = store::published_per_category(&mut conn)
                .await?
                .into_iter()
                .collect();
            let categories: Vec<(Category, i64)> = Category::ALL
                .iter()
                .map(|c| (*c, counts.get(c.as_str()).copied().unwrap_or(0)))
                .collect();
            let firsts = store::first_published_per_category(&mut conn, 2).await?;
            let ids: Vec<i64> = firsts.iter().map(|p| p.id).collect();
            // Each entry's first product in season this month (not one sold all year).
            let mut in_season: HashMap<i64, Product> = HashMap::new();
            for product in store::in_season(&mut conn, &ids, Months::bit(month)).await? {
                if product.data.season != Months::ALL_YEAR {
                    in_season.entry(product.producer_id).or_insert(product);
                }
            }
            let mut highlights = Vec::new();
            for c in Category::ALL {
                for p in firsts.iter().filter(|p| p.data.category == *c) {
                    if highlights.len() >= HIGHLIGHTS {
                        break;
                    }
                    if let Some(product) = in_season.remove(&p.id) {
                        highlights.push((p.clone(), product));
                    }
                }
            }
            (categories, highlights)
        };
        let mut markets = self.showcase_markets().await?;
        markets.truncate(6);
        Ok(Home {
            categories,
            highlights,
            markets,
            month,
        })
    }

    pub async fn showcase_map(&self, filter: &ProducerFilter) -> Result<MapData, AppError> {
        let page = self
            .showcase_catalogue(filter, PageRequest::new(Some(PageRequest::MAX_LIMIT), None))
            .await?;
        let mut conn = self.db.conn().await?;
        let boundaries = store::boundaries(&mut conn).await?;
        Ok(MapData {
            boundaries,
            dots: page
                .items
                .into_iter()
                .filter_map(|p| {
                    Some(MapDot {
                        lat: p.data.lat?,
                        lon: p.data.lon?,
                        slug: p.slug,
                        name: p.name,
                        category: p.data.category,
                    })
                })
                .collect(),
        })
    }

    /// The public catalogue's version (see `store::showcase::catalogue_version`): the public
    /// pages' answer cache keeps an answer while it is unchanged.
    pub async fn showcase_catalogue_version(&self) -> Result<i64, AppError> {
        let mut conn = self.db.conn().await?;
        Ok(store::catalogue_version(&mut conn).await?)
    }

    /// The latest change of the public catalogue (for Last-Modified).
    pub async fn showcase_last_change(&self) -> Result<i64, AppError> {
        let mut conn = self.db.conn().await?;
        Ok(store::last_change(&mut conn).await?)
    }

    /// The municipalities (and their localities) producers may be in: every region below a
    /// district, by name.
    pub async fn showcase_regions(&self) -> Result<Vec<(i64, String)>, AppError> {
        let mut conn = self.db.conn().await?;
        let regions = standort_store::demography::all_regions(&mut conn).await?;
        let mut out: Vec<(i64, String)> = regions
            .into_iter()
            .filter(|r| r.level == "gemeinde")
            .map(|r| (r.id, r.name))
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(out)
    }
}
