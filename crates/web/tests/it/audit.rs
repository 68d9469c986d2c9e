//! The audit log page in words: each entry a sentence in the reader's language, linked to its
//! record; filters by person, record (kind and number), action and period; refused filter
//! values; the download's sentence column.

use crate::helpers::{ADMIN, STAFF, TestApp};
use crate::on_both;

/// The rows of the log's table body.
fn rows(html: &str) -> Vec<&str> {
    let Some(body) = html.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    let body = body.split("</tbody>").next().unwrap();
    body.split("<tr>").skip(1).collect()
}

/// Staff opens a placement and records its first step; the placement's number.
async fn placement_with_a_step(app: &TestApp) -> i64 {
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
    let person = candidates["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["family_name"] == "Hoàng")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
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
    let id: i64 = r.headers()["location"]
        .to_str()
        .unwrap()
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
    assert_eq!(r.status(), 303);
    id
}

on_both!(
    the_audit_log_reads_in_words_filters_with_pickers_and_links_records,
    |app: TestApp| async move {
        let placement = placement_with_a_step(&app).await;
        let token = app.token(ADMIN).await;
        let staff_id = app.user_id(STAFF).await;
        let users = app.api_json(&token, "/api/v1/users?limit=200").await;
        let staff_name = users["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["id"] == staff_id)
            .unwrap()["display_name"]
            .as_str()
            .unwrap()
            .to_owned();
        let admin = app.login(ADMIN).await;

        // Person and record: the one step, as a German sentence, linked to the placement.
        let by_staff =
            format!("/admin/audit?actor={staff_id}&entity=placement_event&entity_id={placement}");
        let html = app.page(&admin, &by_staff).await;
        let found = rows(&html);
        assert_eq!(found.len(), 1, "{html}");
        let sentence = format!(
            "{staff_name} erfasste »Aufenthaltszweck gewählt« für Vermittlung {placement}."
        );
        assert!(found[0].contains(&sentence), "{}", found[0]);
        // Administrators cannot open placements: the record is named, not linked (a link would
        // answer 404).
        assert!(!found[0].contains("<a href=\"/placements/"), "{}", found[0]);
        // The raw values stay behind a disclosure; no raw action code in the sentence.
        assert!(found[0].contains("<details>") && found[0].contains("visa_route_chosen"));
        // The pickers show what is filtered: the person, the kind in words.
        assert!(html.contains(&format!(
            "<option value=\"{staff_id}\" selected>{staff_name}"
        )));
        assert!(html.contains("<option value=\"placement_event\" selected>"));

        // The placement itself: created and stepped; the creation reads "legte … an".
        let html = app
            .page(
                &admin,
                &format!("/admin/audit?entity=placement&entity_id={placement}&action=create"),
            )
            .await;
        let found = rows(&html);
        assert_eq!(found.len(), 1, "{html}");
        assert!(
            found[0].contains(&format!("{staff_name} legte Vermittlung {placement} an.")),
            "{}",
            found[0]
        );

        // Another person's entries are not among the staff member's.
        let html = app
            .page(
                &admin,
                &format!("/admin/audit?actor={staff_id}&action=login"),
            )
            .await;
        let found = rows(&html);
        assert!(!found.is_empty());
        assert!(found.iter().all(|r| !r.contains(ADMIN)), "{html}");
        // A record the administrator may open is linked, and the link opens it.
        let account = format!("/admin/users/{staff_id}/edit");
        assert!(
            found[0].contains(&format!("<a href=\"{account}\">Konto {staff_id}</a>")),
            "{}",
            found[0]
        );
        assert!(app.page(&admin, &account).await.contains(&staff_name));

        // The action picker narrows: nobody read this step.
        let html = app.page(&admin, &format!("{by_staff}&action=read")).await;
        assert!(rows(&html).is_empty());
        assert!(html.contains("Keine Einträge für diese Auswahl."));

        // The period: today holds the step, a month in 2000 nothing.
        let today =
            standort_domain::date::format_date(time::OffsetDateTime::now_utc().unix_timestamp());
        let html = app
            .page(&admin, &format!("{by_staff}&from={today}&to={today}"))
            .await;
        assert_eq!(rows(&html).len(), 1);
        let html = app
            .page(&admin, &format!("{by_staff}&from=2000-01-01&to=2000-01-31"))
            .await;
        assert!(rows(&html).is_empty());

        // The person search narrows the person picker, not the log.
        let word = staff_name.split_whitespace().last().unwrap();
        let html = app.page(&admin, &format!("/admin/audit?who={word}")).await;
        let picker = html
            .split("id=\"f-actor\"")
            .nth(1)
            .unwrap()
            .split("</select>")
            .next()
            .unwrap();
        assert!(picker.contains(&staff_name), "{picker}");
        assert!(!picker.contains(ADMIN), "{picker}");

        // Values no picker offers: refused with the error page, never a 500.
        for bad in [
            "actor=jens",
            "entity_id=4a",
            "entity_id=-3",
            "action=frobnicate",
            "entity=widget",
            "from=gestern",
        ] {
            let r = admin
                .get(app.url(&format!("/admin/audit?{bad}")))
                .send()
                .await
                .unwrap();
            // The kit's validation answer: 422 with the error page naming the field.
            assert_eq!(r.status(), 422, "{bad}");
            let field = bad.split('=').next().unwrap();
            assert!(r.text().await.unwrap().contains(field), "{bad}");
        }

        // English for an English reader.
        let r = app
            .submit(
                &admin,
                "/dashboard",
                "/language",
                &[("lang", "en"), ("back", "/dashboard")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let html = app.page(&admin, &by_staff).await;
        let found = rows(&html);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].contains(&format!(
                "{staff_name} recorded “Residence route chosen” for placement {placement}."
            )),
            "{}",
            found[0]
        );

        // The download carries the sentence besides the raw columns.
        let r = admin
            .get(app.url(&format!("{by_staff}&format=csv")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let text = r.text().await.unwrap();
        let mut lines = text.trim_start_matches('\u{feff}').lines();
        let header = lines.next().unwrap();
        assert!(
            header.contains("Entry") && header.contains("Action"),
            "{header}"
        );
        let row = lines.next().unwrap();
        assert!(
            row.contains("recorded") && row.contains("placement_event"),
            "{row}"
        );
    }
);

on_both!(
    a_record_is_named_by_kind_and_number_never_by_its_data,
    |app: TestApp| async move {
        // The log never looks up a record: an entry about a candidate names the kind and the
        // number, so nothing that erasure removes comes back through the log.
        let token = app.token(STAFF).await;
        let (_, candidates) = app
            .api_status_json(&token, "/api/v1/recruitment/candidates?limit=200")
            .await;
        let cand = candidates["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["family_name"] == "Hoàng")
            .unwrap()
            .clone();
        let id = cand["id"].as_i64().unwrap();
        let staff = app.login(STAFF).await;
        app.page(&staff, &format!("/recruitment/candidates/{id}"))
            .await;
        let admin = app.login(ADMIN).await;
        let html = app
            .page(
                &admin,
                &format!("/admin/audit?entity=candidate&entity_id={id}&action=read"),
            )
            .await;
        let found = rows(&html);
        assert!(!found.is_empty(), "{html}");
        for row in &found {
            assert!(row.contains(&format!("sah Kandidat·in {id} ein.")), "{row}");
            // Not linked for administrators, who cannot open candidates.
            assert!(!row.contains("<a href=\"/recruitment/candidates/"), "{row}");
            assert!(!row.contains("Hoàng"), "{row}");
        }
    }
);
