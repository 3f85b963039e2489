//! Rounds by the minute, not the day: a new round opens the moment an early-closed one
//! closed, and a round closed by mistake can be opened again while nothing has moved
//! on from it (no version has answered it, no round has opened since).

use crate::{
    comments::{comment, today_plus},
    html::{message_beside, summary_links},
    on_both_databases,
    support::{TestApp, TestResponse, Visitor},
    two_rounds::{close_round, open_round, publish},
};
use axum::http::StatusCode;

const ROUNDS: &str = "/frameworks/national-care-service-demo/rounds";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";

async fn reopen(editor: &mut Visitor<'_>, round: i64, until: &str) -> TestResponse {
    editor
        .post(
            ROUNDS,
            &[
                ("action", "reopen"),
                ("round_id", &round.to_string()),
                ("reopen_until", until),
            ],
        )
        .await
}

async fn round_of(app: &TestApp, body: &str) -> i64 {
    app.scalar("SELECT round_id FROM comments WHERE body = $1", body)
        .await
}

/// The "Open this round again" button for the round with this title.
fn offers_reopen(page: &TestResponse, title: &str) -> bool {
    page.text()
        .contains(&format!("Open this round again ({title})"))
}

on_both_databases! {
    async fn a_new_round_opens_the_moment_an_early_closed_round_closed(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let first = open_round(&mut editor, "First round").await;
        close_round(&mut editor, first).await;
        let second = open_round(&mut editor, "Second round").await;
        let page = editor.get(ROUNDS).await;
        assert!(page.text().contains("Open now: "), "{}", page.text());
        let closed_at = app.scalar("SELECT closes_at FROM rounds WHERE title = $1", "First round").await;
        let opened_at = app.scalar("SELECT opens_at FROM rounds WHERE title = $1", "Second round").await;
        assert_eq!(opened_at, closed_at, "the second opened the moment the first closed");

        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        let saved = comment(&mut sam, CI1, &[("body", "Into the second round.")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        assert_eq!(round_of(&app, "Into the second round.").await, second);

        // The closed round shows when it closed, to the minute.
        let text = page.text();
        assert!(text.contains("Closed: ") && text.contains("(UTC)"), "{text}");
        // Rounds still may not overlap: a third round over the second's days is refused.
        let overlapping = editor
            .post(ROUNDS, &[("action", "create"), ("title", "Third"), ("opens", &today_plus(0)), ("closes", &today_plus(3))])
            .await;
        assert_eq!(overlapping.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(message_beside(&overlapping.body, "opens").is_some_and(|m| m.starts_with("These dates overlap another round.")));
    }

    async fn a_round_closed_by_mistake_opens_again_until_its_new_closing_date(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let round = open_round(&mut editor, "First round").await;
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        comment(&mut sam, CI1, &[("body", "Before it closed.")]).await;
        close_round(&mut editor, round).await;
        assert_eq!(comment(&mut sam, CI1, &[("body", "While closed.")]).await.status, StatusCode::UNPROCESSABLE_ENTITY);

        let page = editor.get(ROUNDS).await;
        assert!(offers_reopen(&page, "First round"), "{}", page.text());
        assert!(!offers_reopen(&sam.get(ROUNDS).await, "First round"), "only editors are offered it");
        assert_eq!(reopen(&mut sam, round, &today_plus(7)).await.status, StatusCode::FORBIDDEN);

        let reopened = reopen(&mut editor, round, &today_plus(7)).await;
        assert_eq!(reopened.status, StatusCode::SEE_OTHER, "{}", reopened.text());
        let page = editor.get(reopened.location()).await;
        assert!(page.text().contains("The round is open again."));
        assert!(page.text().contains("Open now: "));
        assert!(!offers_reopen(&page, "First round"), "an open round is not offered again");

        let saved = comment(&mut sam, CI1, &[("body", "After it opened again.")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        assert_eq!(round_of(&app, "After it opened again.").await, round);
        assert_eq!(round_of(&app, "Before it closed.").await, round, "one round, both comments");
    }

    async fn a_new_closing_date_in_the_past_is_refused_beside_it_and_kept(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let round = open_round(&mut editor, "First round").await;
        close_round(&mut editor, round).await;
        let yesterday = today_plus(-1);
        let refused = reopen(&mut editor, round, &yesterday).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = "The new closing date must be today or later";
        assert_eq!(message_beside(&refused.body, "reopen_until").as_deref(), Some(message));
        assert_eq!(summary_links(&refused.body), vec![("#reopen_until".to_owned(), message.to_owned())]);
        assert!(refused.body.contains(&format!(r#"value="{yesterday}""#)), "the date typed is kept");
        assert_eq!(message_beside(&refused.body, "closes"), None, "the new round form says nothing");
    }

    async fn a_round_cannot_open_again_once_another_round_has_opened(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let first = open_round(&mut editor, "First round").await;
        close_round(&mut editor, first).await;
        let second = open_round(&mut editor, "Second round").await;
        let page = editor.get(ROUNDS).await;
        assert!(!offers_reopen(&page, "First round"), "{}", page.text());
        let refused = reopen(&mut editor, first, &today_plus(20)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            message_beside(&refused.body, "reopen_until").as_deref(),
            Some("Another round has opened since this one, so it cannot open again. Open a new round instead.")
        );
        // Closed in turn, the second (the latest) can open again; the first still cannot.
        close_round(&mut editor, second).await;
        let page = editor.get(ROUNDS).await;
        assert!(offers_reopen(&page, "Second round") && !offers_reopen(&page, "First round"));
    }

    async fn a_round_answered_in_a_published_version_cannot_open_again(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let round = open_round(&mut editor, "First round").await;
        close_round(&mut editor, round).await;
        publish(&mut editor, "The first version.").await;
        assert!(!offers_reopen(&editor.get(ROUNDS).await, "First round"));
        let refused = reopen(&mut editor, round, &today_plus(5)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            message_beside(&refused.body, "reopen_until").as_deref(),
            Some("Version 1 has answered the comments in this round, so it cannot open again. Open a new round instead.")
        );
    }

    async fn a_round_opened_again_cannot_run_into_a_round_planned_after_it(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let first = open_round(&mut editor, "First round").await;
        close_round(&mut editor, first).await;
        let planned = editor
            .post(ROUNDS, &[("action", "create"), ("title", "Planned"), ("opens", &today_plus(10)), ("closes", &today_plus(20))])
            .await;
        assert_eq!(planned.status, StatusCode::SEE_OTHER, "{}", planned.text());
        let refused = reopen(&mut editor, first, &today_plus(12)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(message_beside(&refused.body, "reopen_until").is_some_and(|m| m.starts_with("This closing date runs into another round.")));
        let reopened = reopen(&mut editor, first, &today_plus(9)).await;
        assert_eq!(reopened.status, StatusCode::SEE_OTHER, "{}", reopened.text());
    }
}
