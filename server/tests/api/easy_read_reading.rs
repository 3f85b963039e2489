//! Readers' side of easy read twins: the reading switch, easy read text on the pages,
//! comments on the easy read text, and the published version, report and emails.

use crate::{
    comments::open_round,
    drafting::{form_value, latest_revision, redraft},
    on_both_databases,
    publishing::{answer_all, close_round},
    support::{TestApp, TestResponse, Visitor},
};
use app::server::store::easy_read::{self, NewEasyRead, NewPicture};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const CI1_EASY: &str = "I can see my friends. I can see my family.";
const CI1_EASY_LATER: &str = "I can meet my friends. I can meet my family.";
const ALT: &str = "Two friends having a cup of tea together";

/// Write an easy read draft of a statement for its current main text, as an editor's
/// form would (the editors' pages are built beside this work), with a picture if asked.
async fn write_easy_read(app: &TestApp, reference: &str, body: &str, picture: bool) -> i64 {
    let statement_id = app
        .scalar("SELECT id FROM statements WHERE reference = $1", reference)
        .await;
    let main = latest_revision(app, reference).await;
    let mut tx = app.state.db.begin_write().await.unwrap();
    let base: Option<i64> =
        sqlx::query_scalar("SELECT latest_easy_read_id FROM statements WHERE id = $1")
            .bind(statement_id)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let picture_id = if picture {
        Some(
            easy_read::insert_picture(
                &mut tx,
                &NewPicture {
                    content_type: "image/png",
                    bytes: b"\x89PNG\r\n\x1a\n",
                    width: 1,
                    height: 1,
                    sha256: "test",
                    uploaded_by: None,
                },
                now,
            )
            .await
            .unwrap(),
        )
    } else {
        None
    };
    let id = easy_read::add_if_current(
        &mut tx,
        &NewEasyRead {
            statement_id,
            body,
            picture_id,
            picture_alt: if picture { ALT } else { "" },
            author_id: None,
            note: "Easy read written with the reading group.",
            submission_key: None,
        },
        base,
        main,
        now,
    )
    .await
    .unwrap()
    .expect("the statement had not moved on");
    tx.commit().await.unwrap();
    id
}

/// Follow the switch link the way a browser does from one of our pages.
async fn switch(visitor: &mut Visitor<'_>, path_with_query: &str) -> TestResponse {
    visitor
        .get_with_headers(path_with_query, &[("sec-fetch-site", "same-origin")])
        .await
}

