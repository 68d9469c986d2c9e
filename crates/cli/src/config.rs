//! Settings from flags, `STANDORT_*` environment variables and a TOML file, in that order of
//! precedence, and the start-up that uses them.

use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

pub const DEFAULT_DATABASE: &str = "sqlite://standort.db";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// The optional configuration file; every key mirrors a flag.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub database: Option<String>,
    pub listen: Option<String>,
    pub demo: Option<bool>,
    pub secure_cookies: Option<bool>,
    pub behind_proxy: Option<bool>,
    pub trusted_proxy_hops: Option<usize>,
    pub upload_limit_mib: Option<usize>,
    pub retention_months: Option<u32>,
    pub smtp_url: Option<String>,
    pub smtp_user: Option<String>,
    pub smtp_password: Option<String>,
    pub mail_from: Option<String>,
    pub public_url: Option<String>,
    pub time_zone: Option<String>,
}

impl FileConfig {
    pub fn load(path: Option<&Path>) -> anyhow::Result<FileConfig> {
        let Some(path) = path else {
            return Ok(FileConfig::default());
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("invalid config file {}", path.display()))
    }
}

#[derive(Debug, clap::Args)]
pub struct DbArgs {
    /// Database URL: sqlite://FILE (created if missing) or postgres://USER@HOST/DB.
    #[arg(long, env = "STANDORT_DATABASE")]
    pub database: Option<String>,
}

impl DbArgs {
    pub fn resolve(&self, file: &FileConfig) -> String {
        self.database
            .clone()
            .or_else(|| file.database.clone())
            .unwrap_or_else(|| DEFAULT_DATABASE.to_owned())
    }
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "STANDORT_LISTEN")]
    pub listen: Option<String>,
    /// Load the demo data set into an empty database and print the demo logins.
    #[arg(long, env = "STANDORT_DEMO")]
    pub demo: Option<Option<bool>>,
    /// Mark cookies Secure (set when users reach Standort over HTTPS, e.g. behind a TLS proxy).
    #[arg(long, env = "STANDORT_SECURE_COOKIES")]
    pub secure_cookies: Option<Option<bool>>,
    /// Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy.
    #[arg(long, env = "STANDORT_BEHIND_PROXY")]
    pub behind_proxy: Option<Option<bool>>,
    /// With --behind-proxy: how many reverse proxies of yours append to X-Forwarded-For; the
    /// client address is taken that many entries from the right [default: 1].
    #[arg(long, env = "STANDORT_TRUSTED_PROXY_HOPS")]
    pub trusted_proxy_hops: Option<usize>,
    /// Largest file upload (one multipart form) a page accepts, in MiB [default: 25].
    #[arg(long, env = "STANDORT_UPLOAD_LIMIT_MIB")]
    pub upload_limit_mib: Option<usize>,
    /// Retention rule: erase candidate profiles this many months after their process ended
    /// without talent-pool consent (checked daily by one instance; default 6).
    #[arg(long, env = "STANDORT_RETENTION_MONTHS")]
    pub retention_months: Option<u32>,
    /// SMTP server for e-mail: smtp://HOST[:PORT] (no TLS), smtp://HOST[:PORT]?tls=starttls,
    /// or smtps://HOST[:PORT]; user and password may be in the URL. Without it, messages are
    /// kept as "not sent" in the outbox.
    #[arg(long, env = "STANDORT_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// SMTP user (wins over the URL's).
    #[arg(long, env = "STANDORT_SMTP_USER")]
    pub smtp_user: Option<String>,
    /// SMTP password (wins over the URL's); prefer the environment or the config file to a flag.
    #[arg(long, env = "STANDORT_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// Sender of e-mail, e.g. "Standort <standort@agency.example>".
    #[arg(long, env = "STANDORT_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// The address people reach Standort at, for links in e-mail
    /// [default: http://LISTEN-ADDRESS].
    #[arg(long, env = "STANDORT_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The time zone pages and e-mail show times in, an IANA name such as Europe/Berlin or
    /// Asia/Ho_Chi_Minh (from the zone database built into Standort) [default: Europe/Berlin].
    #[arg(long, env = "STANDORT_TIME_ZONE")]
    pub time_zone: Option<String>,
}

/// Resolved settings for `serve`.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub database: String,
    pub listen: String,
    pub demo: bool,
    pub secure_cookies: bool,
    pub behind_proxy: bool,
    pub trusted_proxy_hops: usize,
    pub upload_limit_mib: usize,
    pub retention_months: u32,
    pub mail: standort_app::mail::MailSettings,
    pub time_zone: standort_web::format::TimeZone,
}

/// `--flag` alone means true; `--flag=false` is allowed too.
fn flag(cli: Option<Option<bool>>, file: Option<bool>) -> bool {
    match cli {
        Some(v) => v.unwrap_or(true),
        None => file.unwrap_or(false),
    }
}

