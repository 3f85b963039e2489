//! Group, then answer once: campaign copies are grouped as they are saved, an editor
//! answers the group with one outcome and reason, and every person in it still gets
//! their own answer, their own email and their own line in the report. And the round's
//! answer list, a page at a time, with filters that keep working across pages.

use crate::{
    comments::{comment, open_round},
    html::{has, links, message_beside, table_cell},
    on_both_databases,
    publishing::close_round,
    support::{TestApp, Visitor},
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";

/// The campaign text, with the sender's name in it: copies are grouped as alike.
pub fn campaign(name: &str) -> String {
    format!(
        "As a member of Carers Together I want this statement to say that unpaid carers must \
         be asked before any change to the support of the person they care for. My name is \
         {name} and I have cared for my son for twelve years. Nobody asked me when his hours \
         were cut, and we found out from a letter. Please write it into the standard so that \
         it cannot happen to other families."
    )
}

const NAMES: [&str; 4] = ["Alice Brown", "Mohammed Khan", "Jo Smith", "Priya Patel"];
const DISTINCT: &str = "The waiting list for an assessment in our area is eighteen months long.";

async fn round_id(app: &TestApp) -> i64 {
    app.scalar("SELECT id FROM rounds WHERE title = $1", "First round")
        .await
}

async fn list_path(app: &TestApp) -> String {
    format!("{FRAMEWORK}/rounds/{}/comments", round_id(app).await)
}

fn carer(n: usize) -> String {
    format!("carer{n}@example.org")
}

/// Four people send the campaign text on CI-1 (each with their own name in it), and one
/// person a comment of their own.
async fn campaign_round(app: &TestApp) {
    open_round(app).await;
    for (n, name) in NAMES.iter().enumerate() {
        let mut person = app.visitor();
        person.sign_in_as(&carer(n)).await;
        let sent = comment(&mut person, CI1, &[("body", &campaign(name))]).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
    }
    let mut participant = app.visitor();
    participant.sign_in_as("participant@example.org").await;
    comment(&mut participant, CI1, &[("body", DISTINCT)]).await;
}

async fn group_of(app: &TestApp, name: &str) -> Option<i64> {
    sqlx::query_scalar("SELECT alike_group_id FROM comments WHERE body = $1")
        .bind(campaign(name))
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

async fn comment_of(app: &TestApp, name: &str) -> i64 {
    app.scalar("SELECT id FROM comments WHERE body = $1", &campaign(name))
        .await
}

async fn editor(app: &TestApp) -> Visitor<'_> {
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    editor
}

/// The group's answer, sent from the list as an editor's browser sends it.
async fn answer_group(
    editor: &mut Visitor<'_>,
    path: &str,
    group: i64,
    shown: i64,
    outcome: &str,
    reason: &str,
) -> crate::support::TestResponse {
    editor
        .post(
            path,
            &[
                ("comment_id", &shown.to_string()),
                ("group_id", &group.to_string()),
                (&format!("outcome-{shown}"), outcome),
                (&format!("reason-{shown}"), reason),
            ],
        )
        .await
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// Distinct comments on CI-1 inserted straight into the database, as a bulk seeder
/// does, then grouped by the public backfill.
async fn many_comments(app: &TestApp, bodies: &[String]) {
    let round = round_id(app).await;
    let pool = &app.state.db.pool;
    for (n, body) in bodies.iter().enumerate() {
        sqlx::query(
            "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, knowledge, \
               visibility, created_at, updated_at, submission_key) \
             SELECT s.id, s.latest_revision_id, $1, (SELECT id FROM users WHERE email = 'participant@example.org'), \
               $2, $3, 'named', 0, 0, $4 \
             FROM statements s WHERE s.reference = 'CI-1'",
        )
        .bind(round)
        .bind(body)
        .bind(if n % 2 == 0 { "practice" } else { "lived_experience" })
        .bind(format!("bulk-{n}"))
        .execute(pool)
        .await
        .unwrap();
    }
    let mut tx = app.state.db.begin_write().await.unwrap();
    app::server::alike::group_round(&mut tx, round)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

on_both_databases! {
    async fn campaign_copies_are_grouped_as_they_are_saved_and_others_are_not(app) {
        campaign_round(&app).await;
        let group = group_of(&app, NAMES[0]).await.expect("the first copy is in a group");
        for name in NAMES {
            assert_eq!(group_of(&app, name).await, Some(group), "{name}");
        }
        let distinct: Option<i64> = sqlx::query_scalar("SELECT alike_group_id FROM comments WHERE body = $1")
            .bind(DISTINCT)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(distinct, None);

        let mut editor = editor(&app).await;
        let page = editor.get(&list_path(&app).await).await;
        let text = page.text();
        assert!(text.contains("Group of 4 alike comments"), "{text}");
        assert!(text.contains("and 3 others said the same"), "{text}");
        assert!(text.contains("0 of 5 answered; 1 group left."), "{text}");
        assert!(text.contains("Showing 2 comments and groups."), "{text}");
        // One answer form for the group, one for the comment on its own.
        assert_eq!(page.body.matches(r#"name="group_id""#).count(), 1);
        assert_eq!(page.body.matches(r#"class="answer-form""#).count(), 2);
        // Only the first copy's words are on the list.
        assert!(text.contains(NAMES[0]) && !text.contains(NAMES[3]), "{text}");
    }

    async fn one_answer_reaches_every_member_and_each_person_gets_their_own_email_and_report_line(app) {
        campaign_round(&app).await;
        let mut editor = editor(&app).await;
        let path = list_path(&app).await;
        let group = group_of(&app, NAMES[0]).await.unwrap();
        let shown = comment_of(&app, NAMES[0]).await;

        // A personal line to one member, from the group's page.
        let group_path = format!("{FRAMEWORK}/rounds/{}/groups/{group}", round_id(&app).await);
        let group_page = editor.get(&group_path).await;
        assert_eq!(group_page.status, StatusCode::OK);
        assert!(group_page.text().contains("Group of 4 alike comments on CI-1"));
        assert!(group_page.text().contains(NAMES[3]), "every member is listed");
        let priya = comment_of(&app, NAMES[3]).await;
        let line = editor
            .post(&group_path, &[
                ("action", "personal-line"),
                ("comment_id", &priya.to_string()),
                (&format!("personal-line-{priya}"), "Thank you, Priya, for telling us about your son."),
            ])
            .await;
        assert_eq!(line.status, StatusCode::SEE_OTHER, "{}", line.text());

        let reason = "We added that carers are asked before support changes.";
        let answered = answer_group(&mut editor, &path, group, shown, "incorporated", reason).await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.text());
        assert!(answered.location().contains("saved=group-answered"));
        assert!(answered.location().ends_with(&format!("#comment-{shown}")));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM responses").await, 4, "every member answered, once");
        let list = editor.get(&path).await.text();
        assert!(list.contains("4 of 5 answered."), "{list}");
        assert!(!list.contains("group left"), "{list}");

        // The comment on its own, then publish.
        let own = app.scalar("SELECT id FROM comments WHERE body = $1", DISTINCT).await;
        editor.post(&path, &[
            ("comment_id", &own.to_string()),
            (&format!("outcome-{own}"), "noted"),
            (&format!("reason-{own}"), "We will look at waiting times."),
        ]).await;
        close_round(&app, &mut editor).await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Carers are asked.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        assert_eq!(count(&app, "SELECT COUNT(*) FROM responses").await, 5, "nothing lost or doubled");

        let before = app.smtp().messages().len();
        let sent = app::server::outbox::drain_once(&app.state).await.unwrap();
        assert_eq!(sent, 5, "one email each");
        let emails = app.smtp().wait_for(before + 5).await.split_off(before);
        for (n, name) in NAMES.iter().enumerate() {
            let mine: Vec<_> = emails.iter().filter(|e| e.recipients == [carer(n)]).collect();
            assert_eq!(mine.len(), 1, "{name} gets exactly one email");
            let text = mine[0].text_body();
            assert!(text.contains(&format!("My name is {name}")), "their own words: {text}");
            assert!(text.contains("What we did: Incorporated."));
            assert!(text.contains(&format!("Why: {reason}")));
            assert_eq!(
                text.contains("A note for you: Thank you, Priya"),
                n == 3,
                "the personal line goes to Priya only"
            );
        }

        // The exports keep one line per comment, each with its group.
        // The report page shows the campaign once, by its first comment, and counts the rest.
        let report_page = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await;
        let report = report_page.text();
        assert!(report.contains(DISTINCT));
        assert!(report.contains(&format!("My name is {}", NAMES[0])), "{report}");
        assert!(report.contains("and 3 others said the same"), "{report}");
        for name in &NAMES[1..] {
            assert!(!report.contains(&format!("My name is {name}")), "{name} is not repeated");
        }
        let listed = scraper::Html::parse_document(&report_page.body)
            .select(&scraper::Selector::parse("li.comment").unwrap())
            .count();
        assert_eq!(listed, 2, "the campaign and the comment of its own");
        let csv = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.csv")).await.body;
        let header = csv.lines().next().unwrap();
        assert!(header.ends_with(r#""proposed_under_theme","alike_group""#), "{header}");
        for name in NAMES {
            let line = csv.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name} has a line"));
            assert!(line.ends_with(&format!(r#","{group}""#)), "{line}");
        }
        let own_line = csv.lines().find(|l| l.contains(DISTINCT)).unwrap();
        assert!(own_line.ends_with(r#","""#), "{own_line}");
        let json: serde_json::Value = serde_json::from_str(
            &app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.json")).await.body,
        ).unwrap();
        let comments = json["statements"].as_array().unwrap().iter()
            .flat_map(|s| s["comments"].as_array().unwrap().clone())
            .collect::<Vec<_>>();
        assert_eq!(comments.iter().filter(|c| c["alike_group"] == group).count(), 4);

        // Each person's own contributions carry their answer, and the line where there is one.
        let mut priya_visitor = app.visitor();
        priya_visitor.sign_in_as(&carer(3)).await;
        let mine = priya_visitor.get("/account/contributions").await.text();
        assert!(mine.contains("A note for you: Thank you, Priya"), "{mine}");
    }

    async fn the_report_lists_a_campaign_once_by_its_first_comment_of_the_knowledge_filtered_on(app) {
        // The campaign from people with two kinds of knowledge; one member answered apart.
        open_round(&app).await;
        let knowledge = ["lived_experience", "practice", "lived_experience", "practice"];
        for (n, name) in NAMES.iter().enumerate() {
            let mut person = app.visitor();
            person.sign_in_as(&carer(n)).await;
            let sent = comment(&mut person, CI1, &[("body", &campaign(name)), ("knowledge", knowledge[n])]).await;
            assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
        }
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("body", DISTINCT)]).await;
        let mut editor = editor(&app).await;
        let path = list_path(&app).await;
        let group = group_of(&app, NAMES[0]).await.expect("the copies are grouped");
        let first = comment_of(&app, NAMES[0]).await;
        answer_group(&mut editor, &path, group, first, "noted", "Thank you.").await;
        let jo = comment_of(&app, NAMES[2]).await;
        let own = app.scalar("SELECT id FROM comments WHERE body = $1", DISTINCT).await;
        for (id, outcome, reason) in [(jo, "incorporated", "Jo's son's story changed it."), (own, "noted", "Noted.")] {
            let answered = editor.post(&path, &[
                ("comment_id", &id.to_string()),
                (&format!("outcome-{id}"), outcome),
                (&format!("reason-{id}"), reason),
            ]).await;
            assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.text());
        }
        close_round(&app, &mut editor).await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Carers.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());

        let report = format!("{FRAMEWORK}/versions/1/report");
        let mut visitor = app.visitor();
        // (query, what it lists, who is named, "and N said the same" under the first shown)
        let cases: [(&str, &str, &[usize], &str); 6] = [
            ("", "Showing 3 comments.", &[0, 2], "and 2 others said the same"),
            ("knowledge=practice", "Showing 1 comment.", &[1], "and 1 other person said the same"),
            ("knowledge=lived_experience", "Showing 3 comments.", &[0, 2], ""),
            ("outcome=noted", "Showing 2 comments.", &[0], "and 2 others said the same"),
            ("outcome=noted&knowledge=practice", "Showing 1 comment.", &[1], "and 1 other person said the same"),
            ("outcome=incorporated&statement=CI-1", "Showing 1 comment.", &[2], ""),
        ];
        for (query, showing, named, same) in cases {
            let page = visitor.get(&format!("{report}?{query}")).await;
            assert_eq!(page.status, StatusCode::OK);
            let text = page.text();
            assert!(text.contains(showing), "{query}: {text}");
            for (n, name) in NAMES.iter().enumerate() {
                assert_eq!(text.contains(&format!("My name is {name}")), named.contains(&n), "{query}: {name}");
            }
            assert!(text.contains(same), "{query}: {text}");
            let listed = scraper::Html::parse_document(&page.body)
                .select(&scraper::Selector::parse("li.comment").unwrap())
                .count();
            assert_eq!(listed.to_string(), showing.split(' ').nth(1).unwrap(), "{query}");
        }
        // Among lived experience, Jo was answered apart: nobody said the same as Alice.
        let lived = visitor.get(&format!("{report}?knowledge=lived_experience")).await.text();
        assert!(!lived.contains("said the same"), "{lived}");
        // The counts by statement and outcome count every comment, repeats included.
        let page = visitor.get(&report).await;
        assert!(page.text().contains("What 5 comments changed in version 1"), "{}", page.text());
        assert_eq!(table_cell(&page.body, "CI-1", "Comments").as_deref(), Some("5"));
        assert_eq!(table_cell(&page.body, "CI-1", "Noted").as_deref(), Some("4"));
        assert_eq!(table_cell(&page.body, "CI-1", "Incorporated").as_deref(), Some("1"));
    }

    async fn a_published_group_refuses_a_new_answer_a_split_and_a_personal_line(app) {
        campaign_round(&app).await;
        let mut editor = editor(&app).await;
        let path = list_path(&app).await;
        let group = group_of(&app, NAMES[0]).await.unwrap();
        let shown = comment_of(&app, NAMES[0]).await;
        answer_group(&mut editor, &path, group, shown, "noted", "Thank you.").await;
        let own = app.scalar("SELECT id FROM comments WHERE body = $1", DISTINCT).await;
        editor.post(&path, &[
            ("comment_id", &own.to_string()),
            (&format!("outcome-{own}"), "noted"),
            (&format!("reason-{own}"), "Noted."),
        ]).await;
        close_round(&app, &mut editor).await;
        editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "First.")]).await;

        let refused = answer_group(&mut editor, &path, group, shown, "incorporated", "Changed my mind.").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        // The list shows the published answers, with no form: the message is in the summary.
        assert!(refused.text().contains("published in a version, so they can no longer change"), "{}", refused.text());
        assert_eq!(app.scalar("SELECT COUNT(*) FROM responses WHERE reason = $1", "Thank you.").await, 4);

        let group_path = format!("{FRAMEWORK}/rounds/{}/groups/{group}", round_id(&app).await);
        let member = comment_of(&app, NAMES[1]).await;
        let split = editor.post(&group_path, &[("action", "split"), ("comment_id", &member.to_string())]).await;
        assert_eq!(split.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(group_of(&app, NAMES[1]).await, Some(group));
        let line = editor.post(&group_path, &[
            ("action", "personal-line"),
            ("comment_id", &member.to_string()),
            (&format!("personal-line-{member}"), "Too late."),
        ]).await;
        assert_eq!(line.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM comments WHERE personal_line IS NOT NULL").await, 0);
        // The group's page reads, with nothing left to change.
        let page = editor.get(&group_path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !has(&page.body, "form.answer-form") && !has(&page.body, "form.personal-line-form"),
            "no forms on a published group"
        );
        assert!(page.text().contains("What we did: Noted"));
    }

    async fn a_comment_split_out_of_its_group_is_answered_on_its_own_and_never_regrouped(app) {
        campaign_round(&app).await;
        let mut editor = editor(&app).await;
        let group = group_of(&app, NAMES[0]).await.unwrap();
        let member = comment_of(&app, NAMES[2]).await;
        let group_path = format!("{FRAMEWORK}/rounds/{}/groups/{group}", round_id(&app).await);
        let split = editor.post(&group_path, &[("action", "split"), ("comment_id", &member.to_string())]).await;
        assert_eq!(split.status, StatusCode::SEE_OTHER, "{}", split.text());
        assert!(
            split.location().ends_with(&format!("comment={member}&saved=split-out#comment-{member}")),
            "back to the list, on the page that holds it: {}",
            split.location()
        );
        assert_eq!(group_of(&app, NAMES[2]).await, None);
        assert_eq!(group_of(&app, NAMES[1]).await, Some(group), "the others stay together");

        // Regrouping the round (as at start-up) leaves it out.
        sqlx::query("UPDATE comments SET alike_considered = 0").execute(&app.state.db.pool).await.unwrap();
        let mut tx = app.state.db.begin_write().await.unwrap();
        app::server::alike::group_round(&mut tx, round_id(&app).await).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(group_of(&app, NAMES[2]).await, None);

        let list = editor.get(&list_path(&app).await).await.text();
        assert!(list.contains("Group of 3 alike comments"), "{list}");
        assert!(list.contains("Showing 3 comments and groups."), "{list}");
        // Answered on its own, the group's answer leaves it alone.
        let shown = comment_of(&app, NAMES[0]).await;
        answer_group(&mut editor, &list_path(&app).await, group, shown, "noted", "For the group.").await;
        assert_eq!(app.scalar("SELECT COUNT(*) FROM responses WHERE reason = $1", "For the group.").await, 3);
        let answered: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM responses WHERE comment_id = $1")
            .bind(member)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(answered, 0);
    }

    async fn a_withdrawn_comment_leaves_its_group_and_a_group_of_one_is_no_group(app) {
        open_round(&app).await;
        let mut people = Vec::new();
        for (n, name) in NAMES.iter().take(2).enumerate() {
            let mut person = app.visitor();
            person.sign_in_as(&carer(n)).await;
            comment(&mut person, CI1, &[("body", &campaign(name))]).await;
            people.push(person);
        }
        let group = group_of(&app, NAMES[0]).await.expect("grouped");
        let id = comment_of(&app, NAMES[1]).await;
        let withdrawn = people[1]
            .post(&format!("{CI1}/comments/{id}/edit"), &[("action", "withdraw")])
            .await;
        assert_eq!(withdrawn.status, StatusCode::SEE_OTHER, "{}", withdrawn.text());
        assert_eq!(group_of(&app, NAMES[1]).await, None);
        assert_eq!(group_of(&app, NAMES[0]).await, None, "one left is no group");
        let mut editor = editor(&app).await;
        let list = editor.get(&list_path(&app).await).await.text();
        assert!(!list.contains("alike comments"), "{list}");
        let gone = editor.get(&format!("{FRAMEWORK}/rounds/{}/groups/{group}", round_id(&app).await)).await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND);
    }

    async fn only_editors_see_a_group_or_answer_it(app) {
        campaign_round(&app).await;
        let group = group_of(&app, NAMES[0]).await.unwrap();
        let shown = comment_of(&app, NAMES[0]).await;
        let group_path = format!("{FRAMEWORK}/rounds/{}/groups/{group}", round_id(&app).await);
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let page = participant.get(&group_path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);
        let path = list_path(&app).await;
        let refused = answer_group(&mut participant, &path, group, shown, "noted", "Sneaky.").await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let split = participant.post(&group_path, &[("action", "split"), ("comment_id", &shown.to_string())]).await;
        assert_eq!(split.status, StatusCode::FORBIDDEN);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM responses").await, 0);
        assert_eq!(group_of(&app, NAMES[0]).await, Some(group));
        let stranger = app.visitor().get(&group_path).await;
        assert_ne!(stranger.status, StatusCode::OK);
    }

    async fn a_group_answer_must_name_an_outcome_and_a_reason_beside_the_group_form(app) {
        campaign_round(&app).await;
        let mut editor = editor(&app).await;
        let group = group_of(&app, NAMES[0]).await.unwrap();
        let shown = comment_of(&app, NAMES[0]).await;
        let refused = answer_group(&mut editor, &list_path(&app).await, group, shown, "noted", "").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            message_beside(&refused.body, &format!("reason-{shown}")).as_deref(),
            Some("Explain in plain words what happened and why")
        );
        assert!(has(&refused.body, &format!(r#"input[name="outcome-{shown}"][value="noted"][checked]"#)), "choice kept");
        assert_eq!(count(&app, "SELECT COUNT(*) FROM responses").await, 0);
    }

    async fn the_answer_list_is_paged_with_exact_counts_and_filters_that_follow_every_page(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let bodies: Vec<String> = (1..=120).map(|n| format!("Comment number {n} about choice")).collect();
        many_comments(&app, &bodies).await;
        let mut editor = editor(&app).await;
        let path = list_path(&app).await;

        let first = editor.get(&path).await;
        let text = first.text();
        assert!(text.contains("Showing 1 to 50 of 120 comments."), "{text}");
        assert!(text.contains("0 of 120 answered."), "{text}");
        assert_eq!(first.body.matches(r#"class="answer-form""#).count(), 50, "one page of forms, not the round");
        let third = editor.get(&format!("{path}?page=3")).await.text();
        assert!(third.contains("Showing 101 to 120 of 120 comments."), "{third}");
        let past = editor.get(&format!("{path}?page=99")).await.text();
        assert!(past.contains("Showing 101 to 120 of 120 comments."), "a page past the end is the last");

        // Filters: knowledge halves the list; the page links keep it.
        let filtered = editor.get(&format!("{path}?knowledge=practice")).await;
        assert!(filtered.text().contains("Showing 1 to 50 of 60 comments."), "{}", filtered.text());
        let pages = links(&filtered.body, "nav.pagination a");
        assert!(!pages.is_empty());
        assert!(pages.iter().all(|(href, _)| href.contains("knowledge=practice")), "{pages:?}");
        let next = pages.iter().find(|(_, text)| text.starts_with("Next")).unwrap().0.clone();
        let second = editor.get(&next).await.text();
        assert!(second.contains("Showing 51 to 60 of 60 comments."), "{second}");

        // Answering on page 2 of a filtered list comes back to it, at the comment.
        let id = app.scalar("SELECT id FROM comments WHERE body = $1", "Comment number 119 about choice").await;
        let answered = editor.post(&path, &[
            ("comment_id", &id.to_string()),
            ("filters", "knowledge=practice&q=about%20choice"),
            ("page", "2"),
            (&format!("outcome-{id}"), "noted"),
            (&format!("reason-{id}"), "Thank you."),
        ]).await;
        assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.text());
        assert_eq!(
            answered.location(),
            format!("{path}?knowledge=practice&q=about%20choice&page=2&saved=answer#comment-{id}")
        );
        let back = editor.get(answered.location()).await.text();
        assert!(back.contains("1 of 120 answered."), "{back}");
        let unanswered = editor.get(&format!("{path}?outcome=unanswered")).await.text();
        assert!(unanswered.contains("of 119 comments."), "{unanswered}");
        let answered_only = editor.get(&format!("{path}?outcome=answered")).await.text();
        assert!(answered_only.contains("Showing 1 comment."), "{answered_only}");
    }

    async fn search_finds_words_in_any_case_and_takes_wildcards_literally(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        many_comments(&app, &[
            "I agree 100% with this.".to_owned(),
            "I agree 1000 times over.".to_owned(),
            "FRIENDS matter as much as family.".to_owned(),
            "Under_score is not a wildcard.".to_owned(),
            "Underscore is plain.".to_owned(),
        ]).await;
        let mut editor = editor(&app).await;
        let path = list_path(&app).await;
        let percent = editor.get(&format!("{path}?q=100%25")).await.text();
        assert!(percent.contains("Showing 1 comment.") && percent.contains("I agree 100% with this."), "{percent}");
        let friends = editor.get(&format!("{path}?q=friends")).await.text();
        assert!(friends.contains("FRIENDS matter"), "{friends}");
        assert!(friends.contains("Showing 1 comment."), "{friends}");
        let underscore = editor.get(&format!("{path}?q=under_score")).await;
        assert!(underscore.text().contains("Showing 1 comment."), "{}", underscore.text());
        // The search box keeps the words.
        assert!(has(&underscore.body, r#"input#q[value="under_score"]"#));
    }

    async fn searching_the_answer_list_finds_words_inside_longer_words_and_in_suggestions(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        many_comments(&app, &[
            "Our neighbourhood centre closed last year.".to_owned(),
            "The neighbours help with shopping.".to_owned(),
            "Nothing else to add.".to_owned(),
        ]).await;
        sqlx::query("UPDATE comments SET suggestion = $1 WHERE body = $2")
            .bind("Say that Allotments count as community spaces.")
            .bind("Nothing else to add.")
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        let mut editor = editor(&app).await;
        let path = list_path(&app).await;
        let inside = editor.get(&format!("{path}?q=BOURHOOD")).await.text();
        assert!(inside.contains("Showing 1 comment.") && inside.contains("Our neighbourhood centre"), "{inside}");
        let both = editor.get(&format!("{path}?q=eighbo")).await.text();
        assert!(both.contains("Showing 2 comments."), "{both}");
        let suggested = editor.get(&format!("{path}?q=lotments%20count")).await.text();
        assert!(suggested.contains("Showing 1 comment.") && suggested.contains("Nothing else to add."), "{suggested}");
        let absent = editor.get(&format!("{path}?q=libraries")).await.text();
        assert!(absent.contains("No comments to show."), "{absent}");
    }

    async fn a_two_letter_search_still_finds_its_comments(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        many_comments(&app, &[
            "Give me a say in it.".to_owned(),
            "SAYING no must be heard.".to_owned(),
            "Nothing else to add.".to_owned(),
        ]).await;
        let mut editor = editor(&app).await;
        let path = list_path(&app).await;
        let two = editor.get(&format!("{path}?q=Ay")).await.text();
        assert!(two.contains("Showing 2 comments."), "{two}");
        assert!(two.contains("Give me a say in it.") && two.contains("SAYING no"), "{two}");
        let one = editor.get(&format!("{path}?q=%21")).await.text();
        assert!(one.contains("No comments to show."), "a one-character search is literal too: {one}");
    }

    async fn an_edited_comment_is_found_by_its_new_words_and_not_its_old_ones(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        comment(&mut participant, CI1, &[("body", "First thoughts about gardens")]).await;
        let id = app.scalar("SELECT id FROM comments WHERE body = $1", "First thoughts about gardens").await;
        let mut editor = editor(&app).await;
        let path = list_path(&app).await;
        assert!(editor.get(&format!("{path}?q=gardens")).await.text().contains("Showing 1 comment."));

        let edit = format!("{CI1}/comments/{id}/edit");
        let changed = participant
            .post(&edit, &[("body", "Second thoughts about libraries"), ("knowledge", "practice"), ("visibility", "named"), ("action", "save")])
            .await;
        assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.text());
        let new_words = editor.get(&format!("{path}?q=LIBRARIES")).await.text();
        assert!(new_words.contains("Showing 1 comment.") && new_words.contains("Second thoughts about libraries"), "{new_words}");
        let old_words = editor.get(&format!("{path}?q=gardens")).await.text();
        assert!(old_words.contains("No comments to show."), "{old_words}");

        let withdrawn = participant.post(&edit, &[("action", "withdraw")]).await;
        assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
        let gone = editor.get(&format!("{path}?q=libraries")).await.text();
        assert!(gone.contains("No comments to show."), "{gone}");
    }

    async fn a_search_pages_in_the_lists_order_and_shows_a_group_by_its_first_match(app) {
        campaign_round(&app).await;
        let bodies: Vec<String> = (1..=60).map(|n| format!("Search number {n:02} about gardens.")).collect();
        many_comments(&app, &bodies).await;
        let mut editor = editor(&app).await;
        let path = list_path(&app).await;
        let first = editor.get(&format!("{path}?q=about%20GARDENS")).await.text();
        assert!(first.contains("Showing 1 to 50 of 60 comments and groups."), "{first}");
        assert!(first.contains("Search number 01 about") && first.contains("Search number 50 about"), "{first}");
        assert!(!first.contains("Search number 51 about"), "{first}");
        let second = editor.get(&format!("{path}?q=about%20GARDENS&page=2")).await.text();
        assert!(second.contains("Showing 51 to 60 of 60 comments and groups."), "{second}");
        assert!(second.contains("Search number 51 about") && second.contains("Search number 60 about"), "{second}");
        assert!(!second.contains("Search number 50 about"), "{second}");

        // Only the second copy of the campaign names Mohammed: the group is listed once,
        // shown by that copy.
        let group = editor.get(&format!("{path}?q=mohammed%20khan")).await.text();
        assert!(group.contains("Showing 1 comment or group."), "{group}");
        assert!(group.contains("My name is Mohammed Khan"), "{group}");
        assert!(!group.contains("My name is Alice Brown"), "{group}");
        let all = editor.get(&format!("{path}?q=unpaid%20carers")).await.text();
        assert!(all.contains("Showing 1 comment or group."), "the four copies are one entry: {all}");
    }

    async fn the_statement_and_organisation_choices_come_from_the_framework_and_round(app) {
        crate::publishing::consultation(&app).await;
        let mut editor = editor(&app).await;
        let page = editor.get(&list_path(&app).await).await;
        assert!(has(&page.body, r#"select#statement option[value="HL-1"]"#), "statements without comments are offered too");
        assert!(has(&page.body, r#"select#organisation option[value="Speaking Up Together (demo)"]"#));
        assert!(has(&page.body, r#"select#theme option"#));
        let by_org = editor
            .get(&format!("{}?organisation=Speaking%20Up%20Together%20(demo)", list_path(&app).await))
            .await
            .text();
        assert!(by_org.contains("Showing 1 comment.") && by_org.contains("Our members agree."), "{by_org}");
    }

    async fn comments_saved_before_grouping_are_grouped_in_bulk_once(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let mut bodies: Vec<String> = NAMES.iter().map(|n| campaign(n)).collect();
        bodies.push(DISTINCT.to_owned());
        bodies.extend((1..=30).map(|n| format!("A comment of its own, number {n}.")));
        many_comments(&app, &bodies).await;
        let group = group_of(&app, NAMES[0]).await.expect("grouped by the backfill");
        for name in NAMES {
            assert_eq!(group_of(&app, name).await, Some(group));
        }
        assert_eq!(count(&app, "SELECT COUNT(*) FROM comments WHERE alike_group_id IS NOT NULL").await, 4);
        assert_eq!(count(&app, "SELECT COUNT(*) FROM comments WHERE alike_considered = 0").await, 0);
        let mut tx = app.state.db.begin_write().await.unwrap();
        let again = app::server::alike::group_round(&mut tx, round_id(&app).await).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(again, 0, "nothing left to look at");

        // A copy sent afterwards joins the same group through the stored keys.
        let mut late = app.visitor();
        late.sign_in_as(&carer(9)).await;
        comment(&mut late, CI1, &[("body", &campaign("Sam Late"))]).await;
        assert_eq!(group_of(&app, "Sam Late").await, Some(group));
    }

    async fn the_redraft_page_lists_a_busy_statements_comments_a_page_at_a_time(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let bodies: Vec<String> = (1..=60).map(|n| format!("Redraft comment number {n}.")).collect();
        many_comments(&app, &bodies).await;
        let mut editor = editor(&app).await;
        let first = editor.get(&format!("{CI1}/redraft")).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(first.body.matches(r#"class="answer-block""#).count(), 50, "one page of answer fields");
        assert!(first.text().contains("Showing 1 to 50 of 60 comments."), "{}", first.text());
        let pages = links(&first.body, "nav.pagination a");
        assert!(pages.iter().any(|(href, _)| href == &format!("{CI1}/redraft?page=2#comments")), "{pages:?}");
        let second = editor.get(&format!("{CI1}/redraft?page=2")).await;
        assert_eq!(second.body.matches(r#"class="answer-block""#).count(), 10);
        assert!(second.text().contains("Redraft comment number 60."));
        assert!(!second.text().contains("Redraft comment number 1."));

        // A refused save from page 2 comes back to page 2 with what was typed.
        let id = app.scalar("SELECT id FROM comments WHERE body = $1", "Redraft comment number 60.").await;
        let base = crate::drafting::latest_revision(&app, "CI-1").await;
        let refused = editor
            .post(&format!("{CI1}/redraft"), &[
                ("base_revision_id", &base.to_string()),
                ("body", "I'm able to see people important to me."),
                ("submission_key", &crate::drafting::form_value(&second.body, "submission_key")),
                ("comments_page", "2"),
                (&format!("outcome-{id}"), "incorporated"),
                (&format!("reason-{id}"), ""),
                ("action", "save"),
            ])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            message_beside(&refused.body, &format!("reason-{id}")).as_deref(),
            Some("Explain in plain words what happened and why")
        );
        assert!(has(&refused.body, &format!(r#"input[name="outcome-{id}"][value="incorporated"][checked]"#)));
    }
}
