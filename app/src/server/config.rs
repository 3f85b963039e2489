//! Configuration from environment variables, with defaults that run the app locally
//! with no other set-up. Parsed from a plain map so it is testable without touching
//! the process environment.

use std::{collections::HashMap, fmt, net::SocketAddr, path::PathBuf};
use url::Url;

/// `Debug` is written by hand (below) because two of these addresses can carry a
/// password, and a configuration printed in a log or a panic must never show it.
#[derive(Clone)]
pub struct Config {
    /// `sqlite:…` (the default) or `postgres://…`.
    pub database_url: String,
    pub listen_addr: SocketAddr,
    /// The address people reach the app at; links in emails start with it.
    pub base_url: Url,
    /// `smtp://user:pass@host:port` (or `smtps://`); without it mail is written to files.
    pub smtp_url: Option<String>,
    /// The sender of every email (`OUR_WORDS_MAIL_FROM`), checked at start.
    pub mail_from: lettre::message::Mailbox,
    /// Sign every email with this DKIM key (`OUR_WORDS_DKIM_KEY_FILE` and
    /// `OUR_WORDS_DKIM_SELECTOR`, for the domain of `OUR_WORDS_MAIL_FROM`), read and
    /// checked at start. None: emails go unsigned.
    pub dkim: Option<super::dkim::Dkim>,
    /// How long a sign-in request waits for the mail server before answering that the
    /// link is on its way (`OUR_WORDS_SIGN_IN_MAIL_WAIT`, seconds, default 5). Sending
    /// carries on, with retries, after the answer.
    pub sign_in_mail_wait: std::time::Duration,
    /// Where the SQLite database and locally written mail live.
    pub data_dir: PathBuf,
    /// Load the demo framework and demo people into an empty database
    /// (`OUR_WORDS_DEMO_DATA=1`; refused with an `https://` base address).
    pub demo_data: bool,
    /// Show the mail written to files at `/dev/mailbox` (`OUR_WORDS_DEV_MAILBOX=1`, which
    /// `scripts/run` and the tests set). Only ever on when asked for, and refused with
    /// an `https://` base address, an SMTP server or an address beyond this machine:
    /// the mailbox shows everyone's sign-in links, admins' included.
    pub dev_mailbox: bool,
    /// With the demo data, also open a consultation round on the demo framework, with
    /// comments in which lived experience is under-heard.
    pub demo_round: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`OUR_WORDS_TRUSTED_PROXIES`,
    /// addresses or networks; none by default), so rate limits count each client, not
    /// the proxy.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The most comments, proposals and comments on proposals one person may send in
    /// any hour (`OUR_WORDS_COMMENTS_PER_HOUR`, default 30). One account cannot flood a
    /// round, while someone working through a framework statement by statement (a
    /// comment every two minutes) never meets it.
    pub comments_per_hour: i64,
    /// Editors are shown anyone who wrote more than this many comments in one hour of
    /// a round (`OUR_WORDS_BURST_ABOVE`, default 10): a burst worth a look.
    pub burst_above: i64,
}

pub const DEFAULT_LISTEN: &str = "127.0.0.1:3000";

/// What `Debug` shows in place of a password.
const REDACTED: &str = "REDACTED";

/// `url` with any password replaced, for logs. Only an address with a host has a
/// place for a password that we can find; anything else that holds an `@` (such as
/// `user:pass@host` with the `smtp://` forgotten, which parses as a path) is hidden
/// whole, as it may still hold one.
fn without_password(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut parsed) if parsed.has_host() => {
            if parsed.password().is_some() {
                // Fails only for URLs that cannot have a password, and this one has one.
                let _ = parsed.set_password(Some(REDACTED));
            }
            parsed.to_string()
        }
        _ if !url.contains('@') => url.to_owned(),
        _ => format!("({REDACTED}: not a URL with a host)"),
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &without_password(&self.database_url))
            .field("listen_addr", &self.listen_addr)
            .field("base_url", &without_password(self.base_url.as_str()))
            .field("smtp_url", &self.smtp_url.as_deref().map(without_password))
            .field("mail_from", &self.mail_from)
            .field("dkim", &self.dkim)
            .field("sign_in_mail_wait", &self.sign_in_mail_wait)
            .field("data_dir", &self.data_dir)
            .field("demo_data", &self.demo_data)
            .field("demo_round", &self.demo_round)
            .field("dev_mailbox", &self.dev_mailbox)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("comments_per_hour", &self.comments_per_hour)
            .field("burst_above", &self.burst_above)
            .finish()
    }
}

