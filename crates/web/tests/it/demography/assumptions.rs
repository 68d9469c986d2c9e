//! Assumption sets on the page and over the API, and the projection options that use them.

use super::*;

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
            html.contains("Annahmensatz importiert: 1 Gebiet, 35 Werte."),
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
        assert_eq!(r.status(), 404);
    }
);

on_both!(
    api_assumption_sets_and_projection_options,
    |app: TestApp| async move {
        let token = app.token(PLANNER).await;
        let r = app.api_post_json(&token, "/api/v1/demography/assumptions", &serde_json::json!({"name": "Nullgeburten", "csv": "region_key,kind,year,sex,age,value\n14729160,mortality,,m,30,0.5\n"})).await;
        assert_eq!(r.status(), 422);
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
            assert_eq!(r.status(), 404);
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
