//! "This still matters to me": a person who commented in an earlier round sees what they
//! said and the answer it got before commenting again, and links it to the new round in
//! one step, which editors see marked and counted. And the demo, which shows this loop.

use crate::{
    comments::comment,
    html::{has, links, message_beside},
    on_both_databases,
    paging::seed_in_round,
    support::{Backend, TestApp, Visitor, spawn_app_with_demo_round},
    two_rounds::{a_month_passes, answer, close_round, comment_id, open_round, publish},
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const HL2: &str = "/frameworks/national-care-service-demo/statements/HL-2";
const SAMS_WORDS: &str = "Staff moved my things without asking me first.";
const JOS_WORDS: &str = "Our members want to be asked before any change at home.";
const ANSWER: &str = "The statement already says you decide what happens at home.";

struct Story<'a> {
    editor: Visitor<'a>,
    sam: Visitor<'a>,
    jo: Visitor<'a>,
    /// Sam's comment in the first round, and Jo's.
    sams_earlier: i64,
    jos_earlier: i64,
}

/// A first round in which Sam and Jo comment on HL-2, both answered "Not incorporated"
/// and published as version 1; a month later, nothing is open yet.
async fn first_round_published(app: &TestApp) -> Story<'_> {
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    let mut sam = app.visitor();
    sam.sign_in_as("participant@example.org").await;
    let mut jo = app.visitor();
    jo.sign_in_as("rep@example.org").await;
    let round = open_round(&mut editor, "First round").await;
    comment(&mut sam, HL2, &[("body", SAMS_WORDS)]).await;
    comment(
        &mut jo,
        HL2,
        &[("body", JOS_WORDS), ("knowledge", "practice")],
    )
    .await;
    close_round(&mut editor, round).await;
    let sams_earlier = comment_id(app, SAMS_WORDS).await;
    let jos_earlier = comment_id(app, JOS_WORDS).await;
    for id in [sams_earlier, jos_earlier] {
        answer(&mut editor, round, id, "not_incorporated", ANSWER).await;
    }
    publish(&mut editor, "First version.").await;
    a_month_passes(app).await;
    Story {
        editor,
        sam,
        jo,
        sams_earlier,
        jos_earlier,
    }
}

/// Press "This still matters to me" for `earlier` with the key the comment page gave.
async fn say_it_still_matters(
    visitor: &mut Visitor<'_>,
    earlier: i64,
    key: &str,
) -> crate::support::TestResponse {
    visitor
        .post(
            &format!("{HL2}/still-matters"),
            &[
                ("earlier_comment_id", &earlier.to_string()),
                ("submission_key", key),
            ],
        )
        .await
}

