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
    let (url, dir) = fresh_url(kind).await?;
    let app = start_instance(&url).await;
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
    let db = Db::connect(url).await.expect("connect");
    db.migrate().await.expect("migrate");
    App::new(db, Settings::default())
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
