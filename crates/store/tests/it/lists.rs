//! The list kit's order and filters on both backends: every sortable column in both directions,
//! ties broken by id, NULLs last, filters and search combined with paging.

use standort_domain::{OrgId, OrgKind};
use standort_store::list::Order;
use standort_store::orgs::{self, NewOrganisation};
use standort_store::placements::{
    self as pl, DueRow, PlacementData, PlacementFilter, PlacementSort,
};
use standort_store::recruitment::{self as rec, CandidateFilter, CandidateSort, PositionData};
use standort_store::{AnyConnection, Db, PageRequest, both_backends};

use crate::recruitment::candidate;

async fn org(c: &mut AnyConnection, name: &str) -> OrgId {
    orgs::insert(
        c,
        &NewOrganisation {
            name,
            kind: OrgKind::Clinic,
            country: "DE",
        },
        1,
    )
    .await
    .unwrap()
    .id
}

/// Inserts a candidate with an ASCII name (so both databases' collations agree).
async fn person(
    c: &mut AnyConnection,
    org: OrgId,
    family: &str,
    given: &str,
    level: Option<&str>,
    country: &str,
    created: i64,
) -> i64 {
    let mut d = candidate(org, family, given, true);
    d.german_level = level.map(str::to_owned);
    d.country = country.into();
    let folded = format!("{} {}", family, given).to_lowercase();
    rec::insert_candidate(c, &d, &folded, created)
        .await
        .unwrap()
        .id
}

async fn names(c: &mut AnyConnection, filter: &CandidateFilter, page: PageRequest) -> Vec<i64> {
    rec::list_candidates(c, filter, page)
        .await
        .unwrap()
        .items
        .iter()
        .map(|r| r.id)
        .collect()
}

both_backends!(
    candidates_sort_by_every_column_and_filter,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        let o = org(&mut c, "Agentur").await;
        let meyer1 = person(&mut c, o, "Meyer", "Anna", Some("B1"), "VN", 30).await;
        let meyer2 = person(&mut c, o, "Meyer", "Anna", Some("B2"), "VN", 30).await;
        let bauer = person(&mut c, o, "Bauer", "Ben", None, "PH", 20).await;
        let zeller = person(&mut c, o, "Zeller", "Zoe", Some("C1"), "VN", 40).await;
        let adler = person(&mut c, o, "Adler", "Ada", Some("A2"), "IN", 10).await;
        let page = PageRequest::default();
        let by = |sort: &str, dir: &str| CandidateFilter {
            order: Order::<CandidateSort>::parse(Some(sort), Some(dir)),
            ..Default::default()
        };

        // The default: by name; equal names keep the id order.
        assert_eq!(
            names(&mut c, &CandidateFilter::default(), page).await,
            [adler, bauer, meyer1, meyer2, zeller]
        );
        // Descending turns the tie-break round too, so one order holds from page to page.
        assert_eq!(
            names(&mut c, &by("name", "desc"), page).await,
            [zeller, meyer2, meyer1, bauer, adler]
        );
        // A level nobody has (NULL) comes last in both directions, on both databases.
        assert_eq!(
            names(&mut c, &by("german", "asc"), page).await,
            [adler, meyer1, meyer2, zeller, bauer]
        );
        assert_eq!(
            names(&mut c, &by("german", "desc"), page).await,
            [zeller, meyer2, meyer1, adler, bauer]
        );
        // Newest first by default for dates; the equal creation time of the two Meyers by id.
        assert_eq!(
            names(
                &mut c,
                &CandidateFilter {
                    order: Order::parse(Some("created"), None),
                    ..Default::default()
                },
                page
            )
            .await,
            [zeller, meyer2, meyer1, bauer, adler]
        );
        assert_eq!(
            names(&mut c, &by("country", "asc"), page).await,
            [adler, bauer, meyer1, meyer2, zeller]
        );

        // Filters and search together, then paged.
        let filtered = CandidateFilter {
            country: Some("VN".into()),
            german_levels: vec!["B2".into(), "C1".into(), "C2".into()],
            ..Default::default()
        };
        assert_eq!(names(&mut c, &filtered, page).await, [meyer2, zeller]);
        assert_eq!(rec::count_candidates(&mut c, &filtered).await.unwrap(), 2);
        let search = CandidateFilter {
            name: Some("meyer".into()),
            order: Order::parse(Some("name"), Some("desc")),
            ..Default::default()
        };
        assert_eq!(
            names(&mut c, &search, PageRequest::new(Some(1), Some(1))).await,
            [meyer1]
        );
        let got = rec::list_candidates(&mut c, &search, PageRequest::new(Some(1), Some(0)))
            .await
            .unwrap();
        assert_eq!((got.total, got.items[0].id), (2, meyer2));
        // A download reads beyond a page's limit.
        assert_eq!(
            names(&mut c, &CandidateFilter::default(), PageRequest::export())
                .await
                .len(),
            5
        );
    }
);

