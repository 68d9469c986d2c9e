//! The network's import from CSV and XLSX and its duplicates, over HTTP against the real app
//! with the demo data: a file with bad lines is refused with every line and column and writes
//! nothing; German Excel CSV (semicolons, byte-order mark, CRLF, German headings) and XLSX
//! (date cells as Excel stores them) are read; lines matching records already there are
//! linked, not duplicated; duplicates are found by each rule; a merge keeps approaches,
//! positions, names, links and the audit trail, and the merged record answers 404 — to staff;
//! the merge itself answers 404 to roles without the feature and 409 for an organisation
//! other modules use; the page form shows the problems in the reader's language.

use serde_json::{Value, json};
use sqlx::Row;
use standort_app::export::{Value as Cell, xlsx};
use standort_domain::OrgId;
use standort_store::orgs;

use crate::helpers::{ADMIN, STAFF, TestApp, csrf_of};
use crate::on_both;
use crate::upload::post_multipart;

const CHAMBER: &str = "partner@demo.standort.example";

async fn import(
    app: &TestApp,
    token: &str,
    kind: &str,
    file: &[u8],
    dry: bool,
) -> reqwest::Response {
    crate::helpers::client()
        .post(app.url(&format!("/api/v1/network/import?kind={kind}&dry_run={dry}")))
        .bearer_auth(token)
        .header("content-type", "text/csv")
        .body(file.to_vec())
        .send()
        .await
        .unwrap()
}

/// A query value percent-encoded (UTF-8 bytes outside the unreserved set).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let mut conn = app.db.conn().await.unwrap();
    sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        .try_get("n")
        .unwrap()
}

async fn org_named(app: &TestApp, token: &str, name: &str) -> Option<i64> {
    let found = app
        .api_json(
            token,
            &format!("/api/v1/organisations?q={}&limit=50", encode(name)),
        )
        .await;
    found["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == name)
        .map(|o| o["id"].as_i64().unwrap())
}

on_both!(
    a_file_with_bad_lines_is_refused_with_every_line_and_column_and_writes_nothing,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let (orgs_before, audit_before) = (
            count(&app, "organisations").await,
            count(&app, "audit_log").await,
        );
        let file = "name,country,website,employees\n\
            Elbtal Analytik GmbH,DE,https://elbtal-analytik.example,40\n\
            Vinh Phat Logistics JSC,Vietnam,https://vinhphat.example.vn,12\n\
            Bad Döbelner Kräuter eG,DE,https://kraeuter.example,\n\
            Saale Robotics AG,DE,ftp://saale.example,abc\n";
        let r = import(&app, &token, "organisations", file.as_bytes(), false).await;
        assert_eq!(r.status(), 422);
        let detail = r.json::<Value>().await.unwrap()["detail"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            detail.contains("line 3, column \"country\": invalid-country"),
            "{detail}"
        );
        assert!(
            detail.contains("line 5, column \"website\": invalid-url"),
            "{detail}"
        );
        assert!(
            detail.contains("line 5, column \"employees\": invalid-number"),
            "every problem of a line: {detail}"
        );
        assert!(
            !detail.contains("line 2"),
            "good lines are not named: {detail}"
        );
        assert!(!detail.contains("line 4"), "{detail}");
        assert!(detail.contains("nothing was imported"), "{detail}");
        assert_eq!(count(&app, "organisations").await, orgs_before);
        assert_eq!(count(&app, "audit_log").await, audit_before);
        assert_eq!(org_named(&app, &token, "Elbtal Analytik GmbH").await, None);

        // People: an unknown organisation and a bad e-mail on their lines; nothing written.
        let contacts_before = count(&app, "network_contacts").await;
        let file = "family_name,given_names,email,organisation\n\
            Lehmann,Jana,jana.lehmann@example.de,Leipziger Solartechnik GmbH (Demo)\n\
            Krause,Tom,tom.krause@,Leipziger Solartechnik GmbH (Demo)\n\
            Vogel,Eva,,Nirgendwo Holding AG\n";
        let r = import(&app, &token, "people", file.as_bytes(), false).await;
        assert_eq!(r.status(), 422);
        let detail = r.json::<Value>().await.unwrap()["detail"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            detail.contains("line 3, column \"email\": invalid-email"),
            "{detail}"
        );
        assert!(
            detail.contains("line 4, column \"organisation\": unknown-organisation"),
            "{detail}"
        );
        assert_eq!(count(&app, "network_contacts").await, contacts_before);

        // A header the import does not know, and a missing required column.
        let r = import(
            &app,
            &token,
            "approaches",
            b"organisation,kanal,datum,wer\nX,call,2026-01-05,Y\n",
            false,
        )
        .await;
        assert_eq!(r.status(), 422);
        let detail = r.json::<Value>().await.unwrap()["detail"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            detail.contains("line 1, column \"wer\": import-unknown-column"),
            "{detail}"
        );
        assert!(
            detail.contains("line 1, column \"topic\": import-missing-column"),
            "{detail}"
        );

        // Other roles: not found, as if the import did not exist.
        for who in [ADMIN, CHAMBER] {
            let t = app.token(who).await;
            let r = import(&app, &t, "organisations", b"name\nX\n", false).await;
            assert_eq!(r.status(), 404, "{who}");
        }
    }
);

