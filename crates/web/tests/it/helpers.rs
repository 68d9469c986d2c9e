//! Starts the real app (`Application::build` on 127.0.0.1:0) on a fresh database with the demo
//! data, and offers a cookie-keeping client that can log in and submit forms with their CSRF
//! token like a browser does.

use standort_app::{App, Settings};
use standort_store::testing::fresh_url;
use standort_store::{Db, DbKind};
use standort_web::{Application, WebSettings};

pub const PASSWORD: &str = standort_app::demo::DEMO_PASSWORD;
pub const ADMIN: &str = "admin@demo.standort.example";
pub const EMPLOYER: &str = "employer@demo.standort.example";
pub const BUYER: &str = "buyer@demo.standort.example";
pub const CANDIDATE: &str = "candidate@demo.standort.example";
pub const STAFF: &str = "staff@demo.standort.example";

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile_dir::Dir>,
}

/// Keeps the SQLite temp dir alive as long as the app.
pub mod tempfile_dir {
    pub type Dir = Box<dyn std::any::Any + Send + Sync>;
}

/// A started app on a fresh database of `kind`; `None` when PostgreSQL is not configured.
pub async fn spawn(kind: DbKind) -> Option<TestApp> {
    spawn_with(kind, WebSettings::default()).await
}

/// Like [`spawn`], with these web settings (e.g. behind a proxy).
pub async fn spawn_with(kind: DbKind, web: WebSettings) -> Option<TestApp> {
    spawn_with_settings(kind, web, Settings::default()).await
}

/// Like [`spawn_with`], with these application settings (e.g. an SMTP server).
pub async fn spawn_with_settings(
    kind: DbKind,
    web: WebSettings,
    settings: Settings,
) -> Option<TestApp> {
    let (url, dir) = fresh_url(kind).await?;
    let app = start_instance_with(&url, settings).await;
    app.load_demo().await.expect("demo data");
    let base = serve_with(app.clone(), web).await;
    Some(TestApp {
        base,
        db: app.db.clone(),
        url,
        _dir: dir.map(|d| Box::new(d) as tempfile_dir::Dir),
    })
}

/// Another app instance on the same database (as behind a load balancer).
pub async fn second_instance(url: &str) -> String {
    serve(start_instance(url).await).await
}

async fn start_instance(url: &str) -> App {
    start_instance_with(url, Settings::default()).await
}

async fn start_instance_with(url: &str, settings: Settings) -> App {
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    App::new(db, settings)
}

async fn serve(app: App) -> String {
    serve_with(app, WebSettings::default()).await
}

async fn serve_with(app: App, web: WebSettings) -> String {
    let server = Application::build(app, web, "127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", server.local_addr());
    tokio::spawn(server.run_until(std::future::pending()));
    base
}

/// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The CSRF token from the first hidden `csrf` field of a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).expect("page has a csrf field") + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// GET a page and return its body, asserting 200.
    pub async fn page(&self, c: &reqwest::Client, path: &str) -> String {
        let r = c.get(self.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "GET {path}");
        r.text().await.unwrap()
    }

    /// Submits a form the way the browser would: the CSRF token comes from `form_page`.
    pub async fn submit(
        &self,
        c: &reqwest::Client,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let html = self.page(c, form_page).await;
        let token = csrf_of(&html);
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        c.post(self.url(action)).form(&all).send().await.unwrap()
    }

    /// GET an API path with a bearer token (any status; the caller checks it).
    pub async fn api_get(&self, token: impl std::fmt::Display, path: &str) -> reqwest::Response {
        client()
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// POST a JSON body to an API path with a bearer token (any status).
    pub async fn api_post_json(
        &self,
        token: impl std::fmt::Display,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        client()
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// GET an API path: its status and JSON body (`Null` if the body is not JSON).
    pub async fn api_status_json(
        &self,
        token: impl std::fmt::Display,
        path: &str,
    ) -> (u16, serde_json::Value) {
        let r = self.api_get(token, path).await;
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(serde_json::Value::Null))
    }

    /// GET an API path that must answer 200, and its JSON body.
    pub async fn api_json(&self, token: impl std::fmt::Display, path: &str) -> serde_json::Value {
        let r = self.api_get(token, path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().await.unwrap()
    }

    /// A logged-in client.
    pub async fn login(&self, email: &str) -> reqwest::Client {
        let c = client();
        let r = self
            .submit(
                &c,
                "/login",
                "/login",
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(
            r.status(),
            303,
            "login of {email} failed: {}",
            r.text().await.unwrap_or_default()
        );
        c
    }

    /// A personal access token of `email`, created through the account page.
    pub async fn token(&self, email: &str) -> String {
        let c = self.login(email).await;
        let r = self
            .submit(&c, "/account", "/account/tokens", &[("name", "test")])
            .await;
        assert_eq!(r.status(), 200);
        let html = r.text().await.unwrap();
        let start = html.find("stdt_").expect("token shown once");
        html[start..]
            .split(|ch: char| ch == '<' || ch.is_whitespace())
            .next()
            .unwrap()
            .to_owned()
    }

    /// The id of a user account by e-mail, via the admin's API.
    pub async fn user_id(&self, email: &str) -> i64 {
        let token = self.token(ADMIN).await;
        let users = self.api_json(&token, "/api/v1/users?limit=200").await;
        users["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == email)
            .expect("user exists")["id"]
            .as_i64()
            .unwrap()
    }

    /// The id of an organisation by name, via the admin's API.
    pub async fn org_id(&self, name: &str) -> i64 {
        let token = self.token(ADMIN).await;
        let page: serde_json::Value = self
            .api_get(&token, "/api/v1/organisations?limit=200")
            .await
            .json()
            .await
            .unwrap();
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .expect("organisation exists")["id"]
            .as_i64()
            .unwrap()
    }
}

/// Defines `name::sqlite` and `name::postgres`, each running `body(TestApp)`; with
/// `web: settings` the app runs with those web settings.
#[macro_export]
macro_rules! on_both {
    ($name:ident, $body:expr) => {
        $crate::on_both!($name, web: standort_web::WebSettings::default(), $body);
    };
    ($name:ident, web: $web:expr, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::spawn_with(standort_store::DbKind::Sqlite, $web)
                    .await
                    .unwrap();
                ($body)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) =
                    $crate::helpers::spawn_with(standort_store::DbKind::Postgres, $web).await
                {
                    ($body)(app).await;
                }
            }
        }
    };
}

/// A real SMTP server (mailin-embedded: the SMTP protocol of the `mailin` crate on a thread
/// pool) on a free local port, keeping every message it receives.
pub mod smtp {
    use std::net::{IpAddr, TcpListener};
    use std::sync::{Arc, Mutex};

    use mailin_embedded::{Handler, Response, Server, response};

    /// One message as the server received it: envelope and raw bytes.
    #[derive(Debug, Clone)]
    pub struct Received {
        pub from: String,
        pub to: Vec<String>,
        pub data: Vec<u8>,
    }

    impl Received {
        /// The message parsed by a MIME parser (mail-parser).
        pub fn parsed(&self) -> mail_parser::Message<'_> {
            mail_parser::MessageParser::default()
                .parse(&self.data)
                .expect("a MIME message")
        }

        pub fn subject(&self) -> String {
            self.parsed().subject().unwrap_or_default().to_owned()
        }

        pub fn text(&self) -> String {
            self.parsed()
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default()
        }

        pub fn html(&self) -> String {
            self.parsed()
                .body_html(0)
                .map(|t| t.into_owned())
                .unwrap_or_default()
        }

