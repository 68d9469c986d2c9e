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
                    ("country", "de"),
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
        let staff_id = {
            let token = app.token(ADMIN).await;
            let users: serde_json::Value = app
                .api_get(token, "/api/v1/users?limit=200")
                .await
                .json()
                .await
                .unwrap();
            users["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|u| u["email"] == STAFF)
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        };
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
