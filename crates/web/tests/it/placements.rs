//! Recruitment tracks over HTTP against the real app with the demo data: refused steps keep
//! the data as it was and say why, employers and candidates see only their own placements,
//! the programme board's figures, the overdue card.

use serde_json::Value;

use crate::helpers::{CANDIDATE, EMPLOYER, STAFF, TestApp};
use crate::on_both;

const COUNSELLOR: &str = "counsellor@demo.standort.example";

async fn programme_id(app: &TestApp, token: &str, name: &str) -> i64 {
    let (_, list) = app.api_status_json(token, "/api/v1/programmes").await;
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("programme {name}"))["id"]
        .as_i64()
        .unwrap()
}

async fn placements_of(app: &TestApp, token: &str, programme: i64) -> Vec<Value> {
    let (status, page) = app
        .api_status_json(
            token,
            &format!("/api/v1/placements?programme_id={programme}&limit=200"),
        )
        .await;
    assert_eq!(status, 200);
    page["items"].as_array().unwrap().clone()
}

on_both!(
    a_forbidden_step_is_refused_with_its_reason_and_changes_nothing,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let (_, positions) = app
            .api_status_json(&token, "/api/v1/recruitment/positions?limit=200")
            .await;
        let training = positions["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["title"] == "Ausbildung Pflegefachassistenz")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let (_, candidates) = app
            .api_status_json(&token, "/api/v1/recruitment/candidates?limit=200")
            .await;
        // Not in the counsellor's caseload.
        let person = candidates["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["family_name"] == "Hoàng")
            .unwrap()["id"]
            .as_i64()
            .unwrap();

        // Create the placement through the page, as staff would.
        let c = app.login(STAFF).await;
        let r = app
            .submit(
                &c,
                "/placements",
                "/placements",
                &[
                    ("candidate_id", &person.to_string()),
                    ("position_id", &training.to_string()),
                    ("programme_id", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let location = r.headers()["location"].to_str().unwrap().to_owned();
        let id: i64 = location
            .trim_start_matches("/placements/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let page = format!("/placements/{id}");
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/events"),
                &[
                    ("confirm", "yes"),
                    ("kind", "visa_route_chosen"),
                    ("route", "16a"),
                ],
            )
            .await;
        assert_eq!(
            r.status(),
            303,
            "choosing § 16a for a training position is allowed"
        );
        let html = app.page(&c, &page).await;
        assert!(
            html.contains("Noch nicht möglich"),
            "blocked steps are listed"
        );
        assert!(html.contains(
            "Ein Visum nach § 16a (Ausbildung) setzt einen unterschriebenen Ausbildungsvertrag voraus."
        ));

        // Applying for the § 16a visa without a training contract: refused, with the reason.
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/events"),
                &[("confirm", "yes"), ("kind", "visa_applied")],
            )
            .await;
        assert_eq!(r.status(), 409);
        let body = r.text().await.unwrap();
        assert!(body.contains("Dieser Schritt ist nicht möglich"), "{body}");
        assert!(body.contains("unterschriebenen Ausbildungsvertrag"));
        // The same through the API, and the history still holds only the one step.
        let r = app
            .api_post_json(
                &token,
                &format!("/api/v1/placements/{id}/events"),
                &serde_json::json!({"kind": "visa_applied"}),
            )
            .await;
        assert_eq!(r.status(), 409);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        let problem: Value = r.json().await.unwrap();
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("training contract")
        );
        let (_, events) = app
            .api_status_json(&token, &format!("/api/v1/placements/{id}/events"))
            .await;
        let events = events.as_array().unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0]["event"]["route"], "16a");

        // After signing the training contract the application goes through.
        for kind in ["contract_offered", "contract_signed"] {
            let r = app
                .api_post_json(
                    &token,
                    &format!("/api/v1/placements/{id}/events"),
                    &serde_json::json!({"kind": kind, "contract": "training"}),
                )
                .await;
            assert_eq!(r.status(), 201, "{kind}");
        }
        // An employment contract for a training position is refused as well.
        let (_, detail) = app
            .api_status_json(&token, &format!("/api/v1/placements/{id}"))
            .await;
        assert_eq!(detail["milestone"], "contract_signed");
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/events"),
                &[("confirm", "yes"), ("kind", "visa_applied")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, events) = app
            .api_status_json(&token, &format!("/api/v1/placements/{id}/events"))
            .await;
        assert_eq!(events.as_array().unwrap().len(), 4);
        // A date in the future is refused.
        let r = app
            .api_post_json(
                &token,
                &format!("/api/v1/placements/{id}/events"),
                &serde_json::json!({"kind": "visa_granted", "date": "2999-01-01"}),
            )
            .await;
        assert_eq!(r.status(), 409);

        // Staff make a colleague (here: themselves) the owner of the visa track.
        let (_, me) = app.api_status_json(&token, "/api/v1/me").await;
        let me_id = me["id"].as_i64().unwrap().to_string();
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/owners"),
                &[("track", "visa"), ("owner", &me_id)],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, detail) = app
            .api_status_json(&token, &format!("/api/v1/placements/{id}"))
            .await;
        let visa = detail["tracks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["track"] == "visa")
            .unwrap()
            .clone();
        assert_eq!(visa["owner"], me["display_name"]);

        // A counsellor reads placements outside the caseload but may not record steps.
        let ctoken = app.token(COUNSELLOR).await;
        let (status, _) = app
            .api_status_json(&ctoken, &format!("/api/v1/placements/{id}"))
            .await;
        assert_eq!(status, 200);
        let r = app
            .api_post_json(
                &ctoken,
                &format!("/api/v1/placements/{id}/events"),
                &serde_json::json!({"kind": "visa_granted"}),
            )
            .await;
        assert_eq!(r.status(), 403);
        let (_, events) = app
            .api_status_json(&token, &format!("/api/v1/placements/{id}/events"))
            .await;
        assert_eq!(events.as_array().unwrap().len(), 4);
    }
);

