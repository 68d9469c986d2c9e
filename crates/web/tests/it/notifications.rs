//! Notifications (issue 12, point 4) on both databases, through the real app: the periodic job
//! raises overdue track steps once (idempotent), the bell in the header counts them, a person
//! marks one or all read and never reaches anyone else's (404), a person who chose "at once"
//! receives a real e-mail from the test's SMTP server, and the daily digest goes out once.

use std::sync::Arc;

use standort_app::notifications::{DigestReport, next_digest_at};
use standort_app::{App, Settings};
use standort_store::Db;

use crate::helpers::{self, CANDIDATE, STAFF, TestApp};

const COUNSELLOR: &str = "counsellor@demo.standort.example";

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Another instance of the application on the test's database whose clock reads `at`, writing
/// letters from the catalogue and sending through `smtp` (when given), like `standort serve`.
pub(crate) async fn instance_at(
    app: &TestApp,
    at: i64,
    smtp: Option<&helpers::smtp::MailServer>,
) -> App {
    let mut settings = Settings::default();
    if let Some(server) = smtp {
        settings.mail = standort_app::mail::MailSettings {
            smtp: Some(standort_app::mail::SmtpConfig::parse(&server.url(), None, None).unwrap()),
            from: "Standort Test <standort@agency.test>".into(),
            public_url: helpers::LINK_BASE.into(),
            every_seconds: 1,
        };
    }
    App::new(Db::connect(&app.url).await.unwrap(), settings)
        .with_clock(Arc::new(move || at))
        .with_letters(Arc::new(standort_web::mail::CatalogLetters(
            standort_web::CATALOG.clone(),
            standort_web::format::TimeZone::DEFAULT,
        )))
}

