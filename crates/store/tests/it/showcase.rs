//! The showcase's tables on both backends: the catalogue's filters (words without
//! diacritics and with a typo, category, municipality with its localities, label, season,
//! open at a time), products replaced with their search keys, versions with their states,
//! markets, boundaries, and the archive carrying it all.

use standort_domain::showcase::{Category, Months, QualityLabel, Unit};
use standort_domain::{OrgId, OrgKind, Role};
use standort_store::demography::{NewRegion, upsert_region};
use standort_store::orgs::NewOrganisation;
use standort_store::showcase::{
    self as sc, Hours, MarketData, ProducerData, ProducerFilter, ProductData, Texts,
};
use standort_store::{Db, PageRequest, both_backends, orgs};

use crate::user;

fn texts(de: &str) -> Texts {
    [("de".to_owned(), de.to_owned())].into_iter().collect()
}

fn data(category: Category, region: Option<i64>, labels: Vec<QualityLabel>) -> ProducerData {
    ProducerData {
        category,
        region_id: region,
        tagline: texts("Kurz"),
        story: texts("Geschichte"),
        street: "Markt 1".into(),
        postcode: "04668".into(),
        town: "Grimma".into(),
        lat: Some(51.23),
        lon: Some(12.72),
        phone: String::new(),
        email: String::new(),
        website: String::new(),
        labels,
        languages: vec!["de".into(), "vi".into()],
        retailers: Vec::new(),
        own_shop: true,
    }
}

fn product(de: &str, months: &[u8]) -> ProductData {
    ProductData {
        slug: standort_domain::showcase::slugify(de),
        name: texts(de),
        description: Texts::new(),
        unit: Unit::Kilogram,
        season: Months::of(months),
        price_min_cents: Some(250),
        price_max_cents: Some(300),
        labels: vec![QualityLabel::Organic],
    }
}

async fn producer(db: &Db, name: &str, d: &ProducerData) -> (OrgId, i64) {
    let mut c = db.conn().await.unwrap();
    let org = orgs::insert(
        &mut c,
        &NewOrganisation {
            name,
            kind: OrgKind::Producer,
            country: "DE",
        },
        100,
    )
    .await
    .unwrap();
    let id = sc::insert_producer(
        &mut c,
        org.id,
        &standort_domain::showcase::slugify(name),
        d,
        100,
    )
    .await
    .unwrap();
    sc::set_state(&mut c, id, true, false, 100).await.unwrap();
    (org.id, id)
}

