//! Accounts that reach people (issue 12), on both databases, with e-mail delivered to a real
//! SMTP server the test starts on a free local port: invitations (candidate to the portal,
//! administrators' invitations without an address), forgotten passwords, changing one's own
//! password, administrators editing accounts, the outbox without an SMTP server, and the
//! sender's retries, lease and audit entries.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use standort_app::mail::{MAX_ATTEMPTS, MailSettings, SmtpConfig, backoff_seconds};
use standort_app::{App, Settings};
use standort_store::DbKind;

use crate::helpers::{self, ADMIN, LINK_BASE, PASSWORD, STAFF, TestApp, client};

/// The id of the demo candidate with this address (through the staff's API).
async fn candidate_id(app: &TestApp, email: &str) -> i64 {
    let token = app.token(STAFF).await;
    let page = app
        .api_json(&token, "/api/v1/recruitment/candidates?limit=200")
        .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["email"] == email)
        .expect("demo candidate")["id"]
        .as_i64()
        .unwrap()
}

/// The audit entries of an action, through the administrators' log page.
async fn audit_page(app: &TestApp, action: &str, entity: &str) -> String {
    let admin = app.login(ADMIN).await;
    app.page(
        &admin,
        &format!("/admin/audit?action={action}&entity={entity}"),
    )
    .await
}

/// Submits a form of a page that is reached without a session (CSRF from that page).
async fn submit_anonymous(
    app: &TestApp,
    c: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.submit(c, path, path, fields).await
}

crate::with_mail!(
    invited_candidate_sets_a_password_from_the_email_and_reaches_the_portal_in_vietnamese,
    |app: TestApp, smtp: helpers::smtp::MailServer| async move {
        const TO: &str = "kandidat2@demo.standort.example";
        let id = candidate_id(&app, TO).await;
        let staff = app.login(STAFF).await;
        let page = app
            .page(&staff, &format!("/recruitment/candidates/{id}"))
            .await;
        assert!(page.contains(&format!("/recruitment/candidates/{id}/invite")));
        let r = app
            .submit(
                &staff,
                &format!("/recruitment/candidates/{id}"),
                &format!("/recruitment/candidates/{id}/invite"),
                &[("email", TO), ("language", "vi")],
            )
            .await;
        assert_eq!(r.status(), 200);
        let shown = r.text().await.unwrap();
        assert!(
            shown.contains(&format!("{LINK_BASE}/invitation/")),
            "{shown}"
        );

        let mail = smtp.message_to(TO).await;
        assert_eq!(mail.from, "standort@agency.test");
        assert_eq!(mail.subject(), "Quyền truy cập của bạn vào Standort");
        assert!(mail.text().contains("Xin chào"), "{}", mail.text());
        assert!(mail.html().contains("lang=\"vi\""), "{}", mail.html());
        let path = mail.link_path(LINK_BASE);
        assert!(
            shown.contains(&path),
            "the link shown to staff is the link sent"
        );

        // The invitee opens the link (in Vietnamese), sets a password and is in the portal.
        let person = client();
        let form = app.page(&person, &path).await;
        assert!(form.contains("lang=\"vi\""));
        let r = submit_anonymous(&app, &person, &path, &[("password", "short")]).await;
        assert_eq!(r.status(), 422, "NewPassword rules apply");
        let r = submit_anonymous(&app, &person, &path, &[("password", "mat-khau-moi-2026")]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/portal");
        let portal = app.page(&person, "/portal").await;
        assert!(
            portal.contains("<html lang=\"vi\">"),
            "the portal speaks Vietnamese"
        );

        // Single use: the link is gone; the new password logs in.
        let r = client().get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 404);
        let c = client();
        let r = app
            .submit(
                &c,
                "/login",
                "/login",
                &[("email", TO), ("password", "mat-khau-moi-2026")],
            )
            .await;
        assert_eq!(r.status(), 303);

        // Staff see that the person has a login now; inviting again is a conflict.
        let page = app
            .page(&staff, &format!("/recruitment/candidates/{id}"))
            .await;
        assert!(!page.contains(&format!("/recruitment/candidates/{id}/invite")));

        // Audited: the invitation, its acceptance, the e-mail (kind and account, no content).
        assert!(
            audit_page(&app, "invite", "invitation")
                .await
                .contains("candidate_id")
        );
        assert!(
            audit_page(&app, "accept", "invitation")
                .await
                .contains("candidate_fields")
        );
        let sent = audit_page(&app, "send", "mail").await;
        assert!(sent.contains("invitation"), "{sent}");
        assert!(!sent.contains("Xin chào") && !sent.contains(TO));
    }
);

