//! Issue 11, dead ends 2 and 4: staff read a candidate's page in their own words with the
//! erasure out of the way at the end; the candidate's next steps are listed once each with
//! their level, and the candidate's start page fits a candidate with a placement.

use crate::helpers::{CANDIDATE, STAFF, TestApp};
use crate::on_both;

/// The texts of the `<li>` items of each `<ul>` in `html`.
fn lists(html: &str) -> Vec<Vec<String>> {
    html.split("<ul>")
        .skip(1)
        .map(|part| {
            let inner = part.split("</ul>").next().unwrap_or("");
            inner
                .split("<li>")
                .skip(1)
                .map(|li| li.split("</li>").next().unwrap_or("").trim().to_owned())
                .collect()
        })
        .collect()
}

on_both!(
    staff_read_a_candidate_in_their_own_words,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let list = app
            .api_json(&token, "/api/v1/recruitment/candidates?limit=200")
            .await;
        let c = app.login(STAFF).await;
        let mut seen = 0;
        for item in list["items"].as_array().unwrap().iter().take(5) {
            let id = item["id"].as_i64().unwrap();
            let html = app.page(&c, &format!("/recruitment/candidates/{id}")).await;
            for voice in [
                "Wir haben bisher keine Unterlagen bei Ihnen angefordert",
                "Meine Einwilligungen",
                "Verlauf meiner Einwilligungen",
                "Ihre Unterlagen",
                "Sie entscheiden, wer Ihr Profil sehen darf",
            ] {
                assert!(!html.contains(voice), "candidate {id}: {voice}");
            }
            assert!(html.contains("Einwilligungen der Person"), "candidate {id}");
            if let Some(erase) =
                html.find(&format!(r#"action="/recruitment/candidates/{id}/erase""#))
            {
                seen += 1;
                let zone = html
                    .find(r#"<section aria-labelledby="danger-zone" class="danger-zone">"#)
                    .expect("the erasure sits in a marked danger section");
                assert!(zone < erase);
                if let Some(matches) = html.find("Passende offene Stellen") {
                    assert!(matches < zone, "the danger section comes after the matches");
                }
            }
        }
        assert!(seen > 0, "staff may erase");
    }
);

on_both!(
    a_candidate_sees_each_next_step_once_with_its_level,
    |app: TestApp| async move {
        let c = app.login(CANDIDATE).await;
        let portal = app.page(&c, "/portal").await;
        let start = portal.find(r#"id="tracks""#).unwrap();
        let end = portal[start..].find("</section>").unwrap() + start;
        let tracks = &portal[start..end];
        assert!(
            tracks.contains(r#"id="placement-1""#),
            "the demo candidate has a placement"
        );
        let mut steps = 0;
        for l in lists(tracks) {
            let mut seen = std::collections::HashSet::new();
            for li in &l {
                assert!(seen.insert(li.clone()), "{li} is listed twice: {l:?}");
                assert!(!li.contains('✗'), "a next step has no outcome yet: {li}");
                steps += 1;
            }
        }
        assert!(steps > 0);
        // The language steps name their level.
        let bare = lists(tracks)
            .into_iter()
            .flatten()
            .filter(|li| li.contains("language") || li.contains("Sprach") || li.contains("tiếng"))
            .filter(|li| !li.contains('('))
            .count();
        assert_eq!(bare, 0, "every language step names its level");

        let dash = app.page(&c, "/dashboard").await;
        for text in ["API-Zugang", "API access", "Truy cập API"] {
            assert!(!dash.contains(text), "no API card for a candidate: {text}");
        }
        for soon in [
            "Hier sehen Sie bald Ihre nächsten Schritte",
            "Your next steps will appear here soon",
            "Các bước tiếp theo của bạn sẽ sớm hiện ở đây",
        ] {
            assert!(!dash.contains(soon), "a placement exists: {soon}");
        }
        assert!(
            dash.contains("/portal#tracks"),
            "the card leads to the steps"
        );
    }
);
