//! Demography use cases on a real database (both backends): every kind of bad import input is
//! refused with its line and nothing is written; XLSX imports; permissions; the demo district
//! projects and shows the crèche gap of a village; audit entries summarise writes.

use standort_app::demography::export::{Format, Table};
use standort_app::demography::{CapacityInput, ImportError, ImportFiles};
use standort_app::{Actor, App, AppError, Settings};
use standort_demography::service;
use standort_domain::{Language, OrgKind, Role};
use standort_store::audit::{self, AuditFilter};
use standort_store::demography as store;
use standort_store::orgs::NewOrganisation;
use standort_store::users::NewUser;
use standort_store::{Db, PageRequest, both_backends, orgs, users};

async fn actor(db: &Db, role: Role) -> Actor {
    let mut c = db.conn().await.unwrap();
    let org = match orgs::list(&mut c, None, PageRequest::default())
        .await
        .unwrap()
        .items
        .first()
    {
        Some(o) => o.id,
        None => {
            orgs::insert(
                &mut c,
                &NewOrganisation {
                    name: "Landratsamt (Test)",
                    kind: OrgKind::Agency,
                    country: "DE",
                },
                1,
            )
            .await
            .unwrap()
            .id
        }
    };
    let user = users::insert(
        &mut c,
        &NewUser {
            org_id: org,
            email: &format!("{}@example.org", role.as_str()),
            display_name: "Test",
            role,
            password_hash: "x",
            language: Language::De,
        },
        1,
    )
    .await
    .unwrap();
    Actor {
        user,
        client_ip: None,
    }
}

/// The audit entries about `entity` (first page).
async fn audit_of(
    c: &mut sqlx::AnyConnection,
    entity: &str,
) -> standort_store::Paged<audit::AuditEntry> {
    audit::list(
        c,
        &AuditFilter {
            entity: Some(entity.into()),
            ..Default::default()
        },
        PageRequest::default(),
    )
    .await
    .unwrap()
}

fn app(db: &Db) -> App {
    App::new(db.clone(), Settings::default()).with_clock(std::sync::Arc::new(|| 1_700_000_000))
}

const REGIONS: &str = "key,name,level,parent_key\n\
    14729,Landkreis (synthetisch),kreis,\n\
    14729160,Grimma (synthetisch),gemeinde,14729\n\
    14729160001,Nerchau (synthetisch),ortsteil,14729160\n";

fn population(rows: &[(&str, i64, i64, &str, i64)]) -> Vec<u8> {
    let mut s = String::from("region_key,year,age,sex,population\n");
    for (k, y, a, sex, n) in rows {
        s.push_str(&format!("{k},{y},{a},{sex},{n}\n"));
    }
    s.into_bytes()
}

fn files(regions: &str, population: Vec<u8>) -> ImportFiles {
    ImportFiles {
        regions: Some(regions.as_bytes().to_vec()),
        population: Some(population),
        flows: None,
    }
}

/// Imports and expects a refusal naming `(file, line, fragment)`; checks nothing was written.
async fn refused(db: &Db, files: &ImportFiles, expect: &[(&str, usize, &str)]) {
    let planner = actor_once(db, Role::Planner).await;
    let err = app(db)
        .demography_import(Some(&planner), files)
        .await
        .unwrap_err();
    let ImportError::Invalid { issues, .. } = err else {
        panic!("expected a refusal, got {err:?}");
    };
    for (file, line, fragment) in expect {
        assert!(
            issues
                .iter()
                .any(|i| i.file == *file && i.line == *line && i.message.contains(fragment)),
            "no issue {file}:{line} {fragment:?} in {issues:#?}"
        );
    }
    let mut c = db.conn().await.unwrap();
    assert_eq!(store::count_regions(&mut c).await.unwrap(), 0);
    assert!(store::all_population(&mut c).await.unwrap().is_empty());
    let log = audit_of(&mut c, "demography").await;
    assert_eq!(log.total, 0, "a refused import leaves no audit entry");
}

async fn actor_once(db: &Db, role: Role) -> Actor {
    let mut c = db.conn().await.unwrap();
    let email = format!("{}@example.org", role.as_str());
    if let Some((user, _)) = users::find_for_login(&mut c, &email).await.unwrap() {
        return Actor {
            user,
            client_ip: None,
        };
    }
    drop(c);
    actor(db, role).await
}

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

