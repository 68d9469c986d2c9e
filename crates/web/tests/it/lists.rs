//! The list kit over HTTP against the real app with the demo data: a filtered, sorted URL gives
//! the right rows with sortable headers; the same URL with `format=csv|xlsx` downloads those
//! rows (German Excel CSV for German readers, headers in the reader's language), audited like
//! the list read; roles still see only their own rows; the overdue card opens the overdue
//! placements only.

use std::collections::HashSet;
use std::io::Cursor;

use crate::helpers::{ADMIN, EMPLOYER, STAFF, TestApp};
use crate::on_both;

const LEVELS: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

/// The ids of the rows of a list page, in order (`prefix` is the rows' link, `/placements/`).
fn row_ids(html: &str, prefix: &str) -> Vec<i64> {
    let body = html.split("<tbody>").nth(1).unwrap_or("");
    let body = body.split("</tbody>").next().unwrap_or("");
    body.split(&format!("href=\"{prefix}"))
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

async fn download(app: &TestApp, c: &reqwest::Client, path: &str) -> (String, Vec<u8>) {
    let r = c.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), 200, "GET {path}");
    let kind = r.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment"),
    );
    (kind, r.bytes().await.unwrap().to_vec())
}

async fn exports(app: &TestApp, entity: &str) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'export' AND entity = $1")
            .bind(entity)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    n
}

on_both!(
    candidates_filter_sort_and_download_what_the_list_shows,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let all = app
            .api_json(&token, "/api/v1/recruitment/candidates?limit=200")
            .await;
        let level_of = |id: i64| -> Option<usize> {
            let c = all["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == id)
                .unwrap();
            let l = c["german_level"].as_str()?;
            LEVELS.iter().position(|x| *x == l)
        };
        let c = app.login(STAFF).await;
        let path = "/recruitment/candidates?german=B1&sort=german&dir=desc";
        let html = app.page(&c, path).await;
        let ids = row_ids(&html, "/recruitment/candidates/");
        assert!(!ids.is_empty(), "{html}");
        // Only B1 or better, best first.
        let levels: Vec<usize> = ids.iter().map(|id| level_of(*id).unwrap()).collect();
        assert!(levels.iter().all(|l| *l >= 2), "{levels:?}");
        assert!(levels.windows(2).all(|w| w[0] >= w[1]), "{levels:?}");
        let expected = all["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| level_of(c["id"].as_i64().unwrap()).is_some_and(|l| l >= 2))
            .count();
        assert_eq!(ids.len(), expected);
        // The sorted column says so; the others are links that keep the filter.
        // (askama writes `&` as `&#38;`).
        assert!(html.contains("<th scope=\"col\" aria-sort=\"descending\"><a href=\"/recruitment/candidates?german=B1&#38;sort=german&#38;dir=asc\">"), "{html}");
        assert!(
            html.contains(
                "href=\"/recruitment/candidates?german=B1&#38;sort=country&#38;dir=asc\""
            )
        );
        // The default order needs no parameters.
        assert!(html.contains("<a href=\"/recruitment/candidates?german=B1\">Name</a>"));
        // The filter form keeps the order and shows the filter.
        assert!(html.contains("<input type=\"hidden\" name=\"sort\" value=\"german\">"));
        assert!(html.contains("<option value=\"B1\" selected>"));
        // The same rows reversed.
        let asc = app
            .page(&c, "/recruitment/candidates?german=B1&sort=german&dir=asc")
            .await;
        let asc_levels: Vec<usize> = row_ids(&asc, "/recruitment/candidates/")
            .iter()
            .map(|id| level_of(*id).unwrap())
            .collect();
        let mut reversed = levels.clone();
        reversed.reverse();
        assert_eq!(asc_levels, reversed);

        // CSV for German Excel: byte-order mark, `;`, German headers, the same rows.
        let before = exports(&app, "candidate").await;
        let (kind, bytes) = download(&app, &c, &format!("{path}&format=csv")).await;
        assert!(kind.starts_with("text/csv"), "{kind}");
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let mut lines = text.lines();
        assert_eq!(
            lines.next().unwrap(),
            "Name;Herkunft;Deutsch (GER);Verfügbar ab / Wunschbeginn;Profil Arbeitgebern zeigen (Einwilligung)"
        );
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), ids.len());
        // Downloads of personal data are audited like the list reads, as exports.
        assert_eq!(exports(&app, "candidate").await, before + 1);

        // XLSX opens and carries the same rows.
        let (kind, bytes) = download(&app, &c, &format!("{path}&format=xlsx")).await;
        assert!(kind.contains("spreadsheetml"), "{kind}");
        use calamine::{Reader, Xlsx};
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        assert_eq!(sheet.height(), ids.len() + 1);
        assert_eq!(sheet.get((0, 0)).unwrap().to_string(), "Name");
        assert_eq!(sheet.get((0, 2)).unwrap().to_string(), "Deutsch (GER)");

        // In English: plain CSV with English headers.
        let r = app
            .submit(
                &c,
                "/dashboard",
                "/language",
                &[("lang", "en"), ("back", "/dashboard")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, bytes) = download(&app, &c, &format!("{path}&format=csv")).await;
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("Name,Origin,"), "{text}");
    }
);

