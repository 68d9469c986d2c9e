//! Pooled procurement over HTTP against the real app with the demo data: a clinic buyer sees
//! and records only their own clinic's stock (another clinic's answers 404 and nothing is
//! written), bad input is refused with nothing written, and a short supply goes from an
//! allocation by the agency to every clinic's stock, each buyer seeing only their own share.

use serde_json::{Value, json};

use crate::helpers::{BUYER, STAFF, TestApp};
use crate::on_both;

async fn clinic_id(app: &TestApp, token: &str, name: &str) -> i64 {
    let clinics = app.api_json(token, "/api/v1/procurement/clinics").await;
    clinics["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().unwrap().starts_with(name))
        .unwrap_or_else(|| panic!("clinic {name}: {clinics}"))["id"]
        .as_i64()
        .unwrap()
}

async fn supply(app: &TestApp, token: &str, clinic: i64) -> Value {
    app.api_json(
        token,
        &format!("/api/v1/procurement/clinics/{clinic}/supply"),
    )
    .await
}

fn item<'a>(supply: &'a Value, code: &str) -> &'a Value {
    supply["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .unwrap_or_else(|| panic!("item {code}"))
}

on_both!(
    a_buyer_sees_and_records_only_their_own_clinic,
    |app: TestApp| async move {
        let buyer = app.token(BUYER).await;
        let staff = app.token(STAFF).await;
        // The buyer's list holds their own clinic only; staff see all three.
        let own_list = app.api_json(&buyer, "/api/v1/procurement/clinics").await;
        assert_eq!(own_list["total"], 1, "{own_list}");
        assert_eq!(own_list["items"].as_array().unwrap().len(), 1, "{own_list}");
        let all = app.api_json(&staff, "/api/v1/procurement/clinics").await;
        assert_eq!(all["total"], 3);
        let own = clinic_id(&app, &buyer, "Städtisches Klinikum St. Georg").await;
        let borna = clinic_id(&app, &staff, "Klinikum Borna").await;

        // The demo: St. Georg is under 14 days of FFP2 and has gloves expiring next month.
        let mine = supply(&app, &buyer, own).await;
        let ffp2 = item(&mine, "FFP2");
        assert_eq!(ffp2["state"], "critical", "{ffp2}");
        let days = ffp2["days_of_supply"].as_f64().unwrap();
        assert!((9.0..11.0).contains(&days), "{days}");
        assert!(ffp2["reorder_point"].as_i64().unwrap() > ffp2["usable"].as_i64().unwrap());
        assert!(ffp2["per_patient_day"].as_f64().unwrap() > 0.5);
        let gloves = item(&mine, "GLOVE-M");
        assert!(
            gloves["lots"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["short_dated"] == true),
            "{gloves}"
        );

        // Another clinic's stock: 404 on the API and the page, and writes change nothing.
        let (status, _) = app
            .api_status_json(
                &buyer,
                &format!("/api/v1/procurement/clinics/{borna}/supply"),
            )
            .await;
        assert_eq!(status, 404);
        let c = app.login(BUYER).await;
        let r = c
            .get(app.url(&format!("/procurement/clinics/{borna}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        let borna_before = supply(&app, &staff, borna).await;
        let ffp2_id = ffp2["item_id"].as_i64().unwrap();
        let issue = json!({"kind": "issue", "item_id": ffp2_id, "quantity": 10});
        let r = app
            .api_post_json(
                &buyer,
                &format!("/api/v1/procurement/clinics/{borna}/movements"),
                &issue,
            )
            .await;
        assert_eq!(r.status(), 404);
        assert_eq!(supply(&app, &staff, borna).await, borna_before);
        // Staff read every clinic but record none.
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/procurement/clinics/{own}/movements"),
                &issue,
            )
            .await;
        assert_eq!(r.status(), 403);

        // Bad input: clear problems, nothing written.
        let usable = ffp2["usable"].as_i64().unwrap();
        for (body, status, detail) in [
            (
                json!({"kind": "issue", "item_id": ffp2_id, "quantity": usable + 1}),
                409,
                "stock",
            ),
            (
                json!({"kind": "issue", "item_id": ffp2_id, "quantity": -5}),
                422,
                "quantity",
            ),
            (
                json!({"kind": "receipt", "item_id": ffp2_id, "quantity": 100}),
                422,
                "lot",
            ),
            (
                json!({"kind": "receipt", "item_id": ffp2_id, "quantity": 100, "lot": "X", "expires_on": "2001-01-01"}),
                422,
                "expires_on",
            ),
            (
                json!({"kind": "steal", "item_id": ffp2_id, "quantity": 1}),
                422,
                "kind",
            ),
        ] {
            let r = app
                .api_post_json(
                    &buyer,
                    &format!("/api/v1/procurement/clinics/{own}/movements"),
                    &body,
                )
                .await;
            assert_eq!(r.status().as_u16(), status, "{body}");
            let problem = r.text().await.unwrap();
            assert!(problem.contains(detail), "{body}: {problem}");
        }
        assert_eq!(supply(&app, &buyer, own).await["items"], mine["items"]);

        // An issue through the page takes the earliest expiry first.
        let r = app
            .submit(
                &c,
                &format!("/procurement/clinics/{own}"),
                &format!("/procurement/clinics/{own}/movements"),
                &[
                    ("kind", "issue"),
                    ("item_id", &ffp2_id.to_string()),
                    ("quantity", "40"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let after = supply(&app, &buyer, own).await;
        assert_eq!(
            item(&after, "FFP2")["usable"].as_i64().unwrap(),
            usable - 40
        );

        // The buyer's dashboard shows the days of supply and the critical item.
        let html = app.page(&c, "/dashboard").await;
        assert!(html.contains("Kritische Artikel"), "{html}");
        assert!(html.contains("Atemschutzmaske FFP2:"), "{html}");
        assert!(!html.contains("Hier sehen Sie künftig"));
    }
);

on_both!(
    a_short_supply_is_allocated_fairly_and_booked_into_each_clinic,
    |app: TestApp| async move {
        let buyer = app.token(BUYER).await;
        let staff = app.token(STAFF).await;
        let own = clinic_id(&app, &buyer, "Städtisches Klinikum St. Georg").await;

        // The demo donation of 100,000 masks: split and booked; the buyer sees their share only.
        let list = app
            .api_json(&staff, "/api/v1/procurement/allocations")
            .await;
        let donation = list.as_array().unwrap()[0].clone();
        assert_eq!(donation["available"], 100_000);
        assert_eq!(donation["status"], "delivered");
        let id = donation["id"].as_i64().unwrap();
        let full = app
            .api_json(&staff, &format!("/api/v1/procurement/allocations/{id}"))
            .await;
        let shares = full["shares"].as_array().unwrap();
        assert_eq!(shares.len(), 3);
        let total: i64 = shares
            .iter()
            .map(|s| s["allocated"].as_i64().unwrap())
            .sum();
        assert_eq!(
            total, 100_000,
            "demand exceeds supply: everything is handed out"
        );
        for s in shares {
            assert!(s["allocated"].as_i64().unwrap() <= s["requested"].as_i64().unwrap());
        }
        let seen = app
            .api_json(&buyer, &format!("/api/v1/procurement/allocations/{id}"))
            .await;
        assert_eq!(seen["shares"].as_array().unwrap().len(), 1);
        assert_eq!(seen["shares"][0]["clinic_id"], own);

        // A pooled order: staff open it, the buyer enters a line, staff order and split the
        // short delivery, then book it in.
        let mekong = app
            .api_json(&staff, "/api/v1/organisations?limit=200")
            .await["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == "Mekong Medical Supplies (Demo)")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let r = app
            .api_post_json(
                &staff,
                "/api/v1/procurement/orders",
                &json!({"supplier_id": mekong, "title": "Eilbestellung FFP2", "transport_mode": "air"}),
            )
            .await;
        assert_eq!(r.status(), 201);
        let order = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let mine = supply(&app, &buyer, own).await;
        let ffp2 = item(&mine, "FFP2");
        let ffp2_id = ffp2["item_id"].as_i64().unwrap();
        let before = ffp2["usable"].as_i64().unwrap();
        let c = app.login(BUYER).await;
        let r = app
            .submit(
                &c,
                &format!("/procurement/orders/{order}"),
                &format!("/procurement/orders/{order}/lines"),
                &[("item_id", &ffp2_id.to_string()), ("quantity", "4010")],
            )
            .await;
        assert_eq!(r.status(), 303);
        // The line is rounded up to whole packs of 20.
        let v = app
            .api_json(&buyer, &format!("/api/v1/procurement/orders/{order}"))
            .await;
        assert_eq!(v["lines"][0]["quantity"], 4020);
        // A buyer cannot allocate, and cannot move the order on.
        let split = json!({"item_id": ffp2_id, "title": "Luftfracht", "source": "shipment",
            "order_id": order, "available": 3000, "lot": "VN-AIR-FFP2-EIL", "expires_on": "2031-01-31"});
        let r = app
            .api_post_json(&buyer, "/api/v1/procurement/allocations", &split)
            .await;
        assert_eq!(r.status(), 404);
        let r = app
            .api_post_json(
                &staff,
                &format!("/api/v1/procurement/orders/{order}/status"),
                &json!({"status": "ordered"}),
            )
            .await;
        assert_eq!(r.status(), 204);
        // Lines are closed now.
        let r = app
            .api_post_json(
                &buyer,
                &format!("/api/v1/procurement/orders/{order}/lines"),
                &json!({"item_id": ffp2_id, "quantity": 20}),
            )
            .await;
        assert_eq!(r.status(), 409);
        let r = app
            .api_post_json(&staff, "/api/v1/procurement/allocations", &split)
            .await;
        assert_eq!(r.status(), 201);
        let a = r.json::<Value>().await.unwrap();
        let shares = a["shares"].as_array().unwrap();
        assert_eq!(shares.len(), 1, "only St. Georg had a line: {a}");
        assert_eq!(shares[0]["requested"], 4020);
        assert_eq!(
            shares[0]["allocated"], 3000,
            "short shipment: all of it, no more"
        );
        let alloc = a["allocation"]["id"].as_i64().unwrap();
        // Proposed, not yet in stock.
        assert_eq!(
            item(&supply(&app, &buyer, own).await, "FFP2")["usable"]
                .as_i64()
                .unwrap(),
            before
        );
        let deliver = format!("/api/v1/procurement/allocations/{alloc}/deliver");
        let r = app.api_post_json(&staff, &deliver, &json!({})).await;
        assert_eq!(r.status(), 204);
        let r = app.api_post_json(&staff, &deliver, &json!({})).await;
        assert_eq!(r.status(), 409, "booked once only");
        let after = supply(&app, &buyer, own).await;
        assert_eq!(
            item(&after, "FFP2")["usable"].as_i64().unwrap(),
            before + 3000
        );
        let v = app
            .api_json(&staff, &format!("/api/v1/procurement/orders/{order}"))
            .await;
        assert_eq!(v["order"]["status"], "delivered");
        // The pages of the flow open for staff and show the share's reason for the buyer.
        let s = app.login(STAFF).await;
        for path in [
            "/procurement".to_owned(),
            "/procurement/orders".to_owned(),
            format!("/procurement/orders/{order}"),
            "/procurement/allocations".to_owned(),
            format!("/procurement/allocations/{alloc}"),
            "/procurement/items".to_owned(),
        ] {
            app.page(&s, &path).await;
        }
        let html = app
            .page(&c, &format!("/procurement/allocations/{id}"))
            .await;
        assert!(html.contains("Reichweite vorher"), "{html}");
        assert!(
            !html.contains("Klinikum Borna"),
            "other clinics' shares stay hidden"
        );
    }
);

/// The figure of a dashboard card, by its title.
fn card_figure(html: &str, title: &str) -> i64 {
    let at = html
        .find(&format!("<h2>{title}</h2>"))
        .unwrap_or_else(|| panic!("card {title}: {html}"));
    let rest = &html[at..];
    let start = rest.find("<p class=\"figure\">").expect("a figure") + 18;
    rest[start..]
        .split('<')
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Critical items of one clinic in the staff's overview.
async fn critical_of(app: &TestApp, staff: &str, clinic: i64) -> i64 {
    let clinics = app.api_json(staff, "/api/v1/procurement/clinics").await;
    clinics["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == clinic)
        .unwrap()["critical"]
        .as_i64()
        .unwrap()
}

on_both!(
    every_clinics_supply_follows_each_change_at_once,
    |app: TestApp| async move {
        // The staff's card and overview read every clinic's supply, kept per version of what it
        // is computed from: each change must show on the next view, on this instance and on
        // another one.
        let staff = app.token(STAFF).await;
        let buyer = app.token(BUYER).await;
        let staff_page = app.login(STAFF).await;
        let own = clinic_id(&app, &buyer, "Städtisches Klinikum St. Georg").await;
        const CARD: &str = "Kliniken mit kritischem Bestand";
        let card_before = card_figure(&app.page(&staff_page, "/dashboard").await, CARD);
        let critical_before = critical_of(&app, &staff, own).await;
        assert!(
            card_before >= 1 && critical_before >= 1,
            "the demo's FFP2 shortage"
        );
        // The same figures again (now from what was kept).
        assert_eq!(
            card_figure(&app.page(&staff_page, "/dashboard").await, CARD),
            card_before
        );
        // A receipt of FFP2 ends St. Georg's only critical item.
        let mine = supply(&app, &buyer, own).await;
        let ffp2_id = item(&mine, "FFP2")["item_id"].as_i64().unwrap();
        let receipt = json!({"kind": "receipt", "item_id": ffp2_id, "quantity": 500000,
            "lot": "CACHE-1", "expires_on": "2099-01-01"});
        let r = app
            .api_post_json(
                &buyer,
                &format!("/api/v1/procurement/clinics/{own}/movements"),
                &receipt,
            )
            .await;
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
        assert_eq!(critical_of(&app, &staff, own).await, critical_before - 1);
        let card_after = card_figure(&app.page(&staff_page, "/dashboard").await, CARD);
        if critical_before == 1 {
            assert_eq!(card_after, card_before - 1);
        }
        // Another instance on the same database sees the same at once.
        let other = crate::helpers::second_instance(&app.url).await;
        let clinics: Value = reqwest::Client::new()
            .get(format!("{other}/api/v1/procurement/clinics"))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let there = clinics["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == own)
            .unwrap();
        assert_eq!(there["critical"].as_i64().unwrap(), critical_before - 1);
    }
);

/// The lot `lot` of item `code` in a supply: `(expires_on, quantity)`.
fn lot_of(supply: &Value, code: &str, lot: &str) -> Option<(String, i64)> {
    item(supply, code)["lots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["lot"] == lot)
        .map(|l| {
            (
                l["expires_on"].as_str().unwrap_or_default().to_owned(),
                l["quantity"].as_i64().unwrap(),
            )
        })
}

on_both!(
    a_receipt_is_booked_from_a_gs1_scan,
    |app: TestApp| async move {
        let buyer = app.token(BUYER).await;
        let own = clinic_id(&app, &buyer, "Städtisches Klinikum St. Georg").await;
        let before = supply(&app, &buyer, own).await;
        let ffp2_id = item(&before, "FFP2")["item_id"].as_i64().unwrap();
        let year: i32 = before["today"].as_str().unwrap()[..4].parse().unwrap();
        let (yy, later) = ((year + 2) % 100, year + 2);
        let movements = format!("/api/v1/procurement/clinics/{own}/movements");

        // The API, raw as a DataMatrix scanner sends it: symbology identifier, GS separators,
        // expiry day 00 (the month's last day), serial and count. The demo's FFP2 GTIN.
        let scan =
            format!("]d2010401234500001617{yy:02}1100\u{1d}10SCAN-GS\u{1d}21SN-0001\u{1d}30240");
        let r = app
            .api_post_json(&buyer, &movements, &json!({"kind": "receipt", "gs1": scan}))
            .await;
        assert_eq!(r.status(), 201);
        let rows: Value = r.json().await.unwrap();
        assert_eq!(rows[0]["item_id"], ffp2_id, "{rows}");
        assert_eq!(rows[0]["lot"], "SCAN-GS");
        assert_eq!(rows[0]["expires_on"], format!("{later}-11-30"));
        assert_eq!(rows[0]["quantity"], 240);
        assert_eq!(rows[0]["kind"], "receipt");
        let after_api = supply(&app, &buyer, own).await;
        assert_eq!(
            item(&after_api, "FFP2")["usable"].as_i64().unwrap(),
            item(&before, "FFP2")["usable"].as_i64().unwrap() + 240
        );
        assert_eq!(
            lot_of(&after_api, "FFP2", "SCAN-GS"),
            Some((format!("{later}-11-30"), 240))
        );

        // The page, bracketed as printed under the barcode, without a count: the quantity
        // field counts; the scan names the item (gowns), whatever the item list says.
        let c = app.login(BUYER).await;
        let r = app
            .submit(
                &c,
                &format!("/procurement/clinics/{own}"),
                &format!("/procurement/clinics/{own}/movements"),
                &[
                    ("kind", "receipt"),
                    ("item_id", &ffp2_id.to_string()),
                    (
                        "gs1",
                        &format!("(01) 04012345000054 (17) {yy:02}1231 (10) SCAN-BR\r\n"),
                    ),
                    ("quantity", "30"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let to = r.headers()["location"].to_str().unwrap().to_owned();
        assert!(to.contains("scan=1"), "{to}");
        let after_page = supply(&app, &buyer, own).await;
        assert_eq!(
            lot_of(&after_page, "GOWN", "SCAN-BR"),
            Some((format!("{later}-12-31"), 30))
        );
        assert_eq!(
            item(&after_page, "GOWN")["usable"].as_i64().unwrap(),
            item(&before, "GOWN")["usable"].as_i64().unwrap() + 30
        );
        assert_eq!(
            item(&after_page, "FFP2")["usable"],
            item(&after_api, "FFP2")["usable"]
        );
        // Back on the page after a scan, the scan field has the focus for the next label.
        let html = app.page(&c, &to).await;
        assert!(
            html.contains("id=\"gs1\"") && html.contains(" autofocus"),
            "{html}"
        );

        // What cannot be read, an unknown GTIN, an expired lot: a clear 422, nothing written.
        let past = (year - 1) % 100;
        for (scan, kind, detail) in [
            (
                "(01)04012345000017(10)X(30)5",
                "receipt",
                "GTIN 04012345000017 has a wrong check digit",
            ),
            ("0104012345000017\u{1d}10X", "receipt", "position 3"),
            (
                "(01)04006381333931(10)X(30)5",
                "receipt",
                "No catalogue item has the GTIN 04006381333931",
            ),
            (
                &*format!("(01)04012345000016(17){past:02}0101(10)OLD(30)5"),
                "receipt",
                "expiry date has passed",
            ),
            (
                "(01)04012345000016(4711)X",
                "receipt",
                "unknown application identifier 4711",
            ),
            ("10ABCDEFGHIJKLMNOPQRSTUVWXYZ", "receipt", "longer than 20"),
            ("]d1HELLO", "receipt", "not a GS1 barcode"),
            (
                "(01)04012345000016(10)X(30)5",
                "issue",
                "only be booked as a receipt",
            ),
        ] {
            let r = app
                .api_post_json(&buyer, &movements, &json!({"kind": kind, "gs1": scan}))
                .await;
            assert_eq!(r.status(), 422, "{scan}");
            let problem: Value = r.json().await.unwrap();
            let text = problem["detail"].as_str().unwrap();
            assert!(text.contains(detail), "{scan}: {problem}");
        }
        // The page answers in the user's language (German by default).
        let r = app
            .submit(
                &c,
                &format!("/procurement/clinics/{own}"),
                &format!("/procurement/clinics/{own}/movements"),
                &[
                    ("kind", "receipt"),
                    ("item_id", &ffp2_id.to_string()),
                    ("gs1", "(01)04012345000017(10)X"),
                    ("quantity", "5"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let html = r.text().await.unwrap();
        assert!(html.contains("falsche Prüfziffer"), "{html}");
        assert_eq!(
            supply(&app, &buyer, own).await["items"],
            after_page["items"]
        );
    }
);

on_both!(
    the_clinics_overview_searches_sorts_pages_and_downloads,
    |app: TestApp| async move {
        // The overview lists every clinic of the channel, so with hundreds of clinics it must
        // page, and staff find one by name as they would type it.
        let staff = app.token(STAFF).await;
        let s = app.login(STAFF).await;
        // A name typed without the umlaut and in other case finds the clinic; the others not.
        let html = app.page(&s, "/procurement?q=STADTISCHES%20georg").await;
        assert!(html.contains("Städtisches Klinikum St. Georg"), "{html}");
        assert!(!html.contains("Klinikum Borna"), "{html}");
        let html = app.page(&s, "/procurement?q=Zwickau").await;
        assert!(html.contains("Keine Klinik mit diesem Namen"), "{html}");
        // The default order puts the clinic needing help first (St. Georg: critical FFP2);
        // one row per page gives a pager to the next.
        let html = app.page(&s, "/procurement?limit=1").await;
        assert!(html.contains("Städtisches Klinikum St. Georg"), "{html}");
        assert!(!html.contains("Universitätsklinikum"), "{html}");
        assert!(html.contains("/procurement?offset=1&#38;limit=1"), "{html}");
        // Sorted by name: Borna, Städtisches, Universitäts; the header says so.
        let html = app.page(&s, "/procurement?sort=name&dir=asc").await;
        let at = |name: &str| html.find(name).unwrap_or_else(|| panic!("{name}"));
        assert!(at("Klinikum Borna") < at("Städtisches Klinikum"));
        assert!(at("Städtisches Klinikum") < at("Universitätsklinikum Leipzig"));
        assert!(html.contains("aria-sort=\"ascending\""), "{html}");
        // The download carries what the list shows, headers in German, for German Excel.
        let r = s
            .get(app.url("/procurement?q=borna&format=csv"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let csv = r.text().await.unwrap();
        assert!(csv.starts_with("\u{feff}Klinik;"), "{csv}");
        assert_eq!(csv.lines().count(), 2, "{csv}");
        assert!(csv.contains("Klinikum Borna"), "{csv}");
        // The API pages and searches the same way; a buyer finds only their own clinic.
        let found = app
            .api_json(&staff, "/api/v1/procurement/clinics?q=borna")
            .await;
        assert_eq!(found["total"], 1, "{found}");
        let second = app
            .api_json(&staff, "/api/v1/procurement/clinics?limit=1&offset=1")
            .await;
        assert_eq!(second["total"], 3);
        assert_eq!(second["items"].as_array().unwrap().len(), 1);
        assert!(
            !second["items"][0]["name"]
                .as_str()
                .unwrap()
                .starts_with("Städtisches"),
            "the first page holds the clinic needing help first"
        );
        let buyer = app.token(BUYER).await;
        let none = app
            .api_json(&buyer, "/api/v1/procurement/clinics?q=borna")
            .await;
        assert_eq!(none["total"], 0, "{none}");
    }
);
