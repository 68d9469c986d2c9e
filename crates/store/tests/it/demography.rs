//! Demography tables on both backends: regions, population, flows, capacities, runs, results.

use standort_store::demography::{
    self as dm, FlowCell, NewRegion, PopulationCell, Pyramid, ResultFilter, ResultRow,
};
use standort_store::{Db, PageRequest, StoreError, archive, both_backends};

async fn region(db: &Db, key: &str, level: &str, parent: Option<i64>) -> i64 {
    let mut c = db.conn().await.unwrap();
    dm::upsert_region(
        &mut c,
        &NewRegion {
            key,
            name: &format!("Ort {key} (synthetisch)"),
            level,
            parent_id: parent,
            note: Some("synthetisch"),
        },
        10,
    )
    .await
    .unwrap()
    .id
}

fn cells(region_id: i64, year: i64, n: i64) -> Vec<PopulationCell> {
    (0..=100)
        .flat_map(|age| {
            ["m", "f"].map(|sex| PopulationCell {
                region_id,
                year,
                age,
                sex: sex.into(),
                nationality: String::new(),
                count: n,
            })
        })
        .collect()
}

both_backends!(
    regions_upsert_by_key_and_list_by_parent,
    |db: Db| async move {
        let kreis = region(&db, "14729", "kreis", None).await;
        let a = region(&db, "14729150", "gemeinde", Some(kreis)).await;
        region(&db, "14729160", "gemeinde", Some(kreis)).await;
        let mut c = db.conn().await.unwrap();
        // Same key again: updated in place, not duplicated.
        let again = dm::upsert_region(
            &mut c,
            &NewRegion {
                key: "14729150",
                name: "Grimma (synthetisch)",
                level: "gemeinde",
                parent_id: Some(kreis),
                note: None,
            },
            20,
        )
        .await
        .unwrap();
        assert_eq!(again.id, a);
        assert_eq!(
            (again.name.as_str(), again.updated_at),
            ("Grimma (synthetisch)", 20)
        );
        assert_eq!(dm::count_regions(&mut c).await.unwrap(), 3);
        let children = dm::list_regions(&mut c, Some(kreis), PageRequest::new(Some(1), None))
            .await
            .unwrap();
        assert_eq!((children.total, children.items.len()), (2, 1));
        assert_eq!(children.items[0].key, "14729150");
        assert_eq!(
            dm::find_region_by_key(&mut c, "14729")
                .await
                .unwrap()
                .unwrap()
                .id,
            kreis
        );
        assert!(
            dm::find_region_by_key(&mut c, "nope")
                .await
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            dm::get_region(&mut c, 999).await,
            Err(StoreError::NotFound)
        ));
    }
);

both_backends!(
    population_sums_add_nationalities_per_region_age_and_sex,
    |db: Db| async move {
        let kreis = region(&db, "14729", "kreis", None).await;
        let a = region(&db, "14729160", "gemeinde", Some(kreis)).await;
        let b = region(&db, "14729050", "gemeinde", Some(kreis)).await;
        let mut c = db.conn().await.unwrap();
        let mut cells_a = cells(a, 2023, 3);
        cells_a.extend(cells(a, 2023, 2).into_iter().map(|mut x| {
            x.nationality = "int".into();
            x
        }));
        dm::replace_population(&mut c, &cells_a).await.unwrap();
        dm::replace_population(&mut c, &cells(b, 2023, 9))
            .await
            .unwrap();
        dm::replace_population(&mut c, &cells(b, 2022, 1))
            .await
            .unwrap();
        // More ids than one chunk, most without data.
        let mut ids: Vec<i64> = (100_000..101_200).collect();
        ids.push(a);
        let sums = dm::population_sums(&mut c, 2023, &ids).await.unwrap();
        assert_eq!(sums.len(), 202);
        assert!(sums.iter().all(|(r, _, _, n)| *r == a && *n == 5));
        assert_eq!(sums[1], (a, 0, "m".to_string(), 5));
        let sums = dm::population_sums(&mut c, 2022, &[a, b]).await.unwrap();
        assert_eq!(sums.len(), 202);
        assert!(sums.iter().all(|(r, _, _, n)| *r == b && *n == 1));
        assert!(
            dm::population_sums(&mut c, 2021, &[])
                .await
                .unwrap()
                .is_empty()
        );
    }
);

