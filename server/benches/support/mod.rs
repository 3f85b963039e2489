//! What the benchmarks share: a database made for the run, an app on it, signed-in
//! visitors, a count of the SQL queries each request makes, and percentiles.
#![allow(dead_code)] // Each benchmark uses some of it.

use app::server::{AppState, Config, auth, clock::now, store};
use leptos::config::LeptosOptions;
use std::{
    collections::HashMap,
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

/// Run a benchmark on a multi-threaded runtime.
pub fn block_on<F: std::future::Future>(benchmark: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(benchmark)
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A PostgreSQL database made for this run, dropped at the end.
pub struct FreshPostgres {
    admin_url: String,
    name: String,
}

impl FreshPostgres {
    /// A new database on the server at `server_url`; returns its URL.
    pub async fn create(server_url: &str) -> (String, Self) {
        let mut admin = url::Url::parse(server_url).expect("BENCH_DATABASE_URL is not a URL");
        if admin.path().trim_matches('/').is_empty() {
            admin.set_path("/postgres");
        }
        let mut bytes = [0u8; 6];
        getrandom::fill(&mut bytes).unwrap();
        let name = format!("our_words_bench_{}", hex::encode(bytes));
        let fresh = Self {
            admin_url: admin.to_string(),
            name,
        };
        fresh
            .admin_sql(&format!("CREATE DATABASE {}", fresh.name))
            .await;
        let mut url = admin;
        url.set_path(&format!("/{}", fresh.name));
        (url.to_string(), fresh)
    }

    async fn admin_sql(&self, sql: &str) {
        use sqlx::{Connection, Executor};
        let mut conn = sqlx::PgConnection::connect(&self.admin_url)
            .await
            .expect("cannot connect to BENCH_DATABASE_URL");
        conn.execute(sqlx::AssertSqlSafe(sql.to_owned()))
            .await
            .unwrap();
    }

    pub async fn drop_database(self) {
        self.admin_sql(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ))
        .await;
    }
}

/// A database for one app in a benchmark: a file in a temporary folder, or a new
/// database on the PostgreSQL server `BENCH_DATABASE_URL` names.
pub struct BenchDatabase {
    pub url: String,
    pub dir: tempfile::TempDir,
    postgres: Option<FreshPostgres>,
}

impl BenchDatabase {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (url, postgres) = match std::env::var("BENCH_DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => {
                let (url, fresh) = FreshPostgres::create(&url).await;
                (url, Some(fresh))
            }
            _ => (
                format!("sqlite:{}", dir.path().join("bench.db").display()),
                None,
            ),
        };
        Self { url, dir, postgres }
    }

    pub fn backend(&self) -> &'static str {
        if self.postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }

    /// The app on this database, with the demo (its version 1 and open round), and
    /// `vars` as more settings.
    pub async fn app(&self, vars: &[(&str, &str)]) -> AppState {
        let mut settings = HashMap::from([
            ("DATABASE_URL".to_owned(), self.url.clone()),
            (
                "OUR_WORDS_DATA_DIR".to_owned(),
                self.dir.path().display().to_string(),
            ),
            ("OUR_WORDS_DEMO_DATA".to_owned(), "1".to_owned()),
            ("OUR_WORDS_DEMO_ROUND".to_owned(), "1".to_owned()),
            ("OUR_WORDS_LISTEN".to_owned(), "127.0.0.1:3000".to_owned()),
        ]);
        for (name, value) in vars {
            settings.insert((*name).to_owned(), (*value).to_owned());
        }
        let config = Config::from_map(&settings).unwrap();
        server::build_state(
            config,
            LeptosOptions::builder().output_name("our-words").build(),
        )
        .await
        .unwrap()
    }

    /// Leave the database (and its folder) in place after the run; returns its URL.
    pub fn keep(self) -> String {
        let _ = self.dir.keep();
        self.url
    }

    pub async fn drop_database(self) {
        if let Some(fresh) = self.postgres {
            fresh.drop_database().await;
        }
    }
}

/// A `Cookie` header value signing `email` in, with a session made in the database as
/// signing in makes one.
pub async fn signed_in(state: &AppState, email: &str) -> String {
    let secret = auth::new_secret();
    let at = now();
    let mut conn = state.db.pool.acquire().await.unwrap();
    let user = store::users::find_or_create_by_email(&mut conn, email, at)
        .await
        .unwrap();
    store::sessions::create(
        &mut conn,
        &auth::hash_secret(&secret),
        user.id,
        at,
        at + 7 * 24 * 3600,
    )
    .await
    .unwrap();
    format!(
        "{}={secret}",
        server::middleware::session::cookie_name(&state.config)
    )
}

/// SQL queries, counted: sqlx reports each statement it runs as a `sqlx::query` event
/// at debug level, on PostgreSQL and SQLite alike.
pub mod queries {
    use super::*;
    use tracing::{Level, Subscriber};
    use tracing_subscriber::{
        Layer, filter::Targets, layer::SubscriberExt, util::SubscriberInitExt,
    };

    static RUN: AtomicU64 = AtomicU64::new(0);

    struct Counter;

    impl<S: Subscriber> Layer<S> for Counter {
        fn on_event(
            &self,
            event: &tracing::Event<'_>,
            _: tracing_subscriber::layer::Context<'_, S>,
        ) {
            if event.metadata().target() == "sqlx::query" {
                RUN.fetch_add(1, Ordering::Relaxed);
                if *TRACE {
                    let mut line = Line(String::new());
                    event.record(&mut line);
                    eprintln!("SQL{}", line.0);
                }
            }
        }
    }

    /// `BENCH_TRACE=1` prints each statement's start and how long it took, to find
    /// which query of a slow page costs.
    static TRACE: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var("BENCH_TRACE").is_ok_and(|v| v == "1"));

    struct Line(String);

    impl tracing::field::Visit for Line {
        fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
            if matches!(field.name(), "summary" | "elapsed") {
                self.0.push_str(&format!(" {}={value:?}", field.name()));
            }
        }
    }

    /// Count from now on (once per process). Nothing else is logged.
    pub fn count() {
        tracing_subscriber::registry()
            .with(Counter.with_filter(Targets::new().with_target("sqlx::query", Level::DEBUG)))
            .init();
    }

    /// Queries run since the last call.
    pub fn take() -> u64 {
        RUN.swap(0, Ordering::Relaxed)
    }
}