/// The DKIM key, read from its file and checked now, so a missing, unreadable or broken
/// key stops the app at start rather than failing every email.
fn dkim_from(
    key_file: Option<&str>,
    selector: Option<&str>,
    mail_from: &lettre::message::Mailbox,
) -> Result<Option<super::dkim::Dkim>, String> {
    let (key_file, selector) = match (key_file, selector) {
        (None, None) => return Ok(None),
        (Some(key_file), Some(selector)) => (key_file, selector),
        (Some(_), None) => {
            return Err(
                "OUR_WORDS_DKIM_KEY_FILE is set but OUR_WORDS_DKIM_SELECTOR is not: \
                 set it to the selector the public key is published under in DNS \
                 (SELECTOR._domainkey.your-domain)"
                    .into(),
            );
        }
        (None, Some(_)) => {
            return Err(
                "OUR_WORDS_DKIM_SELECTOR is set but OUR_WORDS_DKIM_KEY_FILE is not: \
                 set it to the file holding the DKIM private key"
                    .into(),
            );
        }
    };
    let pem = std::fs::read_to_string(key_file)
        .map_err(|e| format!("OUR_WORDS_DKIM_KEY_FILE {key_file:?} cannot be read: {e}"))?;
    // Signed for the sender's own domain: DMARC passes only when they are the same.
    let domain = mail_from.email.domain();
    super::dkim::Dkim::new(&pem, selector, domain)
        .map(Some)
        .map_err(|e| format!("OUR_WORDS_DKIM_KEY_FILE {key_file:?} is not usable: {e}"))
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        Self::from_map(&std::env::vars().collect())
    }

    pub fn from_map(vars: &HashMap<String, String>) -> Result<Self, String> {
        let get = |key: &str| vars.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
        let data_dir = PathBuf::from(get("OUR_WORDS_DATA_DIR").unwrap_or("data"));
        let listen_addr: SocketAddr = get("OUR_WORDS_LISTEN")
            .or_else(|| get("LEPTOS_SITE_ADDR"))
            .unwrap_or(DEFAULT_LISTEN)
            .parse()
            .map_err(|e| format!("OUR_WORDS_LISTEN is not an address like 127.0.0.1:3000: {e}"))?;
        let base_url = match get("OUR_WORDS_BASE_URL") {
            Some(url) => url,
            None => &format!("http://{listen_addr}"),
        };
        let base_url =
            Url::parse(base_url).map_err(|e| format!("OUR_WORDS_BASE_URL is not a URL: {e}"))?;
        let database_url = match get("DATABASE_URL") {
            Some(url) => url.to_owned(),
            None => format!("sqlite:{}", data_dir.join("our-words.db").display()),
        };
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err("DATABASE_URL must start with sqlite: or postgres://".into());
        }
        let count = |key: &str, default: i64| match get(key) {
            None => Ok(default),
            Some(raw) => raw
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| format!("{key} must be a whole number of 1 or more")),
        };
        let on = |key: &str| matches!(get(key), Some("1" | "true" | "yes"));
        let smtp_url = get("OUR_WORDS_SMTP_URL").map(str::to_owned);
        let https = base_url.scheme() == "https";
        let dev_mailbox = on("OUR_WORDS_DEV_MAILBOX");
        if dev_mailbox {
            let why_not = if https {
                Some("the base address is https://, so this is a deployment")
            } else if smtp_url.is_some() {
                Some("OUR_WORDS_SMTP_URL is set, so mail goes out by SMTP")
            } else if !listen_addr.ip().is_loopback() {
                Some("OUR_WORDS_LISTEN is reachable from other machines")
            } else {
                None
            };
            if let Some(why) = why_not {
                return Err(format!(
                    "OUR_WORDS_DEV_MAILBOX=1 would show everyone's sign-in links to anyone who can \
                     reach the app, and {why}. Remove OUR_WORDS_DEV_MAILBOX."
                ));
            }
        }
        // Checked here, so a mistake stops the app at start with this message, not every
        // email later as a failure the outbox retries for hours.
        let mail_from = get("OUR_WORDS_MAIL_FROM")
            .unwrap_or("Our Words <no-reply@our-words.localhost>")
            .parse::<lettre::message::Mailbox>()
            .map_err(|e| {
                format!(
                    "OUR_WORDS_MAIL_FROM is not an address like \"Our Words <no-reply@example.org>\" ({e})"
                )
            })?;
        let dkim = dkim_from(
            get("OUR_WORDS_DKIM_KEY_FILE"),
            get("OUR_WORDS_DKIM_SELECTOR"),
            &mail_from,
        )?;
        let demo_data = on("OUR_WORDS_DEMO_DATA");
        if demo_data && https {
            return Err(
                "OUR_WORDS_DEMO_DATA=1 loads demo people with known email addresses, \
                        an admin among them, and the base address is https://, so this is a \
                        deployment. Remove OUR_WORDS_DEMO_DATA."
                    .into(),
            );
        }
        Ok(Self {
            comments_per_hour: count("OUR_WORDS_COMMENTS_PER_HOUR", 30)?,
            burst_above: count("OUR_WORDS_BURST_ABOVE", 10)?,
            database_url,
            listen_addr,
            base_url,
            smtp_url,
            mail_from,
            dkim,
            sign_in_mail_wait: std::time::Duration::from_secs(
                count("OUR_WORDS_SIGN_IN_MAIL_WAIT", 5)?.unsigned_abs(),
            ),
            data_dir,
            demo_data,
            demo_round: on("OUR_WORDS_DEMO_ROUND"),
            dev_mailbox,
            trusted_proxies: super::client_address::parse_trusted_proxies(
                get("OUR_WORDS_TRUSTED_PROXIES").unwrap_or_default(),
            )?,
        })
    }

    /// Served over https, so cookies can take the `__Host-` prefix and `Secure`.
    pub fn is_https(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// The local mailbox page shows every sign-in link sent, so it exists only when asked
    /// for (and the configuration refuses to ask for it anywhere but on this machine).
    pub fn local_mailbox_enabled(&self) -> bool {
        self.dev_mailbox
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }

    /// The origin (scheme, host, port) that our own pages post from.
    pub fn origin(&self) -> String {
        self.base_url.origin().ascii_serialization()
    }

    pub fn absolute_url(&self, path_and_query: &str) -> String {
        let mut base = self.base_url.as_str().trim_end_matches('/').to_owned();
        base.push_str(path_and_query);
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, String> {
        Config::from_map(
            &pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn defaults_run_locally_on_sqlite_with_mail_in_files_and_no_mailbox_page() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite:data/our-words.db");
        assert_eq!(c.listen_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.origin(), "http://127.0.0.1:3000");
        assert!(c.smtp_url.is_none());
        assert!(!c.local_mailbox_enabled(), "only when asked for");
        assert!(!c.demo_data);
        assert!(!c.is_https());
        assert!(
            config(&[("OUR_WORDS_DEV_MAILBOX", "1")])
                .unwrap()
                .local_mailbox_enabled()
        );
    }

    #[test]
    fn the_mailbox_is_refused_behind_https_with_smtp_or_listening_beyond_this_machine() {
        for (setting, value, why) in [
            (
                "OUR_WORDS_BASE_URL",
                "https://ourwords.example.org",
                "https://",
            ),
            (
                "OUR_WORDS_SMTP_URL",
                "smtp://localhost:2525",
                "OUR_WORDS_SMTP_URL is set",
            ),
            (
                "OUR_WORDS_LISTEN",
                "0.0.0.0:3000",
                "reachable from other machines",
            ),
        ] {
            let refused =
                config(&[("OUR_WORDS_DEV_MAILBOX", "1"), (setting, value)]).expect_err(setting);
            assert!(
                refused.contains("sign-in links") && refused.contains(why),
                "{refused}"
            );
            assert!(!config(&[(setting, value)]).unwrap().local_mailbox_enabled());
        }
        // Behind a proxy on the same machine: listening on 127.0.0.1, reached by https.
        let proxied = config(&[
            ("OUR_WORDS_BASE_URL", "https://ourwords.example.org"),
            ("OUR_WORDS_LISTEN", "127.0.0.1:3000"),
        ])
        .unwrap();
        assert!(!proxied.local_mailbox_enabled());
    }

    #[test]
    fn demo_data_is_refused_on_an_https_address() {
        assert!(config(&[("OUR_WORDS_DEMO_DATA", "1")]).unwrap().demo_data);
        let refused = config(&[
            ("OUR_WORDS_DEMO_DATA", "1"),
            ("OUR_WORDS_BASE_URL", "https://ourwords.example.org"),
        ])
        .expect_err("demo people on a deployment");
        assert!(refused.contains("OUR_WORDS_DEMO_DATA"), "{refused}");
    }

    #[test]
    fn https_base_url_is_detected_and_links_are_absolute() {
        let c = config(&[("OUR_WORDS_BASE_URL", "https://ourwords.example.org/")]).unwrap();
        assert!(c.is_https());
        assert_eq!(
            c.absolute_url("/sign-in/confirm?token=abc"),
            "https://ourwords.example.org/sign-in/confirm?token=abc"
        );
    }

    #[test]
    fn printing_the_configuration_never_shows_a_password() {
        let c = config(&[
            (
                "OUR_WORDS_SMTP_URL",
                "smtp://mailer:s3cret-smtp@mail.example.org:587",
            ),
            (
                "DATABASE_URL",
                "postgres://app:s3cret-db@db.example.org/our_words",
            ),
        ])
        .unwrap();
        for printed in [format!("{c:?}"), format!("{c:#?}")] {
            assert!(!printed.contains("s3cret"), "{printed}");
            // Everything else is still there to help whoever reads the log.
            assert!(
                printed.contains("smtp://mailer:REDACTED@mail.example.org:587"),
                "{printed}"
            );
            assert!(
                printed.contains("postgres://app:REDACTED@db.example.org/our_words"),
                "{printed}"
            );
        }
        // The real values are untouched for the code that connects with them.
        assert_eq!(
            c.smtp_url.as_deref(),
            Some("smtp://mailer:s3cret-smtp@mail.example.org:587")
        );
    }

    #[test]
    fn an_address_whose_password_cannot_be_found_is_hidden_whole() {
        assert_eq!(
            without_password("mailer:s3cret@mail.example.org"),
            "(REDACTED: not a URL with a host)"
        );
        assert_eq!(
            without_password("sqlite:data/our-words.db"),
            "sqlite:data/our-words.db"
        );
    }

    #[test]
    fn the_comment_limits_default_sensibly_and_can_be_changed() {
        let c = config(&[]).unwrap();
        assert_eq!((c.comments_per_hour, c.burst_above), (30, 10));
        let c = config(&[
            ("OUR_WORDS_COMMENTS_PER_HOUR", "5"),
            ("OUR_WORDS_BURST_ABOVE", "2"),
        ])
        .unwrap();
        assert_eq!((c.comments_per_hour, c.burst_above), (5, 2));
        assert!(config(&[("OUR_WORDS_COMMENTS_PER_HOUR", "0")]).is_err());
        assert!(config(&[("OUR_WORDS_BURST_ABOVE", "lots")]).is_err());
    }

    #[test]
    fn a_sender_address_that_is_not_one_stops_the_app_at_start() {
        let refused = config(&[("OUR_WORDS_MAIL_FROM", "Our Words no-reply@example.org")])
            .expect_err("no angle brackets around the address");
        assert!(
            refused.starts_with("OUR_WORDS_MAIL_FROM is not an address"),
            "{refused}"
        );
        assert!(config(&[("OUR_WORDS_MAIL_FROM", "no-reply@example.org")]).is_ok());
        assert!(config(&[("OUR_WORDS_MAIL_FROM", "Our Words <no-reply@example.org>")]).is_ok());
    }

    #[test]
    fn a_dkim_key_that_cannot_be_used_stops_the_app_at_start() {
        assert!(config(&[]).unwrap().dkim.is_none(), "unsigned unless asked");
        let missing = config(&[
            ("OUR_WORDS_DKIM_KEY_FILE", "/nonexistent/dkim.pem"),
            ("OUR_WORDS_DKIM_SELECTOR", "ourwords"),
        ])
        .expect_err("no such file");
        assert!(
            missing.starts_with("OUR_WORDS_DKIM_KEY_FILE \"/nonexistent/dkim.pem\" cannot be read"),
            "{missing}"
        );
        let dir = std::env::temp_dir().join(format!("our-words-dkim-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let not_a_key = dir.join("not-a-key.pem");
        std::fs::write(
            &not_a_key,
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        )
        .unwrap();
        let broken = config(&[
            ("OUR_WORDS_DKIM_KEY_FILE", not_a_key.to_str().unwrap()),
            ("OUR_WORDS_DKIM_SELECTOR", "ourwords"),
        ])
        .expect_err("not a key");
        assert!(broken.contains("not an RSA private key"), "{broken}");
        let half = config(&[("OUR_WORDS_DKIM_KEY_FILE", not_a_key.to_str().unwrap())])
            .expect_err("no selector");
        assert!(half.contains("OUR_WORDS_DKIM_SELECTOR"), "{half}");
        assert!(config(&[("OUR_WORDS_DKIM_SELECTOR", "ourwords")]).is_err());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn unknown_database_schemes_are_refused() {
        assert!(config(&[("DATABASE_URL", "mysql://x")]).is_err());
    }
}
