//! The candidate portal and personal data over HTTP, on both backends: who may see documents
//! (404 otherwise), upload checks, consent given and withdrawn (employers lose sight at once,
//! per employer organisation), the GDPR export, erasure leaving no personal data anywhere.

use crate::helpers::{CANDIDATE, EMPLOYER, STAFF, TestApp, client};
use crate::on_both;
use crate::upload::post_multipart;

const COUNSELLOR: &str = "counsellor@demo.standort.example";
/// The demo candidate linked to the candidate login.
const GIVEN: &str = "Thị Hương";
const OWN_EMAIL: &str = "kandidat1@demo.standort.example";

fn pdf(extra: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% test document {extra}\n%%EOF\n").into_bytes()
}

fn sha256_hex(bytes: &[u8]) -> String {
    standort_app::portal::sha256_hex(bytes)
}

async fn json(r: reqwest::Response) -> serde_json::Value {
    r.json().await.unwrap()
}

/// (own candidate id, another candidate's id) via the staff API.
async fn ids(app: &TestApp, staff: &str) -> (i64, i64) {
    let list = json(
        app.api_get(staff, "/api/v1/recruitment/candidates?limit=200")
            .await,
    )
    .await;
    let items = list["items"].as_array().unwrap();
    let own = items.iter().find(|c| c["given_names"] == GIVEN).unwrap()["id"]
        .as_i64()
        .unwrap();
    let other = items.iter().find(|c| c["given_names"] != GIVEN).unwrap()["id"]
        .as_i64()
        .unwrap();
    (own, other)
}