on_both!(
    german_excel_csv_is_checked_then_imported_and_a_second_import_links_instead_of_duplicating,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        // As Excel saves "CSV UTF-8" on a German system: BOM, semicolons, CRLF, German
        // headings, a quoted cell with a semicolon.
        let mut file =
            "\u{feff}Name;Art;Land;Branche;Cluster;Beschäftigte;Webseite;Adresse;name:vi\r\n"
                .to_owned();
        file.push_str("Muldental Präzision GmbH;company;DE;25.62;greentech;45;www.muldental-praezision.example;\"Am Hafen 3; 04668 Grimma\";\r\n");
        file.push_str("Công ty TNHH Dược phẩm Hà Nội;company;VN;21.20;biotech_health;300;https://duoc-hanoi.example.vn;;Công ty TNHH Dược phẩm Hà Nội\r\n");
        file.push_str("MULDENTAL PRÄZISION AG;company;DE;;;;;;\r\n");
        let orgs_before = count(&app, "organisations").await;
        let r = import(&app, &token, "organisations", file.as_bytes(), true).await;
        assert_eq!(r.status(), 200);
        let checked: Value = r.json().await.unwrap();
        assert_eq!(checked["dry_run"], true);
        assert_eq!(checked["created"], 2, "{checked}");
        assert_eq!(checked["linked"], 1, "{checked}");
        assert_eq!(checked["lines"][2]["matched"], "earlier-line");
        assert_eq!(checked["lines"][2]["same_as"], 2);
        assert_eq!(
            count(&app, "organisations").await,
            orgs_before,
            "a check writes nothing"
        );

        let r = import(&app, &token, "organisations", file.as_bytes(), false).await;
        assert_eq!(r.status(), 200);
        let done: Value = r.json().await.unwrap();
        assert_eq!(done["created"], 2, "{done}");
        assert_eq!(count(&app, "organisations").await, orgs_before + 2);
        let id = org_named(&app, &token, "Muldental Präzision GmbH")
            .await
            .unwrap();
        let org = app
            .api_json(&token, &format!("/api/v1/organisations/{id}"))
            .await;
        assert_eq!(org["sector"], "25.62");
        assert_eq!(org["employees"], 45);
        assert_eq!(org["website"], "https://www.muldental-praezision.example");
        assert_eq!(org["address"], "Am Hafen 3; 04668 Grimma");
        assert_eq!(
            done["lines"][2]["id"], id,
            "the third line is the first's record"
        );
        // Found without diacritics and legal form, as every registry entry.
        assert!(
            org_named(&app, &token, "Công ty TNHH Dược phẩm Hà Nội")
                .await
                .is_some()
        );

        // The same organisations again, written differently: linked by name or web domain.
        let again = "name,website\nmuldental praezision,\nMuldental Präzision KG,\nHanoi Pharma,https://www.duoc-hanoi.example.vn/en\n";
        let r = import(&app, &token, "organisations", again.as_bytes(), false).await;
        let again: Value = r.json().await.unwrap();
        // `praezision` is a transliteration, not the same word: a new organisation.
        assert_eq!(again["lines"][0]["matched"], Value::Null, "{again}");
        assert_eq!(again["lines"][1]["matched"], "name");
        assert_eq!(again["lines"][1]["id"], id);
        assert_eq!(again["lines"][2]["matched"], "website");
        assert_eq!(count(&app, "organisations").await, orgs_before + 3);
    }
);

