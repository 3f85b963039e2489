//! `spawn_app`: a fresh database per test (a temporary SQLite file, or a new PostgreSQL
//! database), demo data, an SMTP sink, and a small browser-like client with a cookie.

pub mod dkim;
pub mod smtp;

use app::server::{AppState, Config};
use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{HeaderMap, Method, Request, StatusCode, header},
};
use leptos::config::LeptosOptions;
use smtp::SmtpSink;
use std::{collections::HashMap, net::SocketAddr};
use tower::ServiceExt;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const ORIGIN: &str = "http://127.0.0.1:3000";

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub smtp: Option<SmtpSink>,
    _data_dir: tempfile::TempDir,
    pg_database: Option<String>,
}

pub struct Options {
    pub smtp: bool,
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, Options { smtp: true }).await
}

fn postgres_server_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

fn random_suffix() -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    hex::encode(bytes)
}

pub async fn spawn_app_with(backend: Backend, options: Options) -> TestApp {
    spawn_app_with_vars(backend, options, &[]).await
}

/// The demo as `scripts/run` and the browser tests load it: with its earlier published
/// version and its open round.
pub async fn spawn_app_with_demo_round(backend: Backend) -> TestApp {
    spawn_app_with_vars(
        backend,
        Options { smtp: true },
        &[("OUR_WORDS_DEMO_ROUND", "1")],
    )
    .await
}

pub async fn spawn_app_with_vars(
    backend: Backend,
    options: Options,
    extra_vars: &[(&str, &str)],
) -> TestApp {
    let data_dir = tempfile::tempdir().unwrap();
    let (database_url, pg_database) = match backend {
        Backend::Sqlite => (
            format!("sqlite:{}", data_dir.path().join("test.db").display()),
            None,
        ),
        Backend::Postgres => {
            let name = format!("our_words_test_{}", random_suffix());
            admin_sql(&format!("CREATE DATABASE {name}")).await;
            (format!("{}/{name}", postgres_server_url()), Some(name))
        }
    };
    let smtp = if options.smtp {
        Some(SmtpSink::start().await)
    } else {
        None
    };
    let mut vars = HashMap::from([
        ("DATABASE_URL".to_owned(), database_url),
        (
            "OUR_WORDS_DATA_DIR".to_owned(),
            data_dir.path().display().to_string(),
        ),
        ("OUR_WORDS_DEMO_DATA".to_owned(), "1".to_owned()),
        ("OUR_WORDS_LISTEN".to_owned(), "127.0.0.1:3000".to_owned()),
    ]);
    match &smtp {
        Some(smtp) => vars.insert("OUR_WORDS_SMTP_URL".to_owned(), smtp.url()),
        // As `scripts/run` does: mail in files, read back at /dev/mailbox.
        None => vars.insert("OUR_WORDS_DEV_MAILBOX".to_owned(), "1".to_owned()),
    };
    for (name, value) in extra_vars {
        vars.insert((*name).to_owned(), (*value).to_owned());
    }
    start(&vars, smtp, data_dir, pg_database).await
}

/// The app started on a database someone else made and drops (as an upgrade finds one):
/// migrated and started as in production, without demo data or email.
pub async fn spawn_app_on(database_url: &str) -> TestApp {
    let data_dir = tempfile::tempdir().unwrap();
    let vars = HashMap::from([
        ("DATABASE_URL".to_owned(), database_url.to_owned()),
        (
            "OUR_WORDS_DATA_DIR".to_owned(),
            data_dir.path().display().to_string(),
        ),
        ("OUR_WORDS_LISTEN".to_owned(), "127.0.0.1:3000".to_owned()),
    ]);
    start(&vars, None, data_dir, None).await
}

async fn start(
    vars: &HashMap<String, String>,
    smtp: Option<SmtpSink>,
    data_dir: tempfile::TempDir,
    pg_database: Option<String>,
) -> TestApp {
    let config = Config::from_map(vars).unwrap();
    let leptos_options = LeptosOptions::builder().output_name("our-words").build();
    let state = server::build_state(config, leptos_options).await.unwrap();
    TestApp {
        router: server::router(state.clone()),
        state,
        smtp,
        _data_dir: data_dir,
        pg_database,
    }
}

/// Run a statement on the PostgreSQL server's maintenance database.
async fn admin_sql(sql: &str) {
    use sqlx::{Connection, Executor};
    let mut conn = sqlx::PgConnection::connect(&format!("{}/postgres", postgres_server_url()))
        .await
        .expect("PostgreSQL must be running for these tests (see README)");
    conn.execute(sqlx::AssertSqlSafe(sql.to_owned()))
        .await
        .unwrap();
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(name) = self.pg_database.take() {
            // Drop cannot await, and this test's runtime is blocked here, so a short-lived
            // runtime on its own thread drops the database (FORCE ends our connections).
            std::thread::spawn(move || {
                tokio::runtime::Runtime::new()
                    .unwrap()
                    .block_on(async move {
                        admin_sql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await;
                    })
            })
            .join()
            .ok();
        }
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent, for responses that are not text (pictures).
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The page's text with tags and scripts removed, for asserting what a person reads.
    pub fn text(&self) -> String {
        let mut visible = String::new();
        let mut rest = self.body.as_str();
        while let Some(start) = rest.find("<script") {
            visible.push_str(&rest[..start]);
            rest = rest[start..]
                .split_once("</script>")
                .map(|(_, after)| after)
                .unwrap_or_default();
        }
        visible.push_str(rest);
        // Hydration markers (<!>, <!--…-->) split text nodes but are not visible.
        let visible = visible.replace("<!>", "");
        let mut out = String::new();
        let mut in_tag = false;
        for c in visible.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A visitor: keeps a session cookie, any other cookies (the reading choice) and a
/// client address, like a browser would.
pub struct Visitor<'a> {
    pub app: &'a TestApp,
    /// The session cookie, `name=value`.
    pub cookie: Option<String>,
    /// Every other cookie the site set, by name, as `name=value`.
    pub other_cookies: std::collections::BTreeMap<String, String>,
    pub client: SocketAddr,
}

const SESSION_COOKIE: &str = "our_words_session";

impl TestApp {
    pub fn visitor(&self) -> Visitor<'_> {
        Visitor {
            app: self,
            cookie: None,
            other_cookies: Default::default(),
            client: "203.0.113.7:51000".parse().unwrap(),
        }
    }

    pub fn smtp(&self) -> &SmtpSink {
        self.smtp.as_ref().expect("this test app has no SMTP sink")
    }

    pub async fn scalar(&self, sql: &'static str, bind: &str) -> i64 {
        sqlx::query_scalar(sql)
            .bind(bind.to_owned())
            .fetch_one(&self.state.db.pool)
            .await
            .unwrap()
    }
}

