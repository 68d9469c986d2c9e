//! The partner network over HTTP against the real app with the demo data: the registry's
//! search (any script, without diacritics, with a typo), the warning before a company is
//! approached again, permissions and organisation scoping (404), bad input that writes
//! nothing, audited reads and erasure of contacts, the dashboard card and every page.

use serde_json::{Value, json};

use crate::helpers::{ADMIN, BUYER, CANDIDATE, EMPLOYER, STAFF, TestApp, client};
use crate::on_both;

const PLANNER: &str = "planner@demo.standort.example";

async fn names(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let (status, page) = app
        .api_status_json(token, &format!("/api/v1/organisations?{query}"))
        .await;
    assert_eq!(status, 200, "{query}: {page}");
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_owned())
        .collect()
}

async fn org_id(app: &TestApp, token: &str, name: &str) -> i64 {
    let (_, page) = app
        .api_status_json(token, "/api/v1/organisations?limit=200")
        .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .unwrap_or_else(|| panic!("organisation {name}"))["id"]
        .as_i64()
        .unwrap()
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn items(app: &TestApp, token: &str, path: &str) -> Vec<Value> {
    let page = app.api_json(token, path).await;
    page["items"].as_array().unwrap().clone()
}

on_both!(
    organisations_are_found_in_any_script_without_diacritics_and_with_a_typo,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let saigon = "Saigon Biotech JSC (Demo)";
        // The Vietnamese name typed without diacritics.
        let q = format!("q={}", enc("cong nghe sinh hoc sai gon"));
        assert_eq!(names(&app, &token, &q).await, [saigon]);
        // With diacritics, as written.
        let q = format!("q={}", enc("Công nghệ Sinh học"));
        assert_eq!(names(&app, &token, &q).await, [saigon]);
        // One typo per word.
        assert_eq!(
            names(&app, &token, "q=mekomg+medcal").await,
            ["Mekong Medical Supplies (Demo)"]
        );
        assert!(
            names(&app, &token, "q=klinkum+georg")
                .await
                .contains(&"Städtisches Klinikum St. Georg (Demo)".to_owned())
        );
        // Japanese: kanji (part of the name) and romaji.
        let sakura = "Sakura Seimitsu K.K. (Demo)";
        assert_eq!(
            names(&app, &token, &format!("q={}", enc("桜精密"))).await,
            [sakura]
        );
        assert_eq!(names(&app, &token, "q=kabushiki-gaisha").await, [sakura]);
        // Nothing that is not there.
        assert!(names(&app, &token, "q=xylophon").await.is_empty());
        // Filters: sector division, cluster, country, kind.
        assert_eq!(
            names(&app, &token, "sector=86").await,
            ["Städtisches Klinikum St. Georg (Demo)"]
        );
        let green = names(&app, &token, "cluster=greentech").await;
        assert_eq!(green, ["Leipziger Solartechnik GmbH (Demo)", sakura]);
        assert_eq!(names(&app, &token, "country=JP").await, [sakura]);
        assert_eq!(
            names(&app, &token, "kind=investor&country=VN").await,
            [saigon]
        );
        // Bad filters are refused, not ignored.
        for bad in ["kind=castle", "sector=04", "cluster=space", "country=Japan"] {
            let (status, _) = app
                .api_status_json(&token, &format!("/api/v1/organisations?{bad}"))
                .await;
            assert_eq!(status, 422, "{bad}");
        }
        // The page searches the same way.
        let staff = app.login(STAFF).await;
        let html = app
            .page(&staff, &format!("/organisations?q={}", enc("sai gon")))
            .await;
        assert!(html.contains(saigon));
        assert!(!html.contains("Mekong Medical Supplies"));
        // The organisation page shows the further names, sector and links.
        let id = org_id(&app, &token, sakura).await;
        let html = app.page(&staff, &format!("/organisations/{id}")).await;
        assert!(html.contains("桜精密株式会社"));
        assert!(html.contains("26.51"));
    }
);

