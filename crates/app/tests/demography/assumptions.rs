//! Assumption sets: bad files refused with their lines, explicit rates change the projection,
//! published paths apply from their year.

use super::*;

/// A complete probability table (`kind` for one region) with `value(sex, age)`.
fn table(key: &str, kind: &str, year: &str, value: impl Fn(&str, i64) -> f64) -> String {
    let mut s = String::new();
    for sex in ["m", "f"] {
        for age in 0..=100 {
            s.push_str(&format!(
                "{key},{kind},{year},{sex},{age},{}\n",
                value(sex, age)
            ));
        }
    }
    s
}

const HEADER: &str = "region_key,kind,year,sex,age,value\n";

both_backends!(
    bad_assumption_files_are_refused_with_their_lines,
    |db: Db| async move {
        let app = app(&db);
        let planner = actor(&db, Role::Planner).await;
        app.demography_import(Some(&planner), &history(5, 5))
            .await
            .unwrap();
        let cases: Vec<(String, usize, &str)> = vec![
            (
                format!("{HEADER}14729,fertility,,,30,0.05\n99999,fertility,,,30,0.05\n"),
                3,
                "unknown region 99999",
            ),
            (
                format!("{HEADER}14729,weddings,,,30,0.05\n"),
                2,
                "kind \"weddings\"",
            ),
            (
                format!("{HEADER}14729,immigration,,x,30,5\n"),
                2,
                "sex \"x\"",
            ),
            (
                format!("{HEADER}14729,fertility,,m,30,0.05\n"),
                2,
                "births per woman",
            ),
            (
                format!("{HEADER}14729,immigration,,m,101,5\n"),
                2,
                "age \"101\"",
            ),
            (
                format!("{HEADER}14729,fertility,,,8,0.05\n"),
                2,
                "mother's age 8",
            ),
            (
                format!("{HEADER}14729,immigration,,m,30,-5\n"),
                2,
                "negative value -5",
            ),
            (
                format!("{HEADER}14729,fertility,,,30,abc\n"),
                2,
                "not a number",
            ),
            (
                format!("{HEADER}14729,fertility,,,30,45\n"),
                2,
                "divide by 1,000",
            ),
            (
                format!(
                    "{HEADER}{}",
                    table("14729", "mortality", "", |_, a| if a == 7 {
                        1.5
                    } else {
                        0.01
                    })
                ),
                9,
                "outside 0 … 1",
            ),
            (
                format!("{HEADER}14729,fertility,2030,,30,0.05\n14729,fertility,2030,,30,0.06\n"),
                3,
                "duplicate value 14729 fertility from 2030 age 30 (first on line 2)",
            ),
            (
                format!("{HEADER}14729,mortality,,m,30,0.01\n"),
                2,
                "gives 1 of the 202 cells",
            ),
            (
                format!("{HEADER}14729,acquisition,,m,30,0.01\n"),
                2,
                "standort demography project --format fso",
            ),
            (
                format!("{HEADER}14729,fertility,20x0,,30,0.05\n"),
                2,
                "year \"20x0\"",
            ),
            (
                "region_key,kind,age\n14729,fertility,30\n".to_string(),
                1,
                "no column \"value\"",
            ),
        ];
        for (text, line, fragment) in &cases {
            match app
                .demography_import_assumptions(
                    Some(&planner),
                    "Landesprognose 2024 mittel",
                    text.as_bytes(),
                )
                .await
            {
                Err(ImportError::Invalid { issues, .. }) => assert!(
                    issues.iter().any(|i| i.file == "assumptions"
                        && i.line == *line
                        && i.message.contains(fragment)),
                    "no issue line {line} {fragment:?} in {issues:#?}"
                ),
                other => panic!("{text}: expected a refusal, got {other:?}"),
            }
        }
        // No name.
        assert!(matches!(
            app.demography_import_assumptions(
                Some(&planner),
                " ",
                format!("{HEADER}14729,fertility,,,30,0.05\n").as_bytes()
            )
            .await,
            Err(ImportError::Invalid { .. })
        ));
        // Nothing was written, not even an audit entry.
        assert!(
            app.demography_assumption_sets(&planner)
                .await
                .unwrap()
                .is_empty()
        );
        let mut c = db.conn().await.unwrap();
        let log = audit_of(&mut c, "demography_assumptions").await;
        assert_eq!(log.total, 0);
        // Staff and employers may not import; staff may list.
        let staff = actor(&db, Role::AgencyStaff).await;
        let employer = actor(&db, Role::Employer).await;
        let ok = format!("{HEADER}14729,fertility,,,30,0.05\n");
        assert!(matches!(
            app.demography_import_assumptions(Some(&staff), "x", ok.as_bytes())
                .await,
            Err(ImportError::App(AppError::NotFound))
        ));
        assert!(matches!(
            app.demography_assumption_sets(&employer).await,
            Err(AppError::NotFound)
        ));
        assert!(
            app.demography_assumption_sets(&staff)
                .await
                .unwrap()
                .is_empty()
        );
    }
);