on_both!(
    xlsx_people_and_approaches_are_linked_to_the_registry_and_not_duplicated,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let solar = app.org_id("Leipziger Solartechnik GmbH (Demo)").await;
        let mekong = app.org_id("Mekong Medical Supplies (Demo)").await;
        let t = |s: &str| Cell::Text(s.to_owned());
        let people = xlsx(
            "Kontakte",
            &[
                "Nachname",
                "Vorname",
                "E-Mail",
                "Telefon",
                "Sprachen",
                "Organisation",
                "Funktion",
                "Von",
            ],
            &[
                vec![
                    t("Lehmann"),
                    t("Jana"),
                    t("Jana.Lehmann@Solar.example"),
                    t("0341 555-0101"),
                    t("de; en"),
                    t("leipziger solartechnik (demo)"),
                    t("Einkauf"),
                    t("01.02.2025"),
                ],
                vec![
                    t("Nguyễn"),
                    t("Thị Ánh"),
                    Cell::Empty,
                    t("+84 28 3822 1234"),
                    t("vi"),
                    t("Mekong Medical Supplies Co., Ltd. (Demo)"),
                    t("Giám đốc"),
                    Cell::Empty,
                ],
                // The same person as line 2, by e-mail address: not created twice.
                vec![
                    t("Lehmann"),
                    t("Jana"),
                    t("jana.lehmann@solar.example"),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ],
            ],
        )
        .unwrap();
        let r = import(&app, &token, "people", &people, false).await;
        assert_eq!(r.status(), 200);
        let done: Value = r.json().await.unwrap();
        assert_eq!(done["created"], 2, "{done}");
        assert_eq!(done["lines"][2]["matched"], "earlier-line");
        let jana = done["lines"][0]["id"].as_i64().unwrap();
        let anh = done["lines"][1]["id"].as_i64().unwrap();
        let c = app
            .api_json(&token, &format!("/api/v1/network/contacts/{jana}"))
            .await;
        assert_eq!(c["item"]["contact"]["email"], "jana.lehmann@solar.example");
        assert_eq!(c["item"]["contact"]["languages"], json!(["de", "en"]));
        assert_eq!(c["item"]["affiliations"][0]["org_id"], solar);
        assert_eq!(c["item"]["affiliations"][0]["role_title"], "Einkauf");
        assert_eq!(c["item"]["affiliations"][0]["from_day"], 1_738_368_000);
        let c = app
            .api_json(&token, &format!("/api/v1/network/contacts/{anh}"))
            .await;
        assert_eq!(c["item"]["affiliations"][0]["org_id"], mekong);

        // Again with a new position for Jana: she is linked by e-mail and gains the position.
        let again = "family_name,given_names,email,organisation,role_title\nLehmann,Jana,jana.lehmann@solar.example,Mekong Medical Supplies (Demo),Beirat\n";
        let r = import(&app, &token, "people", again.as_bytes(), false).await;
        let done: Value = r.json().await.unwrap();
        assert_eq!(done["lines"][0]["matched"], "email", "{done}");
        assert_eq!(done["lines"][0]["id"], jana);
        let c = app
            .api_json(&token, &format!("/api/v1/network/contacts/{jana}"))
            .await;
        assert_eq!(c["item"]["affiliations"].as_array().unwrap().len(), 2);

        // Approaches from XLSX, the day as Excel stores a date cell (serial 46086 = 2026-03-05).
        let approaches = xlsx(
            "Ansprachen",
            &["Organisation", "Kanal", "Datum", "Thema", "Ergebnis"],
            &[
                vec![
                    t("Leipziger Solartechnik GmbH (Demo)"),
                    t("visit"),
                    Cell::Number(46086.0),
                    t("Speicher für die neue Halle"),
                    t("Angebot erbeten\nRückruf im April"),
                ],
                vec![
                    t("Mekong Medical Supplies (Demo)"),
                    t("E-Mail"),
                    t("2026-03-06"),
                    t("Lieferkette Handschuhe"),
                    Cell::Empty,
                ],
            ],
        )
        .unwrap();
        let before = count(&app, "network_approaches").await;
        let r = import(&app, &token, "approaches", &approaches, false).await;
        assert_eq!(r.status(), 200);
        let done: Value = r.json().await.unwrap();
        assert_eq!(done["created"], 2, "{done}");
        let a = done["lines"][0]["id"].as_i64().unwrap();
        let got = app
            .api_json(&token, &format!("/api/v1/network/approaches/{a}"))
            .await;
        assert_eq!(got["item"]["org_id"], solar);
        assert_eq!(got["item"]["on_day"], 1_772_668_800);
        assert_eq!(got["item"]["channel"], "visit");
        assert_eq!(got["item"]["outcome"], "Angebot erbeten\nRückruf im April");
        // The same file again: the same approaches, not recorded twice.
        let r = import(&app, &token, "approaches", &approaches, false).await;
        let done: Value = r.json().await.unwrap();
        assert_eq!(done["created"], 0, "{done}");
        assert_eq!(done["lines"][0]["matched"], "same-approach");
        assert_eq!(count(&app, "network_approaches").await, before + 2);
    }
);

