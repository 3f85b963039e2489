//! The key each form carries so a form sent twice makes one thing: it counts only for
//! the person who was given it and for what it was given for, and a form without one is
//! refused with a plain message, keeping what was typed.

use crate::{
    comments::open_round,
    drafting::{form_value, latest_revision},
    on_both_databases,
};
use axum::http::StatusCode;

const HL1: &str = "/frameworks/national-care-service-demo/statements/HL-1";
const HL2: &str = "/frameworks/national-care-service-demo/statements/HL-2";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const CI2: &str = "/frameworks/national-care-service-demo/statements/CI-2";

async fn drafts_of(app: &crate::support::TestApp, reference: &str) -> i64 {
    app.scalar(
        "SELECT COUNT(*) FROM statement_revisions r JOIN statements s ON s.id = r.statement_id \
         WHERE s.reference = $1 AND r.text_kind = 'standard'",
        reference,
    )
    .await
}

on_both_databases! {
    async fn a_redraft_without_its_key_is_refused_and_keeps_the_text(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "HL-1").await.to_string();
        let refused = editor
            .post(&format!("{HL1}/redraft"), &[("base_revision_id", &base), ("body", "I live where I choose to live."), ("submission_key", ""), ("action", "save")])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("This form is missing a part we need, so nothing has been saved."), "{}", refused.text());
        assert!(refused.body.contains("I live where I choose to live."), "the typed text is kept");
        assert_eq!(drafts_of(&app, "HL-1").await, 1);
    }

    async fn a_redraft_key_used_for_another_statement_saves_nothing_there(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let page = editor.get(&format!("{HL1}/redraft")).await;
        let key = form_value(&page.body, "submission_key");
        let base = latest_revision(&app, "HL-1").await.to_string();
        let saved = editor
            .post(&format!("{HL1}/redraft"), &[("base_revision_id", &base), ("body", "I live where I choose."), ("submission_key", &key), ("action", "save")])
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);

        // The same key sent with a redraft of another statement: before, this answered
        // "saved" and saved nothing.
        let other_base = latest_revision(&app, "HL-2").await.to_string();
        let reused = editor
            .post(&format!("{HL2}/redraft"), &[("base_revision_id", &other_base), ("body", "I have a say in my support."), ("submission_key", &key), ("action", "save")])
            .await;
        assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reused.text());
        assert!(reused.text().contains("This form was already used for something else"));
        assert!(reused.body.contains("I have a say in my support."));
        assert_eq!(drafts_of(&app, "HL-2").await, 1);
    }

    async fn a_comment_without_its_key_is_refused_and_keeps_the_comment(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let page = participant.get(&format!("{CI1}/comment")).await;
        let revision = form_value(&page.body, "revision_id");
        let refused = participant
            .post(&format!("{CI1}/comment"), &[("revision_id", revision.as_str()), ("submission_key", ""), ("body", "Friends matter too."), ("knowledge", "practice"), ("visibility", "named"), ("action", "save")])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("This form is missing a part we need"));
        assert!(refused.body.contains("Friends matter too."));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE body = $1", "Friends matter too.").await, 0);
    }

    async fn someone_elses_comment_key_does_not_pass_for_theirs(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let page = participant.get(&format!("{CI1}/comment")).await;
        let revision = form_value(&page.body, "revision_id");
        let key = form_value(&page.body, "submission_key");
        let fields = [("revision_id", revision.as_str()), ("submission_key", key.as_str()), ("body", "Mine."), ("knowledge", "practice"), ("visibility", "named"), ("action", "save")];
        assert_eq!(participant.post(&format!("{CI1}/comment"), &fields).await.status, StatusCode::SEE_OTHER);

        // Another person sending the same key (or the same person, on another statement)
        // is not the same form sent twice: nothing is saved and they are told why.
        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        let theirs = [("revision_id", revision.as_str()), ("submission_key", key.as_str()), ("body", "Theirs."), ("knowledge", "practice"), ("visibility", "named"), ("action", "save")];
        let refused = rep.post(&format!("{CI1}/comment"), &theirs).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("This form was already used for something else"));

        let other = participant.get(&format!("{CI2}/comment")).await;
        let other_revision = form_value(&other.body, "revision_id");
        let elsewhere = [("revision_id", other_revision.as_str()), ("submission_key", key.as_str()), ("body", "Elsewhere."), ("knowledge", "practice"), ("visibility", "named"), ("action", "save")];
        let refused = participant.post(&format!("{CI2}/comment"), &elsewhere).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE body <> $1", "Mine.").await, 0);
    }

    async fn a_new_statement_without_its_key_is_refused(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let path = "/frameworks/national-care-service-demo/themes/HL/new-statement";
        let refused = editor.post(path, &[("body", "I choose who visits me."), ("note", ""), ("submission_key", ""), ("action", "save")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("This form is missing a part we need"));
        assert!(refused.body.contains("I choose who visits me."));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM statement_revisions WHERE body = $1", "I choose who visits me.").await, 0);
    }
}
