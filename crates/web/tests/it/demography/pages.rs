//! The pages: the crèche gap of a village, import errors with their lines, CSV and XLSX
//! uploads, who may read and write.

use super::*;

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
            assert!(r.status() == 404, "{path}: {}", r.status());
        }
        let r = app
            .submit(&staff, "/demography", "/demography/project", &[])
            .await;
        assert_eq!(r.status(), 404);
        let token = app.token(EMPLOYER).await;
        let r = app.api_get(&token, "/api/v1/demography/regions").await;
        assert_eq!(r.status(), 404);
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
