use crate::{
    comments::open_round,
    drafting::form_value,
    html::{message_beside, table_cell},
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
        assert_eq!(them.get("/events").await.status, StatusCode::FORBIDDEN);
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
        recorded(&mut them, &path, &[("person_name", "Morag"), ("hear_back", "facilitator")]).await;
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

    async fn letters_go_to_exactly_the_people_who_asked_by_post_or_through_the_facilitator_and_to_each_group(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, FACILITATOR).await;
        let path = event(&mut them).await;
        recorded(&mut them, &path, &[("person_name", "Morag"), ("hear_back", "email"), ("email", "morag@example.org"), ("body", "Email me please.")]).await;
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
    }
}
