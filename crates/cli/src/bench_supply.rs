//! `standort bench supply` (issue 14): three measurements of pooled procurement.
//!
//! 1. **Stock-outs at the same average stock**: the simulation of
//!    [`standort_procurement::simulate`] — clinics × items × days of daily use with an outbreak
//!    surge — once reordered by Standort's suggestion at the app's service level and target
//!    days, once by Open mSupply's min/max in months of stock, calibrated to no less average
//!    stock. Pure and deterministic for a seed.
//! 2. **One round's allocation**: the real [`standort_procurement::allocate`] splitting a short
//!    supply of every item among every clinic (median of `--repeats`).
//! 3. **A clinic's dashboard under load**: a real database (SQLite by default, `--database` for
//!    an empty PostgreSQL one) with the demo plus clinics and items up to `--clinics` ×
//!    `--items`, each pair with `--ledger-days` of ledger history (census, receipts, issues
//!    first expiry first out) written through the store; a real `standort serve` child process
//!    (as `bench load` starts it); the demo clinic buyer's procurement page — days of supply by
//!    item, lots, reorder suggestions, computed afresh on each view — under `--clients`
//!    concurrent keep-alive clients: p95.
//!
//! Readable lines first, then one JSON line.

use std::time::Instant;

use anyhow::{Context, bail};
use standort_app::procurement::{SERVICE_LEVEL, TARGET_DAYS};
use standort_domain::{OrgKind, Role};
use standort_procurement::simulate::{self, Config, Outbreak, Policy, World};
use standort_procurement::{Lot, fefo};
use standort_store::orgs::{self, NewOrganisation};
use standort_store::procurement::{self as store, NewItem, NewMovement};

pub(crate) const EXAMPLE: &str = "\
Example (full size, as in BENCHMARKS.md):
  cargo build --release -p standort && target/release/standort bench supply
Small and quick:
  standort bench supply --clinics 2 --items 3 --days 60 --ledger-days 20 --seconds 1

