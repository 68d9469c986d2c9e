//! The JSON API: tokens, scope, problems, paging, OpenAPI.

use serde_json::{Value, json};

use crate::helpers::*;
use crate::on_both;

on_both!(
    tokens_act_with_their_owners_permissions,
    |app: TestApp| async move {
        let employer = app.token(EMPLOYER).await;
        let (status, me) = app.api_status_json(&employer, "/api/v1/me").await;
        assert_eq!(status, 200);
        assert_eq!(me["email"], EMPLOYER);
        let (_, orgs) = app
            .api_status_json(&employer, "/api/v1/organisations")
            .await;
        assert_eq!(orgs["total"], 1, "only the own organisation");
        let clinic = app.org_id("Städtisches Klinikum St. Georg (Demo)").await;
        let (status, problem) = app
            .api_status_json(&employer, &format!("/api/v1/organisations/{clinic}"))
            .await;
        assert_eq!(status, 404);
        assert_eq!(problem["status"], 404);
        let (status, _) = app.api_status_json(&employer, "/api/v1/audit").await;
        assert_eq!(status, 404);
        let (status, _) = app
            .api_status_json(&employer, &format!("/api/v1/users?org_id={clinic}"))
            .await;
        assert_eq!(status, 404);
        // A user of another organisation is not found either.
        let admin = app.token(ADMIN).await;
        let (_, users) = app.api_status_json(&admin, "/api/v1/users?limit=200").await;
        let buyer_id = users["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == BUYER)
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let (status, _) = app
            .api_status_json(&employer, &format!("/api/v1/users/{buyer_id}"))
            .await;
        assert_eq!(status, 404);
    }
);

on_both!(
    missing_or_bad_tokens_get_401_problems,
    |app: TestApp| async move {
        for auth in [
            None,
            Some("Bearer stdt_nonsense"),
            Some("Basic Zm9vOmJhcg=="),
        ] {
            let mut req = client().get(app.url("/api/v1/organisations"));
            if let Some(a) = auth {
                req = req.header("authorization", a);
            }
            let r = req.send().await.unwrap();
            assert_eq!(r.status(), 401, "{auth:?}");
            assert_eq!(r.headers()["content-type"], "application/problem+json");
            assert!(r.headers().contains_key("www-authenticate"));
            let p: Value = r.json().await.unwrap();
            assert!(p["detail"].as_str().unwrap().contains("Bearer"));
        }
        // A revoked token stops working.
        let c = app.login(ADMIN).await;
        let token = app.token(ADMIN).await;
        assert_eq!(app.api_status_json(&token, "/api/v1/me").await.0, 200);
        let html = app.page(&c, "/account").await;
        let id = html
            .split("/account/tokens/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        app.submit(&c, "/account", &format!("/account/tokens/{id}/revoke"), &[])
            .await;
        assert_eq!(app.api_status_json(&token, "/api/v1/me").await.0, 401);
    }
);

on_both!(
    session_cookies_may_read_but_not_write,
    |app: TestApp| async move {
        let c = app.login(ADMIN).await;
        assert_eq!(
            c.get(app.url("/api/v1/me")).send().await.unwrap().status(),
            200
        );
        let r = c
            .post(app.url("/api/v1/organisations"))
            .json(&json!({"name": "Via cookie", "kind": "other"}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            401,
            "cookie-authenticated writes would be open to CSRF"
        );
    }
);

on_both!(lists_are_paged, |app: TestApp| async move {
    let admin = app.token(ADMIN).await;
    let (_, first) = app
        .api_status_json(&admin, "/api/v1/organisations?limit=4")
        .await;
    let (_, rest) = app
        .api_status_json(&admin, "/api/v1/organisations?limit=4&offset=4")
        .await;
    assert_eq!(first["items"].as_array().unwrap().len(), 4);
    // The total counts every organisation, not the page.
    let (_, all) = app
        .api_status_json(&admin, "/api/v1/organisations?limit=200")
        .await;
    assert_eq!(first["total"], all["items"].as_array().unwrap().len());
    assert_eq!(rest["items"].as_array().unwrap().len(), 4);
    assert_ne!(first["items"][0]["id"], rest["items"][0]["id"]);
    // Outside the documented bounds (1–200): refused, not silently changed.
    let (status, p) = app
        .api_status_json(&admin, "/api/v1/organisations?limit=100000")
        .await;
    assert_eq!(status, 400);
    assert!(p["detail"].as_str().unwrap().contains("limit"));
    let (_, most) = app
        .api_status_json(&admin, "/api/v1/organisations?limit=200")
        .await;
    assert_eq!(most["limit"], 200);
    let (status, p) = app
        .api_status_json(&admin, "/api/v1/organisations?limit=many")
        .await;
    assert_eq!(status, 400);
    assert!(p["detail"].as_str().unwrap().contains("query"));
});

on_both!(
    writes_validate_and_report_problems,
    |app: TestApp| async move {
        let admin = app.token(ADMIN).await;
        let (_, before) = app
            .api_status_json(&admin, "/api/v1/organisations?limit=1")
            .await;
        let post = |body: String, ct: &'static str| {
            let token = admin.clone();
            let url = app.url("/api/v1/organisations");
            async move {
                let r = client()
                    .post(url)
                    .bearer_auth(token)
                    .header("content-type", ct)
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                let ctype = r.headers()["content-type"].to_str().unwrap().to_owned();
                (status, ctype, r.json::<Value>().await.unwrap())
            }
        };
        let (s, ct, p) = post("{not json".into(), "application/json").await;
        assert_eq!((s, ct.as_str()), (400, "application/problem+json"));
        assert!(p["detail"].as_str().unwrap().contains("not valid JSON"));
        let (s, _, p) = post(json!({"name": "X"}).to_string(), "application/json").await;
        assert_eq!(s, 400, "{p}");
        let (s, _, _) = post(
            json!({"name": "X", "kind": "clinic"}).to_string(),
            "text/plain",
        )
        .await;
        assert_eq!(s, 415);
        let (s, _, p) = post(
            json!({"name": "", "kind": "clinic"}).to_string(),
            "application/json",
        )
        .await;
        assert_eq!(s, 422);
        assert_eq!(p["field"], "organisation");
        // A country is a code exactly as the published enum lists it.
        let (s, _, p) = post(
            json!({"name": "Neue Klinik", "kind": "clinic", "country": "de"}).to_string(),
            "application/json",
        )
        .await;
        assert_eq!(s, 422, "{p}");
        assert_eq!(p["field"], "country");
        let (s, _, p) = post(
            json!({"name": "Neue Klinik", "kind": "clinic", "country": "DE"}).to_string(),
            "application/json",
        )
        .await;
        assert_eq!(s, 201, "{p}");
        assert_eq!(p["country"], "DE");
        let (s, _, p) = post(
            json!({"name": "Neue Klinik", "kind": "clinic"}).to_string(),
            "application/json",
        )
        .await;
        assert_eq!(s, 409);
        assert!(p["detail"].as_str().unwrap().contains("already in use"));
        let (_, orgs) = app.api_status_json(&admin, "/api/v1/organisations").await;
        assert_eq!(
            orgs["total"].as_i64().unwrap(),
            before["total"].as_i64().unwrap() + 1,
            "exactly one organisation added"
        );
    }
);

on_both!(
    reading_someone_elses_record_is_audited,
    |app: TestApp| async move {
        let admin = app.token(ADMIN).await;
        let (_, users) = app.api_status_json(&admin, "/api/v1/users?limit=200").await;
        let cand = users["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == CANDIDATE)
            .unwrap()
            .clone();
        let (status, user) = app
            .api_status_json(&admin, &format!("/api/v1/users/{}", cand["id"]))
            .await;
        assert_eq!(status, 200);
        assert_eq!(user["display_name"], "Nguyễn Thị Hương");
        let (_, log) = app
            .api_status_json(
                &admin,
                &format!(
                    "/api/v1/audit?action=read&entity=user&entity_id={}",
                    cand["id"]
                ),
            )
            .await;
        assert_eq!(log["total"], 1);
        assert_eq!(log["items"][0]["actor_label"], ADMIN);
        // Reading one's own record is not a "read by someone else".
        let own = app.token(CANDIDATE).await;
        app.api_status_json(&own, &format!("/api/v1/users/{}", cand["id"]))
            .await;
        let (_, log) = app
            .api_status_json(
                &admin,
                &format!("/api/v1/audit?action=read&entity_id={}", cand["id"]),
            )
            .await;
        assert_eq!(log["total"], 1);
    }
);

on_both!(
    writes_are_audited_with_before_and_after,
    |app: TestApp| async move {
        let admin = app.token(ADMIN).await;
        let (_, users) = app.api_status_json(&admin, "/api/v1/users?limit=200").await;
        let staff_id = users["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == STAFF)
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let r = client()
            .post(app.url(&format!("/api/v1/users/{staff_id}/disable")))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let (_, log) = app
            .api_status_json(
                &admin,
                &format!("/api/v1/audit?action=update&entity=user&entity_id={staff_id}"),
            )
            .await;
        let entry = &log["items"][0];
        assert_eq!(entry["before"]["disabled"], false);
        assert_eq!(entry["after"]["disabled"], true);
        assert!(
            entry["after"].get("password_hash").is_none(),
            "no secrets in the log"
        );
    }
);

on_both!(
    openapi_document_describes_the_api,
    |app: TestApp| async move {
        let doc: Value = client()
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in [
            "/api/v1/organisations",
            "/api/v1/users/{id}",
            "/api/v1/audit",
            "/health",
        ] {
            assert!(doc["paths"].get(path).is_some(), "{path} documented");
        }
        assert!(doc["components"]["schemas"].get("Problem").is_some());
        assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
        let r = client()
            .get(app.url("/api/v1/nothing-here"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
);

on_both!(
    every_documented_operation_is_routed,
    |app: TestApp| async move {
        // A module whose OpenAPI part names an endpoint its routes lack (or a module missing
        // from the registry while its part is merged) would answer 404 or 405 here. Without
        // a token every API endpoint refuses with 401 before looking at its input.
        let doc: Value = client()
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let paths = doc["paths"].as_object().unwrap();
        assert!(paths.len() > 30, "the document lists the API");
        for (path, item) in paths {
            // Public operations (the health check, the showcase's open data) need no login.
            let public = |op: &serde_json::Value| {
                op["security"].as_array().is_some_and(|s| {
                    s.iter()
                        .any(|r| r.as_object().is_some_and(|o| o.is_empty()))
                })
            };
            let concrete: String = path
                .split('/')
                .map(|part| if part.starts_with('{') { "1" } else { part })
                .collect::<Vec<_>>()
                .join("/");
            for (method, op) in item.as_object().unwrap() {
                let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes())
                    .expect("an HTTP method");
                let status = client()
                    .request(method.clone(), app.url(&concrete))
                    .send()
                    .await
                    .unwrap()
                    .status();
                if public(op) {
                    // Routed: answered by the operation (found or not), never by a fallback.
                    assert!(
                        status == 200 || status == 404,
                        "{method} {concrete} (public, documented as {path}): {status}"
                    );
                } else {
                    assert_eq!(status, 401, "{method} {concrete} (documented as {path})");
                }
            }
        }
    }
);
