//! Countries are chosen from the ISO 3166-1 list with their CLDR names (issue 11, dead end 6):
//! a select in the reader's language, the server refuses anything that is not a code of the
//! list (a typed "Vietnam" was cut to `VI`, the U.S. Virgin Islands), and the API declares the
//! codes as an enum.

use crate::helpers::{ADMIN, STAFF, TestApp};
use crate::on_both;

on_both!(
    countries_are_chosen_from_the_iso_list,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        let list = "/recruitment/candidates";
        let html = app.page(&c, list).await;
        assert!(
            html.contains(r#"<select id="c-country" name="country">"#),
            "the country is a select"
        );
        assert!(html.contains(r#"<option value="VN" selected>Vietnam</option>"#));
        assert!(html.contains(r#"<option value="VI">Amerikanische Jungferninseln</option>"#));
        // Sorted by the German names: Ägypten among the A, before Albanien.
        let eg = html.find(r#"value="EG""#).unwrap();
        let al = html.find(r#"value="AL""#).unwrap();
        assert!(eg < al, "Ägypten sorts before Albanien");

        // What the old two-letter field made of a typed name is refused with a field error.
        for bad in ["Vietnam", "XX", "XK", "EU"] {
            let r = app
                .submit(
                    &c,
                    list,
                    list,
                    &[
                        ("family_name", "Landtest"),
                        ("given_names", "Anh"),
                        ("country", bad),
                    ],
                )
                .await;
            assert_ne!(r.status(), 303, "{bad} is refused");
            let body = r.text().await.unwrap();
            assert!(
                body.contains("Bitte ein Land aus der Liste wählen."),
                "{bad}: the field error says what to do"
            );
        }
        let token = app.token(STAFF).await;
        let found = app
            .api_json(&token, "/api/v1/recruitment/candidates?q=Landtest")
            .await;
        assert_eq!(found["total"], 0, "nothing was saved: {found}");

        // A code of the list is saved and shown by its name.
        let r = app
            .submit(
                &c,
                list,
                list,
                &[
                    ("family_name", "Landtest"),
                    ("given_names", "Binh"),
                    ("country", "VN"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let at = r.headers()["location"].to_str().unwrap().to_owned();
        let profile = app.page(&c, &at).await;
        assert!(profile.contains("Vietnam"), "the profile names the country");

        // Organisations (created by administrators): the same list and the same check.
        let c = app.login(ADMIN).await;
        let orgs = app.page(&c, "/organisations").await;
        assert!(orgs.contains(r#"<option value="DE" selected>Deutschland</option>"#));
        let r = app
            .submit(
                &c,
                "/organisations",
                "/organisations",
                &[
                    ("name", "Landtest GmbH"),
                    ("kind", "employer"),
                    ("country", "Vietnam"),
                ],
            )
            .await;
        assert_ne!(r.status(), 303);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Bitte ein Land aus der Liste wählen.")
        );

        // The API takes codes and refuses others; its schema lists them.
        let r = app
            .api_post_json(
                &token,
                "/api/v1/recruitment/candidates",
                &serde_json::json!({"family_name": "Landtest", "given_names": "Chi", "country": "XX"}),
            )
            .await;
        assert_eq!(r.status(), 422);
        let doc: serde_json::Value = crate::helpers::client()
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let text = doc.to_string();
        assert!(
            !text.contains("[A-Za-z]{2}"),
            "no free two-letter pattern is left"
        );
        let dto = &doc["components"]["schemas"]["CandidateEditDto"]["properties"]["country"];
        let codes = dto["enum"].as_array().expect("an enum of codes");
        assert!(codes.contains(&"VN".into()) && codes.contains(&"DE".into()));
        assert!(!codes.contains(&"XK".into()));
    }
);
