//! The catalogue as open data for the region's tourism portal and anyone else: every published
//! producer with its products, as JSON and as CSV (one row per product), each carrying the
//! licence. Only what the public pages show.

use serde::Serialize;
use standort_domain::showcase::{WEEKDAYS, format_time};
use standort_store::PageRequest;
use standort_store::showcase::{self as store, Hours, Producer, ProducerFilter, Product, text_in};

use crate::{App, AppError};

/// The licence of the open data: Data licence Germany – attribution – version 2.0.
pub const LICENCE: &str = "dl-de/by-2-0";
pub const LICENCE_URL: &str = "https://www.govdata.de/dl-de/by-2-0";

#[derive(Debug, Clone, Serialize)]
pub struct OpenCatalogue {
    pub licence: &'static str,
    pub licence_url: &'static str,
    /// When the catalogue last changed (Unix seconds).
    pub modified: i64,
    pub producers: Vec<OpenProducer>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OpenProducer {
    pub producer: Producer,
    pub hours: Vec<Hours>,
    pub products: Vec<Product>,
}

/// `mon 08:00–12:00; sat 09:00–12:00`
pub fn hours_text(hours: &[Hours]) -> String {
    hours
        .iter()
        .map(|h| {
            format!(
                "{} {}-{}",
                WEEKDAYS[usize::from(h.weekday.min(6))],
                format_time(h.opens),
                format_time(h.closes)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl App {
    /// The whole published catalogue (public).
    pub async fn showcase_open_data(&self) -> Result<OpenCatalogue, AppError> {
        let page = self
            .showcase_catalogue(
                &ProducerFilter::default(),
                PageRequest::new(Some(PageRequest::MAX_LIMIT), None),
            )
            .await?;
        let mut conn = self.db.conn().await?;
        let mut products = store::published_products(&mut conn).await?;
        let mut producers = Vec::with_capacity(page.items.len());
        for p in page.items {
            let hours = store::hours(&mut conn, p.id).await?;
            let mine: Vec<Product> = products
                .iter()
                .filter(|x| x.producer_id == p.id)
                .cloned()
                .collect();
            products.retain(|x| x.producer_id != p.id);
            producers.push(OpenProducer {
                producer: p,
                hours,
                products: mine,
            });
        }
        Ok(OpenCatalogue {
            licence: LICENCE,
            licence_url: LICENCE_URL,
            modified: store::last_change(&mut conn).await?,
            producers,
        })
    }

    /// The catalogue as CSV (UTF-8, comma-separated, RFC 4180): one row per product, the
    /// producer's columns repeated; a producer without products has one row with empty product
    /// columns. The licence is a column of every row.
    pub async fn showcase_open_data_csv(&self) -> Result<Vec<u8>, AppError> {
        let cat = self.showcase_open_data().await?;
        let mut w = csv::Writer::from_writer(Vec::new());
        let internal = |e: csv::Error| AppError::Internal(e.to_string());
        w.write_record([
            "producer_slug",
            "producer_name",
            "category",
            "street",
            "postcode",
            "town",
            "municipality",
            "lat",
            "lon",
            "phone",
            "email",
            "website",
            "labels",
            "languages",
            "opening_hours",
            "product_slug",
            "product_name_de",
            "product_name_en",
            "unit",
            "season_months",
            "price_min_eur",
            "price_max_eur",
            "product_labels",
            "licence",
        ])
        .map_err(internal)?;
        let eur = |c: Option<i64>| {
            c.map(|c| format!("{}.{:02}", c / 100, c % 100))
                .unwrap_or_default()
        };
        for op in &cat.producers {
            let p = &op.producer;
            let head = [
                p.slug.clone(),
                p.name.clone(),
                p.data.category.as_str().to_owned(),
                p.data.street.clone(),
                p.data.postcode.clone(),
                p.data.town.clone(),
                p.region_name.clone().unwrap_or_default(),
                p.data.lat.map(|v| format!("{v:.5}")).unwrap_or_default(),
                p.data.lon.map(|v| format!("{v:.5}")).unwrap_or_default(),
                p.data.phone.clone(),
                p.data.email.clone(),
                p.data.website.clone(),
                p.data
                    .labels
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                p.data.languages.join(" "),
                hours_text(&op.hours),
            ];
            let rows: Vec<[String; 8]> = if op.products.is_empty() {
                vec![Default::default()]
            } else {
                op.products
                    .iter()
                    .map(|x| {
                        [
                            x.data.slug.clone(),
                            text_in(&x.data.name, "de").to_owned(),
                            x.data.name.get("en").cloned().unwrap_or_default(),
                            x.data.unit.as_str().to_owned(),
                            x.data
                                .season
                                .list()
                                .iter()
                                .map(|m| m.to_string())
                                .collect::<Vec<_>>()
                                .join(" "),
                            eur(x.data.price_min_cents),
                            eur(x.data.price_max_cents),
                            x.data
                                .labels
                                .iter()
                                .map(|l| l.as_str())
                                .collect::<Vec<_>>()
                                .join(" "),
                        ]
                    })
                    .collect()
            };
            for r in rows {
                let mut record: Vec<String> = head.to_vec();
                record.extend(r);
                record.push(LICENCE.to_owned());
                w.write_record(&record).map_err(internal)?;
            }
        }
        w.into_inner()
            .map_err(|e| AppError::Internal(e.to_string()))
    }
}
