//! Publishing stays out of everyone's way (issue 11, part 3): a publish queues what each
//! person is owed and the worker writes each email when it sends it, so the write lock
//! is held briefly and people keep commenting and signing in while a big version goes
//! out; and everyone still gets exactly one email, with their own answer in it.

use crate::{
    drafting::form_value,
    on_both_databases,
    publishing::{answer_all, close_round, consultation},
    support::TestApp,
};
use app::server::{clock, outbox};
use axum::http::StatusCode;
use std::collections::HashMap;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CONTRIBUTORS: i64 = 2_000;
const DOMAIN: &str = "crowd.example.org";

/// A closed round on the demo framework in which `CONTRIBUTORS` people each made one
/// comment, every one answered: what a large publish writes a version of. Bulk SQL, so
/// seeding takes a moment rather than thousands of requests.
async fn seed_answered_round(app: &TestApp) {
    let db = &app.state.db;
    let now = clock::now();
    let framework = app
        .scalar(
            "SELECT id FROM frameworks WHERE slug = $1",
            "national-care-service-demo",
        )
        .await;
    let editor = app
        .scalar(
            "SELECT id FROM users WHERE email = $1",
            "editor@example.org",
        )
        .await;
    let mut tx = db.begin_write().await.unwrap();
    let statements: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, latest_revision_id FROM statements WHERE framework_id = $1 AND retired_at IS NULL ORDER BY id",
    )
    .bind(framework)
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    let round: i64 = sqlx::query_scalar(
        "INSERT INTO rounds (framework_id, title, introduction, opens_at, closes_at, created_by, created_at) \
         VALUES ($1, 'Big round', 'Tell us.', $2, $3, $4, $2) RETURNING id",
    )
    .bind(framework)
    .bind(now - 30 * 86_400)
    .bind(now - 86_400)
    .bind(editor)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "WITH RECURSIVE seq(n) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT n + 1 FROM seq WHERE n < $1) \
         INSERT INTO users (email, display_name, created_at) \
         SELECT 'person' || n || '@crowd.example.org', 'Person ' || n, $2 FROM seq",
    )
    .bind(CONTRIBUTORS)
    .bind(now - 40 * 86_400)
    .execute(&mut *tx)
    .await
    .unwrap();
    for (k, (statement, revision)) in statements.iter().enumerate() {
        sqlx::query(
            "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, knowledge, \
               visibility, created_at, updated_at, submission_key) \
             SELECT $1, $2, $3, u.id, 'Comment from ' || u.display_name || '.', 'lived_experience', \
               'named', $4, $4, 'crowd-' || u.id \
             FROM users u WHERE u.email LIKE '%@crowd.example.org' AND u.id % $5 = $6",
        )
        .bind(*statement)
        .bind(*revision)
        .bind(round)
        .bind(now - 10 * 86_400)
        .bind(statements.len() as i64)
        .bind(k as i64)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO responses (comment_id, editor_id, outcome, reason, created_at, updated_at) \
         SELECT c.id, $2, 'noted', 'Reason for comment ' || c.id || '.', $3, $3 \
         FROM comments c WHERE c.round_id = $1",
    )
    .bind(round)
    .bind(editor)
    .bind(now - 7200)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// A second framework with one statement and a round open now, so people can comment
