//! One account cannot flood a round: a limit per person per hour on comments and
//! proposals, with a message beside the text saying when they can send again; editors
//! see who wrote a burst of comments and what they wrote.

use crate::{
    comments::{comment, open_round},
    drafting::form_value,
    events::{event, facilitator, recorded},
    html::{links, message_beside, table_cell},
    on_both_databases_with,
    proposals::propose,
    support::TestApp,
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const HL1: &str = "/frameworks/national-care-service-demo/statements/HL-1";
/// Three an hour, so the tests reach the limit in a few steps; bursts above two.
const LIMITS: &[(&str, &str)] = &[
    ("OUR_WORDS_COMMENTS_PER_HOUR", "3"),
    ("OUR_WORDS_BURST_ABOVE", "2"),
];

async fn comments_by(app: &TestApp, email: &str) -> i64 {
    app.scalar(
        "SELECT COUNT(*) FROM comments c JOIN users u ON u.id = c.author_id WHERE u.email = $1",
        email,
    )
    .await
}

/// Everything counted so far happened more than an hour ago.
async fn an_hour_passes(app: &TestApp) {
    for sql in [
        "UPDATE rate_limit_hits SET hit_at = hit_at - 3601",
        "UPDATE comments SET created_at = created_at - 3601",
    ] {
        sqlx::query(sql).execute(&app.state.db.pool).await.unwrap();
    }
}

/// Give `email` live comments in the open round written at each of `times` (Unix
/// seconds), copied from one they wrote through the form, which is then moved out of
/// the way (a week earlier), so a test can set out exactly when each was written.
async fn written_at(app: &TestApp, email: &str, times: &[i64]) {
    let mut them = app.visitor();
    them.sign_in_as(email).await;
    assert_eq!(
        comment(&mut them, CI1, &[("body", "The first of mine.")])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let author = app
        .scalar("SELECT id FROM users WHERE email = $1", email)
        .await;
    for at in times {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, knowledge, \
             visibility, created_at, updated_at, submission_key) \
             SELECT statement_id, revision_id, round_id, author_id, 'Written at {at}', knowledge, \
             visibility, {at}, {at}, submission_key || '-{at}' FROM comments \
             WHERE author_id = {author} AND body = 'The first of mine.'"
        )))
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE comments SET created_at = created_at - 604800 WHERE author_id = {author} AND body = 'The first of mine.'"
    )))
    .execute(&app.state.db.pool)
    .await
    .unwrap();
}

