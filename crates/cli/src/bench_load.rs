//! `standort bench load`: the dashboard page and an API list under concurrent clients, against a
//! real `standort serve` child process on loopback (so the server's own peak memory can be read
//! from /proc), bounded in time. Client and server share the machine; the figures are therefore
//! a lower bound of what the server alone would do.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use standort_domain::Role;

#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// Database for the server: an empty one (the demo data is loaded into it). Default: a new
    /// SQLite file in a temporary directory.
    #[arg(long)]
    pub database: Option<String>,
    /// Concurrent clients.
    #[arg(long, default_value_t = 50)]
    pub clients: usize,
    /// Seconds of load per target (after one second of warm-up).
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Size of the data set: 1 is the demo; N adds N − 1 units of 200 candidates, 20
    /// positions, 50 placements with their histories, 9 organisations and 7 users modelled on
    /// the demo (so 100 gives about 20,000 candidates, 2,000 positions, 5,000 placements); each
    /// unit's positions and employer users belong to the unit's own copies of the demo's
    /// employers, so the region grows by employers rather than one employer by a hundredfold.
    #[arg(long, default_value_t = 1)]
    pub scale: usize,
    /// Seed of the generated data set (same seed, same records).
    #[arg(long, default_value_t = 20261203)]
    pub seed: u64,
    /// Only the targets whose name contains this text (e.g. `dashboard`).
    #[arg(long)]
    pub only: Option<String>,
}

/// The figures for one target.
#[derive(Debug, serde::Serialize)]
pub struct TargetResult {
    pub target: String,
    pub requests: usize,
    pub errors: usize,
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
}

pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Peak resident memory of the server process so far (VmHWM), in MiB.
    fn peak_rss_mb(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    }
}

pub(crate) fn start_server(database: &str) -> anyhow::Result<Server> {
    let exe = std::env::current_exe().context("cannot find the standort binary")?;
    let mut child = Command::new(exe)
        .args([
            "serve",
            "--demo",
            "--listen",
            "127.0.0.1:0",
            "--database",
            database,
        ])
        .env("STANDORT_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot start the server")?;
    let stderr = child.stderr.take().expect("piped stderr");
    let mut lines = BufReader::new(stderr).lines();
    let base = loop {
        let Some(line) = lines.next() else {
            let _ = child.wait();
            bail!("the server stopped before it was ready");
        };
        let line = line?;
        if let Some(rest) = line.strip_prefix("Standort is running at ") {
            break rest
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_owned();
        }
    };
    // Keep draining the server's output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Ok(Server { child, base })
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[idx]) / 1000.0
}

