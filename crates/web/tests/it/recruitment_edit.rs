//! Editing positions and candidate profiles through the pages: scope (404 outside it), clear
//! errors that change nothing, matches that follow the edited skill list, and the audit log.

use crate::helpers::{ADMIN, EMPLOYER, STAFF, TestApp, client};
use crate::on_both;

const COUNSELLOR: &str = "counsellor@demo.standort.example";

async fn search_id(app: &TestApp, token: &str, kind: &str, q: &str) -> i64 {
    let hits = app
        .api_json(token, &format!("/api/v1/esco/search?kind={kind}&q={q}"))
        .await;
    hits[0]["id"].as_i64().expect("a hit")
}

/// (candidate id, score) of a position's matches, as agency staff see them.
async fn scores(app: &TestApp, token: &str, pid: i64) -> Vec<(i64, u64)> {
    let m = app
        .api_json(
            token,
            &format!("/api/v1/recruitment/positions/{pid}/matches"),
        )
        .await;
    let mut v: Vec<(i64, u64)> = m
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_i64().unwrap(), m["score_pct"].as_u64().unwrap()))
        .collect();
    v.sort();
    v
}

async fn post(
    app: &TestApp,
    c: &reqwest::Client,
    edit: &str,
    fields: Vec<(&'static str, String)>,
) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.submit(c, edit, edit, &pairs).await
}

fn total(v: &[(i64, u64)]) -> u64 {
    v.iter().map(|(_, s)| s).sum()
}

/// The employer's first position and a position of another employer.
async fn own_and_foreign(app: &TestApp, staff: &str, employer: &str) -> (i64, i64) {
    let own = app
        .api_json(employer, "/api/v1/recruitment/positions")
        .await;
    let own_id = own["items"][0]["id"].as_i64().unwrap();
    let own_org = own["items"][0]["org_id"].clone();
    let all = app
        .api_json(staff, "/api/v1/recruitment/positions?limit=200")
        .await;
    let foreign = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["org_id"] != own_org)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    (own_id, foreign)
}

