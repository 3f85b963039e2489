use crate::{
    comments::{comment, open_round},
    drafting::{form_value, latest_revision},
    html::{message_beside, summary_links},
    on_both_databases,
};
use axum::http::StatusCode;

const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";

async fn round_comments_path(app: &crate::support::TestApp) -> String {
    let round = app
        .scalar("SELECT id FROM rounds WHERE title = $1", "First round")
        .await;
    format!("/frameworks/national-care-service-demo/rounds/{round}/comments")
}

on_both_databases! {
    async fn an_editor_answers_a_comment_and_its_author_sees_what_happened(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("body", "Say friends, not only family.")]).await;
        let id = app.scalar("SELECT id FROM comments WHERE body = $1", "Say friends, not only family.").await;

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let list_path = round_comments_path(&app).await;
        let list = editor.get(&list_path).await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.text().contains("1 of 1 comment still needs an answer."), "{}", list.text());

        let outcome = format!("outcome-{id}");
        let reason = format!("reason-{id}");
        let answered = editor
            .post(&list_path, &[("comment_id", &id.to_string()), (&outcome, "noted"), (&reason, "Friends are already included in 'people important to me'.")])
            .await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER);
        let list = editor.get(answered.location()).await.text();
        assert!(list.contains("Answer saved."));
        assert!(list.contains("The 1 comment has an answer."));

        let page = participant.get(CI1).await.text();
        assert!(page.contains("What the policy team did: Noted"));
        assert!(page.contains("Friends are already included in 'people important to me'."));
        let mine = participant.get("/account/contributions").await.text();
        assert!(mine.contains("Say friends, not only family."));
        assert!(mine.contains("What happened: Noted"));
    }

    async fn an_answer_needs_a_reason_and_keeps_what_was_chosen(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[]).await;
        let id = app.scalar("SELECT id FROM comments WHERE body <> $1", "").await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let list_path = round_comments_path(&app).await;
        let outcome = format!("outcome-{id}");
        let refused = editor.post(&list_path, &[("comment_id", &id.to_string()), (&outcome, "not_incorporated")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = "Explain in plain words what happened and why";
        assert_eq!(message_beside(&refused.body, &format!("reason-{id}")).as_deref(), Some(message));
        assert_eq!(message_beside(&refused.body, &outcome), None);
        assert!(refused.body.contains(&format!(r#"name="outcome-{id}" value="not_incorporated" checked"#)), "choice kept");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM responses WHERE reason <> $1", "").await, 0);
    }

    async fn an_answer_without_an_outcome_shows_its_message_beside_that_comments_choice(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("body", "First comment")]).await;
        comment(&mut participant, CI1, &[("body", "Second comment")]).await;
        let first = app.scalar("SELECT id FROM comments WHERE body = $1", "First comment").await;
        let second = app.scalar("SELECT id FROM comments WHERE body = $1", "Second comment").await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let list_path = round_comments_path(&app).await;
        let reason = "We kept the wording as it is.";
        let refused = editor.post(&list_path, &[("comment_id", &second.to_string()), (&format!("reason-{second}"), reason)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = "Choose what happened to this comment";
        assert_eq!(message_beside(&refused.body, &format!("outcome-{second}")).as_deref(), Some(message));
        assert_eq!(message_beside(&refused.body, &format!("reason-{second}")), None, "not beside the reason");
        assert_eq!(message_beside(&refused.body, &format!("outcome-{first}")), None, "not beside another comment");
        assert_eq!(summary_links(&refused.body), [(format!("#outcome-{second}"), message.to_owned())]);
        assert!(refused.body.contains(&format!("{reason}</textarea>")), "the reason typed is kept");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM responses WHERE reason <> $1", "").await, 0);
    }

    async fn an_answer_while_redrafting_without_an_outcome_shows_its_message_beside_that_choice(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[]).await;
        let id = app.scalar("SELECT id FROM comments WHERE body <> $1", "").await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let page = editor.get(&format!("{CI1}/redraft")).await;
        let base = latest_revision(&app, "CI-1").await;
        let refused = editor
            .post(&format!("{CI1}/redraft"), &[
                ("base_revision_id", &base.to_string()),
                ("body", "I'm able to see people important to me."),
                ("submission_key", &form_value(&page.body, "submission_key")),
                (&format!("outcome-{id}"), ""),
                (&format!("reason-{id}"), "We shortened it."),
                ("action", "save"),
            ])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = "Choose what happened to this comment";
        // The summary leads to the first radio, "Answer later", with the message in its fieldset.
        assert_eq!(message_beside(&refused.body, &format!("outcome-{id}")).as_deref(), Some(message));
        assert_eq!(message_beside(&refused.body, "body"), None);
        assert_eq!(summary_links(&refused.body), [(format!("#outcome-{id}"), message.to_owned())]);
        assert_eq!(latest_revision(&app, "CI-1").await, base, "nothing half-written");
    }

    async fn the_list_of_comments_can_be_filtered(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("body", "About CI-1"), ("knowledge", "practice")]).await;
        comment(&mut participant, "/frameworks/national-care-service-demo/statements/HL-2", &[("body", "About HL-2")]).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let list_path = round_comments_path(&app).await;
        let by_statement = editor.get(&format!("{list_path}?statement=HL-2")).await.text();
        assert!(by_statement.contains("About HL-2") && !by_statement.contains("About CI-1"));
        let by_knowledge = editor.get(&format!("{list_path}?knowledge=practice")).await.text();
        assert!(by_knowledge.contains("About CI-1") && !by_knowledge.contains("About HL-2"));
        let unanswered = editor.get(&format!("{list_path}?outcome=unanswered")).await.text();
        assert!(unanswered.contains("Showing 2 comments."));
    }

    async fn answers_given_while_redrafting_are_linked_to_the_new_draft(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("body", "Add 'when I want'.")]).await;
        let id = app.scalar("SELECT id FROM comments WHERE body = $1", "Add 'when I want'.").await;

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let page = editor.get(&format!("{CI1}/redraft")).await;
        assert!(page.text().contains("Answer comments with this draft"));
        let key = form_value(&page.body, "submission_key");
        let base = latest_revision(&app, "CI-1").await.to_string();
        let outcome = format!("outcome-{id}");
        let reason = format!("reason-{id}");
        let saved = editor
            .post(&format!("{CI1}/redraft"), &[
                ("base_revision_id", base.as_str()),
                ("body", "I'm able to spend time with people important to me, when I want."),
                ("submission_key", key.as_str()),
                (&outcome, "incorporated"),
                (&reason, "We added 'when I want'."),
                ("action", "save"),
            ])
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let statement = participant.get(CI1).await.text();
        assert!(statement.contains("What the policy team did: Incorporated"));
        assert!(statement.contains("Acted on in draft 2."));
    }

    async fn an_answer_with_no_reason_stops_the_whole_redraft(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[]).await;
        let id = app.scalar("SELECT id FROM comments WHERE body <> $1", "").await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let page = editor.get(&format!("{CI1}/redraft")).await;
        let base = latest_revision(&app, "CI-1").await;
        let outcome = format!("outcome-{id}");
        let refused = editor
            .post(&format!("{CI1}/redraft"), &[
                ("base_revision_id", &base.to_string()),
                ("body", "I'm able to see people important to me."),
                ("submission_key", &form_value(&page.body, "submission_key")),
                (&outcome, "partly"),
                ("action", "save"),
            ])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(latest_revision(&app, "CI-1").await, base, "nothing half-written");
        assert!(refused.body.contains("I'm able to see people important to me.</textarea>") || refused.body.contains("I&#x27;m able to see people important to me.</textarea>"));
    }

    async fn a_participant_cannot_answer_comments(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[]).await;
        let id = app.scalar("SELECT id FROM comments WHERE body <> $1", "").await;
        let list_path = round_comments_path(&app).await;
        assert_eq!(participant.get(&list_path).await.status, StatusCode::FORBIDDEN);
        let outcome = format!("outcome-{id}");
        let reason = format!("reason-{id}");
        let attempt = participant.post(&list_path, &[("comment_id", &id.to_string()), (&outcome, "incorporated"), (&reason, "I say so")]).await;
        assert_eq!(attempt.status, StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM responses WHERE reason = $1", "I say so").await, 0);
    }
}