both_backends!(
    population_and_flows_replace_whole_blocks,
    |db: Db| async move {
        let r = region(&db, "14729", "kreis", None).await;
        let mut c = db.conn().await.unwrap();
        assert!(dm::flow_years(&mut c).await.unwrap().is_empty());
        dm::replace_population(&mut c, &cells(r, 2023, 5))
            .await
            .unwrap();
        dm::replace_population(&mut c, &cells(r, 2022, 4))
            .await
            .unwrap();
        // Replacing 2023 leaves 2022 alone.
        dm::replace_population(&mut c, &cells(r, 2023, 7))
            .await
            .unwrap();
        let y23 = dm::population(&mut c, r, Some(2023)).await.unwrap();
        assert_eq!(y23.len(), 202);
        assert!(y23.iter().all(|x| x.count == 7));
        assert_eq!(
            dm::population_totals(&mut c).await.unwrap(),
            vec![(r, 2022, 808), (r, 2023, 1414)]
        );
        assert_eq!(dm::all_population(&mut c).await.unwrap().len(), 404);

        let flows: Vec<FlowCell> = (15..50)
            .map(|age| FlowCell {
                region_id: r,
                year: 2023,
                kind: "births".into(),
                age,
                sex: "f".into(),
                nationality: String::new(),
                count: 2,
            })
            .collect();
        dm::replace_flows(&mut c, &flows).await.unwrap();
        dm::replace_flows(&mut c, &flows).await.unwrap();
        assert_eq!(dm::all_flows(&mut c).await.unwrap().len(), 35);
        assert_eq!(dm::flow_years(&mut c).await.unwrap(), vec![2023]);
        // Several years, imported out of order, each once however many rows it has.
        for year in [2021, 2019, 2023] {
            let mut more = flows.clone();
            more.iter_mut().for_each(|f| f.year = year);
            dm::replace_flows(&mut c, &more).await.unwrap();
        }
        assert_eq!(
            dm::flow_years(&mut c).await.unwrap(),
            vec![2019, 2021, 2023]
        );

        // The kept totals follow every replacement and a rebuild gives the same; a deleted
        // region takes its totals along.
        let other = region(&db, "14729050", "gemeinde", Some(r)).await;
        dm::replace_population(&mut c, &cells(other, 2023, 2))
            .await
            .unwrap();
        let kept = dm::population_totals(&mut c).await.unwrap();
        assert_eq!(
            kept,
            vec![(r, 2022, 808), (r, 2023, 1414), (other, 2023, 404)]
        );
        dm::rebuild_population_totals(&mut c).await.unwrap();
        assert_eq!(dm::population_totals(&mut c).await.unwrap(), kept);
        sqlx::query("DELETE FROM demography_population WHERE region_id = $1")
            .bind(other)
            .execute(&mut *c)
            .await
            .unwrap();
        sqlx::query("DELETE FROM demography_regions WHERE id = $1")
            .bind(other)
            .execute(&mut *c)
            .await
            .unwrap();
        assert_eq!(
            dm::population_totals(&mut c).await.unwrap(),
            vec![(r, 2022, 808), (r, 2023, 1414)]
        );
    }
);

