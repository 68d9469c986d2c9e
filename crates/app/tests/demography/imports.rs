//! Imports: bad input is refused with its file and line and nothing is written; XLSX files;
//! children and parents checked against the stored population.

use super::*;

both_backends!(
    bad_imports_are_refused_with_their_lines,
    |db: Db| async move {
        // Unknown region.
        refused(
            &db,
            &files(
                REGIONS,
                population(&[("14729", 2023, 0, "m", 5), ("99999", 2023, 0, "m", 1)]),
            ),
            &[("population", 3, "unknown region 99999")],
        )
        .await;
        // Negative count.
        refused(
            &db,
            &files(REGIONS, population(&[("14729", 2023, 0, "m", -5)])),
            &[("population", 2, "negative")],
        )
        .await;
        // Duplicate cell.
        refused(
            &db,
            &files(
                REGIONS,
                population(&[("14729", 2023, 4, "f", 5), ("14729", 2023, 4, "f", 6)]),
            ),
            &[("population", 3, "duplicate")],
        )
        .await;
        // Children exceeding their parent.
        refused(
            &db,
            &files(
                REGIONS,
                population(&[
                    ("14729", 2023, 4, "f", 50),
                    ("14729160", 2023, 4, "f", 20),
                    ("14729160001", 2023, 4, "f", 21),
                ]),
            ),
            &[("population", 3, "add up to 21")],
        )
        .await;
        // Unknown parent, bad level, bad age, bad sex, missing column.
        refused(
            &db,
            &files(
                "key,name,level,parent_key\n1,A,kreis,\n2,B,gemeinde,7\n3,C,dorf,1\n4,D,land,1\n",
                population(&[("1", 2023, 120, "m", 1), ("1", 2023, 1, "x", 1)]),
            ),
            &[
                ("regions", 3, "unknown parent region 7"),
                ("regions", 4, "level \"dorf\""),
                ("regions", 5, "not above"),
                ("population", 2, "age"),
                ("population", 3, "sex"),
            ],
        )
        .await;
        refused(
        &db,
        &ImportFiles {
            regions: None,
            population: Some(b"region,year,age,sex\n1,2023,0,m\n".to_vec()),
            flows: Some(b"region_key,year,kind,age,sex,count\n1,2023,births,5,f,1\n1,2023,weddings,30,f,1\n".to_vec()),
        },
        &[
            ("population", 1, "no column \"population\""),
            ("flows", 2, "mother's age"),
            ("flows", 3, "kind"),
        ],
    )
    .await;
    }
);

both_backends!(xlsx_imports_and_replaces_a_year, |db: Db| async move {
    let planner = actor(&db, Role::Planner).await;
    let app = app(&db);
    let xlsx = Table {
        name: "population".into(),
        columns: vec![
            "region_key",
            "year",
            "age",
            "sex",
            "nationality",
            "population",
        ],
        rows: vec![
            vec![
                "14729".into(),
                2023i64.into(),
                0i64.into(),
                "m".into(),
                "de".into(),
                7i64.into(),
            ],
            vec![
                "14729".into(),
                2023i64.into(),
                0i64.into(),
                "m".into(),
                "other".into(),
                2i64.into(),
            ],
        ],
    }
    .render(Format::Xlsx)
    .unwrap();
    let summary = app
        .demography_import(
            Some(&planner),
            &ImportFiles {
                regions: Some(REGIONS.as_bytes().to_vec()),
                population: Some(xlsx.bytes),
                flows: None,
            },
        )
        .await
        .unwrap();
    assert_eq!((summary.regions, summary.population_cells), (3, 2));
    // Importing the same region and year again replaces it.
    app.demography_import(
        Some(&planner),
        &files(
            "key,name,level,parent_key\n",
            population(&[("14729", 2023, 1, "f", 3)]),
        ),
    )
    .await
    .unwrap();
    let mut c = db.conn().await.unwrap();
    let kreis = store::find_region_by_key(&mut c, "14729")
        .await
        .unwrap()
        .unwrap();
    let cells = store::population(&mut c, kreis.id, Some(2023))
        .await
        .unwrap();
    assert_eq!(cells.len(), 1);
    assert_eq!((cells[0].age, cells[0].sex.as_str()), (1, "f"));
    let log = audit_of(&mut c, "demography").await;
    assert_eq!(log.total, 2);
    assert_eq!(log.items[0].after.as_ref().unwrap()["population_cells"], 1);
});