on_both!(
    employers_see_only_their_positions_placements,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let care = programme_id(&app, &staff, "Pflege-Azubis Vietnam 2026").await;
        let bus = programme_id(&app, &staff, "Busfahrer Vietnam 2026").await;
        let care_placements = placements_of(&app, &staff, care).await;
        let bus_placements = placements_of(&app, &staff, bus).await;
        assert_eq!(care_placements.len(), 8);
        assert_eq!(bus_placements.len(), 4);

        // The transport company's employer: the bus drivers (all consented), nothing else.
        let token = app.token(EMPLOYER).await;
        let (status, own) = app
            .api_status_json(&token, "/api/v1/placements?limit=200")
            .await;
        assert_eq!(status, 200);
        let own = own["items"].as_array().unwrap();
        assert_eq!(own.len(), 4);
        assert!(
            own.iter()
                .all(|p| p["position_title"] == "Busfahrer/in im Linienverkehr")
        );
        let bus_id = own[0]["id"].as_i64().unwrap();
        let (status, detail) = app
            .api_status_json(&token, &format!("/api/v1/placements/{bus_id}"))
            .await;
        assert_eq!(status, 200);
        assert!(
            detail["costs"].as_array().unwrap().is_empty(),
            "no costs for employers"
        );
        let care_id = care_placements[0]["id"].as_i64().unwrap();
        let (status, _) = app
            .api_status_json(&token, &format!("/api/v1/placements/{care_id}"))
            .await;
        assert_eq!(status, 404);
        let c = app.login(EMPLOYER).await;
        let r = c
            .get(app.url(&format!("/placements/{care_id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let html = app.page(&c, &format!("/placements/{bus_id}")).await;
        assert!(!html.contains("/events\""), "employers record no steps");
        let (status, _) = app
            .api_status_json(&token, &format!("/api/v1/programmes/{care}"))
            .await;
        assert_eq!(status, 404);
    }
);

on_both!(
    candidates_see_only_their_own_placement,
    |app: TestApp| async move {
        let c = app.login(CANDIDATE).await;
        let html = app.page(&c, "/placements").await;
        assert!(html.contains("Nguyễn Thị Hương"), "{html}");
        let token = app.token(CANDIDATE).await;
        let (_, own) = app.api_status_json(&token, "/api/v1/placements").await;
        assert_eq!(own["total"], 1);
        let mine = own["items"][0]["id"].as_i64().unwrap();
        assert_eq!(own["items"][0]["candidate_name"], "Nguyễn Thị Hương");
        let page = app.page(&c, &format!("/placements/{mine}")).await;
        assert!(!page.contains("/events\""), "candidates record no steps");
        let staff = app.token(STAFF).await;
        let (_, all) = app
            .api_status_json(&staff, "/api/v1/placements?limit=200")
            .await;
        for p in all["items"].as_array().unwrap() {
            let id = p["id"].as_i64().unwrap();
            if id != mine {
                let (status, _) = app
                    .api_status_json(&token, &format!("/api/v1/placements/{id}"))
                    .await;
                assert_eq!(status, 404, "placement {id}");
            }
        }
    }
);

on_both!(
    programme_board_figures_match_the_demo,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let care = programme_id(&app, &staff, "Pflege-Azubis Vietnam 2026").await;
        let (status, board) = app
            .api_status_json(&staff, &format!("/api/v1/programmes/{care}"))
            .await;
        assert_eq!(status, 200);
        let funnel: Vec<(String, i64)> = board["funnel"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["milestone"].as_str().unwrap().to_owned(),
                    s["count"].as_i64().unwrap(),
                )
            })
            .collect();
        let count = |m: &str| funnel.iter().find(|(k, _)| k == m).unwrap().1;
        // Eight care trainees, one per stage (see the demo scripts).
        assert_eq!(count("placed"), 8);
        assert_eq!(count("language_b1"), 6);
        assert_eq!(count("contract_signed"), 5);
        assert_eq!(count("visa_granted"), 3);
        assert_eq!(count("arrived"), 2);
        assert_eq!(count("employed"), 1);
        assert_eq!(count("retained_6"), 0);
        // Offered → signed took 20, 10, 10, 10 and 10 days.
        let offered = board["time_in_stage"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["track"] == "contract" && s["stage"] == "contract_offered")
            .unwrap()
            .clone();
        assert_eq!(offered["n"], 5);
        assert_eq!(offered["median_days"], 10.0);
        assert_eq!(offered["mean_days"], 12.0);
        assert_eq!(board["flagged_total"], 1, "one candidate-borne fee");
        assert!(board["overdue_total"].as_u64().unwrap() >= 3);

        let c = app.login(STAFF).await;
        let html = app.page(&c, &format!("/programmes/{care}")).await;
        assert!(html.contains("<svg"), "funnel chart");
        assert!(html.contains("role=\"img\""));
        assert!(html.contains("Werte als Tabelle"), "chart has a table");
        assert!(html.contains("Verweildauer je Stufe"));
        assert!(
            html.contains("zu Lasten der Person"),
            "flagged cost visible"
        );
        let list = app.page(&c, "/programmes").await;
        assert!(list.contains("Busfahrer Vietnam 2026"));
    }
);

