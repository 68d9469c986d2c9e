//! `standort bench digest`: the notification job and the daily digest over many people and due
//! items (issue 12: 10,000 people, 100,000 due items). Seeds the demo, then `--users` job
//! counsellors, each with one candidate and one placement carrying ten stored due items
//! (`placement_due`, due between 30 days ago and 6 days ahead), and measures, on the real use
//! cases: raising the notifications (one per due item and counsellor), raising them again
//! (idempotent: nothing new), and the digest (one message per person written from the
//! catalogue in their language and queued in the outbox, notifications marked mailed).

use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, bail};
use standort_app::{App, Settings};
use standort_domain::{Language, Role};
use standort_store::placements as pstore;
use standort_store::recruitment as rec;
use standort_store::users::{self, NewUser};

#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// Database: an empty one. Default: a new SQLite file in a temporary directory.
    #[arg(long)]
    pub database: Option<String>,
    /// People (job counsellors), each with one placement.
    #[arg(long, default_value_t = 10_000)]
    pub users: usize,
    /// Stored due items per placement (at most 10: one per due rule).
    #[arg(long, default_value_t = 10)]
    pub items_per_user: usize,
}

/// The ten due rules' (track, code), as `placement_due` stores them.
const DUE: [(&str, &str); 10] = [
    ("recognition", "recognition_decision"),
    ("visa", "embassy_appointment"),
    ("visa", "visa_decision"),
    ("arrival", "registration"),
    ("arrival", "health_insurance"),
    ("arrival", "mentor"),
    ("arrival", "bank_account"),
    ("arrival", "residence_permit"),
    ("employment", "retention_check_6"),
    ("employment", "retention_check_12"),
];

pub fn run(args: DigestArgs) -> anyhow::Result<()> {
    if args.items_per_user > DUE.len() {
        bail!("--items-per-user is at most {}", DUE.len());
    }
    let tmp = tempfile::tempdir()?;
    let database = args
        .database
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", tmp.path().join("bench.db").display()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let db = crate::config::open_db(&database).await?;
        let app = App::new(db.clone(), Settings::default()).with_letters(Arc::new(
            standort_web::mail::CatalogLetters(
                standort_web::CATALOG.clone(),
                standort_web::format::TimeZone::DEFAULT,
            ),
        ));
        if app.load_demo().await?.is_none() {
            bail!("bench digest needs an empty database");
        }
        let started = Instant::now();
        seed(&app, args.users, args.items_per_user).await?;
        db.settle_after_bulk_load().await?;
        eprintln!(
            "seeded {} people and {} due items in {:.1} s",
            args.users,
            args.users * args.items_per_user,
            started.elapsed().as_secs_f64()
        );

        let t = Instant::now();
        let raised = app.raise_due_notifications().await?;
        let raise_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let again = app.raise_due_notifications().await?;
        let again_s = t.elapsed().as_secs_f64();
        let outbox = || async {
            let mut conn = db.conn().await?;
            anyhow::Ok(
                standort_store::accounts::count_in_state(
                    &mut conn,
                    standort_store::accounts::NOT_SENT,
                )
                .await?,
            )
        };
        let before = outbox().await?;
        let t = Instant::now();
        let digest = app.send_digests().await?;
        let digest_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let repeat = app.send_digests().await?;
        let repeat_s = t.elapsed().as_secs_f64();
        // Without an SMTP server every message stays in the outbox as "not sent".
        let queued = outbox().await? - before;
        println!(
            "{}",
            serde_json::json!({
                "database": db.kind().as_str(),
                "users": args.users,
                "due_items": args.users * args.items_per_user,
                "raise": { "notifications": raised.raised, "seconds": raise_s },
                "raise_again": { "notifications": again.raised, "seconds": again_s },
                "digest": {
                    "messages": digest.messages,
                    "notifications": digest.notifications,
                    "seconds": digest_s,
                    "messages_per_second": digest.messages as f64 / digest_s,
                },
                "digest_again": { "messages": repeat.messages, "seconds": repeat_s },
                "outbox_new_rows": queued,
            })
        );
        if again.raised != 0 || repeat.messages != 0 || queued != digest.messages as i64 {
            bail!("something was raised or sent twice");
        }
        db.close().await;
        anyhow::Ok(())
    })
}

/// `users` counsellors, each with one candidate (a copy of a demo candidate) and one placement
/// (a copy of a demo placement's facts) whose due items are stored directly, 1,000 people per
/// transaction.
async fn seed(app: &App, users: usize, items: usize) -> anyhow::Result<()> {
    let now = app.now();
    let today = now.div_euclid(86_400) * 86_400;
    let (template_candidate, template_placement, org, hash) = {
        let mut conn = app.db.conn().await?;
        let candidate = rec::all_candidates(&mut conn)
            .await?
            .into_iter()
            .next()
            .context("demo candidate")?;
        let placement = pstore::all_placements(&mut conn, &Default::default())
            .await?
            .into_iter()
            .next()
            .context("demo placement")?;
        let (staff, hash) = users::find_for_login(&mut conn, "staff@demo.standort.example")
            .await?
            .context("demo staff")?;
        (candidate, placement, staff.org_id, hash)
    };
    let languages = [Language::De, Language::En, Language::Vi];
    for start in (0..users).step_by(1000) {
        let mut tx = app.db.begin_write().await?;
        for i in start..(start + 1000).min(users) {
            let user = users::insert(
                &mut tx,
                &NewUser {
                    org_id: org,
                    email: &format!("counsellor{i}@digest.standort.example"),
                    display_name: &format!("Beraterin {i}"),
                    role: Role::JobCounsellor,
                    password_hash: &hash,
                    language: languages[i % languages.len()],
                },
                now,
            )
            .await?;
            let mut data = template_candidate.data.clone();
            data.user_id = None;
            data.email = None;
            data.counsellor_id = Some(user.id);
            data.given_names = format!("{} {i}", data.given_names);
            let c = rec::insert_candidate(&mut tx, &data, &format!("digest {i}"), now).await?;
            let placement = pstore::PlacementData {
                candidate_id: c.id,
                ..template_placement.data.clone()
            };
            let id = pstore::insert_placement(&mut tx, &placement, None, now).await?;
            let due: Vec<pstore::DueRow> = DUE
                .iter()
                .take(items)
                .enumerate()
                .map(|(k, (track, code))| pstore::DueRow {
                    track: (*track).into(),
                    code: (*code).into(),
                    due_on: today + ((i * 7 + k * 3) % 37) as i64 * 86_400 - 30 * 86_400,
                    legal: k < 3,
                })
                .collect();
            pstore::replace_due(&mut tx, id, &due, standort_app::placements::DUE_RULES).await?;
        }
        tx.commit().await?;
    }
    Ok(())
}
