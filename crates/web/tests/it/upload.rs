//! File uploads on pages (multipart/form-data without JavaScript) through the central CSRF
//! middleware: accepted with the token as first field or in the header; refused (403) without or
//! with a wrong token, 413 over the limit — and a refused upload changes nothing.

use crate::helpers::{TestApp, csrf_of};
use crate::on_both;

const PLANNER: &str = "planner@demo.standort.example";
const BOUNDARY: &str = "----standort-test-7f3a";

/// One part of a multipart body: field name, file name (for a file part), content.
pub type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

/// A multipart/form-data body as a browser builds it; returns (content type, body).
pub fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, file, data) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

pub async fn post_multipart(
    app: &TestApp,
    c: &reqwest::Client,
    action: &str,
    parts: &[Part<'_>],
) -> reqwest::Response {
    let (ct, body) = multipart(parts);
    c.post(app.url(action))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap()
}

/// The row of a region in the regions CSV export (population and its year included).
async fn region_row(app: &TestApp, c: &reqwest::Client, key: &str) -> String {
    let csv = c
        .get(app.url("/demography/export/regions?format=csv"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    csv.lines()
        .find(|l| l.starts_with(&format!("{key},")))
        .expect("region exported")
        .to_owned()
}

/// Nerchau's population for 2024: 100 boys aged 0.
const FILE: &[u8] = b"region_key,year,age,sex,population\r\n14729160001,2024,0,m,100\r\n";

on_both!(
    uploads_need_the_token_and_respect_the_limit,
    |app: TestApp| async move {
        let c = app.login(PLANNER).await;
        let token = csrf_of(&app.page(&c, "/demography").await);
        let before = region_row(&app, &c, "14729160001").await;
        assert!(!before.ends_with(",2024"), "{before}");

        // No token: the same 403 as a plain form, nothing written.
        let r = post_multipart(
            &app,
            &c,
            "/demography/import",
            &[("population_file", Some("p.csv"), FILE)],
        )
        .await;
        assert_eq!(r.status(), 403);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Das Formular ist abgelaufen")
        );
        // Wrong token.
        let r = post_multipart(
            &app,
            &c,
            "/demography/import",
            &[
                ("csrf", None, b"not-the-token"),
                ("population_file", Some("p.csv"), FILE),
            ],
        )
        .await;
        assert_eq!(r.status(), 403);
        // A file part called csrf is no token.
        let r = post_multipart(
            &app,
            &c,
            "/demography/import",
            &[
                ("csrf", Some("csrf.txt"), token.as_bytes()),
                ("population_file", Some("p.csv"), FILE),
            ],
        )
        .await;
        assert_eq!(r.status(), 403);
        // Too large: one byte over 25 MiB, refused with a page that says the limit.
        let mut big = FILE.to_vec();
        big.resize(standort_web::upload::DEFAULT_UPLOAD_LIMIT + 1, b'\n');
        let r = post_multipart(
            &app,
            &c,
            "/demography/import",
            &[
                ("csrf", None, token.as_bytes()),
                ("population_file", Some("p.csv"), &big),
            ],
        )
        .await;
        assert_eq!(r.status(), 413);
        let html = r.text().await.unwrap();
        assert!(html.contains("höchstens 25 MiB"), "{html}");
        assert_eq!(
            region_row(&app, &c, "14729160001").await,
            before,
            "refused uploads change nothing"
        );

        // With the token as first field: imported.
        let r = post_multipart(
            &app,
            &c,
            "/demography/import",
            &[
                ("csrf", None, token.as_bytes()),
                ("regions", None, b""),
                ("regions_file", Some(""), b""),
                ("population_file", Some("nerchau-2024.csv"), FILE),
            ],
        )
        .await;
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        assert!(html.contains("role=\"status\""), "{html}");
        let after = region_row(&app, &c, "14729160001").await;
        assert!(after.ends_with(",100,2024"), "{after}");

        // The header works as well (script-driven clients).
        let (ct, body) = multipart(&[(
            "population_file",
            Some("p.csv"),
            b"region_key,year,age,sex,population\n14729160001,2024,0,m,120\n",
        )]);
        let r = c
            .post(app.url("/demography/import"))
            .header("content-type", ct)
            .header("x-csrf-token", &token)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(
            region_row(&app, &c, "14729160001")
                .await
                .ends_with(",120,2024")
        );
    }
);
