//! Benchmark (not a test): every page a person opens during a national round, at the
//! national shape, against the same page on a quiet framework. Prints, per page, p50 and
//! p95 server time through the real router, SQL queries per request and bytes of HTML,
//! and the ratio to the quiet twin; flags a page over 3x its twin at p50 or over 150 KB.
//!
//!     cargo bench -p server --bench national
//!
//! One app holds the national data set and the demo (the quiet twin: 14 statements, a
//! round of 18 comments, a version answering 4). The framework page, which shows every
//! statement, is compared with a framework of the national size (150 statements) whose
//! round is quiet (160 comments), loaded in the same app. Pages about everyone (the
//! admin's list of people) are compared with the same page on a second app holding only
//! the demo.
//! The open round's pages are measured first; then the round is closed, every comment
//! answered and version 2 published, and the report, trace and outbox of that version
//! are measured (the quiet twins: the demo's version 1).
//!
//! `BENCH_DATABASE_URL=postgres://user@host:port` runs it on PostgreSQL (new databases
//! made for the run and dropped after). `BENCH_SCALE=50` loads 1/50 of the national
//! shape for a quick look; `BENCH_RUNS` (default 40) sets the runs per page, and each
//! page stops early after 20 s of runs (at least 5). `BENCH_PAGES=report,trace` measures
//! only the pages whose names hold one of those words; `BENCH_KEEP=1` keeps the databases
//! (and prints where they are) to look into a page's queries afterwards;
//! `BENCH_TRACE=1` prints every SQL statement run, with its time.

mod support;

use app::server::{
    AppState, Context,
    demo::{
        DEMO_ADMIN, DEMO_EDITOR, DEMO_FRAMEWORK_SLUG, DEMO_PARTICIPANT,
        national::{self, National, Shape},
    },
    publishing, store,
};
use axum::{body::Body, extract::ConnectInfo, http::Request};
use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};
use support::{BenchDatabase, ms, percentile, queries};
use tower::ServiceExt;

/// Who asks for a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Public,
    Editor,
    Admin,
    /// The contributor with the most comments (on the quiet twin, the demo participant).
    Contributor,
}

/// When a page is measured: during the open round, or once it is answered and published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    RoundOpen,
    Published,
}

/// Where the quiet twin of a page is: on the demo framework in the same app; for a page
/// that shows the whole framework (its size is the framework's, not the round's), on a
/// framework of the national size with quiet rounds in the same app; or, for a page
/// about everyone, the same path on an app holding only the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Twin {
    DemoFramework,
    SameSizeQuiet,
    DemoOnlyApp,
}

/// The pages measured. Edit here when their addresses change. In a path, `{slug}` is
/// the framework, `{round}` its open round, `{statement}` its busiest statement and
/// `{version}` the version answering the round.
const PAGES: &[(&str, &str, Who, When, Twin)] = &[
    (
        "Framework page",
        "/frameworks/{slug}",
        Who::Public,
        When::RoundOpen,
        Twin::SameSizeQuiet,
    ),
    (
        "Statement page, busiest",
        "/frameworks/{slug}/statements/{statement}",
        Who::Public,
        When::RoundOpen,
        Twin::DemoFramework,
    ),
    (
        "Statement page, busiest, page 2",
        "/frameworks/{slug}/statements/{statement}?page=2",
        Who::Public,
        When::RoundOpen,
        Twin::DemoFramework,
    ),
    (
        "Statement page, busiest, as editor",
        "/frameworks/{slug}/statements/{statement}",
        Who::Editor,
        When::RoundOpen,
        Twin::DemoFramework,
    ),
    (
        "Round's answer list (editor)",
        "/frameworks/{slug}/rounds/{round}/comments",
        Who::Editor,
        When::RoundOpen,
        Twin::DemoFramework,
    ),
    (
        "Round's answer list, page 2",
        "/frameworks/{slug}/rounds/{round}/comments?page=2",
        Who::Editor,
        When::RoundOpen,
        Twin::DemoFramework,
    ),
    (
        "Round's answer list, searched",
        "/frameworks/{slug}/rounds/{round}/comments?q=family&outcome=unanswered",
        Who::Editor,
        When::RoundOpen,
        Twin::DemoFramework,
    ),
    (
        "Bursts of comments in the round",
        "/frameworks/{slug}/rounds/{round}/bursts",
        Who::Editor,
        When::RoundOpen,
        Twin::DemoFramework,
    ),
    (
        "Redraft page, busiest",
        "/frameworks/{slug}/statements/{statement}/redraft",
        Who::Editor,
        When::RoundOpen,
        Twin::DemoFramework,
    ),
    (
        "My contributions (keenest contributor)",
        "/account/contributions",
        Who::Contributor,
        When::RoundOpen,
        Twin::DemoFramework,
    ),
    (
        "Admin: people",
        "/admin/people",
        Who::Admin,
        When::RoundOpen,
        Twin::DemoOnlyApp,
    ),
    (
        "Report (HTML)",
        "/frameworks/{slug}/versions/{version}/report",
        Who::Public,
        When::Published,
        Twin::DemoFramework,
    ),
    (
        "Trace of the busiest statement",
        "/frameworks/{slug}/versions/{version}/statements/{statement}/trace",
        Who::Public,
        When::Published,
        Twin::DemoFramework,
    ),
    (
        "Outbox page (editor)",
        "/frameworks/{slug}/versions/{version}/outbox",
        Who::Editor,
        When::Published,
        Twin::DemoFramework,
    ),
];

