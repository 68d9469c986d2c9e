//! Projections by nationality over the API and the demo town's foreign population on its page.

use super::*;

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
        assert_eq!(r.status(), 422);
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