fn ids(p: standort_store::Paged<pl::PlacementSummary>) -> Vec<i64> {
    p.items.iter().map(|s| s.id).collect()
}

async fn list(c: &mut AnyConnection, f: &PlacementFilter) -> Vec<i64> {
    ids(pl::list_placements(c, f, PageRequest::default())
        .await
        .unwrap())
}

both_backends!(
    placements_sort_filter_overdue_and_search,
    |db: Db| async move {
        let mut c = db.conn().await.unwrap();
        let agency = org(&mut c, "Agentur").await;
        let clinic = org(&mut c, "Klinikum").await;
        let anna = person(&mut c, agency, "Meyer", "Anna", Some("B1"), "VN", 1).await;
        let ben = person(&mut c, agency, "Bauer", "Ben", Some("B1"), "VN", 1).await;
        let position = |title: &str| PositionData {
            org_id: clinic,
            title: title.into(),
            kind: "apprenticeship".into(),
            occupation_id: None,
            german_level: None,
            recognition_required: false,
            recognition_partnership: false,
            licences: vec![],
            place: "Leipzig".into(),
            places: 1,
            start_date: 1_790_000_000,
            is_open: true,
        };
        let care = rec::insert_position(&mut c, &position("Pflege"), 1)
            .await
            .unwrap()
            .id;
        let bus = rec::insert_position(&mut c, &position("Bus"), 1)
            .await
            .unwrap()
            .id;
        let prog = pl::insert_programme(
            &mut c,
            &pl::ProgrammeData {
                org_id: agency,
                name: "Kohorte".into(),
                description: String::new(),
                target_size: 2,
                start_date: None,
            },
            1,
        )
        .await
        .unwrap()
        .id;
        let data = |cand: i64, pos: i64, programme: Option<i64>| PlacementData {
            candidate_id: cand,
            position_id: pos,
            programme_id: programme,
            recognition_required: false,
            partnership_accepted: false,
            apprenticeship: false,
        };
        let anna_care = pl::insert_placement(&mut c, &data(anna, care, Some(prog)), None, 10)
            .await
            .unwrap();
        let anna_bus = pl::insert_placement(&mut c, &data(anna, bus, None), None, 20)
            .await
            .unwrap();
        let ben_care = pl::insert_placement(&mut c, &data(ben, care, Some(prog)), None, 20)
            .await
            .unwrap();
        let page = PageRequest::default();
        let by = |sort: &str, dir: &str| PlacementFilter {
            order: Order::<PlacementSort>::parse(Some(sort), Some(dir)),
            ..Default::default()
        };
        assert_eq!(
            list(&mut c, &PlacementFilter::default()).await,
            [ben_care, anna_care, anna_bus]
        );
        assert_eq!(
            list(&mut c, &by("position", "asc")).await,
            [anna_bus, anna_care, ben_care]
        );
        assert_eq!(
            list(&mut c, &by("position", "desc")).await,
            [ben_care, anna_care, anna_bus]
        );
        // Without a programme last in both directions.
        assert_eq!(
            list(&mut c, &by("programme", "desc")).await,
            [ben_care, anna_care, anna_bus]
        );
        assert_eq!(
            list(&mut c, &by("created", "asc")).await,
            [anna_care, anna_bus, ben_care]
        );

        // Overdue: an item due before the day asked for (derived or an open checklist item).
        pl::replace_due(
            &mut c,
            anna_bus,
            &[DueRow {
                track: "visa".into(),
                code: "embassy_appointment".into(),
                due_on: 1_000,
                legal: true,
            }],
            1,
        )
        .await
        .unwrap();
        pl::insert_checklist_item(&mut c, ben_care, "visa", "passport", Some(5_000))
            .await
            .unwrap();
        let overdue = |before: i64| PlacementFilter {
            overdue_before: Some(before),
            ..Default::default()
        };
        assert_eq!(list(&mut c, &overdue(2_000)).await, [anna_bus]);
        assert_eq!(list(&mut c, &overdue(6_000)).await, [ben_care, anna_bus]);
        let counted = pl::list_placements(&mut c, &overdue(6_000), page)
            .await
            .unwrap();
        assert_eq!(counted.total, 2);
        // Search by the person's name, with the programme filter.
        let search = PlacementFilter {
            search: Some("meyer".into()),
            programme: Some(prog),
            ..Default::default()
        };
        let found = pl::list_placements(&mut c, &search, page).await.unwrap();
        assert_eq!(found.total, 1);
        assert_eq!(ids(found), [anna_care]);
    }
);
