//! Checks that guard a write run inside that write's transaction, so two people acting at
//! the same moment cannot both pass a check that only one of them should. Each test runs
//! the two sides concurrently, several times over; on PostgreSQL at READ COMMITTED a
//! check made before the write (or without a lock) lets both through.

use crate::{
    comments::{comment, open_round, today_plus},
    on_both_databases,
    support::TestApp,
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const ATTEMPTS: usize = 6;

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.scalar("SELECT id FROM users WHERE email = $1", email)
        .await
}

on_both_databases! {
    async fn two_admins_removing_each_others_admin_role_at_once_leave_one_admin(app) {
        let mut first = app.visitor();
        first.sign_in_as("admin@example.org").await;
        let first_id = user_id(&app, "admin@example.org").await;
        let second_id = user_id(&app, "editor@example.org").await;
        let mut second = app.visitor();
        second.sign_in_as("editor@example.org").await;
        for _ in 0..ATTEMPTS {
            // Both are admins again before each attempt.
            let promoted = first
                .post(&format!("/admin/people/{second_id}"), &[("action", "roles"), ("editor", "yes"), ("admin", "yes")])
                .await;
            assert_eq!(promoted.status, StatusCode::SEE_OTHER, "{}", promoted.text());
            let (second_page, first_page) = (format!("/admin/people/{second_id}"), format!("/admin/people/{first_id}"));
            let first_drops_second = first.post(&second_page, &[("action", "roles"), ("editor", "yes")]);
            let second_drops_first = second.post(&first_page, &[("action", "roles")]);
            let (a, b) = tokio::join!(first_drops_second, second_drops_first);
            let done = [a.status, b.status].iter().filter(|s| **s == StatusCode::SEE_OTHER).count();
            assert_eq!(done, 1, "exactly one of the two changes is made: {} / {}", a.status, b.status);
            let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE is_admin = 1")
                .fetch_one(&app.state.db.pool)
                .await
                .unwrap();
            assert_eq!(admins, 1, "someone is still an admin");
            // Whoever is left makes the other an admin again (the first, in this order).
            if a.status != StatusCode::SEE_OTHER {
                let restored = second
                    .post(&format!("/admin/people/{first_id}"), &[("action", "roles"), ("admin", "yes")])
                    .await;
                assert_eq!(restored.status, StatusCode::SEE_OTHER);
            }
        }
    }

    async fn two_overlapping_rounds_opened_at_once_make_one_round(app) {
        let mut first = app.visitor();
        first.sign_in_as("editor@example.org").await;
        let mut second = app.visitor();
        second.sign_in_as("editor@example.org").await;
        for attempt in 0..ATTEMPTS as i64 {
            // Each attempt a week further on, so attempts never overlap each other.
            let (opens, closes) = (today_plus(7 * attempt), today_plus(7 * attempt + 3));
            let round = |title: &'static str| {
                vec![("action", "create"), ("title", title), ("introduction", ""), ("opens", opens.as_str()), ("closes", closes.as_str())]
            };
            let (one, two) = (round("From the first editor"), round("From the second editor"));
            let path = format!("{FRAMEWORK}/rounds");
            let (a, b) = tokio::join!(first.post(&path, &one), second.post(&path, &two));
            let refused = if a.status == StatusCode::SEE_OTHER { &b } else { &a };
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{} / {}", a.status, b.status);
            assert!(refused.text().contains("These dates overlap another round."));
        }
        let rounds = app.scalar("SELECT COUNT(*) FROM rounds WHERE title LIKE $1", "From the %").await;
        assert_eq!(rounds, ATTEMPTS as i64, "one round per attempt, never two");
    }

    async fn an_answer_changed_while_publishing_is_either_in_the_version_or_refused(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("body", "Say friends too.")]).await;
        let comment_id = app.scalar("SELECT id FROM comments WHERE body = $1", "Say friends too.").await;
        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let list = format!("{FRAMEWORK}/rounds/{round}/comments");
        let (outcome, reason) = (format!("outcome-{comment_id}"), format!("reason-{comment_id}"));
        let id = comment_id.to_string();
        let first = editor.post(&list, &[("comment_id", &id), (&outcome, "noted"), (&reason, "First answer.")]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        let closed = editor.post(&format!("{FRAMEWORK}/rounds"), &[("action", "close"), ("round_id", &round.to_string())]).await;
        assert_eq!(closed.status, StatusCode::SEE_OTHER);

        let mut publisher = app.visitor();
        publisher.sign_in_as("editor@example.org").await;
        let publish = format!("{FRAMEWORK}/publish");
        let second_answer = [("comment_id", id.as_str()), (&outcome, "noted"), (&reason, "Second answer.")];
        let (answered, published) = tokio::join!(
            editor.post(&list, &second_answer),
            publisher.post(&publish, &[("summary", "Version one")]),
        );
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        let stored: String = sqlx::query_scalar("SELECT reason FROM responses WHERE comment_id = $1")
            .bind(comment_id)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        // The email is written when it is sent, from what the version recorded.
        app::server::outbox::drain_once(&app.state).await.unwrap();
        let email = app
            .smtp()
            .messages()
            .into_iter()
            .find(|m| m.recipients == ["participant@example.org"] && m.text_body().contains("Why: "))
            .expect("the participant's email was sent")
            .text_body();
        // What the person is told in their email is what the published version says.
        assert!(email.contains(&format!("Why: {stored}")), "stored {stored:?}, emailed:\n{email}");
        if answered.status == StatusCode::SEE_OTHER {
            assert_eq!(stored, "Second answer.", "an answer accepted before the version is in it");
        } else {
            assert_eq!(answered.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(answered.text().contains("has been published in a version"), "{}", answered.text());
            assert_eq!(stored, "First answer.");
        }
    }
}