/// Over this many bytes of HTML a page is flagged.
const PAGE_BUDGET: usize = 150 * 1024;
/// Over this many times its quiet twin's p50 a page is flagged.
const RATIO_BUDGET: f64 = 3.0;

/// A framework's values for the path placeholders, and who its people are.
struct Framework {
    slug: String,
    round: i64,
    statement: String,
    version: i64,
    editor: String,
    admin: String,
    contributor: String,
}

impl Framework {
    fn path(&self, template: &str) -> String {
        template
            .replace("{slug}", &self.slug)
            .replace("{round}", &self.round.to_string())
            .replace("{statement}", &self.statement)
            .replace("{version}", &self.version.to_string())
    }

    fn email(&self, who: Who) -> Option<&str> {
        match who {
            Who::Public => None,
            Who::Editor => Some(&self.editor),
            Who::Admin => Some(&self.admin),
            Who::Contributor => Some(&self.contributor),
        }
    }
}

/// The demo framework, as the quiet twin.
async fn demo(state: &AppState) -> Framework {
    let mut conn = state.db.pool.acquire().await.unwrap();
    let framework = store::frameworks::find_by_slug(&mut conn, DEMO_FRAMEWORK_SLUG)
        .await
        .unwrap()
        .unwrap();
    let rounds = store::rounds::for_framework(&mut conn, framework.id)
        .await
        .unwrap();
    Framework {
        slug: DEMO_FRAMEWORK_SLUG.to_owned(),
        round: rounds.last().unwrap().id,
        statement: "CI-1".to_owned(),
        version: 1,
        editor: DEMO_EDITOR.to_owned(),
        admin: DEMO_ADMIN.to_owned(),
        contributor: DEMO_PARTICIPANT.to_owned(),
    }
}

fn national_framework(n: &National) -> Framework {
    Framework {
        slug: n.slug.clone(),
        round: n.open_round_id,
        statement: n.busiest_reference.clone(),
        version: n.version + 1,
        editor: n.editor_email.clone(),
        admin: n.admin_email.clone(),
        contributor: n.keenest_email.clone(),
    }
}

/// A page's figures.
struct Measured {
    status: u16,
    p50: Duration,
    p95: Duration,
    queries: u64,
    bytes: usize,
    runs: usize,
}

async fn get(router: &axum::Router, path: &str, cookie: Option<&str>) -> (u16, usize) {
    let mut request = Request::get(path).header("accept", "text/html");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let mut request = request.body(Body::empty()).unwrap();
    let client: SocketAddr = "203.0.113.9:50000".parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(client));
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, body.len())
}