impl Visitor<'_> {
    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.send(Method::GET, path, None, &[]).await
    }

    /// A GET with headers a browser adds (e.g. `sec-fetch-site`).
    pub async fn get_with_headers(&mut self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        self.send(Method::GET, path, None, headers).await
    }

    /// A form post from one of our own pages, as a browser sends it.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = serde_urlencoded_form(fields);
        self.send(
            Method::POST,
            path,
            Some(body),
            &[("origin", ORIGIN), ("sec-fetch-site", "same-origin")],
        )
        .await
    }

    pub async fn post_with_headers(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> TestResponse {
        self.send(
            Method::POST,
            path,
            Some(serde_urlencoded_form(fields)),
            headers,
        )
        .await
    }

    /// A multipart form post from one of our own pages (a form with a file field), as a
    /// browser sends it: the text fields in order, then the file (name, file name,
    /// content type, bytes), if any.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &str, &[u8])>,
    ) -> TestResponse {
        const BOUNDARY: &str = "----our-words-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((name, file_name, content_type, bytes)) = file {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        self.send_bytes(
            Method::POST,
            path,
            Some((&content_type, body)),
            &[("origin", ORIGIN), ("sec-fetch-site", "same-origin")],
        )
        .await
    }

    async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let body = body.map(|b| ("application/x-www-form-urlencoded", b.into_bytes()));
        self.send_bytes(method, path, body, headers).await
    }

    async fn send_bytes(
        &mut self,
        method: Method,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::ACCEPT, "text/html");
        if let Some((content_type, _)) = &body {
            request = request.header(header::CONTENT_TYPE, *content_type);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let cookies: Vec<&str> = self
            .cookie
            .iter()
            .chain(self.other_cookies.values())
            .map(String::as_str)
            .collect();
        if !cookies.is_empty() {
            request = request.header(header::COOKIE, cookies.join("; "));
        }
        let mut request = request
            .body(Body::from(body.map(|(_, b)| b).unwrap_or_default()))
            .unwrap();
        request.extensions_mut().insert(ConnectInfo(self.client));
        let response = self.app.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        for set_cookie in headers.get_all(header::SET_COOKIE) {
            let pair = set_cookie
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_owned();
            let cleared = pair.ends_with('=');
            let name = pair.split('=').next().unwrap_or_default().to_owned();
            if name != SESSION_COOKIE {
                if cleared {
                    self.other_cookies.remove(&name);
                } else {
                    self.other_cookies.insert(name, pair);
                }
                continue;
            }
            self.cookie = if cleared { None } else { Some(pair) };
        }
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// Ask for a link, take it from the email that arrived over SMTP, and press Sign in.
    pub async fn sign_in_as(&mut self, email: &str) -> TestResponse {
        let before = self.app.smtp().messages().len();
        let response = self.post("/sign-in", &[("email", email)]).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{}",
            response.text()
        );
        let message = self.app.smtp().wait_for(before + 1).await.pop().unwrap();
        let token = message.sign_in_token();
        self.post("/sign-in/confirm", &[("token", &token)]).await
    }
}

fn serde_urlencoded_form(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// Run a test body once against SQLite and once against PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($(async fn $name:ident($app:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                async fn run($app: $crate::support::TestApp) $body

                #[tokio::test]
                async fn sqlite() {
                    run($crate::support::spawn_app($crate::support::Backend::Sqlite).await).await
                }

                #[tokio::test]
                async fn postgres() {
                    run($crate::support::spawn_app($crate::support::Backend::Postgres).await).await
                }
            }
        )*
    };
}

/// As `on_both_databases!`, with these environment variables set for the app (such as a
/// lower limit than the default, so a test reaches it in a few steps).
#[macro_export]
macro_rules! on_both_databases_with {
    ($vars:expr; $(async fn $name:ident($app:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;
                async fn run($app: $crate::support::TestApp) $body

                async fn app(backend: $crate::support::Backend) -> $crate::support::TestApp {
                    $crate::support::spawn_app_with_vars(
                        backend,
                        $crate::support::Options { smtp: true },
                        $vars,
                    )
                    .await
                }

                #[tokio::test]
                async fn sqlite() {
                    run(app($crate::support::Backend::Sqlite).await).await
                }

                #[tokio::test]
                async fn postgres() {
                    run(app($crate::support::Backend::Postgres).await).await
                }
            }
        )*
    };
}
