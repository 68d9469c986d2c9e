//! The reminders of the partner network and of pooled procurement (issues 13 and 14) through the
//! one notification mechanism, on both databases, through the real app: each kind reaches the
//! right people only (a clinic's buyers, an obligation's owner while they may read the
//! agreement), once (a second run of the job raises nothing), the lot's 90-day and 30-day
//! stages are two occasions, each link opens for its recipient, the calendar feed carries the
//! dated kinds (read with a real iCalendar parser), and a reminder chosen "at once" arrives by
//! e-mail through a real SMTP server.

use serde_json::Value;

use crate::helpers::{self, ADMIN, BUYER, EMPLOYER, STAFF, TestApp};
use crate::notifications::{feed_path, instance_at, job_settled, now, outbox_drained};

const ST_GEORG: &str = "Städtisches Klinikum St. Georg (Demo)";
const BORNA: &str = "Klinikum Borna (Demo)";
const BORNA_BUYER: &str = "p.lange@borna.example";
const DAY: i64 = 86_400;

/// The caller's notifications of one kind (all pages).
async fn of_kind(app: &TestApp, token: &str, kind: &str) -> Vec<Value> {
    let page = app
        .api_json(
            token,
            &format!("/api/v1/notifications?kind={kind}&limit=200"),
        )
        .await;
    page["items"].as_array().unwrap().clone()
}

/// The record keys of a person's notifications of one kind, read from the database.
async fn keys(app: &TestApp, email: &str, kind: &str) -> Vec<String> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT n.record_key FROM notifications n JOIN users u ON u.id = n.user_id \
         WHERE u.email = $1 AND n.kind = $2 ORDER BY n.record_key",
    )
    .bind(email)
    .bind(kind)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    rows.into_iter().map(|(k,)| k).collect()
}

