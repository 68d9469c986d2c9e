//! Pages: languages, organisation scope, dashboards, bad input.

use crate::helpers::*;
use crate::on_both;

on_both!(
    accept_language_decides_until_the_selector_is_used,
    |app: TestApp| async move {
        let c = client();
        let r = c
            .get(app.url("/login"))
            .header("accept-language", "vi-VN,vi;q=0.9,en;q=0.5")
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["content-language"], "vi");
        let html = r.text().await.unwrap();
        assert!(html.contains("<html lang=\"vi\">") && html.contains("Đăng nhập"));
        // Choose English; it is remembered even though the browser still prefers Vietnamese.
        let r = c
            .post(app.url("/language"))
            .header("accept-language", "vi")
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("lang", "en"),
                ("back", "/login"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/login");
        let html = c
            .get(app.url("/login"))
            .header("accept-language", "vi")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("<html lang=\"en\">") && html.contains("Log in"));
        // Unknown languages are a clear 4xx.
        let r = c
            .post(app.url("/language"))
            .form(&[("csrf", csrf_of(&html).as_str()), ("lang", "xx")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
    }
);

on_both!(
    the_chosen_language_is_stored_on_the_account,
    |app: TestApp| async move {
        let c = app.login(ADMIN).await;
        let r = app
            .submit(
                &c,
                "/dashboard",
                "/language",
                &[("lang", "vi"), ("back", "/dashboard")],
            )
            .await;
        assert_eq!(r.status(), 303);
        // A new browser (no language cookie) gets the account's language after login.
        let fresh = app.login(ADMIN).await;
        let html = app.page(&fresh, "/dashboard").await;
        assert!(
            html.contains("<html lang=\"vi\">"),
            "account language applies"
        );
    }
);

on_both!(
    every_role_gets_a_dashboard_in_every_language,
    |app: TestApp| async move {
        for login in standort_app::demo::DEMO_LOGINS {
            let c = app.login(login.email).await;
            for lang in ["de", "en", "vi"] {
                app.submit(&c, "/dashboard", "/language", &[("lang", lang)])
                    .await;
                let html = app.page(&c, "/dashboard").await;
                assert!(html.contains(&format!("<html lang=\"{lang}\">")));
                // No untranslated key leaks into the page.
                for raw in ["card-", "role-", "nav-", "dashboard-"] {
                    assert!(
                        !html.contains(&format!(">{raw}")),
                        "{} in {lang}: raw key {raw}",
                        login.email
                    );
                }
            }
        }
    }
);

on_both!(
    employers_see_only_their_own_organisation,
    |app: TestApp| async move {
        let clinic = app.org_id("Städtisches Klinikum St. Georg (Demo)").await;
        let own = app.org_id("Leipziger Verkehrsbetriebe (Demo)").await;
        let c = app.login(EMPLOYER).await;
        let list = app.page(&c, "/organisations").await;
        assert!(list.contains("Leipziger Verkehrsbetriebe") && !list.contains("Klinikum"));
        app.page(&c, &format!("/organisations/{own}")).await;
        let r = c
            .get(app.url(&format!("/organisations/{clinic}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "another organisation's page is not found");
        for path in ["/admin/users", "/admin/audit"] {
            assert_eq!(
                c.get(app.url(path)).send().await.unwrap().status(),
                404,
                "{path}"
            );
        }
        // Clinic buyers likewise.
        let b = app.login(BUYER).await;
        assert_eq!(
            b.get(app.url(&format!("/organisations/{own}")))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        // Candidates see no organisation list at all.
        let cand = app.login(CANDIDATE).await;
        assert_eq!(
            cand.get(app.url("/organisations"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
    }
);

on_both!(
    admin_creates_a_user_who_can_log_in,
    |app: TestApp| async move {
        let admin = app.login(ADMIN).await;
        let clinic = app
            .org_id("Universitätsklinikum Leipzig (Demo)")
            .await
            .to_string();
        let r = app
            .submit(
                &admin,
                "/admin/users",
                "/admin/users",
                &[
                    ("display_name", "Trần Văn Minh"),
                    ("email", "minh@uniklinik.example"),
                    ("role", "clinic_buyer"),
                    ("org_id", &clinic),
                    ("language", "vi"),
                    ("password", "a long enough password"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let page = app.page(&admin, "/admin/users?done=user-created-ok").await;
        assert!(page.contains("Trần Văn Minh") && page.contains("Das Konto wurde angelegt"));
        let c = client();
        let r = app
            .submit(
                &c,
                "/login",
                "/login",
                &[
                    ("email", "MINH@uniklinik.example"),
                    ("password", "a long enough password"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert!(
            app.page(&c, "/dashboard")
                .await
                .contains("<html lang=\"vi\">")
        );
        // A duplicate e-mail is a conflict with a clear message, and nothing changes.
        let r = app
            .submit(
                &admin,
                "/admin/users",
                "/admin/users",
                &[
                    ("display_name", "X"),
                    ("email", "minh@uniklinik.example"),
                    ("role", "planner"),
                    ("org_id", &clinic),
                    ("password", "another long password"),
                ],
            )
            .await;
        assert_eq!(r.status(), 409);
        assert!(r.text().await.unwrap().contains("bereits vergeben"));
    }
);

on_both!(
    bad_input_gets_a_clear_4xx_and_changes_nothing,
    |app: TestApp| async move {
        let admin = app.login(ADMIN).await;
        let html = app.page(&admin, "/organisations").await;
        let token = csrf_of(&html);
        // Counted through the API: the list page shows one page of them.
        let api_token = app.token(ADMIN).await;
        let count = || async {
            app.api_status_json(&api_token, "/api/v1/organisations?limit=1")
                .await
                .1["total"]
                .as_i64()
                .unwrap()
        };
        let before = count().await;
        // Malformed form: missing field.
        let r = admin
            .post(app.url("/organisations"))
            .form(&[("csrf", token.as_str()), ("name", "X")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        // Validation: blank name, bad kind, bad country.
        for (name, kind, country, code) in [
            ("  ", "clinic", "DE", 422),
            ("Ok", "castle", "DE", 422),
            ("Ok", "clinic", "Deutschland", 422),
        ] {
            let r = admin
                .post(app.url("/organisations"))
                .form(&[
                    ("csrf", token.as_str()),
                    ("name", name),
                    ("kind", kind),
                    ("country", country),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), code, "{name:?} {kind:?} {country:?}");
        }
        // Invalid UTF-8 in a form body.
        let mut body = format!("csrf={token}&kind=clinic&name=").into_bytes();
        body.extend_from_slice(&[0xff, 0xfe, 0x41]);
        let r = admin
            .post(app.url("/organisations"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
        // Unknown ids are 404, non-numeric ids too.
        assert_eq!(
            admin
                .get(app.url("/organisations/999999"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert_eq!(
            admin
                .get(app.url("/organisations/abc"))
                .send()
                .await
                .unwrap()
                .status(),
            404
        );
        assert_eq!(
            admin
                .get(app.url("/organisations?limit=abc"))
                .send()
                .await
                .unwrap()
                .status(),
            400
        );
        assert_eq!(count().await, before);
        // SQL metacharacters are just text.
        let evil = "Robert'); DROP TABLE organisations;-- \"<script>alert(1)</script>";
        let r = admin
            .post(app.url("/organisations"))
            .form(&[
                ("csrf", token.as_str()),
                ("name", evil),
                ("kind", "employer"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let list = app.page(&admin, "/organisations").await;
        assert!(
            list.contains("Robert&#x27;); DROP TABLE organisations;-- &quot;&lt;script&gt;")
                || list.contains("Robert&#39;); DROP TABLE"),
            "escaped, stored verbatim"
        );
        assert!(!list.contains("<script>alert(1)</script>"));
        assert_eq!(count().await, before + 1);
        // An oversized body (last: the server answers 413 and closes the connection,
        // which this client would otherwise try to reuse).
        let big = "x".repeat(2 * 1024 * 1024);
        let r = admin
            .post(app.url("/organisations"))
            .form(&[
                ("csrf", token.as_str()),
                ("name", big.as_str()),
                ("kind", "clinic"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 413);
    }
);

on_both!(
    unknown_pages_are_translated_404s,
    |app: TestApp| async move {
        let r = client()
            .get(app.url("/no/such/page"))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert!(r.text().await.unwrap().contains("does not exist"));
    }
);

on_both!(
    health_reports_the_database_and_503_when_it_is_gone,
    |app: TestApp| async move {
        let r = client().get(app.url("/health")).send().await.unwrap();
        assert_eq!(r.status(), 200);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["status"], "ok");
        assert_eq!(body["database"], app.db.kind().as_str());
        // Every migration file of the backend is applied (versions may have gaps).
        let dir = format!(
            "{}/../store/migrations/{}",
            env!("CARGO_MANIFEST_DIR"),
            app.db.kind().as_str()
        );
        let files = std::fs::read_dir(dir).unwrap().count() as i64;
        assert_eq!(body["migrations_applied"], files);
        app.db.close().await;
        let r = client().get(app.url("/health")).send().await.unwrap();
        assert_eq!(r.status(), 503);
        assert_eq!(r.headers()["content-type"], "application/problem+json");
    }
);

// Pages and JSON behind a login carry personal data: no browser or proxy cache may keep them
// (back button after logout, a shared proxy). Only static assets may be cached.
on_both!(
    personal_pages_and_json_are_never_cached,
    |app: TestApp| async move {
        let c = app.login(STAFF).await;
        let token = app.token(STAFF).await;
        let staff_pages = ["/dashboard", "/recruitment/candidates", "/account"];
        for path in staff_pages {
            let r = c.get(app.url(path)).send().await.unwrap();
            assert_eq!(r.status(), 200, "{path}");
            assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
        }
        for path in [
            "/api/v1/organisations",
            "/api/v1/recruitment/candidates",
            "/api/v1/nope",
        ] {
            let r = app.api_get(&token, path).await;
            assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
        }
        let r = client().get(app.url("/login")).send().await.unwrap();
        assert_eq!(r.headers()["cache-control"], "no-store");
        let r = client()
            .get(app.url("/static/style.css"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["cache-control"], "public, max-age=3600");
        // The URL a page links carries the content hash: cached as immutable, revalidated by ETag.
        let href = standort_web::assets::href("/static/kern.css");
        let page = app.page(&c, "/dashboard").await;
        assert!(page.contains(&href), "the page links {href}");
        let r = client().get(app.url(&href)).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "text/css; charset=utf-8");
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        let etag = r.headers()["etag"].clone();
        let r = client()
            .get(app.url(&href))
            .header("if-none-match", etag)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 304);
    }
);

on_both!(
    every_navigation_entry_opens_for_those_who_see_it,
    |app: TestApp| async move {
        // Entries come from each module's registry entry; one whose page is not routed (or
        // that a role sees without being allowed to open it) fails here.
        for login in standort_app::demo::DEMO_LOGINS {
            let c = app.login(login.email).await;
            let html = app.page(&c, "/dashboard").await;
            let start = html.find("<ul class=\"nav\">").expect("a navigation");
            let end = start + html[start..].find("</ul>").expect("navigation ends");
            let hrefs: Vec<&str> = html[start..end]
                .split("href=\"")
                .skip(1)
                .map(|rest| rest.split('"').next().unwrap())
                .collect();
            assert!(
                hrefs.contains(&"/dashboard") && hrefs.contains(&"/account"),
                "{}: {hrefs:?}",
                login.email
            );
            for href in hrefs {
                let mut r = c.get(app.url(href)).send().await.unwrap();
                // `/recruitment/my-profile` leads on to the candidate's own profile.
                if r.status() == 303 {
                    let to = r.headers()["location"].to_str().unwrap().to_owned();
                    r = c.get(app.url(&to)).send().await.unwrap();
                }
                assert_eq!(r.status(), 200, "{} opens {href}", login.email);
            }
        }
    }
);

on_both!(
    help_is_in_the_product_for_what_the_reader_can_open_in_their_language,
    |app: TestApp| async move {
        // Staff: every page's header leads to its module's part of the help.
        let staff = app.login(STAFF).await;
        let html = app.page(&staff, "/demography").await;
        assert!(html.contains(r##"href="/help#demography""##), "{html}");
        let html = app.page(&staff, "/placements").await;
        assert!(html.contains(r##"href="/help#placements""##));
        let help = app.page(&staff, "/help").await;
        for part in [
            "demography",
            "placements",
            "recruitment",
            "procurement",
            "network",
        ] {
            assert!(help.contains(&format!(r#"<section id="{part}""#)), "{part}");
        }
        // The import formats the demography page refers to are explained in the product.
        assert!(help.contains("Dateien für den Import") && help.contains("region_key"));
        // Help describes only what the reader can open.
        assert!(!help.contains(r#"<section id="portal""#));
        let employer = app.login(EMPLOYER).await;
        let help = app.page(&employer, "/help").await;
        assert!(help.contains(r#"<section id="recruitment""#));
        assert!(!help.contains(r#"<section id="demography""#));
        let candidate = app.login(CANDIDATE).await;
        let help = app.page(&candidate, "/help").await;
        assert!(help.contains(r#"<section id="portal""#));
        // In the reader's language.
        for (lang, title) in [("en", "Your portal"), ("vi", "Cổng thông tin của bạn")] {
            let r = app
                .submit(
                    &candidate,
                    "/help",
                    "/language",
                    &[("lang", lang), ("back", "/help")],
                )
                .await;
            assert_eq!(r.status(), 303);
            let help = app.page(&candidate, "/help").await;
            assert!(help.contains(&format!("<html lang=\"{lang}\">")) && help.contains(title));
        }
        // Not without a login.
        let r = client().get(app.url("/help")).send().await.unwrap();
        assert_eq!(r.status(), 303);
        assert!(
            r.headers()["location"]
                .to_str()
                .unwrap()
                .starts_with("/login?next=")
        );
    }
);