on_both!(
    employers_download_only_the_candidates_shown_to_them,
    |app: TestApp| async move {
        let token = app.token(EMPLOYER).await;
        let shared = app
            .api_json(&token, "/api/v1/recruitment/candidates?limit=200")
            .await;
        let c = app.login(EMPLOYER).await;
        let html = app
            .page(&c, "/recruitment/candidates?sort=name&dir=desc")
            .await;
        let ids = row_ids(&html, "/recruitment/candidates/");
        let allowed: HashSet<i64> = shared["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), allowed.len());
        assert!(ids.iter().all(|id| allowed.contains(id)));
        let (_, bytes) = download(&app, &c, "/recruitment/candidates?format=csv").await;
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(text.lines().count(), allowed.len() + 1);
        // No e-mail addresses leave in a download either.
        assert!(!text.contains('@'));
    }
);

on_both!(
    the_overdue_card_opens_the_overdue_placements_only,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        let dashboard = app.page(&c, "/dashboard").await;
        assert!(
            dashboard.contains("href=\"/placements?overdue=1\""),
            "{dashboard}"
        );
        let all = app.page(&c, "/placements?limit=200").await;
        let all_ids = row_ids(&all, "/placements/");
        let html = app.page(&c, "/placements?overdue=1&limit=200").await;
        let overdue = row_ids(&html, "/placements/");
        assert!(!overdue.is_empty() && overdue.len() < all_ids.len());
        assert!(html.contains("name=\"overdue\" value=\"1\" checked"));
        let token = app.token(STAFF).await;
        for id in &all_ids {
            let detail = app
                .api_json(&token, &format!("/api/v1/placements/{id}"))
                .await;
            let is_overdue = detail["overdue"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["overdue"] == true);
            assert_eq!(is_overdue, overdue.contains(id), "placement {id}: {detail}");
        }
        // Every placement on the dashboard's overdue lines is in the list.
        for line in dashboard.split("href=\"/placements/").skip(1) {
            if let Ok(id) = line.split('"').next().unwrap().parse::<i64>() {
                assert!(overdue.contains(&id), "{id}");
            }
        }
        // Sorted by position, descending; the download keeps filter and order.
        let sorted = app
            .page(&c, "/placements?overdue=1&sort=position&dir=desc&limit=200")
            .await;
        assert!(sorted.contains("aria-sort=\"descending\""));
        let mut got = row_ids(&sorted, "/placements/");
        assert_eq!(got.len(), overdue.len());
        let before = exports(&app, "placement").await;
        let (_, bytes) = download(
            &app,
            &c,
            "/placements?overdue=1&sort=position&dir=desc&format=csv",
        )
        .await;
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(
            text.starts_with("Person;Stelle;Programm;Angelegt am"),
            "{text}"
        );
        assert_eq!(text.lines().count(), overdue.len() + 1);
        assert_eq!(exports(&app, "placement").await, before + 1);
        got.sort();
        let mut want = overdue.clone();
        want.sort();
        assert_eq!(got, want);

        // An employer's overdue list holds only placements at its own positions.
        let e = app.login(EMPLOYER).await;
        let own = row_ids(&app.page(&e, "/placements?limit=200").await, "/placements/");
        let own_overdue = row_ids(
            &app.page(&e, "/placements?overdue=1&limit=200").await,
            "/placements/",
        );
        assert!(own_overdue.iter().all(|id| own.contains(id)));
        let other = all_ids.iter().find(|id| !own.contains(id)).unwrap();
        let r = e
            .get(app.url(&format!("/placements/{other}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
    }
);

on_both!(
    organisations_and_the_audit_log_sort_filter_and_download,
    |app: TestApp| async move {
        let c = app.login(ADMIN).await;
        // Clinics only, by country descending: the filter and order are in every link.
        let html = app
            .page(&c, "/organisations?kind=clinic&sort=country&dir=desc")
            .await;
        assert!(html.contains("aria-sort=\"descending\""), "{html}");
        assert!(html.contains("<input type=\"hidden\" name=\"sort\" value=\"country\">"));
        let ids = row_ids(&html, "/organisations/");
        assert!(!ids.is_empty());
        let (_, bytes) = download(
            &app,
            &c,
            "/organisations?kind=clinic&sort=country&dir=desc&format=csv",
        )
        .await;
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Name;Art;Land;Wirtschaftszweig (WZ 2008)");
        assert_eq!(lines.len(), ids.len() + 1);
        assert!(lines[1..].iter().all(|l| l.contains(";Klinik")), "{text}");
        // An employer downloads its own organisation only.
        let e = app.login(EMPLOYER).await;
        let (_, bytes) = download(&app, &e, "/organisations?format=csv").await;
        assert_eq!(String::from_utf8(bytes).unwrap().lines().count(), 2);

        // The audit log: oldest first on request, a period, and a download that opens.
        let html = app.page(&c, "/admin/audit?sort=when&dir=asc").await;
        assert!(html.contains("aria-sort=\"ascending\""));
        let iso =
            standort_domain::date::format_date(time::OffsetDateTime::now_utc().unix_timestamp());
        let (_, bytes) = download(
            &app,
            &c,
            &format!("/admin/audit?from={iso}&to={iso}&format=xlsx"),
        )
        .await;
        use calamine::{Reader, Xlsx};
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        assert!(sheet.height() > 1);
        assert_eq!(sheet.get((0, 0)).unwrap().to_string(), "Zeitpunkt");
        // A period before the demo holds nothing.
        let html = app
            .page(&c, "/admin/audit?from=2000-01-01&to=2000-01-31")
            .await;
        assert!(html.contains("Keine Einträge für diese Auswahl."));
        // Not a day: refused with the field named, not ignored.
        let r = c
            .get(app.url("/admin/audit?from=gestern"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
    }
);

on_both!(
    every_kit_list_refuses_malformed_paging_and_formats,
    |app: TestApp| async move {
        // The kit's lists, each with a reader who may see it. A malformed `limit`, `offset` or
        // `format` is refused with 400 and the error page, never answered with some other page
        // (an earlier kit silently showed the first page); an unknown sort column still opens
        // the list in its default order, so an old bookmark keeps working.
        let staff = app.login(STAFF).await;
        let admin = app.login(ADMIN).await;
        for (client, path) in [
            (&staff, "/recruitment/candidates"),
            (&staff, "/placements"),
            (&admin, "/organisations"),
            (&admin, "/admin/audit"),
        ] {
            for query in ["limit=abc", "offset=x", "limit=1e3", "format=pdf"] {
                let url = format!("{path}?{query}");
                let r = client.get(app.url(&url)).send().await.unwrap();
                assert_eq!(r.status(), 400, "GET {url}");
                let html = r.text().await.unwrap();
                assert!(html.contains("<html"), "GET {url}: {html}");
            }
            let r = client
                .get(app.url(&format!("{path}?sort=no_such_column&limit=5")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "GET {path} with an unknown sort column");
        }
    }
);
