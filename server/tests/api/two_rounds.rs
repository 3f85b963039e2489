//! A scripted history over two consultation rounds, several commenters and every
//! outcome: what the "You said, we did" report, the trace and the emails say about it.

use crate::{
    comments::{comment, today_plus},
    drafting::{form_value, latest_revision},
    on_both_databases,
    support::{TestApp, Visitor},
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const HL1: &str = "/frameworks/national-care-service-demo/statements/HL-1";
const HL2: &str = "/frameworks/national-care-service-demo/statements/HL-2";
const DAY: i64 = 24 * 60 * 60;

/// The people in the story, each signed in once.
struct Cast<'a> {
    editor: Visitor<'a>,
    /// Sam: a named participant with lived experience.
    sam: Visitor<'a>,
    /// Jo: represents Speaking Up Together.
    jo: Visitor<'a>,
    /// Kit: a researcher who joins for herself.
    kit: Visitor<'a>,
    organisation: String,
}

async fn cast(app: &TestApp) -> Cast<'_> {
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    let mut sam = app.visitor();
    sam.sign_in_as("participant@example.org").await;
    let mut jo = app.visitor();
    jo.sign_in_as("rep@example.org").await;
    let mut kit = app.visitor();
    kit.sign_in_as("kit@example.org").await;
    let named = kit
        .post("/account", &[("display_name", "Kit (researcher)")])
        .await;
    assert_eq!(named.status, StatusCode::SEE_OTHER, "{}", named.text());
    let organisation = app
        .scalar(
            "SELECT id FROM organisations WHERE name = $1",
            "Speaking Up Together (demo)",
        )
        .await
        .to_string();
    Cast {
        editor,
        sam,
        jo,
        kit,
        organisation,
    }
}

pub async fn open_round(editor: &mut Visitor<'_>, title: &str) -> i64 {
    let opened = editor
        .post(
            &format!("{FRAMEWORK}/rounds"),
            &[
                ("action", "create"),
                ("title", title),
                ("introduction", "Tell us what matters."),
                ("opens", &today_plus(0)),
                ("closes", &today_plus(14)),
            ],
        )
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.text());
    editor
        .app
        .scalar("SELECT id FROM rounds WHERE title = $1", title)
        .await
}

pub async fn close_round(editor: &mut Visitor<'_>, round: i64) {
    let closed = editor
        .post(
            &format!("{FRAMEWORK}/rounds"),
            &[("action", "close"), ("round_id", &round.to_string())],
        )
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.text());
}

/// The id of the comment with this text.
pub async fn comment_id(app: &TestApp, body: &str) -> i64 {
    app.scalar("SELECT id FROM comments WHERE body = $1", body)
        .await
}