both_backends!(
    an_assumption_set_changes_the_projection_as_it_must,
    |db: Db| async move {
        let app = app(&db);
        let planner = actor(&db, Role::Planner).await;
        app.demography_import(Some(&planner), &history(5, 5))
            .await
            .unwrap();
        let derived = app
            .demography_project(Some(&planner), &NO_TRAJECTORIES, None)
            .await
            .unwrap();
        assert!(derived.summary["assumption_set"].is_null());
        let town_children = medium(&app, &planner, "14729160", "0-2", 2026).await;
        let town_births = medium(&app, &planner, "14729160", "births", 2024).await;
        let town_deaths = medium(&app, &planner, "14729160", "deaths", 2024).await;
        assert!(town_births > 50.0, "{town_births}");

        // The town has no births; the district dies from age 50 on, nobody moves away, and 10
        // people of each sex aged 20–29 move in every year (semicolons, decimal commas).
        let mut set = String::from("region_key;kind;year;sex;age;value\n");
        set.push_str("14729160;fertility;;;30;0\n");
        set.push_str(
            &table(
                "14729",
                "mortality",
                "",
                |_, a| if a >= 50 { 1.0 } else { 0.001 },
            )
            .replace(',', ";")
            .replace("0.001", "0,001"),
        );
        set.push_str(&table("14729", "emigration", "", |_, _| 0.0).replace(',', ";"));
        for sex in ["m", "f"] {
            for age in 20..30 {
                set.push_str(&format!("14729;immigration;;{sex};{age};10\n"));
            }
        }
        let summary = app
            .demography_import_assumptions(
                Some(&planner),
                "Landesprognose 2024 mittel",
                set.as_bytes(),
            )
            .await
            .unwrap();
        assert_eq!(summary.regions, 2);
        assert_eq!(
            summary.kinds,
            ["emigration", "fertility", "immigration", "mortality"]
        );
        assert!(!summary.replaced);
        let sets = app.demography_assumption_sets(&planner).await.unwrap();
        assert_eq!(sets.len(), 1);
        assert_eq!((sets[0].regions, sets[0].rows), (2, 1 + 202 * 2 + 20));
        assert_eq!(sets[0].set.imported_label, "Test");

        let run = app
            .demography_project(
                Some(&planner),
                &NO_TRAJECTORIES,
                Some("Landesprognose 2024 mittel"),
            )
            .await
            .unwrap();
        assert_eq!(
            run.summary["assumption_set"]["name"],
            "Landesprognose 2024 mittel"
        );
        let used = standort_app::demography::RatesUsed::of(&run);
        assert_eq!(
            used.assumption_set.as_deref(),
            Some("Landesprognose 2024 mittel")
        );
        assert_eq!(used.base_years, Some((2022, 2023)));
        assert!(!used.chosen);
        assert!(
            used.explicit
                .contains(&("14729160".to_string(), vec!["fertility".to_string()]))
        );
        // No births in the town, so fewer small children than in the derived run.
        assert_eq!(
            medium(&app, &planner, "14729160", "births", 2024).await,
            0.0
        );
        assert!(medium(&app, &planner, "14729160", "0-2", 2026).await < town_children - 50.0);
        // Nobody aged 51 or more in the district a year on; immigration as given.
        for band in ["65-79", "80+"] {
            assert!(
                medium(&app, &planner, "14729", band, 2024).await.abs() < 1e-9,
                "{band}"
            );
        }
        assert!(
            (medium(&app, &planner, "14729", "migration_balance", 2024).await - 200.0).abs() < 1e-9
        );
        // The town derives its mortality from its own flows, shrunk toward the district's
        // explicit rates: more deaths than when it shrank toward the district's own history.
        assert!(medium(&app, &planner, "14729160", "deaths", 2024).await > 2.0 * town_deaths);

        // An unknown set is refused; deleting a set keeps the run's summary.
        assert!(matches!(
            app.demography_project(Some(&planner), &NO_TRAJECTORIES, Some("nope"))
                .await,
            Err(AppError::Validation(_))
        ));
        let staff = actor(&db, Role::AgencyStaff).await;
        assert!(matches!(
            app.demography_delete_assumption_set(Some(&staff), summary.id)
                .await,
            Err(AppError::NotFound)
        ));
        app.demography_delete_assumption_set(Some(&planner), summary.id)
            .await
            .unwrap();
        assert!(
            app.demography_assumption_sets(&planner)
                .await
                .unwrap()
                .is_empty()
        );
        let latest = app.demography_latest_run(&planner).await.unwrap().unwrap();
        assert_eq!(
            latest.summary["assumption_set"]["name"],
            "Landesprognose 2024 mittel"
        );
        let mut c = db.conn().await.unwrap();
        let log = audit_of(&mut c, "demography_assumptions").await;
        assert_eq!(log.total, 2, "import and delete");
    }
);

both_backends!(
    a_published_path_applies_from_its_year,
    |db: Db| async move {
        let app = app(&db);
        let planner = actor(&db, Role::Planner).await;
        app.demography_import(Some(&planner), &history(5, 5))
            .await
            .unwrap();
        // The district's immigration: 100 a year from the start, 1,000 from 2026 on.
        let mut set = String::from(HEADER);
        set.push_str("14729,immigration,,m,30,100\n14729,immigration,2026,m,30,1000\n");
        app.demography_import_assumptions(None, "Pfad", set.as_bytes())
            .await
            .unwrap();
        let sets = app.demography_assumption_sets(&planner).await.unwrap();
        assert_eq!(sets[0].set.imported_label, "system (command line)");
        app.demography_project(Some(&planner), &NO_TRAJECTORIES, Some("Pfad"))
            .await
            .unwrap();
        let mb = |y| medium(&app, &planner, "14729", "migration_balance", y);
        let derived_emigration = 100.0 - mb(2024).await;
        assert!((mb(2025).await - (100.0 - derived_emigration)).abs() < 5.0);
        assert!(
            mb(2026).await > mb(2025).await + 850.0,
            "{} {}",
            mb(2026).await,
            mb(2025).await
        );
        assert!(mb(2028).await > mb(2025).await + 850.0);
    }
);