/// A clinic buyer of Borna, opened by the administrator.
async fn borna_buyer(app: &TestApp) {
    let admin = app.login(ADMIN).await;
    let borna = app.org_id(BORNA).await.to_string();
    let r = app
        .submit(
            &admin,
            "/admin/users",
            "/admin/users",
            &[
                ("display_name", "Petra Lange"),
                ("email", BORNA_BUYER),
                ("role", "clinic_buyer"),
                ("org_id", &borna),
                ("language", "de"),
                ("password", helpers::PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
}

/// Every link of `items` opens for the client (200).
async fn links_open(app: &TestApp, client: &reqwest::Client, items: &[Value]) {
    for n in items {
        app.page(client, n["link"].as_str().unwrap()).await;
    }
}

crate::on_both!(
    the_networks_reminders_reach_their_owners_once,
    |app: TestApp| async move {
        job_settled(&app).await;
        let token = app.token(STAFF).await;
        let staff = app.login(STAFF).await;

        // The demo: a next step due in three days, an obligation due in five (the one in 40
        // days is not yet), a memorandum ending in 75 days.
        let follow = of_kind(&app, &token, "network_follow_up_due").await;
        assert_eq!(follow.len(), 1, "{follow:?}");
        assert!(
            follow[0]["link"]
                .as_str()
                .unwrap()
                .starts_with("/network/approaches?org=")
        );
        let obligations = of_kind(&app, &token, "agreement_obligation_due").await;
        assert_eq!(obligations.len(), 1, "{obligations:?}");
        let terms = of_kind(&app, &token, "agreement_term_ending").await;
        assert_eq!(terms.len(), 1, "{terms:?}");
        links_open(&app, &staff, &follow).await;
        links_open(&app, &staff, &obligations).await;
        links_open(&app, &staff, &terms).await;
        let list = app.page(&staff, "/notifications").await;
        assert!(
            list.contains("Nächster Schritt nach der Ansprache von"),
            "{list}"
        );
        assert!(
            list.contains("Pflicht aus „Beschaffungskooperation"),
            "{list}"
        );
        assert!(list.contains("Die Laufzeit von „Memorandum of Understanding"));

        // Nobody else hears of them.
        for email in [BUYER, EMPLOYER] {
            let other = app.token(email).await;
            for kind in [
                "network_follow_up_due",
                "agreement_obligation_due",
                "agreement_term_ending",
            ] {
                assert!(
                    of_kind(&app, &other, kind).await.is_empty(),
                    "{email} {kind}"
                );
            }
        }

        // The job again: nothing new.
        let today = instance_at(&app, now(), None).await;
        today.raise_due_notifications().await.unwrap();
        assert_eq!(today.raise_due_notifications().await.unwrap().raised, 0);

        // Ten days on the next step and the obligation are overdue: new occasions, once.
        let later = instance_at(&app, now() + 10 * DAY, None).await;
        assert!(later.raise_due_notifications().await.unwrap().raised >= 2);
        assert_eq!(later.raise_due_notifications().await.unwrap().raised, 0);
        let follow = of_kind(&app, &token, "network_follow_up_due").await;
        assert_eq!(follow.len(), 2);
        assert!(follow.iter().any(|n| n["params"]["overdue"] == true));
        let list = app
            .page(&staff, "/notifications?kind=network_follow_up_due")
            .await;
        assert!(list.contains("Überfällig: nächster Schritt"), "{list}");

        // An obligation owned by the clinic's buyer: theirs while their clinic is a party to
        // the agreement; of an agreement they may not read, the staff's instead.
        let agreements = app
            .api_json(&token, "/api/v1/network/agreements?limit=50")
            .await;
        let id_of = |prefix: &str| {
            agreements["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["title"].as_str().unwrap().starts_with(prefix))
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        };
        let cooperation = id_of("Beschaffungskooperation");
        let memorandum = id_of("Memorandum");
        let buyer_id = app.user_id(BUYER).await;
        let tomorrow = standort_domain::date::format_date((now() / DAY + 1) * DAY);
        for agreement in [cooperation, memorandum] {
            let r = app
                .api_post_json(
                    &token,
                    &format!("/api/v1/network/agreements/{agreement}/obligations"),
                    &serde_json::json!({
                        "description": "Bedarfsmeldung abstimmen",
                        "due": tomorrow,
                        "owner": buyer_id,
                    }),
                )
                .await;
            assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
        }
        let buyer_token = app.token(BUYER).await;
        let theirs = of_kind(&app, &buyer_token, "agreement_obligation_due").await;
        assert_eq!(theirs.len(), 1, "raised in the write itself: {theirs:?}");
        assert_eq!(
            theirs[0]["link"],
            format!("/network/agreements/{cooperation}")
        );
        let buyer = app.login(BUYER).await;
        links_open(&app, &buyer, &theirs).await;
        let staffs = of_kind(&app, &token, "agreement_obligation_due").await;
        assert!(
            staffs
                .iter()
                .any(|n| n["link"] == format!("/network/agreements/{memorandum}")),
            "{staffs:?}"
        );

        // An approach recorded with a next step due tomorrow is announced at once.
        let orgs = app
            .api_json(&token, "/api/v1/organisations?kind=company&limit=1")
            .await;
        let company = orgs["items"][0]["id"].as_i64().unwrap();
        let before = of_kind(&app, &token, "network_follow_up_due").await.len();
        let r = app
            .api_post_json(
                &token,
                "/api/v1/network/approaches",
                &serde_json::json!({
                    "org_id": company,
                    "channel": "call",
                    "on": standort_domain::date::format_date(now() / DAY * DAY),
                    "topic": "Erweiterung",
                    "next_step": "Angebot schicken",
                    "next_due": tomorrow,
                    "confirm": true,
                }),
            )
            .await;
        assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
        assert_eq!(
            of_kind(&app, &token, "network_follow_up_due").await.len(),
            before + 1
        );

        // The staff member's calendar: their next steps and obligations, each with its link.
        let r = app
            .submit(&staff, "/account/notifications", "/account/calendar", &[])
            .await;
        let path = feed_path(&r.text().await.unwrap());
        let text = reqwest::get(app.url(&path))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let calendar: icalendar::Calendar = text.parse().expect("RFC 5545");
        use icalendar::Component;
        let uids: Vec<String> = calendar
            .events()
            .map(|e| e.property_value("UID").unwrap().to_owned())
            .collect();
        assert!(uids.iter().any(|u| u.starts_with("follow-up-")), "{text}");
        assert!(uids.iter().any(|u| u.starts_with("obligation-")), "{text}");
        for e in calendar.events() {
            let uid = e.property_value("UID").unwrap();
            if uid.starts_with("obligation-") || uid.starts_with("follow-up-") {
                let url = e.get_url().unwrap();
                let path = &url[url.find("/network/").unwrap()..];
                app.page(&staff, path).await;
                assert!(!e.get_summary().unwrap().is_empty());
            }
        }
    }
);

crate::on_both!(
    procurement_reminders_reach_the_clinics_buyers_only,
    |app: TestApp| async move {
        job_settled(&app).await;
        borna_buyer(&app).await;
        // The new buyer is resolved when the job next runs.
        let today = instance_at(&app, now(), None).await;
        today.raise_due_notifications().await.unwrap();
        assert_eq!(today.raise_due_notifications().await.unwrap().raised, 0);

        let st_georg = app.org_id(ST_GEORG).await;
        let borna = app.org_id(BORNA).await;
        let token = app.token(BUYER).await;
        let buyer = app.login(BUYER).await;

        // St. Georg is under 14 days of FFP2, and has gloves expiring next month.
        let low = of_kind(&app, &token, "stock_low").await;
        assert!(
            low.iter()
                .any(|n| n["params"]["item"] == "Atemschutzmaske FFP2"),
            "{low:?}"
        );
        let expiring = of_kind(&app, &token, "lot_expiring").await;
        assert!(
            expiring.iter().any(|n| n["params"]["stage"] == 30),
            "{expiring:?}"
        );
        for n in low.iter().chain(&expiring) {
            assert_eq!(n["link"], format!("/procurement/clinics/{st_georg}"), "{n}");
        }
        links_open(&app, &buyer, &low).await;
        let rounds = of_kind(&app, &token, "round_deadline").await;
        assert_eq!(rounds.len(), 1, "the open sea-freight round: {rounds:?}");
        links_open(&app, &buyer, &rounds).await;
        let list = app.page(&buyer, "/notifications").await;
        assert!(
            list.contains("Atemschutzmaske FFP2: Vorrat nur noch für"),
            "{list}"
        );
        assert!(list.contains("Sammelbestellung „Sammelbestellung Seefracht"));

        // The buyer of Borna hears of Borna only, and of the round every clinic may join.
        let other = app.token(BORNA_BUYER).await;
        let borna_client = app.login(BORNA_BUYER).await;
        for kind in ["stock_low", "lot_expiring"] {
            let theirs = of_kind(&app, &other, kind).await;
            for n in &theirs {
                assert_eq!(n["link"], format!("/procurement/clinics/{borna}"), "{n}");
            }
            links_open(&app, &borna_client, &theirs).await;
        }
        assert_eq!(of_kind(&app, &other, "round_deadline").await.len(), 1);
        // St. Georg's page is not theirs (404), nor are its notifications.
        let r = borna_client
            .get(app.url(&format!("/procurement/clinics/{st_georg}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        // Staff and other roles receive none of these kinds.
        for email in [STAFF, EMPLOYER] {
            let t = app.token(email).await;
            for kind in ["stock_low", "lot_expiring", "round_deadline"] {
                assert!(of_kind(&app, &t, kind).await.is_empty(), "{email} {kind}");
            }
        }

        // A lot received today that expires in 60 days: the 90-day stage now, the 30-day stage
        // 35 days later — two occasions, each raised once.
        let (shield,): (i64,) =
            sqlx::query_as("SELECT id FROM procurement_items WHERE code = 'SHIELD'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        let expires = standort_domain::date::format_date((now() / DAY + 60) * DAY);
        let clinic_page = format!("/procurement/clinics/{st_georg}");
        let r = app
            .submit(
                &buyer,
                &clinic_page,
                &format!("{clinic_page}/movements"),
                &[
                    ("kind", "receipt"),
                    ("item_id", &shield.to_string()),
                    ("lot", "SH-60"),
                    ("expires_on", &expires),
                    ("quantity", "200"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let stage = |keys: &[String], stage: &str| {
            keys.iter()
                .filter(|k| k.contains(":SH-60:") && k.ends_with(stage))
                .count()
        };
        today.raise_due_notifications().await.unwrap();
        assert_eq!(today.raise_due_notifications().await.unwrap().raised, 0);
        let k = keys(&app, BUYER, "lot_expiring").await;
        assert_eq!((stage(&k, ":90"), stage(&k, ":30")), (1, 0), "{k:?}");
        let later = instance_at(&app, now() + 35 * DAY, None).await;
        later.raise_due_notifications().await.unwrap();
        assert_eq!(later.raise_due_notifications().await.unwrap().raised, 0);
        let k = keys(&app, BUYER, "lot_expiring").await;
        assert_eq!((stage(&k, ":90"), stage(&k, ":30")), (1, 1), "{k:?}");
        // Borna's buyer never heard of St. Georg's lot.
        let k = keys(&app, BORNA_BUYER, "lot_expiring").await;
        assert_eq!(stage(&k, ":90") + stage(&k, ":30"), 0, "{k:?}");

        // The buyer's calendar carries the round's deadline, linking to the round.
        let r = app
            .submit(&buyer, "/account/notifications", "/account/calendar", &[])
            .await;
        let path = feed_path(&r.text().await.unwrap());
        let text = reqwest::get(app.url(&path))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let calendar: icalendar::Calendar = text.parse().expect("RFC 5545");
        use icalendar::{Component, DatePerhapsTime};
        let round = calendar
            .events()
            .find(|e| e.property_value("UID").unwrap().starts_with("round-"))
            .expect("the round's deadline");
        let Some(DatePerhapsTime::Date(day)) = round.get_start() else {
            panic!("an all-day event");
        };
        assert_eq!(
            Some(day.format("%Y-%m-%d").to_string()),
            rounds[0]["due_on"].as_str().map(str::to_owned)
        );
        let url = round.get_url().unwrap();
        assert!(url.ends_with(rounds[0]["link"].as_str().unwrap()), "{url}");
    }
);

crate::with_mail!(
    a_reminder_chosen_at_once_arrives_by_email_and_the_rest_in_the_digest,
    |app: TestApp, smtp: helpers::smtp::MailServer| async move {
        job_settled(&app).await;
        // Staff want obligations at once.
        let staff = app.login(STAFF).await;
        let page = app.page(&staff, "/account/notifications").await;
        for kind in [
            "network_follow_up_due",
            "agreement_obligation_due",
            "agreement_term_ending",
        ] {
            assert!(page.contains(&format!("value=\"{kind}\"")), "{kind}");
        }
        let r = app
            .submit(
                &staff,
                "/account/notifications",
                "/account/notifications",
                &[
                    ("kind", "agreement_obligation_due"),
                    ("delivery", "immediate"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let token = app.token(STAFF).await;
        let agreements = app
            .api_json(&token, "/api/v1/network/agreements?limit=50")
            .await;
        let agreement = agreements["items"][0]["id"].as_i64().unwrap();
        let tomorrow = standort_domain::date::format_date((now() / DAY + 1) * DAY);
        let r = app
            .api_post_json(
                &token,
                &format!("/api/v1/network/agreements/{agreement}/obligations"),
                &serde_json::json!({ "description": "Bericht", "due": tomorrow }),
            )
            .await;
        assert_eq!(r.status(), 201);
        let mail = smtp.message_to(STAFF).await;
        assert_eq!(mail.subject(), "Standort: Pflichten aus Vereinbarungen");
        // The due date as the recipient's language (German) writes it.
        let shown =
            standort_web::format::date(standort_domain::Language::De, (now() / DAY + 1) * DAY);
        assert!(mail.text().contains(&shown), "{}", mail.text());
        let path = mail.link_path(helpers::LINK_BASE);
        assert_eq!(path, format!("/network/agreements/{agreement}"));
        app.page(&staff, &path).await;

        // The buyer's reminders wait for the digest, written with the same texts.
        outbox_drained(&app).await;
        let digest = instance_at(&app, now(), Some(&smtp)).await;
        digest.send_digests().await.unwrap();
        let mail = smtp.message_to(BUYER).await;
        let text = mail.text();
        assert!(
            text.contains("Atemschutzmaske FFP2: Vorrat nur noch für"),
            "{text}"
        );
        assert!(text.contains("Charge"), "{text}");
        assert!(text.contains("/procurement/clinics/"), "{text}");
    }
);
