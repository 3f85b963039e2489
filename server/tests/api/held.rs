//! Nothing a person typed is lost when their session ends mid-comment: the post is kept,
//! they are asked to sign in, and they come back to the form filled with their words.

use crate::{
    comments::{comment, open_round},
    on_both_databases,
    support::TestApp,
};
use axum::http::StatusCode;

const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const WORDS: &str = "I want to choose who I spend my weekends with.";

/// Make every session a week and a day idle: ended.
async fn sessions_end(app: &TestApp) {
    sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - 8 * 24 * 3600")
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}

async fn comments_saying(app: &TestApp, words: &str) -> i64 {
    app.scalar("SELECT COUNT(*) FROM comments WHERE body = $1", words)
        .await
}

on_both_databases! {
    async fn a_comment_sent_after_the_session_ended_comes_back_filled_in_after_signing_in(app) {
        open_round(&app).await;
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        sessions_end(&app).await;

        let sent = comment(&mut sam, CI1, &[("body", WORDS)]).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
        let to_sign_in = sent.location().to_owned();
        assert_eq!(to_sign_in, format!("/sign-in?held=1&return={}", CI1.replace('/', "%2F").replace('-', "%2D") + "%2Fcomment"));
        assert_eq!(comments_saying(&app, WORDS).await, 0, "not saved without a session");
        let kept = sent.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).find(|c| c.starts_with("our_words_held=")).expect("a cookie finds the kept post");
        assert!(kept.contains(&format!("Path={CI1}/comment")), "sent back on that page alone: {kept}");

        let sign_in = sam.get(&to_sign_in).await;
        assert!(sign_in.text().contains("You were signed out, so what you sent has not been saved yet."), "{}", sign_in.text());
        let comment_page = format!("{CI1}/comment");
        assert!(sign_in.body.contains(&format!(r#"name="return_to" value="{comment_page}""#)), "the way back rides on the form");

        // Signing in (the email's link, then its button) lands back on the form.
        sam.post("/sign-in", &[("email", "participant@example.org"), ("return_to", &comment_page)]).await;
        let token = app.smtp().messages().last().unwrap().sign_in_token();
        let signed_in = sam.post("/sign-in/confirm", &[("token", &token)]).await;
        assert_eq!(signed_in.location(), comment_page);

        let back = sam.get(&comment_page).await;
        assert_eq!(back.status, StatusCode::OK);
        assert!(back.body.contains(&format!("{WORDS}</textarea>")), "their words are in the form");
        assert!(back.text().contains("You were signed out before this was sent, so it has not been saved yet."));
        assert_eq!(comments_saying(&app, WORDS).await, 0, "still theirs to send");
        // Once: the next visit is the plain form.
        assert!(!sam.get(&comment_page).await.body.contains(WORDS));

        assert_eq!(comment(&mut sam, CI1, &[("body", WORDS)]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(comments_saying(&app, WORDS).await, 1);
    }

    async fn someone_else_signing_in_on_the_same_browser_does_not_see_what_was_kept(app) {
        open_round(&app).await;
        let mut shared = app.visitor();
        shared.sign_in_as("participant@example.org").await;
        sessions_end(&app).await;
        assert_eq!(comment(&mut shared, CI1, &[("body", WORDS)]).await.status, StatusCode::SEE_OTHER);
        shared.sign_in_as("rep@example.org").await;
        let page = shared.get(&format!("{CI1}/comment")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains(WORDS), "kept for Sam alone");
    }

    async fn a_sign_in_link_never_sends_anyone_to_another_site(app) {
        let mut visitor = app.visitor();
        visitor.post("/sign-in", &[("email", "participant@example.org"), ("return_to", "//evil.example/")]).await;
        let token = app.smtp().messages().last().unwrap().sign_in_token();
        let signed_in = visitor.post("/sign-in/confirm", &[("token", &token)]).await;
        assert_eq!(signed_in.location(), "/account?signed_in=1");
    }
}
