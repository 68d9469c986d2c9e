//! Employers act on candidates they may see (issue 11, point 14), over HTTP through the real
//! app with the demo on both backends: the shortlist and introduction requests of an employer,
//! staff's answer, the employer seeing it, notifications both ways, the list kit's download,
//! 404 for another employer's records, for candidates outside the employer's view and for
//! roles without the feature, and the erasure taking the rows with the candidate.

use crate::helpers::{ADMIN, CANDIDATE, EMPLOYER, PASSWORD, STAFF, TestApp};
use crate::on_both;

/// A candidate's id by family name, as staff find it.
async fn candidate_id(app: &TestApp, staff_token: &str, name: &str) -> i64 {
    let list = app
        .api_json(
            staff_token,
            &format!("/api/v1/recruitment/candidates?q={name}&limit=5"),
        )
        .await;
    list["items"][0]["id"].as_i64().expect("candidate exists")
}

/// The id of the employer's position whose title starts with `title`.
async fn position_id(app: &TestApp, token: &str, title: &str) -> i64 {
    let list = app
        .api_json(token, "/api/v1/recruitment/positions?limit=200")
        .await;
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"].as_str().unwrap().starts_with(title))
        .expect("position exists")["id"]
        .as_i64()
        .unwrap()
}

async fn notification_kinds(app: &TestApp, token: &str) -> Vec<String> {
    let page = app.api_json(token, "/api/v1/notifications?limit=200").await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn count(app: &TestApp, sql: &str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

/// A second employer account, at another organisation, made by the administrator.
async fn other_employer(app: &TestApp) -> (reqwest::Client, String) {
    const OTHER: &str = "personal@uniklinik.example";
    let admin = app.login(ADMIN).await;
    let org = app
        .org_id("Universitätsklinikum Leipzig (Demo)")
        .await
        .to_string();
    let r = app
        .submit(
            &admin,
            "/admin/users",
            "/admin/users",
            &[
                ("email", OTHER),
                ("display_name", "Petra Uniklinik"),
                ("role", "employer"),
                ("org_id", org.as_str()),
                ("language", "de"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    (app.login(OTHER).await, app.token(OTHER).await)
}

on_both!(
    an_employer_shortlists_asks_and_sees_the_agency_answer,
    |app: TestApp| async move {
        let staff_token = app.token(STAFF).await;
        let employer_token = app.token(EMPLOYER).await;
        let employer = app.login(EMPLOYER).await;
        let staff = app.login(STAFF).await;
        let bui = candidate_id(&app, &staff_token, "Bùi").await;
        let bus = position_id(&app, &employer_token, "Busfahrer")
            .await
            .to_string();
        let profile = format!("/recruitment/candidates/{bui}");

        // The profile offers the shortlist; putting the candidate on it says so.
        let html = app.page(&employer, &profile).await;
        assert!(html.contains("Auf die Merkliste"), "{html}");
        let r = app
            .submit(
                &employer,
                &profile,
                &format!("{profile}/shortlist"),
                &[("position_id", bus.as_str())],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&employer, &profile).await;
        assert!(html.contains("Auf Ihrer Merkliste"));
        assert!(html.contains("Von der Merkliste nehmen"));

        // The shortlist page: the kit's list with the demo's two and this one, searchable,
        // filterable by position and downloadable.
        let html = app.page(&employer, "/recruitment/shortlist").await;
        assert!(html.contains("3 Personen auf der Merkliste"), "{html}");
        assert!(html.contains(&format!("/recruitment/candidates/{bui}\"")));
        let html = app.page(&employer, "/recruitment/shortlist?q=bui").await;
        assert!(html.contains("Eine Person auf der Merkliste"), "{html}");
        let html = app
            .page(
                &employer,
                &format!("/recruitment/shortlist?position={bus}&sort=added"),
            )
            .await;
        assert!(html.contains("aria-sort=\"descending\""));
        let csv = employer
            .get(app.url("/recruitment/shortlist?format=csv&q=bui"))
            .send()
            .await
            .unwrap();
        assert_eq!(csv.status(), 200);
        let csv = csv.text().await.unwrap();
        assert!(csv.contains("Bùi") && csv.contains("Busfahrer"), "{csv}");
        let api = app
            .api_json(&employer_token, "/api/v1/recruitment/shortlist?q=bui")
            .await;
        assert_eq!(api["total"], 1);
        assert_eq!(api["items"][0]["candidate_id"], bui);
        assert!(api["items"][0].get("email").is_none(), "no contact details");

        // The request: the page's form, then the same again is refused with a clear message.
        let message = "Wir würden gern ein Gespräch führen.";
        let r = app
            .submit(
                &employer,
                &profile,
                &format!("{profile}/introductions"),
                &[("position_id", bus.as_str()), ("message", message)],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&employer, &profile).await;
        assert!(html.contains("class=\"state-warn\">Offen"), "{html}");
        assert!(html.contains(message));
        let r = app
            .submit(
                &employer,
                &profile,
                &format!("{profile}/introductions"),
                &[("position_id", bus.as_str())],
            )
            .await;
        assert_eq!(r.status(), 409);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("bereits eine Anfrage offen")
        );

        // Staff hear of it, find it among the open requests and answer on the profile.
        assert!(
            notification_kinds(&app, &staff_token)
                .await
                .contains(&"introduction_requested".to_owned())
        );
        let html = app
            .page(&staff, "/recruitment/introductions?state=open")
            .await;
        assert!(html.contains("Bùi"), "{html}");
        assert!(html.contains("Leipziger Verkehrsbetriebe (Demo)"));
        let list = app
            .api_json(
                &staff_token,
                &format!("/api/v1/recruitment/introductions?state=open&candidate_id={bui}"),
            )
            .await;
        assert_eq!(list["total"], 1);
        let id = list["items"][0]["id"].as_i64().unwrap();
        let html = app.page(&staff, &profile).await;
        assert!(html.contains(&format!("/recruitment/introductions/{id}/answer")));
        let reason = "Frau Bùi hat bereits eine Stelle angenommen.";
        let r = app
            .submit(
                &staff,
                &profile,
                &format!("/recruitment/introductions/{id}/answer"),
                &[("decision", "decline"), ("answer", reason)],
            )
            .await;
        assert_eq!(r.status(), 303);
        // An answer is final.
        let r = app
            .api_post_json(
                &staff_token,
                &format!("/api/v1/recruitment/introductions/{id}/answer"),
                &serde_json::json!({"decision": "accept", "answer": "Doch."}),
            )
            .await;
        assert_eq!(r.status(), 409);

        // The employer sees the state and the answer, and was notified.
        let html = app.page(&employer, &profile).await;
        assert!(html.contains("class=\"state-bad\">Abgelehnt"), "{html}");
        assert!(html.contains(reason));
        let html = app
            .page(&employer, "/recruitment/introductions?state=answered")
            .await;
        assert!(html.contains(reason) && html.contains("Abgelehnt"));
        assert!(
            notification_kinds(&app, &employer_token)
                .await
                .contains(&"introduction_answered".to_owned())
        );
        let r = app
            .api_json(
                &employer_token,
                &format!("/api/v1/recruitment/introductions/{id}"),
            )
            .await;
        assert_eq!(r["state"], "declined");
        assert_eq!(r["answer"], reason);

        // Dashboard cards lead to both lists.
        let html = app.page(&employer, "/dashboard").await;
        assert!(html.contains("href=\"/recruitment/shortlist\""));
        assert!(html.contains("href=\"/recruitment/introductions\""));
        let html = app.page(&staff, "/dashboard").await;
        assert!(html.contains("href=\"/recruitment/introductions?state=open\""));

        // Taking the candidate off the list.
        let r = app
            .submit(
                &employer,
                &profile,
                &format!("{profile}/shortlist/remove"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&employer, &profile).await;
        assert!(html.contains("Auf die Merkliste"));

        // Every write is audited with ids only.
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE (entity = 'introduction_request' AND action IN ('create', 'answer')) \
             OR (entity = 'candidate' AND action IN ('shortlist', 'unshortlist') AND entity_id = $1)",
        )
        .bind(bui.to_string())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        // The demo's 2 shortlist entries are other candidates; its 2 requests and 1 answer,
        // plus this test's shortlist, request, answer and removal.
        assert_eq!(audited, 3 + 4, "audit entries");
        let log: Vec<String> =
            sqlx::query_scalar("SELECT COALESCE(after_json, '') FROM audit_log ORDER BY id")
                .fetch_all(app.db.pool())
                .await
                .unwrap();
        assert!(
            !log.iter()
                .any(|l| l.contains(reason) || l.contains(message))
        );
    }
);

on_both!(
    the_api_answers_each_documented_status,
    |app: TestApp| async move {
        let staff_token = app.token(STAFF).await;
        let token = app.token(EMPLOYER).await;
        let bui = candidate_id(&app, &staff_token, "Bùi").await;
        let path = format!("/api/v1/recruitment/shortlist/{bui}");
        let c = crate::helpers::client();
        let put =
            |body: serde_json::Value| c.put(app.url(&path)).bearer_auth(&token).json(&body).send();
        assert_eq!(put(serde_json::json!({})).await.unwrap().status(), 201);
        assert_eq!(put(serde_json::json!({})).await.unwrap().status(), 204);
        // Another employer's position is refused.
        let foreign = position_id(&app, &staff_token, "Pflegefachkraft (m/w/d) Innere").await;
        let r = put(serde_json::json!({ "position_id": foreign }))
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        let del = || c.delete(app.url(&path)).bearer_auth(&token).send();
        assert_eq!(del().await.unwrap().status(), 204);
        assert_eq!(del().await.unwrap().status(), 404);

        let req = format!("/api/v1/recruitment/candidates/{bui}/introductions");
        let r = app
            .api_post_json(&token, &req, &serde_json::json!({ "message": "Hallo" }))
            .await;
        assert_eq!(r.status(), 201);
        let created: serde_json::Value = r.json().await.unwrap();
        assert_eq!(created["state"], "open");
        assert_eq!(created["position_id"], serde_json::Value::Null);
        let r = app
            .api_post_json(&token, &req, &serde_json::json!({}))
            .await;
        assert_eq!(
            r.status(),
            409,
            "one open request per candidate and position"
        );
        let r = app
            .api_post_json(&token, &req, &serde_json::json!({ "position_id": foreign }))
            .await;
        assert_eq!(r.status(), 422);
        let answer = format!("/api/v1/recruitment/introductions/{}/answer", created["id"]);
        let r = app
            .api_post_json(
                &staff_token,
                &answer,
                &serde_json::json!({"decision": "accept", "answer": " "}),
            )
            .await;
        assert_eq!(r.status(), 422, "an answer needs text");
        let r = app
            .api_post_json(
                &staff_token,
                &answer,
                &serde_json::json!({"decision": "accept", "answer": "Ansprechpartnerin: Frau Hartmann"}),
            )
            .await;
        assert_eq!(r.status(), 200);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["state"], "accepted");
        // Once answered, a new request for the same candidate and position may be made.
        let r = app
            .api_post_json(&token, &req, &serde_json::json!({}))
            .await;
        assert_eq!(r.status(), 201);
        // The employer cannot answer; staff cannot shortlist or ask.
        let r = app
            .api_post_json(
                &token,
                &answer,
                &serde_json::json!({"decision": "accept", "answer": "x"}),
            )
            .await;
        assert_eq!(r.status(), 404);
        let r = app
            .api_post_json(&staff_token, &req, &serde_json::json!({}))
            .await;
        assert_eq!(r.status(), 404);
        let (status, _) = app
            .api_status_json(&staff_token, "/api/v1/recruitment/shortlist")
            .await;
        assert_eq!(status, 404);
        let (status, _) = app
            .api_status_json(&token, "/api/v1/recruitment/introductions?state=bogus")
            .await;
        assert_eq!(status, 422);
        // A search the documented `search_text` schema refuses (a C1 control character) is
        // refused by the server too, on both lists (the API contract found it accepted).
        for path in [
            "/api/v1/recruitment/introductions?q=%C2%84",
            "/api/v1/recruitment/shortlist?q=%C2%84",
        ] {
            let (status, _) = app.api_status_json(&token, path).await;
            assert_eq!(status, 422, "{path}");
        }
        // The document lists the endpoints.
        let doc = app.api_json(&token, "/api/v1/openapi.json").await;
        for p in [
            "/api/v1/recruitment/shortlist",
            "/api/v1/recruitment/shortlist/{candidate_id}",
            "/api/v1/recruitment/introductions",
            "/api/v1/recruitment/introductions/{id}",
            "/api/v1/recruitment/introductions/{id}/answer",
            "/api/v1/recruitment/candidates/{id}/introductions",
        ] {
            assert!(doc["paths"].get(p).is_some(), "{p} documented");
        }
    }
);

on_both!(
    others_get_404_and_candidates_outside_the_view_too,
    |app: TestApp| async move {
        let staff_token = app.token(STAFF).await;
        let token = app.token(EMPLOYER).await;
        let employer = app.login(EMPLOYER).await;
        // The demo's open request of the employer (Trần) and a candidate who did not consent
        // to be shown to employers (Phạm).
        let tran = candidate_id(&app, &staff_token, "Trần").await;
        let pham = candidate_id(&app, &staff_token, "Phạm").await;
        let own = app
            .api_json(&token, "/api/v1/recruitment/introductions?state=open")
            .await;
        assert_eq!(own["total"], 1, "the demo's open request");
        let request = own["items"][0]["id"].as_i64().unwrap();
        assert_eq!(own["items"][0]["candidate_id"], tran);

        // A candidate outside the employer's view: 404 on page forms and API.
        for action in ["shortlist", "introductions"] {
            let r = app
                .submit(
                    &employer,
                    "/recruitment/shortlist",
                    &format!("/recruitment/candidates/{pham}/{action}"),
                    &[],
                )
                .await;
            assert_eq!(r.status(), 404, "{action} of a hidden candidate");
        }
        let c = crate::helpers::client();
        let r = c
            .put(app.url(&format!("/api/v1/recruitment/shortlist/{pham}")))
            .bearer_auth(&token)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let r = app
            .api_post_json(
                &token,
                &format!("/api/v1/recruitment/candidates/{pham}/introductions"),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(r.status(), 404);

        // Another employer organisation sees none of LVB's shortlist or requests.
        let (other, other_token) = other_employer(&app).await;
        let list = app
            .api_json(&other_token, "/api/v1/recruitment/shortlist")
            .await;
        assert_eq!(list["total"], 0);
        let list = app
            .api_json(&other_token, "/api/v1/recruitment/introductions")
            .await;
        assert_eq!(list["total"], 0);
        let (status, _) = app
            .api_status_json(
                &other_token,
                &format!("/api/v1/recruitment/introductions/{request}"),
            )
            .await;
        assert_eq!(status, 404);
        let r = c
            .delete(app.url(&format!("/api/v1/recruitment/shortlist/{tran}")))
            .bearer_auth(&other_token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "not on their list");
        let html = app.page(&other, "/recruitment/introductions").await;
        assert!(!html.contains("Trần"));
        let html = app
            .page(&other, &format!("/recruitment/candidates/{tran}"))
            .await;
        assert!(
            !html.contains("Wir würden Herrn"),
            "LVB's message stays LVB's"
        );
        // LVB's shortlist is untouched.
        let list = app.api_json(&token, "/api/v1/recruitment/shortlist").await;
        assert_eq!(list["total"], 2);

        // Roles without the feature: 404 on the pages and the API.
        for who in [CANDIDATE, ADMIN, "counsellor@demo.standort.example"] {
            let c = app.login(who).await;
            for path in ["/recruitment/shortlist", "/recruitment/introductions"] {
                let r = c.get(app.url(path)).send().await.unwrap();
                assert_eq!(r.status(), 404, "{who} {path}");
            }
            let t = app.token(who).await;
            for path in [
                "/api/v1/recruitment/shortlist".to_owned(),
                "/api/v1/recruitment/introductions".to_owned(),
                format!("/api/v1/recruitment/introductions/{request}"),
            ] {
                let (status, _) = app.api_status_json(&t, &path).await;
                assert_eq!(status, 404, "{who} {path}");
            }
        }
        let staff = app.login(STAFF).await;
        let r = staff
            .get(app.url("/recruitment/shortlist"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "staff have no shortlist");
    }
);

on_both!(
    the_export_carries_and_the_erasure_removes_shortlist_and_requests,
    |app: TestApp| async move {
        let staff_token = app.token(STAFF).await;
        let staff = app.login(STAFF).await;
        let tran = candidate_id(&app, &staff_token, "Trần").await;
        let shortlisted = "SELECT COUNT(*) FROM employer_shortlist WHERE candidate_id = $1";
        let requested = "SELECT COUNT(*) FROM introduction_requests WHERE candidate_id = $1";
        assert_eq!(count(&app, shortlisted, tran).await, 1);
        assert_eq!(count(&app, requested, tran).await, 1);
        let export = staff
            .get(app.url(&format!("/recruitment/candidates/{tran}/export")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let export: serde_json::Value = serde_json::from_str(&export).unwrap();
        assert_eq!(export["shortlists"].as_array().unwrap().len(), 1);
        assert_eq!(export["introduction_requests"][0]["state"], "open");
        assert!(
            export["introduction_requests"][0]["message"]
                .as_str()
                .unwrap()
                .contains("Videogespräch")
        );
        let profile = format!("/recruitment/candidates/{tran}");
        let r = app
            .submit(
                &staff,
                &profile,
                &format!("{profile}/erase"),
                &[("confirm", "yes")],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
        assert_eq!(count(&app, shortlisted, tran).await, 0);
        assert_eq!(count(&app, requested, tran).await, 0);
        // The employer's lists no longer show the person.
        let token = app.token(EMPLOYER).await;
        let list = app.api_json(&token, "/api/v1/recruitment/shortlist").await;
        assert_eq!(list["total"], 1);
        let list = app
            .api_json(&token, "/api/v1/recruitment/introductions")
            .await;
        assert_eq!(
            list["total"], 1,
            "the answered request about another person"
        );
    }
);
