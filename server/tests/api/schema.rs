//! What the schema itself guarantees: it refuses words the code never writes (migration
//! 0006), and a database from before that migration upgrades in place keeping every row
//! and every link between them.

use crate::{
    html::table_cell,
    on_both_databases,
    support::{Backend, TestApp},
};
use app::server::Db;
use sqlx::{AnyPool, Executor, any::AnyPoolOptions, migrate::Migrator};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// The last migration before the CHECK constraints.
const BEFORE_CHECKS: i64 = 5;

async fn scalar(pool: &AnyPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// A round on the demo framework, and a comment in it on the first demo statement.
async fn a_comment(app: &TestApp) -> (i64, i64) {
    let pool = &app.state.db.pool;
    let round: i64 = sqlx::query_scalar(
        "INSERT INTO rounds (framework_id, title, opens_at, closes_at, created_at) \
         SELECT id, 'A round', 0, 1, 0 FROM frameworks ORDER BY id LIMIT 1 RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let comment: i64 = sqlx::query_scalar(
        "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, \
           knowledge, visibility, created_at, updated_at, submission_key) \
         SELECT s.id, s.latest_revision_id, $1, (SELECT MIN(id) FROM users), 'Words', \
           'practice', 'named', 0, 0, 'schema-test' \
         FROM statements s ORDER BY s.id LIMIT 1 RETURNING id",
    )
    .bind(round)
    .fetch_one(pool)
    .await
    .unwrap();
    (round, comment)
}

on_both_databases! {
    async fn the_database_refuses_a_comment_visibility_or_knowledge_the_code_never_writes(app) {
        let (_, comment) = a_comment(&app).await;
        let pool = &app.state.db.pool;
        let set = |column: &'static str, value: &'static str| {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE comments SET {column} = $1 WHERE id = $2"
            )))
            .bind(value)
            .bind(comment)
            .execute(pool)
        };
        let error = set("visibility", "public").await.unwrap_err().to_string();
        assert!(error.contains("comments_visibility_known"), "{error}");
        let error = set("knowledge", "").await.unwrap_err().to_string();
        assert!(error.contains("comments_knowledge_known"), "{error}");
        set("visibility", "policy_team").await.expect("a visibility the code writes");
        set("knowledge", "lived_experience").await.expect("a knowledge the code writes");
    }

    async fn the_database_refuses_a_response_outcome_the_code_never_writes(app) {
        let (_, comment) = a_comment(&app).await;
        let answer = |outcome: &'static str| {
            sqlx::query(
                "INSERT INTO responses (comment_id, outcome, reason, created_at, updated_at) \
                 VALUES ($1, $2, 'Because', 0, 0)",
            )
            .bind(comment)
            .bind(outcome)
            .execute(&app.state.db.pool)
        };
        let error = answer("accepted").await.unwrap_err().to_string();
        assert!(error.contains("responses_outcome_known"), "{error}");
        answer("not_incorporated").await.expect("an outcome the code writes");
    }
}

/// A database made for one test, migrated by hand; PostgreSQL's is dropped afterwards.
struct Scratch {
    url: String,
    backend: Backend,
    _dir: tempfile::TempDir,
    pg_database: Option<String>,
}

fn postgres_server_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

async fn postgres_admin(sql: String) {
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(&format!("{}/postgres", postgres_server_url()))
        .await
        .expect("PostgreSQL must be running for these tests (see README)");
    pool.execute(sqlx::AssertSqlSafe(sql)).await.unwrap();
    pool.close().await;
}

impl Scratch {
    async fn new(backend: Backend) -> Self {
        sqlx::any::install_default_drivers();
        let dir = tempfile::tempdir().unwrap();
        match backend {
            Backend::Sqlite => Self {
                url: format!("sqlite:{}", dir.path().join("old.db").display()),
                backend,
                _dir: dir,
                pg_database: None,
            },
            Backend::Postgres => {
                let mut bytes = [0u8; 8];
                getrandom::fill(&mut bytes).unwrap();
                let name = format!("our_words_upgrade_{}", hex::encode(bytes));
                postgres_admin(format!("CREATE DATABASE {name}")).await;
                Self {
                    url: format!("{}/{name}", postgres_server_url()),
                    backend,
                    _dir: dir,
                    pg_database: Some(name),
                }
            }
        }
    }