on_both!(
    a_company_approached_recently_is_warned_about_and_nothing_is_written,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let solar = org_id(&app, &token, "Leipziger Solartechnik GmbH (Demo)").await;
        let today = standort_domain::date::format_date(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs() as i64,
        );
        let before = items(&app, &token, "/api/v1/network/approaches?limit=200")
            .await
            .len();
        let body =
            json!({"org_id": solar, "channel": "visit", "on": today, "topic": "Flächenbedarf"});
        let r = app
            .api_post_json(&token, "/api/v1/network/approaches", &body)
            .await;
        assert_eq!(r.status(), 409);
        let problem: Value = r.json().await.unwrap();
        assert!(
            problem.to_string().contains("approached-recently") || problem["detail"].is_string()
        );
        assert_eq!(
            items(&app, &token, "/api/v1/network/approaches?limit=200")
                .await
                .len(),
            before
        );
        // Confirmed: recorded.
        let mut confirmed = body.clone();
        confirmed["confirm"] = json!(true);
        let r = app
            .api_post_json(&token, "/api/v1/network/approaches", &confirmed)
            .await;
        assert_eq!(r.status(), 201);
        // A company nobody approached: recorded at once, then warned about.
        let ihk = org_id(
            &app,
            &token,
            "Industrie- und Handelskammer zu Leipzig (Demo)",
        )
        .await;
        let body = json!({"org_id": ihk, "channel": "call", "on": today, "topic": "Fachkräfte"});
        let r = app
            .api_post_json(&token, "/api/v1/network/approaches", &body)
            .await;
        assert_eq!(r.status(), 201);
        let r = app
            .api_post_json(&token, "/api/v1/network/approaches", &body)
            .await;
        assert_eq!(r.status(), 409);
        // The page shows the earlier approaches before the form, and answers 409 with them.
        let staff = app.login(STAFF).await;
        let html = app
            .page(&staff, &format!("/network/approaches?org={ihk}"))
            .await;
        assert!(html.contains("role=\"alert\""), "warning shown");
        assert!(html.contains("Fachkräfte"));
        let r = app
            .submit(
                &staff,
                &format!("/network/approaches?org={ihk}"),
                "/network/approaches",
                &[
                    ("org_id", &ihk.to_string()),
                    ("channel", "visit"),
                    ("on", &today),
                    ("topic", "Zweiter Besuch"),
                ],
            )
            .await;
        assert_eq!(r.status(), 409);
        assert!(r.text().await.unwrap().contains("name=\"confirm\""));
        let log = items(
            &app,
            &token,
            &format!("/api/v1/network/approaches?org={ihk}"),
        )
        .await;
        assert_eq!(log.len(), 1, "the refused approach was not written");
    }
);