async fn upload(
    app: &TestApp,
    token: &str,
    candidate: i64,
    query: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    client()
        .post(app.url(&format!(
            "/api/v1/recruitment/candidates/{candidate}/documents?{query}"
        )))
        .bearer_auth(token)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn document_count(app: &TestApp, token: &str, candidate: i64) -> usize {
    json(
        app.api_get(
            token,
            &format!("/api/v1/recruitment/candidates/{candidate}/documents"),
        )
        .await,
    )
    .await
    .as_array()
    .unwrap()
    .len()
}

on_both!(
    documents_are_checked_stored_and_seen_only_by_owner_and_staff,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let own_token = app.token(CANDIDATE).await;
        let employer = app.token(EMPLOYER).await;
        let (own, other) = ids(&app, &staff).await;
        let before = document_count(&app, &own_token, own).await;

        // The portal in the candidate's language (Vietnamese), with the demo documents.
        let c = app.login(CANDIDATE).await;
        let html = app.page(&c, "/portal").await;
        assert!(html.contains("lang=\"vi\""));
        assert!(html.contains("Cổng thông tin của tôi"));
        assert!(html.contains("ho-chieu.pdf"));
        assert!(html.contains(GIVEN));

        // Wrong type (an executable named .pdf): refused, nothing stored.
        let r = upload(
            &app,
            &own_token,
            own,
            "kind=passport&file_name=passport.pdf",
            b"MZ\x90\0\x03 not a pdf".to_vec(),
        )
        .await;
        assert_eq!(r.status(), 422);
        let problem = json(r).await;
        assert_eq!(problem["field"], "file");
        assert!(problem["detail"].as_str().unwrap().contains("PDF"));
        // Too big by one byte: refused with the size message; far too big: cut off.
        let mut big = pdf("big");
        big.resize(standort_app::portal::MAX_DOCUMENT_BYTES + 1, b' ');
        assert_eq!(
            upload(&app, &own_token, own, "kind=cv", big).await.status(),
            422
        );
        let huge = vec![b'%'; standort_app::portal::MAX_DOCUMENT_BYTES + 100_000];
        assert_eq!(
            upload(&app, &own_token, own, "kind=cv", huge)
                .await
                .status(),
            413
        );
        assert_eq!(
            upload(&app, &own_token, own, "kind=cv", Vec::new())
                .await
                .status(),
            422
        );
        assert_eq!(document_count(&app, &own_token, own).await, before);

        // A real PDF with a misleading name: stored as PDF, checksum stored and sent back.
        let bytes = pdf("certificate");
        let r = upload(
            &app,
            &own_token,
            own,
            "kind=language_certificate&file_name=Chứng%20chỉ.exe",
            bytes.clone(),
        )
        .await;
        assert_eq!(r.status(), 201);
        let doc = json(r).await;
        assert_eq!(doc["media_type"], "application/pdf");
        assert_eq!(doc["file_name"], "Chứng chỉ.pdf");
        assert_eq!(doc["sha256"], sha256_hex(&bytes));
        assert_eq!(doc["size"], bytes.len());
        let id = doc["id"].as_i64().unwrap();
        assert_eq!(document_count(&app, &own_token, own).await, before + 1);

        // The owner downloads it from the portal page (session) — same bytes.
        let r = c
            .get(app.url(&format!("/documents/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        assert_eq!(r.headers()["x-content-sha256"], sha256_hex(&bytes).as_str());
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(r.bytes().await.unwrap().as_ref(), bytes.as_slice());

        // The API download is an attachment too, never cached, never sniffed.
        let r = app
            .api_get(&own_token, &format!("/api/v1/documents/{id}"))
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            r.headers()["content-disposition"],
            "attachment; filename=\"Ch_ng ch_.pdf\"; filename*=UTF-8''Ch%E1%BB%A9ng%20ch%E1%BB%89%2Epdf"
        );
        assert_eq!(r.headers()["cache-control"], "no-store");
        assert_eq!(r.headers()["x-content-type-options"], "nosniff");
        assert_eq!(r.bytes().await.unwrap().as_ref(), bytes.as_slice());

        // A right-to-left override would show "Rechnung\u{202E}fdp.exe" as "Rechnungexe.pdf":
        // bidirectional controls are stripped from stored names.
        let r = upload(
            &app,
            &own_token,
            own,
            "kind=cv&file_name=Rechnung%E2%80%AEfdp.exe.pdf",
            pdf("bidi"),
        )
        .await;
        assert_eq!(r.status(), 201);
        assert_eq!(json(r).await["file_name"], "Rechnungfdp.exe.pdf");

        // Staff who manage candidates see and download it; the read is audited.
        let sc = app.login(STAFF).await;
        let html = app
            .page(&sc, &format!("/recruitment/candidates/{own}"))
            .await;
        assert!(html.contains("Chứng chỉ.pdf"));
        assert!(html.contains(&sha256_hex(&bytes)));
        let r = sc
            .get(app.url(&format!("/documents/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let cc = app.login(COUNSELLOR).await;
        assert_eq!(
            cc.get(app.url(&format!("/documents/{id}")))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );

        // A document of another candidate (uploaded by staff): the candidate gets 404 for the
        // file, the list and an upload; the employer gets 404 for everything.
        let r = upload(
            &app,
            &staff,
            other,
            "kind=passport&file_name=p.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
        )
        .await;
        assert_eq!(r.status(), 201);
        let foreign = json(r).await["id"].as_i64().unwrap();
        assert_eq!(
            c.get(app.url(&format!("/documents/{foreign}")))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        for (token, doc) in [(&own_token, foreign), (&employer, foreign), (&employer, id)] {
            let r = app
                .api_get(token, &format!("/api/v1/documents/{doc}"))
                .await;
            assert_eq!(r.status(), 404);
        }
        for (token, cand) in [(&own_token, other), (&employer, own)] {
            let r = app
                .api_get(
                    token,
                    &format!("/api/v1/recruitment/candidates/{cand}/documents"),
                )
                .await;
            assert_eq!(r.status(), 404);
            assert_eq!(
                upload(&app, token, cand, "kind=cv", pdf("x"))
                    .await
                    .status(),
                404
            );
        }
        let ec = app.login(EMPLOYER).await;
        assert_eq!(
            ec.get(app.url(&format!("/documents/{id}")))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        // Staff ask for a document; the candidate sees the request.
        let r = app
            .submit(
                &sc,
                &format!("/recruitment/candidates/{own}"),
                &format!("/recruitment/candidates/{own}/document-requests"),
                &[("kind", "recognition_notice"), ("due_date", "2027-01-31")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&c, "/portal").await;
        assert!(html.contains("Quyết định của cơ quan công nhận"));
        assert!(
            html.contains("31 thg 1, 2027"),
            "the due date as Vietnamese writes it"
        );

        // The portal's upload form (multipart, CSRF field first, no JavaScript) answers a
        // request: the wrong type is refused with a page, the right one is stored.
        assert!(html.contains("enctype=\"multipart/form-data\""));
        let token = crate::helpers::csrf_of(&html);
        let missing = html.matches("name=\"request\" value=\"").count();
        let request = html
            .split("name=\"request\" value=\"")
            .last()
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let r = post_multipart(
            &app,
            &c,
            "/portal/documents",
            &[
                ("csrf", None, token.as_bytes()),
                ("request", None, request.as_bytes()),
                ("file", Some("quyet-dinh.pdf"), b"GIF89a not a pdf"),
            ],
        )
        .await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("PDF"));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR page upload";
        let r = post_multipart(
            &app,
            &c,
            "/portal/documents",
            &[
                ("csrf", None, token.as_bytes()),
                ("request", None, request.as_bytes()),
                ("file", Some("quyet-dinh.png"), png),
            ],
        )
        .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&c, "/portal?done=portal-upload-ok").await;
        assert!(html.contains("quyet-dinh.png"));
        assert!(html.contains(&sha256_hex(png)));
        assert_eq!(
            html.matches("name=\"request\" value=\"").count(),
            missing,
            "every request keeps its upload form"
        );
        // Without the CSRF field the upload is refused.
        let r = post_multipart(
            &app,
            &c,
            "/portal/documents",
            &[("file", Some("x.png"), png)],
        )
        .await;
        assert_eq!(r.status(), 403);
        // Staff upload for the candidate from the candidate's page.
        let staff_page = app
            .page(&sc, &format!("/recruitment/candidates/{own}"))
            .await;
        let r = post_multipart(
            &app,
            &sc,
            &format!("/recruitment/candidates/{own}/documents"),
            &[
                (
                    "csrf",
                    None,
                    crate::helpers::csrf_of(&staff_page).as_bytes(),
                ),
                ("kind", None, b"cv"),
                ("file", Some("lebenslauf.pdf"), &pdf("staff")),
            ],
        )
        .await;
        assert_eq!(r.status(), 303);
        assert_eq!(document_count(&app, &own_token, own).await, before + 4); // three here and the bidi-named upload above
    }
);

/// Submits a consent form in the portal, as the browser does.
async fn portal_consent(app: &TestApp, c: &reqwest::Client, fields: &[(&str, &str)]) {
    let r = app.submit(c, "/portal", "/portal/consents", fields).await;
    assert_eq!(r.status(), 303);
}

/// Posts a consent change through the API; returns the status.
async fn api_consent(app: &TestApp, token: &str, id: i64, body: serde_json::Value) -> u16 {
    client()
        .post(app.url(&format!("/api/v1/recruitment/candidates/{id}/consents")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Whether the employer can open the candidate (page and API) and finds them in lists.
async fn employer_sees(app: &TestApp, ec: &reqwest::Client, token: &str, id: i64) -> bool {
    let page = ec
        .get(app.url(&format!("/recruitment/candidates/{id}")))
        .send()
        .await
        .unwrap()
        .status();
    let api = app
        .api_get(token, &format!("/api/v1/recruitment/candidates/{id}"))
        .await
        .status();
    let list = json(
        app.api_get(token, "/api/v1/recruitment/candidates?limit=200")
            .await,
    )
    .await;
    let listed = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == id);
    assert_eq!(page == 200, api == 200, "page and API agree");
    assert_eq!(page == 200, listed, "detail and list agree");
    if page != 200 {
        assert_eq!(page, 404);
        assert_eq!(api, 404);
    }
    listed
}

on_both!(
    consent_given_and_withdrawn_decides_what_employers_see,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let employer = app.token(EMPLOYER).await;
        let (own, _) = ids(&app, &staff).await;
        let lvb = app.org_id("Leipziger Verkehrsbetriebe (Demo)").await;
        let clinic = app.org_id("Städtisches Klinikum St. Georg (Demo)").await;
        let ec = app.login(EMPLOYER).await;
        let c = app.login(CANDIDATE).await;
        // Demo: shown to all employers.
        assert!(employer_sees(&app, &ec, &employer, own).await);

        // Withdraw in the portal: the employer loses sight at once (page, API, list, matches).
        portal_consent(
            &app,
            &c,
            &[("purpose", "share_employers"), ("action", "withdraw")],
        )
        .await;
        assert!(!employer_sees(&app, &ec, &employer, own).await);
        let positions = json(
            app.api_get(&employer, "/api/v1/recruitment/positions")
                .await,
        )
        .await;
        for p in positions["items"].as_array().unwrap() {
            let matches = json(
                app.api_get(
                    &employer,
                    &format!("/api/v1/recruitment/positions/{}/matches", p["id"]),
                )
                .await,
            )
            .await;
            assert!(
                matches.as_array().unwrap().iter().all(|m| m["id"] != own),
                "withdrawn candidate not matched"
            );
        }

        // Consent to another employer only: still hidden from LVB.
        portal_consent(
            &app,
            &c,
            &[
                ("purpose", "share_employer"),
                ("org_id", &clinic.to_string()),
                ("action", "give"),
            ],
        )
        .await;
        assert!(!employer_sees(&app, &ec, &employer, own).await);
        // Consent to LVB by name: LVB sees the profile, without contact details.
        portal_consent(
            &app,
            &c,
            &[
                ("purpose", "share_employer"),
                ("org_id", &lvb.to_string()),
                ("action", "give"),
            ],
        )
        .await;
        assert!(employer_sees(&app, &ec, &employer, own).await);
        let profile = json(
            app.api_get(&employer, &format!("/api/v1/recruitment/candidates/{own}"))
                .await,
        )
        .await;
        assert!(profile["email"].is_null());
        // Withdrawn again (through the API this time): gone again.
        let own_token = app.token(CANDIDATE).await;
        assert_eq!(
            api_consent(
                &app,
                &own_token,
                own,
                serde_json::json!({"purpose": "share_employer", "org_id": lvb, "granted": false})
            )
            .await,
            204
        );
        assert!(!employer_sees(&app, &ec, &employer, own).await);
        // Employers cannot change consents or read the export.
        assert_eq!(
            api_consent(
                &app,
                &employer,
                own,
                serde_json::json!({"purpose": "share_employers", "granted": true})
            )
            .await,
            404
        );
        assert!(!employer_sees(&app, &ec, &employer, own).await);
        // An unknown purpose is refused with a clear error and changes nothing.
        assert_eq!(
            api_consent(
                &app,
                &own_token,
                own,
                serde_json::json!({"purpose": "everything", "granted": true})
            )
            .await,
            422
        );

        // The history shows each change, newest first, on the portal.
        let html = app.page(&c, "/portal").await;
        assert!(html.contains("đã rút lại"));
        assert!(html.contains("Leipziger Verkehrsbetriebe (Demo)"));
        // … and in the export, with timestamps.
        let export = json(
            app.api_get(
                &own_token,
                &format!("/api/v1/recruitment/candidates/{own}/export"),
            )
            .await,
        )
        .await;
        let history = export["consents"]["history"].as_array().unwrap();
        let lvb_events: Vec<bool> = history
            .iter()
            .filter(|e| e["org_id"] == lvb)
            .map(|e| e["granted"].as_bool().unwrap())
            .collect();
        assert_eq!(lvb_events, vec![true, false]);
        assert!(
            history
                .iter()
                .all(|e| e["at"].as_str().unwrap().len() >= 20)
        );
        assert_eq!(export["consents"]["share_with_all_employers"], false);
        assert_eq!(
            export["consents"]["employers"].as_array().unwrap().len(),
            2,
            "the demo's university hospital and St. Georg"
        );
    }
);

on_both!(
    export_contains_all_own_data_for_owner_and_staff_only,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let (own, other) = ids(&app, &staff).await;
        // A staff read first, so the export has an access entry to show.
        let sc = app.login(STAFF).await;
        app.page(&sc, &format!("/recruitment/candidates/{own}"))
            .await;
        // Staff also open the candidate's placement and record a cost whose purpose names her:
        // both belong in her export; the purpose text must not reach the append-only log.
        let before = json(
            app.api_get(
                &staff,
                &format!("/api/v1/recruitment/candidates/{own}/export"),
            )
            .await,
        )
        .await;
        let placement = before["placements"][0]["id"]
            .as_i64()
            .expect("the demo candidate has a placement");
        let page = format!("/placements/{placement}");
        app.page(&sc, &page).await;
        let r = app
            .submit(
                &sc,
                &page,
                &format!("/placements/{placement}/costs"),
                &[
                    ("purpose", "Flug Hanoi für Frau Hương"),
                    ("amount", "612.50"),
                    ("currency", "EUR"),
                    ("borne_by", "agency"),
                ],
            )
            .await;
        assert!(r.status().is_success() || r.status().is_redirection());

        let c = app.login(CANDIDATE).await;
        let r = c.get(app.url("/portal/export")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert!(
            r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("attachment")
        );
        let export: serde_json::Value = r.json().await.unwrap();
        assert_eq!(export["format"], "standort-personal-data");
        assert_eq!(export["candidate"]["id"], own);
        assert_eq!(export["candidate"]["given_names"], GIVEN);
        assert_eq!(export["candidate"]["email"], OWN_EMAIL);
        assert!(!export["qualifications"].as_array().unwrap().is_empty());
        let skills = export["skills"].as_array().unwrap();
        assert!(!skills.is_empty());
        assert!(skills.iter().all(|s| {
            s["uri"]
                .as_str()
                .unwrap()
                .starts_with("http://data.europa.eu/esco/")
        }));
        let docs = export["documents"].as_array().unwrap();
        assert_eq!(docs.len(), 2);
        for d in docs {
            assert_eq!(d["sha256"].as_str().unwrap().len(), 64);
            assert!(d.get("content").is_none(), "metadata only");
        }
        assert_eq!(export["document_requests"].as_array().unwrap().len(), 3);
        assert!(!export["consents"]["history"].as_array().unwrap().is_empty());
        assert!(export["placements"].is_array());
        let audit = export["audit"].as_array().unwrap();
        assert!(
            audit
                .iter()
                .any(|e| e["action"] == "read" && e["actor"] == STAFF),
            "who read the record"
        );
        assert!(audit.iter().any(|e| e["action"] == "login"), "own logins");
        let placement_id = placement.to_string();
        let about_placement = |entity: &str, action: &str| {
            audit.iter().any(|e| {
                e["entity"] == entity
                    && e["entity_id"] == placement_id.as_str()
                    && e["action"] == action
            })
        };
        assert!(
            about_placement("placement", "read"),
            "who opened the placement"
        );
        assert!(
            about_placement("placement_cost", "create"),
            "the cost recorded"
        );
        assert!(
            !serde_json::to_string(audit).unwrap().contains("Hương"),
            "audit entries carry no free text about the person"
        );
        let costs = export["placements"][0]["costs"].as_array().unwrap();
        assert!(
            costs
                .iter()
                .any(|c| c["purpose"] == "Flug Hanoi für Frau Hương"),
            "the cost itself is in the export"
        );

        // Staff produce the same export; the candidate's other records are not in it.
        let staff_export = json(
            app.api_get(
                &staff,
                &format!("/api/v1/recruitment/candidates/{own}/export"),
            )
            .await,
        )
        .await;
        assert_eq!(staff_export["candidate"], export["candidate"]);
        assert_eq!(staff_export["documents"], export["documents"]);
        let r = sc
            .get(app.url(&format!("/recruitment/candidates/{own}/export")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        // Nobody else: 404.
        let own_token = app.token(CANDIDATE).await;
        let employer = app.token(EMPLOYER).await;
        for (token, id) in [(&own_token, other), (&employer, own)] {
            let r = app
                .api_get(
                    token,
                    &format!("/api/v1/recruitment/candidates/{id}/export"),
                )
                .await;
            assert_eq!(r.status(), 404);
        }
    }
);

on_both!(
    erasure_request_reaches_staff_and_erasure_leaves_no_personal_data,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let (own, other) = ids(&app, &staff).await;
        let c = app.login(CANDIDATE).await;
        // Make sure there is an uploaded document and consent history to erase.
        let own_token = app.token(CANDIDATE).await;
        assert_eq!(
            upload(
                &app,
                &own_token,
                own,
                "kind=cv&file_name=CV%20Hương.pdf",
                pdf("cv")
            )
            .await
            .status(),
            201
        );
        // Asking for erasure asks first (issue 11): without the ticked box nothing happens.
        let r = app.submit(&c, "/portal", "/portal/erasure", &[]).await;
        assert_eq!(r.status(), 422);
        let html = app.page(&c, "/portal").await;
        assert!(!html.contains("Bạn đã yêu cầu xóa dữ liệu"));
        assert!(html.contains(r#"<input type="checkbox" name="confirm" value="yes" required>"#));
        let r = app
            .submit(&c, "/portal", "/portal/erasure", &[("confirm", "yes")])
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&c, "/portal").await;
        assert!(html.contains("Bạn đã yêu cầu xóa dữ liệu"));

        // Staff see the request (dashboard card and list).
        let sc = app.login(STAFF).await;
        let dash = app.page(&sc, "/dashboard").await;
        assert!(dash.contains("/recruitment/erasure-requests"));
        let list = app.page(&sc, "/recruitment/erasure-requests").await;
        assert!(list.contains(GIVEN));
        // Counsellors and employers may not erase.
        let counsellor = app.token(COUNSELLOR).await;
        let employer = app.token(EMPLOYER).await;
        for token in [&counsellor, &employer, &own_token] {
            let r = client()
                .delete(app.url(&format!("/api/v1/recruitment/candidates/{own}")))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert!(matches!(r.status().as_u16(), 403 | 404));
        }
        // Without the confirmation box nothing happens.
        let r = app
            .submit(
                &sc,
                &format!("/recruitment/candidates/{own}"),
                &format!("/recruitment/candidates/{own}/erase"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert_eq!(
            app.api_get(&staff, &format!("/api/v1/recruitment/candidates/{own}"))
                .await
                .status(),
            200
        );
        let r = app
            .submit(
                &sc,
                &format!("/recruitment/candidates/{own}"),
                &format!("/recruitment/candidates/{own}/erase"),
                &[("confirm", "yes")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let list = app.page(&sc, "/recruitment/erasure-requests").await;
        assert!(!list.contains(GIVEN));

        // Gone for everyone; the login no longer works.
        assert_eq!(
            app.api_get(&staff, &format!("/api/v1/recruitment/candidates/{own}"))
                .await
                .status(),
            404
        );
        let r = c.get(app.url("/portal")).send().await.unwrap();
        assert_eq!(r.status(), 303, "session ended with the login");
        let r = app.api_get(&own_token, "/api/v1/me").await;
        assert_eq!(r.status(), 401, "tokens ended with the login");
        // Other candidates stay.
        assert_eq!(
            app.api_get(&staff, &format!("/api/v1/recruitment/candidates/{other}"))
                .await
                .status(),
            200
        );

        // No table holds the person's name, e-mail or login any more: scan every table of the
        // archive (all persistent tables, documents as base64).
        let mut dump = Vec::new();
        standort_store::archive::export(&app.db, &mut dump)
            .await
            .unwrap();
        let dump = String::from_utf8(dump).unwrap();
        for needle in [
            GIVEN,
            "nguyen thi huong",
            OWN_EMAIL,
            CANDIDATE,
            "Nguyễn Thị Hương",
            "CV Hương",
            "ho-chieu",
        ] {
            assert!(!dump.contains(needle), "{needle:?} still stored");
        }
        // The audit entry says who erased which record when, with counts only.
        let admin = app.token(crate::helpers::ADMIN).await;
        let log = json(
            app.api_get(
                &admin,
                &format!("/api/v1/audit?action=erase&entity=candidate&entity_id={own}"),
            )
            .await,
        )
        .await;
        let entry = &log["items"][0];
        assert_eq!(entry["actor_label"], STAFF);
        let rows = entry["after"]["rows"].as_array().unwrap();
        assert!(
            rows.iter()
                .any(|r| r["table"] == "candidate_documents" && r["rows"] == 3)
        );
        assert_eq!(entry["after"]["login_deleted"], true);
        assert_eq!(entry["after"]["requests_closed"], 1);
    }
);

on_both!(
    the_portal_finds_an_employer_to_consent_to_by_name,
    |app: TestApp| async move {
        let c = app.login(CANDIDATE).await;
        // Without a search the portal lists only the employers consented to (the demo
        // candidate consented to the university hospital), not every employer of the region.
        let plain = app.page(&c, "/portal").await;
        assert!(plain.contains("Universitätsklinikum Leipzig (Demo)"));
        assert!(!plain.contains("Leipziger Verkehrsbetriebe (Demo)"));
        let found = app.page(&c, "/portal?eq=VERKEHRS").await;
        let lvb = app.org_id("Leipziger Verkehrsbetriebe (Demo)").await;
        assert!(found.contains("Leipziger Verkehrsbetriebe (Demo)"));
        assert!(found.contains(&format!("name=\"org_id\" value=\"{lvb}\"")));
        portal_consent(
            &app,
            &c,
            &[
                ("purpose", "share_employer"),
                ("org_id", &lvb.to_string()),
                ("action", "give"),
            ],
        )
        .await;
        // Consented now, so listed without a search.
        let after = app.page(&c, "/portal").await;
        assert!(after.contains("Leipziger Verkehrsbetriebe (Demo)"));
        // Organisations that are no employers cannot be found or consented to.
        let amt = app
            .org_id("Sprachschule Hanoi–Leipzig (Demo)")
            .await
            .to_string();
        let school = app.page(&c, "/portal?eq=Sprachschule").await;
        assert!(!school.contains(&format!("name=\"org_id\" value=\"{amt}\"")));
        // The search says it found nothing (in the candidate's language, Vietnamese).
        assert!(school.contains("Không tìm thấy nhà tuyển dụng"));
        let r = app
            .submit(
                &c,
                "/portal",
                "/portal/consents",
                &[
                    ("purpose", "share_employer"),
                    ("org_id", &amt),
                    ("action", "give"),
                ],
            )
            .await;
        assert_ne!(r.status(), 303);
    }
);
