//! The network's contacts as vCards and its fairs and trips as iCalendar, over HTTP against
//! the real app with the demo data: the export read back with real parsers (calcard for vCard,
//! icalendar for RFC 5545) and compared field by field, in Vietnamese and Japanese script; the
//! import of files written as Outlook, Apple Contacts, Google Contacts and Thunderbird write
//! them (`tests/fixtures/vcard`); a broken file that writes nothing and names card and line;
//! duplicates reported; the export audited and hidden (404) from whoever may not read contacts.

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};
use serde_json::{Value, json};

use crate::helpers::{ADMIN, BUYER, CANDIDATE, EMPLOYER, STAFF, TestApp, csrf_of};
use crate::on_both;
use crate::upload::post_multipart;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/vcard/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn values(e: &VCardEntry) -> Vec<String> {
    e.values
        .iter()
        .map(|v| match v {
            VCardValue::Text(s) => s.clone(),
            VCardValue::Component(parts) => parts.join(","),
            other => format!("{other:?}"),
        })
        .collect()
}

/// The values of every entry of that property, in the card's order.
fn all(card: &VCard, prop: VCardProperty) -> Vec<Vec<String>> {
    card.entries
        .iter()
        .filter(|e| e.name == prop)
        .map(values)
        .collect()
}

fn one(card: &VCard, prop: VCardProperty) -> String {
    let found = all(card, prop.clone());
    assert_eq!(found.len(), 1, "{prop:?} in {card:?}");
    found[0].join(";")
}

