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
        let r = client()
            .get(app.url("/api/v1/demography/regions"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
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
            let r = client()
                .get(app.url(&format!(
                    "/api/v1/demography/regions/{village}/tables/{table}"
                )))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
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
        let r = client()
            .get(app.url(&format!("/api/v1/demography/regions/{village}/tables/gap")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let json: serde_json::Value = r.json().await.unwrap();
        assert!(
            json["rows"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r[1] == 2030.0)
        );

        let r = client()
            .get(app.url(&format!(
                "/api/v1/demography/regions/{village}/tables/nothing"
            )))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let employer = app.token(EMPLOYER).await;
        let r = client()
            .get(app.url(&format!("/api/v1/demography/regions/{village}/tables/gap")))
            .bearer_auth(&employer)
            .send()
            .await
            .unwrap();
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
        let r = client()
            .get(app.url(&format!(
                "/api/v1/demography/compare?regions={town},{village}&measure=0-2"
            )))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
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

        let r = client()
            .get(app.url("/api/v1/demography/compare?regions=1,x"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let employer = app.token(EMPLOYER).await;
        let r = client()
            .get(app.url(&format!("/api/v1/demography/compare?regions={town}")))
            .bearer_auth(&employer)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
);
