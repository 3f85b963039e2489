//! Nothing a person opens grows with the round: long lists come a page at a time, with
//! exact totals, links between pages that keep the filters, and a page past the end
//! showing the last page; the report's downloads list every comment the database has.

use crate::{
    comments::open_round,
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

/// `n` comments on `reference` by `email`, shown as `visibility`, written straight into
/// the database (quicker than the form, and past the hourly limit per person), with
/// bodies `"{prefix} 001"`, `"{prefix} 002"`… in the order they were made.
async fn seed(
    app: &TestApp,
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
        .scalar("SELECT id FROM rounds WHERE title = $1", "First round")
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
        .bind(format!("seed-{reference}-{prefix}-{i}"))
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
    for (outcome, prefix) in [
        ("noted", "Seeded comment"),
        ("noted", "Private note"),
        ("incorporated", "Housing comment"),
    ] {
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
    }

    async fn the_report_counts_each_statement_and_pages_its_comments_keeping_the_filters(app) {
        published_round(&app).await;
        let mut visitor = app.visitor();
        let report = visitor.get(REPORT).await;
        assert_eq!(report.status, StatusCode::OK);
        let text = report.text();
        assert!(text.contains("What 83 comments changed in version 1"), "{text}");
        assert!(text.contains("Showing 1 to 50 of 80 comments."), "{text}");
        assert_eq!(listed(&report.body, "section[aria-labelledby=\"report-comments\"]"), 50);
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
}