async fn create_org(app: &TestApp, admin: &str, name: &str) -> i64 {
    let r = app
        .api_post_json(
            admin,
            "/api/v1/organisations",
            &json!({"name": name, "kind": "company", "country": "DE"}),
        )
        .await;
    assert_eq!(r.status(), 201, "{name}");
    r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn set_website(app: &TestApp, token: &str, id: i64, website: &str) {
    let r = crate::helpers::client()
        .put(app.url(&format!("/api/v1/organisations/{id}/profile")))
        .bearer_auth(token)
        .json(&json!({"website": website}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

async fn create_contact(app: &TestApp, token: &str, body: Value) -> i64 {
    let r = app
        .api_post_json(token, "/api/v1/network/contacts", &body)
        .await;
    assert_eq!(r.status(), 201, "{body}");
    r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

fn has_pair(list: &Value, a: i64, b: i64, reason: &str) -> bool {
    let (a, b) = (a.min(b), a.max(b));
    list["items"].as_array().unwrap().iter().any(|p| {
        p["a"] == a && p["b"] == b && p["reasons"].as_array().unwrap().iter().any(|r| r == reason)
    })
}

on_both!(
    duplicates_are_found_by_each_rule,
    |app: TestApp| async move {
        let admin = app.token(ADMIN).await;
        let staff = app.token(STAFF).await;
        let m1 = create_org(&app, &admin, "Müller Logistik GmbH").await;
        let m2 = create_org(&app, &admin, "MUELLER Logistik").await;
        let m3 = create_org(&app, &admin, "müller logistik AG & Co. KG").await;
        let w1 = create_org(&app, &admin, "Saale Sensorik").await;
        let w2 = create_org(&app, &admin, "SST Messtechnik").await;
        set_website(&app, &staff, w1, "https://www.saale-sensorik.example/de").await;
        set_website(&app, &staff, w2, "http://saale-sensorik.example").await;
        let list = app
            .api_json(
                &staff,
                "/api/v1/network/duplicates?kind=organisations&limit=200",
            )
            .await;
        assert!(has_pair(&list, m1, m3, "name"), "{list}");
        assert!(
            !has_pair(&list, m1, m2, "name"),
            "a transliteration is no typo: {list}"
        );
        assert!(has_pair(&list, w1, w2, "website"), "{list}");

        let solar = app.org_id("Leipziger Solartechnik GmbH (Demo)").await;
        let e1 = create_contact(
            &app,
            &staff,
            json!({"family_name": "Kühn", "given_names": "Ole", "email": "ole@kuehn.example"}),
        )
        .await;
        let e2 = create_contact(
            &app,
            &staff,
            json!({"family_name": "Kuehn", "given_names": "Ole", "email": "OLE@kuehn.example"}),
        )
        .await;
        let p1 = create_contact(
            &app,
            &staff,
            json!({"family_name": "Roth", "given_names": "Ida", "phone": "0341 2345678"}),
        )
        .await;
        let p2 = create_contact(
            &app,
            &staff,
            json!({"family_name": "Roth", "given_names": "I.", "phone": "+49 (0)341 234 56 78"}),
        )
        .await;
        let n1 = create_contact(
            &app,
            &staff,
            json!({"family_name": "Schäfer", "given_names": "Lina", "org_id": solar}),
        )
        .await;
        let n2 = create_contact(
            &app,
            &staff,
            json!({"family_name": "schafer", "given_names": "LINA", "org_id": solar}),
        )
        .await;
        let n3 = create_contact(
            &app,
            &staff,
            json!({"family_name": "Schäfer", "given_names": "Lina"}),
        )
        .await;
        let list = app
            .api_json(&staff, "/api/v1/network/duplicates?kind=contacts&limit=200")
            .await;
        assert!(has_pair(&list, e1, e2, "email"), "{list}");
        assert!(has_pair(&list, p1, p2, "phone"), "{list}");
        assert!(has_pair(&list, n1, n2, "name-at-organisation"), "{list}");
        assert!(
            !has_pair(&list, n1, n3, "name-at-organisation"),
            "a name alone pairs nothing"
        );

        // Only staff: the others get 404.
        for who in [ADMIN, CHAMBER] {
            let t = app.token(who).await;
            let (status, _) = app
                .api_status_json(&t, "/api/v1/network/duplicates?kind=organisations")
                .await;
            assert_eq!(status, 404, "{who}");
        }
    }
);

on_both!(
    a_merge_keeps_approaches_positions_names_links_and_audit_and_the_merged_answers_404,
    |app: TestApp| async move {
        let admin = app.token(ADMIN).await;
        let staff = app.token(STAFF).await;
        let keep = create_org(&app, &admin, "Wurzener Mühlenwerke GmbH").await;
        let merged = create_org(&app, &admin, "Wurzener Muehlenwerke AG").await;
        set_website(&app, &staff, merged, "https://muehlenwerke.example").await;
        let solar = app.org_id("Leipziger Solartechnik GmbH (Demo)").await;
        // On the merged one: a further name, a link, an approach, a position, a named company
        // of the chamber's scope.
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/organisations/{merged}/names"),
                &json!({"name": "Wurzen Mills", "lang": "en"}),
            )
            .await;
        assert!(r.status().is_success(), "{}", r.status());
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/organisations/{merged}/links"),
                &json!({"to": solar, "kind": "partner_of"}),
            )
            .await;
        assert!(r.status().is_success(), "{}", r.status());
        let r = app
            .api_post_json(&staff, "/api/v1/network/approaches",
                &json!({"org_id": merged, "channel": "visit", "on": "2026-01-12", "topic": "Neue Mühle", "confirm": true}))
            .await;
        assert_eq!(r.status(), 201);
        let approach = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let person = create_contact(&app, &staff,
            json!({"family_name": "Hahn", "given_names": "Uwe", "org_id": merged, "role_title": "Werkleiter"})).await;
        let chamber_org = app
            .org_id("Industrie- und Handelskammer zu Leipzig (Demo)")
            .await;
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/network/partners/{chamber_org}/companies"),
                &json!({"org_id": merged}),
            )
            .await;
        assert!(r.status().is_success(), "{}", r.status());
        let merged_audit = app
            .api_json(
                &admin,
                &format!("/api/v1/audit?entity=organisation&entity_id={merged}"),
            )
            .await["items"]
            .as_array()
            .unwrap()
            .len();
        assert!(merged_audit > 0);

        // Roles without the feature: 404, nothing changed.
        for who in [ADMIN, CHAMBER] {
            let t = app.token(who).await;
            let r = app
                .api_post_json(
                    &t,
                    "/api/v1/network/merge",
                    &json!({"kind": "organisations", "keep": keep, "merged": merged}),
                )
                .await;
            assert_eq!(r.status(), 404, "{who}");
        }
        // An organisation with accounts is not merged away (409); the same one twice is 422.
        let r = app
            .api_post_json(
                &staff,
                "/api/v1/network/merge",
                &json!({"kind": "organisations", "keep": keep, "merged": chamber_org}),
            )
            .await;
        assert_eq!(r.status(), 409);
        let r = app
            .api_post_json(
                &staff,
                "/api/v1/network/merge",
                &json!({"kind": "organisations", "keep": keep, "merged": keep}),
            )
            .await;
        assert_eq!(r.status(), 422);

        let r = app
            .api_post_json(
                &staff,
                "/api/v1/network/merge",
                &json!({"kind": "organisations", "keep": keep, "merged": merged}),
            )
            .await;
        assert_eq!(r.status(), 200);
        let (status, _) = app
            .api_status_json(&staff, &format!("/api/v1/organisations/{merged}"))
            .await;
        assert_eq!(status, 404, "the merged organisation is gone");
        let a = app
            .api_json(&staff, &format!("/api/v1/network/approaches/{approach}"))
            .await;
        assert_eq!(a["item"]["org_id"], keep);
        let c = app
            .api_json(&staff, &format!("/api/v1/network/contacts/{person}"))
            .await;
        assert_eq!(c["item"]["affiliations"][0]["org_id"], keep);
        assert_eq!(c["item"]["affiliations"][0]["role_title"], "Werkleiter");
        let org = app
            .api_json(&staff, &format!("/api/v1/organisations/{keep}"))
            .await;
        assert_eq!(org["website"], "https://muehlenwerke.example", "taken over");
        {
            let mut conn = app.db.conn().await.unwrap();
            let names: Vec<String> = orgs::names(&mut conn, OrgId(keep))
                .await
                .unwrap()
                .into_iter()
                .map(|n| n.name)
                .collect();
            assert!(names.contains(&"Wurzen Mills".to_owned()), "{names:?}");
            assert!(
                names.contains(&"Wurzener Muehlenwerke AG".to_owned()),
                "{names:?}"
            );
            let links = orgs::links(&mut conn, OrgId(keep)).await.unwrap();
            assert!(
                links.iter().any(|l| l.to_org_id == OrgId(solar)),
                "{links:?}"
            );
        }
        let scope = app
            .api_json(
                &staff,
                &format!("/api/v1/network/partners/{chamber_org}/scope"),
            )
            .await;
        assert!(scope.to_string().contains(&format!("{keep}")), "{scope}");
        // Found by the merged one's names.
        assert!(
            app.api_json(&staff, "/api/v1/organisations?q=wurzen%20mills")
                .await["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["id"] == keep)
        );
        // The audit trail: the merged one's entries stay, and the merge has before and after.
        let entries = app
            .api_json(
                &admin,
                &format!("/api/v1/audit?entity=organisation&entity_id={merged}"),
            )
            .await["items"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(entries.len(), merged_audit + 1);
        assert!(
            entries
                .iter()
                .any(|e| e["action"] == "merged_into" && e["after"]["kept_id"] == keep)
        );
        let merge = app
            .api_json(
                &admin,
                &format!("/api/v1/audit?entity=organisation&entity_id={keep}&action=merge"),
            )
            .await["items"][0]
            .clone();
        assert_eq!(merge["before"]["merged"]["id"], merged);
        assert_eq!(merge["after"]["merged_id"], merged);
        assert_eq!(merge["after"]["moved"]["network_approaches"][0], 1);

        // Contacts: the merged one's positions and consent history move, it answers 404.
        let ole = create_contact(
            &app,
            &staff,
            json!({"family_name": "Kühn", "given_names": "Ole", "email": "ole@kuehn.example"}),
        )
        .await;
        let ole2 = create_contact(&app, &staff, json!({"family_name": "Kühn", "given_names": "Ole", "email": "ole@kuehn.example",
            "phone": "+49 341 1111111", "legal_basis": "consent", "org_id": solar, "role_title": "Vertrieb"})).await;
        let r = app
            .api_post_json(
                &staff,
                "/api/v1/network/merge",
                &json!({"kind": "contacts", "keep": ole, "merged": ole2}),
            )
            .await;
        assert_eq!(r.status(), 200);
        let (status, _) = app
            .api_status_json(&staff, &format!("/api/v1/network/contacts/{ole2}"))
            .await;
        assert_eq!(status, 404);
        let c = app
            .api_json(&staff, &format!("/api/v1/network/contacts/{ole}"))
            .await;
        assert_eq!(c["item"]["contact"]["phone"], "+49 341 1111111");
        assert_eq!(c["item"]["affiliations"][0]["org_id"], solar);
        assert_eq!(c["item"]["consents"].as_array().unwrap().len(), 1);
        let merge = app
            .api_json(
                &admin,
                &format!("/api/v1/audit?entity=network_contact&entity_id={ole}&action=merge"),
            )
            .await["items"][0]
            .clone();
        assert!(!merge.to_string().contains("Kühn"), "ids only: {merge}");
        assert!(!merge.to_string().contains("1111111"), "ids only: {merge}");
    }
);

on_both!(
    the_import_page_lists_problems_in_the_readers_language_and_then_imports,
    |app: TestApp| async move {
        let staff = app.login(STAFF).await;
        let html = app.page(&staff, "/network/import?lang=de").await;
        let csrf = csrf_of(&html);
        let bad = "name;land\nGute Firma GmbH;DE\nSchlechte Firma;Vietnam\n";
        let r = post_multipart(
            &app,
            &staff,
            "/network/import",
            &[
                ("csrf", None, csrf.as_bytes()),
                ("kind", None, b"organisations"),
                ("file", Some("firmen.csv"), bad.as_bytes()),
            ],
        )
        .await;
        assert_eq!(r.status(), 200);
        let page = r.text().await.unwrap();
        assert!(page.contains("Es wurde nichts importiert"), "{page}");
        assert!(page.contains("Zeile 3, Spalte „land“:"), "{page}");
        let good = "name;land\nGute Firma GmbH;DE\n";
        let r = post_multipart(
            &app,
            &staff,
            "/network/import",
            &[
                ("csrf", None, csrf.as_bytes()),
                ("kind", None, b"organisations"),
                ("file", Some("firmen.csv"), good.as_bytes()),
            ],
        )
        .await;
        let page = r.text().await.unwrap();
        assert!(page.contains("Importiert: 1 angelegt"), "{page}");
        let sample = staff
            .get(app.url("/network/import/samples/organisations.csv"))
            .send()
            .await
            .unwrap();
        assert_eq!(sample.status(), 200);
        // The sample files import as they are (organisations first, then people, approaches).
        let token = app.token(STAFF).await;
        for kind in ["organisations", "people", "approaches"] {
            let body = staff
                .get(app.url(&format!("/network/import/samples/{kind}.csv")))
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            let r = import(&app, &token, kind, &body, false).await;
            assert_eq!(r.status(), 200, "{kind}: {}", r.text().await.unwrap());
        }
        // Other roles: the page is not found.
        let admin = app.login(ADMIN).await;
        let r = admin.get(app.url("/network/import")).send().await.unwrap();
        assert_eq!(r.status(), 404);
        let r = admin
            .get(app.url("/network/duplicates"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
    }
);
