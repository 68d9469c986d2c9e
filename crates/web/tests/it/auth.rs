//! Login, sessions across instances, throttling, CSRF.

use crate::helpers::*;
use crate::on_both;

on_both!(
    login_sets_a_safe_session_cookie_and_opens_the_dashboard,
    |app: TestApp| async move {
        let c = client();
        let html = app.page(&c, "/login").await;
        let r = c
            .post(app.url("/login"))
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("email", ADMIN),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/dashboard");
        let cookie = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|v| v.starts_with("standort_session="))
            .expect("session cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let dashboard = app.page(&c, "/dashboard").await;
        assert!(
            dashboard.contains("Katrin Vogel"),
            "dashboard greets the user"
        );
        assert!(
            dashboard.contains("<html lang=\"de\">"),
            "German by default"
        );
    }
);

on_both!(
    wrong_password_is_refused_and_logged,
    |app: TestApp| async move {
        let c = client();
        let r = app
            .submit(
                &c,
                "/login",
                "/login",
                &[("email", ADMIN), ("password", "wrong password")],
            )
            .await;
        assert_eq!(r.status(), 401);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("E-Mail-Adresse oder Passwort ist falsch")
        );
        assert_eq!(
            c.get(app.url("/dashboard")).send().await.unwrap().status(),
            303,
            "still anonymous"
        );
        let token = app.token(ADMIN).await;
        let log: serde_json::Value = app
            .api_get(token, "/api/v1/audit?action=login_failed")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(log["total"], 1);
        assert_eq!(log["items"][0]["actor_label"], ADMIN);
    }
);

on_both!(
    logins_are_throttled_per_account,
    |app: TestApp| async move {
        let c = client();
        for _ in 0..5 {
            let r = app
                .submit(
                    &c,
                    "/login",
                    "/login",
                    &[("email", STAFF), ("password", "nope nope nope")],
                )
                .await;
            assert_eq!(r.status(), 401);
        }
        // Now even the right password is refused for a while, with Retry-After.
        let r = app
            .submit(
                &c,
                "/login",
                "/login",
                &[("email", STAFF), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), 429);
        assert!(r.headers().contains_key("retry-after"));
        // Other accounts are not affected.
        app.login(ADMIN).await;
    }
);