async fn names(db: &Db, f: ProducerFilter) -> Vec<String> {
    let mut c = db.conn().await.unwrap();
    sc::list_producers(
        &mut c,
        &ProducerFilter {
            published_only: true,
            ..f
        },
        PageRequest::default(),
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .map(|p| p.name)
    .collect()
}

both_backends!(
    the_catalogue_is_filtered_and_searched_forgivingly,
    |db: Db| async move {
        let (town, village) = {
            let mut c = db.conn().await.unwrap();
            let town = upsert_region(
                &mut c,
                &NewRegion {
                    key: "14729160",
                    name: "Grimma",
                    level: "gemeinde",
                    parent_id: None,
                    note: None,
                },
                1,
            )
            .await
            .unwrap();
            let village = upsert_region(
                &mut c,
                &NewRegion {
                    key: "14729160001",
                    name: "Nerchau",
                    level: "ortsteil",
                    parent_id: Some(town.id),
                    note: None,
                },
                1,
            )
            .await
            .unwrap();
            (town.id, village.id)
        };
        let (_, bakery) = producer(
            &db,
            "Bäckerei Müller",
            &data(Category::Bakery, Some(town), vec![QualityLabel::Handmade]),
        )
        .await;
        let (_, farm) = producer(
            &db,
            "Hofladen Nerchau",
            &data(Category::FarmShop, Some(village), vec![]),
        )
        .await;
        let (_, _potter) =
            producer(&db, "Töpferei Krug", &data(Category::Potter, None, vec![])).await;
        {
            let mut c = db.conn().await.unwrap();
            sc::set_products(&mut c, farm, &[product("Spargel", &[4, 5, 6])])
                .await
                .unwrap();
            // The bread carries no label: "organic" below is the farm's asparagus only.
            let bread = ProductData {
                labels: vec![],
                ..product("Sauerteigbrot", &[])
            };
            sc::set_products(&mut c, bakery, &[bread]).await.unwrap();
            sc::set_hours(
                &mut c,
                bakery,
                &[Hours {
                    weekday: 0,
                    opens: 360,
                    closes: 1080,
                }],
            )
            .await
            .unwrap();
        }
        // Without diacritics, with a typo, and by a product's name.
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    text: Some("backerei".into()),
                    ..Default::default()
                }
            )
            .await,
            ["Bäckerei Müller"]
        );
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    text: Some("Bäkerei".into()),
                    ..Default::default()
                }
            )
            .await,
            ["Bäckerei Müller"]
        );
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    text: Some("spargl".into()),
                    ..Default::default()
                }
            )
            .await,
            ["Hofladen Nerchau"]
        );
        assert!(
            names(
                &db,
                ProducerFilter {
                    text: Some("xylophon".into()),
                    ..Default::default()
                }
            )
            .await
            .is_empty()
        );
        // Category; municipality takes in its localities.
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    category: Some(Category::Potter),
                    ..Default::default()
                }
            )
            .await,
            ["Töpferei Krug"]
        );
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    region_id: Some(town),
                    ..Default::default()
                }
            )
            .await,
            ["Bäckerei Müller", "Hofladen Nerchau"]
        );
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    region_id: Some(village),
                    ..Default::default()
                }
            )
            .await,
            ["Hofladen Nerchau"]
        );
        // A label of the producer or of one of its products.
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    label: Some(QualityLabel::Handmade),
                    ..Default::default()
                }
            )
            .await,
            ["Bäckerei Müller"]
        );
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    label: Some(QualityLabel::Organic),
                    ..Default::default()
                }
            )
            .await,
            ["Hofladen Nerchau"]
        );
        // Season: asparagus in May, nothing of the farm in August.
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    month: Some(5),
                    category: Some(Category::FarmShop),
                    ..Default::default()
                }
            )
            .await,
            ["Hofladen Nerchau"]
        );
        assert!(
            names(
                &db,
                ProducerFilter {
                    month: Some(8),
                    category: Some(Category::FarmShop),
                    ..Default::default()
                }
            )
            .await
            .is_empty()
        );
        // Open on Monday at 10:00, not at 18:00 (the end is exclusive).
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    open_at: Some((0, 600)),
                    ..Default::default()
                }
            )
            .await,
            ["Bäckerei Müller"]
        );
        assert!(
            names(
                &db,
                ProducerFilter {
                    open_at: Some((0, 1080)),
                    ..Default::default()
                }
            )
            .await
            .is_empty()
        );
        // Replacing the products replaces the keys: asparagus no longer finds the farm.
        {
            let mut c = db.conn().await.unwrap();
            sc::set_products(&mut c, farm, &[product("Kartoffeln", &[9])])
                .await
                .unwrap();
        }
        assert!(
            names(
                &db,
                ProducerFilter {
                    text: Some("spargel".into()),
                    ..Default::default()
                }
            )
            .await
            .is_empty()
        );
        // Unpublished entries are not in the public catalogue.
        {
            let mut c = db.conn().await.unwrap();
            sc::set_state(&mut c, farm, false, false, 200)
                .await
                .unwrap();
        }
        assert_eq!(
            names(
                &db,
                ProducerFilter {
                    region_id: Some(town),
                    ..Default::default()
                }
            )
            .await,
            ["Bäckerei Müller"]
        );
    }
);

