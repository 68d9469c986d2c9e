//! Dates, times and numbers on pages as the reader's language writes them (issue 11 point 10):
//! German `04.10.2026` and `1.234`, English `4 Oct 2026` and `1,234`, Vietnamese
//! `4 thg 10, 2026`; times in the installation's time zone; the JSON API and date fields keep
//! ISO dates and plain numbers.

use serde_json::json;
use standort_domain::Language;
use standort_web::format::{self, TimeZone};

use crate::helpers::{STAFF, TestApp};
use crate::on_both;

/// Switches the logged-in client's language (the header's language form).
async fn speak(app: &TestApp, c: &reqwest::Client, lang: &str) {
    let r = app
        .submit(
            c,
            "/dashboard",
            "/language",
            &[("lang", lang), ("back", "/dashboard")],
        )
        .await;
    assert_eq!(r.status(), 303, "language {lang}");
}

/// Whether `text` holds a German date-time `dd.mm.yyyy, hh:mm`.
fn has_german_datetime(text: &str) -> bool {
    let b = text.as_bytes();
    let d = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        d(i) && d(i + 1)
            && b[i + 2] == b'.'
            && d(i + 3)
            && d(i + 4)
            && b.get(i + 5) == Some(&b'.')
            && (6..10).all(|k| d(i + k))
            && text.get(i + 10..i + 12) == Some(", ")
            && d(i + 12)
            && d(i + 13)
            && b.get(i + 14) == Some(&b':')
            && d(i + 15)
            && d(i + 16)
    })
}

on_both!(
    pages_write_dates_and_numbers_in_the_readers_language,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let r = app
            .api_post_json(
                &token,
                "/api/v1/network/fairs",
                &json!({"name": "Formatmesse", "city": "Köln", "country": "DE",
                        "start": "2026-10-04", "end": "2026-10-06", "cost_eur": 1234}),
            )
            .await;
        assert_eq!(r.status(), 201);
        let created: serde_json::Value = r.json().await.unwrap();
        let id = created["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("{created}"));

        let c = app.login(STAFF).await;
        speak(&app, &c, "de").await;
        let list = app.page(&c, "/network/fairs").await;
        assert!(list.contains("04.10.2026"), "German list: {list}");
        assert!(list.contains("06.10.2026"));
        assert!(list.contains("1.234 €"), "German list: {list}");
        assert!(!list.contains("2026-10-04"));
        let page = app.page(&c, &format!("/network/fairs/{id}")).await;
        assert!(page.contains("04.10.2026 – 06.10.2026"), "{page}");
        assert!(page.contains("1.234 €"));
        // The lead form's date field keeps the ISO value browsers need.
        assert!(!page.contains("type=\"date\" value=\"04.10.2026\""));

        speak(&app, &c, "en").await;
        let list = app.page(&c, "/network/fairs").await;
        assert!(list.contains("4 Oct 2026"), "English list: {list}");
        assert!(list.contains("1,234 €"), "English list: {list}");
        assert!(!list.contains("04.10.2026"));

        speak(&app, &c, "vi").await;
        let list = app.page(&c, "/network/fairs").await;
        assert!(list.contains("4 thg 10, 2026"), "Vietnamese list: {list}");
        assert!(list.contains("1.234 €"));

        // The API stays machine-readable: ISO dates, plain numbers.
        let api = app
            .api_json(&token, &format!("/api/v1/network/fairs/{id}"))
            .await;
        let text = api.to_string();
        assert!(
            text.contains("2026-10-04") || text.contains("1791072000"),
            "{text}"
        );
        assert!(text.contains("1234"), "{text}");
        assert!(!text.contains("04.10.2026") && !text.contains("1.234"));
    }
);

on_both!(
    date_times_are_shown_in_the_installations_time_zone,
    web: standort_web::WebSettings {
        time_zone: TimeZone::parse("Asia/Ho_Chi_Minh").unwrap(),
        ..Default::default()
    },
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let orgs = app.api_json(&token, "/api/v1/organisations?limit=1").await;
        let org = &orgs["items"][0];
        let (id, created) = (org["id"].as_i64().unwrap(), org["created_at"].as_i64().unwrap());
        let c = app.login(STAFF).await;
        speak(&app, &c, "de").await;
        // The organisation page says when the record was created: German style, in the
        // installation's zone (Ho Chi Minh City, UTC+7 all year), not in UTC or Berlin time.
        let page = app.page(&c, &format!("/organisations/{id}")).await;
        assert!(has_german_datetime(&page), "{page}");
        let hcmc = TimeZone::parse("Asia/Ho_Chi_Minh").unwrap();
        let shown = format::datetime(Language::De, hcmc, created);
        assert!(page.contains(&shown), "{shown}: {page}");
        let utc = format::datetime(Language::De, TimeZone::parse("UTC").unwrap(), created);
        assert_ne!(shown, utc);
        assert!(!page.contains(&utc) && !page.contains(" UTC"), "{page}");
        speak(&app, &c, "en").await;
        let page = app.page(&c, &format!("/organisations/{id}")).await;
        assert!(page.contains(&format::datetime(Language::En, hcmc, created)), "{page}");
        assert!(!has_german_datetime(&page));
    }
);