Last line: {\"clinics\":…,\"items\":…,\"days\":…,\"stockout_days_suggested\":…,
\"stockout_days_minmax\":…,\"avg_stock_ratio\":…,\"allocation_ms\":…,\"dashboard_p95_ms\":…}";

#[derive(Debug, clap::Args)]
pub struct SupplyArgs {
    /// Clinics (simulated, and in the dashboard's database at least the demo's three).
    #[arg(long, default_value_t = Config::default().clinics)]
    pub clinics: usize,
    /// Items (simulated, and in the dashboard's database at least the demo's eight).
    #[arg(long, default_value_t = Config::default().items)]
    pub items: usize,
    /// Simulated days.
    #[arg(long, default_value_t = Config::default().days)]
    pub days: usize,
    /// Seed of the simulated region and its demand.
    #[arg(long, default_value_t = Config::default().seed)]
    pub seed: u64,
    /// Day the outbreak surge begins (each clinic within two weeks after it).
    #[arg(long, default_value_t = Config::default().outbreak.start)]
    pub outbreak_day: usize,
    /// Use per patient at the outbreak's peak, relative to normal.
    #[arg(long, default_value_t = Config::default().outbreak.factor)]
    pub outbreak_factor: f64,
    /// Days between two reviews of the stock (both policies).
    #[arg(long, default_value_t = Config::default().review_days)]
    pub review_days: usize,
    /// Repetitions of the allocation round (the median is reported).
    #[arg(long, default_value_t = 21)]
    pub repeats: usize,
    /// Database for the dashboard: an empty one. Default: a new SQLite file in a temporary
    /// directory.
    #[arg(long)]
    pub database: Option<String>,
    /// Days of ledger history per clinic and item in the dashboard's database.
    #[arg(long, default_value_t = 120)]
    pub ledger_days: usize,
    /// Concurrent clients on the dashboard.
    #[arg(long, default_value_t = 10)]
    pub clients: usize,
    /// Seconds of load on the dashboard (after one second of warm-up).
    #[arg(long, default_value_t = 5)]
    pub seconds: u64,
}

pub fn run(args: SupplyArgs) -> anyhow::Result<()> {
    if args.clinics == 0 || args.items == 0 || args.days == 0 {
        bail!("--clinics, --items and --days must be at least 1");
    }
    let defaults = Config::default();
    let config = Config {
        clinics: args.clinics,
        items: args.items,
        days: args.days,
        seed: args.seed,
        outbreak: Outbreak {
            start: args.outbreak_day,
            factor: args.outbreak_factor,
            ..defaults.outbreak
        },
        review_days: args.review_days.max(1),
        ..defaults
    };

    // 1. The simulation.
    let started = Instant::now();
    let world = World::new(config);
    let cmp = simulate::compare(&world, SERVICE_LEVEL, TARGET_DAYS)
        .context("no min/max in months of stock reaches the average stock of the suggestions")?;
    println!(
        "simulation: {} clinics × {} items × {} days, outbreak ×{} from day {}, review every {} days, seed {} ({} runs, {:.1} s)",
        config.clinics,
        config.items,
        config.days,
        config.outbreak.factor,
        config.outbreak.start,
        config.review_days,
        config.seed,
        cmp.runs,
        started.elapsed().as_secs_f64()
    );
    for (name, policy, o) in [
        ("suggested", cmp.suggested_policy, cmp.suggested),
        ("min/max", cmp.minmax_policy, cmp.minmax),
    ] {
        let rule = match policy {
            Policy::Suggested {
                service_level,
                target_days,
            } => format!(
                "service level {:.0} %, target {target_days} days",
                service_level * 100.0
            ),
            Policy::MinMax {
                min_months,
                max_months,
            } => format!("min {min_months:.3} months, max {max_months:.3} months"),
        };
        println!(
            "  {name:<9} ({rule}): stock-out days {} ({:.2} % of clinic-item-days; {} in outbreaks), fill rate {:.2} %, average stock {:.2} days of base use, {} orders",
            o.stockout_days,
            o.stockout_days as f64 / o.clinic_item_days.max(1) as f64 * 100.0,
            o.outbreak_stockout_days,
            o.fill_rate() * 100.0,
            o.avg_stock_days,
            o.orders
        );
    }

    // 2. One allocation round.
    let rounds = simulate::shortage_round(&world, TARGET_DAYS);
    let packs: i64 = rounds.iter().map(|r| r.available / r.pack_size).sum();
    let mut times = Vec::with_capacity(args.repeats.max(1));
    for _ in 0..args.repeats.max(1) {
        let t = Instant::now();
        for r in &rounds {
            std::hint::black_box(standort_procurement::allocate(
                r.available,
                r.pack_size,
                &r.claims,
                standort_procurement::Rule::EqualiseDays,
            ));
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let allocation_ms = times[times.len() / 2];
    println!(
        "allocation: {} items × {} clinics, {packs} packs handed out (equalise days of supply), median {allocation_ms:.3} ms of {} rounds",
        rounds.len(),
        config.clinics,
        times.len()
    );

    // 3. The dashboard on a real server.
    let (database_kind, page, dashboard) = dashboard(&args, &world)?;
    println!(
        "dashboard on {database_kind}: {} ({} clients, {} s): {:.0} req/s, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, errors {}",
        page.target,
        args.clients,
        args.seconds,
        page.requests_per_second,
        page.p50_ms,
        page.p95_ms,
        page.p99_ms,
        page.errors
    );
    println!(
        "  (the buyer's /dashboard, from the kept supply of every clinic: p95 {:.2} ms)",
        dashboard.p95_ms
    );
    let round = |x: f64, digits: i32| {
        let f = 10f64.powi(digits);
        (x * f).round() / f
    };
    println!(
        "{}",
        serde_json::json!({
            "clinics": config.clinics,
            "items": config.items,
            "days": config.days,
            "stockout_days_suggested": cmp.suggested.stockout_days,
            "stockout_days_minmax": cmp.minmax.stockout_days,
            "avg_stock_ratio": round(cmp.avg_stock_ratio(), 4),
            "allocation_ms": round(allocation_ms, 3),
            "dashboard_p95_ms": round(page.p95_ms, 2),
            "database": database_kind,
        })
    );
    if page.errors > 0 || page.requests == 0 {
        bail!("the dashboard answered with errors");
    }
    Ok(())
}

/// Builds the database, starts the server and measures the buyer's clinic page and dashboard.
fn dashboard(
    args: &SupplyArgs,
    world: &World,
) -> anyhow::Result<(
    &'static str,
    crate::bench_load::TargetResult,
    crate::bench_load::TargetResult,
)> {
    let tmp = tempfile::tempdir()?;
    let database = args
        .database
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", tmp.path().join("bench.db").display()));
    let kind = standort_store::DbKind::from_url(&database)?;
    let runtime = crate::runtime()?;
    runtime.block_on(async {
        let db = crate::config::open_db(&database).await?;
        let app = standort_app::App::new(db.clone(), standort_app::Settings::default());
        if app.load_demo().await?.is_none() {
            bail!("bench supply needs an empty database");
        }
        let started = Instant::now();
        let rows = seed(&app, args, world).await?;
        db.settle_after_bulk_load().await?;
        println!(
            "database: {rows} ledger rows written through the store in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        db.close().await;
        anyhow::Ok(())
    })?;
    let server = crate::bench_load::start_server(&database)?;
    let (page, board) = runtime.block_on(async {
        let browser = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(args.clients)
            .build()?;
        let buyer = standort_app::demo::DEMO_LOGINS
            .iter()
            .find(|l| l.role == Role::ClinicBuyer)
            .context("no demo clinic buyer")?;
        crate::bench_load::login(&browser, &server.base, buyer.email).await?;
        // `/procurement` sends a buyer on to their clinic's page.
        let r = browser
            .get(format!("{}/procurement", server.base))
            .send()
            .await?;
        let to = r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .filter(|to| to.starts_with("/procurement/clinics/"))
            .context("the buyer's /procurement does not lead to their clinic")?
            .to_owned();
        let mut results = Vec::new();
        for path in [to, "/dashboard".to_owned()] {
            let url = format!("{}{path}", server.base);
            let client = browser.clone();
            let r = crate::bench_load::drive(
                format!("page clinic_buyer {path}"),
                args.clients,
                args.seconds,
                std::sync::Arc::new(move || client.get(&url)),
            )
            .await;
            results.push(r);
        }
        let board = results.pop().context("dashboard result")?;
        let page = results.pop().context("page result")?;
        anyhow::Ok((page, board))
    })?;
    drop(server);
    Ok((kind.as_str(), page, board))
}

/// Clinics and items up to the simulated numbers beside the demo's, and for every pair that
/// the demo left without history, `ledger_days` of census and ledger: an opening receipt, a
/// receipt of 30 days' use every 30 days (a new lot each), each day's use issued first expiry
/// first out. Demand comes from the simulated region. One transaction per clinic.
async fn seed(app: &standort_app::App, args: &SupplyArgs, world: &World) -> anyhow::Result<u64> {
    let now = app.now();
    let today = now.div_euclid(86_400);
    let unix = |day: i64| day * 86_400;
    let (mut clinics, mut items, demo_pairs) = {
        let mut conn = app.db.conn().await?;
        let clinics: Vec<_> = orgs::of_kind(&mut conn, OrgKind::Clinic)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect();
        let items: Vec<_> = store::list_items(&mut conn)
            .await?
            .into_iter()
            .map(|i| (i.id, i.pack_size))
            .collect();
        let pairs = store::usage_totals(&mut conn, None, unix(today - 90), unix(today))
            .await?
            .into_iter()
            .map(|(o, i, _, _)| (o, i))
            .collect::<std::collections::HashSet<_>>();
        (clinics, items, pairs)
    };
    let demo_clinics = clinics.len();
    {
        let mut tx = app.db.begin_write().await?;
        for c in clinics.len()..args.clinics {
            let org = orgs::insert(
                &mut tx,
                &NewOrganisation {
                    name: &format!("Klinik {} (Messung)", c + 1),
                    kind: OrgKind::Clinic,
                    country: "DE",
                },
                now,
            )
            .await?;
            clinics.push(org.id);
        }
        for i in items.len()..args.items {
            let spec = world.items[i % world.items.len()];
            let item = store::insert_item(
                &mut tx,
                &NewItem {
                    code: &format!("BENCH-{}", i + 1),
                    name: &format!("Messartikel {}", i + 1),
                    category: "gloves",
                    standard: "EN 455",
                    pack_size: spec.pack_size,
                    gtin: None,
                },
                now,
            )
            .await?;
            items.push((item.id, item.pack_size));
        }
        tx.commit().await?;
    }
    let history = args.ledger_days.max(1) as i64;
    let from = today - history;
    let mut rows = 0u64;
    for (c, clinic) in clinics.iter().enumerate() {
        let mut tx = app.db.begin_write().await?;
        let census = world.census(c % world.clinics.len());
        if c >= demo_clinics {
            for d in 0..history {
                let patients = census[d as usize % census.len()];
                store::set_census(&mut tx, *clinic, unix(from + d), i64::from(patients), now)
                    .await?;
            }
        }
        for (i, (item, pack)) in items.iter().enumerate() {
            if demo_pairs.contains(&(*clinic, *item)) {
                continue;
            }
            let pair = (c % world.clinics.len()) * world.items.len() + i % world.items.len();
            let demand = world.demand(pair);
            let used = |d: i64| i64::from(demand[d as usize % demand.len()]);
            let mut lots: Vec<Lot> = Vec::new();
            for d in 0..history {
                let day = from + d;
                if d % 30 == 0 {
                    let want = (d..d + if d == 0 { 45 } else { 30 }).map(used).sum::<i64>();
                    let quantity = (want.max(1) + pack - 1) / pack * pack;
                    let lot = Lot {
                        lot: format!("B{}-{}", c + 1, d / 30 + 1),
                        expires_on: Some(day + 730),
                        quantity,
                    };
                    store::append_movement(
                        &mut tx,
                        &NewMovement {
                            org_id: *clinic,
                            item_id: *item,
                            lot: &lot.lot,
                            expires_on: lot.expires_on.map(unix),
                            kind: "receipt",
                            quantity,
                            happened_on: unix(day),
                            reference: None,
                            actor: None,
                        },
                        now,
                    )
                    .await?;
                    rows += 1;
                    lots.push(lot);
                }
                let want = used(d).min(fefo::usable(&lots, day));
                for p in fefo::pick(&lots, want, day).unwrap_or_default() {
                    lots[p.index].quantity -= p.quantity;
                    let l = &lots[p.index];
                    store::append_movement(
                        &mut tx,
                        &NewMovement {
                            org_id: *clinic,
                            item_id: *item,
                            lot: &l.lot,
                            expires_on: l.expires_on.map(unix),
                            kind: "issue",
                            quantity: -p.quantity,
                            happened_on: unix(day),
                            reference: None,
                            actor: None,
                        },
                        now,
                    )
                    .await?;
                    rows += 1;
                }
            }
        }
        tx.commit().await?;
    }
    Ok(rows)
}
