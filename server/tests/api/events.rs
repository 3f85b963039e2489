use crate::{
    comments::open_round,
    drafting::form_value,
    html::{has, message_beside, table_cell, text_at},
    on_both_databases,
    publishing::{answer_all, close_round},
    support::{TestApp, TestResponse, Visitor},
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const FACILITATOR: &str = "facilitator@example.org";

async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Visitor<'a> {
    let mut visitor = app.visitor();
    visitor.sign_in_as(email).await;
    visitor
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let mut admin = signed_in(app, "admin@example.org").await;
    admin.post("/admin/people", &[("email", email)]).await;
    app.scalar("SELECT id FROM users WHERE email = $1", email)
        .await
}

/// The admin ticks (or unticks) the facilitator role on a person's page.
async fn set_facilitator(admin: &mut Visitor<'_>, id: i64, on: bool) -> TestResponse {
    let mut fields = vec![("action", "roles")];
    if on {
        fields.push(("facilitator", "yes"));
    }
    admin.post(&format!("/admin/people/{id}"), &fields).await
}

/// A facilitator (made one by the admin), signed in.
pub async fn facilitator<'a>(app: &'a TestApp, email: &str) -> Visitor<'a> {
    let id = user_id(app, email).await;
    let mut admin = signed_in(app, "admin@example.org").await;
    let given = set_facilitator(&mut admin, id, true).await;
    assert_eq!(given.status, StatusCode::SEE_OTHER, "{}", given.text());
    signed_in(app, email).await
}

async fn add_event(visitor: &mut Visitor<'_>, extra: &[(&str, &str)]) -> TestResponse {
    let page = visitor.get("/events").await;
    let key = form_value(&page.body, "submission_key");
    let mut fields = vec![
        ("framework", "national-care-service-demo"),
        ("name", "the Dundee workshop"),
        ("held_on", "2026-03-03"),
        ("place", "Dundee"),
        ("way-in_person", "yes"),
        ("way-bsl", "yes"),
        ("people_count", "12"),
        ("submission_key", key.as_str()),
    ];
    for (k, v) in extra {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some(field) => field.1 = v,
            None => fields.push((k, v)),
        }
    }
    visitor.post("/events", &fields).await
}

/// A new event; its page's address.
pub async fn event(visitor: &mut Visitor<'_>) -> String {
    let made = add_event(visitor, &[]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text());
    made.location().split('?').next().unwrap().to_owned()
}

async fn record(visitor: &mut Visitor<'_>, event: &str, fields: &[(&str, &str)]) -> TestResponse {
    let page = visitor.get(event).await;
    let key = form_value(&page.body, "submission_key");
    let mut all = vec![
        ("action", "person"),
        ("statement", "CI-1"),
        ("body", "I want to see my friends when I choose."),
        ("knowledge", "lived_experience"),
        ("visibility", "named"),
        ("hear_back", "none"),
        ("submission_key", key.as_str()),
    ];
    for (k, v) in fields {
        match all.iter_mut().find(|(name, _)| name == k) {
            Some(field) => field.1 = v,
            None => all.push((k, v)),
        }
    }
    visitor.post(event, &all).await
}