both_backends!(
    capacities_upsert_per_year_and_delete_in_region,
    |db: Db| async move {
        let r = region(&db, "14729150", "gemeinde", None).await;
        let other = region(&db, "14729160", "gemeinde", None).await;
        let mut c = db.conn().await.unwrap();
        dm::set_capacity(&mut c, r, "kindergarten", 2024, 120, 0.95, 1)
            .await
            .unwrap();
        let updated = dm::set_capacity(&mut c, r, "kindergarten", 2024, 140, 0.9, 2)
            .await
            .unwrap();
        dm::set_capacity(&mut c, r, "creche", 2026, 40, 0.5, 3)
            .await
            .unwrap();
        let list = dm::capacities(&mut c, r).await.unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!((list[1].places, list[1].take_up), (140, 0.9));
        assert!(matches!(
            dm::delete_capacity(&mut c, other, updated.id).await,
            Err(StoreError::NotFound)
        ));
        dm::delete_capacity(&mut c, r, updated.id).await.unwrap();
        assert_eq!(dm::capacities(&mut c, r).await.unwrap().len(), 1);
    }
);

both_backends!(
    a_new_run_replaces_results_and_pyramids,
    |db: Db| async move {
        let r = region(&db, "14729", "kreis", None).await;
        let mut c = db.conn().await.unwrap();
        let row = |year: i64, value: f64, interval: bool| ResultRow {
            region_id: r,
            scenario: "medium".into(),
            year,
            measure: "0-2".into(),
            value,
            p2_5: interval.then_some(value * 0.8),
            p10: interval.then_some(value * 0.9),
            p90: interval.then_some(value * 1.1),
            p97_5: interval.then_some(value * 1.2),
        };
        let first = dm::insert_run(
            &mut c,
            2023,
            2043,
            100,
            7,
            &serde_json::json!({"a": 1}),
            None,
            5,
        )
        .await
        .unwrap();
        let rows: Vec<ResultRow> = (2023..2044).map(|y| row(y, 100.5, y > 2023)).collect();
        dm::insert_results(&mut c, first.id, &rows).await.unwrap();
        dm::insert_pyramids(
            &mut c,
            first.id,
            &[Pyramid {
                region_id: r,
                year: 2030,
                male: vec![1.5; 101],
                female: vec![2.5; 101],
                foreign: None,
            }],
        )
        .await
        .unwrap();
        let got = dm::results(&mut c, r, &ResultFilter::default())
            .await
            .unwrap();
        assert_eq!(got, rows);
        assert_eq!(got[0].p10, None);
        let page = dm::results_page(
            &mut c,
            r,
            &ResultFilter {
                measure: Some("0-2".into()),
                scenario: Some("medium".into()),
            },
            PageRequest::new(Some(5), Some(20)),
        )
        .await
        .unwrap();
        assert_eq!((page.total, page.items.len()), (21, 1));
        let p = dm::pyramid(&mut c, r, 2030).await.unwrap().unwrap();
        assert_eq!((p.male[100], p.female[0]), (1.5, 2.5));
        assert_eq!(dm::pyramid_years(&mut c, r).await.unwrap(), vec![2030]);

        let second = dm::insert_run(&mut c, 2023, 2043, 100, 8, &serde_json::json!({}), None, 6)
            .await
            .unwrap();
        assert!(
            dm::results(&mut c, r, &ResultFilter::default())
                .await
                .unwrap()
                .is_empty()
        );
        assert!(dm::pyramid(&mut c, r, 2030).await.unwrap().is_none());
        let latest = dm::latest_run(&mut c).await.unwrap().unwrap();
        assert_eq!((latest.id, latest.seed), (second.id, 8));
        assert_eq!(first.summary["a"], 1);
    }
);