fn runs_wanted() -> usize {
    std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(40)
        .max(1)
}

async fn measure(router: &axum::Router, path: &str, cookie: Option<&str>) -> Measured {
    let runs = runs_wanted();
    // Warm up, then count three requests' queries, each on its own (SQLite reports a
    // query from its worker thread, so give the last report a moment to arrive), and
    // keep the fewest: a request that opened a new pooled connection also ran its
    // set-up statements.
    get(router, path, cookie).await;
    let mut counted = vec![];
    let (mut status, mut bytes) = (0, 0);
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(20)).await;
        queries::take();
        (status, bytes) = get(router, path, cookie).await;
        tokio::time::sleep(Duration::from_millis(20)).await;
        counted.push(queries::take());
    }
    let queries = counted.into_iter().min().unwrap_or_default();
    let mut samples = Vec::with_capacity(runs);
    let started = Instant::now();
    while samples.len() < runs && (samples.len() < 5 || started.elapsed() < Duration::from_secs(20))
    {
        let at = Instant::now();
        get(router, path, cookie).await;
        samples.push(at.elapsed());
    }
    samples.sort();
    Measured {
        status,
        p50: percentile(&samples, 0.5),
        p95: percentile(&samples, 0.95),
        queries,
        bytes,
        runs: samples.len(),
    }
}

/// Whether `BENCH_PAGES` (words, comma-separated, any case) asks for this page; every
/// page when it is not set.
fn wanted_page(label: &str) -> bool {
    let Ok(words) = std::env::var("BENCH_PAGES") else {
        return true;
    };
    let label = label.to_lowercase();
    words
        .split(',')
        .map(|w| w.trim().to_lowercase())
        .any(|w| !w.is_empty() && label.contains(&w))
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1024.0
}

fn print_header() {
    println!(
        "{:<40} {:>9} {:>9} {:>7} {:>9} | {:>8} {:>7} {:>8} | {:>6} {:>6}  flags",
        "page (national | quiet twin | ratio)",
        "p50 ms",
        "p95 ms",
        "queries",
        "KB",
        "p50 ms",
        "queries",
        "KB",
        "p50 x",
        "KB x"
    );
}

fn print_row(label: &str, national: &Measured, quiet: &Measured) {
    let ratio = national.p50.as_secs_f64() / quiet.p50.as_secs_f64().max(1e-9);
    let bytes_ratio = national.bytes as f64 / quiet.bytes.max(1) as f64;
    let mut flags = vec![];
    if ratio > RATIO_BUDGET {
        flags.push(format!("OVER {RATIO_BUDGET}x at p50"));
    }
    if national.bytes > PAGE_BUDGET {
        flags.push(format!("OVER {} KB", PAGE_BUDGET / 1024));
    }
    for (which, m) in [("national", national), ("quiet", quiet)] {
        if m.status != 200 {
            flags.push(format!("{which} status {}", m.status));
        }
    }
    println!(
        "{label:<40} {:>9.1} {:>9.1} {:>7} {:>9.1} | {:>8.1} {:>7} {:>8.1} | {:>6.1} {:>6.1}  {}",
        ms(national.p50),
        ms(national.p95),
        national.queries,
        kb(national.bytes),
        ms(quiet.p50),
        quiet.queries,
        kb(quiet.bytes),
        ratio,
        bytes_ratio,
        flags.join("; "),
    );
    if national.runs < runs_wanted() {
        println!("{:<40} ({} runs only: each took long)", "", national.runs);
    }
}

