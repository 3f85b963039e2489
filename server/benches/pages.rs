//! Benchmarks (not tests): how long the statement page takes to render through the real
//! router with 30 revisions and 300 comments, compared with a quiet statement, and how
//! long word diffs take on long and hostile texts. Prints percentiles and ratios.
//!
//!     cargo bench -p server --bench pages
//!
//! Set BENCH_DATABASE_URL=postgres://… to run the page benchmark on PostgreSQL.

use app::{domain::diff, server::Config};
use axum::{body::Body, http::Request};
use leptos::config::LeptosOptions;
use std::{
    collections::HashMap,
    time::{Duration, Instant},
};
use tower::ServiceExt;

const RUNS: usize = 200;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

struct Summary {
    p50: Duration,
    p95: Duration,
    p99: Duration,
}

fn summarise(name: &str, mut samples: Vec<Duration>) -> Summary {
    samples.sort();
    let s = Summary {
        p50: percentile(&samples, 0.50),
        p95: percentile(&samples, 0.95),
        p99: percentile(&samples, 0.99),
    };
    println!(
        "{name:<58} p50 {:>8.2} ms   p95 {:>8.2} ms   p99 {:>8.2} ms   (n={})",
        s.p50.as_secs_f64() * 1e3,
        s.p95.as_secs_f64() * 1e3,
        s.p99.as_secs_f64() * 1e3,
        samples.len()
    );
    s
}

async fn time_page(router: &axum::Router, path: &str, runs: usize) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let request = Request::get(path).body(Body::empty()).unwrap();
        let start = Instant::now();
        let response = router.clone().oneshot(request).await.unwrap();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        samples.push(start.elapsed());
        assert!(body.len() > 1000);
    }
    samples
}

async fn seed_busy_statement(
    db: &app::server::Db,
    reference: &str,
    revisions: usize,
    comments: usize,
) {
    let pool = &db.pool;
    let statement: i64 = sqlx::query_scalar("SELECT id FROM statements WHERE reference = $1")
        .bind(reference)
        .fetch_one(pool)
        .await
        .unwrap();
    let author: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'participant@example.org'")
            .fetch_one(pool)
            .await
            .unwrap();
    let now = app::server::clock::now();
    let round: i64 = sqlx::query_scalar(
        "INSERT INTO rounds (framework_id, title, introduction, opens_at, closes_at, created_at) \
         SELECT framework_id, 'Bench round', '', $1, $2, $1 FROM statements WHERE id = $3 RETURNING id",
    )
    .bind(now - 3600)
    .bind(now + 86400)
    .bind(statement)
    .fetch_one(pool)
    .await
    .unwrap();
    let mut revision_ids = vec![];
    for n in 0..revisions {
        let body = format!(
            "I'm able to spend time with the people important to me, draft {n}, when and where I choose."
        );
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO statement_revisions (statement_id, body, note, created_at) VALUES ($1, $2, 'bench', $3) RETURNING id",
        )
        .bind(statement)
        .bind(body)
        .bind(now)
        .fetch_one(pool)
        .await
        .unwrap();
        revision_ids.push(id);
    }
    sqlx::query("UPDATE statements SET latest_revision_id = $1 WHERE id = $2")
        .bind(*revision_ids.last().unwrap())
        .bind(statement)
        .execute(pool)
        .await
        .unwrap();
    for n in 0..comments {
        let revision = revision_ids[n % revision_ids.len()];
        // Quote "people important to" (characters 33..52 of every bench draft).
        sqlx::query(
            "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, passage_start, passage_end, quote, \
               knowledge, visibility, created_at, updated_at, submission_key) \
             VALUES ($1, $2, $3, $4, $5, 33, 52, 'people important to', 'lived_experience', $6, $7, $7, $8)",
        )
        .bind(statement)
        .bind(revision)
        .bind(round)
        .bind(author)
        .bind(format!("Comment number {n}: friends matter as much as family, and so does where we meet."))
        .bind(if n % 3 == 0 { "anonymous" } else { "named" })
        .bind(now)
        .bind(format!("bench-{n}"))
        .execute(pool)
        .await
        .unwrap();
    }
}