/// The issues of a refused import (nothing may have been written: checked by the caller).
async fn refusal(app: &App, planner: &Actor, files: &ImportFiles) -> Vec<(usize, String)> {
    match app.demography_import(Some(planner), files).await {
        Err(ImportError::Invalid { issues, .. }) => {
            issues.into_iter().map(|i| (i.line, i.message)).collect()
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn count_at(db: &Db, key: &str, year: i64) -> Vec<i64> {
    let mut c = db.conn().await.unwrap();
    let r = store::find_region_by_key(&mut c, key)
        .await
        .unwrap()
        .unwrap();
    store::population(&mut c, r.id, Some(year))
        .await
        .unwrap()
        .iter()
        .map(|p| p.count)
        .collect()
}

both_backends!(
    children_and_parents_are_checked_against_stored_population,
    |db: Db| async move {
        let app = app(&db);
        let planner = actor(&db, Role::Planner).await;
        app.demography_import(
            Some(&planner),
            &files(
                REGIONS,
                population(&[
                    ("14729", 2023, 5, "m", 100),
                    ("14729160", 2023, 5, "m", 60),
                    ("14729160001", 2023, 5, "m", 20),
                ]),
            ),
        )
        .await
        .unwrap();
        let none = "key,name,level,parent_key\n";

        // A village whose figures exceed the stored municipality.
        let issues = refusal(
            &app,
            &planner,
            &files(
                none,
                population(&[
                    ("14729160001", 2024, 4, "m", 1),
                    ("14729160001", 2023, 5, "m", 70),
                ]),
            ),
        )
        .await;
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].0, 3);
        assert!(issues[0].1.contains("add up to 70"), "{issues:?}");
        assert!(issues[0].1.contains("more than the 60 of 14729160"));
        assert!(issues[0].1.contains("already stored for 14729160"));

        // A municipality below its stored village, and one above its stored district.
        let issues = refusal(
            &app,
            &planner,
            &files(none, population(&[("14729160", 2023, 5, "m", 10)])),
        )
        .await;
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].0, 2);
        assert!(issues[0].1.contains("add up to 20"), "{issues:?}");
        assert!(issues[0].1.contains("already stored for 14729160001"));
        let issues = refusal(
            &app,
            &planner,
            &files(none, population(&[("14729160", 2023, 5, "m", 150)])),
        )
        .await;
        assert!(
            issues[0].1.contains("more than the 100 of 14729 itself"),
            "{issues:?}"
        );

        // Nothing of the refused imports was written.
        assert_eq!(count_at(&db, "14729160001", 2023).await, vec![20]);
        assert_eq!(count_at(&db, "14729160", 2023).await, vec![60]);

        // Replacing municipality and village together is consistent; another year without a
        // stored parent is not compared.
        app.demography_import(
            Some(&planner),
            &files(
                none,
                population(&[
                    ("14729160", 2023, 5, "m", 15),
                    ("14729160001", 2023, 5, "m", 15),
                    ("14729160001", 2024, 5, "m", 500),
                ]),
            ),
        )
        .await
        .unwrap();
        assert_eq!(count_at(&db, "14729160", 2023).await, vec![15]);
    }
);

both_backends!(
    every_kind_of_bad_cell_is_named_with_its_line,
    |db: Db| async move {
        // Counts must be whole numbers; years must be years.
        refused(
            &db,
            &files(
                REGIONS,
                b"region_key,year,age,sex,population\n14729,2023,0,m,4.5\n14729,20x3,1,m,3\n"
                    .to_vec(),
            ),
            &[
                ("population", 2, "not a whole number"),
                ("population", 3, "not a year"),
            ],
        )
        .await;
        // A region twice, a region that is its own parent.
        refused(
            &db,
            &files(
                "key,name,level,parent_key\n1,A,kreis,\n1,A again,kreis,\n2,B,gemeinde,2\n",
                population(&[("1", 2023, 0, "m", 1)]),
            ),
            &[
                ("regions", 3, "appears again (first on line 2)"),
                ("regions", 4, "its own parent"),
            ],
        )
        .await;
        // Flows: unknown region, the same cell twice, a negative count.
        refused(
            &db,
            &ImportFiles {
                regions: Some(REGIONS.as_bytes().to_vec()),
                population: Some(population(&[("14729", 2023, 30, "f", 10)])),
                flows: Some(
                    b"region_key,year,kind,age,sex,count\n\
                      14729,2023,deaths,80,m,2\n\
                      77777,2023,deaths,80,m,1\n\
                      14729,2023,deaths,80,m,3\n\
                      14729,2023,immigration,25,f,-1\n"
                        .to_vec(),
                ),
            },
            &[
                ("flows", 3, "unknown region 77777"),
                ("flows", 4, "duplicate cell"),
                ("flows", 5, "negative"),
            ],
        )
        .await;
        // Files that are no table at all.
        refused(
            &db,
            &files(REGIONS, vec![0xff, 0xfe, 0x00, 0x41]),
            &[("population", 0, "not UTF-8")],
        )
        .await;
        refused(
            &db,
            &files(REGIONS, b"PK\x03\x04 not really a workbook".to_vec()),
            &[("population", 0, "XLSX")],
        )
        .await;
        refused(
            &db,
            &files(REGIONS, Vec::new()),
            &[("population", 0, "empty")],
        )
        .await;
    }
);
