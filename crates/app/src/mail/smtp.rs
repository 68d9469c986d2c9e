//! The SMTP connection: `--smtp-url` parsed and checked at start-up, and the lettre transport
//! built from it.
//!
//! `smtp://HOST[:PORT]` plain (port 25; for a relay on the same host or network),
//! `smtp://HOST[:PORT]?tls=starttls` STARTTLS required (port 587), `smtps://HOST[:PORT]` TLS
//! from the first byte (port 465). User and password come from the URL
//! (`smtp://USER:PASSWORD@HOST…`, percent-encoded) or, winning over it, from their own settings
//! (`--smtp-user`, `STANDORT_SMTP_PASSWORD`, the config file). Certificates are checked against
//! the Mozilla roots (webpki-roots).

use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// No TLS at all (a local relay).
    Plain,
    /// STARTTLS, required: the message is not sent if the server does not offer it.
    StartTls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

/// A checked SMTP setting. The password is never printed (see [`SmtpConfig::describe`]).
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    password: Option<String>,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl SmtpConfig {
    /// Reads an SMTP URL; `user` and `password`, when given, win over the URL's. The error is
    /// a sentence for the operator (it never repeats the password).
    pub fn parse(
        url: &str,
        user: Option<&str>,
        password: Option<&str>,
    ) -> Result<SmtpConfig, String> {
        let parsed = url::Url::parse(url.trim())
            .map_err(|e| format!("the SMTP URL cannot be read ({e}); expected smtp://HOST[:PORT], smtp://HOST?tls=starttls or smtps://HOST"))?;
        let mut tls = None;
        for (key, value) in parsed.query_pairs() {
            match key.as_ref() {
                "tls" => tls = Some(value.into_owned()),
                other => {
                    return Err(format!(
                        "the SMTP URL has an unknown parameter {other:?} (known: tls)"
                    ));
                }
            }
        }
        let security = match (parsed.scheme(), tls.as_deref()) {
            ("smtp", None | Some("none")) => Security::Plain,
            ("smtp", Some("starttls" | "required")) => Security::StartTls,
            ("smtps", None | Some("tls" | "wrapper")) => Security::Tls,
            ("smtp" | "smtps", Some(other)) => {
                return Err(format!(
                    "the SMTP URL's tls={other:?} is not known (smtp://…?tls=starttls, or smtps:// for TLS from the start)"
                ));
            }
            (scheme, _) => {
                return Err(format!(
                    "the SMTP URL's scheme {scheme:?} is not known (smtp:// or smtps://)"
                ));
            }
        };
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or("the SMTP URL names no host")?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        if parsed.path().len() > 1 {
            return Err("the SMTP URL has a path; write smtp://HOST[:PORT]".into());
        }
        let port = parsed.port().unwrap_or(match security {
            Security::Plain => 25,
            Security::StartTls => 587,
            Security::Tls => 465,
        });
        let decode = |s: &str| {
            percent_encoding_decode(s).ok_or("the SMTP URL's user or password is not UTF-8")
        };
        let url_user = (!parsed.username().is_empty())
            .then(|| decode(parsed.username()))
            .transpose()?;
        let url_password = parsed.password().map(decode).transpose()?;
        let user = user.map(str::to_owned).or(url_user);
        let password = password.map(str::to_owned).or(url_password);
        if password.is_some() && user.is_none() {
            return Err("an SMTP password is set but no user".into());
        }
        Ok(SmtpConfig {
            host,
            port,
            security,
            user,
            password,
        })
    }

    /// Where mail goes, for the start-up log and the administrators' page: host, port,
    /// security and user, never the password.
    pub fn describe(&self) -> String {
        let security = match self.security {
            Security::Plain => "without TLS",
            Security::StartTls => "STARTTLS",
            Security::Tls => "TLS",
        };
        let user = match &self.user {
            Some(u) => format!(", user {u}"),
            None => String::new(),
        };
        format!("{}:{} ({security}{user})", self.host, self.port)
    }

    /// The lettre transport (connections are opened when a message is sent).
    pub(crate) fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        let tls = match self.security {
            Security::Plain => Tls::None,
            Security::StartTls => {
                Tls::Required(TlsParameters::new(self.host.clone()).map_err(|e| e.to_string())?)
            }
            Security::Tls => {
                Tls::Wrapper(TlsParameters::new(self.host.clone()).map_err(|e| e.to_string())?)
            }
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(tls)
            .timeout(Some(Duration::from_secs(30)));
        if let Some(user) = &self.user {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                self.password.clone().unwrap_or_default(),
            ));
        }
        Ok(builder.build())
    }
}

/// `%XX` escapes of a URL's user or password, decoded; `None` when not UTF-8.
fn percent_encoding_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // A runtime: building lettre's pooled transport starts the pool's cleanup task.
    #[tokio::test]
    async fn urls_give_host_port_security_and_credentials() {
        let c = SmtpConfig::parse("smtp://localhost:2525", None, None).unwrap();
        assert_eq!(
            (c.host.as_str(), c.port, c.security),
            ("localhost", 2525, Security::Plain)
        );
        let c =
            SmtpConfig::parse("smtp://u%40x:p%2Fw@mail.example?tls=starttls", None, None).unwrap();
        assert_eq!((c.port, c.security), (587, Security::StartTls));
        assert_eq!(c.user.as_deref(), Some("u@x"));
        assert_eq!(c.password.as_deref(), Some("p/w"));
        assert!(!c.describe().contains("p/w"), "{}", c.describe());
        assert!(!format!("{c:?}").contains("p/w"));
        let c =
            SmtpConfig::parse("smtps://mail.example", Some("env-user"), Some("secret")).unwrap();
        assert_eq!((c.port, c.security), (465, Security::Tls));
        assert_eq!(c.user.as_deref(), Some("env-user"));
        assert!(c.transport().is_ok());
    }

    #[test]
    fn bad_urls_are_refused_with_a_reason() {
        for (url, says) in [
            ("mail.example", "cannot be read"),
            ("http://mail.example", "scheme"),
            ("smtp://mail.example?tls=maybe", "tls="),
            ("smtp://mail.example?port=1", "unknown parameter"),
            ("smtp://mail.example/x", "path"),
        ] {
            let e = SmtpConfig::parse(url, None, None).unwrap_err();
            assert!(e.contains(says), "{url}: {e}");
        }
        let e = SmtpConfig::parse("smtp://mail.example", None, Some("pw")).unwrap_err();
        assert!(e.contains("no user"), "{e}");
    }
}
