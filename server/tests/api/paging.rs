//! Nothing a person opens grows with the round: long lists come a page at a time, with
//! exact totals, links between pages that keep the filters, and a page past the end
//! showing the last page; the report's downloads list every comment the database has.

use crate::{
    comments::{comment, open_round},
    drafting::{latest_revision, redraft},
    html::{links, table_cell, texts_within},
    on_both_databases,
    publishing::close_round,
    support::TestApp,
    two_rounds::publish,
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const REPORT: &str = "/frameworks/national-care-service-demo/versions/1/report";

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// `n` comments on `reference` by `email` in the first round, shown as `visibility`,
/// written straight into the database (quicker than the form, and past the hourly limit
/// per person), with bodies `"{prefix} 001"`, `"{prefix} 002"`… in the order they were
/// made.
async fn seed(
    app: &TestApp,
    reference: &str,
    email: &str,
    n: usize,
    visibility: &str,
    prefix: &str,
) {
    seed_in_round(app, "First round", reference, email, n, visibility, prefix).await;
}

/// As [`seed`], in the round titled `round_title`.
pub async fn seed_in_round(
    app: &TestApp,
    round_title: &str,
    reference: &str,
    email: &str,
    n: usize,
    visibility: &str,
    prefix: &str,
) {
    let statement = app
        .scalar("SELECT id FROM statements WHERE reference = $1", reference)
        .await;
    let revision = app
        .scalar(
            "SELECT latest_revision_id FROM statements WHERE reference = $1",
            reference,
        )
        .await;
    let round = app
        .scalar("SELECT id FROM rounds WHERE title = $1", round_title)
        .await;
    let author = app
        .scalar("SELECT id FROM users WHERE email = $1", email)
        .await;
    for i in 1..=n {
        sqlx::query(
            "INSERT INTO comments (statement_id, revision_id, round_id, author_id, body, knowledge, \
               visibility, created_at, updated_at, submission_key) \
             VALUES ($1, $2, $3, $4, $5, 'lived_experience', $6, $7, $7, $8)",
        )
        .bind(statement)
        .bind(revision)
        .bind(round)
        .bind(author)
        .bind(format!("{prefix} {i:03}"))
        .bind(visibility)
        .bind(now())
        .bind(format!("seed-{round_title}-{reference}-{prefix}-{i}"))
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    }
}

/// How many comments a page lists inside `within`.
fn listed(html: &str, within: &str) -> usize {
    texts_within(html, within, "li.comment").len()
}

fn next_link(html: &str) -> String {
    links(html, "nav.pagination a[rel=\"next\"]")
        .first()
        .map(|(href, _)| href.clone())
        .unwrap_or_default()
}

fn previous_link(html: &str) -> String {
    links(html, "nav.pagination a[rel=\"prev\"]")
        .first()
        .map(|(href, _)| href.clone())
        .unwrap_or_default()
}

/// Answer every comment whose body starts with `prefix` with `outcome`, straight into
/// the database, each with the reason "Because {body}".
async fn answer(app: &TestApp, outcome: &str, prefix: &str) {
    sqlx::query(
        "INSERT INTO responses (comment_id, outcome, reason, created_at, updated_at) \
         SELECT id, $1, 'Because ' || body, $2, $2 FROM comments WHERE body LIKE $3",
    )
    .bind(outcome)
    .bind(now())
    .bind(format!("{prefix}%"))
    .execute(&app.state.db.pool)
    .await
    .unwrap();
}

/// A published version 1 answering 70 public and 3 policy-team-only comments on CI-1
/// (noted) and 10 anonymous ones on HL-2 (incorporated).
async fn published_round(app: &TestApp) {
    open_round(app).await;
    seed(
        app,
        "CI-1",
        "participant@example.org",
        70,
        "named",
        "Seeded comment",
    )
    .await;
    seed(
        app,
        "CI-1",
        "rep@example.org",
        3,
        "policy_team",
        "Private note",
    )
    .await;
    seed(
        app,
        "HL-2",
        "rep@example.org",
        10,
        "anonymous",
        "Housing comment",
    )
    .await;
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    close_round(app, &mut editor).await;
    answer(app, "noted", "Seeded comment").await;
    answer(app, "noted", "Private note").await;
    answer(app, "incorporated", "Housing comment").await;
    publish(&mut editor, "Version one.").await;
}

on_both_databases! {
    async fn a_statements_comments_come_fifty_to_a_page_with_links_between_pages(app) {
        open_round(&app).await;
        seed(&app, "CI-1", "participant@example.org", 120, "named", "Seeded comment").await;
        seed(&app, "CI-1", "rep@example.org", 5, "policy_team", "Private note").await;
        let mut visitor = app.visitor();

        let first = visitor.get(CI1).await;
        assert_eq!(first.status, StatusCode::OK);
        let text = first.text();
        assert!(text.contains("Comments (120)"), "the count is exact, not the page's: {text}");
        assert!(text.contains("Showing 1 to 50 of 120 comments."), "{text}");
        assert_eq!(listed(&first.body, "ol.comment-list"), 50, "page 1 shows 50, not 120");
        assert!(text.contains("Seeded comment 001") && text.contains("Seeded comment 050"));
        assert!(!text.contains("Seeded comment 051"));
        assert!(!text.contains("Private note"), "policy-team-only comments stay hidden");
        assert_eq!(next_link(&first.body), format!("{CI1}?page=2#comments"));

        let second = visitor.get(&format!("{CI1}?page=2")).await;
        let text = second.text();
        assert!(text.contains("Showing 51 to 100 of 120 comments."), "{text}");
        assert!(text.contains("Seeded comment 051") && text.contains("Seeded comment 100"));
        assert!(!text.contains("Seeded comment 050") && !text.contains("Seeded comment 101"));
        assert!(text.contains("Comment 51"), "numbers run on across pages");
        assert_eq!(previous_link(&second.body), format!("{CI1}#comments"), "a link back to page 1");
        assert_eq!(next_link(&second.body), format!("{CI1}?page=3#comments"));

        let past_the_end = visitor.get(&format!("{CI1}?page=40")).await;
        let text = past_the_end.text();
        assert!(text.contains("Showing 101 to 120 of 120 comments."), "the last page: {text}");
        assert_eq!(listed(&past_the_end.body, "ol.comment-list"), 20);
        assert_eq!(next_link(&past_the_end.body), "");

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let text = editor.get(&format!("{CI1}?page=3")).await.text();
        assert!(text.contains("Comments (125)"), "the policy team counts what it may see: {text}");
        assert!(text.contains("Private note 005"));

        // Someone who has just commented lands on the last page, where their comment is.
        let mut quiet = app.visitor();
        quiet.sign_in_as("quiet@example.org").await;
        let saved = comment(&mut quiet, CI1, &[("body", "Just said, and shown.")]).await;
        assert_eq!(saved.location(), format!("{CI1}?saved=comment#comments"));
        let text = quiet.get(&format!("{CI1}?saved=comment")).await.text();
        assert!(text.contains("Showing 101 to 121 of 121 comments."), "{text}");
        assert!(text.contains("Just said, and shown."));
    }

    async fn the_report_counts_each_statement_and_pages_its_comments_keeping_the_filters(app) {
        published_round(&app).await;
        let mut visitor = app.visitor();
        let report = visitor.get(REPORT).await;
        assert_eq!(report.status, StatusCode::OK);
        let text = report.text();
        assert!(text.contains("What 83 comments changed in version 1"), "{text}");
        assert!(text.contains("Showing 1 to 50 of 80 comments."), "{text}");
        assert_eq!(listed(&report.body, "body"), 50, "page 1 lists 50 of the 80");
        assert_eq!(table_cell(&report.body, "CI-1", "Comments").as_deref(), Some("73"));
        assert_eq!(table_cell(&report.body, "CI-1", "Noted").as_deref(), Some("73"));
        assert_eq!(table_cell(&report.body, "CI-1", "Only for the policy team").as_deref(), Some("3"));
        assert_eq!(table_cell(&report.body, "HL-2", "Incorporated").as_deref(), Some("10"));
        assert!(!text.contains("Private note"));
        assert!(!text.contains("Jo (demo representative)"), "anonymous stays anonymous");

        let filtered = visitor.get(&format!("{REPORT}?statement=CI-1&outcome=noted")).await;
        let text = filtered.text();
        assert!(text.contains("Showing 1 to 50 of 70 comments."), "{text}");
        assert!(text.contains("3 more comments were shared only with the policy team."), "{text}");
        let next = next_link(&filtered.body);
        assert_eq!(next, format!("{REPORT}?statement=CI-1&outcome=noted&page=2#report-comments"));
        let second = visitor.get(next.trim_end_matches("#report-comments")).await;
        let text = second.text();
        assert!(text.contains("Showing 51 to 70 of 70 comments."), "{text}");
        assert!(text.contains("Seeded comment 070") && !text.contains("Housing comment"));
        assert_eq!(previous_link(&second.body), format!("{REPORT}?statement=CI-1&outcome=noted#report-comments"));
        let past_the_end = visitor.get(&format!("{REPORT}?statement=CI-1&outcome=noted&page=9")).await;
        assert!(past_the_end.text().contains("Showing 51 to 70 of 70 comments."));

        let theme = visitor.get(&format!("{REPORT}?theme=HL")).await.text();
        assert!(theme.contains("Showing 10 comments."), "{theme}");
        assert!(theme.contains("Housing comment 010") && !theme.contains("Seeded comment"));
        let incorporated = visitor.get(&format!("{REPORT}?outcome=incorporated")).await.text();
        assert!(incorporated.contains("Showing 10 comments."), "{incorporated}");
        let research = visitor.get(&format!("{REPORT}?knowledge=research")).await.text();
        assert!(research.contains("No comments to show."), "{research}");

        // A link to one comment opens the page of its statement's comments that holds it.
        let sixtieth = app.scalar("SELECT id FROM comments WHERE body = $1", "Seeded comment 060").await;
        let linked = visitor.get(&format!("{REPORT}?statement=CI-1&comment={sixtieth}")).await;
        assert!(linked.body.contains(&format!("id=\"comment-{sixtieth}\"")));
        assert!(linked.text().contains("Showing 51 to 70 of 70 comments."));
    }

    async fn a_statement_first_listed_on_the_reports_second_page_has_its_story_there(app) {
        // The page tells only the stories of the statements whose comments it lists: WF-1
        // (after CI-1 in the report's order), redrafted because of its ten comments, is
        // told on page 2 and not on page 1, and its line says it changed on every page.
        open_round(&app).await;
        seed(&app, "CI-1", "participant@example.org", 70, "named", "Seeded comment").await;
        seed(&app, "WF-1", "rep@example.org", 10, "anonymous", "Workforce comment").await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let wf1 = "/frameworks/national-care-service-demo/statements/WF-1";
        let consulted = latest_revision(&app, "WF-1").await;
        let text: String = sqlx::query_scalar("SELECT body FROM statement_revisions WHERE id = $1")
            .bind(consulted)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        let saved = redraft(&mut editor, wf1, consulted, &format!("{text} Nobody moves me without asking."), "Asked for by workforce comments.").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let draft = latest_revision(&app, "WF-1").await;
        let number = app
            .scalar(
                "SELECT COUNT(*) FROM statement_revisions WHERE text_kind = 'standard' \
                 AND statement_id = (SELECT id FROM statements WHERE reference = $1)",
                "WF-1",
            )
            .await;
        close_round(&app, &mut editor).await;
        answer(&app, "noted", "Seeded comment").await;
        answer(&app, "incorporated", "Workforce comment").await;
        sqlx::query(
            "INSERT INTO response_revisions (response_id, revision_id) \
             SELECT r.id, $1 FROM responses r JOIN comments c ON c.id = r.comment_id \
             WHERE c.body LIKE 'Workforce comment%'",
        )
        .bind(draft)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
        publish(&mut editor, "Version one.").await;

        let mut visitor = app.visitor();
        let first = visitor.get(REPORT).await;
        assert_eq!(first.status, StatusCode::OK);
        assert_eq!(table_cell(&first.body, "WF-1 (changed)", "Incorporated").as_deref(), Some("10"));
        assert_eq!(table_cell(&first.body, "CI-1", "Noted").as_deref(), Some("70"), "CI-1 did not change");
        assert!(!first.body.contains("id=\"report-WF-1\""), "page 1 lists only CI-1's comments");
        assert!(first.body.contains("id=\"report-CI-1\""));

        let second = visitor.get(&format!("{REPORT}?page=2")).await;
        let text = second.text();
        assert!(text.contains("Showing 51 to 80 of 80 comments."), "{text}");
        assert_eq!(table_cell(&second.body, "WF-1 (changed)", "Comments").as_deref(), Some("10"));
        let story = "section[aria-labelledby=\"report-WF-1\"]";
        let told = texts_within(&second.body, story, "*").join(" ");
        assert!(told.contains("How it changed"), "{told}");
        assert!(told.contains("Asked for by workforce comments."), "the draft's note: {told}");
        assert!(told.contains("Anonymous participant"), "the comments behind the draft: {told}");
        assert_eq!(listed(&second.body, story), 10, "its ten comments are under its story");
        let landed = links(&second.body, &format!("{story} li.comment a"));
        assert!(
            landed.iter().any(|(href, _)| href.ends_with(&format!("/versions/1/statements/WF-1/trace#draft-{number}"))),
            "each comment says where it landed: {landed:?}"
        );

        // The downloads tell the same story, from every statement's drafts.
        let json = visitor.get(&format!("{REPORT}.json")).await.body;
        assert!(json.contains("Nobody moves me without asking."));
        assert!(json.contains("Asked for by workforce comments."));
    }

    async fn the_downloads_list_every_public_comment_in_the_database_in_the_reports_order(app) {
        published_round(&app).await;
        let publication = app.scalar("SELECT id FROM publications WHERE summary = $1", "Version one.").await;
        let expected: Vec<String> = sqlx::query_scalar(
            "SELECT c.body FROM comments c \
             JOIN publication_statements ps ON ps.statement_id = c.statement_id AND ps.publication_id = $1 \
             WHERE c.visibility <> 'policy_team' AND c.withdrawn_at IS NULL \
             ORDER BY ps.theme_position, ps.position, c.id",
        )
        .bind(publication)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!(expected.len(), 80);

        let csv = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (commenter, comment, kind) = (column("commenter"), column("comment"), column("kind"));
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let bodies: Vec<String> = rows
            .iter()
            .filter(|r| &r[kind] == "comment" && !r[commenter].is_empty())
            .map(|r| r[comment].to_owned())
            .collect();
        assert_eq!(bodies, expected, "every public comment, once, in the report's order");
        assert!(rows.iter().any(|r| &r[comment] == "3 comment(s) shared only with the policy team"));
        assert!(!csv.body.contains("Private note"));

        let json = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.json")).await;
        assert_eq!(json.status, StatusCode::OK);
        let report: app::model::ReportView = serde_json::from_str(&json.body).unwrap();
        assert_eq!(
            serde_json::to_string_pretty(&report).unwrap(),
            json.body,
            "written a comment at a time, the same bytes as the whole report written at once"
        );
        assert_eq!(report.total_comments, 83);
        let listed: Vec<&str> = report
            .statements
            .iter()
            .flat_map(|s| s.comments.iter().map(|c| c.body.as_str()))
            .collect();
        assert_eq!(listed, expected);
        assert_eq!(app.visitor().get(&format!("{FRAMEWORK}/versions/9/report.json")).await.status, StatusCode::NOT_FOUND);
    }

    async fn my_contributions_come_a_page_at_a_time_newest_first(app) {
        open_round(&app).await;
        seed(&app, "CI-1", "participant@example.org", 60, "named", "Seeded comment").await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let first = participant.get("/account/contributions").await;
        let text = first.text();
        assert!(text.contains("Showing 1 to 50 of 60 comments."), "{text}");
        assert_eq!(listed(&first.body, "ol.comment-list"), 50);
        assert!(text.contains("Seeded comment 060") && !text.contains("Seeded comment 010"));
        assert_eq!(next_link(&first.body), "/account/contributions?page=2#your-comments");
        let second = participant.get("/account/contributions?page=2").await;
        let text = second.text();
        assert!(text.contains("Showing 51 to 60 of 60 comments."), "{text}");
        assert!(text.contains("Seeded comment 010") && text.contains("Seeded comment 001"));
        assert_eq!(previous_link(&second.body), "/account/contributions#your-comments");
        let past_the_end = participant.get("/account/contributions?page=5").await.text();
        assert!(past_the_end.contains("Showing 51 to 60 of 60 comments."));
    }

    async fn the_people_list_pages_and_its_search_works_across_pages(app) {
        for i in 1..=60 {
            sqlx::query("INSERT INTO users (email, display_name, created_at) VALUES ($1, $2, $3)")
                .bind(format!("seeded{i:02}@example.net"))
                .bind(format!("Seeded Person {i:02}"))
                .bind(now())
                .execute(&app.state.db.pool)
                .await
                .unwrap();
        }
        let people = app.scalar("SELECT COUNT(*) FROM users WHERE email <> $1", "").await;
        let mut admin = app.visitor();
        admin.sign_in_as("admin@example.org").await;
        let everyone = admin.get("/admin/people").await;
        assert_eq!(everyone.status, StatusCode::OK);
        let text = everyone.text();
        assert!(text.contains(&format!("Showing 1 to 50 of {people} people.")), "{text}");
        assert_eq!(texts_within(&everyone.body, "table tbody", "tr").len(), 50);

        let found = admin.get("/admin/people?q=seeded").await;
        let text = found.text();
        assert!(text.contains("Showing 1 to 50 of 60 people."), "{text}");
        assert!(!text.contains("editor@example.org"));
        assert_eq!(next_link(&found.body), "/admin/people?q=seeded&page=2");
        let second = admin.get("/admin/people?q=seeded&page=2").await;
        let text = second.text();
        assert!(text.contains("Showing 51 to 60 of 60 people."), "{text}");
        assert!(text.contains("Seeded Person 60") && !text.contains("Seeded Person 50"));
        assert_eq!(previous_link(&second.body), "/admin/people?q=seeded");
        let by_address = admin.get("/admin/people?q=SEEDED07%40").await.text();
        assert!(by_address.contains("Showing 1 person."), "{by_address}");
        let nobody = admin.get("/admin/people?q=%25").await.text();
        assert!(nobody.contains("Nobody’s name or email address contains “%”."), "{nobody}");

        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        assert_eq!(participant.get("/admin/people?q=seeded").await.status, StatusCode::FORBIDDEN);
    }

    async fn the_trace_names_the_first_comments_behind_a_change_and_pages_the_rest(app) {
        open_round(&app).await;
        seed(&app, "CI-1", "participant@example.org", 60, "named", "Seeded comment").await;
        seed(&app, "CI-1", "rep@example.org", 2, "policy_team", "Private note").await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "CI-1").await;
        let saved = redraft(&mut editor, CI1, base, "I'm able to spend time with people I choose, when I want.", "Many asked for this.").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let draft = latest_revision(&app, "CI-1").await;
        let number = app.scalar(
            "SELECT COUNT(*) FROM statement_revisions WHERE statement_id = \
               (SELECT id FROM statements WHERE reference = $1) AND text_kind = 'standard'",
            "CI-1",
        ).await;
        close_round(&app, &mut editor).await;
        for sql in [
            "INSERT INTO responses (comment_id, outcome, reason, created_at, updated_at) \
             SELECT id, 'incorporated', 'We added it.', $1, $1 FROM comments WHERE statement_id = $2",
            "INSERT INTO response_revisions (response_id, revision_id) \
             SELECT r.id, $3 FROM responses r JOIN comments c ON c.id = r.comment_id \
             WHERE c.statement_id = $2 AND $1 > 0",
        ] {
            sqlx::query(sql)
                .bind(now())
                .bind(app.scalar("SELECT id FROM statements WHERE reference = $1", "CI-1").await)
                .bind(draft)
                .execute(&app.state.db.pool)
                .await
                .unwrap();
        }
        publish(&mut editor, "Version one.").await;

        let trace_path = format!("{FRAMEWORK}/versions/1/statements/CI-1/trace");
        let section = format!("li#draft-{number}");
        let trace = app.visitor().get(&trace_path).await;
        assert_eq!(trace.status, StatusCode::OK);
        assert_eq!(listed(&trace.body, &section), 20, "the first 20 of the 60 are named");
        let text = trace.text();
        assert!(text.contains("Showing 1 to 20 of 60 comments."), "{text}");
        assert!(text.contains("2 comments shared only with the policy team were also acted on here."), "{text}");
        assert!(!text.contains("Private note"));
        let all = links(&trace.body, &format!("{section} a"))
            .into_iter()
            .find(|(_, label)| label.starts_with("See all 60 comments"))
            .expect("a way in to the rest");
        assert_eq!(all.0, format!("{trace_path}?draft={number}#draft-{number}"));

        let first = app.visitor().get(&format!("{trace_path}?draft={number}")).await;
        assert_eq!(listed(&first.body, &section), 50);
        assert!(first.text().contains("Showing 1 to 50 of 60 comments."));
        assert_eq!(next_link(&first.body), format!("{trace_path}?draft={number}&page=2#draft-{number}"));
        let second = app.visitor().get(&format!("{trace_path}?draft={number}&page=2")).await;
        assert_eq!(listed(&second.body, &section), 10);
        assert!(second.text().contains("Seeded comment 060") && !second.text().contains("Seeded comment 050"));
        assert_eq!(previous_link(&second.body), format!("{trace_path}?draft={number}#draft-{number}"));
    }

    async fn a_frameworks_proposals_and_a_facilitators_events_come_a_page_at_a_time(app) {
        open_round(&app).await;
        let framework = app.scalar("SELECT id FROM frameworks WHERE slug = $1", "national-care-service-demo").await;
        let theme = app.scalar("SELECT id FROM themes WHERE code = $1", "HL").await;
        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;
        let author = app.scalar("SELECT id FROM users WHERE email = $1", "participant@example.org").await;
        for i in 1..=55 {
            let visibility = if i <= 3 { "policy_team" } else { "named" };
            sqlx::query(
                "INSERT INTO proposals (framework_id, theme_id, round_id, author_id, body, knowledge, \
                   visibility, submission_key, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, 'lived_experience', $6, $7, $8, $8)",
            )
            .bind(framework)
            .bind(theme)
            .bind(round)
            .bind(author)
            .bind(format!("I can proposal {i:02}."))
            .bind(visibility)
            .bind(format!("seed-proposal-{i}"))
            .bind(now())
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        }
        let proposals = format!("{FRAMEWORK}/proposals");
        let first = app.visitor().get(&proposals).await;
        let text = first.text();
        assert!(text.contains("Showing 1 to 50 of 52 proposals."), "the 3 kept for the policy team are not counted: {text}");
        assert!(text.contains("I can proposal 55.") && !text.contains("I can proposal 05."));
        assert_eq!(next_link(&first.body), format!("{proposals}?page=2#proposals"));
        let second = app.visitor().get(&format!("{proposals}?page=2")).await.text();
        assert!(second.contains("Showing 51 to 52 of 52 proposals."), "{second}");
        assert!(second.contains("I can proposal 04.") && !second.contains("I can proposal 03."));
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let all = editor.get(&format!("{proposals}?page=9")).await.text();
        assert!(all.contains("Showing 51 to 55 of 55 proposals."), "{all}");

        sqlx::query("INSERT INTO users (email, display_name, is_facilitator, created_at) VALUES ($1, $2, 1, $3)")
            .bind("seeded-facilitator@example.org")
            .bind("Fran")
            .bind(now())
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        let facilitator = app.scalar("SELECT id FROM users WHERE email = $1", "seeded-facilitator@example.org").await;
        for i in 1..=55_i64 {
            sqlx::query(
                "INSERT INTO events (framework_id, round_id, facilitator_id, name, held_on, submission_key, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $5)",
            )
            .bind(framework)
            .bind(round)
            .bind(facilitator)
            .bind(format!("Workshop {i:02}"))
            .bind(i * 86_400)
            .bind(format!("seed-event-{i}"))
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        }
        let mut fran = app.visitor();
        fran.sign_in_as("seeded-facilitator@example.org").await;
        let first = fran.get("/events").await;
        let text = first.text();
        assert!(text.contains("Showing 1 to 50 of 55 events."), "{text}");
        assert!(text.contains("Workshop 55") && !text.contains("Workshop 05"));
        assert_eq!(next_link(&first.body), "/events?page=2#events");
        let second = fran.get("/events?page=2").await.text();
        assert!(second.contains("Showing 51 to 55 of 55 events."), "{second}");
        assert!(second.contains("Workshop 01") && !second.contains("Workshop 06"));
    }
}
