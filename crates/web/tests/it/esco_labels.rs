//! ESCO in the user's language (issue 11, dead end 1), over HTTP with the demo on both backends:
//! German everyday names find the demo's occupations through local labels, a search without a
//! hit says so and what to try, the page names the loaded languages, staff add a label that is
//! searchable at once (pages and API), and other roles get 404 for adding one.

use crate::helpers::{EMPLOYER, STAFF, TestApp, client};
use crate::on_both;

const NURSE_URI: &str =
    "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50";
const BUS_URI: &str = "http://data.europa.eu/esco/occupation/00cee175-1376-43fb-9f02-ba3d7a910a58";

/// The first hit's URI of a search page (the results are an ordered list).
fn first_hit_uri(html: &str) -> Option<String> {
    let list = html.split("<ol class=\"results\">").nth(1)?;
    let code = list.split("<code>").nth(1)?;
    Some(code.split("</code>").next()?.to_owned())
}

on_both!(
    german_everyday_names_find_the_demo_occupations,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        for (q, uri) in [
            ("Pflegefachkraft", NURSE_URI),
            ("Krankenpfleger", NURSE_URI),
            ("Busfahrer", BUS_URI),
            ("pflegefachkraft", NURSE_URI),
        ] {
            let html = app.page(&c, &format!("/esco/search?q={q}")).await;
            assert_eq!(first_hit_uri(&html).as_deref(), Some(uri), "search {q}");
        }
        // The German page shows the local label as the display name, unmarked; the English one
        // shows ESCO's English label.
        let html = app.page(&c, "/esco/search?q=Pflegefachkraft&lang=de").await;
        assert!(html.contains(">Pflegefachkraft</a>"), "{html}");
        let html = app.page(&c, "/esco/search?q=Pflegefachkraft&lang=en").await;
        assert!(html.contains("nurse responsible for general care"));
        // A skill without a German label falls back to English, marked with lang and "(en)".
        let html = app.page(&c, "/esco/search?q=resuscitation&lang=de").await;
        assert!(
            html.contains("<span lang=\"en\">resuscitation</span> <span class=\"lang-marker\""),
            "fallback marked: {html}"
        );
        assert!(html.contains(">(en)</span>"));
        // Vietnamese names too.
        let html = app
            .page(
                &c,
                "/esco/search?q=t%C3%A0i+x%E1%BA%BF+xe+bu%C3%BDt&lang=vi",
            )
            .await;
        assert_eq!(first_hit_uri(&html).as_deref(), Some(BUS_URI));
        // The API: the same hit, with the label's language.
        let token = app.token(STAFF).await;
        let hits = app
            .api_json(
                &token,
                "/api/v1/esco/search?q=Krankenpfleger&kind=occupation&lang=de",
            )
            .await;
        assert_eq!(hits[0]["uri"], NURSE_URI);
        assert_eq!(hits[0]["label_lang"], "de");
        assert_eq!(hits[0]["fallback"], false);
        let hits = app
            .api_json(
                &token,
                "/api/v1/esco/search?q=Krankenpfleger&kind=occupation&lang=fr",
            )
            .await;
        assert_eq!(hits[0]["fallback"], true, "no French label: a fallback");
    }
);

on_both!(
    a_search_without_hits_says_so_and_names_the_languages,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        let html = app.page(&c, "/esco/search?q=Zahnarzthelferin").await;
        assert!(html.contains("id=\"esco-no-hits\""), "no-hit message");
        assert!(html.contains("Keine Treffer für „Zahnarzthelferin“"));
        assert!(
            html.contains("englischen Begriff"),
            "suggests the English term"
        );
        assert!(
            html.contains("eigene Bezeichnung hinzu"),
            "staff: add a local label"
        );
        // The loaded languages: ESCO's English pack and the demo's German and Vietnamese labels.
        assert!(html.contains("Geladene Sprachen"));
        assert!(html.contains("<code>en</code>"));
        assert!(html.contains("<code>de</code>"));
        assert!(html.contains("standort esco import"));
        // An employer may search but not add labels: no such advice.
        let e = app.login(EMPLOYER).await;
        let html = app.page(&e, "/esco/search?q=Zahnarzthelferin").await;
        assert!(html.contains("id=\"esco-no-hits\""));
        assert!(!html.contains("eigene Bezeichnung hinzu"));
    }
);