both_backends!(demography_rows_survive_the_archive, |db: Db| async move {
    let kreis = region(&db, "14729", "kreis", None).await;
    let village = region(&db, "14729150001", "ortsteil", Some(kreis)).await;
    {
        let mut c = db.conn().await.unwrap();
        dm::replace_population(&mut c, &cells(village, 2023, 3))
            .await
            .unwrap();
        dm::set_capacity(&mut c, village, "creche", 2024, 12, 0.55, 1)
            .await
            .unwrap();
        let run = dm::insert_run(&mut c, 2023, 2030, 10, 1, &serde_json::json!({}), None, 2)
            .await
            .unwrap();
        dm::insert_results(
            &mut c,
            run.id,
            &[ResultRow {
                region_id: village,
                scenario: "medium".into(),
                year: 2030,
                measure: "total".into(),
                value: 600.25,
                p2_5: Some(500.0),
                p10: Some(550.0),
                p90: Some(650.0),
                p97_5: Some(700.0),
            }],
        )
        .await
        .unwrap();
    }
    let mut out = Vec::new();
    archive::export(&db, &mut out).await.unwrap();
    let target = standort_store::testing::TestDb::new(db.kind())
        .await
        .unwrap();
    archive::import(&target.db, out.as_slice()).await.unwrap();
    let mut again = Vec::new();
    archive::export(&target.db, &mut again).await.unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        String::from_utf8(again).unwrap()
    );
    let mut c = target.db.conn().await.unwrap();
    let r = dm::results(&mut c, village, &ResultFilter::default())
        .await
        .unwrap();
    assert_eq!(r[0].value, 600.25);
});

fn assumption(
    region_id: i64,
    kind: &str,
    year_from: Option<i64>,
    sex: &str,
    age: i64,
    value: f64,
) -> dm::AssumptionCell {
    dm::AssumptionCell {
        region_id,
        kind: kind.into(),
        year_from,
        sex: sex.into(),
        age,
        nationality: String::new(),
        value,
    }
}

both_backends!(
    assumption_sets_replace_by_name_list_and_delete,
    |db: Db| async move {
        let kreis = region(&db, "14729", "kreis", None).await;
        let town = region(&db, "14729160", "gemeinde", Some(kreis)).await;
        let mut c = db.conn().await.unwrap();
        let (first, replaced) = dm::replace_assumption_set(
            &mut c,
            "Landesprognose 2024 mittel",
            None,
            "system (command line)",
            &[
                assumption(kreis, "fertility", None, "", 30, 0.1),
                assumption(kreis, "mortality", Some(2030), "m", 80, 0.0625),
                assumption(town, "immigration", None, "f", 25, 12.0),
            ],
            5,
        )
        .await
        .unwrap();
        assert!(!replaced);
        let cells = dm::assumption_cells(&mut c, first.id).await.unwrap();
        assert_eq!(cells.len(), 3);
        assert_eq!(cells[0], assumption(kreis, "fertility", None, "", 30, 0.1));
        assert_eq!(cells[1].year_from, Some(2030));
        assert_eq!(cells[1].value, 0.0625);
        dm::replace_assumption_set(&mut c, "other", None, "x", &[], 6)
            .await
            .unwrap();
        let list = dm::list_assumption_sets(&mut c).await.unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].set.name, "Landesprognose 2024 mittel");
        assert_eq!((list[0].regions, list[0].rows), (2, 3));
        assert_eq!(list[0].kinds, ["fertility", "immigration", "mortality"]);
        assert_eq!((list[1].regions, list[1].rows), (0, 0));
        // The same name again replaces the set and every value of it.
        let (second, replaced) = dm::replace_assumption_set(
            &mut c,
            "Landesprognose 2024 mittel",
            None,
            "y",
            &[assumption(town, "emigration", None, "m", 20, 0.5)],
            7,
        )
        .await
        .unwrap();
        assert!(replaced);
        assert_ne!(first.id, second.id);
        assert!(
            dm::assumption_cells(&mut c, first.id)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            dm::assumption_cells(&mut c, second.id).await.unwrap().len(),
            1
        );
        let found = dm::find_assumption_set(&mut c, "Landesprognose 2024 mittel")
            .await
            .unwrap()
            .unwrap();
        assert_eq!((found.imported_label.as_str(), found.imported_at), ("y", 7));
        let gone = dm::delete_assumption_set(&mut c, second.id).await.unwrap();
        assert_eq!(gone.name, "Landesprognose 2024 mittel");
        assert!(matches!(
            dm::delete_assumption_set(&mut c, second.id).await,
            Err(StoreError::NotFound)
        ));
        assert!(
            dm::assumption_cells(&mut c, second.id)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(dm::list_assumption_sets(&mut c).await.unwrap().len(), 1);
    }
);