on_both!(
    overdue_items_surface_on_the_staff_dashboard,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        let html = app.page(&c, "/dashboard").await;
        assert!(html.contains("Überfällige Schritte"));
        // The care trainee who arrived 20 days ago and is not registered (two weeks, § 17 BMG).
        let line = html
            .split("<li>")
            .find(|l| l.contains("Anmeldung des Wohnsitzes (gesetzliche Frist)"))
            .expect("registration overdue on the dashboard");
        let id: i64 = line
            .split("href=\"/placements/")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let token = app.token(STAFF).await;
        let (_, detail) = app
            .api_status_json(&token, &format!("/api/v1/placements/{id}"))
            .await;
        let overdue = detail["overdue"].as_array().unwrap();
        assert!(
            overdue
                .iter()
                .any(|d| d["item"] == "registration" && d["overdue"] == true)
        );
        assert!(
            html.contains("Termin bei der Botschaft (gesetzliche Frist)"),
            "§ 81a deadline"
        );
        // The placement page shows the overdue item too.
        let page = app.page(&c, &format!("/placements/{id}")).await;
        assert!(page.contains("Überfällig"));
        // Counsellors' cards count their caseload only; the candidate gets no card.
        let cand = app.login(CANDIDATE).await;
        let html = app.page(&cand, "/dashboard").await;
        assert!(!html.contains("Überfällige Schritte"));
    }
);