on_both_databases_with! { LIMITS;
    async fn a_burst_is_anyones_busiest_hour_not_a_clock_hour_and_the_busiest_come_first(app) {
        open_round(&app).await;
        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;
        let hour = 3600;
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
        // A clock hour a day ago.
        let base = (now / hour - 24) * hour;
        let minutes = |m: i64| base + m * 60;
        // Sam: six from 2:50 to 3:10, where no clock hour holds more than three, then one
        // exactly an hour after the last, which is in another hour.
        let sam: Vec<i64> = [170, 173, 176, 182, 186, 190, 250].map(minutes).to_vec();
        written_at(&app, "participant@example.org", &sam).await;
        // The editor: three within ten minutes.
        written_at(&app, "editor@example.org", &[minutes(600), minutes(605), minutes(610)]).await;
        // The representative: four, half an hour apart: never three within an hour.
        written_at(&app, "rep@example.org", &[minutes(0), minutes(30), minutes(60), minutes(90)]).await;

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let page = editor.get(&format!("{FRAMEWORK}/rounds/{round}/bursts")).await;
        let pool = &app.state.db.pool;
        let name = |email: &'static str| async move {
            sqlx::query_scalar::<_, String>("SELECT display_name FROM users WHERE email = $1")
                .bind(email)
                .fetch_one(pool)
                .await
                .unwrap()
        };
        let (sam_name, editor_name, rep_name) =
            (name("participant@example.org").await, name("editor@example.org").await, name("rep@example.org").await);
        assert_eq!(table_cell(&page.body, &sam_name, "Comments").as_deref(), Some("6"));
        assert_eq!(
            table_cell(&page.body, &sam_name, "When").as_deref(),
            Some(app::domain::format_span(minutes(170), minutes(190)).as_str()),
            "the stretch from the first to the last of the six"
        );
        assert_eq!(table_cell(&page.body, &editor_name, "Comments").as_deref(), Some("3"));
        assert_eq!(table_cell(&page.body, &rep_name, "Comments"), None, "{}", page.text());
        let text = page.text();
        let table = &text[text.find("Bursts of comments, busiest first").expect("the table")..];
        assert!(table.find(&sam_name) < table.find(&editor_name), "the busiest first: {table}");

        // Withdrawn comments are not counted: two of the editor's three leave a calm hour.
        sqlx::query("UPDATE comments SET withdrawn_at = created_at WHERE body = 'Written at ' || CAST(created_at AS TEXT) AND created_at > $1")
            .bind(minutes(600))
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        let after = editor.get(&format!("{FRAMEWORK}/rounds/{round}/bursts")).await;
        assert_eq!(table_cell(&after.body, &editor_name, "Comments"), None, "{}", after.text());
        assert_eq!(table_cell(&after.body, &sam_name, "Comments").as_deref(), Some("6"));
    }

    async fn a_comment_over_the_hourly_limit_comes_back_saying_when_with_everything_typed_kept(app) {
        open_round(&app).await;
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        for n in 1..=3 {
            let saved = comment(&mut sam, CI1, &[("body", &format!("Comment number {n}."))]).await;
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        }
        let refused = comment(&mut sam, CI1, &[("body", "One too many, but still mine."), ("suggestion", "My better words.")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = message_beside(&refused.body, "body").expect("a message beside the text");
        assert!(message.starts_with("You have sent 3 comments and proposals in the last hour, which is as many as anyone can send in one hour. You can send this from "), "{message}");
        assert!(message.contains("(UTC)") && message.contains("everything you typed is still here"), "{message}");
        assert!(refused.body.contains("One too many, but still mine.</textarea>"), "the comment typed is kept");
        assert!(refused.body.contains("My better words.</textarea>"), "the suggestion typed is kept");
        assert_eq!(comments_by(&app, "participant@example.org").await, 3);

        // Someone else is not held back by Sam's comments.
        let mut jo = app.visitor();
        jo.sign_in_as("rep@example.org").await;
        let theirs = comment(&mut jo, CI1, &[("body", "My own first comment.")]).await;
        assert_eq!(theirs.status, StatusCode::SEE_OTHER, "{}", theirs.text());

        // An hour on, Sam can send it.
        an_hour_passes(&app).await;
        let later = comment(&mut sam, CI1, &[("body", "One too many, but still mine.")]).await;
        assert_eq!(later.status, StatusCode::SEE_OTHER, "{}", later.text());
        assert_eq!(comments_by(&app, "participant@example.org").await, 4);
    }

    async fn the_same_comment_sent_twice_counts_once_and_a_refused_one_not_at_all(app) {
        open_round(&app).await;
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        // A comment refused for what it says is not counted.
        let empty = comment(&mut sam, CI1, &[("body", "")]).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        // The same form sent twice (the same submission key) saves and counts one.
        let page = sam.get(&format!("{CI1}/comment")).await;
        let key = form_value(&page.body, "submission_key");
        for _ in 0..2 {
            let sent = comment(&mut sam, CI1, &[("submission_key", &key), ("body", "Sent twice.")]).await;
            assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
        }
        for body in ["Second.", "Third."] {
            let saved = comment(&mut sam, CI1, &[("body", body)]).await;
            assert_eq!(saved.status, StatusCode::SEE_OTHER, "{body}: {}", saved.text());
        }
        let refused = comment(&mut sam, CI1, &[("body", "Fourth.")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(comments_by(&app, "participant@example.org").await, 3);
    }

    async fn proposals_and_comments_on_proposals_count_with_comments(app) {
        open_round(&app).await;
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        for body in ["First.", "Second."] {
            assert_eq!(comment(&mut sam, CI1, &[("body", body)]).await.status, StatusCode::SEE_OTHER);
        }
        let proposed = propose(&mut sam, &[]).await;
        assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.text());
        let refused = propose(&mut sam, &[("body", "I choose who comes into my home.")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = message_beside(&refused.body, "body").expect("a message beside the proposal's words");
        assert!(message.starts_with("You have sent 3 comments and proposals in the last hour"), "{message}");
        assert!(refused.body.contains("I choose who comes into my home."), "the proposal typed is kept");

        let proposal = app.scalar("SELECT id FROM proposals WHERE body = $1", "I can get to my allotment every week.").await;
        let path = format!("{FRAMEWORK}/proposals/{proposal}");
        let page = sam.get(&path).await;
        let key = form_value(&page.body, "comment_key");
        let on_proposal = sam
            .post(&path, &[("action", "comment"), ("comment_key", &key), ("comment_body", "Me too, and here is why."), ("comment_knowledge", "lived_experience"), ("comment_visibility", "named")])
            .await;
        assert_eq!(on_proposal.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = message_beside(&on_proposal.body, "comment_body").expect("a message beside the comment");
        assert!(message.contains("You can send this from"), "{message}");
        assert!(on_proposal.body.contains("Me too, and here is why."), "the comment typed is kept");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposal_comments WHERE body = $1", "Me too, and here is why.").await, 0);
    }

    async fn two_tabs_sending_at_once_cannot_both_slip_under_the_limit(app) {
        open_round(&app).await;
        let mut first = app.visitor();
        first.sign_in_as("participant@example.org").await;
        let mut second = app.visitor();
        second.sign_in_as("participant@example.org").await;
        for body in ["One.", "Two."] {
            assert_eq!(comment(&mut first, CI1, &[("body", body)]).await.status, StatusCode::SEE_OTHER);
        }
        let (a, b) = tokio::join!(
            comment(&mut first, CI1, &[("body", "From the first tab.")]),
            comment(&mut second, HL1, &[("body", "From the second tab.")]),
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::UNPROCESSABLE_ENTITY]);
        assert_eq!(comments_by(&app, "participant@example.org").await, 3);
    }

    async fn a_facilitator_recording_many_peoples_words_at_an_event_is_not_limited(app) {
        open_round(&app).await;
        let mut them = facilitator(&app, "facilitator@example.org").await;
        let path = event(&mut them).await;
        for n in 1..=5 {
            recorded(&mut them, &path, &[("body", &format!("Person {n} said this at the workshop."))]).await;
        }
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE body LIKE $1", "Person % said this at the workshop.").await, 5);
        // In their own name they are counted like anyone.
        for body in ["Mine one.", "Mine two.", "Mine three."] {
            assert_eq!(comment(&mut them, CI1, &[("body", body)]).await.status, StatusCode::SEE_OTHER);
        }
        assert_eq!(comment(&mut them, CI1, &[("body", "Mine four.")]).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    async fn editors_see_who_wrote_a_burst_and_read_their_comments_from_there(app) {
        open_round(&app).await;
        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        for body in ["Burst one.", "Burst two.", "Burst three."] {
            assert_eq!(comment(&mut sam, CI1, &[("body", body)]).await.status, StatusCode::SEE_OTHER);
        }
        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        comment(&mut rep, CI1, &[("body", "Just the one.")]).await;

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let answers = editor.get(&format!("{FRAMEWORK}/rounds/{round}/comments")).await;
        let bursts_path = format!("{FRAMEWORK}/rounds/{round}/bursts");
        assert!(links(&answers.body, "a[href]").iter().any(|(href, _)| *href == bursts_path), "the answer list links to the bursts");

        let page = editor.get(&bursts_path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("People who wrote more than 2 comments within one hour of this round."));
        assert_eq!(table_cell(&page.body, "Sam (demo participant)", "Comments").as_deref(), Some("3"));
        assert!(table_cell(&page.body, "Sam (demo participant)", "When").is_some_and(|w| w.ends_with("(UTC)")));
        assert!(!page.text().contains("Just the one"), "one comment is no burst");

        let sam_id = app.scalar("SELECT id FROM users WHERE email = $1", "participant@example.org").await;
        let theirs = links(&page.body, "a[href]")
            .into_iter()
            .find(|(_, text)| text.starts_with("See their comments"))
            .expect("a link to their comments")
            .0;
        assert_eq!(theirs, format!("{bursts_path}?person={sam_id}#their-comments"));
        let listed = editor.get(&theirs).await;
        let text = listed.text();
        assert!(text.contains("Comments by Sam (demo participant) in this round"), "{text}");
        for body in ["Burst one.", "Burst two.", "Burst three."] {
            assert!(text.contains(body), "{body}");
        }
        assert!(!text.contains("Just the one."), "only their comments");
        let first = app.scalar("SELECT id FROM comments WHERE body = $1", "Burst one.").await;
        assert!(
            links(&listed.body, "a[href]").iter().any(|(href, _)| *href == format!("{FRAMEWORK}/rounds/{round}/comments?statement=CI-1&comment={first}#comment-{first}")),
            "each comment links to its answer in the round's list"
        );

        // Spread over more than an hour, the same three comments are no burst.
        sqlx::query("UPDATE comments SET created_at = created_at - 7200 WHERE body = 'Burst one.'")
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        let calmer = editor.get(&bursts_path).await.text();
        assert!(calmer.contains("Nobody has written that many comments within an hour."), "{calmer}");

        // Only editors see it.
        assert_eq!(sam.get(&bursts_path).await.status, StatusCode::FORBIDDEN);
    }

    async fn a_flood_of_comments_is_listed_fifty_at_a_time_with_every_one_counted(app) {
        open_round(&app).await;
        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        for body in ["Flood 1.", "Flood 2.", "Flood 3."] {
            assert_eq!(comment(&mut sam, CI1, &[("body", body)]).await.status, StatusCode::SEE_OTHER);
        }
        // 3 become 96 within the same minutes, as a script sending all day would make.
        for copy in 1..=5 {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, knowledge, \
                 visibility, created_at, updated_at, submission_key) \
                 SELECT statement_id, revision_id, round_id, author_id, body || ' {copy}', knowledge, \
                 visibility, created_at + {copy}, updated_at, submission_key || '-{copy}' FROM comments \
                 WHERE body LIKE 'Flood %'"
            )))
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        }
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let sam_id = app.scalar("SELECT id FROM users WHERE email = $1", "participant@example.org").await;
        let bursts_path = format!("{FRAMEWORK}/rounds/{round}/bursts");
        assert_eq!(table_cell(&editor.get(&bursts_path).await.body, "Sam (demo participant)", "Comments").as_deref(), Some("96"));

        let first = editor.get(&format!("{bursts_path}?person={sam_id}")).await;
        let text = first.text();
        assert!(text.contains("96 comments, oldest first."), "{text}");
        assert!(text.contains("Showing 1 to 50 of 96 comments."), "{text}");
        assert_eq!(links(&first.body, "a[href]").iter().filter(|(_, t)| t.starts_with("Answer it")).count(), 50);
        let next = links(&first.body, "nav[aria-label='Pages of their comments'] a[rel=next]");
        assert_eq!(next.first().map(|(href, _)| href.as_str()), Some(format!("{bursts_path}?person={sam_id}&page=2#their-comments").as_str()));

        let second = editor.get(&format!("{bursts_path}?person={sam_id}&page=2")).await;
        assert!(second.text().contains("Showing 51 to 96 of 96 comments."), "{}", second.text());
        assert_eq!(links(&second.body, "a[href]").iter().filter(|(_, t)| t.starts_with("Answer it")).count(), 46);
        // A page past the end shows the last one.
        assert!(editor.get(&format!("{bursts_path}?person={sam_id}&page=9")).await.text().contains("Showing 51 to 96 of 96 comments."));
    }
}