on_both!(logout_ends_the_session, |app: TestApp| async move {
    let c = app.login(ADMIN).await;
    let r = app.submit(&c, "/dashboard", "/logout", &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(
        c.get(app.url("/dashboard")).send().await.unwrap().status(),
        303
    );
});

on_both!(
    state_changing_forms_need_the_csrf_token,
    |app: TestApp| async move {
        let c = app.login(ADMIN).await;
        let before = app.page(&c, "/organisations").await;
        for token in [None, Some("forged"), Some("")] {
            let mut form = vec![("name", "Evil Corp"), ("kind", "employer")];
            if let Some(t) = token {
                form.push(("csrf", t));
            }
            let r = c
                .post(app.url("/organisations"))
                .form(&form)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 403, "token {token:?}");
            assert!(
                r.text()
                    .await
                    .unwrap()
                    .contains("Das Formular ist abgelaufen")
            );
        }
        // JSON or multipart bodies cannot sneak past the check either.
        let r = c
            .post(app.url("/organisations"))
            .json(&serde_json::json!({"name": "Evil"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
        assert_eq!(
            app.page(&c, "/organisations").await.matches("<tr>").count(),
            before.matches("<tr>").count()
        );
        assert!(!app.page(&c, "/organisations").await.contains("Evil"));
        // With the token it works.
        let r = app
            .submit(
                &c,
                "/organisations",
                "/organisations",
                &[
                    ("name", "Pflegedienst Sonnenschein"),
                    ("kind", "employer"),
                    ("country", "DE"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert!(
            app.page(&c, "/organisations?done=org-created-ok")
                .await
                .contains("Pflegedienst Sonnenschein")
        );
    }
);

on_both!(
    anonymous_visitors_are_sent_to_login,
    |app: TestApp| async move {
        let c = client();
        for path in [
            "/dashboard",
            "/organisations",
            "/organisations/1",
            "/admin/users",
            "/admin/audit",
            "/account",
        ] {
            let r = c.get(app.url(path)).send().await.unwrap();
            assert_eq!(r.status(), 303, "{path}");
            assert!(
                r.headers()["location"]
                    .to_str()
                    .unwrap()
                    .starts_with("/login?next="),
                "{path}"
            );
        }
        // Anonymous POSTs to protected forms are refused by CSRF before anything else.
        let r = c
            .post(app.url("/admin/users/1/disable"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403);
    }
);

on_both!(
    after_login_the_next_page_is_followed_but_only_locally,
    |app: TestApp| async move {
        let c = client();
        let html = app.page(&c, "/login?next=/admin/audit").await;
        let r = c
            .post(app.url("/login"))
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("email", ADMIN),
                ("password", PASSWORD),
                ("next", "/admin/audit"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"], "/admin/audit");
        let c = client();
        let html = app.page(&c, "/login").await;
        let r = c
            .post(app.url("/login"))
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("email", ADMIN),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.headers()["location"], "/dashboard");
    }
);

on_both!(
    disabling_a_user_ends_their_sessions_and_reset_gives_a_new_password,
    |app: TestApp| async move {
        let admin = app.login(ADMIN).await;
        let staff = app.login(STAFF).await;
        let staff_id = app.user_id(STAFF).await;
        let r = app
            .submit(
                &admin,
                "/admin/users",
                &format!("/admin/users/{staff_id}/disable"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert_eq!(
            staff
                .get(app.url("/dashboard"))
                .send()
                .await
                .unwrap()
                .status(),
            303,
            "session ended"
        );
        let r = app
            .submit(
                &client(),
                "/login",
                "/login",
                &[("email", STAFF), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), 401, "disabled accounts cannot log in");
        app.submit(
            &admin,
            "/admin/users",
            &format!("/admin/users/{staff_id}/enable"),
            &[],
        )
        .await;
        let r = app
            .submit(
                &admin,
                "/admin/users",
                &format!("/admin/users/{staff_id}/reset-password"),
                &[],
            )
            .await;
        let html = r.text().await.unwrap();
        let marker = format!("{STAFF}: ");
        let start = html.find(&marker).expect("new password shown") + marker.len();
        let password: String = html[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        assert_eq!(password.len(), 19);
        let r = app
            .submit(
                &client(),
                "/login",
                "/login",
                &[("email", STAFF), ("password", &password)],
            )
            .await;
        assert_eq!(r.status(), 303);
        let r = app
            .submit(
                &client(),
                "/login",
                "/login",
                &[("email", STAFF), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), 401, "old password no longer works");
    }
);

/// Sessions live in the database: a login made on one instance is valid on another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_on_one_instance_is_valid_on_another() {
    let Some(app) = spawn(standort_store::DbKind::Postgres).await else {
        return;
    };
    let second = second_instance(&app.url).await;
    let c = app.login(ADMIN).await;
    let r = c.get(format!("{second}/dashboard")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("Katrin Vogel"));
    // Throttling counts are shared too: failures on instance A count on instance B.
    let anon = client();
    for _ in 0..5 {
        app.submit(
            &anon,
            "/login",
            "/login",
            &[("email", STAFF), ("password", "wrong wrong")],
        )
        .await;
    }
    let html = anon
        .get(format!("{second}/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = anon
        .post(format!("{second}/login"))
        .form(&[
            ("csrf", csrf_of(&html).as_str()),
            ("email", STAFF),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
}

on_both!(
    a_burst_of_wrong_passwords_checks_at_most_the_limit_and_blocks_nobody,
    |app: TestApp| async move {
        // Another user, logged in before the burst, with a page session and an API token.
        let admin = app.login(ADMIN).await;
        let admin_token = app.token(ADMIN).await;
        let attacker = client();
        let csrf = csrf_of(&app.page(&attacker, "/login").await);
        let burst: Vec<_> = (0..100)
            .map(|i| {
                let request = attacker.post(app.url("/login")).form(&[
                    ("csrf", csrf.clone()),
                    ("email", STAFF.to_owned()),
                    ("password", format!("wrong password {i}")),
                ]);
                tokio::spawn(async move { request.send().await.map(|r| r.status().as_u16()) })
            })
            .collect();
        // Meanwhile the other user is served.
        for path in ["/health", "/dashboard", "/account"] {
            let r = admin.get(app.url(path)).send().await.unwrap();
            assert_eq!(r.status(), 200, "{path} during the burst");
        }
        let r = app.api_get(&admin_token, "/api/v1/organisations").await;
        assert_eq!(r.status(), 200, "the API during the burst");
        let mut statuses = std::collections::BTreeMap::new();
        for attempt in burst {
            let status = attempt.await.unwrap().expect("every attempt is answered");
            *statuses.entry(status).or_insert(0) += 1;
        }
        assert!(
            statuses.keys().all(|s| [401, 429].contains(s)),
            "only 'wrong' and 'too many': {statuses:?}"
        );
        // Every password that was checked left a `login_failed` entry.
        let checked = app
            .api_json(&admin_token, "/api/v1/audit?action=login_failed")
            .await["total"]
            .as_i64()
            .unwrap();
        assert!(checked <= 5, "{checked} passwords checked, {statuses:?}");
        assert_eq!(statuses.get(&401).copied().unwrap_or(0), checked);
    }
);

on_both!(
    throttle_keys_hold_no_email_address,
    |app: TestApp| async move {
        let c = client();
        let upper = STAFF.to_uppercase();
        for email in [STAFF, upper.as_str(), "nobody@example.org"] {
            let r = app
                .submit(
                    &c,
                    "/login",
                    "/login",
                    &[("email", email), ("password", "wrong password")],
                )
                .await;
            assert_eq!(r.status(), 401);
        }
        let mut conn = app.db.conn().await.unwrap();
        let keys: Vec<(String,)> = sqlx::query_as("SELECT throttle_key FROM login_attempts")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        let account_keys: std::collections::BTreeSet<&str> = keys
            .iter()
            .map(|(k,)| k.as_str())
            .filter(|k| k.starts_with("account:"))
            .collect();
        assert_eq!(
            account_keys.len(),
            2,
            "one key per account, whatever the case: {keys:?}"
        );
        for (key,) in &keys {
            let key = key.to_lowercase();
            assert!(
                !key.contains('@') && !key.contains("staff") && !key.contains("nobody"),
                "{key}"
            );
        }
    }
);

/// Reads the hidden form field `name` of a page, with its character references decoded.
fn hidden_field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect("field present") + marker.len();
    let mut rest = html[start..].split('"').next().unwrap();
    let mut out = String::new();
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let end = amp + rest[amp..].find(';').expect("reference ends with ;");
        let code = match &rest[amp + 1..end] {
            "amp" => '&',
            "quot" => '"',
            "lt" => '<',
            "gt" => '>',
            "apos" => '\'',
            numeric => {
                let n = numeric.strip_prefix('#').expect("known reference");
                let n = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => n.parse(),
                };
                char::from_u32(n.unwrap()).unwrap()
            }
        };
        out.push(code);
        rest = &rest[end + 1..];
    }
    out + rest
}

on_both!(
    redirects_after_login_and_language_choice_stay_on_the_site,
    |app: TestApp| async move {
        // As they would appear in a link's query or a form body (percent-encoded, decoded once
        // by the server). The first ones are local and followed; the rest lead elsewhere in a
        // browser (which drops tabs and newlines and reads `\` as `/`) and are refused.
        let local = ["/admin/audit", "/candidates%3Fq%3Dnguyen%26page%3D2", "/"];
        let foreign = [
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%0d/evil.example",
            "/%0d%0a/evil.example",
            "%09//evil.example",
            "%20//evil.example",
            "/%5Cevil.example",
            "/%5C/evil.example",
            "%5C%5Cevil.example",
            "%5C/evil.example",
            "//evil.example",
            "///evil.example",
            "%2F%2Fevil.example",
            "/%2F%2Fevil.example",
            "/%2F/evil.example",
            "https://evil.example",
            "https:evil.example",
            "http:%2F%2Fevil.example",
            "javascript:alert(1)",
            "evil.example",
            "/%00/evil.example",
            "/%7F/evil.example",
            "/%E2%80%AE/evil.example",
            "",
        ];
        let base = reqwest::Url::parse(&app.base).unwrap();
        let same_site = |location: &str| {
            base.join(location)
                .is_ok_and(|u| u.origin() == base.origin())
        };
        let location = |r: &reqwest::Response| {
            assert_eq!(r.status(), 303);
            String::from_utf8_lossy(r.headers()["location"].as_bytes()).into_owned()
        };
        let decoded = |raw: &str| {
            reqwest::Url::parse(&format!("http://x/?v={raw}"))
                .unwrap()
                .query_pairs()
                .next()
                .unwrap()
                .1
                .into_owned()
        };
        for (raw, is_local) in local
            .iter()
            .map(|r| (*r, true))
            .chain(foreign.iter().map(|r| (*r, false)))
        {
            let c = client();
            let html = app.page(&c, &format!("/login?next={raw}")).await;
            let next = hidden_field(&html, "next");
            let csrf = csrf_of(&html);
            let expected = if is_local {
                decoded(raw)
            } else {
                "/dashboard".to_owned()
            };
            assert_eq!(next, expected, "login page with next={raw}");

            // The language form, before logging in.
            let r = c
                .post(app.url("/language"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("csrf={csrf}&lang=en&back={raw}"))
                .send()
                .await
                .unwrap();
            let to = location(&r);
            assert!(same_site(&to), "language back={raw} -> {to:?}");
            let expected_back = if is_local {
                decoded(raw)
            } else {
                "/login".into()
            };
            assert_eq!(to, expected_back, "language back={raw}");

            // Logging in with `next` as posted (not only as the login page offers it).
            let mut form = reqwest::Url::parse("http://x/").unwrap();
            form.query_pairs_mut()
                .append_pair("csrf", &csrf)
                .append_pair("email", ADMIN)
                .append_pair("password", PASSWORD);
            let r = c
                .post(app.url("/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("{}&next={raw}", form.query().unwrap()))
                .send()
                .await
                .unwrap();
            let to = location(&r);
            assert!(same_site(&to), "login next={raw} -> {to:?}");
            assert_eq!(to, expected, "login next={raw}");
        }
    }
);

on_both!(
    behind_a_proxy_the_address_the_proxy_appended_counts,
    web: standort_web::WebSettings {
        behind_proxy: true,
        ..Default::default()
    },
    |app: TestApp| async move {
        // nginx's `proxy_add_x_forwarded_for` appends the real address to whatever the client
        // sent; the attacker varies the leftmost entry on every attempt.
        let c = client();
        let csrf = csrf_of(&app.page(&c, "/login").await);
        let mut statuses = Vec::new();
        for i in 0..80u32 {
            let forged = format!("10.{}.{}.{}", i, (i * 7) % 256, (i * 13) % 256);
            let email = format!("nobody{i}@example.org");
            let r = c
                .post(app.url("/login"))
                .header("x-forwarded-for", format!("{forged}, 203.0.113.7"))
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("email", email.as_str()),
                    ("password", "wrong password"),
                ])
                .send()
                .await
                .unwrap();
            statuses.push(r.status().as_u16());
        }
        assert_eq!(statuses[..50], [401; 50], "{statuses:?}");
        assert!(
            statuses[50..].iter().all(|s| *s == 429),
            "throttled after 50 from one address: {statuses:?}"
        );

        // The administrator's login is audited with the address the proxy saw.
        let admin = client();
        let html = app.page(&admin, "/login").await;
        let r = admin
            .post(app.url("/login"))
            .header("x-forwarded-for", "6.6.6.6, 198.51.100.9")
            .form(&[
                ("csrf", csrf_of(&html).as_str()),
                ("email", ADMIN),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let token = app.token(ADMIN).await;
        let log = app.api_json(&token, "/api/v1/audit?action=login").await;
        let addresses: std::collections::BTreeSet<&str> = log["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["client_ip"].as_str())
            .collect();
        assert!(addresses.contains("198.51.100.9"), "{addresses:?}");
        assert!(!addresses.contains("6.6.6.6"), "{addresses:?}");
    }
);

on_both!(
    a_password_reset_and_a_disabling_end_every_token_and_session,
    |app: TestApp| async move {
        let admin_token = app.token(ADMIN).await;
        let staff_id = app.user_id(STAFF).await;
        let me = |token: String| {
            let app = &app;
            async move { app.api_get(token, "/api/v1/me").await.status().as_u16() }
        };

        let before_disabling = app.token(STAFF).await;
        assert_eq!(me(before_disabling.clone()).await, 200);
        for action in ["disable", "enable"] {
            let r = app
                .api_post_json(
                    &admin_token,
                    &format!("/api/v1/users/{staff_id}/{action}"),
                    &serde_json::json!({}),
                )
                .await;
            assert_eq!(r.status(), 200, "{action}");
            assert_eq!(
                me(before_disabling.clone()).await,
                401,
                "the token stays dead after {action}"
            );
        }

        let staff = app.login(STAFF).await;
        let before_reset = app.token(STAFF).await;
        assert_eq!(me(before_reset.clone()).await, 200);
        let admin = app.login(ADMIN).await;
        let r = app
            .submit(
                &admin,
                "/admin/users",
                &format!("/admin/users/{staff_id}/reset-password"),
                &[],
            )
            .await;
        assert_eq!(r.status(), 200);
        assert_eq!(me(before_reset).await, 401, "token revoked by the reset");
        assert_eq!(
            staff
                .get(app.url("/dashboard"))
                .send()
                .await
                .unwrap()
                .status(),
            303,
            "session ended by the reset"
        );
        let reset = app
            .api_json(&admin_token, "/api/v1/audit?action=reset_password")
            .await;
        assert_eq!(reset["items"][0]["after"]["tokens_revoked"], 1, "{reset}");
    }
);

/// The organisation picker of the new-account form (and of the new-position form) offers the
/// user's own organisation and what a name search finds — every organisation is reachable, and
/// the page does not send all of them.
fn options_of(html: &str, select_id: &str) -> Vec<String> {
    let start = html
        .find(&format!("<select id=\"{select_id}\""))
        .unwrap_or_else(|| panic!("select {select_id}"));
    let end = start + html[start..].find("</select>").unwrap();
    html[start..end]
        .split("<option")
        .skip(1)
        .map(|o| {
            o.split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect()
}

on_both!(
    organisation_pickers_search_by_name,
    |app: TestApp| async move {
        let admin = app.login(ADMIN).await;
        let plain = app.page(&admin, "/admin/users").await;
        assert_eq!(
            options_of(&plain, "u-org"),
            ["Amt für Wirtschaftsförderung Leipzig (Demo)"]
        );
        // Every organisation of that name, whatever its kind (the showcase's producers too).
        let found = app.page(&admin, "/admin/users?oq=BORNA").await;
        assert_eq!(
            options_of(&found, "u-org"),
            [
                "Amt für Wirtschaftsförderung Leipzig (Demo)",
                "Bánh mì Borna (Demo)",
                "Holzwerkstatt Borna (Demo)",
                "Honighaus Borna (Demo)",
                "Klinikum Borna (Demo)"
            ]
        );
        let found = app.page(&admin, "/admin/users?oq=KLINIKUM+BORNA").await;
        assert_eq!(
            options_of(&found, "u-org"),
            [
                "Amt für Wirtschaftsförderung Leipzig (Demo)",
                "Klinikum Borna (Demo)"
            ]
        );
        // The searched organisation is preselected, and the account is opened for it.
        assert!(found.contains("selected>Klinikum Borna (Demo)"));
        let borna = app.org_id("Klinikum Borna (Demo)").await.to_string();
        let r = app
            .submit(
                &admin,
                "/admin/users",
                "/admin/users",
                &[
                    ("display_name", "Petra Lange"),
                    ("email", "p.lange@borna.example"),
                    ("role", "clinic_buyer"),
                    ("org_id", &borna),
                    ("language", "de"),
                    ("password", "ein-langes-passwort"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        // A search that finds nothing says so; `%` is a letter, not a wildcard.
        let none = app.page(&admin, "/admin/users?oq=%25").await;
        assert_eq!(options_of(&none, "u-org").len(), 1);
        assert!(none.contains("Keine Organisation mit diesem Namen gefunden"));

        let staff = app.login(STAFF).await;
        let positions = app
            .page(&staff, "/recruitment/positions?eq=verkehrsbetriebe")
            .await;
        assert_eq!(
            options_of(&positions, "p-org"),
            [
                "Amt für Wirtschaftsförderung Leipzig (Demo)",
                "Leipziger Verkehrsbetriebe (Demo)"
            ]
        );
    }
);
