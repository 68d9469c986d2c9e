//! A candidate's languages other than German, over the pages and the API, on both backends:
//! added on the edit page, in the portal and with `PUT …/languages`; refused input (unknown
//! level, `de`, a bad date) is a clear error that changes nothing; employers read but never edit;
//! records outside the caller's view are 404; the export carries the languages and the erasure
//! removes them. Also the whole profile from `GET /api/v1/recruitment/candidates/{id}` and
//! `PUT …/skills`.

use crate::helpers::{ADMIN, CANDIDATE, EMPLOYER, STAFF, TestApp, client};
use crate::on_both;

/// The demo candidate linked to the candidate login (shown to all employers).
const OWN: &str = "Thị Hương";
/// A demo candidate who did not consent to be shown to employers.
const HIDDEN: &str = "Minh Tuấn";

async fn get_json(app: &TestApp, token: &str, path: &str) -> serde_json::Value {
    let r = app.api_get(token, path).await;
    assert_eq!(r.status(), 200, "GET {path}");
    r.json().await.unwrap()
}

async fn put(app: &TestApp, token: &str, path: &str, body: serde_json::Value) -> reqwest::Response {
    client()
        .put(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// A candidate's id by given names, via the staff API.
async fn candidate_id(app: &TestApp, staff: &str, given: &str) -> i64 {
    let list = get_json(app, staff, "/api/v1/recruitment/candidates?limit=200").await;
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["given_names"] == given)
        .unwrap_or_else(|| panic!("demo candidate {given}"))["id"]
        .as_i64()
        .unwrap()
}

fn profile_path(id: i64) -> String {
    format!("/api/v1/recruitment/candidates/{id}")
}

/// (code, level) of a profile's languages, in order.
fn codes(profile: &serde_json::Value) -> Vec<(String, String)> {
    profile["languages"]
        .as_array()
        .expect("languages in the profile")
        .iter()
        .map(|l| {
            (
                l["language"].as_str().unwrap().to_owned(),
                l["level"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

async fn problem_field(r: reqwest::Response) -> String {
    assert_eq!(r.status(), 422);
    let p: serde_json::Value = r.json().await.unwrap();
    p["field"].as_str().unwrap_or_default().to_owned()
}

on_both!(
    staff_add_and_remove_languages_on_the_edit_page,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let id = candidate_id(&app, &staff, HIDDEN).await;
        let c = app.login(STAFF).await;
        let page = format!("/recruitment/candidates/{id}");
        let edit = format!("{page}/edit");
        let action = format!("{page}/languages");
        // The demo: Vietnamese as mother tongue, shown in the page's language.
        let html = app.page(&c, &page).await;
        assert!(html.contains("Vietnamesisch"));
        assert!(html.contains("Muttersprache"));
        let html = app.page(&c, &edit).await;
        assert!(html.contains(&format!("action=\"{action}\"")));
        assert!(html.contains("<label for=\"l-level\">"));
        assert!(html.contains("<option value=\"native\">Muttersprache</option>"));
        assert!(html.contains("<option value=\"ja\">Japanisch</option>"));
        assert!(
            !html.contains("<option value=\"de\">"),
            "German is not offered"
        );
        let before = get_json(&app, &staff, &profile_path(id)).await;
        let start = codes(&before);

        let r = app
            .submit(
                &c,
                &edit,
                &action,
                &[
                    ("language", "ja"),
                    ("level", "A2"),
                    ("certificate", "JLPT N4"),
                    ("exam_date", "2026-07-05"),
                    ("next_expected", "2027-01-15"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let after = get_json(&app, &staff, &profile_path(id)).await;
        let ja = after["languages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["language"] == "ja")
            .expect("Japanese added")
            .clone();
        assert_eq!(ja["level"], "A2");
        assert_eq!(ja["certificate"], "JLPT N4");
        assert_eq!(ja["exam_date"], "2026-07-05");
        assert_eq!(ja["next_expected"], "2027-01-15");
        assert_eq!(codes(&after).len(), start.len() + 1, "appended");
        let html = app.page(&c, &page).await;
        assert!(html.contains("Japanisch") && html.contains("JLPT N4"));

        // Refused with a clear error; nothing changes.
        for (fields, message) in [
            (
                vec![("language", "en"), ("level", "B3")],
                "Bitte ein Niveau von A1 bis C2",
            ),
            (vec![("language", "de"), ("level", "B1")], "Deutsch (GER)"),
            (
                vec![
                    ("language", "en"),
                    ("level", "B1"),
                    ("exam_date", "5.7.2026"),
                ],
                "JJJJ-MM-TT",
            ),
            (
                vec![("language", "xx"), ("level", "B1")],
                "Unbekannte Sprache",
            ),
        ] {
            let r = app.submit(&c, &edit, &action, &fields).await;
            assert_eq!(r.status(), 422, "{fields:?}");
            let body = r.text().await.unwrap();
            assert!(
                body.contains(message),
                "{fields:?}: {message:?} in the error page"
            );
            assert_eq!(get_json(&app, &staff, &profile_path(id)).await, after);
        }

        // Removed again by its row.
        let r = app
            .submit(&c, &edit, &format!("{action}/{}/remove", ja["id"]), &[])
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            codes(&get_json(&app, &staff, &profile_path(id)).await),
            start
        );
        let r = app
            .submit(&c, &edit, &format!("{action}/{}/remove", ja["id"]), &[])
            .await;
        assert_eq!(r.status(), 404, "a row that is gone");

        // The audit names row ids and field names, never the values.
        let admin = app.token(ADMIN).await;
        let log = get_json(
            &app,
            &admin,
            &format!("/api/v1/audit?action=update&entity=candidate_languages&entity_id={id}"),
        )
        .await;
        assert_eq!(log["total"], 2, "added, then removed");
        let text = log.to_string();
        assert!(text.contains(&format!("\"added\":[{}]", ja["id"])));
        assert!(text.contains(&format!("\"removed\":[{}]", ja["id"])));
        for value in ["JLPT", "\"ja\"", "A2", "2026-07-05"] {
            assert!(!text.contains(value), "{value} in the audit log");
        }

        // Employers see no edit page.
        let ec = app.login(EMPLOYER).await;
        let r = ec.get(app.url(&edit)).send().await.unwrap();
        assert!(matches!(r.status().as_u16(), 403 | 404));
    }
);

on_both!(
    api_returns_the_whole_profile_and_sets_languages_and_skills,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let id = candidate_id(&app, &staff, HIDDEN).await;
        let doc = get_json(&app, &staff, "/api/v1/openapi.json").await;
        for path in [
            "/api/v1/recruitment/candidates/{id}/languages",
            "/api/v1/recruitment/candidates/{id}/skills",
        ] {
            assert!(doc["paths"][path]["put"].is_object(), "{path}");
        }
        let schema = doc["components"]["schemas"]["CandidateProfileDto"].to_string();
        for field in ["languages", "qualifications", "worked", "wished", "skills"] {
            assert!(schema.contains(field), "{field} in the profile schema");
        }

        // The whole profile.
        let before = get_json(&app, &staff, &profile_path(id)).await;
        assert_eq!(before["languages"][0]["language"], "vi");
        assert_eq!(before["languages"][0]["level"], "native");
        assert_eq!(before["qualifications"].as_array().unwrap().len(), 1);
        assert_eq!(before["worked"].as_array().unwrap().len(), 1);
        assert!(
            before["worked"][0]["uri"]
                .as_str()
                .unwrap()
                .contains("esco")
        );
        assert!(before["wished"].as_array().unwrap().is_empty());
        assert!(!before["skills"].as_array().unwrap().is_empty());
        assert!(before["german_level"].is_string() || before["german_level"].is_null());
        let vi_id = before["languages"][0]["id"].clone();

        // Set in order; a language kept keeps its row.
        let path = format!("{}/languages", profile_path(id));
        let r = put(
            &app,
            &staff,
            &path,
            serde_json::json!({"languages": [
                {"language": "vi", "level": "native"},
                {"language": "EN", "level": "b2", "certificate": "IELTS", "exam_date": "2025-11-08"},
                {"language": "ko", "level": "A1", "next_expected": "2027-03-01"},
            ]}),
        )
        .await;
        assert_eq!(r.status(), 200);
        let list: serde_json::Value = r.json().await.unwrap();
        assert_eq!(list[0]["id"], vi_id);
        assert_eq!(list[1]["level"], "B2");
        assert_eq!(list[1]["certificate"], "IELTS");
        assert_eq!(list[2]["next_expected"], "2027-03-01");
        let after = get_json(&app, &staff, &profile_path(id)).await;
        assert_eq!(
            codes(&after),
            pairs(&[("vi", "native"), ("en", "B2"), ("ko", "A1")])
        );

        // Refused as a whole, naming the field; nothing changed.
        for (body, field) in [
            (
                serde_json::json!({"languages": [{"language": "en", "level": "B2"}, {"language": "de", "level": "B1"}]}),
                "language",
            ),
            (
                serde_json::json!({"languages": [{"language": "en", "level": "B7"}]}),
                "level",
            ),
            (
                serde_json::json!({"languages": [{"language": "en", "level": "B1", "exam_date": "2025-13-01"}]}),
                "exam_date",
            ),
            (
                serde_json::json!({"languages": [{"language": "vi", "level": "native", "next_expected": "2027-01-01"}]}),
                "next_expected",
            ),
            (
                serde_json::json!({"languages": [{"language": "en", "level": "B1"}, {"language": "en", "level": "B2"}]}),
                "language",
            ),
            (
                serde_json::json!({"languages": [{"language": "klingon", "level": "B1"}]}),
                "language",
            ),
        ] {
            let r = put(&app, &staff, &path, body.clone()).await;
            assert_eq!(problem_field(r).await, field, "{body}");
            assert_eq!(get_json(&app, &staff, &profile_path(id)).await, after);
        }
        let r = put(
            &app,
            &staff,
            &path,
            serde_json::json!({"languages": [{"language": "de", "level": "B1"}]}),
        )
        .await;
        let p: serde_json::Value = r.json().await.unwrap();
        assert!(
            p["detail"].as_str().unwrap().contains("German (CEFR)"),
            "{p}"
        );

        // Skills with evidence, replaced as a whole.
        let skill = before["skills"][0]["id"].as_i64().unwrap();
        let spath = format!("{}/skills", profile_path(id));
        for (body, field) in [
            (
                serde_json::json!({"skills": [{"id": skill, "evidence": "rumour"}]}),
                "evidence",
            ),
            (
                serde_json::json!({"skills": [{"id": skill, "evidence": "certified"}, {"id": 99999999, "evidence": "observed"}]}),
                "skill",
            ),
        ] {
            let r = put(&app, &staff, &spath, body).await;
            assert_eq!(problem_field(r).await, field);
            assert_eq!(get_json(&app, &staff, &profile_path(id)).await, after);
        }
        let r = put(
            &app,
            &staff,
            &spath,
            serde_json::json!({"skills": [{"id": skill, "evidence": "certified"}]}),
        )
        .await;
        assert_eq!(r.status(), 200);
        let skills: serde_json::Value = r.json().await.unwrap();
        assert_eq!(skills.as_array().unwrap().len(), 1);
        assert_eq!(skills[0]["evidence"], "certified");
        let now = get_json(&app, &staff, &profile_path(id)).await;
        assert_eq!(now["skills"], skills);

        // Employers: a shared candidate is read (with languages, without contact details) but
        // not edited; a candidate who did not consent is not found.
        let employer = app.token(EMPLOYER).await;
        let own = candidate_id(&app, &staff, OWN).await;
        let shared = get_json(&app, &employer, &profile_path(own)).await;
        assert!(shared["email"].is_null());
        assert!(codes(&shared).contains(&("vi".to_owned(), "native".to_owned())));
        let own_before = get_json(&app, &staff, &profile_path(own)).await;
        let body = serde_json::json!({"languages": [{"language": "fr", "level": "A1"}]});
        let r = put(
            &app,
            &employer,
            &format!("{}/languages", profile_path(own)),
            body.clone(),
        )
        .await;
        assert_eq!(r.status(), 403);
        let r = put(
            &app,
            &employer,
            &format!("{}/skills", profile_path(own)),
            serde_json::json!({"skills": []}),
        )
        .await;
        assert_eq!(r.status(), 403);
        assert_eq!(get_json(&app, &staff, &profile_path(own)).await, own_before);
        assert_eq!(
            app.api_get(&employer, &profile_path(id)).await.status(),
            404
        );
        let r = put(&app, &employer, &path, body.clone()).await;
        assert_eq!(r.status(), 404);

        // The candidate sets their own languages, and nobody else's.
        let own_token = app.token(CANDIDATE).await;
        let r = put(
            &app,
            &own_token,
            &format!("{}/languages", profile_path(own)),
            body.clone(),
        )
        .await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            codes(&get_json(&app, &staff, &profile_path(own)).await),
            pairs(&[("fr", "A1")])
        );
        let r = put(&app, &own_token, &path, body).await;
        assert_eq!(r.status(), 404);
        assert_eq!(get_json(&app, &staff, &profile_path(id)).await, now);
    }
);

on_both!(
    candidate_adds_languages_in_the_portal_and_export_and_erasure_follow,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let own = candidate_id(&app, &staff, OWN).await;
        let c = app.login(CANDIDATE).await;
        // The portal lists them in the candidate's language (Vietnamese) with the forms.
        let html = app.page(&c, "/portal").await;
        assert!(html.contains("Tiếng Việt") && html.contains("Tiếng mẹ đẻ"));
        assert!(html.contains("action=\"/portal/languages\""));
        let r = app
            .submit(
                &c,
                "/portal",
                "/portal/languages",
                &[
                    ("language", "ja"),
                    ("level", "A1"),
                    ("certificate", "JLPT N5"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&c, "/portal?done=language-saved-ok").await;
        assert!(html.contains("Tiếng Nhật") && html.contains("JLPT N5"));
        assert!(html.contains("Đã lưu các ngôn ngữ."));
        // German goes into the German fields, not here.
        let before = get_json(&app, &staff, &profile_path(own)).await;
        let r = app
            .submit(
                &c,
                "/portal",
                "/portal/languages",
                &[("language", "de"), ("level", "C1")],
            )
            .await;
        assert_eq!(r.status(), 422);
        assert_eq!(get_json(&app, &staff, &profile_path(own)).await, before);
        let ja = before["languages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["language"] == "ja")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        // A row of another candidate is not theirs to remove.
        let other = candidate_id(&app, &staff, HIDDEN).await;
        let other_row = get_json(&app, &staff, &profile_path(other)).await["languages"][0]["id"]
            .as_i64()
            .unwrap();
        let r = app
            .submit(
                &c,
                "/portal",
                &format!("/portal/languages/{other_row}/remove"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 404);
        assert_eq!(
            get_json(&app, &staff, &profile_path(other)).await["languages"][0]["id"],
            other_row
        );

        // The export carries them.
        let r = c.get(app.url("/portal/export")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let export: serde_json::Value = r.json().await.unwrap();
        let langs = export["languages"].as_array().unwrap();
        assert!(
            langs.iter().any(|l| l["language"] == "ja"
                && l["level"] == "A1"
                && l["certificate"] == "JLPT N5")
        );
        assert!(
            langs
                .iter()
                .any(|l| l["language"] == "vi" && l["level"] == "native")
        );
        assert_eq!(export["candidate"]["german_level"], before["german_level"]);

        // Removed in the portal, then the whole record erased by staff: no row is left.
        let r = app
            .submit(
                &c,
                "/portal",
                &format!("/portal/languages/{ja}/remove"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert!(
            !get_json(&app, &staff, &profile_path(own)).await["languages"]
                .to_string()
                .contains("\"ja\"")
        );
        let r = client()
            .delete(app.url(&profile_path(own)))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let erased: serde_json::Value = r.json().await.unwrap();
        assert!(
            erased["tables"]
                .to_string()
                .contains("\"candidate_languages\""),
            "{erased}"
        );
        let mut dump = Vec::new();
        standort_store::archive::export(&app.db, &mut dump)
            .await
            .unwrap();
        let rows: Vec<serde_json::Value> = String::from_utf8(dump)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .filter(|v: &serde_json::Value| v["t"] == "candidate_languages")
            .collect();
        assert!(!rows.is_empty(), "other candidates keep theirs");
        assert!(
            rows.iter().all(|r| r["r"][1] != own),
            "none of the erased person's"
        );
    }
);