both_backends!(
    versions_markets_and_boundaries_round_trip,
    |db: Db| async move {
        let (org, id) = producer(
            &db,
            "Imkerei Höfgen",
            &data(Category::Beekeeper, None, vec![]),
        )
        .await;
        let author = user(&db, org, "imker@example.org", Role::Producer).await;
        let mut c = db.conn().await.unwrap();
        let p = sc::get_producer(&mut c, id).await.unwrap();
        assert_eq!(p.name, "Imkerei Höfgen");
        assert_eq!(p.data.languages, ["de", "vi"]);
        assert_eq!(
            sc::producer_by_slug(&mut c, "imkerei-hofgen")
                .await
                .unwrap()
                .id,
            id
        );
        assert_eq!(sc::producer_of_org(&mut c, org).await.unwrap().id, id);
        // A second draft supersedes the first; only a draft can be decided.
        let v1 = sc::insert_version(&mut c, id, "{}", author, 300)
            .await
            .unwrap();
        let v2 = sc::insert_version(&mut c, id, "{}", author, 301)
            .await
            .unwrap();
        assert_eq!(
            sc::get_version(&mut c, v1).await.unwrap().state,
            "superseded"
        );
        assert!(
            sc::decide_version(&mut c, v1, true, author, "", 302)
                .await
                .is_err()
        );
        sc::decide_version(&mut c, v2, true, author, "gut", 302)
            .await
            .unwrap();
        let history = sc::versions_of(&mut c, id).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].state, "published");
        assert_eq!(
            history[0].decided_by_name.as_deref(),
            Some("Nguyễn Thị Hương")
        );
        assert_eq!(
            sc::pending_versions(&mut c, PageRequest::default())
                .await
                .unwrap()
                .total,
            0
        );
        // A weekly market and an event that is over.
        let weekly = sc::insert_market(
            &mut c,
            &MarketData {
                slug: "wochenmarkt".into(),
                name: texts("Wochenmarkt"),
                description: Texts::new(),
                region_id: None,
                place: "Markt".into(),
                weekday: Some(1),
                opens_min: Some(480),
                closes_min: Some(780),
                first_day: None,
                last_day: None,
            },
            100,
        )
        .await
        .unwrap();
        sc::insert_market(
            &mut c,
            &MarketData {
                slug: "fest".into(),
                name: texts("Fest"),
                description: Texts::new(),
                region_id: None,
                place: String::new(),
                weekday: None,
                opens_min: None,
                closes_min: None,
                first_day: Some(86_400),
                last_day: Some(2 * 86_400),
            },
            100,
        )
        .await
        .unwrap();
        sc::add_market_producer(&mut c, weekly, id).await.unwrap();
        let current = sc::current_markets(&mut c, 10 * 86_400).await.unwrap();
        assert_eq!(current.len(), 1);
        assert_eq!(current[0].data.weekday, Some(1));
        assert_eq!(sc::producers_at_market(&mut c, weekly).await.unwrap(), [id]);
        assert_eq!(sc::markets_of_producer(&mut c, id).await.unwrap().len(), 1);
        assert!(sc::last_change(&mut c).await.unwrap() >= 100);
    }
);

both_backends!(
    the_start_page_reads_counts_first_entries_and_their_season_in_three_statements,
    |db: Db| async move {
        // Three farms and one bakery published, one farm hidden; names out of order.
        let (_, zeta) = producer(&db, "Zeta Hof", &data(Category::FarmShop, None, vec![])).await;
        let (_, alpha) = producer(&db, "Alpha Hof", &data(Category::FarmShop, None, vec![])).await;
        let (_, mid) = producer(&db, "Mitte Hof", &data(Category::FarmShop, None, vec![])).await;
        let (_, bakery) = producer(&db, "Bäckerei", &data(Category::Bakery, None, vec![])).await;
        let (_, hidden) = producer(&db, "Aaa Hof", &data(Category::FarmShop, None, vec![])).await;
        let mut c = db.conn().await.unwrap();
        sc::set_state(&mut c, hidden, false, false, 100)
            .await
            .unwrap();

        let counts = sc::published_per_category(&mut c).await.unwrap();
        assert!(counts.contains(&(Category::FarmShop.as_str().to_owned(), 3)));
        assert!(counts.contains(&(Category::Bakery.as_str().to_owned(), 1)));
        assert_eq!(counts.len(), 2);

        // The first two of each category by name, as the category's own list orders them.
        let firsts: Vec<i64> = sc::first_published_per_category(&mut c, 2)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        for category in [Category::FarmShop, Category::Bakery] {
            let listed: Vec<i64> = sc::list_producers(
                &mut c,
                &ProducerFilter {
                    published_only: true,
                    category: Some(category),
                    ..ProducerFilter::default()
                },
                PageRequest::new(Some(2), None),
            )
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|p| p.id)
            .collect();
            assert!(listed.iter().all(|id| firsts.contains(id)), "{category:?}");
        }
        assert_eq!(firsts.len(), 3);
        assert!(firsts.contains(&alpha) && firsts.contains(&mid) && !firsts.contains(&zeta));
        assert!(!firsts.contains(&hidden));

        // In season in May: by entry, then the producer's order; none for another month.
        sc::set_products(
            &mut c,
            alpha,
            &[product("Spargel", &[4, 5, 6]), product("Kürbis", &[9, 10])],
        )
        .await
        .unwrap();
        sc::set_products(&mut c, bakery, &[product("Maibock", &[5])])
            .await
            .unwrap();
        let may: Vec<(i64, String)> = sc::in_season(&mut c, &[alpha, bakery, mid], Months::bit(5))
            .await
            .unwrap()
            .into_iter()
            .map(|p| (p.producer_id, p.data.slug))
            .collect();
        let mut expected = vec![
            (alpha, "spargel".to_owned()),
            (bakery, "maibock".to_owned()),
        ];
        expected.sort();
        assert_eq!(may, expected);
        assert!(
            sc::in_season(&mut c, &[alpha], Months::bit(1))
                .await
                .unwrap()
                .is_empty()
        );
        assert!(sc::in_season(&mut c, &[], 1).await.unwrap().is_empty());
    }
);