impl ServeArgs {
    pub fn resolve(self, file: &FileConfig) -> anyhow::Result<ServeConfig> {
        let behind_proxy = flag(self.behind_proxy, file.behind_proxy);
        let trusted_proxy_hops = self.trusted_proxy_hops.or(file.trusted_proxy_hops);
        match trusted_proxy_hops {
            Some(0) => anyhow::bail!(
                "trusted_proxy_hops must be at least 1 (the proxy in front of Standort); to ignore X-Forwarded-For, leave out behind_proxy"
            ),
            Some(_) if !behind_proxy => anyhow::bail!(
                "trusted_proxy_hops is set but behind_proxy is not: X-Forwarded-For is only read with --behind-proxy"
            ),
            _ => {}
        }
        let listen = self
            .listen
            .or_else(|| file.listen.clone())
            .unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
        let smtp = match self.smtp_url.or_else(|| file.smtp_url.clone()) {
            Some(url) if !url.trim().is_empty() => Some(
                standort_app::mail::SmtpConfig::parse(
                    &url,
                    self.smtp_user.or_else(|| file.smtp_user.clone()).as_deref(),
                    self.smtp_password
                        .or_else(|| file.smtp_password.clone())
                        .as_deref(),
                )
                .map_err(|e| anyhow::anyhow!("smtp_url: {e}"))?,
            ),
            _ => None,
        };
        let public_url = self
            .public_url
            .or_else(|| file.public_url.clone())
            .unwrap_or_else(|| format!("http://{listen}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            anyhow::bail!("public_url must start with http:// or https://, not {public_url:?}");
        }
        let mail = standort_app::mail::MailSettings {
            smtp,
            from: self
                .mail_from
                .or_else(|| file.mail_from.clone())
                .unwrap_or_else(|| standort_app::mail::MailSettings::default().from),
            public_url: public_url.trim_end_matches('/').to_owned(),
            ..Default::default()
        };
        mail.check()
            .map_err(|e| anyhow::anyhow!("mail_from: {e}"))?;
        let time_zone = match self.time_zone.or_else(|| file.time_zone.clone()) {
            Some(name) => standort_web::format::TimeZone::parse(&name)
                .map_err(|e| anyhow::anyhow!("time_zone: {e}"))?,
            None => standort_web::format::TimeZone::DEFAULT,
        };
        Ok(ServeConfig {
            database: self.db.resolve(file),
            listen,
            demo: flag(self.demo, file.demo),
            secure_cookies: flag(self.secure_cookies, file.secure_cookies),
            behind_proxy,
            trusted_proxy_hops: trusted_proxy_hops.unwrap_or(1),
            upload_limit_mib: self
                .upload_limit_mib
                .or(file.upload_limit_mib)
                .unwrap_or(standort_web::upload::DEFAULT_UPLOAD_LIMIT / (1024 * 1024)),
            retention_months: self.retention_months.or(file.retention_months).unwrap_or(6),
            mail,
            time_zone,
        })
    }
}

/// Connects and migrates, with messages a person can act on.
pub async fn open_db(url: &str) -> anyhow::Result<standort_store::Db> {
    let db = standort_store::Db::connect(url)
        .await
        .with_context(|| format!("cannot open database {}", redact(url)))?;
    db.migrate()
        .await
        .context("cannot prepare the database schema")?;
    Ok(db)
}

/// Hides a password in a database URL before it is printed.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Opens the database, loads the demo data if asked, and serves until stopped.
pub async fn serve(config: ServeConfig) -> anyhow::Result<()> {
    let db = open_db(&config.database).await?;
    match &config.mail.smtp {
        Some(smtp) => tracing::info!(
            server = %smtp.describe(),
            from = %config.mail.from,
            links = %config.mail.public_url,
            "e-mail is configured"
        ),
        None => tracing::warn!(
            "e-mail is not configured (--smtp-url): invitations and password links are kept as \"not sent\" in the outbox (Postausgang) and shown to staff"
        ),
    }
    let settings = standort_app::Settings {
        retention_months: config.retention_months,
        mail: config.mail.clone(),
        ..Default::default()
    };
    let app = standort_app::App::new(db, settings);
    let derived = app
        .refresh_due_items()
        .await
        .context("cannot derive the placements' due items")?;
    if derived > 0 {
        eprintln!("Derived the due items of {derived} placements (new due rules).");
    }
    if config.demo {
        match app.load_demo().await? {
            Some(logins) => print_demo_logins(logins),
            None => eprintln!(
                "The database already holds data; the demo data set was not loaded. Demo logins (if this database came from --demo) use the password {:?}.",
                standort_app::demo::DEMO_PASSWORD
            ),
        }
    }
    let web = standort_web::WebSettings {
        secure_cookies: config.secure_cookies,
        behind_proxy: config.behind_proxy,
        trusted_proxy_hops: config.trusted_proxy_hops,
        upload_limit: config.upload_limit_mib.saturating_mul(1024 * 1024),
        time_zone: config.time_zone,
    };
    let server = standort_web::Application::build(app, web, &config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = server.local_addr();
    eprintln!(
        "Standort is running at http://{addr}/ (database: {})",
        redact(&config.database)
    );
    server.run_until_stopped().await?;
    Ok(())
}

fn print_demo_logins(logins: &[standort_app::demo::DemoLogin]) {
    eprintln!("Demo data loaded. Log in with one of these accounts:");
    for l in logins {
        eprintln!(
            "  {:<16} {:<36} password: {}",
            l.role.as_str(),
            l.email,
            l.password
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("sqlite://standort.db"), "sqlite://standort.db");
    }

    #[test]
    fn flags_beat_file() {
        let file: FileConfig =
            toml::from_str("database = \"sqlite://f.db\"\nlisten = \"0.0.0.0:1\"\ndemo = true")
                .unwrap();
        let args = ServeArgs {
            db: DbArgs {
                database: Some("sqlite://flag.db".into()),
            },
            listen: None,
            demo: Some(Some(false)),
            secure_cookies: None,
            behind_proxy: None,
            trusted_proxy_hops: None,
            upload_limit_mib: None,
            retention_months: None,
            smtp_url: None,
            smtp_user: None,
            smtp_password: None,
            mail_from: None,
            public_url: None,
            time_zone: None,
        };
        let c = args.resolve(&file).unwrap();
        assert_eq!(
            (c.database.as_str(), c.listen.as_str(), c.demo),
            ("sqlite://flag.db", "0.0.0.0:1", false)
        );
        assert!(
            toml::from_str::<FileConfig>("databse = 1").is_err(),
            "unknown keys are refused"
        );
    }

    fn serve_args(args: &[&str]) -> ServeArgs {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            serve: ServeArgs,
        }
        Cli::parse_from(std::iter::once("standort").chain(args.iter().copied())).serve
    }

    #[test]
    fn trusted_proxy_hops_default_to_one_and_need_behind_proxy() {
        let none = FileConfig::default();
        let c = serve_args(&["--behind-proxy"]).resolve(&none).unwrap();
        assert_eq!((c.behind_proxy, c.trusted_proxy_hops), (true, 1));
        let c = serve_args(&["--behind-proxy", "--trusted-proxy-hops", "2"])
            .resolve(&none)
            .unwrap();
        assert_eq!(c.trusted_proxy_hops, 2);
        let file: FileConfig =
            toml::from_str("behind_proxy = true\ntrusted_proxy_hops = 3").unwrap();
        assert_eq!(
            serve_args(&[]).resolve(&file).unwrap().trusted_proxy_hops,
            3
        );
        let refused = |args: &[&str]| serve_args(args).resolve(&none).unwrap_err().to_string();
        assert!(refused(&["--trusted-proxy-hops", "2"]).contains("behind_proxy"));
        assert!(refused(&["--behind-proxy", "--trusted-proxy-hops", "0"]).contains("at least 1"));
    }

    #[test]
    fn smtp_settings_come_from_flags_env_or_file_and_a_bad_url_stops_start_up() {
        let none = FileConfig::default();
        let c = serve_args(&[]).resolve(&none).unwrap();
        assert!(c.mail.smtp.is_none());
        assert_eq!(c.mail.public_url, "http://127.0.0.1:8080");
        let file: FileConfig = toml::from_str(
            "smtp_url = \"smtp://mail.example?tls=starttls\"\nsmtp_user = \"u\"\nsmtp_password = \"pw\"\nmail_from = \"Agentur <a@agency.example>\"\npublic_url = \"https://standort.example/\"",
        )
        .unwrap();
        let c = serve_args(&[]).resolve(&file).unwrap();
        let smtp = c.mail.smtp.unwrap();
        assert_eq!((smtp.port, smtp.user.as_deref()), (587, Some("u")));
        assert_eq!(c.mail.public_url, "https://standort.example");
        let c = serve_args(&["--smtp-url", "smtps://other.example", "--smtp-user", "flag"])
            .resolve(&file)
            .unwrap();
        let smtp = c.mail.smtp.unwrap();
        assert_eq!(
            (smtp.host.as_str(), smtp.user.as_deref()),
            ("other.example", Some("flag"))
        );
        let refused = |args: &[&str]| serve_args(args).resolve(&none).unwrap_err().to_string();
        assert!(refused(&["--smtp-url", "imap://x"]).contains("smtp_url"));
        assert!(refused(&["--mail-from", "not an address"]).contains("mail_from"));
        assert!(refused(&["--public-url", "standort.example"]).contains("public_url"));
    }

    #[test]
    fn the_time_zone_defaults_to_berlin_and_an_unknown_one_stops_start_up() {
        let none = FileConfig::default();
        let c = serve_args(&[]).resolve(&none).unwrap();
        assert_eq!(c.time_zone.name(), "Europe/Berlin");
        let file: FileConfig = toml::from_str("time_zone = \"Asia/Ho_Chi_Minh\"").unwrap();
        assert_eq!(
            serve_args(&[]).resolve(&file).unwrap().time_zone.name(),
            "Asia/Ho_Chi_Minh"
        );
        let c = serve_args(&["--time-zone", "UTC"]).resolve(&file).unwrap();
        assert_eq!(c.time_zone.name(), "UTC");
        let refused = serve_args(&["--time-zone", "Berlin"])
            .resolve(&none)
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("time_zone") && refused.contains("\"Berlin\""),
            "{refused}"
        );
    }
}
