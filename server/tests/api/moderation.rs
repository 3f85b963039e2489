//! Reporting comments, and moderators hiding them or taking out chosen words: what the
//! public reads, what the policy team and the author still read, the author told, and
//! publishing waiting for every report.

use crate::{
    comments::{comment, open_round},
    drafting::{form_value, latest_revision, redraft},
    html::message_beside,
    on_both_databases,
    publishing::{answer_all, close_round},
    support::{TestApp, TestResponse, Visitor},
    two_rounds::publish,
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const WORDS: &str = "My neighbour Jane Smith at 4 Elm Road cannot get help.";
const REMOVED: &str = "My neighbour [removed: personal information] at 4 Elm Road cannot get help.";

/// A round with Sam's comment naming a neighbour, and Jo's own comment beside it.
async fn a_comment_naming_someone(app: &TestApp) -> i64 {
    open_round(app).await;
    let mut participant = app.visitor();
    participant.sign_in_as("participant@example.org").await;
    comment(&mut participant, CI1, &[("body", WORDS)]).await;
    let mut rep = app.visitor();
    rep.sign_in_as("rep@example.org").await;
    comment(&mut rep, CI1, &[("body", "Friends matter to our members.")]).await;
    app.scalar("SELECT id FROM comments WHERE body = $1", WORDS)
        .await
}

async fn report(visitor: &mut Visitor<'_>, id: i64, kind: &str, note: &str) -> TestResponse {
    let page = visitor.get(&format!("/comments/{id}/report")).await;
    let key = form_value(&page.body, "submission_key");
    visitor
        .post(
            &format!("/comments/{id}/report"),
            &[("kind", kind), ("note", note), ("submission_key", &key)],
        )
        .await
}

/// The moderation page's `n`th value of a hidden field (0: the "take out" form, 1: the
/// "leave it as written" form).
fn nth_value(body: &str, name: &str, n: usize) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    body.split(&marker)
        .nth(n + 1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

async fn moderate(moderator: &mut Visitor<'_>, id: i64, fields: &[(&str, &str)]) -> TestResponse {
    let path = format!("/moderation/comments/{id}");
    let page = moderator.get(&path).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let dismiss = fields
        .iter()
        .any(|(k, v)| *k == "action" && *v == "dismiss");
    let n = usize::from(dismiss);
    let key = nth_value(&page.body, "submission_key", n);
    let version = nth_value(&page.body, "shown_version", n);
    let mut all = vec![
        ("submission_key", key.as_str()),
        ("shown_version", version.as_str()),
    ];
    all.extend_from_slice(fields);
    moderator.post(&path, &all).await
}

/// Take out "Jane Smith" (words 3 to 4) as personal information.
async fn redact_the_name(moderator: &mut Visitor<'_>, id: i64) -> TestResponse {
    moderate(
        moderator,
        id,
        &[
            ("action", "remove"),
            ("passage", "part"),
            ("first_word", "3"),
            ("last_word", "4"),
            ("reason", "personal_information"),
            ("note", "A neighbour's name."),
        ],
    )
    .await
}

async fn sign_in<'a>(app: &'a TestApp, email: &str) -> Visitor<'a> {
    let mut visitor = app.visitor();
    visitor.sign_in_as(email).await;
    visitor
}