async fn page_benchmarks() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite:{}", dir.path().join("bench.db").display()));
    let vars = HashMap::from([
        ("DATABASE_URL".to_owned(), database_url.clone()),
        (
            "OUR_WORDS_DATA_DIR".to_owned(),
            dir.path().display().to_string(),
        ),
        ("OUR_WORDS_DEMO_DATA".to_owned(), "1".to_owned()),
    ]);
    let config = Config::from_map(&vars).unwrap();
    let state = server::build_state(
        config,
        LeptosOptions::builder().output_name("our-words").build(),
    )
    .await
    .unwrap();
    seed_busy_statement(&state.db, "CI-1", 30, 300).await;
    let router = server::router(state);
    let backend = if database_url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    println!(
        "\nStatement page through the real router ({backend}, {RUNS} runs each, after 20 warm-up runs)"
    );
    let busy = "/frameworks/national-care-service-demo/statements/CI-1";
    let quiet = "/frameworks/national-care-service-demo/statements/CI-2";
    time_page(&router, busy, 20).await;
    time_page(&router, quiet, 20).await;
    let busy_summary = summarise(
        "CI-1: 30 revisions, 300 comments",
        time_page(&router, busy, RUNS).await,
    );
    let quiet_summary = summarise(
        "CI-2: 1 revision, no comments",
        time_page(&router, quiet, RUNS).await,
    );
    let history = summarise(
        "CI-1 history (30 drafts, word diff)",
        time_page(&router, &format!("{busy}/history"), RUNS).await,
    );
    let framework = summarise(
        "Framework page (14 statements)",
        time_page(&router, "/frameworks/national-care-service-demo", RUNS).await,
    );
    println!(
        "Ratio busy/quiet statement page: p50 {:.1}x, p95 {:.1}x (the query count is the same: the difference is rendering 300 comments)",
        busy_summary.p50.as_secs_f64() / quiet_summary.p50.as_secs_f64(),
        busy_summary.p95.as_secs_f64() / quiet_summary.p95.as_secs_f64()
    );
    let _ = (history, framework);
}

fn words(n: usize, seed: u64, vocabulary: &[&str]) -> Vec<String> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            vocabulary[(x % vocabulary.len() as u64) as usize].to_owned()
        })
        .collect()
}

fn edited(original: &[String], every: usize) -> String {
    original
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i % every == 0 {
                format!("{w}x")
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn diff_benchmarks() {
    let prose: Vec<&str> = "I am able to spend time with people who are important to me and I choose where I live who I live with and how my support is planned around what matters in my life".split(' ').collect();
    let hostile: Vec<&str> = "a b c d e f g h i j k l m n o p q r s t"
        .split(' ')
        .collect();
    println!(
        "\nWord diffs ({} runs each for short texts, 20 for long ones)",
        RUNS
    );
    let statement_old = "I'm able to spend time with people important to me.";
    let statement_new = "I'm able to see the people important to me, when I want.";
    let mut samples = vec![];
    for _ in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(diff::word_diff(statement_old, statement_new));
        samples.push(start.elapsed());
    }
    summarise("One I statement, a few words changed", samples);
    for (label, count, every, vocabulary) in [
        (
            "3,000 words of prose, 5% of words edited",
            3_000,
            20,
            &prose,
        ),
        (
            "3,000 words of prose, 30% of words edited",
            3_000,
            3,
            &prose,
        ),
        (
            "20,000 words of prose, 5% of words edited",
            20_000,
            20,
            &prose,
        ),
        (
            "20,000 words from a 20-word vocabulary, 5% edited",
            20_000,
            20,
            &hostile,
        ),
    ] {
        let original = words(count, 42, vocabulary);
        let old = original.join(" ");
        let new = edited(&original, every);
        let mut samples = vec![];
        let mut coarse = false;
        let mut similarity = 0.0;
        for _ in 0..20 {
            let start = Instant::now();
            let d = diff::word_diff(&old, &new);
            samples.push(start.elapsed());
            coarse = d.coarse;
            similarity = diff::similarity(&d);
        }
        summarise(label, samples);
        println!(
            "{:<58} equal share {:.2}{}",
            "",
            similarity,
            if coarse {
                ", fell back to the sentence-first diff"
            } else {
                ""
            }
        );
    }
}

fn main() {
    diff_benchmarks();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(page_benchmarks());
}