pub async fn recorded(visitor: &mut Visitor<'_>, event: &str, fields: &[(&str, &str)]) {
    let saved = record(visitor, event, fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
}

/// The id of the comment recorded with these words.
async fn comment_id(app: &TestApp, body: &str) -> i64 {
    app.scalar("SELECT id FROM comments WHERE body = $1", body)
        .await
}

/// A count of rows about one comment.
async fn count_for(app: &TestApp, sql: &'static str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// A correction sent from the page that corrects a recorded comment: the fields the
/// page was filled in with, changed by `changes`.
async fn correct(
    visitor: &mut Visitor<'_>,
    event: &str,
    comment: i64,
    fields: &[(&str, &str)],
) -> TestResponse {
    let path = format!("{event}/comments/{comment}/edit");
    visitor.post(&path, fields).await
}

const SAID: &str = "I want to see my friends when I choose.";

on_both_databases! {
    async fn only_admins_give_and_remove_the_facilitator_role(app) {
        let id = user_id(&app, FACILITATOR).await;
        let mut participant = signed_in(&app, "participant@example.org").await;
        let refused = set_facilitator(&mut participant, id, true).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT is_facilitator FROM users WHERE email = $1", FACILITATOR).await, 0);

        let mut admin = signed_in(&app, "admin@example.org").await;
        set_facilitator(&mut admin, id, true).await;
        assert_eq!(app.scalar("SELECT is_facilitator FROM users WHERE email = $1", FACILITATOR).await, 1);
        let mut them = signed_in(&app, FACILITATOR).await;
        let account = them.get("/account").await;
        assert!(account.text().contains("Participant, Facilitator"), "{}", account.text());
        assert!(account.body.contains(r#"href="/events""#), "the header links to their events");
        assert_eq!(them.get("/events").await.status, StatusCode::OK);

        set_facilitator(&mut admin, id, false).await;
        // The change of role ended their session; signed in again, events are closed to them.
        assert_eq!(them.get("/events").await.status, StatusCode::UNAUTHORIZED);
        let mut again = signed_in(&app, FACILITATOR).await;
        assert_eq!(again.get("/events").await.status, StatusCode::FORBIDDEN);
    }

    async fn only_facilitators_record_events_and_a_form_sent_twice_makes_one(app) {
        open_round(&app).await;
        let mut participant = signed_in(&app, "participant@example.org").await;
        let refused = participant
            .post("/events", &[("framework", "national-care-service-demo"), ("name", "Mine"), ("held_on", "2026-03-03"), ("way-phone", "yes"), ("submission_key", "k1")])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM events WHERE name <> $1", "").await, 0);

        let mut them = facilitator(&app, FACILITATOR).await;
        let missing = add_event(&mut them, &[("name", " "), ("way-in_person", ""), ("way-bsl", "")]).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&missing.body, "name").as_deref(), Some("Enter the event's name"));
        assert!(missing.body.contains(r#"value="Dundee""#), "the place typed is kept");

        let page = them.get("/events").await;
        let key = form_value(&page.body, "submission_key");
        let fields = [("framework", "national-care-service-demo"), ("name", "the Dundee workshop"), ("held_on", "2026-03-03"), ("way-paper", "yes"), ("submission_key", key.as_str())];
        let first = them.post("/events", &fields).await;
        let second = them.post("/events", &fields).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        assert_eq!(first.location(), second.location());
        assert_eq!(app.scalar("SELECT COUNT(*) FROM events WHERE name <> $1", "").await, 1);
        let event = them.get(first.location()).await;
        let text = event.text();
        assert!(text.contains("3 March 2026") && text.contains("On paper"), "{text}");
        let list = them.get("/events").await;
        assert!(list.text().contains("the Dundee workshop"));
    }

    async fn a_facilitator_cannot_see_another_facilitators_event_or_its_letters(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;
        let mut other = facilitator(&app, "other.facilitator@example.org").await;
        assert_eq!(other.get(&path).await.status, StatusCode::NOT_FOUND);
        assert_eq!(other.get(&format!("{path}/letters")).await.status, StatusCode::NOT_FOUND);
        let refused = other
            .post(&path, &[("action", "person"), ("statement", "CI-1"), ("body", "Not mine to record."), ("knowledge", "lived_experience"), ("visibility", "named"), ("hear_back", "none"), ("submission_key", "another-facilitators-key")])
            .await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        assert!(!other.get("/events").await.body.contains(&format!(r#"href="{path}""#)), "not in their list");
        let mut participant = signed_in(&app, "participant@example.org").await;
        assert_eq!(participant.get(&format!("{path}/letters")).await.status, StatusCode::NOT_FOUND);
        let mut editor = signed_in(&app, "editor@example.org").await;
        assert_eq!(editor.get(&path).await.status, StatusCode::OK);
        assert_eq!(editor.get(&format!("{path}/letters")).await.status, StatusCode::OK);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE event_id IS NOT NULL AND body <> $1", "").await, 0);
    }

    async fn each_way_to_hear_back_needs_its_own_address_and_nothing_typed_is_lost(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;

        let no_email = record(&mut them, &path, &[("hear_back", "email"), ("person_name", "Morag")]).await;
        assert_eq!(no_email.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&no_email.body, "email").as_deref(), Some("Enter their email address, or choose another way to hear back"));
        assert!(no_email.body.contains("I want to see my friends when I choose."), "what they said is kept");
        assert!(no_email.body.contains(r#"value="Morag""#), "their name is kept");

        let no_address = record(&mut them, &path, &[("hear_back", "post")]).await;
        assert_eq!(no_address.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&no_address.body, "postal_address").as_deref(), Some("Enter their postal address, or choose another way to hear back"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM event_participants WHERE name <> $1", "x").await, 0, "nothing is saved");

        recorded(&mut them, &path, &[("hear_back", "email"), ("email", "morag@example.org"), ("person_name", "Morag")]).await;
        recorded(&mut them, &path, &[("hear_back", "post"), ("postal_address", "1 High Street\nDundee DD1 1AA"), ("email", "not-kept@example.org")]).await;
        recorded(&mut them, &path, &[("hear_back", "facilitator"), ("person_name", "Ali")]).await;
        recorded(&mut them, &path, &[("hear_back", "none")]).await;
        assert_eq!(app.scalar("SELECT COUNT(*) FROM event_participants WHERE email = $1", "morag@example.org").await, 1);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM event_participants WHERE email = $1", "not-kept@example.org").await, 0, "an address is kept only for the way they chose");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM event_participants WHERE hear_back = $1 AND postal_address IS NOT NULL", "post").await, 1);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE author_id IS NULL AND recorded_by IS NOT NULL AND body <> $1", "").await, 4);

        let page = them.get(&path).await;
        let text = page.text();
        assert!(text.contains("Morag, at the Dundee workshop, 3 March 2026"), "{text}");
        assert!(text.contains("Someone at the Dundee workshop, 3 March 2026"), "{text}");
        assert!(text.contains("Through the facilitator"), "{text}");
    }

    async fn a_group_view_with_more_agreeing_than_were_there_is_refused(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;
        let refused = record(&mut them, &path, &[("action", "group"), ("agreed", "13"), ("present", "")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&refused.body, "agreed").as_deref(), Some("The number who agreed cannot be more than the number who were there"));
        assert!(refused.body.contains(r#"value="13""#));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE group_present IS NOT NULL AND body <> $1", "").await, 0);

        // Blank "were there" means everyone at the event (12).
        recorded(&mut them, &path, &[("action", "group"), ("agreed", "8"), ("present", "")]).await;
        assert_eq!(app.scalar("SELECT group_present FROM comments WHERE group_agreed = 8 AND body <> $1", "").await, 12);
        let statement = app.visitor().get(CI1).await;
        assert!(statement.text().contains("8 of the 12 people at the Dundee workshop, 3 March 2026"), "{}", statement.text());
    }

    async fn recorded_comments_are_answered_counted_in_the_balance_and_shown_with_their_event(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;
        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;
        let balance = format!("{FRAMEWORK}/rounds/{round}");
        let before = app.visitor().get(&balance).await;
        assert_eq!(table_cell(&before.body, "Community inclusion", "Lived experience").as_deref(), Some("0"));

        recorded(&mut them, &path, &[("action", "group"), ("agreed", "8"), ("present", "12")]).await;
        // In words of her own: the same words would be grouped with the group's view.
        recorded(&mut them, &path, &[("person_name", "Morag"), ("hear_back", "facilitator"), ("body", "My friends keep me going.")]).await;
        let after = app.visitor().get(&balance).await;
        assert_eq!(table_cell(&after.body, "Community inclusion", "Lived experience").as_deref(), Some("2 (100%)"));

        let mut editor = signed_in(&app, "editor@example.org").await;
        let list = editor.get(&format!("{FRAMEWORK}/rounds/{round}/comments")).await;
        let text = list.text();
        assert!(text.contains("8 of the 12 people at the Dundee workshop, 3 March 2026"), "{text}");
        assert!(text.contains("Morag, at the Dundee workshop, 3 March 2026"), "{text}");
        answer_all(&app, &mut editor, "incorporated").await;
        let page = them.get(&path).await;
        let text = page.text();
        assert!(text.matches("Incorporated").count() >= 2, "{text}");
        assert!(text.contains("Reason for comment"), "{text}");

        close_round(&app, &mut editor).await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Friends added.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await;
        assert!(report.text().contains("8 of the 12 people at the Dundee workshop, 3 March 2026"), "{}", report.text());
        let page = them.get(&path).await;
        assert!(page.text().contains("The statement now says"), "{}", page.text());
    }

    async fn letters_and_emails_go_to_exactly_the_people_who_asked_for_them_once_each_however_often_publishing_is_tried(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;
        recorded(&mut them, &path, &[("person_name", "Morag"), ("hear_back", "email"), ("email", "morag@example.org"), ("body", "Email me please.")]).await;
        recorded(&mut them, &path, &[("person_name", "Kirsty"), ("hear_back", "email"), ("email", "kirsty@example.org"), ("easy_read", "yes"), ("body", "Email me in easy read.")]).await;
        recorded(&mut them, &path, &[("person_name", "Pat"), ("hear_back", "post"), ("postal_address", "1 High Street\nDundee DD1 1AA"), ("body", "Post it to me.")]).await;
        recorded(&mut them, &path, &[("person_name", "Ali"), ("hear_back", "facilitator"), ("body", "Tell me at the next meeting.")]).await;
        recorded(&mut them, &path, &[("person_name", "Jo"), ("hear_back", "none"), ("body", "No need to tell me.")]).await;
        recorded(&mut them, &path, &[("action", "group"), ("agreed", "8"), ("present", "12"), ("body", "Friends matter as much as family.")]).await;

        let early = them.get(&format!("{path}/letters")).await;
        assert_eq!(early.status, StatusCode::OK);
        assert!(early.text().contains("will be ready here when the version answering this consultation round is published"));
        assert!(!early.body.contains(r#"class="letter""#));

        let mut editor = signed_in(&app, "editor@example.org").await;
        close_round(&app, &mut editor).await;
        answer_all(&app, &mut editor, "partly").await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Friends added.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());

        let event_page = them.get(&path).await;
        assert!(event_page.body.contains(&format!(r#"href="{path}/letters""#)));
        let letters = them.get(&format!("{path}/letters")).await;
        let text = letters.text();
        assert_eq!(letters.body.matches(r#"class="letter""#).count(), 3, "{text}");
        assert!(text.contains("Dear Pat") && text.contains("Post it to me."));
        assert!(text.contains("1 High Street") && text.contains("Dundee DD1 1AA"));
        assert!(text.contains("Dear Ali") && text.contains("Tell me at the next meeting."));
        assert!(text.contains("To everyone who was at the Dundee workshop, 3 March 2026"));
        assert!(text.contains("8 of the 12 people at the Dundee workshop, 3 March 2026 said"));
        assert!(!text.contains("Morag") && !text.contains("Email me please."), "email is someone else's job");
        assert!(!text.contains("No need to tell me."));
        assert!(text.contains("Partly incorporated"));
        let pat = app.scalar("SELECT id FROM comments WHERE body = $1", "Post it to me.").await;
        assert!(text.contains(&format!("Reason for comment {pat}.")), "{text}");
        let published_text: String = sqlx::query_scalar(
            "SELECT ps.body FROM publication_statements ps WHERE ps.reference = 'CI-1'",
        )
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!(text.matches(published_text.trim()).count(), 3, "each letter says what the statement now says: {published_text:?}");

        // Those who chose email are each owed one, queued with the version: publishing
        // again, or queueing the version's emails again, adds none.
        let again = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Friends added.")]).await;
        assert_eq!(again.location(), format!("{FRAMEWORK}/versions/1?published=1"));
        let publication = app.scalar("SELECT MAX(id) FROM publications WHERE summary = $1", "Friends added.").await;
        let batch = app::server::outbox::publication_batch(publication);
        let mut tx = app.state.db.begin_write().await.unwrap();
        app::server::participant_emails::queue(&mut tx, publication, &batch).await.unwrap();
        tx.commit().await.unwrap();
        let owed: Vec<(String, Option<i64>)> = sqlx::query_as(
            "SELECT recipient, participant_id FROM outbox WHERE batch = $1 AND user_id IS NULL ORDER BY recipient",
        )
        .bind(&batch)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
        let recipients: Vec<&str> = owed.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(recipients, ["kirsty@example.org", "morag@example.org"]);
        assert!(owed.iter().all(|(_, participant)| participant.is_some()), "each says whom it is for");

        let before = app.smtp().messages().len();
        app::server::outbox::drain_once(&app.state).await.unwrap();
        let sent = app.smtp().messages().split_off(before);
        for (email, said) in [("morag@example.org", "Email me please."), ("kirsty@example.org", "Email me in easy read.")] {
            let theirs: Vec<_> = sent.iter().filter(|m| m.recipients == [email]).collect();
            assert_eq!(theirs.len(), 1, "{email} gets one email");
            let text = theirs[0].text_body();
            assert!(text.contains(said), "{email} is told of their own words: {text}");
            assert!(text.contains("what you said at the Dundee workshop"), "{text}");
        }
        assert!(!sent.iter().any(|m| m.text_body().contains("Post it to me.") || m.text_body().contains("No need to tell me.")));
        app::server::outbox::drain_once(&app.state).await.unwrap();
        assert_eq!(app.smtp().messages().len(), before + 2, "nothing goes twice");
    }

    async fn the_event_form_starts_with_no_framework_chosen_and_a_missing_one_is_told_beside_it(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let page = them.get("/events").await;
        assert_eq!(text_at(&page.body, "select#framework option:first-child").as_deref(), Some("Choose a framework"));
        assert!(has(&page.body, r#"select#framework option:first-child[value=""][selected]"#), "nothing is chosen for them");

        let missing = add_event(&mut them, &[("framework", "")]).await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&missing.body, "framework").as_deref(), Some("Choose the standards the event was about"));
        assert!(missing.body.contains(r#"value="the Dundee workshop""#), "the name typed is kept");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM events WHERE name <> $1", "").await, 0);
    }

    async fn a_recorded_comment_can_be_about_some_of_a_statements_words(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;
        let plain = them.get(&path).await;
        assert!(!has(&plain.body, "select#first_word"), "no words until a statement is chosen");
        assert!(has(&plain.body, r#"form[method="get"] select[name="statement"]"#), "a form asks for a statement's words");

        // Step two: the page offers the chosen statement's words, from its current draft.
        let page = them.get(&format!("{path}?statement=CI-1")).await;
        assert_eq!(text_at(&page.body, "select#first_word option:first-child").as_deref(), Some("1: I'm"));
        assert_eq!(text_at(&page.body, "select#last_word option[selected]").as_deref(), Some("10: me"));
        assert!(has(&page.body, r#"select#statement option[value="CI-1"][selected]"#), "the statement stays chosen");
        let revision = form_value(&page.body, "revision_id");
        let words = [("passage", "part"), ("words_of", "CI-1"), ("revision_id", revision.as_str())];

        let backwards = record(&mut them, &path, &[words.as_slice(), &[("first_word", "7"), ("last_word", "4"), ("person_name", "Morag")]].concat()).await;
        assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&backwards.body, "last_word").as_deref(), Some("The passage must end at or after the word it starts at."));
        assert!(has(&backwards.body, r#"select#first_word option[value="7"][selected]"#), "the words chosen are offered again");
        assert!(backwards.body.contains(SAID) && backwards.body.contains(r#"value="Morag""#), "nothing typed is lost");

        let other = record(&mut them, &path, &[words.as_slice(), &[("statement", "CI-2"), ("first_word", "4"), ("last_word", "7")]].concat()).await;
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&other.body, "statement").as_deref(), Some("The words offered were from CI-1. Press “Choose words” to choose from the words of CI-2"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE body = $1", SAID).await, 0);

        recorded(&mut them, &path, &[words.as_slice(), &[("first_word", "4"), ("last_word", "7")]].concat()).await;
        let stored: (String, i64, i64) = sqlx::query_as("SELECT quote, passage_start, passage_end FROM comments WHERE body = $1")
            .bind(SAID)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(stored, ("spend time with people".to_owned(), 12, 34));
        let page = them.get(&path).await;
        assert!(page.text().contains("About the words: “spend time with people”"), "{}", page.text());

        // About the whole statement, as before, whatever words were offered.
        recorded(&mut them, &path, &[("passage", "whole"), ("words_of", "CI-1"), ("body", "All of it.")]).await;
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE body = $1 AND quote IS NULL", "All of it.").await, 1);

        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;
        let mut editor = signed_in(&app, "editor@example.org").await;
        let list = editor.get(&format!("{FRAMEWORK}/rounds/{round}/comments")).await;
        assert_eq!(text_at(&list.body, ".comment__quote").as_deref(), Some("About the words: “spend time with people”"));
    }

    async fn a_facilitator_corrects_what_they_recorded_and_it_keeps_its_id_and_answer(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;
        recorded(&mut them, &path, &[("person_name", "Morag"), ("hear_back", "email"), ("email", "morag@example.org"), ("suggestion", "I see my friends.")]).await;
        recorded(&mut them, &path, &[("action", "group"), ("agreed", "8"), ("present", "12"), ("body", "Friends matter.")]).await;
        let person = comment_id(&app, SAID).await;
        let group = comment_id(&app, "Friends matter.").await;
        let mut editor = signed_in(&app, "editor@example.org").await;
        answer_all(&app, &mut editor, "noted").await;

        let page = them.get(&path).await;
        assert!(has(&page.body, &format!(r#"a[href="{path}/comments/{person}/edit"]"#)), "each has a way to correct it");
        let form = them.get(&format!("{path}/comments/{person}/edit")).await;
        assert_eq!(form.status, StatusCode::OK);
        assert_eq!(text_at(&form.body, "textarea#body").as_deref(), Some(SAID));
        assert_eq!(text_at(&form.body, "textarea#suggestion").as_deref(), Some("I see my friends."));
        assert!(has(&form.body, r#"input#person_name[value="Morag"]"#));
        assert!(has(&form.body, r#"input[name="hear_back"][value="email"][checked]"#));
        assert!(has(&form.body, r#"input[name="visibility"][value="named"][checked]"#));
        assert!(has(&form.body, r#"input[name="knowledge"][value="lived_experience"][checked]"#));
        assert!(has(&form.body, r#"input#email[value="morag@example.org"]"#));
        assert!(!has(&form.body, "input#agreed"), "one person's comment has no group numbers");

        let corrected = correct(&mut them, &path, person, &[
            ("body", "I want to see my friends when I choose, not when the bus runs."),
            ("suggestion", ""),
            ("knowledge", "lived_experience"),
            ("visibility", "anonymous"),
            ("person_name", "Morag"),
            ("hear_back", "post"),
            ("email", "morag@example.org"),
            ("postal_address", "1 High Street\nDundee"),
            ("easy_read", "yes"),
        ]).await;
        assert_eq!(corrected.status, StatusCode::SEE_OTHER, "{}", corrected.text());
        assert_eq!(corrected.location(), format!("{path}?saved=recorded-corrected#comment-{person}"));
        assert_eq!(comment_id(&app, "I want to see my friends when I choose, not when the bus runs.").await, person, "the same comment");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE event_id IS NOT NULL AND body <> $1", "").await, 2);
        assert_eq!(count_for(&app, "SELECT COUNT(*) FROM responses WHERE comment_id = $1 AND outcome = 'noted'", person).await, 1, "its answer is kept");
        assert_eq!(count_for(&app, "SELECT COUNT(*) FROM comments WHERE id = $1 AND suggestion IS NULL AND visibility = 'anonymous'", person).await, 1);
        let (hear_back, email, address, easy_read): (String, Option<String>, Option<String>, i64) = sqlx::query_as(
            "SELECT ep.hear_back, ep.email, ep.postal_address, ep.easy_read FROM event_participants ep \
             JOIN comments c ON c.participant_id = ep.id WHERE c.id = $1",
        )
        .bind(person)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!((hear_back.as_str(), email, address.as_deref(), easy_read), ("post", None, Some("1 High Street\nDundee"), 1), "an address is kept only for the way they chose");

        let form = them.get(&format!("{path}/comments/{group}/edit")).await;
        assert!(has(&form.body, r#"input#agreed[value="8"]"#) && has(&form.body, r#"input#present[value="12"]"#));
        assert!(!has(&form.body, "input#person_name"), "a group view names no one");
        let corrected = correct(&mut them, &path, group, &[("body", "Friends matter."), ("knowledge", "lived_experience"), ("agreed", "9"), ("present", "")]).await;
        assert_eq!(corrected.status, StatusCode::SEE_OTHER, "{}", corrected.text());
        let page = them.get(corrected.location()).await;
        assert!(page.text().contains("Your correction has been saved."), "{}", page.text());
        assert!(page.text().contains("9 of the 12 people at the Dundee workshop"), "blank means everyone at the event: {}", page.text());
        assert_eq!(count_for(&app, "SELECT COUNT(*) FROM responses WHERE comment_id = $1", group).await, 1);
    }

    async fn a_refused_correction_is_told_beside_its_field_and_nothing_typed_is_lost(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;
        recorded(&mut them, &path, &[("person_name", "Morag"), ("hear_back", "none")]).await;
        let person = comment_id(&app, SAID).await;
        let refused = correct(&mut them, &path, person, &[
            ("body", "Something I typed again."),
            ("knowledge", "lived_experience"),
            ("visibility", "named"),
            ("person_name", "Morag Smith"),
            ("hear_back", "email"),
            ("email", ""),
        ]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&refused.body, "email").as_deref(), Some("Enter their email address, or choose another way to hear back"));
        assert_eq!(text_at(&refused.body, "textarea#body").as_deref(), Some("Something I typed again."));
        assert!(has(&refused.body, r#"input#person_name[value="Morag Smith"]"#), "their name as typed");
        assert!(has(&refused.body, r#"input[name="hear_back"][value="email"][checked]"#));
        assert_eq!(comment_id(&app, SAID).await, person, "nothing is saved");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM event_participants WHERE name = $1", "Morag").await, 1);

        let blank = correct(&mut them, &path, person, &[("body", " "), ("knowledge", "lived_experience"), ("visibility", "named"), ("hear_back", "none")]).await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(message_beside(&blank.body, "body").is_some());
    }

    async fn only_the_events_facilitator_corrects_and_only_until_the_round_closes(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;
        let page = them.get(&format!("{path}?statement=CI-1")).await;
        let revision = form_value(&page.body, "revision_id");
        recorded(&mut them, &path, &[("passage", "part"), ("words_of", "CI-1"), ("revision_id", revision.as_str()), ("first_word", "4"), ("last_word", "7")]).await;
        let id = comment_id(&app, SAID).await;
        let edit = format!("{path}/comments/{id}/edit");
        let change = [("body", "Changed by someone else."), ("knowledge", "research"), ("visibility", "named"), ("hear_back", "none")];

        let mut other = facilitator(&app, "other.facilitator@example.org").await;
        assert_eq!(other.get(&edit).await.status, StatusCode::NOT_FOUND);
        assert_eq!(other.post(&edit, &change).await.status, StatusCode::NOT_FOUND);
        let mut editor = signed_in(&app, "editor@example.org").await;
        assert_eq!(editor.post(&edit, &change).await.status, StatusCode::FORBIDDEN);
        let mut participant = signed_in(&app, "participant@example.org").await;
        assert_eq!(participant.post(&edit, &change).await.status, StatusCode::FORBIDDEN);
        assert_eq!(comment_id(&app, SAID).await, id, "nobody else changed it");
        let form = them.get(&edit).await;
        assert!(form.text().contains("It is about the words: “spend time with people”"), "{}", form.text());

        close_round(&app, &mut editor).await;
        let closed = them.get(&edit).await;
        assert!(closed.text().contains("The round this was recorded in has closed, so what was recorded can no longer be corrected."), "{}", closed.text());
        assert!(!has(&closed.body, "textarea#body"), "no form to fill in");
        assert!(!has(&them.get(&path).await.body, &format!(r#"a[href="{edit}"]"#)), "no way to correct it from the event");
        let refused = them.post(&edit, &change).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("can no longer be corrected"), "{}", refused.text());
        assert_eq!(comment_id(&app, SAID).await, id);

        answer_all(&app, &mut editor, "noted").await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Friends added.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        let refused = them.post(&edit, &change).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("A version answering this has been published"), "{}", refused.text());
        assert_eq!(comment_id(&app, SAID).await, id);
        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await;
        assert!(report.text().contains("About the words: “spend time with people”"), "the passage is reported like any other");
    }
}
