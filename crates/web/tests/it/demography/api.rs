//! The JSON API: a projection's back-test, tables and the comparison carry the same data as
//! their downloads.

use super::*;

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
        assert_eq!(r.status(), 404);
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
        // Not of the documented pattern (ids separated by commas): a malformed query.
        assert_eq!(r.status(), 400);
        let employer = app.token(EMPLOYER).await;
        let r = app
            .api_get(
                &employer,
                &format!("/api/v1/demography/compare?regions={town}"),
            )
            .await;
        assert_eq!(r.status(), 404);
    }
);