pub async fn answer(
    editor: &mut Visitor<'_>,
    round: i64,
    comment: i64,
    outcome: &str,
    reason: &str,
) {
    let (o, r) = (format!("outcome-{comment}"), format!("reason-{comment}"));
    let answered = editor
        .post(
            &format!("{FRAMEWORK}/rounds/{round}/comments"),
            &[
                ("comment_id", &comment.to_string()),
                (&o, outcome),
                (&r, reason),
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

/// A new draft that answers comments in the same step: `(comment, outcome, reason)`.
pub async fn redraft_answering(
    editor: &mut Visitor<'_>,
    path: &str,
    reference: &str,
    text: &str,
    note: &str,
    answers: &[(i64, &str, &str)],
) {
    let page = editor.get(&format!("{path}/redraft")).await;
    let key = form_value(&page.body, "submission_key");
    let base = latest_revision(editor.app, reference).await.to_string();
    let mut fields: Vec<(String, String)> = vec![
        ("base_revision_id".into(), base),
        ("body".into(), text.into()),
        ("note".into(), note.into()),
        ("submission_key".into(), key),
        ("action".into(), "save".into()),
    ];
    for (id, outcome, reason) in answers {
        fields.push((format!("outcome-{id}"), (*outcome).into()));
        fields.push((format!("reason-{id}"), (*reason).into()));
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let saved = editor.post(&format!("{path}/redraft"), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
}

pub async fn publish(editor: &mut Visitor<'_>, summary: &str) -> String {
    let published = editor
        .post(&format!("{FRAMEWORK}/publish"), &[("summary", summary)])
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.text()
    );
    published.location().to_owned()
}

/// Move everything that has happened a month into the past, so a second round can open
/// today without overlapping the first (rounds are set by the day).
pub async fn a_month_passes(app: &TestApp) {
    for sql in [
        "UPDATE rounds SET opens_at = opens_at - $1, closes_at = closes_at - $1",
        "UPDATE statement_revisions SET created_at = created_at - $1",
        "UPDATE comments SET created_at = created_at - $1, updated_at = updated_at - $1",
        "UPDATE responses SET created_at = created_at - $1, updated_at = updated_at - $1",
        "UPDATE publications SET published_at = published_at - $1",
    ] {
        sqlx::query(sql)
            .bind(30 * DAY)
            .execute(&app.state.db.pool)
            .await
            .unwrap();
    }
}

async fn publication_emails(app: &TestApp) -> i64 {
    app.scalar(
        "SELECT COUNT(*) FROM outbox WHERE batch LIKE $1",
        "publication:%",
    )
    .await
}

/// Round one: Sam and Jo on CI-1 (both acted on in draft 2), Kit on HL-1 (not
/// incorporated), Sam privately on HL-2 (noted). Published as version 1.
async fn first_round(app: &TestApp, c: &mut Cast<'_>) -> i64 {
    let round = open_round(&mut c.editor, "First round").await;
    comment(
        &mut c.sam,
        CI1,
        &[("body", "Add 'when I want'. Times matter to me.")],
    )
    .await;
    comment(
        &mut c.jo,
        CI1,
        &[
            ("body", "Our members want a say in when they see people."),
            ("knowledge", "organisation"),
            ("on_behalf_of", &c.organisation),
        ],
    )
    .await;
    comment(
        &mut c.kit,
        HL1,
        &[
            ("body", "Studies find 'decide' clearer than 'choose'."),
            ("knowledge", "research"),
        ],
    )
    .await;
    comment(
        &mut c.sam,
        HL2,
        &[
            ("body", "Private worry about what changes cost."),
            ("knowledge", "practice"),
            ("visibility", "policy_team"),
        ],
    )
    .await;
    close_round(&mut c.editor, round).await;

    let sam_ci = comment_id(app, "Add 'when I want'. Times matter to me.").await;
    let jo_ci = comment_id(app, "Our members want a say in when they see people.").await;
    redraft_answering(
        &mut c.editor,
        CI1,
        "CI-1",
        "I'm able to spend time with people important to me, when I want.",
        "People asked to choose when.",
        &[
            (sam_ci, "incorporated", "We added 'when I want'."),
            (jo_ci, "partly", "We added when, but not who decides."),
        ],
    )
    .await;
    let kit_hl = comment_id(app, "Studies find 'decide' clearer than 'choose'.").await;
    answer(
        &mut c.editor,
        round,
        kit_hl,
        "not_incorporated",
        "People we asked preferred 'choose'.",
    )
    .await;
    let sam_hl = comment_id(app, "Private worry about what changes cost.").await;
    answer(
        &mut c.editor,
        round,
        sam_hl,
        "noted",
        "Costs are for the guidance, not the standard.",
    )
    .await;
    round
}

/// Round two, a month later: Kit anonymously on CI-1 (incorporated in draft 3), Jo for
/// the organisation and only for the policy team on CI-1 (partly, draft 3), and Sam on
/// HL-1 (noted).
async fn second_round(app: &TestApp, c: &mut Cast<'_>) -> i64 {
    let round = open_round(&mut c.editor, "Second round").await;
    comment(
        &mut c.kit,
        CI1,
        &[
            (
                "body",
                "Say 'people I choose': importance is theirs to judge.",
            ),
            ("knowledge", "lived_experience"),
            ("visibility", "anonymous"),
        ],
    )
    .await;
    comment(
        &mut c.jo,
        CI1,
        &[
            ("body", "Keep it short, members said."),
            ("knowledge", "organisation"),
            ("visibility", "policy_team"),
            ("on_behalf_of", &c.organisation),
        ],
    )
    .await;
    comment(&mut c.sam, HL1, &[("body", "This one reads well now.")]).await;
    close_round(&mut c.editor, round).await;

    let kit_ci = comment_id(app, "Say 'people I choose': importance is theirs to judge.").await;
    let jo_ci = comment_id(app, "Keep it short, members said.").await;
    redraft_answering(
        &mut c.editor,
        CI1,
        "CI-1",
        "I'm able to spend time with people I choose, when I want.",
        "Who matters is for me to say.",
        &[
            (kit_ci, "incorporated", "We now say 'people I choose'."),
            (jo_ci, "partly", "Shorter, but we kept 'when I want'."),
        ],
    )
    .await;
    let sam_hl = comment_id(app, "This one reads well now.").await;
    answer(
        &mut c.editor,
        round,
        sam_hl,
        "noted",
        "Thank you: we kept it.",
    )
    .await;
    round
}

on_both_databases! {
    async fn two_rounds_two_versions_each_report_tells_its_own_round(app) {
        let mut c = cast(&app).await;
        first_round(&app, &mut c).await;
        assert_eq!(publish(&mut c.editor, "When I want.").await, format!("{FRAMEWORK}/versions/1?published=1"));
        assert_eq!(publication_emails(&app).await, 3, "Sam, Jo and Kit: once each");
        a_month_passes(&app).await;
        second_round(&app, &mut c).await;
        assert_eq!(publish(&mut c.editor, "People I choose.").await, format!("{FRAMEWORK}/versions/2?published=1"));
        assert_eq!(publish(&mut c.editor, "People I choose.").await, format!("{FRAMEWORK}/versions/2?published=1"), "a retry publishes nothing new");
        assert_eq!(publication_emails(&app).await, 6, "three more for version 2, none for the retry");

        // Version 1: round one only; the change linked to the comments behind it.
        let v1 = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await;
        assert_eq!(v1.status, StatusCode::OK);
        let text = v1.text();
        assert!(text.contains("This version answers the comments made in First round."), "{text}");
        assert!(text.contains("What 4 comments changed in version 1"), "{text}");
        assert!(text.contains("Incorporated 1 Partly incorporated 1 Not incorporated 1 Noted 1"), "{text}");
        assert!(text.contains("Lived experience 1"), "Sam's change counts for lived experience: {text}");
        assert!(text.contains("An organisation's position 1"), "{text}");
        assert!(text.contains("Research 0"), "Kit's comment changed nothing: {text}");
        assert!(text.contains("Draft 2"), "{text}");
        assert!(text.contains("added ', when I want'"), "{text}");
        assert!(text.contains("Why: People asked to choose when."));
        assert!(text.contains("Because of: the comment by Sam (demo participant) , the comment by Jo (demo representative), for Speaking Up Together (demo)"), "{text}");
        let sam_ci = comment_id(&app, "Add 'when I want'. Times matter to me.").await;
        assert!(v1.body.contains(&format!(r##"href="#comment-{sam_ci}""##)), "the change links to the comment");
        assert!(v1.body.contains(&format!(r#"id="comment-{sam_ci}""#)));
        assert!(v1.body.contains(r#"href="/frameworks/national-care-service-demo/versions/1/statements/CI-1/trace#draft-2""#), "the comment is followed forward");
        assert!(text.contains("Studies find 'decide' clearer than 'choose'. What we did: Not incorporated People we asked preferred 'choose'."), "{text}");
        assert_eq!(crate::html::table_cell(&v1.body, "HL-2", "Only for the policy team").as_deref(), Some("1"));
        assert!(!text.contains("Private worry"));
        assert!(!text.contains("importance is theirs to judge"), "round two is not in version 1");
        // HL-2's only comment is private: its story, asked for, says so.
        let hl2 = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report?statement=HL-2")).await.text();
        assert!(hl2.contains("1 more comment was shared only with the policy team."), "{hl2}");
        assert!(!hl2.contains("Private worry"));

        // Version 2: round two only, from the text round two consulted on.
        let v2 = app.visitor().get(&format!("{FRAMEWORK}/versions/2/report")).await;
        let text = v2.text();
        assert!(text.contains("This version answers the comments made in Second round."), "{text}");
        assert!(text.contains("What 3 comments changed in version 2"), "{text}");
        assert!(text.contains("Incorporated 1 Partly incorporated 1 Not incorporated 0 Noted 1"), "{text}");
        assert!(text.contains("Lived experience 1"), "{text}");
        assert!(text.contains("An organisation's position 1"), "a private comment still counts: {text}");
        assert!(text.contains("'important to me' replaced by 'I choose'"), "{text}");
        assert!(!text.contains("Draft 2 ·"), "draft 2 was before round two: {text}");
        assert!(text.contains("Because of: the comment by Anonymous participant , and 1 comment shared only with the policy team"), "{text}");
        assert!(!text.contains("Keep it short"));
        assert!(!text.contains("Kit (researcher)"), "Kit commented anonymously");
        assert!(!text.contains("Times matter to me"), "round one is not in version 2");
        assert!(v2.body.contains(r#"href="/frameworks/national-care-service-demo/versions/2/statements/CI-1/trace#draft-3""#));

        // The trace: each part of the words back to its draft and the people behind it.
        let trace = app.visitor().get(&format!("{FRAMEWORK}/versions/2/statements/CI-1/trace")).await;
        assert_eq!(trace.status, StatusCode::OK);
        let text = trace.text();
        assert!(text.contains("I choose (changed in draft 3)"), "{text}");
        assert!(text.contains("when I want. (changed in draft 2)") || text.contains("when I want (changed in draft 2)"), "{text}");
        assert!(text.contains("Draft 2"));
        assert!(text.contains("Add 'when I want'. Times matter to me."), "round one's comment is behind draft 2");
        assert!(text.contains("Say 'people I choose': importance is theirs to judge."));
        assert!(!text.contains("Keep it short"));
        let kit_ci = comment_id(&app, "Say 'people I choose': importance is theirs to judge.").await;
        assert!(trace.body.contains(&format!(r#"id="comment-{kit_ci}""#)));

        // Contributors follow their comments forward from their own page.
        let mine = c.sam.get("/account/contributions").await;
        let text = mine.text();
        assert!(text.contains("Add 'when I want'. Times matter to me. What happened: Incorporated We added 'when I want'. Published in version 1: see the report · Where it landed: draft 2 of CI-1"), "{text}");
        // The report opens on the page of CI-1's comments that holds it.
        assert!(mine.body.contains(&format!(r#"href="/frameworks/national-care-service-demo/versions/1/report?statement=CI-1&amp;comment={sam_ci}#comment-{sam_ci}""#)));
        assert!(mine.body.contains(r#"href="/frameworks/national-care-service-demo/versions/1/statements/CI-1/trace#draft-2""#));
        assert!(text.contains("This one reads well now. What happened: Noted Thank you: we kept it. Published in version 2: see the report"), "{text}");

        // The downloads agree with the page.
        let csv = app.visitor().get(&format!("{FRAMEWORK}/versions/2/report.csv")).await;
        assert!(csv.body.contains(r#""CI-1","I'm able to spend time with people I choose, when I want.","Anonymous participant","Lived experience""#), "{}", csv.body);
        assert!(csv.body.contains(r#""1 comment(s) shared only with the policy team""#));
        let json: serde_json::Value = serde_json::from_str(&app.visitor().get(&format!("{FRAMEWORK}/versions/2/report.json")).await.body).unwrap();
        assert_eq!(json["rounds"], serde_json::json!(["Second round"]));
        let ci1 = json["statements"].as_array().unwrap().iter().find(|s| s["reference"] == "CI-1").unwrap();
        assert_eq!(ci1["first_text"], "I'm able to spend time with people important to me, when I want.");
        assert_eq!(ci1["steps"][0]["draft"], 3);
        assert_eq!(ci1["steps"][0]["private_because_of"], 1);
    }

    async fn two_rounds_before_the_first_version_are_both_answered_in_it(app) {
        let mut c = cast(&app).await;
        first_round(&app, &mut c).await;
        a_month_passes(&app).await;
        second_round(&app, &mut c).await;
        let page = c.editor.get(&format!("{FRAMEWORK}/publish")).await.text();
        assert!(page.contains("This version will answer the comments made in First round and Second round."), "{page}");
        assert_eq!(publish(&mut c.editor, "Both rounds.").await, format!("{FRAMEWORK}/versions/1?published=1"));
        assert_eq!(publication_emails(&app).await, 3, "one email each, however many rounds they spoke in");

        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await.text();
        assert!(report.contains("This version answers the comments made in First round and Second round."), "{report}");
        assert!(report.contains("What 7 comments changed in version 1"), "{report}");
        assert!(report.contains("Incorporated 2 Partly incorporated 2 Not incorporated 1 Noted 2"), "{report}");
        // From the text first consulted on, both drafts, each with its own reasons.
        assert!(report.contains("[removed: important to me ] [added: I choose, when I want ]"), "{report}");
        assert!(report.contains("Draft 2 ·") && report.contains("Draft 3 ·"), "{report}");
        assert!(report.contains("added ', when I want' Why: People asked to choose when."), "{report}");
        assert!(report.contains("'important to me' replaced by 'I choose' Why: Who matters is for me to say."), "{report}");

        app::server::outbox::drain_once(&app.state).await.unwrap();
        let emails = app.smtp().messages();
        let to_sam: Vec<_> = emails.iter().filter(|e| e.recipients == ["participant@example.org"] && e.subject().contains("What happened to your comments")).collect();
        assert_eq!(to_sam.len(), 1);
        let text = to_sam[0].text_body();
        assert!(text.contains("Add 'when I want'. Times matter to me."), "{text}");
        assert!(text.contains("This one reads well now."), "{text}");
        assert!(text.contains("Private worry about what changes cost."), "{text}");
    }

    async fn publishing_waits_for_every_round_since_the_last_version(app) {
        let mut c = cast(&app).await;
        first_round(&app, &mut c).await;
        a_month_passes(&app).await;
        let round = open_round(&mut c.editor, "Second round").await;
        let refused = c.editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Too soon")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("Second round is still open."), "{}", refused.text());
        comment(&mut c.sam, HL1, &[("body", "Still thinking.")]).await;
        close_round(&mut c.editor, round).await;
        let refused = c.editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Too soon")]).await;
        assert!(refused.text().contains("1 comment still needs an answer."), "{}", refused.text());
        assert_eq!(app.scalar("SELECT COUNT(*) FROM publications WHERE summary <> $1", "").await, 0);
        assert_eq!(publication_emails(&app).await, 0);
    }
}

on_both_databases! {
    async fn answers_published_in_a_version_can_no_longer_change(app) {
        let mut c = cast(&app).await;
        let round = first_round(&app, &mut c).await;
        publish(&mut c.editor, "When I want.").await;
        let kit_hl = comment_id(&app, "Studies find 'decide' clearer than 'choose'.").await;

        let list = c.editor.get(&format!("{FRAMEWORK}/rounds/{round}/comments")).await;
        assert!(list.text().contains("These answers were published in version 1, so they can no longer change."), "{}", list.text());
        assert!(!list.body.contains("Save answer"), "no answer form for a published round");
        let (o, r) = (format!("outcome-{kit_hl}"), format!("reason-{kit_hl}"));
        let refused = c.editor
            .post(&format!("{FRAMEWORK}/rounds/{round}/comments"), &[("comment_id", &kit_hl.to_string()), (&o, "incorporated"), (&r, "Changed my mind.")])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("This comment's answer has been published in a version, so it can no longer change."));
        let outcome: String = sqlx::query_scalar("SELECT outcome FROM responses WHERE comment_id = $1").bind(kit_hl).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(outcome, "not_incorporated");

        // Redrafting HL-1 offers no answer for the settled comment, and refuses one sent anyway.
        let page = c.editor.get(&format!("{HL1}/redraft")).await;
        assert!(!page.body.contains(&format!(r#"name="outcome-{kit_hl}""#)));
        let key = form_value(&page.body, "submission_key");
        let base = latest_revision(&app, "HL-1").await.to_string();
        let refused = c.editor
            .post(&format!("{HL1}/redraft"), &[("base_revision_id", &base), ("body", "I live in a place I call home, with people I decide to live with."), ("submission_key", &key), ("action", "save"), (&o, "incorporated"), (&r, "Changed my mind.")])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(latest_revision(&app, "HL-1").await.to_string(), base, "the whole redraft is refused");
    }

    async fn saving_a_new_draft_leaves_existing_answers_where_they_were(app) {
        let mut c = cast(&app).await;
        first_round(&app, &mut c).await;
        let sam_ci = comment_id(&app, "Add 'when I want'. Times matter to me.").await;
        let page = c.editor.get(&format!("{CI1}/redraft")).await;
        assert!(page.text().contains("Answered: Incorporated. We added 'when I want'."), "{}", page.text());
        assert!(page.text().contains("Change what happened to this comment? (optional)"));
        assert!(page.body.contains(&format!(r#"id="outcome-{sam_ci}" name="outcome-{sam_ci}" value="" checked"#)), "keeping the answer is the default");
        // A browser sends the untouched fields empty.
        let key = form_value(&page.body, "submission_key");
        let base = latest_revision(&app, "CI-1").await.to_string();
        let (o, r) = (format!("outcome-{sam_ci}"), format!("reason-{sam_ci}"));
        let saved = c.editor
            .post(&format!("{CI1}/redraft"), &[("base_revision_id", &base), ("body", "I'm able to spend time with the people important to me, when I want."), ("submission_key", &key), ("action", "save"), (&o, ""), (&r, "")])
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let statement = c.sam.get(CI1).await.text();
        assert!(statement.contains("Acted on in draft 2."), "still linked to the draft that acted on it: {statement}");
    }
}
