//! The visit log shared with partner agencies over HTTP, with the demo data (the chamber:
//! greentech and manufacturing; the city office: the digital economy and the named solar
//! manufacturer): a partner sees and logs within its scope — every agency's approaches of a
//! company in it — and gets 404 for every company, approach and part of the network outside;
//! changing the scope changes what it sees at once; staff see all. Pages and API.

use serde_json::{Value, json};

use crate::helpers::{ADMIN, STAFF, TestApp, client};
use crate::on_both;

const CHAMBER: &str = "partner@demo.standort.example";
const CITY: &str = "partner-city@demo.standort.example";
const PLANNER: &str = "planner@demo.standort.example";

fn today() -> String {
    standort_domain::date::format_date(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64,
    )
}

async fn log(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let page = app
        .api_json(
            token,
            &format!("/api/v1/network/approaches?limit=200{query}"),
        )
        .await;
    page["items"].as_array().unwrap().clone()
}

fn companies(items: &[Value]) -> Vec<i64> {
    let mut out: Vec<i64> = items
        .iter()
        .map(|a| a["org_id"].as_i64().unwrap())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

async fn status(app: &TestApp, token: &str, path: &str) -> u16 {
    app.api_get(token, path).await.status().as_u16()
}

async fn put(app: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    client()
        .put(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

struct Orgs {
    chamber: i64,
    city: i64,
    solar: i64,
    sakura: i64,
    saigon: i64,
    datenwerk: i64,
    clinic: i64,
}

async fn orgs(app: &TestApp) -> Orgs {
    Orgs {
        chamber: app
            .org_id("Industrie- und Handelskammer zu Leipzig (Demo)")
            .await,
        city: app
            .org_id("Wirtschaftsförderung der Stadt Markkleeberg (Demo)")
            .await,
        solar: app.org_id("Leipziger Solartechnik GmbH (Demo)").await,
        sakura: app.org_id("Sakura Seimitsu K.K. (Demo)").await,
        saigon: app.org_id("Saigon Biotech JSC (Demo)").await,
        datenwerk: app.org_id("Datenwerk Leipzig GmbH (Demo)").await,
        clinic: app.org_id("Städtisches Klinikum St. Georg (Demo)").await,
    }
}

on_both!(
    a_partner_sees_and_logs_within_its_scope_and_everything_else_is_404,
    |app: TestApp| async move {
        let o = orgs(&app).await;
        let chamber = app.token(CHAMBER).await;
        let staff = app.token(STAFF).await;

        // The chamber's scope: greentech (solar, Sakura) and manufacturing, section C (solar,
        // Sakura, Saigon Biotech); not the software company, not the clinic.
        let seen = log(&app, &chamber, "").await;
        assert_eq!(companies(&seen), {
            let mut v = vec![o.solar, o.sakura, o.saigon];
            v.sort_unstable();
            v
        });
        // Every agency's approaches of those: the agency's and the city office's too.
        let by: Vec<i64> = seen
            .iter()
            .map(|a| a["by_org_id"].as_i64().unwrap())
            .collect();
        assert!(by.contains(&o.chamber) && by.contains(&o.city));
        assert!(by.iter().any(|b| *b != o.chamber && *b != o.city));
        // Staff see all, the software company's (the city office's call) included.
        let all = log(&app, &staff, "").await;
        assert!(all.len() > seen.len());
        let datenwerk_call = all
            .iter()
            .find(|a| a["org_id"] == o.datenwerk && a["by_org_id"] == o.city)
            .expect("the city office's call")["id"]
            .as_i64()
            .unwrap();
        let solar_visit = all
            .iter()
            .find(|a| a["org_id"] == o.solar && a["by_org_id"] != o.chamber)
            .expect("the agency's visit")["id"]
            .as_i64()
            .unwrap();

        // Who approached a company in scope: everyone's approaches of it.
        let solar = log(&app, &chamber, &format!("&org={}", o.solar)).await;
        assert!(solar.len() >= 2, "{solar:?}");
        assert_eq!(
            status(
                &app,
                &chamber,
                &format!("/api/v1/network/approaches/{solar_visit}")
            )
            .await,
            200
        );
        // Outside the scope: 404 — a company, another partner's approach, a filter.
        for path in [
            format!("/api/v1/network/approaches?org={}", o.datenwerk),
            format!("/api/v1/network/approaches?org={}", o.clinic),
            "/api/v1/network/approaches?org=999999".to_owned(),
            format!("/api/v1/network/approaches/{datenwerk_call}"),
            format!("/api/v1/organisations/{}", o.solar),
        ] {
            assert_eq!(status(&app, &chamber, &path).await, 404, "{path}");
        }
        // Nothing else of the network: contacts, trips, fairs, agreements, projects, figures,
        // the partners' scopes (another's and the staff's list).
        let contact = app
            .api_json(&staff, "/api/v1/network/contacts?limit=1")
            .await["items"][0]["id"]
            .as_i64()
            .unwrap();
        let trip = app.api_json(&staff, "/api/v1/network/trips?limit=1").await["items"][0]["id"]
            .as_i64()
            .unwrap();
        let fair = app.api_json(&staff, "/api/v1/network/fairs?limit=1").await["items"][0]["id"]
            .as_i64()
            .unwrap();
        let agreement = app
            .api_json(&staff, "/api/v1/network/agreements?limit=1")
            .await["items"][0]["id"]
            .as_i64()
            .unwrap();
        for path in [
            "/api/v1/network/contacts".to_owned(),
            format!("/api/v1/network/contacts/{contact}"),
            format!("/api/v1/network/contacts/{contact}/vcard"),
            "/api/v1/network/trips".to_owned(),
            format!("/api/v1/network/trips/{trip}"),
            "/api/v1/network/fairs".to_owned(),
            format!("/api/v1/network/fairs/{fair}"),
            "/api/v1/network/agreements".to_owned(),
            format!("/api/v1/network/agreements/{agreement}"),
            "/api/v1/network/projects".to_owned(),
            "/api/v1/network/figures".to_owned(),
            "/api/v1/network/partners".to_owned(),
            format!("/api/v1/network/partners/{}/scope", o.city),
        ] {
            assert_eq!(status(&app, &chamber, &path).await, 404, "{path}");
        }
        // Its own scope it may read.
        let own = app
            .api_json(
                &chamber,
                &format!("/api/v1/network/partners/{}/scope", o.chamber),
            )
            .await;
        assert_eq!(own["item"]["clusters"], json!(["greentech"]));
        assert_eq!(own["item"]["sections"], json!(["C"]));

        // Logging: a company in scope is recorded as the chamber's; the warning applies to
        // every agency's approaches (the solar manufacturer was visited recently).
        let body = |org: i64, confirm: bool| {
            json!({"org_id": org, "channel": "visit", "on": today(), "topic": "Betriebsbesuch",
                   "confirm": confirm})
        };
        let r = app
            .api_post_json(
                &chamber,
                "/api/v1/network/approaches",
                &body(o.solar, false),
            )
            .await;
        assert_eq!(r.status(), 409);
        let r = app
            .api_post_json(
                &chamber,
                "/api/v1/network/approaches",
                &body(o.saigon, true),
            )
            .await;
        assert_eq!(r.status(), 201);
        let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let mine = app
            .api_json(&staff, &format!("/api/v1/network/approaches/{id}"))
            .await;
        assert_eq!(mine["item"]["by_org_id"], o.chamber);
        assert_eq!(mine["item"]["org_id"], o.saigon);
        // Outside the scope nothing is written: 404, as for a company that does not exist.
        let before = log(&app, &staff, "").await.len();
        for org in [o.datenwerk, o.clinic, 999_999] {
            let r = app
                .api_post_json(&chamber, "/api/v1/network/approaches", &body(org, true))
                .await;
            assert_eq!(r.status(), 404, "org {org}");
        }
        assert_eq!(log(&app, &staff, "").await.len(), before);

        // The pages: the log within scope, the company's recent approaches, 404 outside.
        let c = app.login(CHAMBER).await;
        let html = app.page(&c, "/network/approaches").await;
        assert!(html.contains("Leipziger Solartechnik GmbH (Demo)"));
        assert!(
            !html.contains("Datenwerk"),
            "no company outside the scope, not even a name"
        );
        assert!(!html.contains("Klinikum"));
        assert!(
            html.contains("Verarbeitendes Gewerbe"),
            "the scope is shown"
        );
        let html = app
            .page(&c, &format!("/network/approaches?org={}", o.solar))
            .await;
        assert!(
            html.contains("Erweiterung der Modulfertigung"),
            "the agency's visit"
        );
        assert!(
            html.contains("Ausbildungsbedarf Mechatronik"),
            "the chamber's own"
        );
        let r = app
            .submit(
                &c,
                &format!("/network/approaches?org={}", o.sakura),
                "/network/approaches",
                &[
                    ("org_id", &o.sakura.to_string()),
                    ("channel", "call"),
                    ("on", &today()),
                    ("topic", "Ausbildungspartnerschaft"),
                    ("confirm", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        for path in [
            format!("/network/approaches?org={}", o.datenwerk),
            "/network/contacts".to_owned(),
            format!("/network/contacts/{contact}"),
            "/network/trips".to_owned(),
            format!("/network/trips/{trip}"),
            "/network/fairs".to_owned(),
            format!("/network/fairs/{fair}"),
            "/network/agreements".to_owned(),
            format!("/network/agreements/{agreement}"),
            "/network/projects".to_owned(),
            "/network/figures".to_owned(),
            "/network/partners".to_owned(),
            format!("/network/partners/{}", o.chamber),
            format!("/organisations/{}", o.solar),
        ] {
            let r = c.get(app.url(&path)).send().await.unwrap();
            assert_eq!(r.status(), 404, "{path}");
        }
        // The log's company filter (words of the name) finds no company outside the scope.
        let html = app
            .page(&c, "/network/approaches?company=Klinikum&limit=200")
            .await;
        assert!(!html.contains(&format!("href=\"/organisations/{}\"", o.clinic)));
        // A posted approach of a company outside the scope: 404, nothing written.
        let r = app
            .submit(
                &c,
                "/network/approaches",
                "/network/approaches",
                &[
                    ("org_id", &o.datenwerk.to_string()),
                    ("channel", "call"),
                    ("on", &today()),
                    ("topic", "Versuch"),
                    ("confirm", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), 404);
        // The network's entry leads partners to their log; the dashboard counts it.
        let r = c.get(app.url("/network")).send().await.unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/network/approaches");
        let html = app.page(&c, "/dashboard").await;
        assert!(html.contains("href=\"/network/approaches\""));
    }
);

on_both!(
    changing_a_partners_scope_changes_what_it_sees_and_is_audited,
    |app: TestApp| async move {
        let o = orgs(&app).await;
        let chamber = app.token(CHAMBER).await;
        let city = app.token(CITY).await;
        let staff = app.token(STAFF).await;
        let scope = |id: i64| format!("/api/v1/network/partners/{id}/scope");

        // The city office sees the software company (digital economy) and, named, the solar
        // manufacturer — and there the chamber's visit.
        let seen = log(&app, &city, "").await;
        assert!(companies(&seen).contains(&o.datenwerk));
        assert!(
            seen.iter()
                .any(|a| a["org_id"] == o.solar && a["by_org_id"] == o.chamber)
        );

        // Nothing agreed: nothing seen, every company 404.
        let r = put(
            &app,
            &staff,
            &scope(o.chamber),
            &json!({"clusters": [], "sections": []}),
        )
        .await;
        assert_eq!(r.status(), 200);
        assert!(log(&app, &chamber, "").await.is_empty());
        assert_eq!(
            status(
                &app,
                &chamber,
                &format!("/api/v1/network/approaches?org={}", o.solar)
            )
            .await,
            404
        );
        // The digital economy: the software company's approaches, the city office's among them.
        let r = put(
            &app,
            &staff,
            &scope(o.chamber),
            &json!({"clusters": ["digital_economy"], "sections": []}),
        )
        .await;
        assert_eq!(r.status(), 200);
        let seen = log(&app, &chamber, "").await;
        assert!(companies(&seen).contains(&o.datenwerk));
        assert!(!companies(&seen).contains(&o.saigon));
        // A named company adds to it; taking it out removes it again.
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/network/partners/{}/companies", o.chamber),
                &json!({"org_id": o.clinic}),
            )
            .await;
        assert_eq!(r.status(), 201);
        assert_eq!(
            status(
                &app,
                &chamber,
                &format!("/api/v1/network/approaches?org={}", o.clinic)
            )
            .await,
            200
        );
        let r = client()
            .delete(app.url(&format!(
                "/api/v1/network/partners/{}/companies/{}",
                o.chamber, o.clinic
            )))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(
            status(
                &app,
                &chamber,
                &format!("/api/v1/network/approaches?org={}", o.clinic)
            )
            .await,
            404
        );
        // An organisation that does not exist: named in the body it is a validation error
        // (422), named in the path it is not found (404, as the API contract demands of a
        // path id); nothing changed either way.
        let before = log(&app, &chamber, "").await.len();
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/network/partners/{}/companies", o.chamber),
                &json!({"org_id": 999_999}),
            )
            .await;
        assert_eq!(r.status(), 422);
        let r = client()
            .delete(app.url(&format!(
                "/api/v1/network/partners/{}/companies/999999",
                o.chamber
            )))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert_eq!(log(&app, &chamber, "").await.len(), before);
        // Unknown clusters and sections are refused, nothing changed.
        for bad in [
            json!({"clusters": ["tourism"], "sections": []}),
            json!({"clusters": [], "sections": ["Z"]}),
        ] {
            let r = put(&app, &staff, &scope(o.chamber), &bad).await;
            assert_eq!(r.status(), 422, "{bad}");
        }
        assert!(companies(&log(&app, &chamber, "").await).contains(&o.datenwerk));
        // Only staff decide: the partner itself, administrators and planners get 404.
        for who in [CHAMBER, ADMIN, PLANNER] {
            let t = app.token(who).await;
            let r = put(
                &app,
                &t,
                &scope(o.chamber),
                &json!({"clusters": ["greentech"], "sections": []}),
            )
            .await;
            assert_eq!(r.status(), 404, "{who}");
        }
        // Every change is in the audit log with the scope before and after.
        let admin = app.token(ADMIN).await;
        let entries = app
            .api_json(
                &admin,
                &format!(
                    "/api/v1/audit?entity=network_partner_scope&entity_id={}",
                    o.chamber
                ),
            )
            .await;
        let entries = entries["items"].as_array().unwrap();
        // The demo's agreement, then two changes of the rules and two of the named companies.
        assert!(entries.len() >= 5, "{entries:?}");
        assert!(
            entries
                .iter()
                .any(|e| e.to_string().contains("digital_economy"))
        );

        // The staff's pages: the partners, a partner's scope as checkboxes, saved by the form.
        let c = app.login(STAFF).await;
        let html = app.page(&c, "/network/partners").await;
        assert!(html.contains("Industrie- und Handelskammer zu Leipzig (Demo)"));
        assert!(html.contains("Wirtschaftsförderung der Stadt Markkleeberg (Demo)"));
        let page = format!("/network/partners/{}", o.chamber);
        let html = app.page(&c, &page).await;
        assert!(html.contains("value=\"digital_economy\" id=\"cluster-digital_economy\" checked"));
        let r = app
            .submit(
                &c,
                &page,
                &page,
                &[
                    ("clusters", "greentech"),
                    ("sections", "C"),
                    ("sections", "Q"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let seen = companies(&log(&app, &chamber, "").await);
        assert!(seen.contains(&o.solar) && !seen.contains(&o.datenwerk));
        assert_eq!(
            status(
                &app,
                &chamber,
                &format!("/api/v1/network/approaches?org={}", o.clinic)
            )
            .await,
            200,
            "health (section Q) is in scope now"
        );
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/companies"),
                &[("company", &o.datenwerk.to_string())],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert!(companies(&log(&app, &chamber, "").await).contains(&o.datenwerk));
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/companies/{}/remove", o.datenwerk),
                &[],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert!(!companies(&log(&app, &chamber, "").await).contains(&o.datenwerk));
    }
);

on_both!(
    administrators_invite_partner_agency_accounts_like_any_other,
    |app: TestApp| async move {
        let admin = app.login(ADMIN).await;
        let chamber = app
            .org_id("Industrie- und Handelskammer zu Leipzig (Demo)")
            .await
            .to_string();
        let html = app.page(&admin, "/admin/users").await;
        assert!(html.contains("value=\"partner_agency\""));
        assert!(html.contains("Partneragentur"));
        let r = app
            .submit(
                &admin,
                "/admin/users",
                "/admin/users",
                &[
                    ("display_name", "Jana Brandt"),
                    ("email", "j.brandt@ihk.example"),
                    ("role", "partner_agency"),
                    ("org_id", &chamber),
                    ("language", "en"),
                    ("password", "ein-langes-passwort"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        // The new account sees its organisation's share at once.
        let c = client();
        let r = app
            .submit(
                &c,
                "/login",
                "/login",
                &[
                    ("email", "j.brandt@ihk.example"),
                    ("password", "ein-langes-passwort"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&c, "/network/approaches").await;
        assert!(html.contains("Shared with your organisation"));
        assert!(html.contains("Leipziger Solartechnik GmbH (Demo)"));
    }
);
