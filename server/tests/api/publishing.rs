use crate::{
    comments::{comment, open_round},
    on_both_databases,
    support::{TestApp, Visitor},
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const HL2: &str = "/frameworks/national-care-service-demo/statements/HL-2";

pub async fn close_round(app: &TestApp, editor: &mut Visitor<'_>) {
    let round = app
        .scalar("SELECT id FROM rounds WHERE title = $1", "First round")
        .await
        .to_string();
    let closed = editor
        .post(
            &format!("{FRAMEWORK}/rounds"),
            &[("action", "close"), ("round_id", &round)],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
}

pub async fn answer_all(app: &TestApp, editor: &mut Visitor<'_>, outcome: &str) {
    let round = app
        .scalar("SELECT id FROM rounds WHERE title = $1", "First round")
        .await;
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM comments WHERE round_id = $1")
        .bind(round)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap();
    for id in ids {
        let (o, r) = (format!("outcome-{id}"), format!("reason-{id}"));
        let reason = format!("Reason for comment {id}.");
        let answered = editor
            .post(
                &format!("{FRAMEWORK}/rounds/{round}/comments"),
                &[
                    ("comment_id", &id.to_string()),
                    (&o, outcome),
                    (&r, &reason),
                ],
            )
            .await;
        assert_eq!(
            answered.status,
            StatusCode::SEE_OTHER,
            "{}",
            answered.text()
        );
    }
}

/// Participant comments twice (named, and policy-team-only), the representative once
/// (anonymously, for the organisation), and an opted-out person once.
pub async fn consultation(app: &TestApp) {
    open_round(app).await;
    let mut participant = app.visitor();
    participant.sign_in_as("participant@example.org").await;
    comment(
        &mut participant,
        CI1,
        &[
            ("body", "Say friends, and when I want."),
            ("passage", "part"),
            ("first_word", "7"),
            ("last_word", "9"),
        ],
    )
    .await;
    comment(
        &mut participant,
        HL2,
        &[
            ("body", "Private worry about costs."),
            ("visibility", "policy_team"),
            ("knowledge", "practice"),
        ],
    )
    .await;
    let mut rep = app.visitor();
    rep.sign_in_as("rep@example.org").await;
    let org = app
        .scalar(
            "SELECT id FROM organisations WHERE name = $1",
            "Speaking Up Together (demo)",
        )
        .await
        .to_string();
    comment(
        &mut rep,
        CI1,
        &[
            ("body", "Our members agree."),
            ("visibility", "anonymous"),
            ("knowledge", "organisation"),
            ("on_behalf_of", &org),
        ],
    )
    .await;
    let mut quiet = app.visitor();
    quiet.sign_in_as("quiet@example.org").await;
    comment(&mut quiet, CI1, &[("body", "No emails for me, please.")]).await;
    let prefs = quiet
        .post(
            "/account",
            &[("action", "preferences"), ("email_opt_out", "yes")],
        )
        .await;
    assert_eq!(prefs.status, StatusCode::SEE_OTHER);
}

on_both_databases! {
    async fn publishing_is_refused_while_any_comment_is_unanswered(app) {
        consultation(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let open = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Too early")]).await;
        assert_eq!(open.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(open.text().contains("is still open. Close it before publishing"));
        close_round(&app, &mut editor).await;
        let page = editor.get(&format!("{FRAMEWORK}/publish")).await;
        let text = page.text();
        assert!(text.contains("4 comments still need an answer"), "{text}");
        assert!(
            page.body.contains("/comments?statement=CI-1&amp;comment="),
            "each missing answer is linked to the page of the list that holds it"
        );
        let refused = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Version one")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("4 comments still need an answer."));
        assert!(refused.body.contains(r#"value="Version one""#));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM publications WHERE summary <> $1", "").await, 0);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE recipient <> $1", "").await, 0);
    }

    async fn publishing_emails_each_contributor_once_and_a_retry_sends_nothing_more(app) {
        consultation(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        close_round(&app, &mut editor).await;
        answer_all(&app, &mut editor, "incorporated").await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Friends and choice added.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        assert_eq!(published.location(), format!("{FRAMEWORK}/versions/1?published=1"));
        let again = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Friends and choice added.")]).await;
        assert_eq!(again.location(), format!("{FRAMEWORK}/versions/1?published=1"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM publications WHERE summary <> $1", "").await, 1);
        // Participant (two comments) and representative; the person who opted out gets none.
        assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE recipient <> $1", "").await, 2);

        let sign_in_emails = app.smtp().messages().len();
        let sent = app::server::outbox::drain_once(&app.state).await.unwrap();
        assert_eq!(sent, 2);
        let emails = app.smtp().wait_for(sign_in_emails + 2).await.split_off(sign_in_emails);
        let to_participant = emails.iter().find(|e| e.recipients == ["participant@example.org"]).expect("participant emailed");
        let text = to_participant.text_body();
        assert!(to_participant.subject().contains("What happened to your comments on National Care Service standards (demo) (version 1)"));
        assert!(text.contains("Say friends, and when I want."));
        assert!(text.contains("Private worry about costs."), "private comments are still told to their author");
        assert!(text.contains("What we did: Incorporated."));
        assert!(text.contains("Why: Reason for comment"));
        assert!(text.contains("About the words: \"people important to\""));
        assert!(text.contains("/frameworks/national-care-service-demo/versions/1/report"));
        assert!(to_participant.html_body().contains("What we did: Incorporated."));
        assert!(emails.iter().any(|e| e.recipients == ["rep@example.org"]), "anonymous commenters are still told");
        assert!(!emails.iter().any(|e| e.recipients == ["quiet@example.org"]));

        let page = editor.get(&format!("{FRAMEWORK}/versions/1/outbox")).await.text();
        assert!(page.contains("2 of 2 emails sent"), "{page}");
    }

    async fn the_report_shows_what_changed_and_respects_each_commenters_choice(app) {
        consultation(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        close_round(&app, &mut editor).await;
        answer_all(&app, &mut editor, "noted").await;
        editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "First version.")]).await;

        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await;
        assert_eq!(report.status, StatusCode::OK);
        let text = report.text();
        assert!(text.contains("You said, we did"));
        assert!(text.contains("Sam (demo participant)"));
        assert!(text.contains("Someone speaking for Speaking Up Together (demo)"), "anonymous, but for an organisation");
        assert!(report.body.contains(r#"<span class="speaks-for">speaking for <strong>Speaking Up Together (demo)</strong></span>"#), "the organisation is an element of its own");
        assert!(!text.contains("Jo (demo representative)"));
        assert!(!text.contains("Private worry about costs."));
        assert!(text.contains("Noted 4"), "{text}");
        // HL-2's only comment is private: its story says so where it is told.
        let hl2 = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report?statement=HL-2")).await.text();
        assert!(hl2.contains("1 more comment was shared only with the policy team."), "{hl2}");

        let csv = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.headers.get("content-type").unwrap().to_str().unwrap().starts_with("text/csv"));
        assert!(csv.body.contains("\"Say friends, and when I want.\""));
        assert!(!csv.body.contains("Private worry"));
        let json = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.json")).await;
        let data: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(data["total_comments"], 4);
        assert!(!json.body.contains("Private worry"));

        let version = app.visitor().get(&format!("{FRAMEWORK}/versions/1")).await.text();
        assert!(version.contains("First version."));
        assert!(version.contains("HL-1 I live in a place I call home"));
    }

    async fn a_participant_cannot_publish_or_see_the_outbox(app) {
        consultation(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        assert_eq!(participant.get(&format!("{FRAMEWORK}/publish")).await.status, StatusCode::FORBIDDEN);
        let attempt = participant.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Mine")]).await;
        assert_eq!(attempt.status, StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM publications WHERE summary <> $1", "").await, 0);
    }
}