        /// The path of the first link to Standort in the plain-text body.
        pub fn link_path(&self, base: &str) -> String {
            let text = self.text();
            let start = text.find(base).expect("a link in the message") + base.len();
            text[start..]
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap()
                .to_owned()
        }
    }

    #[derive(Clone)]
    struct Keep {
        inbox: Arc<Mutex<Vec<Received>>>,
        from: String,
        to: Vec<String>,
        data: Vec<u8>,
    }

    impl Handler for Keep {
        fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
            self.from = from.to_owned();
            self.to.clear();
            self.data.clear();
            response::OK
        }
        fn rcpt(&mut self, to: &str) -> Response {
            self.to.push(to.to_owned());
            response::OK
        }
        fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
            self.data.extend_from_slice(buf);
            Ok(())
        }
        fn data_end(&mut self) -> Response {
            self.inbox.lock().unwrap().push(Received {
                from: self.from.clone(),
                to: self.to.clone(),
                data: std::mem::take(&mut self.data),
            });
            response::OK
        }
    }

    pub struct MailServer {
        pub port: u16,
        inbox: Arc<Mutex<Vec<Received>>>,
    }

    impl MailServer {
        /// Starts the server on 127.0.0.1 and a free port (it runs until the test process ends).
        pub fn start() -> MailServer {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind SMTP");
            let port = listener.local_addr().unwrap().port();
            let inbox = Arc::new(Mutex::new(Vec::new()));
            let mut server = Server::new(Keep {
                inbox: inbox.clone(),
                from: String::new(),
                to: Vec::new(),
                data: Vec::new(),
            });
            server.with_name("smtp.test").with_tcp_listener(listener);
            std::thread::spawn(move || {
                if let Err(e) = server.serve() {
                    eprintln!("test SMTP server stopped: {e}");
                }
            });
            MailServer { port, inbox }
        }

        /// The `smtp://` URL of this server.
        pub fn url(&self) -> String {
            format!("smtp://127.0.0.1:{}", self.port)
        }

        /// Everything received so far.
        pub fn received(&self) -> Vec<Received> {
            self.inbox.lock().unwrap().clone()
        }

        /// Waits until a message to `to` has arrived (the sender runs in the background) and
        /// returns the latest one. Polls; gives up after two minutes so a broken sender fails
        /// the test instead of hanging it.
        pub async fn message_to(&self, to: &str) -> Received {
            for _ in 0..2400 {
                if let Some(m) = self
                    .received()
                    .into_iter()
                    .rev()
                    .find(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(to)))
                {
                    return m;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            panic!(
                "no message to {to} arrived; received: {:?}",
                self.received()
            );
        }

        /// How many messages went to `to`.
        pub fn count_to(&self, to: &str) -> usize {
            self.received()
                .iter()
                .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(to)))
                .count()
        }
    }
}

/// Defines `name::sqlite` and `name::postgres`, each running `body(TestApp, MailServer)` on an
/// app whose e-mail goes to the test's own SMTP server ([`spawn_with_mail`]).
#[macro_export]
macro_rules! with_mail {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let (app, smtp) = $crate::helpers::spawn_with_mail(standort_store::DbKind::Sqlite)
                    .await
                    .unwrap();
                ($body)(app, smtp).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some((app, smtp)) =
                    $crate::helpers::spawn_with_mail(standort_store::DbKind::Postgres).await
                {
                    ($body)(app, smtp).await;
                }
            }
        }
    };
}

/// A started app whose e-mail goes to a real SMTP server of the test's own; links in messages
/// point to `LINK_BASE` (the test requests their path on the app).
pub async fn spawn_with_mail(kind: DbKind) -> Option<(TestApp, smtp::MailServer)> {
    let server = smtp::MailServer::start();
    let settings = Settings {
        mail: standort_app::mail::MailSettings {
            smtp: Some(
                standort_app::mail::SmtpConfig::parse(&server.url(), None, None).expect("url"),
            ),
            from: "Standort Test <standort@agency.test>".into(),
            public_url: LINK_BASE.into(),
            every_seconds: 1,
        },
        ..Settings::default()
    };
    let app = spawn_with_settings(kind, WebSettings::default(), settings).await?;
    Some((app, server))
}

/// Where links in test e-mail point.
pub const LINK_BASE: &str = "http://standort.test";