/// The key of the "This still matters to me" button for `earlier` on the comment page.
async fn button_key(visitor: &mut Visitor<'_>, earlier: i64) -> String {
    let page = visitor.get(&format!("{HL2}/comment")).await;
    let ending = format!("-{earlier}");
    page.body
        .split("name=\"submission_key\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|key| key.ends_with(&ending))
        .unwrap_or_else(|| panic!("no button for comment {earlier}: {}", page.text()))
        .to_owned()
}

/// One number from the database, for one id.
async fn number(app: &TestApp, sql: &'static str, id: i64) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn links_to(app: &TestApp, earlier: i64) -> i64 {
    number(
        app,
        "SELECT COUNT(*) FROM comments WHERE earlier_comment_id = $1 AND withdrawn_at IS NULL",
        earlier,
    )
    .await
}

on_both_databases! {
    async fn a_person_sees_their_earlier_comment_and_its_answer_before_commenting_again(app) {
        let mut s = first_round_published(&app).await;
        open_round(&mut s.editor, "Second round").await;
        let page = s.sam.get(&format!("{HL2}/comment")).await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        assert!(text.contains("What you said before"), "{text}");
        assert!(text.contains("In First round, on draft 1"), "{text}");
        assert!(text.contains(SAMS_WORDS), "{text}");
        assert!(text.contains("What happened: Not incorporated"), "{text}");
        assert!(text.contains(ANSWER), "{text}");
        assert!(text.contains("This still matters to me"), "{text}");
        assert!(!text.contains(JOS_WORDS), "only their own earlier comments: {text}");
        // The form for something new is still there.
        assert!(text.contains("Or say something new"), "{text}");
    }

    async fn the_statement_page_invites_them_back_to_what_they_said_until_they_say_it_still_matters(app) {
        let mut s = first_round_published(&app).await;
        let invitation = "You commented on this statement before, in First round.";
        // Nothing to invite them to while no round is open.
        assert!(!s.sam.get(HL2).await.text().contains(invitation));
        open_round(&mut s.editor, "Second round").await;
        let page = s.sam.get(HL2).await;
        assert!(page.text().contains(invitation), "{}", page.text());
        let link = links(&page.body, "a[href]")
            .into_iter()
            .find(|(_, text)| text.starts_with("See what you said"))
            .map(|(href, _)| href);
        assert_eq!(link.as_deref(), Some(&*format!("{HL2}/comment#earlier-comments-heading")));
        // Only for the person who commented, and only on the statement they commented on.
        let mut reader = app.visitor();
        reader.sign_in_as("admin@example.org").await;
        assert!(!reader.get(HL2).await.text().contains(invitation));
        assert!(!s.sam.get(&format!("{FRAMEWORK}/statements/HL-1")).await.text().contains(invitation));
        // Once they say it still matters, there is nothing left to invite them to.
        let key = button_key(&mut s.sam, s.sams_earlier).await;
        say_it_still_matters(&mut s.sam, s.sams_earlier, &key).await;
        assert!(!s.sam.get(HL2).await.text().contains(invitation));
    }

    async fn this_still_matters_makes_one_linked_comment_even_when_sent_twice(app) {
        let mut s = first_round_published(&app).await;
        let round = open_round(&mut s.editor, "Second round").await;
        let key = button_key(&mut s.sam, s.sams_earlier).await;
        for _ in 0..2 {
            let said = say_it_still_matters(&mut s.sam, s.sams_earlier, &key).await;
            assert_eq!(said.status, StatusCode::SEE_OTHER, "{}", said.text());
            assert_eq!(said.location(), format!("{HL2}?saved=comment#comments"));
        }
        assert_eq!(links_to(&app, s.sams_earlier).await, 1, "a doubled submit makes one comment");
        let new_id = number(&app, "SELECT id FROM comments WHERE earlier_comment_id = $1", s.sams_earlier).await;
        let (body, knowledge, in_round) = sqlx::query_as::<_, (String, String, i64)>(
            "SELECT body, knowledge, round_id FROM comments WHERE id = $1",
        )
        .bind(new_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!((body.as_str(), knowledge.as_str(), in_round), (SAMS_WORDS, "lived_experience", round));

        // It shows on the statement as Sam's, and the comment page says it is done.
        let statement = s.sam.get(HL2).await.text();
        assert!(statement.contains(SAMS_WORDS), "{statement}");
        let page = s.sam.get(&format!("{HL2}/comment")).await.text();
        assert!(page.contains("You said this still matters in this round."), "{page}");

        // Once per round: a fresh press is refused beside the button.
        let again = say_it_still_matters(&mut s.sam, s.sams_earlier, "another-key-0001").await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(links_to(&app, s.sams_earlier).await, 1);

        // Withdrawn like any comment, after which it can be said again.
        let withdrawn = s.sam.post(&format!("{HL2}/comments/{new_id}/edit"), &[("action", "withdraw")]).await;
        assert_eq!(withdrawn.status, StatusCode::SEE_OTHER, "{}", withdrawn.text());
        assert_eq!(links_to(&app, s.sams_earlier).await, 0);
        assert!(s.sam.get(&format!("{HL2}/comment")).await.text().contains("This still matters to me"));
    }

    async fn a_second_press_in_the_same_round_is_refused_beside_its_button(app) {
        let mut s = first_round_published(&app).await;
        open_round(&mut s.editor, "Second round").await;
        let key = button_key(&mut s.sam, s.sams_earlier).await;
        say_it_still_matters(&mut s.sam, s.sams_earlier, &key).await;
        // The same page, opened in another tab before the first press, pressed again.
        let refused = say_it_still_matters(&mut s.sam, s.sams_earlier, "a-second-tab-key-1").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let id = format!("still-matters-{}", s.sams_earlier);
        assert_eq!(
            message_beside(&refused.body, &id).as_deref(),
            Some("You have already said this still matters in this round.")
        );
    }

    async fn someone_elses_earlier_comment_cannot_be_used(app) {
        let mut s = first_round_published(&app).await;
        open_round(&mut s.editor, "Second round").await;
        let key = button_key(&mut s.jo, s.jos_earlier).await;
        let refused = say_it_still_matters(&mut s.jo, s.sams_earlier, &key).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        assert_eq!(links_to(&app, s.sams_earlier).await, 0);
        assert!(!refused.text().contains(SAMS_WORDS), "nothing of Sam's comment is shown");
    }

    async fn nothing_is_linked_while_no_round_is_open(app) {
        let mut s = first_round_published(&app).await;
        let page = s.sam.get(&format!("{HL2}/comment")).await.text();
        assert!(!page.contains("This still matters to me"), "no button without an open round: {page}");
        let refused = say_it_still_matters(&mut s.sam, s.sams_earlier, "no-round-open-key-1").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("There is no consultation round open now, so nothing has been saved."), "{}", refused.text());
        assert_eq!(links_to(&app, s.sams_earlier).await, 0);
        assert_eq!(
            app.scalar("SELECT COUNT(*) FROM comments WHERE body = $1", SAMS_WORDS).await,
            1
        );
    }

    async fn it_needs_an_answer_before_publishing_and_reaches_the_email(app) {
        let mut s = first_round_published(&app).await;
        let round = open_round(&mut s.editor, "Second round").await;
        let key = button_key(&mut s.sam, s.sams_earlier).await;
        say_it_still_matters(&mut s.sam, s.sams_earlier, &key).await;
        close_round(&mut s.editor, round).await;
        let refused = s.editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Too soon")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("1 comment still needs an answer."), "{}", refused.text());

        let linked = number(&app, "SELECT id FROM comments WHERE earlier_comment_id = $1", s.sams_earlier).await;
        answer(&mut s.editor, round, linked, "noted", "We hear you again, and we will raise it with providers.").await;
        assert_eq!(publish(&mut s.editor, "Second version.").await, format!("{FRAMEWORK}/versions/2?published=1"));
        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/2/report")).await.text();
        assert!(report.contains("We hear you again, and we will raise it with providers."), "{report}");

        app::server::outbox::drain_once(&app.state).await.unwrap();
        let to_sam: Vec<_> = app
            .smtp()
            .messages()
            .into_iter()
            .filter(|e| e.recipients == ["participant@example.org"] && e.text_body().contains("We hear you again"))
            .collect();
        assert_eq!(to_sam.len(), 1, "Sam's version 2 email answers it");
        // Line by line: mail travels with CRLF line ends.
        let text = to_sam[0].text_body();
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let said = format!("Your words: \"{SAMS_WORDS}\"");
        assert!(
            lines.windows(2).any(|pair| pair == ["You said this still matters to you; you first said it in First round.", said.as_str()]),
            "it says it still matters rather than reading like a fresh comment: {text}"
        );
        assert!(!text.contains("You said: "), "{text}");
        assert!(to_sam[0].html_body().contains("you first said it in First round."));
    }

    async fn editors_see_it_marked_with_the_earlier_answer_and_counted(app) {
        let mut s = first_round_published(&app).await;
        let first_round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;
        let round = open_round(&mut s.editor, "Second round").await;
        let key = button_key(&mut s.sam, s.sams_earlier).await;
        say_it_still_matters(&mut s.sam, s.sams_earlier, &key).await;
        let jos_key = button_key(&mut s.jo, s.jos_earlier).await;
        say_it_still_matters(&mut s.jo, s.jos_earlier, &jos_key).await;

        let list = s.editor.get(&format!("{FRAMEWORK}/rounds/{round}/comments")).await;
        let text = list.text();
        assert!(
            text.contains(&format!("Still matters: first said in First round, answered ‘Not incorporated: {ANSWER}’.")),
            "{text}"
        );
        assert!(text.contains("In this round, 2 people said an earlier comment still matters."), "{text}");
        assert!(text.contains("HL-2: 2 people said an earlier comment still matters"), "{text}");
        let earlier = s.sams_earlier;
        assert!(
            list.body.contains(&format!("{FRAMEWORK}/rounds/{first_round}/comments?statement=HL-2&amp;comment={earlier}#comment-{earlier}")),
            "the note links to the page of the earlier round's list that holds the earlier comment"
        );

        // Not shown to the people who commented.
        let as_sam = s.sam.get(&format!("{FRAMEWORK}/rounds/{round}/comments")).await;
        assert_ne!(as_sam.status, StatusCode::OK);
    }

    async fn still_matters_counts_and_notes_are_the_same_on_a_page_that_is_not_the_first(app) {
        let mut s = first_round_published(&app).await;
        let round = open_round(&mut s.editor, "Second round").await;
        let key = button_key(&mut s.sam, s.sams_earlier).await;
        say_it_still_matters(&mut s.sam, s.sams_earlier, &key).await;
        let jos_key = button_key(&mut s.jo, s.jos_earlier).await;
        say_it_still_matters(&mut s.jo, s.jos_earlier, &jos_key).await;
        // Sixty comments on CI-1 fill page 1, so HL-2's two are on page 2.
        seed_in_round(&app, "Second round", "CI-1", "participant@example.org", 60, "named", "Seeded comment").await;
        let list = format!("{FRAMEWORK}/rounds/{round}/comments");

        let first = s.editor.get(&list).await.text();
        let second = s.editor.get(&format!("{list}?page=2")).await;
        let second_text = second.text();
        for text in [first.as_str(), second_text.as_str()] {
            assert!(text.contains("In this round, 2 people said an earlier comment still matters."), "{text}");
            assert!(text.contains("HL-2: 2 people said an earlier comment still matters"), "{text}");
        }
        assert!(!first.contains("Still matters: first said in"), "no notes for page 1's comments");
        let noted = format!("Still matters: first said in First round, answered ‘Not incorporated: {ANSWER}’.");
        assert_eq!(second_text.matches(&noted).count(), 2, "{second_text}");

        // The note's link opens the earlier round's list at Sam's earlier comment.
        let earlier = s.sams_earlier;
        let (link, _) = links(&second.body, "p.still-matters a")
            .into_iter()
            .find(|(href, _)| href.ends_with(&format!("#comment-{earlier}")))
            .expect("a link to Sam's earlier comment");
        let opened = s.editor.get(link.split('#').next().unwrap()).await;
        assert_eq!(opened.status, StatusCode::OK);
        assert!(has(&opened.body, &format!("li#comment-{earlier}")), "{}", opened.text());
    }
}

/// The demo as a newcomer sees it: version 1 published from an earlier round, with its
/// report, trace and emails, and an open round in which Sam says an earlier comment still
/// matters, on both databases.
async fn the_demo_shows_the_whole_loop(backend: Backend) {
    let app = spawn_app_with_demo_round(backend).await;
    let version = app.visitor().get(&format!("{FRAMEWORK}/versions/1")).await;
    assert_eq!(version.status, StatusCode::OK, "{}", version.text());
    let report = app
        .visitor()
        .get(&format!("{FRAMEWORK}/versions/1/report"))
        .await;
    assert_eq!(report.status, StatusCode::OK);
    let report = report.text();
    assert!(report.contains("We took your wording"), "{report}");
    assert!(
        report.contains("We will use your example in the guidance for care providers instead."),
        "{report}"
    );
    let trace = app
        .visitor()
        .get(&format!("{FRAMEWORK}/versions/1/statements/WF-1/trace"))
        .await;
    assert_eq!(trace.status, StatusCode::OK);
    assert!(
        trace.text().contains("at home and in my community"),
        "{}",
        trace.text()
    );
    assert!(
        app.scalar(
            "SELECT COUNT(*) FROM outbox WHERE batch LIKE $1",
            "publication:%"
        )
        .await
            >= 3,
        "one personal email per contributor"
    );

    // The open round keeps its eighteen comments from people who signed in (one of
    // which says Sam's earlier comment still matters), the four copies of the demo's
    // campaign and the two recorded at the demo's Dundee workshop.
    let open = app
        .scalar(
            "SELECT id FROM rounds WHERE title = $1",
            "Spring consultation (demo)",
        )
        .await;
    assert_eq!(
        number(
            &app,
            "SELECT COUNT(*) FROM comments WHERE round_id = $1",
            open
        )
        .await,
        24
    );
    assert_eq!(
        number(
            &app,
            "SELECT COUNT(*) FROM comments WHERE earlier_comment_id IS NOT NULL AND round_id = $1",
            open
        )
        .await,
        1
    );
    let mut sam = app.visitor();
    sam.sign_in_as("participant@example.org").await;
    let page = sam.get(&format!("{HL2}/comment")).await.text();
    assert!(
        page.contains("You said this still matters in this round."),
        "{page}"
    );
    let ps4 = sam
        .get(&format!("{FRAMEWORK}/statements/PS-4/comment"))
        .await
        .text();
    assert!(ps4.contains("What happened: Noted"), "{ps4}");
    assert!(ps4.contains("This still matters to me"), "{ps4}");
}

#[tokio::test]
async fn the_demo_shows_the_whole_loop_on_sqlite() {
    the_demo_shows_the_whole_loop(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_demo_shows_the_whole_loop_on_postgres() {
    the_demo_shows_the_whole_loop(Backend::Postgres).await;
}
