//! Demography pages over HTTP: the planner opens a village of the demo district and reads its
//! crèche gap, enters a capacity and recomputes; downloads; staff read only; employers are
//! refused.

use crate::helpers::{EMPLOYER, STAFF, TestApp, client};
use crate::on_both;

const PLANNER: &str = "planner@demo.standort.example";

/// The id of a region from the region list (its link).
fn region_id(list: &str, name: &str) -> i64 {
    let at = list.find(name).expect("region listed");
    let before = &list[..at];
    let start = before.rfind("/demography/regions/").expect("link") + "/demography/regions/".len();
    before[start..].split('"').next().unwrap().parse().unwrap()
}

on_both!(
    planner_reads_the_creche_gap_of_a_village,
    |app: TestApp| async move {
        let c = app.login(PLANNER).await;
        let dashboard = app.page(&c, "/dashboard").await;
        assert!(
            dashboard.contains("href=\"/demography\""),
            "dashboard card links to the module"
        );
        let list = app.page(&c, "/demography").await;
        assert!(list.contains("Landkreis Leipzig (synthetisch)"));
        let village = region_id(&list, "Nerchau (synthetisch)");
        let page = app
            .page(&c, &format!("/demography/regions/{village}"))
            .await;
        assert!(page.contains("Krippe (0–2 Jahre)"));
        assert!(
            page.contains("Ab 2024 fehlen voraussichtlich"),
            "crèche gap sentence"
        );
        assert!(page.contains("role=\"img\""));
        assert!(page.contains("<title id=\"gap-creche-title\">"));
        assert!(page.contains("Bevölkerungspyramide"));
        // A capacity entered through the form shows up; the projection can be recomputed.
        let r = app
            .submit(
                &c,
                &format!("/demography/regions/{village}"),
                &format!("/demography/regions/{village}/capacities"),
                &[
                    ("facility", "creche"),
                    ("year_from", "2030"),
                    ("places", "60"),
                    ("take_up_percent", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let page = app
            .page(
                &c,
                &format!("/demography/regions/{village}?done=dm-capacity-saved"),
            )
            .await;
        assert!(page.contains("Die Kapazität wurde gespeichert."));
        let r = app
            .submit(&c, "/demography", "/demography/project", &[])
            .await;
        assert_eq!(r.status(), 303);
        // The run's built-in back-test: from 2018 with what was known then, against 2023.
        let list = app.page(&c, "/demography").await;
        assert!(list.contains("Rückrechnung (Back-Test)"), "back-test shown");
        assert!(list.contains("ab 2018"), "jump-off named");
        assert!(list.contains("MAPE (%)"));

        // Downloads.
        let r = c
            .get(app.url(&format!(
                "/demography/regions/{village}/export/gap?format=csv"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        let text = r.text().await.unwrap();
        assert!(text.starts_with("facility,year,places,demand,gap"));
        assert!(text.contains("creche,2030,60,"));
        let r = c
            .get(app.url("/demography/export/regions?format=xlsx"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.bytes().await.unwrap().starts_with(b"PK"));
        let cmp = app
            .page(&c, &format!("/demography/compare?r={village}&measure=0-2"))
            .await;
        assert!(cmp.contains("Nerchau (synthetisch)"));
    }
);

on_both!(
    import_errors_are_shown_with_lines,
    |app: TestApp| async move {
        let c = app.login(PLANNER).await;
        let r = app
            .submit(
                &c,
                "/demography",
                "/demography/import",
                &[
                    ("regions", ""),
                    (
                        "population",
                        "region_key,year,age,sex,population\n99999,2023,0,m,4\n14729,2023,0,m,-1\n",
                    ),
                    ("flows", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("unknown region 99999"));
        assert!(html.contains("negative count"));
    }
);

on_both!(
    staff_read_employers_are_refused,
    |app: TestApp| async move {
        let staff = app.login(STAFF).await;
        let list = app.page(&staff, "/demography").await;
        assert!(
            !list.contains("action=\"/demography/project\""),
            "staff cannot recompute"
        );
        let village = region_id(&list, "Nerchau (synthetisch)");
        let employer = app.login(EMPLOYER).await;
        for path in [
            "/demography".to_string(),
            format!("/demography/regions/{village}"),
            format!("/demography/regions/{village}/export/gap?format=csv"),
        ] {
            let r = employer.get(app.url(&path)).send().await.unwrap();
            assert!(
                r.status() == 403 || r.status() == 404,
                "{path}: {}",
                r.status()
            );
        }
        let r = app
            .submit(&staff, "/demography", "/demography/project", &[])
            .await;
        assert_eq!(r.status(), 403);
        let token = app.token(EMPLOYER).await;
        let r = app.api_get(&token, "/api/v1/demography/regions").await;
        assert_eq!(r.status(), 403);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
);

on_both!(
    import_page_takes_csv_and_xlsx_files,
    |app: TestApp| async move {
        use crate::upload::post_multipart;
        let c = app.login(PLANNER).await;
        let list = app.page(&c, "/demography").await;
        assert!(list.contains("enctype=\"multipart/form-data\""));
        assert!(list.contains("name=\"population_file\""));
        let token = crate::helpers::csrf_of(&list);
        let village = region_id(&list, "Nerchau (synthetisch)");

        // The population download in XLSX is the import format: uploading it back is accepted.
        let xlsx = c
            .get(app.url(&format!(
                "/demography/regions/{village}/export/population?format=xlsx"
            )))
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert!(xlsx.starts_with(b"PK"));
        let r = post_multipart(
            &app,
            &c,
            "/demography/import",
            &[
                ("csrf", None, token.as_bytes()),
                ("population_file", Some("nerchau.xlsx"), &xlsx),
                ("population", None, b"this text is ignored: the file wins"),
            ],
        )
        .await;
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        // 2 years × 101 ages × 2 sexes.
        assert!(html.contains("404 Bevölkerungszellen"), "{html}");

        // A bad CSV file: refused with its line numbers, the pasted text is kept in the form.
        let r = post_multipart(
            &app,
            &c,
            "/demography/import",
            &[
                ("csrf", None, token.as_bytes()),
                ("regions", None, b"key,name,level,parent_key\n"),
                (
                    "flows_file",
                    Some("flows.csv"),
                    b"region_key;year;kind;age;sex;count\n14729;2023;births;30;f;3\n14729;2023;weddings;30;m;3\n",
                ),
            ],
        )
        .await;
        let status = r.status();
        let html = r.text().await.unwrap();
        assert_eq!(status, 422, "{html}");
        assert!(html.contains("<td>3</td>"), "line 3 named: {html}");
        assert!(html.contains("key,name,level,parent_key"));
    }
);

on_both!(
    api_projection_reports_its_backtest,
    |app: TestApp| async move {
        let token = app.token(PLANNER).await;
        let r = client()
            .post(app.url("/api/v1/demography/project"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let run: serde_json::Value = r.json().await.unwrap();
        assert_eq!(run["base_year"], 2023);
        assert_eq!(run["backtest"]["jump_off"], 2018);
        assert_eq!(run["backtest"]["to"], 2023);
        let rows = run["backtest"]["rows"].as_array().unwrap();
        assert!(
            rows.iter().any(|r| r["size_class"] == "all"
                && r["horizon"] == 5
                && r["mape"].as_f64().is_some()),
            "{rows:?}"
        );
    }
);

on_both!(
    api_tables_carry_the_same_data_as_the_downloads,
    |app: TestApp| async move {
        let c = app.login(PLANNER).await;
        let list = app.page(&c, "/demography").await;
        let village = region_id(&list, "Nerchau (synthetisch)");
        let token = app.token(PLANNER).await;
        for table in ["indicators", "series", "gap", "pyramid", "population"] {
            let csv = c
                .get(app.url(&format!(
                    "/demography/regions/{village}/export/{table}?format=csv"
                )))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let r = app
                .api_get(
                    &token,
                    &format!("/api/v1/demography/regions/{village}/tables/{table}"),
                )
                .await;
            assert_eq!(r.status(), 200, "{table}");
            let json: serde_json::Value = r.json().await.unwrap();
            let columns: Vec<&str> = json["columns"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            let mut lines = csv.lines().filter(|l| !l.is_empty());
            let header = lines.next().unwrap().trim_start_matches('\u{feff}');
            assert_eq!(header, columns.join(","), "{table}");
            let rows = json["rows"].as_array().unwrap();
            assert!(!rows.is_empty(), "{table} has rows");
            assert_eq!(rows.len(), lines.count(), "{table}: same number of rows");
            assert!(
                rows.iter()
                    .all(|r| r.as_array().unwrap().len() == columns.len())
            );
        }
        // The crèche gap of 2030 in the API is the one the page shows.
        let r = app
            .api_get(
                &token,
                &format!("/api/v1/demography/regions/{village}/tables/gap"),
            )
            .await;
        let json: serde_json::Value = r.json().await.unwrap();
        assert!(
            json["rows"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r[1] == 2030.0)
        );

        let r = app
            .api_get(
                &token,
                &format!("/api/v1/demography/regions/{village}/tables/nothing"),
            )
            .await;
        assert_eq!(r.status(), 404);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let employer = app.token(EMPLOYER).await;
        let r = app
            .api_get(
                &employer,
                &format!("/api/v1/demography/regions/{village}/tables/gap"),
            )
            .await;
        assert_eq!(r.status(), 403);
    }
);

on_both!(
    api_comparison_carries_the_same_rows_as_its_download,
    |app: TestApp| async move {
        let c = app.login(PLANNER).await;
        let list = app.page(&c, "/demography").await;
        let town = region_id(&list, "Grimma (synthetisch)");
        let village = region_id(&list, "Nerchau (synthetisch)");
        let token = app.token(PLANNER).await;
        let r = c
            .get(app.url(&format!(
                "/demography/compare/export?r={town}&r={village}&measure=0-2&format=csv"
            )))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let csv = r.text().await.unwrap();
        let r = app
            .api_get(
                &token,
                &format!("/api/v1/demography/compare?regions={town},{village}&measure=0-2"),
            )
            .await;
        assert_eq!(r.status(), 200);
        let json: serde_json::Value = r.json().await.unwrap();
        let mut lines = csv.lines().filter(|l| !l.is_empty());
        let header = lines.next().unwrap().trim_start_matches('\u{feff}');
        let columns: Vec<&str> = json["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(header, columns.join(","));
        let rows = json["rows"].as_array().unwrap();
        assert_eq!(rows.len(), lines.count());
        let keys: std::collections::BTreeSet<&str> =
            rows.iter().map(|r| r[0].as_str().unwrap()).collect();
        assert_eq!(keys.len(), 2, "both localities");

        let r = app
            .api_get(&token, "/api/v1/demography/compare?regions=1,x")
            .await;
        assert_eq!(r.status(), 422);
        let employer = app.token(EMPLOYER).await;
        let r = app
            .api_get(
                &employer,
                &format!("/api/v1/demography/compare?regions={town}"),
            )
            .await;
        assert_eq!(r.status(), 403);
    }
);

/// A fertility table of 0 for Grimma (ages 15–49): no births there.
fn no_births_in_grimma() -> String {
    let mut s = String::from("region_key,kind,year,sex,age,value\n");
    for age in 15..50 {
        s.push_str(&format!("14729160,fertility,,,{age},0\n"));
    }
    s
}

on_both!(
    planner_manages_assumption_sets_on_the_page,
    |app: TestApp| async move {
        let c = app.login(PLANNER).await;
        let list = app.page(&c, "/demography").await;
        assert!(list.contains("name=\"assumptions_file\""));
        assert!(
            list.contains("<option value=\"2021\">2021</option>"),
            "base-year choices"
        );
        assert!(list.contains("Noch kein Annahmensatz importiert."));
        // A bad file: refused with its line, nothing stored, the text kept.
        let r = app
            .submit(
                &c,
                "/demography",
                "/demography/assumptions",
                &[
                    ("name", "Landesprognose 2024 mittel"),
                    (
                        "assumptions",
                        "region_key,kind,year,sex,age,value\n14729160,fertility,,,30,0\n14729160,acquisition,,m,30,0.01\n",
                    ),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("<td>3</td>"), "{html}");
        assert!(html.contains("--format fso"));
        assert!(html.contains("Noch kein Annahmensatz importiert."));
        assert!(html.contains("14729160,acquisition"));
        // A good one.
        let r = app
            .submit(
                &c,
                "/demography",
                "/demography/assumptions",
                &[
                    ("name", "Landesprognose 2024 mittel"),
                    ("assumptions", &no_births_in_grimma()),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Annahmensatz importiert: 1 Gebiete, 35 Werte."),
            "{html}"
        );
        assert!(html.contains("<option value=\"Landesprognose 2024 mittel\">"));
        // A run with chosen base years and the set; the page says what was used.
        let r = app
            .submit(
                &c,
                "/demography",
                "/demography/project",
                &[
                    ("base_from", "2022"),
                    ("base_to", "2023"),
                    ("assumption_set", "Landesprognose 2024 mittel"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let list = app.page(&c, "/demography").await;
        assert!(list.contains("gewählten Basisjahre 2022–2023"), "{list}");
        assert!(
            list.contains("Annahmensatzes „Landesprognose 2024 mittel“ für: 14729160 (Fertilität)")
        );
        let grimma = region_id(&list, "Grimma (synthetisch)");
        let token = app.token(PLANNER).await;
        let births: serde_json::Value = app
            .api_get(
                &token,
                &format!(
                    "/api/v1/demography/regions/{grimma}/results?measure=births&scenario=medium"
                ),
            )
            .await
            .json()
            .await
            .unwrap();
        let items = births["items"].as_array().unwrap();
        assert!(!items.is_empty());
        assert!(items.iter().all(|r| r["value"] == 0.0), "{items:?}");
        // Delete.
        let id = {
            let at =
                list.find("/demography/assumptions/").unwrap() + "/demography/assumptions/".len();
            list[at..].split('/').next().unwrap().to_string()
        };
        let r = app
            .submit(
                &c,
                "/demography",
                &format!("/demography/assumptions/{id}/delete"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 303);
        let list = app
            .page(&c, "/demography?done=dm-assumptions-deleted")
            .await;
        assert!(list.contains("Der Annahmensatz wurde gelöscht."));
        assert!(list.contains("Noch kein Annahmensatz importiert."));
        // Employers are refused, staff may not import.
        let employer = app.login(crate::helpers::EMPLOYER).await;
        let r = employer
            .post(app.url("/demography/assumptions"))
            .form(&[("name", "x"), ("assumptions", "")])
            .send()
            .await
            .unwrap();
        assert!(r.status() == 403 || r.status() == 400, "{}", r.status());
        let staff = app.login(STAFF).await;
        let r = app
            .submit(
                &staff,
                "/demography",
                "/demography/assumptions",
                &[("name", "x"), ("assumptions", &no_births_in_grimma())],
            )
            .await;
        assert_eq!(r.status(), 403);
    }
);

on_both!(
    api_assumption_sets_and_projection_options,
    |app: TestApp| async move {
        let token = app.token(PLANNER).await;
        let r = app.api_post_json(&token, "/api/v1/demography/assumptions", &serde_json::json!({"name": "Nullgeburten", "csv": "region_key,kind,year,sex,age,value\n14729160,mortality,,m,30,0.5\n"})).await;
        assert_eq!(r.status(), 400);
        let problem: serde_json::Value = r.json().await.unwrap();
        assert!(
            problem["detail"].as_str().unwrap().contains("line 2"),
            "{problem}"
        );
        let r = app
            .api_post_json(
                &token,
                "/api/v1/demography/assumptions",
                &serde_json::json!({"name": "Nullgeburten", "csv": no_births_in_grimma()}),
            )
            .await;
        assert_eq!(r.status(), 201);
        let created: serde_json::Value = r.json().await.unwrap();
        assert_eq!(created["rows"], 35);
        assert_eq!(created["kinds"], serde_json::json!(["fertility"]));
        let list: serde_json::Value = app
            .api_get(&token, "/api/v1/demography/assumptions")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(list[0]["name"], "Nullgeburten");
        assert_eq!(list[0]["regions"], 1);
        let r = app
            .api_post_json(
                &token,
                "/api/v1/demography/project",
                &serde_json::json!({"base_years": [2021, 2022], "assumption_set": "Nullgeburten"}),
            )
            .await;
        assert_eq!(r.status(), 200);
        let run: serde_json::Value = r.json().await.unwrap();
        assert_eq!(
            run["base_years"],
            serde_json::json!({"from": 2021, "to": 2022, "chosen": true})
        );
        assert_eq!(run["assumption_set"]["name"], "Nullgeburten");
        assert_eq!(
            run["assumption_set"]["regions"]["14729160"],
            serde_json::json!(["fertility"])
        );
        let r = app
            .api_post_json(
                &token,
                "/api/v1/demography/project",
                &serde_json::json!({"assumption_set": "gibt es nicht"}),
            )
            .await;
        assert_eq!(r.status(), 422);
        let r = app
            .api_post_json(
                &token,
                "/api/v1/demography/project",
                &serde_json::json!({"base_years": [2000, 2005]}),
            )
            .await;
        assert_eq!(r.status(), 422);
        let employer = app.token(crate::helpers::EMPLOYER).await;
        for r in [
            app.api_get(&employer, "/api/v1/demography/assumptions")
                .await,
            app.api_post_json(
                &employer,
                "/api/v1/demography/assumptions",
                &serde_json::json!({"name": "x", "csv": no_births_in_grimma()}),
            )
            .await,
        ] {
            assert_eq!(r.status(), 403);
        }
        let id = created["id"].as_i64().unwrap();
        let r = client()
            .delete(app.url(&format!("/api/v1/demography/assumptions/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        let r = client()
            .delete(app.url(&format!("/api/v1/demography/assumptions/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
    }
);

/// Population of a test town by nationality (German `de`, foreign `tr`) and its district
/// without nationality, two years; flows by nationality with naturalisations.
fn nationality_files() -> serde_json::Value {
    let mut population = String::from("region_key,year,age,sex,nationality,population\n");
    let mut flows = String::from("region_key,year,kind,age,sex,nationality,count\n");
    for year in [2022, 2023] {
        for sex in ["m", "f"] {
            for age in 0..=100 {
                population.push_str(&format!("99,{year},{age},{sex},,200\n"));
                population.push_str(&format!("99001,{year},{age},{sex},de,80\n"));
                population.push_str(&format!("99001,{year},{age},{sex},tr,12\n"));
            }
        }
    }
    for sex in ["m", "f"] {
        for age in 0..=100 {
            for (nat, deaths, moves) in [("de", age / 20, 2), ("tr", age / 50, 1)] {
                flows.push_str(&format!("99001,2023,deaths,{age},{sex},{nat},{deaths}\n"));
                flows.push_str(&format!(
                    "99001,2023,immigration,{age},{sex},{nat},{moves}\n"
                ));
                flows.push_str(&format!(
                    "99001,2023,emigration,{age},{sex},{nat},{moves}\n"
                ));
            }
            if (18..=60).contains(&age) && age % 3 == 0 {
                flows.push_str(&format!("99001,2023,einbürgerung,{age},{sex},,1\n"));
            }
        }
    }
    for age in 20..=40 {
        flows.push_str(&format!(
            "99001,2023,births,{age},m,de,3\n99001,2023,births,{age},f,de,3\n"
        ));
        flows.push_str(&format!(
            "99001,2023,births,{age},m,tr,1\n99001,2023,births,{age},f,tr,1\n"
        ));
    }
    serde_json::json!({
        "regions": "key,name,level,parent_key\n99,Testkreis,kreis,\n99001,Teststadt,gemeinde,99\n",
        "population": population,
        "flows": flows,
    })
}

on_both!(
    a_projection_by_nationality_over_the_api,
    |app: TestApp| async move {
        let token = app.token(PLANNER).await;
        let r = app
            .api_post_json(&token, "/api/v1/demography/import", &nationality_files())
            .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        // Acquisition for the district, whose population has no nationality: refused with
        // its line; the town's is taken.
        let header = "region_key,kind,year,sex,age,nationality,value\n";
        let mut set = String::from(header);
        for sex in ["m", "f"] {
            for age in 18..=60 {
                set.push_str(&format!("99001,acquisition,,{sex},{age},,0.08\n"));
            }
        }
        let r = app.api_post_json(&token, "/api/v1/demography/assumptions", &serde_json::json!({"name": "Einbürgerung hoch", "csv": format!("{set}99,acquisition,,m,30,,0.01\n")})).await;
        assert_eq!(r.status(), 400);
        let problem: serde_json::Value = r.json().await.unwrap();
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains("line 88"), "{detail}");
        assert!(
            detail.contains("the population of 99 has no nationality"),
            "{detail}"
        );
        let r = app
            .api_post_json(
                &token,
                "/api/v1/demography/assumptions",
                &serde_json::json!({"name": "Einbürgerung hoch", "csv": set}),
            )
            .await;
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
        let created: serde_json::Value = r.json().await.unwrap();
        assert_eq!(created["kinds"], serde_json::json!(["acquisition"]));
        // A second set: all children of foreign mothers German at birth (birthright).
        let r = app.api_post_json(&token, "/api/v1/demography/assumptions", &serde_json::json!({"name": "Geburtsort", "csv": format!("{header}99001,german_births,,,,,1\n")})).await;
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());

        let regions: serde_json::Value = app
            .api_get(&token, "/api/v1/demography/regions?limit=100")
            .await
            .json()
            .await
            .unwrap();
        let id_of = |key: &str| {
            regions["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["key"] == key)
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        };
        let (town, district) = (id_of("99001"), id_of("99"));
        // The foreign population of the last projected year, without and with the set.
        let mut last_foreign = Vec::new();
        for body in [
            serde_json::json!({}),
            serde_json::json!({"assumption_set": "Einbürgerung hoch"}),
            serde_json::json!({"assumption_set": "Geburtsort"}),
        ] {
            let r = app
                .api_post_json(&token, "/api/v1/demography/project", &body)
                .await;
            assert_eq!(r.status(), 200);
            let table: serde_json::Value = app
                .api_get(
                    &token,
                    &format!("/api/v1/demography/regions/{town}/tables/indicators"),
                )
                .await
                .json()
                .await
                .unwrap();
            let columns: Vec<&str> = table["columns"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            let col = |name: &str| columns.iter().position(|c| *c == name).unwrap();
            let rows = table["rows"].as_array().unwrap();
            let observed = rows
                .iter()
                .find(|r| r[0].as_f64() == Some(2023.0) && r[1] == "observed")
                .unwrap();
            assert_eq!(observed[col("foreign")].as_f64(), Some(12.0 * 202.0));
            let share = observed[col("foreign_share")].as_f64().unwrap();
            assert!((share - 100.0 * 12.0 / 92.0).abs() < 1e-9, "{share}");
            let last = rows.last().unwrap();
            assert_eq!(last[1], "projected");
            let total = last[col("total")].as_f64().unwrap();
            let foreign = last[col("foreign")].as_f64().unwrap();
            assert!(foreign > 0.0 && foreign < total);
            last_foreign.push((foreign, total));
        }
        // Naturalisations at 8 % a year (ages 18–60) leave far fewer foreign nationals than
        // the observed ones (30 a year, under 1 % of the foreign population, at every age as
        // the town's crude rate); the total hardly moves.
        let ((f0, t0), (f1, t1)) = (last_foreign[0], last_foreign[1]);
        assert!(f1 < 0.8 * f0, "{f1} vs {f0}");
        assert!((t1 - t0).abs() < 0.01 * t0, "{t1} vs {t0}");
        // German children of foreign mothers: fewer foreign nationals, about the same people
        // (the children then live with the German group's rates, derived apart here).
        let (f2, t2) = last_foreign[2];
        assert!(f2 < f0, "{f2} vs {f0}");
        assert!((t2 - t0).abs() < 0.01 * t0, "{t2} vs {t0}");

        // The pyramid table names both groups; German + foreign = the total per cell.
        let pyramid: serde_json::Value = app
            .api_get(
                &token,
                &format!("/api/v1/demography/regions/{town}/tables/pyramid"),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            pyramid["columns"],
            serde_json::json!([
                "year",
                "age",
                "male",
                "female",
                "male_german",
                "male_foreign",
                "female_german",
                "female_foreign"
            ])
        );
        let rows = pyramid["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 2 * 101);
        for r in rows {
            let v = |i: usize| r[i].as_f64().unwrap();
            assert!((v(4) + v(5) - v(2)).abs() < 1e-6 && (v(6) + v(7) - v(3)).abs() < 1e-6);
        }
        assert!(
            rows.iter()
                .any(|r| r[0].as_f64() == Some(2023.0) && r[5].as_f64() == Some(12.0))
        );
        // The district has no nationality: the same columns as before.
        let pyramid: serde_json::Value = app
            .api_get(
                &token,
                &format!("/api/v1/demography/regions/{district}/tables/pyramid"),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            pyramid["columns"],
            serde_json::json!(["year", "age", "male", "female"])
        );
        // The comparison of localities offers the foreign share: the town has values, the
        // district (no nationality) none.
        let compare: serde_json::Value = app
            .api_get(
                &token,
                &format!(
                    "/api/v1/demography/compare?regions={town},{district}&measure=foreign_share"
                ),
            )
            .await
            .json()
            .await
            .unwrap();
        let rows = compare["rows"].as_array().unwrap();
        assert!(
            !rows.is_empty() && rows.iter().all(|r| r[0] == "99001"),
            "{compare}"
        );
        let observed = rows
            .iter()
            .find(|r| r[2].as_f64() == Some(2023.0) && r[3] == "observed")
            .unwrap();
        assert!((observed[4].as_f64().unwrap() - 100.0 * 12.0 / 92.0).abs() < 1e-9);
        // The CSV download carries the same rows.
        let c = app.login(PLANNER).await;
        let csv = c
            .get(app.url(&format!(
                "/demography/regions/{town}/export/indicators?format=csv"
            )))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            csv.lines()
                .next()
                .unwrap()
                .ends_with(",foreign,foreign_share")
        );
        // The page shows the split: a hatched legend and table columns for both groups.
        let page = app.page(&c, &format!("/demography/regions/{town}")).await;
        assert!(page.contains("davon ausländische Staatsangehörige (schraffiert)"));
        assert!(page.contains("Männer, ausländisch"));
        assert!(page.contains("url(#pyramid-hatch-m)"));
        assert!(page.contains("Ausländeranteil (%)"));
        let page = app
            .page(&c, &format!("/demography/regions/{district}"))
            .await;
        assert!(!page.contains("schraffiert"));
    }
);

on_both!(
    the_demo_town_with_nationality_shows_its_foreign_population,
    |app: TestApp| async move {
        let c = app.login(PLANNER).await;
        let list = app.page(&c, "/demography").await;
        let town = region_id(&list, "Markkleeberg (synthetisch)");
        let page = app.page(&c, &format!("/demography/regions/{town}")).await;
        assert!(page.contains("Ausländische Staatsangehörige"));
        assert!(page.contains("url(#pyramid-hatch-f)"));
        let grimma = region_id(&list, "Grimma (synthetisch)");
        let page = app.page(&c, &format!("/demography/regions/{grimma}")).await;
        assert!(!page.contains("Ausländeranteil"));
    }
);
