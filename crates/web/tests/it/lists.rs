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

/// An organisation's name (the lists' organisation filters take words of it, URL-encoded).
async fn org_name(app: &TestApp, id: i64) -> String {
    let token = app.token(ADMIN).await;
    let org = app
        .api_json(&token, &format!("/api/v1/organisations/{id}"))
        .await;
    org["name"].as_str().unwrap().to_owned()
}

/// `text` for a query string.
fn enc(text: &str) -> String {
    let url = reqwest::Url::parse_with_params("http://x/", &[("v", text)]).unwrap();
    url.query().unwrap()["v=".len()..].to_owned()
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
            (&staff, "/recruitment/positions"),
            (&admin, "/admin/users"),
            (&staff, "/programmes"),
            (&staff, "/network/contacts"),
            (&staff, "/network/approaches"),
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

/// The numbers in the links of a page's table rows that start with `prefix` (also row links
/// that go on, `/admin/users/5/edit`), in order.
fn row_ids_under(html: &str, prefix: &str) -> Vec<i64> {
    let body = html.split("<tbody>").nth(1).unwrap_or("");
    let body = body.split("</tbody>").next().unwrap_or("");
    body.split(&format!("href=\"{prefix}"))
        .skip(1)
        .filter_map(|s| s.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok())
        .collect()
}

/// A CSV download's lines after the byte-order mark (German readers).
async fn csv_lines(app: &TestApp, c: &reqwest::Client, path: &str) -> Vec<String> {
    let (kind, bytes) = download(app, c, path).await;
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "German Excel CSV");
    String::from_utf8(bytes[3..].to_vec())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// An XLSX download read back: its cells as they are typed (text, number, date).
async fn xlsx_cells(app: &TestApp, c: &reqwest::Client, path: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::{Reader, Xlsx};
    let (_, bytes) = download(app, c, path).await;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet.rows().map(|r| r.to_vec()).collect()
}

/// An XLSX download read back: its rows as text.
async fn xlsx_rows(app: &TestApp, c: &reqwest::Client, path: &str) -> Vec<Vec<String>> {
    use calamine::{Reader, Xlsx};
    let (kind, bytes) = download(app, c, path).await;
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

on_both!(
    positions_sort_filter_search_page_and_download,
    |app: TestApp| async move {
        let token = app.token(STAFF).await;
        let all = app
            .api_json(&token, "/api/v1/recruitment/positions?limit=200")
            .await;
        let all = all["items"].as_array().unwrap().clone();
        assert!(all.len() > 3, "demo positions");
        let by_id = |id: i64| all.iter().find(|p| p["id"] == id).unwrap().clone();
        let c = app.login(STAFF).await;

        // Most places first, and the same rows the other way round.
        let html = app
            .page(&c, "/recruitment/positions?sort=places&dir=desc&limit=200")
            .await;
        assert!(
            html.contains("<th scope=\"col\" aria-sort=\"descending\"><a href=\"/recruitment/positions?sort=places&#38;dir=asc\">"),
            "{html}"
        );
        let desc = row_ids(&html, "/recruitment/positions/");
        assert_eq!(desc.len(), all.len());
        let places: Vec<i64> = desc
            .iter()
            .map(|id| by_id(*id)["places"].as_i64().unwrap())
            .collect();
        assert!(places.windows(2).all(|w| w[0] >= w[1]), "{places:?}");
        let asc = row_ids(
            &app.page(&c, "/recruitment/positions?sort=places&dir=asc&limit=200")
                .await,
            "/recruitment/positions/",
        );
        let mut reversed = desc.clone();
        reversed.reverse();
        assert_eq!(asc, reversed);
        // By title both ways: one order reversed (ties broken by the id).
        let t_desc = row_ids(
            &app.page(&c, "/recruitment/positions?sort=title&dir=desc&limit=200")
                .await,
            "/recruitment/positions/",
        );
        let mut t_asc = row_ids(
            &app.page(&c, "/recruitment/positions?sort=title&dir=asc&limit=200")
                .await,
            "/recruitment/positions/",
        );
        t_asc.reverse();
        assert_eq!(t_desc, t_asc);

        // Filters: one employer's open positions (the employer by a word of its name, in
        // capitals and with a typo: the organisations' search); one occupation.
        let employer = app.org_id("Leipziger Verkehrsbetriebe (Demo)").await;
        let word = "Verkehrsbetriebe";
        // One letter dropped: still found (one typo per word of four letters or more).
        let typo: String = word
            .to_uppercase()
            .chars()
            .enumerate()
            .filter(|(i, _)| *i != 2)
            .map(|(_, ch)| ch)
            .collect();
        let path = format!("/recruitment/positions?employer={typo}&status=open");
        let html = app.page(&c, &path).await;
        let ids = row_ids(&html, "/recruitment/positions/");
        let expected: Vec<i64> = all
            .iter()
            .filter(|p| p["org_id"] == employer && p["is_open"] == true)
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        assert!(!expected.is_empty());
        let mut got = ids.clone();
        got.sort();
        let mut want = expected.clone();
        want.sort();
        assert_eq!(got, want);
        assert!(
            html.contains(&format!("name=\"employer\" value=\"{typo}\"")),
            "{html}"
        );
        assert!(html.contains("<option value=\"open\" selected>"));
        // A name no organisation has: nothing, and no error.
        let html = app
            .page(&c, "/recruitment/positions?employer=Nirgendwo%20GmbH")
            .await;
        assert!(row_ids(&html, "/recruitment/positions/").is_empty());
        let occupation = all
            .iter()
            .find_map(|p| p["occupation_id"].as_i64())
            .expect("a position with an occupation");
        let ids = row_ids(
            &app.page(
                &c,
                &format!("/recruitment/positions?occupation={occupation}&limit=200"),
            )
            .await,
            "/recruitment/positions/",
        );
        let want = all
            .iter()
            .filter(|p| p["occupation_id"] == occupation)
            .count();
        assert_eq!(ids.len(), want);
        assert!(
            ids.iter()
                .all(|id| by_id(*id)["occupation_id"] == occupation)
        );
        // Closed ones only: none in the demo until one is closed.
        let closed = row_ids(
            &app.page(&c, "/recruitment/positions?status=closed").await,
            "/recruitment/positions/",
        );
        let want_closed = all.iter().filter(|p| p["is_open"] == false).count();
        assert_eq!(closed.len(), want_closed);

        // Search: a word of a title (letter case ignored); `%` means itself.
        let word = all[0]["title"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .find(|w| w.len() > 3 && w.is_ascii())
            .unwrap()
            .to_ascii_uppercase();
        let html = app
            .page(
                &c,
                &format!("/recruitment/positions?q={}&limit=200", word.to_lowercase()),
            )
            .await;
        let hits = row_ids(&html, "/recruitment/positions/");
        let needle = word.to_ascii_lowercase();
        let want = all
            .iter()
            .filter(|p| {
                p["title"]
                    .as_str()
                    .unwrap()
                    .to_ascii_lowercase()
                    .contains(&needle)
                    || p["place"]
                        .as_str()
                        .unwrap()
                        .to_ascii_lowercase()
                        .contains(&needle)
            })
            .count();
        assert!(want > 0);
        assert_eq!(hits.len(), want, "search {word}");
        let none = app.page(&c, "/recruitment/positions?q=%25").await;
        assert!(row_ids(&none, "/recruitment/positions/").is_empty());

        // Pages of two: the pager keeps the order, the next page holds the next rows.
        let first = app
            .page(&c, "/recruitment/positions?sort=places&dir=desc&limit=2")
            .await;
        assert_eq!(row_ids(&first, "/recruitment/positions/"), desc[..2]);
        assert!(
            first.contains(
                "/recruitment/positions?sort=places&#38;dir=desc&#38;offset=2&#38;limit=2"
            ),
            "{first}"
        );
        let second = app
            .page(
                &c,
                "/recruitment/positions?sort=places&dir=desc&limit=2&offset=2",
            )
            .await;
        assert_eq!(row_ids(&second, "/recruitment/positions/"), desc[2..4]);

        // Downloads of the filtered, sorted rows with German headers.
        let lines = csv_lines(&app, &c, &format!("{path}&sort=places&format=csv")).await;
        assert_eq!(
            lines[0],
            "Bezeichnung;Arbeitgeber;Beruf (ESCO);Art;Ort;Anzahl Plätze;Deutsch (GER);Beginn;Status"
        );
        assert_eq!(lines.len(), expected.len() + 1);
        assert!(
            lines[1..].iter().all(|l| l.ends_with(";offen")),
            "{lines:?}"
        );
        let sheet = xlsx_rows(&app, &c, &format!("{path}&format=xlsx")).await;
        assert_eq!(sheet.len(), expected.len() + 1);
        assert_eq!(sheet[0][1], "Arbeitgeber");

        // An employer lists and downloads its own positions only; another employer's filter
        // gives nothing, not that employer's positions.
        let etoken = app.token(EMPLOYER).await;
        let own = app
            .api_json(&etoken, "/api/v1/recruitment/positions?limit=200")
            .await;
        let own: HashSet<i64> = own["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        assert!(own.len() < all.len());
        let e = app.login(EMPLOYER).await;
        let html = app
            .page(&e, "/recruitment/positions?sort=title&dir=desc&limit=200")
            .await;
        let mine: HashSet<i64> = row_ids(&html, "/recruitment/positions/")
            .into_iter()
            .collect();
        assert_eq!(mine, own);
        assert!(!html.contains("name=\"employer\""), "no employer filter");
        let lines = csv_lines(&app, &e, "/recruitment/positions?format=csv").await;
        assert_eq!(lines.len(), own.len() + 1);
        let other = all
            .iter()
            .find(|p| !own.contains(&p["id"].as_i64().unwrap()))
            .unwrap();
        let other_name = org_name(&app, other["org_id"].as_i64().unwrap()).await;
        let html = app
            .page(
                &e,
                &format!("/recruitment/positions?employer={}", enc(&other_name)),
            )
            .await;
        assert!(row_ids(&html, "/recruitment/positions/").is_empty());
        // A status the form does not offer is refused with the field named.
        let r = c
            .get(app.url("/recruitment/positions?status=maybe"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
    }
);

on_both!(
    users_sort_filter_search_page_and_download,
    |app: TestApp| async move {
        let token = app.token(ADMIN).await;
        let all = app.api_json(&token, "/api/v1/users?limit=200").await;
        let all = all["items"].as_array().unwrap().clone();
        assert!(all.len() > 3);
        let c = app.login(ADMIN).await;
        // Disable one account, so both states are there.
        let employer = all.iter().find(|u| u["email"] == EMPLOYER).unwrap().clone();
        let eid = employer["id"].as_i64().unwrap();
        let r = app
            .submit(
                &c,
                "/admin/users",
                &format!("/admin/users/{eid}/disable"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 303);
        let ids = |html: &str| row_ids_under(html, "/admin/users/");

        // By e-mail both ways.
        let html = app
            .page(&c, "/admin/users?sort=email&dir=desc&limit=200")
            .await;
        assert!(html.contains("aria-sort=\"descending\""), "{html}");
        let desc = ids(&html);
        assert_eq!(desc.len(), all.len());
        let mut asc = ids(&app
            .page(&c, "/admin/users?sort=email&dir=asc&limit=200")
            .await);
        asc.reverse();
        assert_eq!(desc, asc);
        // By status: the disabled account last (active first).
        let by_status = ids(&app.page(&c, "/admin/users?sort=status&limit=200").await);
        assert_eq!(*by_status.last().unwrap(), eid);

        // Filters: role, organisation, state.
        let html = app.page(&c, "/admin/users?role=employer&limit=200").await;
        let want = all.iter().filter(|u| u["role"] == "employer").count();
        assert_eq!(ids(&html).len(), want);
        assert!(html.contains("<option value=\"employer\" selected>"));
        let org = employer["org_id"].as_i64().unwrap();
        let name = org_name(&app, org).await;
        let got = ids(&app
            .page(&c, &format!("/admin/users?org={}&limit=200", enc(&name)))
            .await);
        let want: Vec<i64> = all
            .iter()
            .filter(|u| u["org_id"] == org)
            .map(|u| u["id"].as_i64().unwrap())
            .collect();
        assert_eq!(got.len(), want.len());
        assert!(got.iter().all(|id| want.contains(id)));
        let html = app.page(&c, "/admin/users?status=disabled").await;
        assert_eq!(ids(&html), vec![eid]);
        let active = ids(&app.page(&c, "/admin/users?status=enabled&limit=200").await);
        assert_eq!(active.len(), all.len() - 1);
        assert!(!active.contains(&eid));

        // Search in names and addresses, letter case ignored; `_` means itself.
        let html = app.page(&c, "/admin/users?q=EMPLOYER%40demo").await;
        assert_eq!(ids(&html), vec![eid]);
        let html = app.page(&c, "/admin/users?q=_").await;
        assert!(ids(&html).is_empty());

        // Pages of two keep the order.
        let first = app
            .page(&c, "/admin/users?sort=email&dir=desc&limit=2")
            .await;
        assert_eq!(ids(&first), desc[..2]);
        let second = app
            .page(&c, "/admin/users?sort=email&dir=desc&limit=2&offset=2")
            .await;
        assert_eq!(ids(&second), desc[2..4]);

        // Downloads: German headers, the filtered rows, no action column.
        let lines = csv_lines(&app, &c, "/admin/users?status=disabled&format=csv").await;
        assert_eq!(lines[0], "Name;E-Mail-Adresse;Rolle;Organisation;Status");
        assert_eq!(lines.len(), 2);
        assert!(lines[1].contains(EMPLOYER) && lines[1].ends_with(";gesperrt"));
        let sheet = xlsx_rows(&app, &c, "/admin/users?role=employer&format=xlsx").await;
        assert_eq!(
            sheet.len(),
            all.iter().filter(|u| u["role"] == "employer").count() + 1
        );
        assert_eq!(sheet[0][2], "Rolle");

        // Other roles may not list or download accounts.
        let staff = app.login(STAFF).await;
        for path in ["/admin/users", "/admin/users?format=csv"] {
            let r = staff.get(app.url(path)).send().await.unwrap();
            assert_eq!(r.status(), 404, "GET {path}");
        }
        // A role that does not exist is refused with the field named.
        let r = c
            .get(app.url("/admin/users?role=king"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
    }
);

on_both!(
    programmes_sort_filter_search_page_and_download,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        // A third programme, later and smaller than the demo's.
        let r = app
            .submit(
                &c,
                "/programmes",
                "/programmes",
                &[
                    ("name", "Erntehelfer Testkohorte"),
                    ("description", "Saisonarbeit 100% im Freien"),
                    ("target_size", "7"),
                    ("start_date", "2031-05-01"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let token = app.token(STAFF).await;
        let all = app.api_json(&token, "/api/v1/programmes?limit=200").await;
        let all = all["items"].as_array().unwrap().clone();
        assert!(all.len() >= 3);
        let new_id = all
            .iter()
            .find(|p| p["name"] == "Erntehelfer Testkohorte")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let target = |id: i64| {
            all.iter().find(|p| p["id"] == id).unwrap()["target_size"]
                .as_i64()
                .unwrap()
        };
        let html = app.page(&c, "/programmes?sort=target&dir=desc").await;
        assert!(html.contains("aria-sort=\"descending\""), "{html}");
        let desc = row_ids(&html, "/programmes/");
        assert_eq!(desc.len(), all.len());
        let sizes: Vec<i64> = desc.iter().map(|id| target(*id)).collect();
        assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
        let mut asc = row_ids(
            &app.page(&c, "/programmes?sort=target&dir=asc").await,
            "/programmes/",
        );
        asc.reverse();
        assert_eq!(asc, desc);
        // The latest start first.
        let by_start = row_ids(
            &app.page(&c, "/programmes?sort=start").await,
            "/programmes/",
        );
        assert_eq!(by_start[0], new_id);

        // A period of starts, the organisation, a search.
        let html = app
            .page(&c, "/programmes?from=2031-01-01&to=2031-12-31")
            .await;
        assert_eq!(row_ids(&html, "/programmes/"), vec![new_id]);
        assert!(html.contains("value=\"2031-01-01\""));
        let html = app.page(&c, "/programmes?to=2030-12-31").await;
        assert!(!row_ids(&html, "/programmes/").contains(&new_id));
        // Staff open programmes for their own organisation (the demo's agency, "Amt für
        // Wirtschaftsförderung"): found without the umlaut.
        let mine = row_ids(
            &app.page(&c, "/programmes?org=wirtschaftsforderung").await,
            "/programmes/",
        );
        assert!(mine.contains(&new_id), "{mine:?}");
        let html = app.page(&c, "/programmes?org=Borna").await;
        assert!(row_ids(&html, "/programmes/").is_empty());
        let html = app.page(&c, "/programmes?q=ERNTEHELFER").await;
        assert_eq!(row_ids(&html, "/programmes/"), vec![new_id]);
        let html = app.page(&c, "/programmes?q=100%25").await;
        assert_eq!(row_ids(&html, "/programmes/"), vec![new_id]);
        let html = app.page(&c, "/programmes?q=%25%25").await;
        assert!(row_ids(&html, "/programmes/").is_empty());

        // Pages of one keep the order.
        let first = app
            .page(&c, "/programmes?sort=target&dir=desc&limit=1")
            .await;
        assert_eq!(row_ids(&first, "/programmes/"), desc[..1]);
        let second = app
            .page(&c, "/programmes?sort=target&dir=desc&limit=1&offset=1")
            .await;
        assert_eq!(row_ids(&second, "/programmes/"), desc[1..2]);

        // Downloads with German headers.
        let lines = csv_lines(&app, &c, "/programmes?sort=target&dir=desc&format=csv").await;
        assert_eq!(lines[0], "Name;Organisation;Geplante Personen;Beginn");
        assert_eq!(lines.len(), all.len() + 1);
        assert!(
            lines
                .last()
                .unwrap()
                .starts_with("Erntehelfer Testkohorte;")
        );
        let sheet = xlsx_rows(&app, &c, "/programmes?from=2031-01-01&format=xlsx").await;
        assert_eq!(sheet.len(), 2);
        assert_eq!(sheet[1][0], "Erntehelfer Testkohorte");
        assert_eq!(sheet[1][2], "7");

        // Roles without programmes may not list or download them.
        let e = app.login(EMPLOYER).await;
        for path in ["/programmes", "/programmes?format=csv"] {
            let r = e.get(app.url(path)).send().await.unwrap();
            assert_eq!(r.status(), 404, "GET {path}");
        }
        // Not a day: refused with the field named.
        let r = c
            .get(app.url("/programmes?from=soon"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
    }
);

async fn audited(app: &TestApp, action: &str, entity: &str) -> i64 {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND entity = $2")
            .bind(action)
            .bind(entity)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    n
}

on_both!(
    network_contacts_sort_filter_search_page_and_download_audited,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        let mekong = app.org_id("Mekong Medical Supplies (Demo)").await;
        let mekong_s = mekong.to_string();
        // A contact on consent at the Mekong supplier.
        let r = app
            .submit(
                &c,
                "/network/contacts",
                "/network/contacts",
                &[
                    ("given_names", "Anna"),
                    ("family_name", "Zeller"),
                    ("email", "anna.zeller@example.org"),
                    ("phone", ""),
                    ("languages", "de"),
                    ("legal_basis", "consent"),
                    ("org_id", mekong_s.as_str()),
                    ("role_title", "Einkauf"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let anna: i64 = r.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/network/contacts/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let ids = |html: &str| row_ids(html, "/network/contacts/");
        let lists_before = audited(&app, "list", "network_contact").await;
        let all = ids(&app.page(&c, "/network/contacts?limit=200").await);
        assert!(all.len() > 3 && all.contains(&anna));
        // Every page view is audited as a list read.
        assert_eq!(
            audited(&app, "list", "network_contact").await,
            lists_before + 1
        );

        // By name both ways.
        let html = app
            .page(&c, "/network/contacts?sort=name&dir=desc&limit=200")
            .await;
        assert!(
            html.contains(
                "<th scope=\"col\" aria-sort=\"descending\"><a href=\"/network/contacts\">"
            ),
            "{html}"
        );
        let desc = ids(&html);
        let mut asc = ids(&app
            .page(&c, "/network/contacts?sort=name&dir=asc&limit=200")
            .await);
        asc.reverse();
        assert_eq!(desc, asc);
        assert_eq!(desc.len(), all.len());

        // Filters split the list: legal basis, status; the organisation keeps its people.
        let consent = ids(&app
            .page(&c, "/network/contacts?basis=consent&limit=200")
            .await);
        let interest = ids(&app
            .page(&c, "/network/contacts?basis=legitimate_interest&limit=200")
            .await);
        assert!(consent.contains(&anna) && !interest.contains(&anna));
        assert_eq!(consent.len() + interest.len(), all.len());
        let objected = ids(&app
            .page(&c, "/network/contacts?status=objected&limit=200")
            .await);
        let contactable = ids(&app
            .page(&c, "/network/contacts?status=contactable&limit=200")
            .await);
        assert!(contactable.contains(&anna));
        assert_eq!(objected.len() + contactable.len(), all.len());
        let html = app
            .page(&c, "/network/contacts?org=MEKONG%20medical&limit=200")
            .await;
        let at_mekong = ids(&html);
        assert!(at_mekong.contains(&anna) && at_mekong.len() < all.len());
        assert!(html.contains("name=\"org\" value=\"MEKONG medical\""));

        // Search in names and addresses; `%` means itself.
        assert_eq!(
            ids(&app.page(&c, "/network/contacts?q=ZELLER").await),
            vec![anna]
        );
        assert_eq!(
            ids(&app.page(&c, "/network/contacts?q=zeller%40example").await),
            vec![anna]
        );
        assert!(ids(&app.page(&c, "/network/contacts?q=%25%25").await).is_empty());

        // Pages of two.
        let first = app
            .page(&c, "/network/contacts?sort=name&dir=desc&limit=2")
            .await;
        assert_eq!(ids(&first), desc[..2]);
        let second = app
            .page(&c, "/network/contacts?sort=name&dir=desc&limit=2&offset=2")
            .await;
        assert_eq!(ids(&second), desc[2..4]);

        // A download is audited as an export; German headers; the filtered rows.
        let before = exports(&app, "network_contact").await;
        let lines = csv_lines(&app, &c, "/network/contacts?basis=consent&format=csv").await;
        assert_eq!(
            lines[0], "Person;Sprachen;Rechtsgrundlage;Status",
            "{lines:?}"
        );
        assert_eq!(lines.len(), consent.len() + 1);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("Anna Zeller;de;Einwilligung;"))
        );
        assert_eq!(exports(&app, "network_contact").await, before + 1);
        let sheet = xlsx_rows(&app, &c, "/network/contacts?q=zeller&format=xlsx").await;
        assert_eq!(sheet.len(), 2);
        assert_eq!(sheet[1][0], "Anna Zeller");
        assert_eq!(exports(&app, "network_contact").await, before + 2);
        let (format,): (String,) = sqlx::query_as(
            "SELECT after_json FROM audit_log WHERE action = 'export' \
             AND entity = 'network_contact' ORDER BY id DESC LIMIT 1",
        )
        .fetch_one(app.db.pool())
        .await
        .unwrap();
        assert!(format.contains("xlsx") && format.contains(&anna.to_string()));

        // Only agency staff read contacts, as pages or downloads.
        for who in [EMPLOYER, ADMIN] {
            let other = app.login(who).await;
            for path in ["/network/contacts", "/network/contacts?format=csv"] {
                let r = other.get(app.url(path)).send().await.unwrap();
                assert_eq!(r.status(), 404, "{who}: GET {path}");
            }
        }
        let r = c
            .get(app.url("/network/contacts?basis=gossip"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
    }
);

/// The rows of a page's table as their HTML, in order.
fn row_texts(html: &str) -> Vec<String> {
    let body = html.split("<tbody>").nth(1).unwrap_or("");
    let body = body.split("</tbody>").next().unwrap_or("");
    body.split("<tr>")
        .skip(1)
        .map(|r| r.split("</tr>").next().unwrap_or("").to_owned())
        .collect()
}

on_both!(
    network_approaches_sort_filter_search_page_and_download,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        let borna = app.org_id("Klinikum Borna (Demo)").await;
        let borna_s = borna.to_string();
        // A letter far in the future, so the period holds it alone.
        let r = app
            .submit(
                &c,
                "/network/approaches",
                "/network/approaches",
                &[
                    ("org_id", borna_s.as_str()),
                    ("channel", "letter"),
                    ("on", "2031-03-03"),
                    ("topic", "Zebrafisch-Kooperation 100%"),
                    ("outcome", "Antwort offen"),
                    ("next_step", ""),
                    ("next_due", ""),
                    ("confirm", "1"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let all = row_texts(&app.page(&c, "/network/approaches?limit=200").await);
        assert!(all.len() > 3, "{all:?}");
        // Newest first by default: the future letter leads.
        assert!(all[0].contains("Zebrafisch"), "{}", all[0]);

        // By day both ways, by company both ways.
        let html = app
            .page(&c, "/network/approaches?sort=day&dir=asc&limit=200")
            .await;
        assert!(html.contains("aria-sort=\"ascending\""), "{html}");
        let mut asc = row_texts(&html);
        asc.reverse();
        assert_eq!(asc, all);
        let c_desc = row_texts(
            &app.page(&c, "/network/approaches?sort=company&dir=desc&limit=200")
                .await,
        );
        let mut c_asc = row_texts(
            &app.page(&c, "/network/approaches?sort=company&dir=asc&limit=200")
                .await,
        );
        c_asc.reverse();
        assert_eq!(c_desc, c_asc);
        assert_eq!(c_desc.len(), all.len());

        // Filters: each channel's rows add up to the log; a company; a period.
        let mut total = 0;
        for (channel, label) in [
            ("direct_approach", "Direktansprache"),
            ("visit", "Besuch"),
            ("call", "Anruf"),
            ("email", "E-Mail"),
            ("meeting", "Treffen"),
            ("letter", "Brief"),
        ] {
            let rows = row_texts(
                &app.page(
                    &c,
                    &format!("/network/approaches?channel={channel}&limit=200"),
                )
                .await,
            );
            assert!(
                rows.iter()
                    .all(|r| r.contains(&format!("<td>{label}</td>"))),
                "{channel}: {rows:?}"
            );
            total += rows.len();
        }
        assert_eq!(total, all.len());
        let html = app
            .page(&c, "/network/approaches?company=borna&limit=200")
            .await;
        let at_borna = row_texts(&html);
        assert!(!at_borna.is_empty() && at_borna.len() < all.len());
        assert!(
            at_borna
                .iter()
                .all(|r| r.contains(&format!("href=\"/organisations/{borna}\"")))
        );
        assert!(html.contains("name=\"company\" value=\"borna\""));
        // The approaching organisation: every row of the log is the agency's or a partner's.
        let by_agency = row_texts(
            &app.page(
                &c,
                "/network/approaches?by=Wirtschaftsf%C3%B6rderung&limit=200",
            )
            .await,
        );
        assert!(!by_agency.is_empty());
        assert!(
            row_texts(
                &app.page(&c, "/network/approaches?by=Nirgendwo&limit=200")
                    .await
            )
            .is_empty()
        );
        let period = row_texts(
            &app.page(&c, "/network/approaches?from=2031-03-01&to=2031-03-03")
                .await,
        );
        assert_eq!(period.len(), 1);
        assert!(period[0].contains("Zebrafisch"));
        let before = row_texts(
            &app.page(&c, "/network/approaches?to=2031-03-02&limit=200")
                .await,
        );
        assert_eq!(before.len(), all.len() - 1);

        // Search in topic and outcome; `%` means itself.
        let found = row_texts(&app.page(&c, "/network/approaches?q=ZEBRAFISCH").await);
        assert_eq!(found.len(), 1);
        let found = row_texts(&app.page(&c, "/network/approaches?q=100%25").await);
        assert_eq!(found.len(), 1);
        assert!(row_texts(&app.page(&c, "/network/approaches?q=%25%25").await).is_empty());

        // Pages of two.
        let first = row_texts(&app.page(&c, "/network/approaches?limit=2").await);
        assert_eq!(first, all[..2]);
        let second = row_texts(&app.page(&c, "/network/approaches?limit=2&offset=2").await);
        assert_eq!(second, all[2..4]);

        // Downloads with German headers.
        let lines = csv_lines(&app, &c, "/network/approaches?company=borna&format=csv").await;
        assert_eq!(lines[0], "Am;Unternehmen;Weg;Thema;Ergebnis;Durch");
        assert_eq!(lines.len(), at_borna.len() + 1);
        // Dates as German Excel reads them in a CSV, and as date cells in XLSX (which the
        // spreadsheet shows in the reader's own format and sorts as dates).
        assert!(
            lines[1].starts_with("03.03.2031;Klinikum Borna (Demo);Brief;"),
            "{lines:?}"
        );
        let sheet = xlsx_rows(&app, &c, "/network/approaches?q=zebrafisch&format=xlsx").await;
        assert_eq!(sheet.len(), 2);
        assert_eq!(sheet[1][3], "Zebrafisch-Kooperation 100%");
        let cells = xlsx_cells(&app, &c, "/network/approaches?company=borna&format=xlsx").await;
        match &cells[1][0] {
            calamine::Data::DateTime(d) => {
                assert!(d.is_datetime());
                let serial = chrono::NaiveDate::from_ymd_opt(2031, 3, 3)
                    .unwrap()
                    .signed_duration_since(chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
                    .num_days();
                assert_eq!(d.as_f64(), serial as f64, "2031-03-03 as Excel counts days");
            }
            other => panic!("a date cell, not {other:?}"),
        }
        // In English: ISO dates in a plain CSV.
        let r = app
            .submit(
                &c,
                "/dashboard",
                "/language",
                &[("lang", "en"), ("back", "/dashboard")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, plain) = download(&app, &c, "/network/approaches?company=borna&format=csv").await;
        let plain = String::from_utf8(plain).unwrap();
        assert!(
            plain.lines().nth(1).unwrap().starts_with("2031-03-03,"),
            "{plain}"
        );
        let r = app
            .submit(
                &c,
                "/dashboard",
                "/language",
                &[("lang", "de"), ("back", "/dashboard")],
            )
            .await;
        assert_eq!(r.status(), 303);

        // Employers do not read the log, as a page or a download.
        let e = app.login(EMPLOYER).await;
        for path in ["/network/approaches", "/network/approaches?format=csv"] {
            let r = e.get(app.url(path)).send().await.unwrap();
            assert_eq!(r.status(), 404, "GET {path}");
        }
        let r = c
            .get(app.url("/network/approaches?channel=pigeon"))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
    }
);
