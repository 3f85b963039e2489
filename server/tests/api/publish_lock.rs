//! Publishing stays out of everyone's way (issue 11, part 3): a publish queues what each
//! person is owed and the worker writes each email when it sends it, so the write lock
//! is held briefly and people keep commenting and signing in while a big version goes
//! out; and everyone still gets exactly one email, with their own answer in it.

use crate::{
    comments::{comment, open_round},
    on_both_databases,
    publishing::{answer_all, close_round, consultation},
    support::TestApp,
};
use app::server::{
    demo::national::{self, National, Shape},
    outbox,
};
use axum::http::StatusCode;
use std::collections::HashMap;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const CONTRIBUTORS: usize = 2_000;

/// A crowd of `CONTRIBUTORS` people who each made one comment, loaded as the national
/// data set is (in bulk), its round closed and every comment answered: what a large
/// publish writes a version of.
async fn answered_crowd(app: &TestApp) -> National {
    let crowd = national::load(&app.state, &Shape::crowd(CONTRIBUTORS))
        .await
        .unwrap();
    national::close_and_answer_open_round(&app.state.db, &crowd)
        .await
        .unwrap();
    crowd
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
        let crowd = answered_crowd(&app).await;
        // People comment on the demo framework meanwhile (a framework with an open round
        // cannot publish).
        open_round(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as(&crowd.editor_email).await;
        let mut commenter = app.visitor();
        commenter.sign_in_as("commenter@example.org").await;
        let mut newcomer = app.visitor();

        let publish = format!("/frameworks/{}/publish", crowd.slug);
        let publishing = async {
            editor.post(&publish, &[("summary", "The big version")]).await
        };
        let meanwhile = async {
            // Let the publish start first, then write while it is under way. Whether it is
            // still under way when these arrive depends on the machine, so that is not
            // asserted (a short publish is the point); the benchmark reports the lock time.
            tokio::task::yield_now().await;
            let saved = comment(&mut commenter, CI1, &[("body", "Saved while a version was being published.")]).await;
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

        // Everyone who commented is owed exactly one email, and gets it, with their own
        // words and their own answer.
        let publication = app.scalar("SELECT MAX(id) FROM publications WHERE summary = $1", "The big version").await;
        let batch = outbox::publication_batch(publication);
        send_all(&app, &batch, CONTRIBUTORS as i64).await;
        let said: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT u.email, c.body, r.reason FROM comments c JOIN users u ON u.id = c.author_id \
             JOIN responses r ON r.comment_id = c.id WHERE c.round_id = $1",
        )
        .bind(crowd.open_round_id)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!(said.len(), CONTRIBUTORS, "one comment each, each answered");
        let mut to: HashMap<String, Vec<String>> = HashMap::new();
        for message in app.smtp().messages() {
            for recipient in &message.recipients {
                to.entry(recipient.clone()).or_default().push(message.text_body());
            }
        }
        for (email, body, reason) in &said {
            let received = to.get(email).map(Vec::as_slice).unwrap_or_default();
            assert_eq!(received.len(), 1, "{email} got one email, not {}", received.len());
            let text = &received[0];
            assert!(text.contains(body.as_str()), "their words:\n{text}");
            assert!(text.contains(&format!("Why: {reason}")), "their answer:\n{text}");
        }
        let domain = format!("@{}.example.org", crowd.slug);
        assert_eq!(
            to.keys().filter(|r| r.ends_with(&domain) && **r != crowd.editor_email).count(),
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