both_backends!(
    only_planners_and_administrators_write,
    |db: Db| async move {
        let app = app(&db);
        let planner = actor(&db, Role::Planner).await;
        app.demography_import(
            Some(&planner),
            &files(REGIONS, population(&[("14729", 2023, 0, "m", 5)])),
        )
        .await
        .unwrap();
        let id = app.demography_tree(&planner).await.unwrap()[0].region.id;
        let staff = actor(&db, Role::AgencyStaff).await;
        let employer = actor(&db, Role::Employer).await;
        assert_eq!(app.demography_tree(&staff).await.unwrap().len(), 3);
        let input = CapacityInput {
            facility: "creche".into(),
            year_from: 2024,
            places: 10,
            take_up_percent: None,
        };
        assert!(matches!(
            app.demography_set_capacity(&staff, id, &input).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            app.demography_tree(&employer).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            app.demography_import(Some(&employer), &files(REGIONS, Vec::new()))
                .await,
            Err(ImportError::App(AppError::Forbidden))
        ));
        assert!(matches!(
            app.demography_project(Some(&staff), &service::Options::default(), None)
                .await,
            Err(AppError::Forbidden)
        ));
        let c = app
            .demography_set_capacity(&planner, id, &input)
            .await
            .unwrap();
        assert_eq!(c.take_up, 0.55);
        assert!(matches!(
            app.demography_set_capacity(
                &planner,
                id,
                &CapacityInput {
                    facility: "hort".into(),
                    ..input.clone()
                }
            )
            .await,
            Err(AppError::Validation(_))
        ));
    }
);

both_backends!(
    demo_district_projects_and_shows_the_creche_gap,
    |db: Db| async move {
        let app = app(&db);
        let started = std::time::Instant::now();
        standort_app::demography::demo::load_demography_demo(&app)
            .await
            .unwrap();
        eprintln!(
            "{:?}: demo loaded and projected in {:.1} s",
            db.kind(),
            started.elapsed().as_secs_f64()
        );
        let planner = actor(&db, Role::Planner).await;
        let tree = app.demography_tree(&planner).await.unwrap();
        assert_eq!(tree.len(), 13);
        assert!(tree.iter().all(|n| n.region.name.contains("synthetisch")));
        let village = tree
            .iter()
            .find(|n| n.region.name.starts_with("Nerchau"))
            .unwrap();
        assert_eq!(village.depth, 2);
        let view = app
            .demography_region(&planner, village.region.id, Some(2035))
            .await
            .unwrap();
        assert_eq!(view.method.as_deref(), Some("hamilton_perry"));
        let creche = view.gaps.iter().find(|g| g.facility == "creche").unwrap();
        let first = creche
            .first_shortfall()
            .expect("the demo shows a crèche gap");
        assert_eq!(first.year, 2024);
        assert!(first.gap_low80 <= first.gap && first.gap <= first.gap_high80);
        assert_eq!(view.pyramid_year.as_ref().unwrap().year, 2035);
        let run = view.run.as_ref().unwrap();
        assert_eq!((run.base_year, run.last_year), (2023, 2043));
        // Villages add up to no more than their municipality in every year.
        let grimma = tree.iter().find(|n| n.region.key == "14729160").unwrap();
        let town = app
            .demography_region(&planner, grimma.region.id, None)
            .await
            .unwrap();
        for year in 2024..=2043 {
            let mut villages = 0.0;
            for child in &town.children {
                let v = app
                    .demography_region(&planner, child.id, None)
                    .await
                    .unwrap();
                villages += v.value("total", "medium", year).unwrap().value;
            }
            let total = town.value("total", "medium", year).unwrap().value;
            assert!(villages < total, "{year}: {villages} vs {total}");
        }
        // Exports carry the same figures.
        let csv = app
            .demography_export_region(
                &planner,
                village.region.id,
                standort_app::demography::RegionTable::Gap,
                None,
                Format::Csv,
            )
            .await
            .unwrap();
        let text = String::from_utf8(csv.bytes).unwrap();
        assert!(text.starts_with("facility,year,places,demand,gap"));
        assert!(text.contains("creche,2024,30,"));
        // The run and the import are in the audit log, as summaries.
        let mut c = db.conn().await.unwrap();
        for entity in ["demography", "demography_run"] {
            let log = audit_of(&mut c, entity).await;
            assert_eq!(log.total, 1, "{entity}");
        }
    }
);

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

/// Population of 2022 and 2023 (`n` per cell) for the three regions, flows 2022 and 2023 for
/// the district and the town: deaths `d22`/`d23` per cell of the district (5,000 people per
/// cell, so its own history outweighs the prior), births at 20–39.
fn history(d22: i64, d23: i64) -> ImportFiles {
    let mut pop = String::from("region_key,year,age,sex,population\n");
    let mut flows = String::from("region_key,year,kind,age,sex,count\n");
    for year in [2022, 2023] {
        for age in 0..=100 {
            for sex in ["m", "f"] {
                for (key, n) in [("14729", 5000), ("14729160", 60), ("14729160001", 20)] {
                    pop.push_str(&format!("{key},{year},{age},{sex},{n}\n"));
                }
                let d = if year == 2022 { d22 } else { d23 };
                flows.push_str(&format!("14729,{year},deaths,{age},{sex},{d}\n"));
                flows.push_str(&format!("14729,{year},immigration,{age},{sex},2\n"));
                flows.push_str(&format!("14729,{year},emigration,{age},{sex},1\n"));
                flows.push_str(&format!("14729160,{year},deaths,{age},{sex},1\n"));
                flows.push_str(&format!("14729160,{year},immigration,{age},{sex},1\n"));
            }
        }
        for age in 20..40 {
            flows.push_str(&format!(
                "14729,{year},births,{age},m,200\n14729,{year},births,{age},f,200\n"
            ));
            flows.push_str(&format!(
                "14729160,{year},births,{age},m,3\n14729160,{year},births,{age},f,3\n"
            ));
        }
    }
    ImportFiles {
        regions: Some(REGIONS.as_bytes().to_vec()),
        population: Some(pop.into_bytes()),
        flows: Some(flows.into_bytes()),
    }
}