/// Waits until the server's first run of the notification job has finished (it renews its
/// lease from an hour to ten minutes), so the test's counts are not raced by it.
pub(crate) async fn job_settled(app: &TestApp) {
    loop {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT expires_at FROM leases WHERE name = 'notifications'")
                .fetch_optional(app.db.pool())
                .await
                .unwrap();
        if let Some((expires,)) = row
            && expires < now() + 1800
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Waits until the outbox has nothing left to send.
pub(crate) async fn outbox_drained(app: &TestApp) {
    loop {
        // A message being sent is still `pending` (its claim moved its next attempt ahead).
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM mail_outbox WHERE state = 'pending'")
                .fetch_one(app.db.pool())
                .await
                .unwrap();
        if n == 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

pub(crate) async fn unread(app: &TestApp, token: &str) -> i64 {
    app.api_json(token, "/api/v1/notifications?unread=true&limit=1")
        .await["total"]
        .as_i64()
        .unwrap()
}

crate::on_both!(
    overdue_steps_ring_the_bell_once_and_are_marked_read,
    |app: TestApp| async move {
        job_settled(&app).await;
        // A year later every stored due item of the demo placements is overdue.
        let later = instance_at(&app, now() + 365 * 86_400, None).await;
        let first = later.raise_due_notifications().await.unwrap();
        let again = later.raise_due_notifications().await.unwrap();
        assert_eq!(again.raised, 0, "raising again writes nothing ({first:?})");

        // Placements without a counsellor or owner go to the agency's staff.
        let staff_token = app.token(STAFF).await;
        let overdue = app
            .api_json(&staff_token, "/api/v1/notifications?kind=track_overdue")
            .await;
        assert!(overdue["total"].as_i64().unwrap() > 0, "{overdue}");
        let item = &overdue["items"][0];
        assert!(item["link"].as_str().unwrap().starts_with("/placements/"));
        assert!(item["due_on"].as_str().unwrap().len() == 10);

        // The bell counts them, as a link with its text.
        let count = unread(&app, &staff_token).await;
        assert!(count > 0);
        let staff = app.login(STAFF).await;
        let home = app.page(&staff, "/dashboard").await;
        let bell = format!(
            "<a class=\"bell\" href=\"/notifications\">Benachrichtigungen ({count} ungelesen)</a>"
        );
        assert!(home.contains(&bell), "{home}");

        // The list: filtered by kind and unread, each entry linking to its record.
        let list = app
            .page(&staff, "/notifications?kind=track_overdue&show=unread")
            .await;
        assert!(list.contains("Überfällig: "), "{list}");
        assert!(list.contains(&format!("href=\"{}\"", item["link"].as_str().unwrap())));

        // Someone else's notification is not found, by page and by API.
        let id = item["id"].as_i64().unwrap();
        let counsellor = app.login(COUNSELLOR).await;
        let r = app
            .submit(
                &counsellor,
                "/notifications",
                &format!("/notifications/{id}/read"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 404);
        let counsellor_token = app.token(COUNSELLOR).await;
        let r = app
            .api_post_json(
                &counsellor_token,
                &format!("/api/v1/notifications/{id}/read"),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(r.status(), 404);
        assert_eq!(unread(&app, &staff_token).await, count, "still unread");

        // Marking one read (a form with the CSRF token) and then all.
        let r = app
            .submit(
                &staff,
                "/notifications",
                &format!("/notifications/{id}/read"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(unread(&app, &staff_token).await, count - 1);
        let r = app
            .submit(&staff, "/notifications", "/notifications/read-all", &[])
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(unread(&app, &staff_token).await, 0);
        let list = app.page(&staff, "/notifications").await;
        assert!(list.contains("Benachrichtigungen (0 ungelesen)"));

        // A role without notifications of its own is told so, and still has the calendar feed.
        let planner = app.login("planner@demo.standort.example").await;
        let page = app.page(&planner, "/account/notifications").await;
        assert!(page.contains("Für Ihre Rolle gibt es keine Benachrichtigungen."));
        assert!(page.contains("action=\"/account/calendar\""));
        // An unknown kind is refused with a message, not ignored.
        let r = app
            .api_get(&staff_token, "/api/v1/notifications?kind=nonsense")
            .await;
        assert_eq!(r.status(), 422);
        // A kind that exists but never reaches the role is not there for it (404); one that
        // does not exist is a mistake in the request (422).
        for (kind, status) in [("document_request", 404), ("nonsense", 422)] {
            let r = app
                .api_post_json(
                    &staff_token,
                    "/api/v1/notifications/preferences",
                    &serde_json::json!({ "kind": kind, "delivery": "immediate" }),
                )
                .await;
            assert_eq!(r.status(), status, "{kind}");
        }
    }
);

crate::with_mail!(
    a_person_who_chose_at_once_receives_an_email_in_their_language,
    |app: TestApp, smtp: helpers::smtp::MailServer| async move {
        // The candidate (Vietnamese) wants document requests at once; the choice is audited.
        let candidate = app.login(CANDIDATE).await;
        let page = app.page(&candidate, "/account/notifications").await;
        assert!(page.contains("value=\"document_request\""), "{page}");
        let r = app
            .submit(
                &candidate,
                "/account/notifications",
                "/account/notifications",
                &[("kind", "document_request"), ("delivery", "immediate")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let user = app.user_id(CANDIDATE).await;
        let (audited,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'notification_preference' AND entity_id = $1",
        )
        .bind(user.to_string())
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(audited, 1);

        // Staff ask for a document: the candidate gets an e-mail through the SMTP server.
        let (cand,): (i64,) = sqlx::query_as("SELECT id FROM candidates WHERE user_id = $1")
            .bind(user)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        let staff = app.login(STAFF).await;
        let r = app
            .submit(
                &staff,
                &format!("/recruitment/candidates/{cand}"),
                &format!("/recruitment/candidates/{cand}/document-requests"),
                &[("kind", "passport"), ("due_date", "2027-02-28")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let mail = smtp.message_to(CANDIDATE).await;
        assert_eq!(mail.subject(), "Standort: Giấy tờ được yêu cầu");
        // The due date as Vietnamese writes it (CLDR).
        assert!(mail.text().contains("28 thg 2, 2027"), "{}", mail.text());
        assert!(
            mail.text()
                .contains(&format!("{}/portal", helpers::LINK_BASE)),
            "{}",
            mail.text()
        );
        assert!(mail.html().contains("lang=\"vi\""));

        // The delivery is audited with the kind and the recipient's account; the notification
        // is marked mailed, so the digest will not send it again.
        outbox_drained(&app).await;
        let (sent,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM mail_outbox WHERE user_id = $1 AND kind = 'notification-document_request' AND state = 'sent'",
        )
        .bind(user)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(sent, 1);
        let (audits,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'send' AND entity = 'mail' AND after_json LIKE '%notification-document_request%'",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(audits, 1);
        let token = app.token(CANDIDATE).await;
        let own = app
            .api_json(&token, "/api/v1/notifications?kind=document_request")
            .await;
        assert_eq!(own["total"], 1, "{own}");
        assert!(own["items"][0]["mailed_at"].is_i64());
    }
);

crate::with_mail!(
    the_daily_digest_goes_out_once,
    |app: TestApp, smtp: helpers::smtp::MailServer| async move {
        job_settled(&app).await;
        let staff_token = app.token(STAFF).await;
        let waiting = unread(&app, &staff_token).await;
        assert!(
            waiting > 0,
            "the demo's unowned steps wait for the staff's digest"
        );

        // The day's run: one message per person, in their language, through the SMTP server.
        let today = instance_at(&app, now(), Some(&smtp)).await;
        let first = today.send_digests().await.unwrap();
        assert!(
            first.messages >= 1 && first.notifications >= waiting as usize,
            "{first:?}"
        );
        let mail = smtp.message_to(STAFF).await;
        assert_eq!(mail.subject(), "Standort: Ihre tägliche Übersicht");
        assert!(mail.text().contains("/placements/"), "{}", mail.text());
        assert!(mail.text().contains("/account/notifications"));

        // Run again: nothing is sent twice.
        assert_eq!(today.send_digests().await.unwrap(), DigestReport::default());
        outbox_drained(&app).await;
        assert_eq!(smtp.count_to(STAFF), 1, "one digest, not two");
        let (queued,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM mail_outbox WHERE kind = 'digest' AND to_address = $1",
        )
        .bind(STAFF)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert_eq!(queued, 1);

        // The lease: before the digest hour nobody runs it (the server's start set it to the
        // next one); at that hour one instance wins it for the day, the others do not.
        assert_eq!(today.digest_tick("test-now").await.unwrap(), None);
        let at = next_digest_at(now()) + 60;
        let a = instance_at(&app, at, Some(&smtp)).await;
        let b = instance_at(&app, at + 3600, Some(&smtp)).await;
        assert!(a.digest_tick("test-a").await.unwrap().is_some());
        assert_eq!(b.digest_tick("test-b").await.unwrap(), None);
        assert_eq!(a.digest_tick("test-a").await.unwrap(), None, "once a day");
    }
);

/// The feed's path (`/calendar/….ics`) from the page that created it.
pub(crate) fn feed_path(html: &str) -> String {
    let marker = "id=\"calendar-url\" type=\"text\" readonly value=\"";
    let start = html.find(marker).expect("the new address is shown") + marker.len();
    let url = html[start..].split('"').next().unwrap();
    url[url.find("/calendar/").unwrap()..].to_owned()
}

crate::on_both!(
    a_secret_calendar_feed_lists_the_due_dates_stably_until_revoked,
    |app: TestApp| async move {
        use icalendar::{Calendar, Component, DatePerhapsTime};

        // Agency staff: the steps of placements nobody owns or counsels (as their notifications).
        let staff = app.login(STAFF).await;
        let r = app
            .submit(&staff, "/account/notifications", "/account/calendar", &[])
            .await;
        assert_eq!(r.status(), 200);
        let path = feed_path(&r.text().await.unwrap());

        // No session needed: a calendar program reads it by its secret address.
        let read = |path: String| {
            let url = app.url(&path);
            async move {
                let r = reqwest::get(url).await.unwrap();
                assert_eq!(r.status(), 200);
                assert!(
                    r.headers()["content-type"]
                        .to_str()
                        .unwrap()
                        .starts_with("text/calendar")
                );
                assert!(r.headers().get("set-cookie").is_none());
                r.text().await.unwrap()
            }
        };
        let first = read(path.clone()).await;
        let second = read(path.clone()).await;
        let parse = |text: &str| text.parse::<Calendar>().expect("RFC 5545");
        let (a, b) = (parse(&first), parse(&second));
        assert_eq!(a.property_value("X-WR-TIMEZONE"), Some("Europe/Berlin"));
        let events: Vec<_> = a.events().collect();
        assert!(!events.is_empty(), "the demo has due dates: {first}");
        let uids = |c: &Calendar| -> Vec<String> {
            c.events()
                .map(|e| e.property_value("UID").unwrap().to_owned())
                .collect()
        };
        assert_eq!(uids(&a), uids(&b), "UIDs stay the same between calls");
        let mut unique = uids(&a);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), events.len(), "one UID per event");

        // Each event is a whole day (a date, no time or zone to shift it) and links to its record;
        // the dates are those of the placements' due items (the network's next steps and
        // obligations of the staff member are checked in `reminders`).
        let token = app.token(STAFF).await;
        for e in &events {
            let Some(DatePerhapsTime::Date(day)) = e.get_start() else {
                panic!("an all-day event: {e:?}");
            };
            let url = e.get_url().unwrap();
            if !url.contains("/placements/") {
                continue;
            }
            let placement: i64 = url
                .rsplit("/placements/")
                .next()
                .unwrap()
                .parse()
                .expect("links to a placement");
            let uid = e.property_value("UID").unwrap();
            assert!(uid.starts_with(&format!("placement-{placement}-")), "{uid}");
            let (status, body) = app
                .api_status_json(&token, &format!("/api/v1/placements/{placement}"))
                .await;
            assert_eq!(status, 200, "{body}");
            assert!(
                body.to_string()
                    .contains(&day.format("%Y-%m-%d").to_string()),
                "{day} is a due date of placement {placement}"
            );
            assert!(e.get_summary().unwrap().contains(':'));
        }

        // Revoked: the address answers 404; someone else's guess too.
        let r = app
            .submit(
                &staff,
                "/account/notifications",
                "/account/calendar/revoke",
                &[],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(reqwest::get(app.url(&path)).await.unwrap().status(), 404);
        assert_eq!(
            reqwest::get(app.url("/calendar/not-a-secret.ics"))
                .await
                .unwrap()
                .status(),
            404
        );
    }
);

crate::on_both!(
    a_new_erasure_request_is_raised_for_the_agency_staff_without_the_name,
    |app: TestApp| async move {
        let staff_token = app.token(STAFF).await;
        let before = app
            .api_json(&staff_token, "/api/v1/notifications?kind=erasure_request")
            .await["total"]
            .as_i64()
            .unwrap();
        let candidate = app.login(CANDIDATE).await;
        let r = app
            .submit(
                &candidate,
                "/portal",
                "/portal/erasure",
                &[("confirm", "yes")],
            )
            .await;
        assert_eq!(r.status(), 303);
        // Asking again keeps one request, and raises nothing new.
        app.submit(
            &candidate,
            "/portal",
            "/portal/erasure",
            &[("confirm", "yes")],
        )
        .await;
        let after = app
            .api_json(&staff_token, "/api/v1/notifications?kind=erasure_request")
            .await;
        assert_eq!(after["total"].as_i64().unwrap(), before + 1, "{after}");
        let item = &after["items"][0];
        assert_eq!(item["link"], "/recruitment/erasure-requests");
        assert_eq!(item["params"], serde_json::json!({}), "no personal data");
        // Not for the counsellor, who does not decide erasure requests.
        let counsellor = app.token(COUNSELLOR).await;
        let theirs = app
            .api_json(&counsellor, "/api/v1/notifications?kind=erasure_request")
            .await;
        assert_eq!(theirs["total"], 0);
        let staff = app.login(STAFF).await;
        let list = app
            .page(&staff, "/notifications?kind=erasure_request")
            .await;
        assert!(list.contains("hat die Löschung der eigenen Daten beantragt"));
        assert!(list.contains("href=\"/recruitment/erasure-requests\""));
    }
);

crate::on_both!(
    a_step_that_makes_a_deadline_overdue_is_announced_in_its_own_transaction,
    |app: TestApp| async move {
        // The server's job has run; its next run is ten minutes away, so what appears below was
        // raised by the step itself.
        job_settled(&app).await;
        let token = app.token(STAFF).await;
        let find = |list: &serde_json::Value, key: &str, value: &str| {
            list["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x[key] == value)
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        };
        let positions = app
            .api_json(&token, "/api/v1/recruitment/positions?limit=200")
            .await;
        let nurse = find(&positions, "title", "Pflegefachkraft (m/w/d) Geriatrie");
        let candidates = app
            .api_json(&token, "/api/v1/recruitment/candidates?limit=200")
            .await;
        // Not in the counsellor's caseload: the agency's staff receive its steps.
        let person = find(&candidates, "family_name", "Hoàng");
        let r = app
            .api_post_json(
                &token,
                "/api/v1/placements",
                &serde_json::json!({ "candidate_id": person, "position_id": nurse }),
            )
            .await;
        assert_eq!(r.status(), 201);
        let id = r.json::<serde_json::Value>().await.unwrap()["placement"]["id"]
            .as_i64()
            .unwrap();
        let day = |ago: i64| standort_domain::date::format_date((now() / 86_400 - ago) * 86_400);
        for (kind, ago) in [
            ("recognition_documents_complete", 101),
            ("recognition_applied", 100),
        ] {
            let r = app
                .api_post_json(
                    &token,
                    &format!("/api/v1/placements/{id}/events"),
                    &serde_json::json!({ "kind": kind, "date": day(ago) }),
                )
                .await;
            assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
        }
        // The authority's three months (§ 6 (3) BQFG) ran out ten days ago or so.
        let overdue = app
            .api_json(&token, "/api/v1/notifications?kind=track_overdue&limit=200")
            .await;
        let ours: Vec<_> = overdue["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["link"] == format!("/placements/{id}"))
            .collect();
        assert_eq!(ours.len(), 1, "{overdue}");
        assert_eq!(ours[0]["params"]["code"], "recognition_decision");
        assert_eq!(ours[0]["params"]["legal"], true);
    }
);