on_both!(
    employer_edits_skills_and_the_matches_follow,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let employer = app.token(EMPLOYER).await;
        let (pid, _) = own_and_foreign(&app, &staff, &employer).await;
        let c = app.login(EMPLOYER).await;
        let page = app.page(&c, &format!("/recruitment/positions/{pid}")).await;
        assert!(page.contains(&format!("/recruitment/positions/{pid}/edit")));
        let before = scores(&app, &staff, pid).await;
        assert!(!before.is_empty(), "the demo position has candidates");
        // A nursing skill no bus driver holds, found by the ESCO search on the edit page.
        let edit = format!("/recruitment/positions/{pid}/edit");
        // Found by its English label; shown by the demo's German local label (issue 11).
        let html = app.page(&c, &format!("{edit}?sq=hospital+hygiene")).await;
        assert!(html.contains("Hygiene im Gesundheitswesen"));
        let skill = search_id(&app, &employer, "skill", "hospital%20hygiene").await;
        let r = app
            .submit(
                &c,
                &edit,
                &format!("/recruitment/positions/{pid}/skills"),
                &[("skill_id", &skill.to_string()), ("relation", "essential")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let essential = scores(&app, &staff, pid).await;
        assert!(
            total(&essential) < total(&before),
            "an unmet essential skill lowers the scores: {before:?} → {essential:?}"
        );
        let html = app.page(&c, &edit).await;
        assert!(html.contains("Hygiene im Gesundheitswesen"));
        let shown = app.page(&c, &format!("/recruitment/positions/{pid}")).await;
        assert!(shown.contains("Hygiene im Gesundheitswesen"));
        // Essential → optional.
        let r = app
            .submit(
                &c,
                &edit,
                &format!("/recruitment/positions/{pid}/skills/{skill}/relation"),
                &[("relation", "optional")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let optional = scores(&app, &staff, pid).await;
        // The switch is seen by the matching (how much it weighs depends on how many
        // essential and optional skills the position has).
        assert_ne!(optional, essential, "the switch changes the scores");
        assert!(total(&optional) < total(&before));
        let view = app
            .api_json(&employer, &format!("/api/v1/recruitment/positions/{pid}"))
            .await;
        assert!(
            view["optional"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["id"] == skill)
        );
        // Removed: back to where it was.
        let r = app
            .submit(
                &c,
                &edit,
                &format!("/recruitment/positions/{pid}/skills/{skill}/remove"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(scores(&app, &staff, pid).await, before);
        // Facts: more places, then closed — a closed position finds nobody.
        let view = app
            .api_json(&employer, &format!("/api/v1/recruitment/positions/{pid}"))
            .await;
        let fields = |places: &'static str, open: &'static str| {
            vec![
                ("title", view["title"].as_str().unwrap().to_owned()),
                ("kind", view["kind"].as_str().unwrap().to_owned()),
                (
                    "occupation_id",
                    view["occupation_id"].as_i64().unwrap().to_string(),
                ),
                ("german_level", "B2".to_owned()),
                ("recognition_required", "no".to_owned()),
                ("licences", "D, DE".to_owned()),
                ("place", view["place"].as_str().unwrap().to_owned()),
                ("places", places.to_owned()),
                (
                    "start_date",
                    view["start_date"].as_str().unwrap().to_owned(),
                ),
                ("is_open", open.to_owned()),
            ]
        };
        let r = post(&app, &c, &edit, fields("7", "open")).await;
        assert_eq!(r.status(), 303);
        let after = app
            .api_json(&staff, &format!("/api/v1/recruitment/positions/{pid}"))
            .await;
        assert_eq!(after["places"], 7);
        assert_eq!(after["german_level"], "B2");
        assert_eq!(after["org_id"], view["org_id"], "stays with its employer");
        assert_eq!(after["licences"], serde_json::json!(["D", "DE"]));
        let r = post(&app, &c, &edit, fields("7", "closed")).await;
        assert_eq!(r.status(), 303);
        let after = app
            .api_json(&staff, &format!("/api/v1/recruitment/positions/{pid}"))
            .await;
        assert_eq!(after["is_open"], false);
        // Invalid input: a clear error, nothing changed.
        for places in ["0", "abc", ""] {
            let r = post(&app, &c, &edit, fields(places, "open")).await;
            assert_eq!(r.status(), 422, "places {places:?}");
            let body = r.text().await.unwrap();
            assert!(
                body.contains("Anzahl Plätze") || body.contains("places"),
                "{body}"
            );
        }
        let r = app
            .submit(
                &c,
                &edit,
                &format!("/recruitment/positions/{pid}/skills"),
                &[("skill_id", "99999999"), ("relation", "essential")],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("Unbekannte Kompetenz"));
        let r = app
            .submit(
                &c,
                &edit,
                &format!("/recruitment/positions/{pid}/skills/{skill}/relation"),
                &[("relation", "nice-to-have")],
            )
            .await;
        assert_eq!(r.status(), 422);
        let unchanged = app
            .api_json(&staff, &format!("/api/v1/recruitment/positions/{pid}"))
            .await;
        assert_eq!(unchanged, after);
        // Every change is in the audit log.
        let admin = app.token(ADMIN).await;
        let log = app
            .api_json(
                &admin,
                &format!("/api/v1/audit?action=update&entity=position_skills&entity_id={pid}"),
            )
            .await;
        assert_eq!(log["total"], 3, "add, switch, remove");
        let log = app
            .api_json(
                &admin,
                &format!("/api/v1/audit?action=update&entity=position&entity_id={pid}"),
            )
            .await;
        assert_eq!(log["total"], 2);
        assert_eq!(log["items"][0]["after"]["is_open"], false);
    }
);

on_both!(
    employer_cannot_edit_another_employers_position,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let employer = app.token(EMPLOYER).await;
        let (own, foreign) = own_and_foreign(&app, &staff, &employer).await;
        let before = app
            .api_json(&staff, &format!("/api/v1/recruitment/positions/{foreign}"))
            .await;
        let c = app.login(EMPLOYER).await;
        let r = c
            .get(app.url(&format!("/recruitment/positions/{foreign}/edit")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let skill = before["essential"][0]["id"].as_i64().unwrap();
        let own_edit = format!("/recruitment/positions/{own}/edit");
        for (action, fields) in [
            (
                format!("/recruitment/positions/{foreign}/edit"),
                vec![
                    ("title", "Übernommen"),
                    ("place", "Leipzig"),
                    ("places", "3"),
                    ("start_date", "2027-01-01"),
                ],
            ),
            (
                format!("/recruitment/positions/{foreign}/skills/{skill}/remove"),
                vec![],
            ),
            (
                format!("/recruitment/positions/{foreign}/skills/{skill}/relation"),
                vec![("relation", "optional")],
            ),
            (
                format!("/recruitment/positions/{foreign}/skills/reset"),
                vec![],
            ),
        ] {
            let r = app.submit(&c, &own_edit, &action, &fields).await;
            assert_eq!(r.status(), 404, "POST {action}");
        }
        let after = app
            .api_json(&staff, &format!("/api/v1/recruitment/positions/{foreign}"))
            .await;
        assert_eq!(before, after, "nothing changed");
        // A counsellor may read positions but not edit them.
        let c = app.login(COUNSELLOR).await;
        let r = c
            .get(app.url(&format!("/recruitment/positions/{own}/edit")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let page = app.page(&c, &format!("/recruitment/positions/{own}")).await;
        assert!(!page.contains(&format!("/recruitment/positions/{own}/edit")));
    }
);

on_both!(
    counsellor_edits_a_profile_qualification_and_wishes,
    |app: TestApp| async move {
        let token = app.token(COUNSELLOR).await;
        let list = app
            .api_json(&token, "/api/v1/recruitment/candidates?limit=200")
            .await;
        let cand = list["items"][0].clone();
        let id = cand["id"].as_i64().unwrap();
        let c = app.login(COUNSELLOR).await;
        let profile = format!("/recruitment/candidates/{id}");
        let edit = format!("{profile}/edit");
        assert!(app.page(&c, &profile).await.contains(&edit));
        // Profile fields; consents stay as they are.
        let r = app
            .submit(
                &c,
                &edit,
                &edit,
                &[
                    ("family_name", cand["family_name"].as_str().unwrap()),
                    ("given_names", cand["given_names"].as_str().unwrap()),
                    ("country", "VN"),
                    ("province", "Huế"),
                    ("email", "neu@example.org"),
                    ("german_level", "B1"),
                    ("german_certificate", "telc"),
                    ("german_exam_date", "2026-05-02"),
                    ("german_next_expected", "2026-11-30"),
                    ("licences", "B"),
                    ("wished_regions", "Leipzig, Dresden"),
                    ("available_from", "2027-01-15"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let after = app
            .api_json(&token, &format!("/api/v1/recruitment/candidates/{id}"))
            .await;
        assert_eq!(after["province"], "Huế");
        assert_eq!(after["german_certificate"], "telc");
        assert_eq!(
            after["consent_share_employers"],
            cand["consent_share_employers"]
        );
        assert_eq!(after["consent_talent_pool"], cand["consent_talent_pool"]);
        let html = app.page(&c, &profile).await;
        assert!(
            html.contains("30.11.2026"),
            "expected date of the next level"
        );
        // An invalid date changes nothing.
        let r = app
            .submit(
                &c,
                &edit,
                &edit,
                &[
                    ("family_name", "X"),
                    ("given_names", "Y"),
                    ("german_exam_date", "2. Mai"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let same = app
            .api_json(&token, &format!("/api/v1/recruitment/candidates/{id}"))
            .await;
        assert_eq!(same, after);
        // A qualification with its recognition state and ESCO occupation.
        let nurse = search_id(&app, &token, "occupation", "nurse").await;
        let html = app.page(&c, &format!("{edit}?qq=nurse")).await;
        assert!(html.contains(&format!("value=\"{nurse}\"")));
        let r = app
            .submit(
                &c,
                &edit,
                &format!("{profile}/qualifications"),
                &[
                    ("title", "Cử nhân Điều dưỡng"),
                    ("country", "VN"),
                    ("occupation_id", &nurse.to_string()),
                    ("recognition", "in_progress"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&c, &profile).await;
        assert!(html.contains("Cử nhân Điều dưỡng"));
        assert!(html.contains("im Verfahren"));
        let r = app
            .submit(
                &c,
                &edit,
                &format!("{profile}/qualifications"),
                &[("title", "Kỹ sư"), ("recognition", "maybe")],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert!(!app.page(&c, &profile).await.contains("Kỹ sư"));
        // A wished occupation found by the search, then a worked one removed again.
        let html = app.page(&c, &format!("{edit}?wished_q=nurse")).await;
        assert!(html.contains(&format!("{profile}/occupations/wished")));
        let r = app
            .submit(
                &c,
                &edit,
                &format!("{profile}/occupations/wished"),
                &[("occupation_id", &nurse.to_string())],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&c, &edit).await;
        assert!(html.contains(&format!("{profile}/occupations/wished/{nurse}/remove")));
        // Audit: the profile update, the qualification and the occupation change.
        let admin = app.token(ADMIN).await;
        for (action, entity, eid) in [
            ("update", "candidate", id.to_string()),
            ("update", "candidate_occupations", id.to_string()),
        ] {
            let log = app
                .api_json(
                    &admin,
                    &format!("/api/v1/audit?action={action}&entity={entity}&entity_id={eid}"),
                )
                .await;
            assert_eq!(log["total"], 1, "{action} {entity}");
            assert_eq!(log["items"][0]["actor_label"], COUNSELLOR);
        }
        let log = app
            .api_json(
                &admin,
                "/api/v1/audit?action=create&entity=candidate_qualification",
            )
            .await;
        assert!(log.to_string().contains("in_progress"));
        // Employers do not edit profiles.
        let c = app.login(EMPLOYER).await;
        let r = c.get(app.url(&edit)).send().await.unwrap();
        assert!(matches!(r.status().as_u16(), 403 | 404));
    }
);

on_both!(
    api_edits_positions_and_profiles,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let employer = app.token(EMPLOYER).await;
        let (pid, foreign) = own_and_foreign(&app, &staff, &employer).await;
        let doc = app.api_json(&staff, "/api/v1/openapi.json").await;
        assert!(doc["paths"]["/api/v1/recruitment/positions/{id}/skills"]["put"].is_object());
        let send =
            |method: reqwest::Method, path: String, token: String, body: serde_json::Value| {
                let url = app.url(&path);
                async move {
                    client()
                        .request(method, url)
                        .bearer_auth(token)
                        .json(&body)
                        .send()
                        .await
                        .unwrap()
                }
            };
        let before = app
            .api_json(&staff, &format!("/api/v1/recruitment/positions/{pid}"))
            .await;
        let skill = before["essential"][0]["id"].as_i64().unwrap();
        // Unknown skill: 422, nothing changed.
        let r = send(
        reqwest::Method::PUT,
        format!("/api/v1/recruitment/positions/{pid}/skills"),
        employer.clone(),
        serde_json::json!({"skills": [{"id": skill, "relation": "optional"}, {"id": 99999999, "relation": "essential"}]}),
    )
    .await;
        assert_eq!(r.status(), 422);
        assert_eq!(
            app.api_json(&staff, &format!("/api/v1/recruitment/positions/{pid}"))
                .await,
            before
        );
        let r = send(
            reqwest::Method::PUT,
            format!("/api/v1/recruitment/positions/{pid}/skills"),
            employer.clone(),
            serde_json::json!({"skills": [{"id": skill, "relation": "optional"}]}),
        )
        .await;
        assert_eq!(r.status(), 200);
        let after: serde_json::Value = r.json().await.unwrap();
        assert_eq!(after["optional"][0]["id"], skill);
        assert!(after.get("essential").is_none());
        // Another employer's position: 404.
        let r = send(
            reqwest::Method::PUT,
            format!("/api/v1/recruitment/positions/{foreign}"),
            employer.clone(),
            serde_json::json!({"title": "X", "place": "Y", "start_date": "2027-01-01"}),
        )
        .await;
        assert_eq!(r.status(), 404);
        // Staff close the position without moving it to the agency.
        let r = send(
            reqwest::Method::PUT,
            format!("/api/v1/recruitment/positions/{pid}"),
            staff.clone(),
            serde_json::json!({"title": before["title"], "place": before["place"],
            "start_date": before["start_date"], "places": 2, "is_open": false}),
        )
        .await;
        assert_eq!(r.status(), 200);
        let p: serde_json::Value = r.json().await.unwrap();
        assert_eq!(p["is_open"], false);
        assert_eq!(p["org_id"], before["org_id"]);
        // A qualification added and removed; a wished occupation set.
        let list = app
            .api_json(&staff, "/api/v1/recruitment/candidates?limit=1")
            .await;
        let cid = list["items"][0]["id"].as_i64().unwrap();
        let r = send(
            reqwest::Method::POST,
            format!("/api/v1/recruitment/candidates/{cid}/qualifications"),
            staff.clone(),
            serde_json::json!({"title": "Bằng lái xe buýt", "recognition": "recognised"}),
        )
        .await;
        assert_eq!(r.status(), 201);
        let qid = r.json::<serde_json::Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap();
        let r = send(
            reqwest::Method::DELETE,
            format!("/api/v1/recruitment/candidates/{cid}/qualifications/{qid}"),
            staff.clone(),
            serde_json::Value::Null,
        )
        .await;
        assert_eq!(r.status(), 204);
        let r = send(
            reqwest::Method::DELETE,
            format!("/api/v1/recruitment/candidates/{cid}/qualifications/{qid}"),
            staff.clone(),
            serde_json::Value::Null,
        )
        .await;
        assert_eq!(r.status(), 404);
        let r = send(
            reqwest::Method::PUT,
            format!("/api/v1/recruitment/candidates/{cid}/occupations/dreamed"),
            staff.clone(),
            serde_json::json!({"occupations": []}),
        )
        .await;
        assert_eq!(r.status(), 404, "no such list");
        let bus = search_id(&app, &staff, "occupation", "bus%20driver").await;
        let r = send(
            reqwest::Method::PUT,
            format!("/api/v1/recruitment/candidates/{cid}/occupations/wished"),
            staff.clone(),
            serde_json::json!({"occupations": [bus]}),
        )
        .await;
        assert_eq!(r.status(), 204);
        let r = send(
            reqwest::Method::PUT,
            format!("/api/v1/recruitment/candidates/{cid}"),
            employer.clone(),
            serde_json::json!({"family_name": "X", "given_names": "Y"}),
        )
        .await;
        assert!(matches!(r.status().as_u16(), 403 | 404));
    }
);