const NO_TRAJECTORIES: service::Options = service::Options {
    horizon: 5,
    trajectories: 0,
    seed: 1,
    base_years: None,
};

async fn medium(app: &App, actor: &Actor, key: &str, measure: &str, year: i64) -> f64 {
    let tree = app.demography_tree(actor).await.unwrap();
    let id = tree.iter().find(|n| n.region.key == key).unwrap().region.id;
    let view = app.demography_region(actor, id, None).await.unwrap();
    view.value(measure, "medium", year)
        .unwrap_or_else(|| panic!("{key} {measure} {year}"))
        .value
}

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
            Err(ImportError::App(AppError::Forbidden))
        ));
        assert!(matches!(
            app.demography_assumption_sets(&employer).await,
            Err(AppError::Forbidden)
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
            Err(AppError::Forbidden)
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

both_backends!(base_years_change_the_derived_rates, |db: Db| async move {
    let app = app(&db);
    let planner = actor(&db, Role::Planner).await;
    // Few deaths in 2022, many in 2023.
    app.demography_import(Some(&planner), &history(5, 100))
        .await
        .unwrap();
    let mut deaths = Vec::new();
    for years in [(2022, 2022), (2023, 2023)] {
        let run = app
            .demography_project(
                Some(&planner),
                &service::Options {
                    base_years: Some(years),
                    ..NO_TRAJECTORIES
                },
                None,
            )
            .await
            .unwrap();
        let used = standort_app::demography::RatesUsed::of(&run);
        assert_eq!(used.base_years, Some(years));
        assert!(used.chosen);
        assert_eq!(
            run.summary["base_years"]["flow_years"],
            serde_json::json!([years.0])
        );
        deaths.push(medium(&app, &planner, "14729", "deaths", 2024).await);
    }
    assert!(deaths[1] > 1.5 * deaths[0], "{deaths:?}");
    // All years pooled lie in between.
    app.demography_project(Some(&planner), &NO_TRAJECTORIES, None)
        .await
        .unwrap();
    let pooled = medium(&app, &planner, "14729", "deaths", 2024).await;
    assert!(
        deaths[0] < pooled && pooled < deaths[1],
        "{pooled} {deaths:?}"
    );
    // Base years without flows, or backwards, are refused.
    for years in [(2010, 2015), (2023, 2022)] {
        assert!(matches!(
            app.demography_project(
                Some(&planner),
                &service::Options {
                    base_years: Some(years),
                    ..NO_TRAJECTORIES
                },
                None,
            )
            .await,
            Err(AppError::Validation(_))
        ));
    }
});

both_backends!(
    a_run_reports_its_progress_stage_by_stage,
    |db: Db| async move {
        let app = app(&db);
        let planner = actor(&db, Role::Planner).await;
        app.demography_import(Some(&planner), &history(5, 5))
            .await
            .unwrap();
        let steps = std::sync::Mutex::new(Vec::new());
        app.demography_project_with(
            Some(&planner),
            &service::Options {
                trajectories: 20,
                ..NO_TRAJECTORIES
            },
            None,
            &|s| steps.lock().unwrap().push(s),
        )
        .await
        .unwrap();
        let steps = steps.into_inner().unwrap();
        let mut stages: Vec<service::Stage> = steps.iter().map(|s| s.stage).collect();
        stages.dedup();
        use service::Stage::*;
        assert_eq!(
            stages,
            [Rates, Trajectories, Projection, Raking, Backtest, Storing]
        );
        for stage in [Rates, Trajectories, Projection, Raking, Storing] {
            let last = steps.iter().rev().find(|s| s.stage == stage).unwrap();
            assert_eq!(last.done, last.total, "{stage:?} ends complete");
            assert!(last.total > 0);
        }
        assert_eq!(
            steps
                .iter()
                .rev()
                .find(|s| s.stage == Raking)
                .unwrap()
                .total,
            5
        );
        assert_eq!(
            steps
                .iter()
                .rev()
                .find(|s| s.stage == Trajectories)
                .unwrap()
                .total,
            2
        );
    }
);
