//! `standort bench load`: the dashboard page and an API list under concurrent clients, against a
//! real `standort serve` child process on loopback (so the server's own peak memory can be read
//! from /proc), bounded in time. Client and server share the machine; the figures are therefore
//! a lower bound of what the server alone would do.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

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
}

/// The figures for one target.
#[derive(Debug, serde::Serialize)]
pub struct TargetResult {
    pub target: &'static str,
    pub requests: usize,
    pub errors: usize,
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

struct Server {
    child: Child,
    base: String,
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

fn start_server(database: &str) -> anyhow::Result<Server> {
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

async fn drive(
    target: &'static str,
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
        p99_ms: percentile(&all, 0.99),
    }
}

/// Logs in through the login form like a browser and returns the session cookie value.
async fn login(client: &reqwest::Client, base: &str) -> anyhow::Result<()> {
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
            ("email", "staff@demo.standort.example"),
            ("password", standort_app::demo::DEMO_PASSWORD),
        ])
        .send()
        .await?;
    if !r.status().is_redirection() {
        bail!("demo login failed with {}", r.status());
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

pub fn run(args: LoadArgs) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let database = args
        .database
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", tmp.path().join("bench.db").display()));
    let kind = standort_store::DbKind::from_url(&database)?;
    let server = start_server(&database)?;
    eprintln!(
        "server at {} on {} ({} clients, {} s per target)",
        server.base,
        kind.as_str(),
        args.clients,
        args.seconds
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let results = runtime.block_on(async {
        let browser = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(args.clients)
            .build()?;
        login(&browser, &server.base).await?;
        let token = api_token(&browser, &server.base).await?;
        let base = server.base.clone();
        let page_client = browser.clone();
        let dashboard = drive(
            "GET /dashboard (session)",
            args.clients,
            args.seconds,
            Arc::new(move || page_client.get(format!("{base}/dashboard"))),
        )
        .await;
        let api_client = reqwest::Client::builder()
            .pool_max_idle_per_host(args.clients)
            .build()?;
        let base = server.base.clone();
        let api = drive(
            "GET /api/v1/organisations (token)",
            args.clients,
            args.seconds,
            Arc::new(move || {
                api_client
                    .get(format!("{base}/api/v1/organisations?limit=50"))
                    .bearer_auth(&token)
            }),
        )
        .await;
        anyhow::Ok(vec![dashboard, api])
    })?;
    let peak = server.peak_rss_mb().unwrap_or(f64::NAN);
    println!(
        "{:<36} {:>9} {:>7} {:>10} {:>8} {:>8}",
        "target", "requests", "errors", "req/s", "p50 ms", "p99 ms"
    );
    for r in &results {
        println!(
            "{:<36} {:>9} {:>7} {:>10.0} {:>8.2} {:>8.2}",
            r.target, r.requests, r.errors, r.requests_per_second, r.p50_ms, r.p99_ms
        );
    }
    println!("server peak RSS: {peak:.1} MiB");
    println!(
        "{}",
        serde_json::json!({
            "database": kind.as_str(),
            "clients": args.clients,
            "seconds_per_target": args.seconds,
            "targets": results,
            "server_peak_rss_mb": (peak * 10.0).round() / 10.0,
        })
    );
    Ok(())
}