pub(crate) async fn drive(
    target: String,
    clients: usize,
    seconds: u64,
    make: Arc<dyn Fn() -> reqwest::RequestBuilder + Send + Sync>,
) -> TargetResult {
    // Warm-up: connections, caches.
    let warm_until = Instant::now() + Duration::from_secs(1);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let make = make.clone();
        tasks.push(tokio::spawn(async move {
            while Instant::now() < warm_until {
                let _ = make().send().await.and_then(|r| r.error_for_status());
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let make = make.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies_us = Vec::new();
            let mut errors = 0usize;
            while Instant::now() < until {
                let t0 = Instant::now();
                let ok = match make().send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if ok {
                    latencies_us.push(t0.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
                } else {
                    errors += 1;
                }
            }
            (latencies_us, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((l, e)) = t.await {
            all.extend(l);
            errors += e;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    all.sort_unstable();
    TargetResult {
        target,
        requests: all.len(),
        errors,
        requests_per_second: all.len() as f64 / elapsed,
        p50_ms: percentile(&all, 0.50),
        p95_ms: percentile(&all, 0.95),
        p99_ms: percentile(&all, 0.99),
    }
}

/// Logs in through the login form like a browser and returns the session cookie value.
pub(crate) async fn login(client: &reqwest::Client, base: &str, email: &str) -> anyhow::Result<()> {
    let html = client
        .get(format!("{base}/login"))
        .send()
        .await?
        .text()
        .await?;
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).context("login page without CSRF field")? + marker.len();
    let csrf = html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned();
    let r = client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", standort_app::demo::DEMO_PASSWORD),
        ])
        .send()
        .await?;
    if !r.status().is_redirection() {
        bail!("demo login {email} failed with {}", r.status());
    }
    Ok(())
}

/// Creates a personal access token through the account page.
async fn api_token(client: &reqwest::Client, base: &str) -> anyhow::Result<String> {
    let html = client
        .get(format!("{base}/account"))
        .send()
        .await?
        .text()
        .await?;
    let marker = "name=\"csrf\" value=\"";
    let start = html
        .find(marker)
        .context("account page without CSRF field")?
        + marker.len();
    let csrf = html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned();
    let html = client
        .post(format!("{base}/account/tokens"))
        .form(&[("csrf", csrf.as_str()), ("name", "load benchmark")])
        .send()
        .await?
        .text()
        .await?;
    let start = html.find("stdt_").context("token not shown")?;
    Ok(html[start..]
        .split(|c: char| c == '<' || c.is_whitespace())
        .next()
        .unwrap_or_default()
        .to_owned())
}

/// What a target requests: a page with a role's session, an API list with a role's token, or
/// a public page without login (`role: None`).
struct Target {
    role: Option<Role>,
    path: &'static str,
    api: bool,
}

const fn page(role: Role, path: &'static str) -> Target {
    Target {
        role: Some(role),
        path,
        api: false,
    }
}

const fn api(role: Role, path: &'static str) -> Target {
    Target {
        role: Some(role),
        path,
        api: true,
    }
}

/// A page anyone may open (the regional showcase), requested without a session or cookie.
const fn public(path: &'static str) -> Target {
    Target {
        role: None,
        path,
        api: false,
    }
}

/// Every role's first page and every list, as pages and through `/api/v1`.
const TARGETS: &[Target] = &[
    page(Role::AgencyStaff, "/dashboard"),
    page(Role::Employer, "/dashboard"),
    page(Role::JobCounsellor, "/dashboard"),
    page(Role::ClinicBuyer, "/dashboard"),
    page(Role::Planner, "/dashboard"),
    page(Role::Candidate, "/dashboard"),
    page(Role::Administrator, "/dashboard"),
    page(Role::AgencyStaff, "/recruitment/candidates"),
    page(Role::JobCounsellor, "/recruitment/candidates?mine=1"),
    page(Role::AgencyStaff, "/recruitment/positions"),
    page(Role::Employer, "/recruitment/positions"),
    page(Role::AgencyStaff, "/placements"),
    page(Role::Employer, "/placements"),
    page(Role::AgencyStaff, "/programmes"),
    page(Role::AgencyStaff, "/organisations"),
    page(Role::AgencyStaff, "/recruitment/erasure-requests"),
    page(Role::Administrator, "/admin/users"),
    page(Role::Administrator, "/admin/audit"),
    page(Role::Planner, "/demography"),
    page(Role::Candidate, "/portal"),
    page(Role::Producer, "/dashboard"),
    page(Role::AgencyStaff, "/network"),
    page(Role::AgencyStaff, "/network/contacts"),
    page(Role::AgencyStaff, "/network/approaches"),
    page(Role::AgencyStaff, "/network/agreements"),
    page(Role::AgencyStaff, "/procurement"),
    page(Role::ClinicBuyer, "/procurement"),
    page(Role::AgencyStaff, "/procurement/orders"),
    page(Role::AgencyStaff, "/showcase"),
    page(Role::Producer, "/showcase/entry"),
    public("/regional"),
    public("/regional/suche"),
    public("/regional/suche?q=kaese"),
    public("/regional/erzeuger/hofladen-nerchau"),
    public("/regional/maerkte"),
    api(Role::AgencyStaff, "/api/v1/organisations?limit=50"),
    api(Role::AgencyStaff, "/api/v1/recruitment/candidates?limit=50"),
    api(Role::AgencyStaff, "/api/v1/recruitment/positions?limit=50"),
    api(Role::AgencyStaff, "/api/v1/placements?limit=50"),
    api(Role::AgencyStaff, "/api/v1/programmes?limit=50"),
    api(Role::Planner, "/api/v1/demography/regions?limit=50"),
    api(Role::Administrator, "/api/v1/users?limit=50"),
    api(Role::Administrator, "/api/v1/audit?limit=50"),
];

/// The pair whose throughput ratio shows a regression of the dashboard at a glance.
const RATIO: (&str, &str) = (
    "page agency_staff /dashboard",
    "api agency_staff /api/v1/organisations?limit=50",
);

fn target_name(t: &Target) -> String {
    format!(
        "{} {} {}",
        if t.api { "api" } else { "page" },
        t.role.map_or("public", Role::as_str),
        t.path
    )
}

/// Loads the demo and `scale - 1` generated units into the database before the server starts.
fn prepare(
    database: &str,
    scale: usize,
    seed: u64,
    runtime: &tokio::runtime::Runtime,
) -> anyhow::Result<()> {
    runtime.block_on(async {
        let db = crate::config::open_db(database).await?;
        let app = standort_app::App::new(db.clone(), standort_app::Settings::default());
        let started = Instant::now();
        if app.load_demo().await?.is_none() {
            bail!("--scale needs an empty database");
        }
        app.load_scaled_demo(scale - 1, seed).await?;
        db.settle_after_bulk_load().await?;
        eprintln!(
            "generated the data set (scale {scale}) in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        db.close().await;
        anyhow::Ok(())
    })
}

pub fn run(args: LoadArgs) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let database = args
        .database
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", tmp.path().join("bench.db").display()));
    let kind = standort_store::DbKind::from_url(&database)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    if args.scale > 1 {
        prepare(&database, args.scale, args.seed, &runtime)?;
    }
    let server = start_server(&database)?;
    eprintln!(
        "server at {} on {} ({} clients, {} s per target, scale {})",
        server.base,
        kind.as_str(),
        args.clients,
        args.seconds,
        args.scale
    );
    let targets: Vec<&Target> = TARGETS
        .iter()
        .filter(|t| {
            args.only
                .as_deref()
                .is_none_or(|o| target_name(t).contains(o))
        })
        .collect();
    let results = runtime.block_on(async {
        // One logged-in browser (session cookie) and one API token per role that is needed.
        // A visitor of the public pages has no session: a client without cookies.
        let mut sessions: Vec<(Option<Role>, reqwest::Client, String)> = Vec::new();
        for t in &targets {
            if sessions.iter().any(|(r, _, _)| *r == t.role) {
                continue;
            }
            let browser = reqwest::Client::builder()
                .cookie_store(t.role.is_some())
                .redirect(reqwest::redirect::Policy::none())
                .pool_max_idle_per_host(args.clients)
                .build()?;
            let Some(role) = t.role else {
                sessions.push((None, browser, String::new()));
                continue;
            };
            let login_of = standort_app::demo::DEMO_LOGINS
                .iter()
                .find(|l| l.role == role)
                .context("no demo login for a role")?;
            login(&browser, &server.base, login_of.email).await?;
            let token = if targets.iter().any(|x| x.api && x.role == t.role) {
                api_token(&browser, &server.base).await?
            } else {
                String::new()
            };
            sessions.push((t.role, browser, token));
        }
        let api_client = reqwest::Client::builder()
            .pool_max_idle_per_host(args.clients)
            .build()?;
        let mut results = Vec::new();
        for t in &targets {
            let (_, browser, token) = sessions
                .iter()
                .find(|(r, _, _)| *r == t.role)
                .context("session missing")?;
            let mut url = format!("{}{}", server.base, t.path);
            // A page that sends the role on to its own record (a buyer's /procurement to their
            // clinic, a producer's entry) is measured where it leads, as a browser would.
            if !t.api {
                let r = browser.get(&url).send().await?;
                if r.status().is_redirection()
                    && let Some(to) = r.headers().get("location").and_then(|l| l.to_str().ok())
                {
                    url = if to.starts_with('/') {
                        format!("{}{to}", server.base)
                    } else {
                        to.to_owned()
                    };
                }
            }
            let make: Arc<dyn Fn() -> reqwest::RequestBuilder + Send + Sync> = if t.api {
                let (client, token) = (api_client.clone(), token.clone());
                Arc::new(move || client.get(&url).bearer_auth(&token))
            } else {
                let client = browser.clone();
                Arc::new(move || client.get(&url))
            };
            let r = drive(target_name(t), args.clients, args.seconds, make).await;
            eprintln!(
                "{:<58} {:>7.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  errors {}",
                r.target, r.requests_per_second, r.p50_ms, r.p99_ms, r.errors
            );
            results.push(r);
        }
        anyhow::Ok(results)
    })?;
    let peak = server.peak_rss_mb().unwrap_or(f64::NAN);
    let common = serde_json::json!({
        "database": kind.as_str(),
        "scale": args.scale,
        "clients": args.clients,
        "seconds_per_target": args.seconds,
    });
    for r in &results {
        let mut line = common.clone();
        if let (Some(obj), Ok(serde_json::Value::Object(fields))) =
            (line.as_object_mut(), serde_json::to_value(r))
        {
            obj.extend(fields);
        }
        println!("{line}");
    }
    let rate = |name: &str| {
        results
            .iter()
            .find(|r| r.target == name)
            .map(|r| r.requests_per_second)
    };
    let ratio = match (rate(RATIO.0), rate(RATIO.1)) {
        (Some(a), Some(b)) if b > 0.0 => Some((a / b * 1000.0).round() / 1000.0),
        _ => None,
    };
    let mut summary = common;
    if let Some(obj) = summary.as_object_mut() {
        obj.insert(
            "dashboard_to_api_list_ratio".into(),
            serde_json::json!(ratio),
        );
        obj.insert(
            "server_peak_rss_mb".into(),
            serde_json::json!((peak * 10.0).round() / 10.0),
        );
    }
    println!("{summary}");
    Ok(())
}