/// Measure every page of `when`, on the national framework and its quiet twin.
async fn measure_pages(
    when: When,
    apps: (&AppState, &AppState),
    frameworks: (&Framework, &Framework, &Framework),
    over: &mut Vec<String>,
) {
    let (app, demo_only) = apps;
    let (national, demo, same_size) = frameworks;
    let router = server::router(app.clone());
    let demo_router = server::router(demo_only.clone());
    for (label, template, who, _, twin) in PAGES.iter().filter(|p| p.3 == when && wanted_page(p.0))
    {
        let national_cookie = match national.email(*who) {
            Some(email) => Some(support::signed_in(app, email).await),
            None => None,
        };
        let (quiet_app, quiet_router, quiet) = match twin {
            Twin::DemoFramework => (app, &router, demo),
            Twin::SameSizeQuiet => (app, &router, same_size),
            Twin::DemoOnlyApp => (demo_only, &demo_router, demo),
        };
        let quiet_cookie = match quiet.email(*who) {
            Some(email) => Some(support::signed_in(quiet_app, email).await),
            None => None,
        };
        // The twin first: the national page then runs after it, not straight after the
        // load or the page before, so a twin never gets caches the national page warmed.
        let q = measure(quiet_router, &quiet.path(template), quiet_cookie.as_deref()).await;
        let n = measure(
            &router,
            &national.path(template),
            national_cookie.as_deref(),
        )
        .await;
        print_row(label, &n, &q);
        let ratio = n.p50.as_secs_f64() / q.p50.as_secs_f64().max(1e-9);
        if ratio > RATIO_BUDGET || n.bytes > PAGE_BUDGET || n.status != 200 {
            over.push((*label).to_owned());
        }
    }
}

async fn run() {
    queries::count();
    let scale: usize = std::env::var("BENCH_SCALE")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1);
    let database = BenchDatabase::new().await;
    let demo_only_database = BenchDatabase::new().await;
    let app = database.app(&[]).await;
    let demo_only = demo_only_database.app(&[]).await;
    let shape = Shape::scaled(scale);
    let started = Instant::now();
    let loaded = national::load(&app, &shape).await.unwrap();
    println!(
        "\nPages at national shape ({}): {} statements, {} people, {} comments in the open round \
         ({} on {}), loaded in {:.1} s",
        database.backend(),
        loaded.statements,
        loaded.contributors,
        loaded.open_comments,
        shape.busiest,
        loaded.busiest_reference,
        started.elapsed().as_secs_f64(),
    );
    let national = national_framework(&loaded);
    let quiet = demo(&app).await;
    let same_size = Shape::quiet(shape.statements);
    let same_size = national_framework(&national::load(&app, &same_size).await.unwrap());
    let mut over = vec![];
    println!("\nWhile the round is open");
    print_header();
    measure_pages(
        When::RoundOpen,
        (&app, &demo_only),
        (&national, &quiet, &same_size),
        &mut over,
    )
    .await;

    let started = Instant::now();
    national::close_and_answer_open_round(&app.db, &loaded)
        .await
        .unwrap();
    let editor = store::users::find_or_create_by_email(
        &mut app.db.pool.acquire().await.unwrap(),
        &loaded.editor_email,
        0,
    )
    .await
    .unwrap();
    let cx = Context::new(
        app.clone(),
        Some(app::model::Viewer {
            id: editor.id,
            email: editor.email,
            display_name: editor.display_name,
            is_editor: true,
            is_admin: false,
            is_facilitator: false,
            is_moderator: false,
            easy_read: false,
        }),
    );
    let version = publishing::publish(&cx, &loaded.slug, "Version 2, after the national round.")
        .await
        .unwrap();
    assert_eq!(version, national.version);
    println!(
        "\nAfter closing the round, answering the rest and publishing version {version} ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    print_header();
    measure_pages(
        When::Published,
        (&app, &demo_only),
        (&national, &quiet, &same_size),
        &mut over,
    )
    .await;

    println!(
        "\nBudgets: no page over {RATIO_BUDGET}x its quiet twin at p50, none over {} KB. {}",
        PAGE_BUDGET / 1024,
        if over.is_empty() {
            "Every page is within them.".to_owned()
        } else {
            format!("Over budget: {}.", over.join(", "))
        }
    );
    app.db.pool.close().await;
    demo_only.db.pool.close().await;
    if std::env::var("BENCH_KEEP").is_ok_and(|v| v == "1") {
        println!("\nKept the national database: {}", database.keep());
        demo_only_database.keep();
        return;
    }
    database.drop_database().await;
    demo_only_database.drop_database().await;
}

fn main() {
    support::block_on(run());
}