async fn make_moderator(app: &TestApp, email: &str) {
    let mut admin = sign_in(app, "admin@example.org").await;
    let id = app
        .scalar("SELECT id FROM users WHERE email = $1", email)
        .await;
    let saved = admin
        .post(
            &format!("/admin/people/{id}"),
            &[("action", "roles"), ("moderator", "yes")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
}

on_both_databases! {
    async fn a_signed_in_person_reports_a_comment_and_it_appears_in_the_queue(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut rep = sign_in(&app, "rep@example.org").await;
        let statement = rep.get(CI1).await;
        assert!(statement.body.contains(&format!("/comments/{id}/report")), "a report link under the comment");
        let sent = report(&mut rep, id, "personal_information", "Names my neighbour.").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
        assert!(sent.location().starts_with(&format!("{CI1}?saved=reported")));
        let again = report(&mut rep, id, "personal_information", "Names my neighbour.").await;
        assert_eq!(again.status, StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comment_reports WHERE note = $1", "Names my neighbour.").await, 1, "one open report each");

        let mut editor = sign_in(&app, "editor@example.org").await;
        let queue = editor.get("/moderation").await;
        assert_eq!(queue.status, StatusCode::OK);
        let text = queue.text();
        assert!(text.contains("1 report needs a moderator"), "{text}");
        assert!(text.contains("Personal information"), "{text}");
        assert!(text.contains("Names my neighbour."), "{text}");
        assert!(queue.body.contains(&format!("/moderation/comments/{id}")));
    }

    async fn something_else_needs_a_note_and_what_was_typed_is_kept(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut rep = sign_in(&app, "rep@example.org").await;
        let refused = report(&mut rep, id, "other", "").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = message_beside(&refused.body, "note").expect("a message beside the note");
        assert!(message.contains("Say in a few words what is wrong with it."), "{message}");
        assert!(refused.body.contains(r#"value="other" checked"#), "the choice is kept");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comment_reports WHERE kind <> $1", "").await, 0);
    }

    async fn someone_signed_out_cannot_report_a_comment(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut stranger = app.visitor();
        let page = stranger.get(&format!("/comments/{id}/report")).await;
        assert_ne!(page.status, StatusCode::OK);
        let sent = stranger
            .post(&format!("/comments/{id}/report"), &[("kind", "spam"), ("submission_key", "k-signed-out")])
            .await;
        assert_ne!(sent.location(), format!("{CI1}?saved=reported#comments"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comment_reports WHERE kind <> $1", "").await, 0);
        let statement = stranger.get(CI1).await;
        assert!(!statement.body.contains("/report\""), "no report link for someone signed out");
    }

    async fn a_plain_contributor_cannot_see_the_queue_or_moderate(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut rep = sign_in(&app, "rep@example.org").await;
        report(&mut rep, id, "abusive", "").await;
        assert_eq!(rep.get("/moderation").await.status, StatusCode::FORBIDDEN);
        assert_eq!(rep.get(&format!("/moderation/comments/{id}")).await.status, StatusCode::FORBIDDEN);
        let attempt = rep
            .post(
                &format!("/moderation/comments/{id}"),
                &[("action", "remove"), ("passage", "whole"), ("reason", "abusive"), ("submission_key", "k-plain")],
            )
            .await;
        assert_eq!(attempt.status, StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM moderation_actions WHERE note <> $1", "x").await, 0);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comments WHERE moderation IS NOT NULL AND body <> $1", "").await, 0);
    }

    async fn an_admin_makes_someone_a_moderator_who_can_then_handle_reports(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut rep = sign_in(&app, "rep@example.org").await;
        report(&mut rep, id, "personal_information", "").await;
        let mut helper = sign_in(&app, "helper@example.org").await;
        assert_eq!(helper.get("/moderation").await.status, StatusCode::FORBIDDEN);
        make_moderator(&app, "helper@example.org").await;
        // A role change ends that person's sessions: they sign in again with the new role.
        let ended = helper.get("/moderation").await;
        assert_ne!(ended.status, StatusCode::OK);
        let mut helper = sign_in(&app, "helper@example.org").await;
        let queue = helper.get("/moderation").await;
        assert_eq!(queue.status, StatusCode::OK, "{}", queue.text());
        assert!(helper.get("/account").await.text().contains("Moderator"));
        let done = redact_the_name(&mut helper, id).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comment_reports WHERE handled_at IS NULL AND note = $1", "").await, 0);
    }

    async fn a_redaction_shows_removed_words_to_the_public_and_the_original_to_editors_and_the_author(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut rep = sign_in(&app, "rep@example.org").await;
        report(&mut rep, id, "personal_information", "Names my neighbour.").await;
        let mut editor = sign_in(&app, "editor@example.org").await;
        let page = editor.get(&format!("/moderation/comments/{id}")).await;
        assert!(page.body.contains(r#"<option value="3">3: Jane</option>"#), "words to choose from, by number");
        let done = redact_the_name(&mut editor, id).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
        let handled = editor.get(done.location()).await.text();
        assert!(handled.contains("Done. The comment's author will be told by email."), "{handled}");
        assert!(handled.contains("took out “Jane Smith”"), "the record keeps the words: {handled}");

        let public = app.visitor().get(CI1).await.text();
        assert!(public.contains(REMOVED), "{public}");
        assert!(!public.contains("Jane Smith"));
        let other = rep.get(CI1).await.text();
        assert!(!other.contains("Jane Smith"), "another participant reads it removed");
        let policy = editor.get(CI1).await.text();
        assert!(policy.contains(WORDS), "the policy team reads the original");
        assert!(policy.contains("Others read this with some words removed by a moderator (personal information)."));
        let mut author = sign_in(&app, "participant@example.org").await;
        assert!(author.get(CI1).await.text().contains(WORDS), "the author reads their own words");

        // Answered and published: the report, its exports and the trace show it removed.
        let base = latest_revision(&app, "CI-1").await;
        let saved = redraft(&mut editor, CI1, base, "I'm able to spend time with the people I choose.", "Neighbours count.").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        close_round(&app, &mut editor).await;
        // Incorporated: acted on in the new draft, so the trace lists it.
        answer_all(&app, &mut editor, "incorporated").await;
        publish(&mut editor, "Version one.").await;
        let report_page = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report?statement=CI-1")).await.text();
        assert!(report_page.contains(REMOVED), "{report_page}");
        assert!(!report_page.contains("Jane Smith"));
        let csv = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.csv")).await.body;
        assert!(csv.contains(REMOVED) && !csv.contains("Jane Smith"), "{csv}");
        let json = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.json")).await.body;
        assert!(json.contains(REMOVED) && !json.contains("Jane Smith"), "{json}");
        let trace = app.visitor().get(&format!("{FRAMEWORK}/versions/1/statements/CI-1/trace")).await.text();
        assert!(trace.contains(REMOVED), "{trace}");
        assert!(!trace.contains("Jane Smith"));

        // Emails: the author's own holds their words; anyone else's never holds them.
        let before = app.smtp().messages().len();
        let sent = app::server::outbox::drain_once(&app.state).await.unwrap();
        let emails = app.smtp().wait_for(before + sent).await.split_off(before);
        let to_author: Vec<_> = emails.iter().filter(|e| e.recipients == ["participant@example.org"]).collect();
        assert!(to_author.iter().any(|e| e.text_body().contains(WORDS)), "the author's publication email has their words");
        let to_rep = emails.iter().find(|e| e.recipients == ["rep@example.org"]).expect("Jo is emailed");
        assert!(!to_rep.text_body().contains("Jane Smith") && !to_rep.html_body().contains("Jane Smith"));
    }

    async fn the_author_gets_an_email_and_a_notice_on_their_contributions_page(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut rep = sign_in(&app, "rep@example.org").await;
        report(&mut rep, id, "personal_information", "").await;
        let mut editor = sign_in(&app, "editor@example.org").await;
        redact_the_name(&mut editor, id).await;
        assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE $1", "moderation:%").await, 1);
        let before = app.smtp().messages().len();
        app::server::outbox::drain_once(&app.state).await.unwrap();
        let email = app.smtp().wait_for(before + 1).await.pop().unwrap();
        assert_eq!(email.recipients, ["participant@example.org"]);
        assert!(email.subject().contains("A moderator changed how your comment on CI-1 is shown"));
        let text = email.text_body();
        assert!(text.contains("The words taken out of public view: Jane Smith"), "{text}");
        assert!(text.contains("Why: personal information."), "{text}");
        assert!(text.contains(REMOVED), "{text}");
        assert!(email.html_body().contains(REMOVED));

        let mut author = sign_in(&app, "participant@example.org").await;
        let page = author.get("/account/contributions").await.text();
        assert!(page.contains("Your comment was changed"), "{page}");
        assert!(page.contains("A moderator removed some words of your comment from public view."));
        assert!(page.contains("Why: Personal information."), "{page}");
        assert!(page.contains(REMOVED));
        assert!(page.contains(WORDS), "their own words as they wrote them");

        // The audit log records the report and the redaction, without the words taken out.
        let mut admin = sign_in(&app, "admin@example.org").await;
        let log = admin.get("/admin/audit").await.text();
        assert!(log.contains("Comment reported"), "{log}");
        assert!(log.contains("Words taken out of a comment"), "{log}");
        assert!(log.contains(&format!("Comment {id} (CI-1): personal information")), "{log}");
        assert!(!log.contains("Jane Smith"));
    }

    async fn the_authors_edit_hides_the_comment_until_a_moderator_reads_it_again(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut rep = sign_in(&app, "rep@example.org").await;
        report(&mut rep, id, "personal_information", "").await;
        let mut editor = sign_in(&app, "editor@example.org").await;
        redact_the_name(&mut editor, id).await;
        let mut author = sign_in(&app, "participant@example.org").await;
        let edit = format!("{CI1}/comments/{id}/edit");
        let form = author.get(&edit).await;
        assert!(form.body.contains(WORDS), "the author changes their own words");
        let changed = author
            .post(&edit, &[
                ("revision_id", form_value(&form.body, "revision_id").as_str()),
                ("body", "My neighbour cannot get help."),
                ("knowledge", "lived_experience"),
                ("visibility", "named"),
                ("action", "save"),
            ])
            .await;
        assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.text());
        let public = app.visitor().get(CI1).await.text();
        assert!(public.contains("[removed: personal information]"), "{public}");
        assert!(!public.contains("My neighbour cannot get help."), "hidden until a moderator reads it");
        assert!(author.get(CI1).await.text().contains("My neighbour cannot get help."));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM comment_reports WHERE handled_at IS NULL AND note = $1", "").await, 1, "its report is open again");

        let shown = moderate(&mut editor, id, &[("action", "dismiss")]).await;
        assert_eq!(shown.status, StatusCode::SEE_OTHER, "{}", shown.text());
        assert!(app.visitor().get(CI1).await.text().contains("My neighbour cannot get help."));
    }

    async fn a_hidden_comment_is_answered_and_its_author_still_gets_their_email(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut rep = sign_in(&app, "rep@example.org").await;
        report(&mut rep, id, "abusive", "").await;
        let mut editor = sign_in(&app, "editor@example.org").await;
        let hidden = moderate(&mut editor, id, &[("action", "remove"), ("passage", "whole"), ("reason", "abusive")]).await;
        assert_eq!(hidden.status, StatusCode::SEE_OTHER, "{}", hidden.text());
        let public = app.visitor().get(CI1).await.text();
        assert!(public.contains("[removed: abusive language]") && !public.contains("Jane Smith"), "{public}");

        close_round(&app, &mut editor).await;
        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await;
        let list = editor.get(&format!("{FRAMEWORK}/rounds/{round}/comments")).await.text();
        assert!(list.contains(WORDS), "the policy team answers what was written");
        assert!(list.contains("Hidden from public view by a moderator (abusive language)."), "{list}");
        answer_all(&app, &mut editor, "noted").await;
        publish(&mut editor, "Version one.").await;
        let before = app.smtp().messages().len();
        let sent = app::server::outbox::drain_once(&app.state).await.unwrap();
        let emails = app.smtp().wait_for(before + sent).await.split_off(before);
        let publication = emails
            .iter()
            .find(|e| e.recipients == ["participant@example.org"] && e.subject().contains("version 1"))
            .expect("the author of a hidden comment still gets their email");
        assert!(publication.text_body().contains(WORDS));
        assert!(publication.text_body().contains("What we did: Noted."));
    }

    async fn publishing_is_refused_while_a_report_is_unhandled_and_allowed_after(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut rep = sign_in(&app, "rep@example.org").await;
        report(&mut rep, id, "spam", "").await;
        let mut editor = sign_in(&app, "editor@example.org").await;
        close_round(&app, &mut editor).await;
        answer_all(&app, &mut editor, "noted").await;
        let page = editor.get(&format!("{FRAMEWORK}/publish")).await;
        let text = page.text();
        assert!(text.contains("1 reported comment still needs a moderator"), "{text}");
        assert!(page.body.contains(&format!("/moderation/comments/{id}")), "linked to where it is handled");
        let refused = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Version one")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("1 reported comment still needs a moderator."), "{}", refused.text());
        assert!(refused.body.contains(r#"value="Version one""#));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM publications WHERE summary <> $1", "").await, 0);

        let dismissed = moderate(&mut editor, id, &[("action", "dismiss")]).await;
        assert_eq!(dismissed.status, StatusCode::SEE_OTHER, "{}", dismissed.text());
        assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE $1", "moderation:%").await, 0, "nothing of the author's changed");
        publish(&mut editor, "Version one").await;
        assert_eq!(app.scalar("SELECT COUNT(*) FROM publications WHERE summary <> $1", "").await, 1);
    }

    async fn a_redaction_sent_twice_takes_the_words_out_once(app) {
        let id = a_comment_naming_someone(&app).await;
        let mut editor = sign_in(&app, "editor@example.org").await;
        let path = format!("/moderation/comments/{id}");
        let page = editor.get(&path).await;
        let key = nth_value(&page.body, "submission_key", 0);
        let version = nth_value(&page.body, "shown_version", 0);
        let fields = [
            ("action", "remove"), ("passage", "part"), ("first_word", "6"), ("last_word", "8"),
            ("reason", "personal_information"), ("submission_key", key.as_str()), ("shown_version", version.as_str()),
        ];
        assert_eq!(editor.post(&path, &fields).await.status, StatusCode::SEE_OTHER);
        assert_eq!(editor.post(&path, &fields).await.status, StatusCode::SEE_OTHER);
        let public = app.visitor().get(CI1).await.text();
        assert!(public.contains("My neighbour Jane Smith at [removed: personal information] cannot get help."), "{public}");
        // A form made before the words changed is refused rather than taking out others.
        let refused = editor
            .post(&path, &[
                ("action", "remove"), ("passage", "part"), ("first_word", "1"), ("last_word", "1"),
                ("reason", "spam"), ("submission_key", "another-key"), ("shown_version", version.as_str()),
            ])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("Someone else changed this comment while you had it open"));
    }

    async fn the_demo_round_has_a_redacted_comment_and_an_open_report_in_the_queue(app) {
        app::server::demo::open_round(&app.state.db).await.unwrap();
        let hl3 = app.visitor().get(&format!("{FRAMEWORK}/statements/HL-3")).await.text();
        assert!(hl3.contains("like [removed: personal information] last spring."), "{hl3}");
        assert!(!hl3.contains("Mrs Patel"));
        let mut editor = sign_in(&app, "editor@example.org").await;
        let queue = editor.get("/moderation").await.text();
        assert!(queue.contains("1 report needs a moderator"), "{queue}");
        assert!(queue.contains("Four people sent exactly this."), "{queue}");
        assert!(queue.contains("Handled by Priya (demo editor)"), "{queue}");
    }
}