on_both!(
    the_end_of_a_placement_ends_the_process_and_starts_retention,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let bus = programme_id(&app, &token, "Busfahrer Vietnam 2026").await;
        // Record the end of employment wherever someone is employed; the engine refuses it
        // elsewhere (not employed yet).
        let mut closed = Vec::new();
        for p in placements_of(&app, &token, bus).await {
            let id = p["id"].as_i64().unwrap();
            let r = app
                .api_post_json(
                    &token,
                    &format!("/api/v1/placements/{id}/events"),
                    &serde_json::json!({"kind": "employment_ended"}),
                )
                .await;
            if r.status().is_success() {
                closed.push(p["candidate_id"].as_i64().unwrap());
            } else {
                assert_eq!(r.status(), 409, "refused with a reason, not an error");
            }
        }
        assert!(!closed.is_empty(), "the demo has employed bus drivers");
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let mut ended_today = 0;
        for candidate in closed {
            let (_, export) = app
                .api_status_json(
                    &token,
                    &format!("/api/v1/recruitment/candidates/{candidate}/export"),
                )
                .await;
            // The closing day: today, or the earlier 12-month check that closed it already.
            let ended = export["candidate"]["process_ended"]
                .as_str()
                .expect("the process ended with the last placement")
                .to_owned();
            assert!(ended <= today, "{ended}");
            ended_today += usize::from(ended == today);
            let audit = export["audit"].as_array().unwrap();
            assert!(audit.iter().any(|e| {
                e["entity"] == "candidate"
                    && e["details"]["fields"][0] == "process_ended_at"
                    && e["details"]["via"] == "placements_closed"
            }));
        }
        assert!(ended_today > 0);
        // A running placement does not end anything: the care trainees' processes go on.
        let care = programme_id(&app, &token, "Pflege-Azubis Vietnam 2026").await;
        for p in placements_of(&app, &token, care).await {
            let candidate = p["candidate_id"].as_i64().unwrap();
            let (_, export) = app
                .api_status_json(
                    &token,
                    &format!("/api/v1/recruitment/candidates/{candidate}/export"),
                )
                .await;
            assert!(export["candidate"]["process_ended"].is_null());
        }
    }
);

on_both!(
    the_placement_list_pages_instead_of_cutting_off,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let (_, all) = app.api_status_json(&staff, "/api/v1/placements").await;
        let total = all["total"].as_i64().unwrap();
        assert!(total >= 2, "the demo has several placements");
        let c = app.login(STAFF).await;
        // One per page: every placement is reachable through the pager, none twice.
        let mut seen = std::collections::BTreeSet::new();
        let mut next = Some("/placements?limit=1".to_owned());
        while let Some(url) = next {
            let html = app
                .page(&c, &url.replace("&#38;", "&").replace("&amp;", "&"))
                .await;
            let ids: Vec<&str> = html
                .match_indices("href=\"/placements/")
                .map(|(i, _)| {
                    let rest = &html[i + "href=\"/placements/".len()..];
                    &rest[..rest.find('"').unwrap()]
                })
                .filter(|id| id.chars().all(|c| c.is_ascii_digit()))
                .collect();
            assert_eq!(ids.len(), 1, "{url}: {html}");
            assert!(seen.insert(ids[0].to_owned()), "{url} repeats {}", ids[0]);
            next = html.find("rel=\"next\"").map(|end| {
                let start = html[..end].rfind("href=\"").unwrap() + "href=\"".len();
                html[start..end].split('"').next().unwrap().to_owned()
            });
        }
        assert_eq!(seen.len() as i64, total);
    }
);

on_both!(
    the_placement_list_filters_by_words_of_the_programme_name,
    |app: TestApp| async move {
        let staff = app.token(STAFF).await;
        let care = programme_id(&app, &staff, "Pflege-Azubis Vietnam 2026").await;
        let mut want: Vec<String> = placements_of(&app, &staff, care)
            .await
            .iter()
            .map(|p| p["id"].to_string())
            .collect();
        want.sort();
        assert!(!want.is_empty());
        let c = app.login(STAFF).await;
        let ids = |html: &str| {
            let mut ids: Vec<String> = html
                .match_indices("href=\"/placements/")
                .map(|(i, _)| {
                    let rest = &html[i + "href=\"/placements/".len()..];
                    rest[..rest.find('"').unwrap()].to_owned()
                })
                .filter(|id| id.chars().all(|c| c.is_ascii_digit()))
                .collect();
            ids.sort();
            ids
        };
        // Two words of the name in another letter case, in another order.
        let html = app
            .page(&c, "/placements?programme=vietnam%20AZUBIS&limit=200")
            .await;
        assert_eq!(ids(&html), want);
        assert!(
            html.contains("name=\"programme\" value=\"vietnam AZUBIS\""),
            "{html}"
        );
        // No programme of that name: no rows, no error; the order is kept.
        let html = app
            .page(&c, "/placements?programme=Imkerei&sort=position&limit=200")
            .await;
        assert!(ids(&html).is_empty());
        // `%` is a letter, not a wildcard.
        let html = app.page(&c, "/placements?programme=%25&limit=200").await;
        assert!(ids(&html).is_empty());
    }
);