crate::with_mail!(
    a_new_invitation_revokes_the_earlier_link,
    |app: TestApp, smtp: helpers::smtp::MailServer| async move {
        const TO: &str = "kandidat3@demo.standort.example";
        let id = candidate_id(&app, TO).await;
        let staff = app.login(STAFF).await;
        let page = format!("/recruitment/candidates/{id}");
        let action = format!("/recruitment/candidates/{id}/invite");
        assert_eq!(app.submit(&staff, &page, &action, &[]).await.status(), 200);
        let first = smtp.message_to(TO).await.link_path(LINK_BASE);
        let r = app.submit(&staff, &page, &action, &[]).await;
        let shown = r.text().await.unwrap();
        assert!(!shown.contains(&first));
        for _ in 0..2400 {
            if smtp.count_to(TO) == 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let second = smtp.message_to(TO).await.link_path(LINK_BASE);
        assert_ne!(first, second);
        assert_eq!(
            client().get(app.url(&first)).send().await.unwrap().status(),
            404
        );
        assert_eq!(
            client()
                .get(app.url(&second))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
        // The candidate's language defaults from the profile (Vietnam: Vietnamese).
        assert_eq!(
            smtp.message_to(TO).await.subject(),
            "Quyền truy cập của bạn vào Standort"
        );
    }
);

crate::with_mail!(
    a_forgotten_password_is_reset_from_the_email,
    |app: TestApp, smtp: helpers::smtp::MailServer| async move {
        let c = client();
        // The same answer for an address without an account (and nothing is sent).
        let unknown = submit_anonymous(
            &app,
            &c,
            "/password/forgot",
            &[("email", "nobody@x.example")],
        )
        .await;
        assert_eq!(unknown.status(), 200);
        let unknown = unknown.text().await.unwrap();
        let known = submit_anonymous(&app, &c, "/password/forgot", &[("email", STAFF)]).await;
        assert_eq!(known.status(), 200);
        let known = known.text().await.unwrap();
        let notice = |html: &str| {
            let s = html.find("class=\"notice\"").expect("notice");
            html[s..s + 200].to_owned()
        };
        assert_eq!(notice(&unknown), notice(&known));

        // A session of the staff member from before, and an API token.
        let before = app.login(STAFF).await;
        let token = app.token(STAFF).await;

        let mail = smtp.message_to(STAFF).await;
        assert_eq!(mail.subject(), "Neues Passwort für Standort");
        let path = mail.link_path(LINK_BASE);
        assert!(path.starts_with("/password/reset/"));
        let r = submit_anonymous(&app, &c, &path, &[("password", "ein-neues-passwort")]).await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/login?done=password-reset-ok");
        // Used once; every session and token of the account ended.
        assert_eq!(
            client().get(app.url(&path)).send().await.unwrap().status(),
            404
        );
        let r = before.get(app.url("/dashboard")).send().await.unwrap();
        assert_eq!(r.status(), 303, "the old session ended");
        assert_eq!(app.api_get(&token, "/api/v1/me").await.status(), 401);
        let r = app
            .submit(
                &client(),
                "/login",
                "/login",
                &[("email", STAFF), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), 401, "the old password no longer works");
        let r = app
            .submit(
                &client(),
                "/login",
                "/login",
                &[("email", STAFF), ("password", "ein-neues-passwort")],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert!(
            audit_page(&app, "reset_password", "user")
                .await
                .contains("tokens_revoked")
        );
        assert!(
            audit_page(&app, "send", "mail")
                .await
                .contains("password_reset")
        );

        // Throttled per address typed: the fourth request within the window is refused.
        let other = "employer@demo.standort.example";
        for _ in 0..3 {
            let r =
                submit_anonymous(&app, &client(), "/password/forgot", &[("email", other)]).await;
            assert_eq!(r.status(), 200);
        }
        let r = submit_anonymous(&app, &client(), "/password/forgot", &[("email", other)]).await;
        assert_eq!(r.status(), 429);
    }
);

crate::with_mail!(
    people_change_their_own_password_name_and_language,
    |app: TestApp, _smtp: helpers::smtp::MailServer| async move {
        let other_device = app.login(STAFF).await;
        let token = app.token(STAFF).await;
        let me = app.login(STAFF).await;
        let r = app
            .submit(
                &me,
                "/account",
                "/account/password",
                &[
                    ("current_password", "wrong-password"),
                    ("new_password", "new-password-1"),
                ],
            )
            .await;
        assert_eq!(r.status(), 422);
        let r = app
            .submit(
                &me,
                "/account",
                "/account/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", "new-password-1"),
                    ("end_others", "yes"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        assert!(
            app.page(&me, "/account")
                .await
                .contains("/account/password")
        );
        let r = other_device
            .get(app.url("/dashboard"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "the other session ended");
        assert_eq!(app.api_get(&token, "/api/v1/me").await.status(), 401);
        assert!(
            audit_page(&app, "change_password", "user")
                .await
                .contains("sessions_ended")
        );

        let r = app
            .submit(
                &me,
                "/account",
                "/account/profile",
                &[("display_name", "Sabine Neu"), ("language", "en")],
            )
            .await;
        assert_eq!(r.status(), 303);
        let page = app.page(&me, "/account").await;
        assert!(page.contains("Sabine Neu") && page.contains("<html lang=\"en\">"));
    }
);

crate::with_mail!(
    administrators_invite_without_an_address_and_edit_accounts,
    |app: TestApp, smtp: helpers::smtp::MailServer| async move {
        let admin = app.login(ADMIN).await;
        let org = app.org_id("Klinikum Borna (Demo)").await.to_string();
        let r = app
            .submit(
                &admin,
                "/admin/users",
                "/admin/users/invite",
                &[
                    ("display_name", "Jana Beispiel"),
                    ("email", ""),
                    ("role", "employer"),
                    ("org_id", org.as_str()),
                    ("language", "en"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
        let shown = r.text().await.unwrap();
        let start = shown.find(&format!("{LINK_BASE}/invitation/")).unwrap() + LINK_BASE.len();
        let path = shown[start..].split('"').next().unwrap().to_owned();
        assert!(smtp.received().is_empty(), "no address: nothing sent");

        // The person chooses their address when accepting.
        let person = client();
        let form = app.page(&person, &path).await;
        assert!(form.contains("name=\"email\""));
        let r = submit_anonymous(
            &app,
            &person,
            &path,
            &[
                ("email", "jana@borna.example"),
                ("password", "jana-passwort-1"),
            ],
        )
        .await;
        assert_eq!(r.status(), 303);
        assert_eq!(r.headers()["location"], "/dashboard");

        // The administrator edits name, address and role; audited with before and after.
        let id = app.user_id("jana@borna.example").await.to_string();
        let edit = format!("/admin/users/{id}/edit");
        let r = app
            .submit(
                &admin,
                &edit,
                &edit,
                &[
                    ("display_name", "Jana Muster"),
                    ("email", "jana.muster@borna.example"),
                    ("role", "agency_staff"),
                    ("org_id", org.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let token = app.token(ADMIN).await;
        let user = app.api_json(&token, &format!("/api/v1/users/{id}")).await;
        assert_eq!(user["email"], "jana.muster@borna.example");
        assert_eq!(user["role"], "agency_staff");
        let log = audit_page(&app, "update", "user").await;
        assert!(log.contains("Jana Muster") && log.contains("Jana Beispiel"));
        // Another account's address is refused.
        let r = app
            .submit(
                &admin,
                &edit,
                &edit,
                &[
                    ("display_name", "Jana Muster"),
                    ("email", STAFF),
                    ("role", "agency_staff"),
                    ("org_id", org.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status(), 409);
    }
);

crate::on_both!(
    without_smtp_messages_are_kept_as_not_sent,
    |app: TestApp| async move {
        let c = client();
        let r = submit_anonymous(&app, &c, "/password/forgot", &[("email", STAFF)]).await;
        assert_eq!(r.status(), 200);
        let admin = app.login(ADMIN).await;
        let page = app.page(&admin, "/admin/mail").await;
        assert!(
            page.contains("--smtp-url"),
            "the page says e-mail is not configured"
        );
        assert!(
            page.contains(STAFF),
            "and where the message would have gone"
        );
        assert!(page.contains("nicht gesendet"));
        let page = app.page(&admin, "/admin/mail?state=sent").await;
        assert!(!page.contains(STAFF));
        let r = admin
            .get(app.url("/admin/mail?state=bogus"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422);
        // Not for other roles.
        let staff = app.login(STAFF).await;
        let r = staff.get(app.url("/admin/mail")).send().await.unwrap();
        assert_eq!(r.status(), 404);
    }
);

/// The sender on its own: a server that is not there fails each attempt, waits double each
/// time, gives up after the last, and the failure is in the outbox and the audit log; only the
/// lease holder sends.
async fn sender_retries_and_holds_a_lease(kind: DbKind) {
    let Some((url, _dir)) = standort_store::testing::fresh_url(kind).await else {
        return;
    };
    let db = standort_store::Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    // A port nobody listens on: bound, then closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let settings = Settings {
        mail: MailSettings {
            smtp: Some(SmtpConfig::parse(&format!("smtp://127.0.0.1:{port}"), None, None).unwrap()),
            ..MailSettings::default()
        },
        ..Settings::default()
    };
    let now = Arc::new(AtomicI64::new(1_800_000_000));
    let clock = now.clone();
    let app =
        App::new(db.clone(), settings).with_clock(Arc::new(move || clock.load(Ordering::SeqCst)));
    app.load_demo().await.unwrap();
    app.request_password_reset(STAFF, "127.0.0.1")
        .await
        .unwrap();

    // Another instance holds the lease: this one does not send.
    {
        let mut c = db.conn().await.unwrap();
        assert!(
            standort_store::portal::hold_lease(
                &mut c,
                "mail",
                "other",
                1_800_000_000,
                1_800_000_060
            )
            .await
            .unwrap()
        );
    }
    assert_eq!(app.deliver_mail("me").await.unwrap(), None);
    now.fetch_add(61, Ordering::SeqCst);

    for attempt in 1..=MAX_ATTEMPTS {
        let report = app.deliver_mail("me").await.unwrap().expect("lease held");
        assert_eq!(report.failed_attempts, 1, "attempt {attempt}");
        assert_eq!(report.given_up, usize::from(attempt == MAX_ATTEMPTS));
        // Not due again before its wait has passed.
        let again = app.deliver_mail("me").await.unwrap().unwrap();
        assert_eq!(again.failed_attempts, 0);
        now.fetch_add(backoff_seconds(attempt), Ordering::SeqCst);
    }
    let mut c = db.conn().await.unwrap();
    let failed = standort_store::accounts::list(&mut c, Some("failed"), Default::default())
        .await
        .unwrap();
    assert_eq!(failed.total, 1);
    let entry = &failed.items[0];
    assert_eq!(entry.attempts, MAX_ATTEMPTS);
    assert!(entry.last_error.is_some());
    let log = standort_store::audit::list(
        &mut c,
        &standort_store::audit::AuditFilter {
            action: Some("send_failed".into()),
            ..Default::default()
        },
        Default::default(),
    )
    .await
    .unwrap();
    assert_eq!(log.total, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sender_retries_and_holds_a_lease_sqlite() {
    sender_retries_and_holds_a_lease(DbKind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sender_retries_and_holds_a_lease_postgres() {
    sender_retries_and_holds_a_lease(DbKind::Postgres).await;
}