on_both!(
    staff_add_a_local_label_and_find_it_at_once,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        let token = app.token(STAFF).await;
        let hits = app
            .api_json(&token, "/api/v1/esco/search?q=tram+driver&kind=occupation")
            .await;
        let tram = hits[0]["id"].as_i64().unwrap();
        let page = format!("/esco/occupation/{tram}");
        // Not findable before.
        let html = app.page(&c, "/esco/search?q=Trambahnlenker").await;
        assert!(html.contains("id=\"esco-no-hits\""));
        let html = app.page(&c, &page).await;
        assert!(html.contains("Eigene Bezeichnung hinzufügen"));
        assert!(
            html.contains("Straßenbahnfahrer"),
            "the demo's labels are listed"
        );
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/labels"),
                &[("label", "Trambahnlenker"), ("lang", "de")],
            )
            .await;
        assert_eq!(r.status(), 303, "redirect after adding");
        let html = app.page(&c, "/esco/search?q=Trambahnlenker").await;
        assert!(
            first_hit_uri(&html)
                .is_some_and(|u| u.ends_with("03e02554-15d1-4697-960c-8909e7d36f7e")),
            "searchable at once: {html}"
        );
        // The same label again is refused.
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/labels"),
                &[("label", "Trambahnlenker"), ("lang", "de")],
            )
            .await;
        assert_eq!(r.status(), 409);
        // An empty label or an unknown language is refused, nothing written.
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/labels"),
                &[("label", "  "), ("lang", "de")],
            )
            .await;
        assert_eq!(r.status(), 422);
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/labels"),
                &[("label", "Fahrer"), ("lang", "xx")],
            )
            .await;
        assert_eq!(r.status(), 422);

        // Remove it on the page: no longer found.
        let html = app.page(&c, &page).await;
        let id = {
            // The delete form right before the label's hidden name.
            let at = html.find("Trambahnlenker").unwrap();
            let form = &html[at..];
            let form = form.split("/esco/labels/").nth(1).unwrap();
            form.split('/').next().unwrap().to_owned()
        };
        let r = app
            .submit(&c, &page, &format!("/esco/labels/{id}/delete"), &[])
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&c, "/esco/search?q=Trambahnlenker").await;
        assert!(html.contains("id=\"esco-no-hits\""), "removed");

        // The API adds and removes as well; the audit log holds both writes.
        let r = app
            .api_post_json(
                &token,
                &format!("/api/v1/esco/occupation/{tram}/labels"),
                &serde_json::json!({"lang": "vi", "label": "Người lái tàu điện"}),
            )
            .await;
        assert_eq!(r.status(), 201);
        let created: serde_json::Value = r.json().await.unwrap();
        let hits = app
            .api_json(&token, "/api/v1/esco/search?q=nguoi+lai+tau&lang=vi")
            .await;
        assert_eq!(hits[0]["id"], tram);
        let r = client()
            .delete(app.url(&format!("/api/v1/esco/labels/{}", created["id"])))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        let doc: serde_json::Value = client()
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(doc["paths"]["/api/v1/esco/{kind}/{id}/labels"]["post"].is_object());
        assert!(doc["paths"]["/api/v1/esco/labels/{id}"]["delete"].is_object());
    }
);

on_both!(
    other_roles_get_404_for_adding_a_label,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let hits = app
            .api_json(&staff, "/api/v1/esco/search?q=bus+driver&kind=occupation")
            .await;
        let bus = hits[0]["id"].as_i64().unwrap();
        let page = format!("/esco/occupation/{bus}");
        let e = app.login(EMPLOYER).await;
        // The employer sees the concept and its labels, but no form.
        let html = app.page(&e, &page).await;
        assert!(html.contains("Busfahrer"));
        assert!(!html.contains("Eigene Bezeichnung hinzufügen"));
        let r = app
            .submit(
                &e,
                &page,
                &format!("{page}/labels"),
                &[("label", "Omnibusfahrer"), ("lang", "de")],
            )
            .await;
        assert_eq!(r.status(), 404);
        let token = app.token(EMPLOYER).await;
        let r = app
            .api_post_json(
                &token,
                &format!("/api/v1/esco/occupation/{bus}/labels"),
                &serde_json::json!({"lang": "de", "label": "Omnibusfahrer"}),
            )
            .await;
        assert_eq!(r.status(), 404);
        let html = app.page(&e, "/esco/search?q=Omnibusfahrer").await;
        assert!(html.contains("id=\"esco-no-hits\""), "nothing added");
    }
);