on_both!(
    a_new_placement_picks_any_person_and_position_by_search,
    |app: TestApp| async move {
        let staff = app.login(STAFF).await;
        // Before a search the form offers nobody: the page reads no list of people.
        let blank = app.page(&staff, "/placements/new").await;
        assert!(!blank.contains("name=\"candidate_id\""));
        // Accents may be left out; the position is found by part of its title.
        let html = app
            .page(&staff, "/placements/new?cq=nguyen+huong&pq=innere+medizin")
            .await;
        let candidate = html
            .split("name=\"candidate_id\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("the person is offered")
            .to_owned();
        let position = html
            .split("name=\"position_id\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("the position is offered")
            .to_owned();
        assert!(html.contains("Thị Hương"));
        assert!(html.contains("Pflegefachkraft (m/w/d) Innere Medizin"));
        let r = app
            .submit(
                &staff,
                "/placements/new",
                "/placements",
                &[("candidate_id", &candidate), ("position_id", &position)],
            )
            .await;
        assert_eq!(r.status(), 303);
        let to = r.headers()["location"].to_str().unwrap().to_owned();
        assert!(to.starts_with("/placements/"), "{to}");
        let shown = app.page(&staff, to.split('?').next().unwrap()).await;
        assert!(shown.contains("Nguyễn"));

        // A search with no hit says so; `%` is a letter, not a wildcard.
        let none = app.page(&staff, "/placements/new?cq=%25&pq=%25").await;
        assert!(!none.contains("name=\"candidate_id\""));
        assert!(none.contains("Keine Person gefunden"));
        assert!(none.contains("Keine offene Stelle gefunden"));

        // Whoever may not create placements does not get the form.
        let employer = app.login(EMPLOYER).await;
        let r = employer
            .get(app.url("/placements/new?cq=nguyen"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
    }
);

on_both!(
    a_step_asks_first_and_its_result_shows_at_the_track,
    |app: TestApp| async move {
        // Issue 11, dead end 5: a step is permanent, so its form asks first (a required
        // checkbox, no JavaScript needed); the result shows in the track's own section; a
        // refusal looks different from a grant.
        let token = app.token(STAFF).await;
        let (_, list) = app
            .api_status_json(&token, "/api/v1/placements?limit=200")
            .await;
        let c = app.login(STAFF).await;
        // A placement whose page offers a visa step.
        let mut found = None;
        for p in list["items"].as_array().unwrap() {
            let id = p["id"].as_i64().unwrap();
            let html = app.page(&c, &format!("/placements/{id}")).await;
            if html.contains(r#"name="kind" value="visa_refused""#) {
                found = Some((id, html));
                break;
            }
        }
        let (id, html) = found.expect("a placement that can record a visa refusal");
        let page = format!("/placements/{id}");
        assert!(
            html.contains(r#"name="confirm" type="checkbox" value="yes" required"#),
            "each step form has a required confirmation"
        );
        assert!(html.contains("Endgültig festhalten"));
        assert!(
            html.contains(r#"class="state-bad">Visum abgelehnt</button>"#),
            "the refusal's button is marked"
        );
        let (_, before) = app
            .api_status_json(&token, &format!("/api/v1/placements/{id}/events"))
            .await;
        let count = before.as_array().map_or(0, Vec::len);

        // Without the confirmation nothing is written, and the page says so at the track.
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/events"),
                &[("kind", "visa_refused"), ("track", "visa")],
            )
            .await;
        assert_eq!(r.status(), 422);
        let body = r.text().await.unwrap();
        let track_at = body.find(r#"id="track-visa""#).unwrap();
        let msg_at = body
            .find("Bitte zuerst bestätigen")
            .expect("the refusal says why");
        assert!(
            msg_at > track_at,
            "the message is in the visa track's section"
        );
        let (_, after) = app
            .api_status_json(&token, &format!("/api/v1/placements/{id}/events"))
            .await;
        assert_eq!(after.as_array().map_or(0, Vec::len), count);

        // Confirmed: recorded, and the redirect leads back to the track with the notice.
        let r = app
            .submit(
                &c,
                &page,
                &format!("{page}/events"),
                &[
                    ("kind", "visa_refused"),
                    ("track", "visa"),
                    ("confirm", "yes"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let at = r.headers()["location"].to_str().unwrap().to_owned();
        assert!(at.ends_with("&track=visa#track-visa"), "{at}");
        let shown = app.page(&c, &at).await;
        let track_at = shown.find(r#"id="track-visa""#).unwrap();
        let notice_at = shown
            .find(r#"<p class="notice" role="status" id="track-visa-message">"#)
            .expect("the notice is next to the track's forms");
        assert!(notice_at > track_at);
        assert!(
            shown.contains(r#"<span class="state-bad">Visum abgelehnt</span>"#),
            "a refused visa looks different from a granted one"
        );
    }
);

/// The `<details>` of a track's work on a placement page, and whether it is open.
fn track_work_open(html: &str, track: &str) -> bool {
    let section = html
        .split(&format!("id=\"track-{track}\""))
        .nth(1)
        .unwrap_or_else(|| panic!("the {track} track's section"));
    let details = section
        .split("<details class=\"track-work\"")
        .nth(1)
        .expect("the track's work folds");
    details.starts_with(" open")
}

on_both!(
    a_placement_links_its_records_and_they_link_back,
    |app: TestApp| async move {
        // Staff: the placement names its candidate, position and programme as links, and each
        // of those pages lists the placement again.
        let token = app.token(STAFF).await;
        let (_, list) = app
            .api_status_json(&token, "/api/v1/placements?limit=200")
            .await;
        let items = list["items"].as_array().unwrap();
        let with_programme = items
            .iter()
            .find(|p| p["programme_id"].is_i64())
            .expect("a demo placement in a programme");
        let id = with_programme["id"].as_i64().unwrap();
        let candidate = with_programme["candidate_id"].as_i64().unwrap();
        let position = with_programme["position_id"].as_i64().unwrap();
        let programme = with_programme["programme_id"].as_i64().unwrap();
        let c = app.login(STAFF).await;
        let page = format!("/placements/{id}");
        let html = app.page(&c, &page).await;
        for link in [
            format!("href=\"/recruitment/candidates/{candidate}\""),
            format!("href=\"/recruitment/positions/{position}\""),
            format!("href=\"/programmes/{programme}\""),
        ] {
            assert!(html.contains(&link), "{link} on {page}");
        }
        let back = format!("href=\"/placements/{id}\"");
        for record in [
            format!("/recruitment/candidates/{candidate}"),
            format!("/recruitment/positions/{position}"),
            format!("/programmes/{programme}"),
        ] {
            assert!(
                app.page(&c, &record).await.contains(&back),
                "{record} links back to the placement"
            );
        }

        // The tracks' overview comes first and leads to each track; every track's work is
        // folded until the reader chooses it there (or acts on it).
        assert!(html.contains("Überblick über die Stränge"));
        assert!(html.contains(&format!("href=\"/placements/{id}?track=visa#track-visa\"")));
        assert!(!track_work_open(&html, "visa") && !track_work_open(&html, "language"));
        let chosen = app.page(&c, &format!("{page}?track=visa")).await;
        assert!(track_work_open(&chosen, "visa"));
        assert!(!track_work_open(&chosen, "language"));
        assert!(chosen.contains("aria-current=\"location\">Visum"));

        // An employer: the position and the person link, the programme board (not theirs to
        // open) does not.
        let token = app.token(EMPLOYER).await;
        let (_, list) = app
            .api_status_json(&token, "/api/v1/placements?limit=200")
            .await;
        let mine = &list["items"].as_array().unwrap()[0];
        let id = mine["id"].as_i64().unwrap();
        let position = mine["position_id"].as_i64().unwrap();
        let e = app.login(EMPLOYER).await;
        let html = app.page(&e, &format!("/placements/{id}")).await;
        assert!(html.contains(&format!("href=\"/recruitment/positions/{position}\"")));
        assert!(!html.contains("href=\"/programmes/"));
        assert!(
            app.page(&e, &format!("/recruitment/positions/{position}"))
                .await
                .contains(&format!("href=\"/placements/{id}\""))
        );

        // The candidate: their own name leads to the portal.
        let token = app.token(CANDIDATE).await;
        let (_, list) = app
            .api_status_json(&token, "/api/v1/placements?limit=200")
            .await;
        let own = list["items"].as_array().unwrap()[0]["id"].as_i64().unwrap();
        let me = app.login(CANDIDATE).await;
        let html = app.page(&me, &format!("/placements/{own}")).await;
        assert!(html.contains("href=\"/portal\""));
        assert!(!html.contains("href=\"/recruitment/candidates/"));
        assert!(!html.contains("href=\"/recruitment/positions/"));
    }
);