on_both!(
    roles_see_what_policy_allows_and_other_records_are_404,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let agreements = items(&app, &staff, "/api/v1/network/agreements").await;
        assert_eq!(agreements.len(), 2);
        let id_of = |title: &str| {
            agreements
                .iter()
                .find(|a| a["title"].as_str().unwrap().starts_with(title))
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        };
        let procurement = id_of("Beschaffungskooperation");
        let mou = id_of("Memorandum");
        // The clinic's buyer: its own organisation's agreement only; others are 404.
        let buyer = app.token(BUYER).await;
        let own = items(&app, &buyer, "/api/v1/network/agreements").await;
        assert_eq!(own.len(), 1);
        assert_eq!(own[0]["id"], procurement);
        let (status, view) = app
            .api_status_json(&buyer, &format!("/api/v1/network/agreements/{procurement}"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(view["item"]["obligations"].as_array().unwrap().len(), 2);
        let (status, _) = app
            .api_status_json(&buyer, &format!("/api/v1/network/agreements/{mou}"))
            .await;
        assert_eq!(status, 404);
        let (status, _) = app
            .api_status_json(&buyer, "/api/v1/network/agreements/999999")
            .await;
        assert_eq!(status, 404);
        for path in [
            "/api/v1/network/trips",
            "/api/v1/network/contacts",
            "/api/v1/network/approaches",
            "/api/v1/network/figures",
        ] {
            let (status, _) = app.api_status_json(&buyer, path).await;
            assert_eq!(status, 404, "{path}");
        }
        // An employer is party to neither.
        let employer = app.token(EMPLOYER).await;
        assert!(
            items(&app, &employer, "/api/v1/network/agreements")
                .await
                .is_empty()
        );
        let (status, _) = app
            .api_status_json(
                &employer,
                &format!("/api/v1/network/agreements/{procurement}"),
            )
            .await;
        assert_eq!(status, 404);
        // Planners read the figures, not the records.
        let planner = app.token(PLANNER).await;
        let (status, figures) = app
            .api_status_json(&planner, "/api/v1/network/figures")
            .await;
        assert_eq!(status, 200);
        assert!(figures["item"]["approaches"].as_i64().unwrap() >= 4);
        let (status, _) = app.api_status_json(&planner, "/api/v1/network/trips").await;
        assert_eq!(status, 404);
        // Administrators read but do not edit.
        let admin = app.token(ADMIN).await;
        assert_eq!(items(&app, &admin, "/api/v1/network/trips").await.len(), 2);
        let r = app
            .api_post_json(
                &admin,
                "/api/v1/network/fairs",
                &json!({"name": "X", "start": "2026-01-01", "end": "2026-01-02"}),
            )
            .await;
        assert_eq!(r.status(), 404);
        // Candidates see nothing of it.
        let candidate = app.login(CANDIDATE).await;
        let r = candidate.get(app.url("/network")).send().await.unwrap();
        assert_eq!(r.status(), 404);
        let buyer_page = app.login(BUYER).await;
        let html = app.page(&buyer_page, "/network").await;
        assert!(html.contains("Beschaffungskooperation"));
        assert!(!html.contains("Memorandum"));
        let r = buyer_page
            .get(app.url(&format!("/network/agreements/{mou}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
    }
);

on_both!(
    bad_input_is_refused_with_its_field_and_nothing_is_written,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let clinic = org_id(&app, &staff, "Städtisches Klinikum St. Georg (Demo)").await;
        let agreements = items(&app, &staff, "/api/v1/network/agreements")
            .await
            .len();
        let trips = items(&app, &staff, "/api/v1/network/trips").await.len();
        let contacts = items(&app, &staff, "/api/v1/network/contacts?limit=200")
            .await
            .len();
        let cases: Vec<(&str, Value, &str)> = vec![
            (
                "/api/v1/network/agreements",
                json!({"title": "Nur eine Partei", "kind": "memorandum", "parties": [clinic]}),
                "parties",
            ),
            (
                "/api/v1/network/agreements",
                json!({"title": "X", "kind": "memorandum", "parties": [clinic, 999999]}),
                "parties",
            ),
            (
                "/api/v1/network/agreements",
                json!({"title": "X", "kind": "treaty", "parties": [clinic, clinic + 1]}),
                "kind",
            ),
            (
                "/api/v1/network/trips",
                json!({"title": "Rückwärts", "direction": "inbound", "country": "VN", "start": "2026-05-10", "end": "2026-05-01"}),
                "end",
            ),
            (
                "/api/v1/network/trips",
                json!({"title": "X", "direction": "sideways", "country": "VN", "start": "2026-05-01", "end": "2026-05-02"}),
                "direction",
            ),
            (
                "/api/v1/network/contacts",
                json!({"family_name": "Nguyễn", "given_names": "An", "email": "kein-at"}),
                "email",
            ),
            (
                "/api/v1/network/contacts",
                json!({"family_name": "", "given_names": "An"}),
                "family_name",
            ),
            (
                "/api/v1/network/approaches",
                json!({"org_id": clinic, "channel": "fax", "on": "2026-01-01", "topic": "X"}),
                "channel",
            ),
            (
                "/api/v1/network/approaches",
                json!({"org_id": clinic, "channel": "call", "on": "01.01.2026", "topic": "X"}),
                "on",
            ),
        ];
        for (path, body, field) in cases {
            let r = app.api_post_json(&staff, path, &body).await;
            assert_eq!(r.status(), 422, "{path} {body}");
            let problem: Value = r.json().await.unwrap();
            assert!(problem.to_string().contains(field), "{path}: {problem}");
        }
        assert_eq!(
            items(&app, &staff, "/api/v1/network/agreements")
                .await
                .len(),
            agreements
        );
        assert_eq!(
            items(&app, &staff, "/api/v1/network/trips").await.len(),
            trips
        );
        assert_eq!(
            items(&app, &staff, "/api/v1/network/contacts?limit=200")
                .await
                .len(),
            contacts
        );
        // A sector that is no code of the classification.
        let r = client()
            .put(app.url(&format!("/api/v1/organisations/{clinic}/profile")))
            .bearer_auth(&staff)
            .json(&json!({"sector": "04.10"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let org = app
            .api_json(&staff, &format!("/api/v1/organisations/{clinic}"))
            .await;
        assert_eq!(org["sector"], "86.10", "unchanged");
    }
);

on_both!(
    contacts_are_audited_exported_and_erased,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let list = items(&app, &staff, "/api/v1/network/contacts?limit=200").await;
        let minh = list.iter().find(|c| c["family_name"] == "Trần").unwrap()["id"]
            .as_i64()
            .unwrap();
        let view = app
            .api_json(&staff, &format!("/api/v1/network/contacts/{minh}"))
            .await;
        assert_eq!(
            view["item"]["affiliations"][0]["org_name"],
            "Mekong Medical Supplies (Demo)"
        );
        let export = app
            .api_json(&staff, &format!("/api/v1/network/contacts/{minh}/export"))
            .await;
        assert_eq!(export["item"]["trips"].as_array().unwrap().len(), 1);
        // Reads are in the audit log, by id only.
        let admin = app.token(ADMIN).await;
        let log = app
            .api_json(
                &admin,
                &format!("/api/v1/audit?entity=network_contact&entity_id={minh}&action=read"),
            )
            .await;
        assert!(!log["items"].as_array().unwrap().is_empty());
        assert!(!log.to_string().contains("Trần"), "no name in the log");
        // Erasure: the contact and its trip participation go.
        let trips = items(&app, &staff, "/api/v1/network/trips").await;
        let inbound = trips.iter().find(|t| t["direction"] == "inbound").unwrap()["id"]
            .as_i64()
            .unwrap();
        let before = app
            .api_json(&staff, &format!("/api/v1/network/trips/{inbound}"))
            .await["item"]["participants"]
            .as_array()
            .unwrap()
            .len();
        let r = client()
            .delete(app.url(&format!("/api/v1/network/contacts/{minh}")))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 204);
        let (status, _) = app
            .api_status_json(&staff, &format!("/api/v1/network/contacts/{minh}"))
            .await;
        assert_eq!(status, 404);
        let after = app
            .api_json(&staff, &format!("/api/v1/network/trips/{inbound}"))
            .await["item"]["participants"]
            .as_array()
            .unwrap()
            .len();
        assert_eq!(after, before - 1);
    }
);

on_both!(
    staff_see_the_obligations_card_and_every_network_page,
    |app: TestApp| async move {
        let staff = app.login(STAFF).await;
        let home = app.page(&staff, "/dashboard").await;
        assert!(home.contains("Pflichten aus Vereinbarungen"));
        assert!(home.contains("/network/agreements"));
        let token = app.token(STAFF).await;
        let due = app
            .api_json(&token, "/api/v1/network/obligations/due")
            .await;
        assert_eq!(due["total"], 1, "the sample delivery, due next week");
        let trip = items(&app, &token, "/api/v1/network/trips").await[0]["id"]
            .as_i64()
            .unwrap();
        let agreement = items(&app, &token, "/api/v1/network/agreements")
            .await
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with("Beschaffung"))
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let fair = items(&app, &token, "/api/v1/network/fairs").await[0]["id"]
            .as_i64()
            .unwrap();
        let contact = items(&app, &token, "/api/v1/network/contacts").await[0]["id"]
            .as_i64()
            .unwrap();
        for path in [
            "/network".to_owned(),
            "/network/contacts".into(),
            format!("/network/contacts/{contact}"),
            "/network/approaches".into(),
            "/network/trips".into(),
            format!("/network/trips/{trip}"),
            "/network/agreements".into(),
            format!("/network/agreements/{agreement}"),
            "/network/fairs".into(),
            format!("/network/fairs/{fair}"),
            "/network/projects".into(),
            "/network/projects?stage=won".into(),
            "/network/figures".into(),
            "/organisations?cluster=biotech_health".into(),
        ] {
            app.page(&staff, &path).await;
        }
        // The delegation trip shows its meeting and the agreement that came out of it.
        let inbound = items(&app, &token, "/api/v1/network/trips").await;
        let inbound = inbound
            .iter()
            .find(|t| t["direction"] == "inbound")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let html = app.page(&staff, &format!("/network/trips/{inbound}")).await;
        assert!(html.contains("Treffen Klinikum St. Georg – Mekong Medical Supplies"));
        assert!(html.contains("Beschaffungskooperation Klinikum St. Georg"));
        // Marking the obligation fulfilled takes it off the card.
        let view = app
            .api_json(&token, &format!("/api/v1/network/agreements/{agreement}"))
            .await;
        let open = view["item"]["obligations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["done_at"].is_null())
            .map(|o| o["id"].as_i64().unwrap());
        let ob = open.expect("an open obligation");
        {
            let r = app
                .submit(
                    &staff,
                    &format!("/network/agreements/{agreement}"),
                    &format!("/network/agreements/{agreement}/obligations/{ob}/done"),
                    &[],
                )
                .await;
            assert_eq!(r.status(), 303);
        }
        let due = app
            .api_json(&token, "/api/v1/network/obligations/due")
            .await;
        assert_eq!(due["total"], 0);
    }
);

on_both!(
    network_forms_find_any_organisation_by_search,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        // The picker's search uses the registry's: no diacritics, a typo, any case.
        let html = app.page(&c, "/network/approaches?oq=MEKNG").await;
        let start = html
            .find("<select id=\"choose-org\"")
            .expect("company picker");
        let end = start + html[start..].find("</select>").unwrap();
        let options: Vec<&str> = html[start..end]
            .split("<option")
            .skip(1)
            .map(|o| o.split('>').nth(1).unwrap().split('<').next().unwrap())
            .collect();
        assert_eq!(options, ["Mekong Medical Supplies (Demo)"]);
        // A search without a hit says so; the other forms carry the same search.
        let none = app.page(&c, "/network/agreements?oq=zzzzzz").await;
        assert!(none.contains("Keine Organisation mit diesem Namen gefunden"));
        for path in ["/network/contacts", "/network/projects"] {
            assert!(app.page(&c, path).await.contains("name=\"oq\""), "{path}");
        }
    }
);

on_both!(
    every_network_form_has_its_api_operation_and_notes_keep_their_lines,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let clinic = org_id(&app, &staff, "Städtisches Klinikum St. Georg (Demo)").await;
        let created = |r: reqwest::Response| async move {
            assert_eq!(r.status(), 201);
            r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
        };
        // A trip with notes of two paragraphs, as a text area sends them (CR LF).
        let trip = created(
            app.api_post_json(
                &staff,
                "/api/v1/network/trips",
                &json!({"title": "Klinikbesuche", "direction": "inbound", "country": "VN",
                        "start": "2026-05-04", "end": "2026-05-08",
                        "notes": "Anreise über Berlin.\r\nDolmetscherin gebucht."}),
            )
            .await,
        )
        .await;
        let item = created(
            app.api_post_json(
                &staff,
                &format!("/api/v1/network/trips/{trip}/items"),
                &json!({"day": "2026-05-05", "time": "09:30", "title": "Rundgang Pflege", "org_id": clinic}),
            )
            .await,
        )
        .await;
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/network/trips/{trip}/items/{item}/outcome"),
                &json!({"outcome": "Interesse an Pflegekräften.\nNächster Schritt: Angebot."}),
            )
            .await;
        assert_eq!(r.status(), 204);
        let view = app
            .api_json(&staff, &format!("/api/v1/network/trips/{trip}"))
            .await;
        let text = view.to_string();
        assert!(
            text.contains("Anreise über Berlin.\\nDolmetscherin gebucht."),
            "{text}"
        );
        assert!(text.contains("Interesse an Pflegekräften.\\nNächster Schritt: Angebot."));
        // An item of another trip is not found.
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/network/trips/{}/items/{item}/outcome", trip + 1000),
                &json!({"outcome": "x"}),
            )
            .await;
        assert_eq!(r.status(), 404);

        // A contact's affiliation and consent.
        let contact = created(
            app.api_post_json(
                &staff,
                "/api/v1/network/contacts",
                &json!({"family_name": "Trần", "given_names": "Minh", "languages": ["vi", "en"]}),
            )
            .await,
        )
        .await;
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/network/contacts/{contact}/affiliations"),
                &json!({"org_id": clinic, "role_title": "Pflegedirektor", "from": "2025-01-01"}),
            )
            .await;
        assert_eq!(r.status(), 201);
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/network/contacts/{contact}/consent"),
                &json!({"purpose": "newsletter", "granted": true}),
            )
            .await;
        assert_eq!(r.status(), 204);
        let view = app
            .api_json(&staff, &format!("/api/v1/network/contacts/{contact}"))
            .await
            .to_string();
        assert!(view.contains("Pflegedirektor"), "{view}");
        assert!(view.contains("newsletter"), "{view}");

        // An obligation done once; a second time it is not found.
        let agreement = items(&app, &staff, "/api/v1/network/agreements").await[0]["id"]
            .as_i64()
            .unwrap();
        let obligation = created(
            app.api_post_json(
                &staff,
                &format!("/api/v1/network/agreements/{agreement}/obligations"),
                &json!({"description": "Bericht an den Partner", "due": "2026-06-30"}),
            )
            .await,
        )
        .await;
        let done = format!("/api/v1/network/agreements/{agreement}/obligations/{obligation}/done");
        assert_eq!(
            app.api_post_json(&staff, &done, &json!({})).await.status(),
            204
        );
        assert_eq!(
            app.api_post_json(&staff, &done, &json!({})).await.status(),
            404
        );
    }
);