/// while the demo framework publishes (a framework with an open round cannot publish).
async fn open_second_framework(app: &TestApp) {
    let now = clock::now();
    let editor = app
        .scalar(
            "SELECT id FROM users WHERE email = $1",
            "editor@example.org",
        )
        .await;
    let mut tx = app.state.db.begin_write().await.unwrap();
    let framework: i64 = sqlx::query_scalar(
        "INSERT INTO frameworks (slug, title, created_at) VALUES ('second', 'Second framework', $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let theme: i64 = sqlx::query_scalar(
        "INSERT INTO themes (framework_id, code, title, position) VALUES ($1, 'S', 'Support', 1) RETURNING id",
    )
    .bind(framework)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let statement: i64 = sqlx::query_scalar(
        "INSERT INTO statements (framework_id, theme_id, reference, position, created_at) \
         VALUES ($1, $2, 'S-1', 1, $3) RETURNING id",
    )
    .bind(framework)
    .bind(theme)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let revision: i64 = sqlx::query_scalar(
        "INSERT INTO statement_revisions (statement_id, body, author_id, created_at) \
         VALUES ($1, 'I choose who supports me.', $2, $3) RETURNING id",
    )
    .bind(statement)
    .bind(editor)
    .bind(now)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    sqlx::query("UPDATE statements SET latest_revision_id = $1 WHERE id = $2")
        .bind(revision)
        .bind(statement)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO rounds (framework_id, title, introduction, opens_at, closes_at, created_by, created_at) \
         VALUES ($1, 'Open round', 'Tell us.', $2, $3, $4, $2)",
    )
    .bind(framework)
    .bind(now - 60)
    .bind(now + 14 * 86_400)
    .bind(editor)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Send everything queued (the app's own worker may be sending too: leases keep each
/// message to one of them) until the version's batch is all sent.
async fn send_all(app: &TestApp, batch: &str, expected: i64) {
    for _ in 0..200 {
        outbox::drain_once(&app.state).await.unwrap();
        let progress = outbox::batch_progress(&app.state.db, batch).await.unwrap();
        assert_eq!(progress.failed, 0, "{progress:?}");
        if progress.sent == expected {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the version's emails were not all sent");
}

on_both_databases! {
    async fn comments_and_sign_ins_are_saved_while_a_large_publish_runs(app) {
        seed_answered_round(&app).await;
        open_second_framework(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let mut commenter = app.visitor();
        commenter.sign_in_as("commenter@example.org").await;
        let form = commenter.get("/frameworks/second/statements/S-1/comment").await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.text());
        let comment = [
            ("revision_id", form_value(&form.body, "revision_id")),
            ("submission_key", form_value(&form.body, "submission_key")),
            ("passage", "whole".to_owned()),
            ("body", "Saved while a version was being published.".to_owned()),
            ("knowledge", "lived_experience".to_owned()),
            ("visibility", "named".to_owned()),
            ("action", "save".to_owned()),
        ];
        let comment: Vec<(&str, &str)> = comment.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut newcomer = app.visitor();

        let publish = format!("{FRAMEWORK}/publish");
        let publishing = async {
            editor.post(&publish, &[("summary", "The big version")]).await
        };
        let meanwhile = async {
            // Let the publish start first, then write while it is under way. Whether it is
            // still under way when these arrive depends on the machine, so that is not
            // asserted (a short publish is the point); the benchmark reports the lock time.
            tokio::task::yield_now().await;
            let saved = commenter.post("/frameworks/second/statements/S-1/comment", &comment).await;
            let signing_in = newcomer.post("/sign-in", &[("email", "newcomer@example.org")]).await;
            (saved, signing_in)
        };
        let (published, (saved, signing_in)) = tokio::join!(publishing, meanwhile);
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        assert_eq!(signing_in.status, StatusCode::SEE_OTHER, "{}", signing_in.text());
        assert_eq!(
            app.scalar("SELECT COUNT(*) FROM comments WHERE body = $1", "Saved while a version was being published.").await,
            1,
            "the comment was saved"
        );
        assert_eq!(
            app.scalar("SELECT COUNT(*) FROM sign_in_tokens WHERE email = $1", "newcomer@example.org").await,
            1,
            "the sign-in link was saved"
        );

        // Everyone who commented is owed exactly one email, and gets it, with their own answer.
        let publication = app.scalar("SELECT MAX(id) FROM publications WHERE summary = $1", "The big version").await;
        let batch = outbox::publication_batch(publication);
        send_all(&app, &batch, CONTRIBUTORS).await;
        let people: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT u.email, u.display_name, c.id FROM users u JOIN comments c ON c.author_id = u.id \
             WHERE u.email LIKE '%@crowd.example.org'",
        )
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!(people.len() as i64, CONTRIBUTORS);
        let mut to: HashMap<String, Vec<String>> = HashMap::new();
        for message in app.smtp().messages() {
            for recipient in &message.recipients {
                to.entry(recipient.clone()).or_default().push(message.text_body());
            }
        }
        for (email, name, comment) in &people {
            let received = to.get(email).map(Vec::as_slice).unwrap_or_default();
            assert_eq!(received.len(), 1, "{email} got one email, not {}", received.len());
            let text = &received[0];
            assert!(text.contains(name.as_str()), "addressed to {name}:\n{text}");
            assert!(text.contains(&format!("Comment from {name}.")), "their words:\n{text}");
            assert!(text.contains(&format!("Why: Reason for comment {comment}.")), "their answer:\n{text}");
        }
        assert_eq!(
            to.keys().filter(|r| r.ends_with(&format!("@{DOMAIN}"))).count() as i64,
            CONTRIBUTORS,
            "nobody else in the crowd was written to"
        );
        assert!(to.contains_key("newcomer@example.org"), "the sign-in link went out too");
    }
}

on_both_databases! {
    async fn an_email_that_cannot_be_written_at_send_time_fails_with_a_plain_reason_and_can_be_retried(app) {
        consultation(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        close_round(&app, &mut editor).await;
        answer_all(&app, &mut editor, "noted").await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "First version.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        // The participant's row loses whom it is for, as if it had been damaged.
        let damaged = sqlx::query("UPDATE outbox SET user_id = NULL WHERE recipient = $1")
            .bind("participant@example.org")
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(damaged.rows_affected(), 1);

        outbox::drain_once(&app.state).await.unwrap();
        let (status, error): (String, String) =
            sqlx::query_as("SELECT status, last_error FROM outbox WHERE recipient = $1")
                .bind("participant@example.org")
                .fetch_one(&app.state.db.pool)
                .await
                .unwrap();
        assert_eq!(status, "failed");
        assert_eq!(error, "the email could not be written: it names nobody to write to");
        let page = editor.get(&format!("{FRAMEWORK}/versions/1/outbox")).await.text();
        assert!(page.contains("1 of 2 emails sent"), "{page}");
        assert!(page.contains("Failed 1"), "{page}");
        assert!(
            !app.smtp().messages().iter().any(|m| m.recipients == ["participant@example.org"] && m.text_body().contains("Why: ")),
            "nothing half-written went out"
        );

        // Mended, "retry failed" sends it, written in full.
        let user = app.scalar("SELECT id FROM users WHERE email = $1", "participant@example.org").await;
        sqlx::query("UPDATE outbox SET user_id = $1 WHERE recipient = $2")
            .bind(user)
            .bind("participant@example.org")
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        let retried = editor.post(&format!("{FRAMEWORK}/versions/1/outbox"), &[]).await;
        assert_eq!(retried.status, StatusCode::SEE_OTHER, "{}", retried.text());
        outbox::drain_once(&app.state).await.unwrap();
        let to_participant: Vec<_> = app
            .smtp()
            .messages()
            .into_iter()
            .filter(|m| m.recipients == ["participant@example.org"] && m.text_body().contains("Why: "))
            .collect();
        assert_eq!(to_participant.len(), 1);
        assert!(to_participant[0].text_body().contains("Say friends, and when I want."));
        let page = editor.get(&format!("{FRAMEWORK}/versions/1/outbox")).await.text();
        assert!(page.contains("2 of 2 emails sent"), "{page}");
    }
}