/// A statement added after the demo was loaded, which has no easy read text yet (every
/// demo statement has one). Returns its reference.
async fn statement_without_easy_read(app: &TestApp) -> String {
    let mut tx = app.state.db.begin_write().await.unwrap();
    let framework_id: i64 =
        sqlx::query_scalar("SELECT id FROM frameworks WHERE slug = 'national-care-service-demo'")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let theme_id: i64 =
        sqlx::query_scalar("SELECT id FROM themes WHERE framework_id = $1 AND code = 'HL'")
            .bind(framework_id)
            .fetch_one(&mut *tx)
            .await
            .unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let (_, reference) = app::server::store::statements::insert_statement(
        &mut tx,
        &app::server::store::statements::NewStatement {
            framework_id,
            theme_id,
            body: "I choose who comes into my home.",
            author_id: None,
            note: "",
            submission_key: None,
        },
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    reference
}

/// A comment on the easy read text of CI-1 through the form, on its words 3 to 5 ("see
/// my friends") when `passage` is set.
async fn comment_on_easy_read(
    visitor: &mut Visitor<'_>,
    body: &str,
    passage: bool,
) -> TestResponse {
    let form = visitor.get(&format!("{CI1}/comment?text=easy-read")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.text());
    let revision = form_value(&form.body, "revision_id");
    let key = form_value(&form.body, "submission_key");
    let mut fields = vec![
        ("revision_id", revision.as_str()),
        ("submission_key", key.as_str()),
        ("body", body),
        ("knowledge", "lived_experience"),
        ("visibility", "named"),
        ("action", "save"),
        ("passage", "whole"),
    ];
    if passage {
        fields.retain(|(k, _)| *k != "passage");
        fields.extend([("passage", "part"), ("first_word", "3"), ("last_word", "5")]);
    }
    visitor
        .post(&format!("{CI1}/comment?text=easy-read"), &fields)
        .await
}

on_both_databases! {
    async fn the_easy_read_link_remembers_the_choice_in_a_cookie_and_comes_back_to_the_same_page(app) {
        let mut reader = app.visitor();
        let page = reader.get(FRAMEWORK).await;
        assert!(page.text().contains("You are reading the standard text."), "{}", page.text());
        assert!(page.body.contains("?reading=easy-read"), "the switch is a plain link: {}", page.body);

        let switched = switch(&mut reader, &format!("{FRAMEWORK}?theme=x&reading=easy-read")).await;
        assert_eq!(switched.status, StatusCode::SEE_OTHER);
        assert_eq!(switched.location(), format!("{FRAMEWORK}?theme=x"), "back to the same page, without the switch");
        let cookie = switched.headers.get("set-cookie").unwrap().to_str().unwrap().to_owned();
        assert!(cookie.starts_with("our_words_reading=easy_read"), "{cookie}");
        assert!(cookie.contains("Path=/") && cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(cookie.contains("Max-Age=31536000"), "remembered for a year: {cookie}");

        // Remembered on another page.
        let statement = reader.get(CI1).await.text();
        assert!(statement.contains("You are reading the easy read version."), "{statement}");
        assert!(statement.contains("Standard text"));

        let back = switch(&mut reader, &format!("{CI1}?reading=standard")).await;
        assert_eq!(back.location(), CI1);
        assert!(reader.get(CI1).await.text().contains("You are reading the standard text."));
    }

    async fn another_site_cannot_switch_someones_reading_choice(app) {
        let mut reader = app.visitor();
        let sent = reader
            .get_with_headers(&format!("{CI1}?reading=easy-read"), &[("sec-fetch-site", "cross-site")])
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
        assert_eq!(sent.location(), CI1);
        assert!(sent.headers.get("set-cookie").is_none());
        assert!(reader.get(CI1).await.text().contains("You are reading the standard text."));
    }

    async fn a_signed_in_persons_choice_follows_them_to_a_new_browser(app) {
        let mut phone = app.visitor();
        phone.sign_in_as("participant@example.org").await;
        let switched = switch(&mut phone, &format!("{CI1}?reading=easy-read")).await;
        assert_eq!(switched.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.scalar("SELECT easy_read FROM users WHERE email = $1", "participant@example.org").await,
            1
        );

        let mut laptop = app.visitor();
        laptop.sign_in_as("participant@example.org").await;
        assert!(laptop.other_cookies.is_empty(), "a new browser with no reading cookie");
        let page = laptop.get(FRAMEWORK).await.text();
        assert!(page.contains("You are reading the easy read version."), "{page}");
        let account = laptop.get("/account").await;
        assert!(account.text().contains("Easy read"));
        assert!(account.body.contains(r#"name="easy_read" value="yes" checked"#), "the account page shows the same one choice");
    }

    async fn an_easy_read_reader_sees_the_easy_read_text_its_picture_or_a_note_that_there_is_none(app) {
        write_easy_read(&app, "CI-1", CI1_EASY, true).await;
        let mut reader = app.visitor();
        switch(&mut reader, &format!("{CI1}?reading=easy-read")).await;

        let page = reader.get(CI1).await;
        assert!(page.text().contains(CI1_EASY), "{}", page.text());
        assert!(!page.text().contains("I'm able to spend time"), "the standard text is not shown instead");
        assert!(page.body.contains(&format!(r#"alt="{ALT}""#)), "the picture is described");
        assert!(page.body.contains(r#"src="/pictures/"#));

        let framework = reader.get(FRAMEWORK).await.text();
        assert!(framework.contains(CI1_EASY));

        let other = statement_without_easy_read(&app).await;
        let fallback = reader.get(&format!("{FRAMEWORK}/statements/{other}")).await.text();
        assert!(fallback.contains("There is no easy read version of this statement yet."), "{fallback}");

        // The standard reader still reads the standard text.
        let standard = app.visitor().get(CI1).await.text();
        assert!(standard.contains("I'm able to spend time with people important to me."));
        assert!(!standard.contains(CI1_EASY));
    }

    async fn easy_read_readers_are_told_when_the_easy_read_text_was_written_for_an_earlier_draft(app) {
        write_easy_read(&app, "CI-1", CI1_EASY, false).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "CI-1").await;
        let saved = redraft(&mut editor, CI1, base, "I'm able to see the people important to me, when I want.", "").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);

        let mut reader = app.visitor();
        switch(&mut reader, &format!("{CI1}?reading=easy-read")).await;
        let page = reader.get(CI1).await.text();
        assert!(page.contains(CI1_EASY));
        assert!(page.contains("This easy read version was written for an earlier draft of the statement."), "{page}");
    }

    async fn a_comment_on_the_easy_read_text_is_kept_on_the_easy_read_draft_and_shown_as_such(app) {
        let easy = write_easy_read(&app, "CI-1", CI1_EASY, false).await;
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;

        let form = participant.get(&format!("{CI1}/comment?text=easy-read")).await;
        let text = form.text();
        assert!(text.contains("You are commenting on the easy read text"), "{text}");
        assert!(text.contains("3: see"), "the words to choose from are the easy read words: {text}");
        assert!(!text.contains("4: spend"));

        let saved = comment_on_easy_read(&mut participant, "Say who my friends are.", true).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        assert_eq!(
            app.scalar("SELECT revision_id FROM comments WHERE body = $1", "Say who my friends are.").await,
            easy
        );

        let standard_page = participant.get(CI1).await;
        assert!(standard_page.text().contains("Made on the easy read text."));
        assert!(!standard_page.body.contains("<mark class=\"passage\">"), "not marked in the standard text's words");

        switch(&mut participant, &format!("{CI1}?reading=easy-read")).await;
        let easy_page = participant.get(CI1).await;
        assert!(easy_page.body.contains("<mark class=\"passage\">see my friends"), "{}", easy_page.body);

        // A refused comment on the easy read text comes back on the easy read text.
        let refused = comment_on_easy_read(&mut participant, "", false).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("You are commenting on the easy read text"));
    }

    async fn an_answer_to_an_easy_read_comment_links_to_the_newest_easy_read_draft(app) {
        write_easy_read(&app, "CI-1", CI1_EASY, false).await;
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment_on_easy_read(&mut participant, "Say meet, not see.", false).await;
        let newer = write_easy_read(&app, "CI-1", CI1_EASY_LATER, false).await;

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;
        let list = editor.get(&format!("{FRAMEWORK}/rounds/{round}/comments")).await.text();
        assert!(list.contains("Made on the easy read text."), "{list}");
        let id = app.scalar("SELECT id FROM comments WHERE body = $1", "Say meet, not see.").await;
        let answered = editor
            .post(
                &format!("{FRAMEWORK}/rounds/{round}/comments"),
                &[("comment_id", &id.to_string()), (&format!("outcome-{id}"), "incorporated"), (&format!("reason-{id}"), "We say meet now.")],
            )
            .await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.text());
        let linked: i64 = sqlx::query_scalar(
            "SELECT rr.revision_id FROM response_revisions rr JOIN responses r ON r.id = rr.response_id WHERE r.comment_id = $1",
        )
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!(linked, newer, "the newest easy read draft, not the main text's");
        let page = participant.get(CI1).await.text();
        // The demo wrote easy read draft 1; the test wrote 2 (commented on) and 3.
        assert!(page.contains("Acted on in easy read draft 3."), "numbered among the easy read drafts: {page}");
    }

    async fn a_published_version_keeps_its_easy_read_text_and_sends_it_to_easy_read_readers(app) {
        write_easy_read(&app, "CI-1", CI1_EASY, true).await;
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        switch(&mut participant, &format!("{CI1}?reading=easy-read")).await;
        comment_on_easy_read(&mut participant, "I like this easy read.", false).await;

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        close_round(&app, &mut editor).await;
        answer_all(&app, &mut editor, "noted").await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "First version.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());

        // A later easy read redraft does not change what the version published.
        write_easy_read(&app, "CI-1", CI1_EASY_LATER, false).await;
        let mut reader = app.visitor();
        switch(&mut reader, &format!("{FRAMEWORK}/versions/1?reading=easy-read")).await;
        let version = reader.get(&format!("{FRAMEWORK}/versions/1")).await;
        assert!(version.text().contains(CI1_EASY), "{}", version.text());
        assert!(!version.text().contains(CI1_EASY_LATER));
        assert!(version.body.contains(&format!(r#"alt="{ALT}""#)));
        let report = reader.get(&format!("{FRAMEWORK}/versions/1/report")).await.text();
        assert!(report.contains(&format!("CI-1: {CI1_EASY}")), "{report}");
        assert!(report.contains("Made on the easy read text."));
        let trace = reader.get(&format!("{FRAMEWORK}/versions/1/statements/CI-1/trace")).await.text();
        assert!(trace.contains("Why does the easy read text say this?"), "{trace}");
        // Changed from the demo's easy read draft, so the new words are marked as added.
        assert!(trace.contains("I can"), "{trace}");
        assert!(trace.contains("my family"), "{trace}");
        let standard = app.visitor().get(&format!("{FRAMEWORK}/versions/1")).await.text();
        assert!(standard.contains("I'm able to spend time with people important to me."));

        // The exports are the same whoever downloads them.
        let csv = reader.get(&format!("{FRAMEWORK}/versions/1/report.csv")).await.body;
        assert!(csv.lines().next().unwrap().contains("\"published_easy_read_text\""), "{csv}");
        assert!(csv.contains(&format!("\"{CI1_EASY}\"")), "{csv}");
        assert!(csv.contains("\"easy_read\""), "the comment says which text it was on");
        let json = reader.get(&format!("{FRAMEWORK}/versions/1/report.json")).await.body;
        let data: serde_json::Value = serde_json::from_str(&json).unwrap();
        let ci1 = data["statements"].as_array().unwrap().iter().find(|s| s["reference"] == "CI-1").unwrap();
        assert_eq!(ci1["published_easy_read_text"], CI1_EASY);
        assert_eq!(ci1["published_text"], "I'm able to spend time with people important to me.", "the exports tell the standard story");

        let before = app.smtp().messages().len();
        let sent = app::server::outbox::drain_once(&app.state).await.unwrap();
        assert_eq!(sent, 1);
        let email = app.smtp().wait_for(before + 1).await.pop().unwrap();
        assert_eq!(email.recipients, ["participant@example.org"]);
        let text = email.text_body();
        assert!(text.contains(&format!("It now says: \"{CI1_EASY}\"")), "{text}");
        assert!(email.html_body().contains(CI1_EASY));
    }
}