    /// A pool on the database as an older release of the app would have left it:
    /// migrated up to `version`, with foreign keys enforced as the app enforces them.
    async fn migrated_to(&self, version: i64) -> AnyPool {
        let (url, migrator) = match self.backend {
            Backend::Sqlite => (format!("{}?mode=rwc", self.url), &SQLITE_MIGRATIONS),
            Backend::Postgres => (self.url.clone(), &POSTGRES_MIGRATIONS),
        };
        let sqlite = matches!(self.backend, Backend::Sqlite);
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .unwrap();
        migrator.run_to(version, &pool).await.unwrap();
        pool
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some(name) = self.pg_database.take() {
            // Drop cannot await and this test's runtime is blocked here: drop the
            // database from a short-lived runtime on its own thread.
            std::thread::spawn(move || {
                tokio::runtime::Runtime::new()
                    .unwrap()
                    .block_on(postgres_admin(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
            })
            .join()
            .ok();
        }
    }
}

async fn insert(pool: &AnyPool, sql: &'static str, binds: &[i64]) -> i64 {
    let mut query = sqlx::query_scalar(sql);
    for bind in binds {
        query = query.bind(*bind);
    }
    query.fetch_one(pool).await.unwrap()
}

/// A person, and framework `f` with statement HL-1 and its first draft: `(person,
/// framework, statement, draft)`.
async fn a_statement(pool: &AnyPool) -> (i64, i64, i64, i64) {
    let author = insert(
        pool,
        "INSERT INTO users (email, display_name, created_at) VALUES ('a@example.org', 'A', 0) \
         RETURNING id",
        &[],
    )
    .await;
    let framework = insert(
        pool,
        "INSERT INTO frameworks (slug, title, created_at) VALUES ('f', 'F', 0) RETURNING id",
        &[],
    )
    .await;
    let theme = insert(
        pool,
        "INSERT INTO themes (framework_id, code, title, position) VALUES ($1, 'HL', 'Home', 1) \
         RETURNING id",
        &[framework],
    )
    .await;
    let statement = insert(
        pool,
        "INSERT INTO statements (framework_id, theme_id, reference, position, created_at) \
         VALUES ($1, $2, 'HL-1', 1, 0) RETURNING id",
        &[framework, theme],
    )
    .await;
    let first = insert(
        pool,
        "INSERT INTO statement_revisions (statement_id, body, created_at) \
         VALUES ($1, 'I live at home.', 0) RETURNING id",
        &[statement],
    )
    .await;
    (author, framework, statement, first)
}

/// Comments with an answer that links a draft, and emails with their attempts: a row
/// in every table migration 0006 rebuilds on SQLite, linked as the app links them.
async fn fill(pool: &AnyPool) {
    let (author, framework, statement, first) = a_statement(pool).await;
    let second = insert(
        pool,
        "INSERT INTO statement_revisions (statement_id, body, created_at) \
         VALUES ($1, 'I live in a place I call home.', 1) RETURNING id",
        &[statement],
    )
    .await;
    let round = insert(
        pool,
        "INSERT INTO rounds (framework_id, title, opens_at, closes_at, created_at) \
         VALUES ($1, 'First round', 0, 1, 0) RETURNING id",
        &[framework],
    )
    .await;
    let named = insert(
        pool,
        "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, \
           knowledge, visibility, created_at, updated_at, submission_key) \
         VALUES ($1, $2, $3, $4, 'Say home.', 'lived_experience', 'named', 0, 0, 'k1') \
         RETURNING id",
        &[statement, first, round, author],
    )
    .await;
    insert(
        pool,
        "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, \
           passage_start, passage_end, quote, suggestion, knowledge, visibility, created_at, \
           updated_at, withdrawn_at, submission_key) \
         VALUES ($1, $2, $3, $4, 'Quietly.', 2, 6, 'live', 'stay', 'practice', 'policy_team', \
           0, 0, 5, 'k2') RETURNING id",
        &[statement, first, round, author],
    )
    .await;
    let response = insert(
        pool,
        "INSERT INTO responses (comment_id, editor_id, outcome, reason, created_at, updated_at) \
         VALUES ($1, $2, 'partly', 'We said home.', 0, 0) RETURNING id",
        &[named, author],
    )
    .await;
    insert(
        pool,
        "INSERT INTO response_revisions (response_id, revision_id) VALUES ($1, $2) \
         RETURNING response_id",
        &[response, second],
    )
    .await;
    let sent = insert(
        pool,
        "INSERT INTO outbox (dedupe_key, recipient, subject, text_body, batch, status, \
           attempts, next_attempt_at, created_at, sent_at) \
         VALUES ('publication:1:user:1', 'a@example.org', 'S', 'T', 'publication:1', 'sent', \
           2, 0, 0, 9) RETURNING id",
        &[],
    )
    .await;
    let failed = insert(
        pool,
        "INSERT INTO outbox (dedupe_key, recipient, subject, text_body, html_body, batch, \
           status, attempts, next_attempt_at, last_error, created_at) \
         VALUES ('publication:1:user:2', 'b@example.org', 'S', 'T', '<p>T</p>', \
           'publication:1', 'failed', 1, 0, '550 no such mailbox', 0) RETURNING id",
        &[],
    )
    .await;
    insert(
        pool,
        "INSERT INTO outbox_attempts (outbox_id, at, outcome, detail) \
         VALUES ($1, 1, 'interrupted', 'worker stopped') RETURNING id",
        &[sent],
    )
    .await;
    insert(
        pool,
        "INSERT INTO outbox_attempts (outbox_id, at, outcome) VALUES ($1, 2, 'sent') \
         RETURNING id",
        &[sent],
    )
    .await;
    insert(
        pool,
        "INSERT INTO outbox_attempts (outbox_id, at, outcome, detail) \
         VALUES ($1, 3, 'permanent_failure', '550') RETURNING id",
        &[failed],
    )
    .await;
}

#[derive(Debug, PartialEq, sqlx::FromRow)]
struct CommentRow {
    id: i64,
    statement_id: i64,
    revision_id: i64,
    round_id: i64,
    author_id: i64,
    body: String,
    passage_end: Option<i64>,
    quote: Option<String>,
    suggestion: Option<String>,
    knowledge: String,
    visibility: String,
    withdrawn_at: Option<i64>,
    submission_key: String,
}

type Linked = (String, String, String, i64, String);
type OutboxRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    i64,
    Option<String>,
    Option<i64>,
);
type Attempt = (i64, String, i64, String, String);

/// Every column the upgrade must carry over, and the links between the rows.
#[derive(Debug, PartialEq)]
struct Snapshot {
    comments: Vec<CommentRow>,
    linked: Vec<Linked>,
    outbox: Vec<OutboxRow>,
    attempts: Vec<Attempt>,
}

async fn snapshot(pool: &AnyPool) -> Snapshot {
    Snapshot {
        comments: sqlx::query_as(
            "SELECT id, statement_id, revision_id, round_id, author_id, body, passage_end, \
               quote, suggestion, knowledge, visibility, withdrawn_at, submission_key \
             FROM comments ORDER BY id",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        // Answer → comment and answer → draft, through the foreign keys.
        linked: sqlx::query_as(
            "SELECT c.submission_key, r.outcome, r.reason, rr.revision_id, s.body \
             FROM response_revisions rr \
             JOIN responses r ON r.id = rr.response_id \
             JOIN comments c ON c.id = r.comment_id \
             JOIN statement_revisions s ON s.id = rr.revision_id \
             ORDER BY c.id",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        outbox: sqlx::query_as(
            "SELECT id, dedupe_key, recipient, html_body, batch, status, attempts, \
               last_error, sent_at \
             FROM outbox ORDER BY id",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        attempts: sqlx::query_as(
            "SELECT a.id, o.dedupe_key, a.at, a.outcome, a.detail \
             FROM outbox_attempts a JOIN outbox o ON o.id = a.outbox_id ORDER BY a.id",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    }
}

/// The indexes the rebuilt tables must keep, by name.
const INDEXES: [&str; 15] = [
    "comments_by_statement",
    "comments_by_author",
    "comments_by_round_group",
    "comments_by_round_knowledge",
    "comments_by_event",
    "comments_by_participant",
    "comments_by_earlier",
    "response_revisions_by_revision",
    "outbox_due",
    "outbox_leases",
    "outbox_by_batch",
    "outbox_attempts_by_message",
    "comment_reports_queue",
    "comment_reports_by_comment",
    "moderation_actions_by_comment",
];

async fn index_names(db: &Db) -> Vec<String> {
    let sql = match db.backend {
        app::server::db::Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'index'",
        app::server::db::Backend::Postgres => {
            "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'"
        }
    };
    sqlx::query_scalar(sql).fetch_all(&db.pool).await.unwrap()
}

async fn upgrades_in_place_keeping_every_row_and_link(backend: Backend) {
    let scratch = Scratch::new(backend).await;
    let old = scratch.migrated_to(BEFORE_CHECKS).await;
    fill(&old).await;
    let before = snapshot(&old).await;
    assert_eq!(
        (
            before.comments.len(),
            before.linked.len(),
            before.outbox.len(),
            before.attempts.len()
        ),
        (2, 1, 2, 3),
        "the fixture filled every table"
    );
    old.close().await;

    // The app's own start-up: connect with foreign keys on, and migrate.
    let db = Db::connect(&scratch.url).await.unwrap();
    let newest = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
    .iter()
    .map(|m| m.version)
    .max();
    assert!(newest >= Some(13), "the migrations are all there");
    assert_eq!(
        Some(scalar(&db.pool, "SELECT MAX(version) FROM _sqlx_migrations").await),
        newest,
        "every migration ran, 0008's second rebuild of the comments table included"
    );
    assert_eq!(snapshot(&db.pool).await, before);

    let indexes = index_names(&db).await;
    for name in INDEXES {
        assert!(indexes.iter().any(|i| i == name), "{name} in {indexes:?}");
    }
    if db.backend == app::server::db::Backend::Sqlite {
        let dangling: Vec<String> =
            sqlx::query_scalar("SELECT \"table\" FROM pragma_foreign_key_check")
                .fetch_all(&db.pool)
                .await
                .unwrap();
        assert!(dangling.is_empty(), "{dangling:?}");
        assert_eq!(
            scalar(
                &db.pool,
                "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%\\_new' ESCAPE '\\'"
            )
            .await,
            0,
            "no half-renamed table is left behind"
        );
    }

    // The foreign keys still point at the rebuilt tables and still act.
    let orphan = sqlx::query(
        "INSERT INTO responses (comment_id, outcome, reason, created_at, updated_at) \
         VALUES (987654, 'noted', 'No such comment', 0, 0)",
    )
    .execute(&db.pool)
    .await;
    assert!(orphan.is_err(), "an answer to no comment is refused");
    sqlx::query("DELETE FROM outbox WHERE dedupe_key = 'publication:1:user:1'")
        .execute(&db.pool)
        .await
        .unwrap();
    assert_eq!(
        scalar(&db.pool, "SELECT COUNT(*) FROM outbox_attempts").await,
        1,
        "deleting an email still deletes its attempts"
    );
    db.pool.close().await;
}

#[tokio::test]
async fn a_database_from_before_the_checks_upgrades_in_place_keeping_every_row_and_link_on_sqlite()
{
    upgrades_in_place_keeping_every_row_and_link(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_database_from_before_the_checks_upgrades_in_place_keeping_every_row_and_link_on_postgres()
 {
    upgrades_in_place_keeping_every_row_and_link(Backend::Postgres).await;
}

async fn refuses_to_upgrade_a_database_holding_an_unknown_word(backend: Backend) {
    let scratch = Scratch::new(backend).await;
    let old = scratch.migrated_to(BEFORE_CHECKS).await;
    fill(&old).await;
    sqlx::query("UPDATE comments SET visibility = 'public' WHERE submission_key = 'k2'")
        .execute(&old)
        .await
        .unwrap();
    let before = snapshot(&old).await;
    old.close().await;

    let error = Db::connect(&scratch.url).await.unwrap_err().to_string();
    assert!(error.contains("comments_visibility_known"), "{error}");

    // The failed migration rolled back whole: still at 5, every row where it was.
    let old = scratch.migrated_to(BEFORE_CHECKS).await;
    assert_eq!(
        scalar(&old, "SELECT MAX(version) FROM _sqlx_migrations").await,
        BEFORE_CHECKS
    );
    assert_eq!(snapshot(&old).await, before);
    old.close().await;
}

#[tokio::test]
async fn a_database_holding_a_word_the_code_never_writes_is_left_as_it_was_on_sqlite() {
    refuses_to_upgrade_a_database_holding_an_unknown_word(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_database_holding_a_word_the_code_never_writes_is_left_as_it_was_on_postgres() {
    refuses_to_upgrade_a_database_holding_an_unknown_word(Backend::Postgres).await;
}

/// The last migration before versions kept their comments' counts (0015).
const BEFORE_REPORT_COUNTS: i64 = 14;

/// A comment in `round` on `statement`'s first draft, with its answer.
struct Said<'a> {
    body: &'a str,
    knowledge: &'a str,
    visibility: &'a str,
    /// The group of alike comments it is in, grouping having looked at it; `None`:
    /// grouping has not looked at it yet.
    group: Option<Option<i64>>,
    answer: (&'a str, &'a str),
}

async fn said(
    pool: &AnyPool,
    (round, statement, revision, author): (i64, i64, i64, i64),
    n: usize,
    c: Said<'_>,
) {
    let comment: i64 = sqlx::query_scalar(
        "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, \
           knowledge, visibility, created_at, updated_at, submission_key, alike_group_id, \
           alike_considered) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, $8, $9, $10) RETURNING id",
    )
    .bind(statement)
    .bind(revision)
    .bind(round)
    .bind(author)
    .bind(c.body)
    .bind(c.knowledge)
    .bind(c.visibility)
    .bind(format!("upgrade-{round}-{n}"))
    .bind(c.group.flatten())
    .bind(i64::from(c.group.is_some()))
    .fetch_one(pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO responses (comment_id, editor_id, outcome, reason, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 0, 0)",
    )
    .bind(comment)
    .bind(author)
    .bind(c.answer.0)
    .bind(c.answer.1)
    .execute(pool)
    .await
    .unwrap();
}

/// Two versions of framework `f` published by an older release, each answering a round
/// on HL-1: in version 1, a campaign grouped as it was saved (two people with lived
/// experience and one from practice, answered alike), a policy-team-only comment and
/// a withdrawn one; in version 2, three copies of a campaign grouping never looked at
/// (saved before grouping existed).
async fn two_published_versions(pool: &AnyPool) {
    let (author, framework, statement, revision) = a_statement(pool).await;
    let mut rounds = Vec::new();
    for version in 1..=2 {
        let round = insert(
            pool,
            "INSERT INTO rounds (framework_id, title, opens_at, closes_at, created_at) \
             VALUES ($1, 'A round', $2, $2 + 1, 0) RETURNING id",
            &[framework, version * 10],
        )
        .await;
        let publication = insert(
            pool,
            "INSERT INTO publications (framework_id, version, summary, round_id, published_by, \
               published_at) VALUES ($1, $2, 'A version.', $3, $4, $5) RETURNING id",
            &[framework, version, round, author, version * 10 + 2],
        )
        .await;
        insert(
            pool,
            "UPDATE rounds SET publication_id = $1 WHERE id = $2 RETURNING id",
            &[publication, round],
        )
        .await;
        insert(
            pool,
            "INSERT INTO publication_statements (publication_id, statement_id, theme_code, \
               theme_title, theme_position, position, reference, revision_id, body) \
             VALUES ($1, $2, 'HL', 'Home', 1, 1, 'HL-1', $3, 'I live at home.') \
             RETURNING publication_id",
            &[publication, statement, revision],
        )
        .await;
        rounds.push(round);
    }
    let first = (rounds[0], statement, revision, author);
    let group = insert(
        pool,
        "INSERT INTO alike_groups (round_id, statement_id, created_at) VALUES ($1, $2, 0) \
         RETURNING id",
        &[rounds[0], statement],
    )
    .await;
    let thanks = ("noted", "Thank you.");
    let campaign = crate::alike::campaign("Alice Brown");
    for (n, knowledge) in ["lived_experience", "practice", "lived_experience"]
        .into_iter()
        .enumerate()
    {
        let c = Said {
            body: &campaign,
            knowledge,
            visibility: "named",
            group: Some(Some(group)),
            answer: thanks,
        };
        said(pool, first, n, c).await;
    }
    let private = Said {
        body: "Quietly.",
        knowledge: "practice",
        visibility: "policy_team",
        group: Some(None),
        answer: thanks,
    };
    said(pool, first, 3, private).await;
    let withdrawn = Said {
        body: "Never mind.",
        knowledge: "practice",
        visibility: "named",
        group: Some(None),
        answer: thanks,
    };
    said(pool, first, 4, withdrawn).await;
    insert(
        pool,
        "UPDATE comments SET withdrawn_at = 1 WHERE body = 'Never mind.' RETURNING id",
        &[],
    )
    .await;
    let second = (rounds[1], statement, revision, author);
    for (n, name) in ["Jo Smith", "Priya Patel", "Mohammed Khan"]
        .into_iter()
        .enumerate()
    {
        let copy = crate::alike::campaign(name);
        let c = Said {
            body: &copy,
            knowledge: "lived_experience",
            visibility: "named",
            group: None,
            answer: thanks,
        };
        said(pool, second, n, c).await;
    }
}

async fn a_version_published_before_its_counts_were_kept_reports_them(backend: Backend) {
    let scratch = Scratch::new(backend).await;
    let old = scratch.migrated_to(BEFORE_REPORT_COUNTS).await;
    two_published_versions(&old).await;
    old.close().await;

    // Upgraded and started as in production: migrated, then the round grouping never
    // looked at is grouped.
    let app = crate::support::spawn_app_on(&scratch.url).await;
    let mut visitor = app.visitor();
    let report = "/frameworks/f/versions/1/report";
    let page = visitor.get(report).await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    let text = page.text();
    assert!(
        text.contains("What 4 comments changed in version 1"),
        "the withdrawn one is not counted: {text}"
    );
    assert!(
        text.contains("Showing 1 comment."),
        "the campaign, once: {text}"
    );
    assert!(text.contains("and 2 others said the same"), "{text}");
    assert_eq!(
        table_cell(&page.body, "HL-1", "Noted").as_deref(),
        Some("4")
    );
    assert_eq!(
        table_cell(&page.body, "HL-1", "Only for the policy team").as_deref(),
        Some("1")
    );
    let practice = visitor
        .get(&format!("{report}?knowledge=practice"))
        .await
        .text();
    assert!(
        practice.contains("Showing 1 comment."),
        "the practice copy is first among practice: {practice}"
    );
    assert!(!practice.contains("said the same"), "{practice}");
    let lived = visitor
        .get(&format!(
            "{report}?knowledge=lived_experience&outcome=noted"
        ))
        .await
        .text();
    assert!(
        lived.contains("Showing 1 comment.") && lived.contains("and 1 other person said the same"),
        "{lived}"
    );

    let page = visitor.get("/frameworks/f/versions/2/report").await;
    let text = page.text();
    assert!(
        text.contains("What 3 comments changed in version 2"),
        "{text}"
    );
    assert!(
        text.contains("Showing 1 comment.") && text.contains("and 2 others said the same"),
        "copies grouped at start-up are shown as one campaign: {text}"
    );
}

#[tokio::test]
async fn a_version_published_before_its_counts_were_kept_reports_them_on_sqlite() {
    a_version_published_before_its_counts_were_kept_reports_them(Backend::Sqlite).await;
}

#[tokio::test]
async fn a_version_published_before_its_counts_were_kept_reports_them_on_postgres() {
    a_version_published_before_its_counts_were_kept_reports_them(Backend::Postgres).await;
}