async fn contacts(app: &TestApp, token: &str) -> Vec<Value> {
    app.api_json(token, "/api/v1/network/contacts?limit=200")
        .await["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn create(app: &TestApp, token: &str, body: Value) -> i64 {
    let r = app
        .api_post_json(token, "/api/v1/network/contacts", &body)
        .await;
    assert_eq!(r.status(), 201);
    r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn import(app: &TestApp, token: &str, file: &[u8]) -> reqwest::Response {
    crate::helpers::client()
        .post(app.url("/api/v1/network/contacts/vcards"))
        .bearer_auth(token)
        .header("content-type", "text/vcard")
        .body(file.to_vec())
        .send()
        .await
        .unwrap()
}

on_both!(
    a_contact_is_exported_as_vcard_4_and_read_back_by_a_real_parser,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let mekong = app.org_id("Mekong Medical Supplies (Demo)").await;
        let sakura = app.org_id("Sakura Seimitsu K.K. (Demo)").await;
        let anh = create(
            &app,
            &token,
            json!({"family_name": "Nguyễn", "given_names": "Thị Ánh", "email": "anh@mekong.example.vn",
                   "phone": "+84 28 3822 1234", "languages": ["vi", "de"], "org_id": mekong,
                   "role_title": "Giám đốc, Xuất nhập khẩu; Miền Nam"}),
        )
        .await;
        let r = app
            .api_get(&token, &format!("/api/v1/network/contacts/{anh}/vcard"))
            .await;
        assert_eq!(r.status(), 200);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/vcard")
        );
        let text = r.text().await.unwrap();
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "folded after 75 octets: {l}");
        }
        let card = VCard::parse(&text).expect("RFC 6350");
        assert_eq!(one(&card, VCardProperty::Version), "4.0");
        assert_eq!(one(&card, VCardProperty::Fn), "Thị Ánh Nguyễn");
        let n = all(&card, VCardProperty::N).remove(0);
        assert_eq!(&n[..2], ["Nguyễn", "Thị Ánh"]);
        assert_eq!(
            one(&card, VCardProperty::Org),
            "Mekong Medical Supplies (Demo)"
        );
        assert_eq!(
            one(&card, VCardProperty::Title),
            "Giám đốc, Xuất nhập khẩu; Miền Nam",
            "commas and semicolons escaped and read back"
        );
        assert_eq!(one(&card, VCardProperty::Email), "anh@mekong.example.vn");
        assert_eq!(one(&card, VCardProperty::Tel), "+84 28 3822 1234");
        assert_eq!(
            all(&card, VCardProperty::Lang),
            [vec!["vi".to_owned()], vec!["de".to_owned()]]
        );
        let uid = one(&card, VCardProperty::Uid);
        assert!(uid.ends_with(&format!("/network/contacts/{anh}")), "{uid}");

        // A Japanese name keeps its script and its order (family name first, no space).
        let sato = create(
            &app,
            &token,
            json!({"family_name": "山田", "given_names": "花子", "org_id": sakura,
                   "role_title": "海外事業部 課長", "languages": ["ja"]}),
        )
        .await;
        let text = app
            .api_get(&token, &format!("/api/v1/network/contacts/{sato}/vcard"))
            .await
            .text()
            .await
            .unwrap();
        let card = VCard::parse(&text).expect("RFC 6350");
        assert_eq!(one(&card, VCardProperty::Fn), "山田花子");
        assert_eq!(
            &all(&card, VCardProperty::N).remove(0)[..2],
            ["山田", "花子"]
        );
        assert_eq!(
            one(&card, VCardProperty::Org),
            "Sakura Seimitsu K.K. (Demo)"
        );
        assert!(all(&card, VCardProperty::Email).is_empty());

        // The page offers the download; the list downloads every contact.
        let staff = app.login(STAFF).await;
        let html = app.page(&staff, &format!("/network/contacts/{anh}")).await;
        assert!(html.contains(&format!("/network/contacts/{anh}/vcard")));
        let r = staff
            .get(app.url(&format!("/network/contacts/{anh}/vcard")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let list = staff
            .get(app.url("/network/contacts/vcards"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let mut parser = calcard::Parser::new(&list);
        let mut names = Vec::new();
        loop {
            match parser.entry() {
                calcard::Entry::VCard(c) => names.push(one(&c, VCardProperty::Fn)),
                calcard::Entry::Eof => break,
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(names.len(), contacts(&app, &token).await.len());
        assert!(names.contains(&"山田花子".to_owned()));
        assert!(names.contains(&"Văn Minh Trần".to_owned()));

        // Audited as exports, by id only.
        let admin = app.token(ADMIN).await;
        let log = app
            .api_json(
                &admin,
                &format!("/api/v1/audit?entity=network_contact&entity_id={anh}&action=export"),
            )
            .await;
        assert_eq!(log["items"].as_array().unwrap().len(), 2, "{log}");
        let log = app
            .api_json(&admin, "/api/v1/audit?entity=network_contact&action=export")
            .await;
        assert!(log.to_string().contains(&format!("{sato}")));
        assert!(!log.to_string().contains("Nguyễn"), "no name in the log");
        assert!(!log.to_string().contains("anh@mekong"), "no address");

        // Whoever may not read contacts: not found, on the API and the page.
        for who in [ADMIN, EMPLOYER, BUYER, CANDIDATE] {
            let t = app.token(who).await;
            let r = app
                .api_get(&t, &format!("/api/v1/network/contacts/{anh}/vcard"))
                .await;
            assert_eq!(r.status(), 404, "{who}");
            let c = app.login(who).await;
            let r = c
                .get(app.url(&format!("/network/contacts/{anh}/vcard")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 404, "{who}");
            assert!(!r.text().await.unwrap().contains("BEGIN:VCARD"));
        }
        // A contact that does not exist: the same answer.
        let r = app
            .api_get(&token, "/api/v1/network/contacts/999999/vcard")
            .await;
        assert_eq!(r.status(), 404);
    }
);

on_both!(
    cards_from_outlook_apple_google_and_thunderbird_are_imported,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        // Anna Schmidt is already a contact: her card is reported, not created twice.
        let anna = create(
            &app,
            &token,
            json!({"family_name": "Schmidt", "given_names": "Anna",
                   "email": "Anna.Schmidt@klinikum.example"}),
        )
        .await;
        let before = contacts(&app, &token).await.len();

        // Outlook: 3.0, quoted-printable UTF-8, CRLF, folded, photo and X-MS- ignored.
        let r = import(&app, &token, &fixture("outlook.vcf")).await;
        assert_eq!(r.status(), 200);
        let done: Value = r.json().await.unwrap();
        assert_eq!(done["created"].as_array().unwrap().len(), 2, "{done}");
        assert_eq!(
            done["unknown_organisations"],
            json!([{"card": 2, "organisation": "Công ty Cổ phần Điện Mặt Trời Miền Nam"}])
        );
        let joerg = done["created"][0]["id"].as_i64().unwrap();
        let view = app
            .api_json(&token, &format!("/api/v1/network/contacts/{joerg}"))
            .await["item"]
            .clone();
        assert_eq!(view["contact"]["family_name"], "Müller");
        assert_eq!(view["contact"]["given_names"], "Jörg");
        assert_eq!(
            view["contact"]["email"], "joerg.mueller@solartechnik.example",
            "the PREF address, as the form stores it"
        );
        assert_eq!(view["contact"]["phone"], "+49 (341) 555-0101");
        assert_eq!(view["contact"]["legal_basis"], "legitimate_interest");
        assert_eq!(
            view["affiliations"][0]["org_name"],
            "Leipziger Solartechnik GmbH (Demo)"
        );
        assert_eq!(view["affiliations"][0]["role_title"], "Leiter Vertrieb");
        let anh = done["created"][1]["id"].as_i64().unwrap();
        let view = app
            .api_json(&token, &format!("/api/v1/network/contacts/{anh}"))
            .await["item"]
            .clone();
        assert_eq!(view["contact"]["family_name"], "Nguyễn");
        assert_eq!(view["contact"]["given_names"], "Thị Ánh");
        assert!(view["affiliations"].as_array().unwrap().is_empty());

        // Apple: item1. groups with X-ABLabel, Japanese script, an organisation found by its
        // further name (桜精密株式会社) and one written in other case.
        let done: Value = import(&app, &token, &fixture("apple.vcf"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(done["created"].as_array().unwrap().len(), 2, "{done}");
        assert!(done["unknown_organisations"].as_array().unwrap().is_empty());
        let yamada = done["created"][0]["id"].as_i64().unwrap();
        let view = app
            .api_json(&token, &format!("/api/v1/network/contacts/{yamada}"))
            .await["item"]
            .clone();
        assert_eq!(view["contact"]["family_name"], "山田");
        assert_eq!(view["contact"]["given_names"], "太郎");
        assert_eq!(
            view["contact"]["email"],
            "yamada.taro@sakura-seimitsu.example.jp"
        );
        assert_eq!(view["contact"]["phone"], "+81 3-1234-5678");
        assert_eq!(
            view["affiliations"][0]["org_name"],
            "Sakura Seimitsu K.K. (Demo)"
        );
        assert_eq!(view["affiliations"][0]["role_title"], "海外営業部長");
        let quan = done["created"][1]["id"].as_i64().unwrap();
        let view = app
            .api_json(&token, &format!("/api/v1/network/contacts/{quan}"))
            .await["item"]
            .clone();
        assert_eq!(view["contact"]["family_name"], "Trương");
        assert_eq!(
            view["affiliations"][0]["org_name"],
            "Mekong Medical Supplies (Demo)"
        );
        assert_eq!(view["affiliations"][0]["role_title"], "Phó giám đốc");

        // Google: 3.0, the work address first, Vietnamese diacritics, NOTE ignored.
        let done: Value = import(&app, &token, &fixture("google.vcf"))
            .await
            .json()
            .await
            .unwrap();
        let hoa = done["created"][0]["id"].as_i64().unwrap();
        let view = app
            .api_json(&token, &format!("/api/v1/network/contacts/{hoa}"))
            .await["item"]
            .clone();
        assert_eq!(view["contact"]["family_name"], "Lê");
        assert_eq!(view["contact"]["given_names"], "Thị Hoa");
        assert_eq!(view["contact"]["email"], "hoa.le@saigonbiotech.example.vn");
        assert_eq!(
            view["affiliations"][0]["org_name"],
            "Saigon Biotech JSC (Demo)"
        );

        // Thunderbird: 4.0; Anna's address is taken, so only Bernd is created (with his
        // languages and his tel: URI as a number).
        let done: Value = import(&app, &token, &fixture("thunderbird.vcf"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            done["duplicates"],
            json!([{"card": 1, "email": "anna.schmidt@klinikum.example", "contact_id": anna}])
        );
        assert_eq!(done["created"].as_array().unwrap().len(), 1);
        let bernd = done["created"][0]["id"].as_i64().unwrap();
        let view = app
            .api_json(&token, &format!("/api/v1/network/contacts/{bernd}"))
            .await["item"]
            .clone();
        assert_eq!(view["contact"]["phone"], "+49-341-555-0177");
        assert_eq!(view["contact"]["languages"], json!(["de", "en"]));
        assert_eq!(contacts(&app, &token).await.len(), before + 6);

        // Importing a file again creates nothing: every card is reported.
        let done: Value = import(&app, &token, &fixture("google.vcf"))
            .await
            .json()
            .await
            .unwrap();
        assert!(done["created"].as_array().unwrap().is_empty());
        assert_eq!(done["duplicates"][0]["contact_id"], hoa);

        // Created as by the form: an audit entry per contact, ids only.
        let admin = app.token(ADMIN).await;
        let log = app
            .api_json(
                &admin,
                &format!("/api/v1/audit?entity=network_contact&entity_id={yamada}&action=create"),
            )
            .await;
        assert_eq!(log["items"].as_array().unwrap().len(), 1);
        assert!(!log.to_string().contains("山田"));

        // The page: upload on the contacts list, with the legal basis chosen (consent is
        // recorded in the history, as by the form).
        let staff = app.login(STAFF).await;
        let html = app.page(&staff, "/network/contacts").await;
        let csrf = csrf_of(&html);
        let file = b"BEGIN:VCARD\r\nVERSION:4.0\r\nN:Wagner;Lea;;;\r\nFN:Lea Wagner\r\nEMAIL:lea.wagner@example.de\r\nEND:VCARD\r\n";
        let r = post_multipart(
            &app,
            &staff,
            "/network/contacts/vcards",
            &[
                ("csrf", None, csrf.as_bytes()),
                ("legal_basis", None, b"consent"),
                ("file", Some("karten.vcf"), file),
            ],
        )
        .await;
        assert_eq!(r.status(), 200);
        assert!(r.text().await.unwrap().contains("Ein Kontakt angelegt."));
        let lea = contacts(&app, &token)
            .await
            .into_iter()
            .find(|c| c["family_name"] == "Wagner")
            .unwrap();
        assert_eq!(lea["legal_basis"], "consent");
        let view = app
            .api_json(&token, &format!("/api/v1/network/contacts/{}", lea["id"]))
            .await;
        assert_eq!(view["item"]["consents"][0]["purpose"], "newsletter");
        assert_eq!(view["item"]["consents"][0]["granted"], true);

        // Others may not import.
        let t = app.token(ADMIN).await;
        assert_eq!(import(&app, &t, &fixture("google.vcf")).await.status(), 404);
    }
);

on_both!(
    a_broken_file_writes_nothing_and_names_the_card_and_line,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let before = contacts(&app, &token).await;
        let r = import(&app, &token, &fixture("broken.vcf")).await;
        assert_eq!(r.status(), 422);
        let problem: Value = r.json().await.unwrap();
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains("card 2, line 11"), "{detail}");
        assert_eq!(contacts(&app, &token).await, before, "nothing written");

        // An invalid e-mail address on the third card: named with its line.
        let mut file = String::from_utf8(fixture("google.vcf")).unwrap();
        file.push_str(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kim;Lan;;;\r\nEMAIL:kein-at-zeichen\r\nEND:VCARD\r\n",
        );
        let problem: Value = import(&app, &token, file.as_bytes())
            .await
            .json()
            .await
            .unwrap();
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains("card 2, line 17"), "{detail}");
        assert!(detail.contains("invalid-email"), "{detail}");
        // Not UTF-8, no card at all, an unended card.
        for (bad, needle) in [
            (
                b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:M\xfcller;J;;;\r\nEND:VCARD\r\n".to_vec(),
                "card 1, line 3",
            ),
            (b"hello".to_vec(), "card 1, line 1"),
            (
                b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A B\r\n".to_vec(),
                "vcard-not-ended",
            ),
            (
                b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:A;B\r\nEND:VCARD\r\n".to_vec(),
                "line 2",
            ),
        ] {
            let r = import(&app, &token, &bad).await;
            assert_eq!(r.status(), 422);
            let detail = r.json::<Value>().await.unwrap()["detail"].clone();
            assert!(detail.as_str().unwrap().contains(needle), "{detail}");
        }
        assert_eq!(contacts(&app, &token).await, before, "nothing written");

        // The page shows the refusal in the reader's language.
        let staff = app.login(STAFF).await;
        let html = app.page(&staff, "/network/contacts").await;
        let r = post_multipart(
            &app,
            &staff,
            "/network/contacts/vcards",
            &[
                ("csrf", None, csrf_of(&html).as_bytes()),
                ("legal_basis", None, b"legitimate_interest"),
                ("file", Some("kaputt.vcf"), &fixture("broken.vcf")),
            ],
        )
        .await;
        let html = r.text().await.unwrap();
        assert!(
            html.contains("Nichts importiert – Karte 2, Zeile 11:"),
            "{html}"
        );
        assert_eq!(contacts(&app, &token).await, before, "nothing written");
    }
);

on_both!(
    fairs_and_trips_are_calendars_with_stable_uids,
    |app: TestApp| async move {
        use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime, EventLike};
        let token = app.token(STAFF).await;
        let staff = app.login(STAFF).await;
        let fairs = app.api_json(&token, "/api/v1/network/fairs").await;
        let expo = fairs["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"].as_str().unwrap().contains("EXPO REAL"))
            .unwrap()
            .clone();
        let id = expo["id"].as_i64().unwrap();
        let html = app.page(&staff, &format!("/network/fairs/{id}")).await;
        assert!(html.contains(&format!("/network/fairs/{id}/calendar.ics")));
        let get = |path: String| {
            let staff = staff.clone();
            let url = app.url(&path);
            async move {
                let r = staff.get(url).send().await.unwrap();
                assert_eq!(r.status(), 200, "{path}");
                assert!(
                    r.headers()["content-type"]
                        .to_str()
                        .unwrap()
                        .starts_with("text/calendar")
                );
                r.text().await.unwrap()
            }
        };
        let text = get(format!("/network/fairs/{id}/calendar.ics")).await;
        let cal: Calendar = text.parse().expect("RFC 5545");
        let events: Vec<_> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e.get_summary(), expo["name"].as_str());
        let start = standort_domain::date::format_date(expo["start_day"].as_i64().unwrap());
        let end = standort_domain::date::format_date(expo["end_day"].as_i64().unwrap() + 86_400);
        match e.get_start() {
            Some(DatePerhapsTime::Date(d)) => assert_eq!(d.to_string(), start),
            other => panic!("all-day start: {other:?}"),
        }
        match e.get_end() {
            Some(DatePerhapsTime::Date(d)) => assert_eq!(d.to_string(), end),
            other => panic!("all-day end: {other:?}"),
        }
        assert!(e.get_location().unwrap().contains("München"));
        assert!(
            e.get_uid()
                .unwrap()
                .starts_with(&format!("network-fair-{id}@"))
        );
        assert_eq!(
            get(format!("/network/fairs/{id}/calendar.ics"))
                .await
                .lines()
                .filter(|l| l.starts_with("UID"))
                .collect::<Vec<_>>(),
            text.lines()
                .filter(|l| l.starts_with("UID"))
                .collect::<Vec<_>>(),
            "the same UIDs on every download"
        );

        // The inbound trip: the trip over its days and each itinerary item; timed items in
        // Europe/Berlin with its VTIMEZONE.
        let trips = app.api_json(&token, "/api/v1/network/trips").await;
        let inbound = trips["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["direction"] == "inbound")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let view = app
            .api_json(&token, &format!("/api/v1/network/trips/{inbound}"))
            .await["item"]
            .clone();
        let html = app.page(&staff, &format!("/network/trips/{inbound}")).await;
        assert!(html.contains(&format!("/network/trips/{inbound}/calendar.ics")));
        let text = get(format!("/network/trips/{inbound}/calendar.ics")).await;
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        let cal: Calendar = text.parse().expect("RFC 5545");
        let events: Vec<_> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e.clone()),
                _ => None,
            })
            .collect();
        let items = view["items"].as_array().unwrap();
        assert_eq!(events.len(), 1 + items.len());
        assert_eq!(events[0].get_summary(), view["trip"]["title"].as_str());
        assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"));
        for item in items {
            let uid = format!("network-trip-item-{}@", item["id"]);
            let e = events
                .iter()
                .find(|e| e.get_uid().is_some_and(|u| u.starts_with(&uid)))
                .unwrap_or_else(|| panic!("{uid}"));
            assert_eq!(e.get_summary(), item["title"].as_str());
            assert_eq!(
                e.get_location().unwrap_or(""),
                item["place"].as_str().unwrap()
            );
            let day = standort_domain::date::format_date(item["day"].as_i64().unwrap());
            let time = item["time"].as_str().unwrap();
            match e.get_start() {
                Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
                    date_time,
                    tzid,
                })) => {
                    assert_eq!(tzid, "Europe/Berlin");
                    assert_eq!(
                        date_time.format("%Y-%m-%d %H:%M").to_string(),
                        format!("{day} {time}")
                    );
                }
                Some(DatePerhapsTime::Date(d)) => {
                    assert!(time.is_empty());
                    assert_eq!(d.to_string(), day);
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(
            items
                .iter()
                .any(|i| !i.get("time").unwrap().as_str().unwrap().is_empty()),
            "the demo has timed items"
        );
        // Others than those who read the network: no calendar.
        let c = app.login(CANDIDATE).await;
        let r = c
            .get(app.url(&format!("/network/trips/{inbound}/calendar.ics")))
            .send()
            .await
            .unwrap();
        assert_ne!(r.status(), 200);
    }
);
