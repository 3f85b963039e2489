use crate::{
    drafting::{form_value, latest_revision, redraft},
    html::{message_beside, summary_links},
    on_both_databases,
    support::{TestApp, TestResponse, Visitor},
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";

/// A date `days` from today (UTC), as a date field takes it.
pub fn today_plus(days: i64) -> String {
    let date = time::OffsetDateTime::now_utc().date() + time::Duration::days(days);
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

pub async fn open_round(app: &TestApp) {
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    let opened = editor
        .post(
            &format!("{FRAMEWORK}/rounds"),
            &[
                ("action", "create"),
                ("title", "First round"),
                ("introduction", "Tell us what matters."),
                ("opens", &today_plus(0)),
                ("closes", &today_plus(14)),
            ],
        )
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.text());
}

pub async fn comment(
    visitor: &mut Visitor<'_>,
    path: &str,
    extra: &[(&str, &str)],
) -> TestResponse {
    let page = visitor.get(&format!("{path}/comment")).await;
    let mut fields = vec![
        (
            "revision_id".to_owned(),
            form_value(&page.body, "revision_id"),
        ),
        (
            "submission_key".to_owned(),
            form_value(&page.body, "submission_key"),
        ),
        ("passage".to_owned(), "whole".to_owned()),
        (
            "body".to_owned(),
            "Friends matter as much as family.".to_owned(),
        ),
        ("knowledge".to_owned(), "lived_experience".to_owned()),
        ("visibility".to_owned(), "named".to_owned()),
        ("action".to_owned(), "save".to_owned()),
    ];
    for (k, v) in extra {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some(field) => field.1 = (*v).to_owned(),
            None => fields.push(((*k).to_owned(), (*v).to_owned())),
        }
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    visitor.post(&format!("{path}/comment"), &fields).await
}

on_both_databases! {
    async fn comments_are_refused_while_no_round_is_open_and_the_text_is_kept(app) {
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let page = participant.get(CI1).await.text();
        assert!(page.contains("Comments are closed. No consultation round is planned at the moment."));
        let refused = participant
            .post(&format!("{CI1}/comment"), &[("revision_id", "1"), ("submission_key", "k"), ("body", "My words"), ("knowledge", "practice"), ("visibility", "named"), ("action", "save")])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("Comments are closed"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE body = $1", "My words").await, 0);
    }

    async fn a_participant_comments_on_a_passage_chosen_by_its_words(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let form = participant.get(&format!("{CI1}/comment")).await;
        assert!(form.text().contains("4: spend"), "words are offered by number");
        // "I'm able to spend time with people important to me." words 7-9: "people important to".
        let saved = comment(&mut participant, CI1, &[("passage", "part"), ("first_word", "7"), ("last_word", "9")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let page = participant.get(saved.location()).await;
        assert!(page.text().contains("Thank you. Your comment has been saved."));
        assert!(page.text().contains("Sam (demo participant)"));
        assert!(page.text().contains("Lived experience"));
        assert!(page.body.contains("<mark class=\"passage\">people important to"), "{}", page.body);
        assert!(page.text().contains("About the words: “people important to”"), "{}", page.text());
    }

    async fn comments_follow_their_words_into_a_redraft_or_say_they_changed(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("passage", "part"), ("first_word", "7"), ("last_word", "9"), ("body", "About people")]).await;
        comment(&mut participant, CI1, &[("passage", "part"), ("first_word", "5"), ("last_word", "6"), ("body", "About time")]).await;

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "CI-1").await;
        let saved = redraft(&mut editor, CI1, base, "I'm able to see the people important to me, when I want.", "").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);

        let page = participant.get(CI1).await;
        let text = page.text();
        assert!(page.body.contains("<mark class=\"passage\">people important to"), "kept its words");
        assert!(text.contains("Made on draft 1 (this is draft 2)."));
        assert!(text.contains("The passage it refers to has changed since."), "'spend time' was removed");
        assert_eq!(page.body.matches("class=\"passage\"").count(), 1, "never attached to other words");
    }

    async fn a_representative_speaks_only_for_their_own_organisation(app) {
        open_round(&app).await;
        let organisation = app.scalar("SELECT id FROM organisations WHERE name = $1", "Speaking Up Together (demo)").await.to_string();
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let refused = comment(&mut participant, CI1, &[("on_behalf_of", &organisation)]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("You can only comment for an organisation you represent"));
        assert!(refused.body.contains("Friends matter as much as family.</textarea>"), "typed text kept");

        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        assert!(rep.get(&format!("{CI1}/comment")).await.text().contains("Who are you commenting for?"));
        let saved = comment(&mut rep, CI1, &[("on_behalf_of", &organisation), ("knowledge", "organisation")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        let page = rep.get(CI1).await;
        assert!(page.text().contains("Jo (demo representative) speaking for Speaking Up Together (demo)"));
        // The organisation is its own element beside the name, which no typed name can be.
        assert!(
            page.body.contains(r#"<strong>Jo (demo representative)</strong> <span class="speaks-for">speaking for <strong>Speaking Up Together (demo)</strong></span>"#),
            "{}",
            page.body
        );
    }

    async fn each_commenter_chooses_how_their_comment_is_shown(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("visibility", "anonymous"), ("body", "Said without my name")]).await;
        comment(&mut participant, CI1, &[("visibility", "policy_team"), ("body", "Only for the policy team")]).await;

        let public = app.visitor().get(CI1).await.text();
        assert!(public.contains("Anonymous participant"));
        assert!(public.contains("Said without my name"));
        assert!(!public.contains("Sam (demo participant)"));
        assert!(!public.contains("Only for the policy team"));

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let seen = editor.get(CI1).await.text();
        assert!(seen.contains("Only for the policy team"));
        assert!(seen.contains("Only the policy team and the person who wrote it can see this comment."));
        assert!(participant.get(CI1).await.text().contains("Only for the policy team"), "the author still sees it");
    }

    async fn a_comment_sent_twice_is_saved_once(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let page = participant.get(&format!("{CI1}/comment")).await;
        let revision = form_value(&page.body, "revision_id");
        let key = form_value(&page.body, "submission_key");
        let fields = [("revision_id", revision.as_str()), ("submission_key", key.as_str()), ("body", "Once only"), ("knowledge", "practice"), ("visibility", "named"), ("action", "save")];
        assert_eq!(participant.post(&format!("{CI1}/comment"), &fields).await.status, StatusCode::SEE_OTHER);
        assert_eq!(participant.post(&format!("{CI1}/comment"), &fields).await.status, StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE body = $1", "Once only").await, 1);
    }

    async fn a_comment_with_a_hidden_control_character_gets_a_message_not_an_error_page(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        // A NUL cannot be stored by PostgreSQL at all: it used to fail the insert.
        let pasted = comment(&mut participant, CI1, &[("body", "Pasted from a form\0 with a NUL in it.")]).await;
        assert_eq!(pasted.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = message_beside(&pasted.body, "body").expect("a message beside the comment");
        assert!(message.starts_with("Your comment has a hidden character in it that cannot be saved."), "{message}");
        assert!(pasted.body.contains("Pasted from a form"), "what they typed is kept");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE body LIKE $1", "Pasted from a form%").await, 0);
    }

    async fn bad_comments_get_plain_messages(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let empty = comment(&mut participant, CI1, &[("body", "  ")]).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&empty.body, "body").as_deref(), Some("Enter your comment"));
        assert_eq!(summary_links(&empty.body), [("#body".to_owned(), "Enter your comment".to_owned())]);

        let backwards = comment(&mut participant, CI1, &[("passage", "part"), ("first_word", "9"), ("last_word", "7"), ("body", "Backwards")]).await;
        assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = "The passage must end at or after the word it starts at.";
        assert_eq!(message_beside(&backwards.body, "last_word").as_deref(), Some(message));
        assert_eq!(message_beside(&backwards.body, "first_word").as_deref(), Some(message), "one message for the pair of words");
        assert_eq!(message_beside(&backwards.body, "body"), None);
        assert_eq!(summary_links(&backwards.body), [("#last_word".to_owned(), message.to_owned())]);
        assert!(backwards.body.contains("Backwards</textarea>"));

        let no_kind = comment(&mut participant, CI1, &[("knowledge", ""), ("body", "No kind")]).await;
        assert_eq!(no_kind.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = "Choose what your comment is based on";
        assert_eq!(message_beside(&no_kind.body, "knowledge").as_deref(), Some(message));
        assert_eq!(message_beside(&no_kind.body, "body"), None, "not beside the comment box");
        assert_eq!(message_beside(&no_kind.body, "visibility"), None);
        assert_eq!(summary_links(&no_kind.body), [("#knowledge".to_owned(), message.to_owned())]);
        assert!(no_kind.body.contains("No kind</textarea>"), "the comment typed is kept");

        // A representative chooses whom they speak for; another organisation is refused there.
        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        let not_theirs = comment(&mut rep, CI1, &[("on_behalf_of", "999999"), ("body", "For others")]).await;
        assert_eq!(not_theirs.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = "You can only comment for an organisation you represent";
        assert_eq!(message_beside(&not_theirs.body, "on_behalf_of").as_deref(), Some(message));
        assert_eq!(summary_links(&not_theirs.body), [("#on_behalf_of".to_owned(), message.to_owned())]);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE body <> $1", "").await, 0);
    }

    async fn people_change_or_withdraw_only_their_own_comments(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("body", "First thoughts")]).await;
        let id = app.scalar("SELECT id FROM comments WHERE body = $1", "First thoughts").await;
        let edit = format!("{CI1}/comments/{id}/edit");
        assert!(participant.get(CI1).await.text().contains("Change or withdraw your comment"));

        let mut other = app.visitor();
        other.sign_in_as("rep@example.org").await;
        assert_eq!(other.get(&edit).await.status, StatusCode::NOT_FOUND);
        let hijack = other.post(&edit, &[("body", "Hijacked"), ("knowledge", "practice"), ("visibility", "named"), ("action", "save")]).await;
        assert_eq!(hijack.status, StatusCode::NOT_FOUND);

        let changed = participant.post(&edit, &[("body", "Second thoughts"), ("knowledge", "practice"), ("visibility", "named"), ("action", "save")]).await;
        assert_eq!(changed.status, StatusCode::SEE_OTHER);
        assert!(participant.get(CI1).await.text().contains("Second thoughts"));

        let withdrawn = participant.post(&edit, &[("action", "withdraw")]).await;
        assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
        let page = participant.get(withdrawn.location()).await.text();
        assert!(page.contains("Your comment has been withdrawn."));
        assert!(!page.contains("Second thoughts"));
    }

    async fn rounds_cannot_overlap_and_closing_one_stops_comments(app) {
        open_round(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let overlap = editor
            .post(&format!("{FRAMEWORK}/rounds"), &[("action", "create"), ("title", "Second"), ("opens", &today_plus(3)), ("closes", &today_plus(20))])
            .await;
        assert_eq!(overlap.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(overlap.text().contains("These dates overlap another round."));
        let bad_date = editor.post(&format!("{FRAMEWORK}/rounds"), &[("action", "create"), ("title", "Third"), ("opens", "2027-02-30"), ("closes", "2027-03-01")]).await;
        assert!(bad_date.text().contains("Enter the opening date as a real date"));

        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await.to_string();
        let closed = editor.post(&format!("{FRAMEWORK}/rounds"), &[("action", "close"), ("round_id", &round)]).await;
        assert_eq!(closed.status, StatusCode::SEE_OTHER);
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let page = participant.get(&format!("{CI1}/comment")).await.text();
        assert!(page.contains("Comments are closed"), "{page}");
    }

    async fn a_participant_cannot_open_rounds(app) {
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let attempt = participant
            .post(&format!("{FRAMEWORK}/rounds"), &[("action", "create"), ("title", "Mine"), ("opens", &today_plus(0)), ("closes", &today_plus(1))])
            .await;
        assert_eq!(attempt.status, StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM rounds WHERE title = $1", "Mine").await, 0);
    }
}
