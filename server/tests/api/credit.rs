//! Credit for whose words they are: the version page, report, trace and exports credit
//! the people whose comments or proposals brought in words still in the published text,
//! as each allowed; people see "Your words are in …"; and people recorded at an event who
//! asked to hear back by email get their own email.

use crate::{
    comments::comment,
    drafting::{latest_revision, redraft},
    on_both_databases,
    support::{TestApp, Visitor},
    two_rounds::{
        a_month_passes, answer, close_round, comment_id, open_round, publish, redraft_answering,
    },
};
use app::{
    domain::{
        drafting::{Knowledge, Visibility},
        events::{HearBack, Way},
    },
    server::store::{
        comments::{self, Author, NewComment, RecordedVoice},
        events::{self, NewEvent, NewParticipant},
    },
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const CI1_FIRST: &str = "I'm able to spend time with people important to me.";
const CI1_WHEN: &str = "I'm able to spend time with people important to me, when I want.";

async fn signed_in<'a>(app: &'a TestApp, email: &str, name: Option<&str>) -> Visitor<'a> {
    let mut visitor = app.visitor();
    visitor.sign_in_as(email).await;
    if let Some(name) = name {
        let named = visitor.post("/account", &[("display_name", name)]).await;
        assert_eq!(named.status, StatusCode::SEE_OTHER, "{}", named.text());
    }
    visitor
}

/// Sam (named), Kit (anonymous, lived experience) and Jo (policy team only) each ask for
/// "when I want" on CI-1; the editor takes it in draft 2 and publishes version 1.
async fn three_people_are_heard(app: &TestApp) -> Visitor<'_> {
    let mut editor = signed_in(app, "editor@example.org", None).await;
    let mut sam = signed_in(app, "participant@example.org", None).await;
    let mut kit = signed_in(app, "kit@example.org", Some("Kit Secret")).await;
    let mut jo = signed_in(app, "rep@example.org", None).await;
    let round = open_round(&mut editor, "First round").await;
    comment(&mut sam, CI1, &[("body", "Add when I want.")]).await;
    comment(
        &mut kit,
        CI1,
        &[("body", "Times matter to me."), ("visibility", "anonymous")],
    )
    .await;
    comment(
        &mut jo,
        CI1,
        &[
            ("body", "Say when, privately."),
            ("visibility", "policy_team"),
            ("knowledge", "practice"),
        ],
    )
    .await;
    comment(&mut sam, CI1, &[("body", "And keep it short.")]).await;
    close_round(&mut editor, round).await;
    let mut answers = Vec::new();
    for body in [
        "Add when I want.",
        "Times matter to me.",
        "Say when, privately.",
        "And keep it short.",
    ] {
        answers.push(comment_id(app, body).await);
    }
    redraft_answering(
        &mut editor,
        CI1,
        "CI-1",
        CI1_WHEN,
        "People asked to choose when.",
        &[
            (answers[0], "incorporated", "We added 'when I want'."),
            (answers[1], "partly", "We added when."),
            (answers[2], "incorporated", "We added when."),
            (answers[3], "noted", "It is still short."),
        ],
    )
    .await;
    assert_eq!(
        publish(&mut editor, "When I want.").await,
        format!("{FRAMEWORK}/versions/1?published=1")
    );
    editor
}

const V1_CREDIT: &str =
    "Words from: Sam (demo participant), someone with lived experience and 1 other";

on_both_databases! {
    async fn a_version_credits_each_person_whose_words_it_kept_as_they_allowed(app) {
        let _editor = three_people_are_heard(&app).await;
        let page = app.visitor().get(&format!("{FRAMEWORK}/versions/1")).await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        assert!(text.contains(V1_CREDIT), "{text}");
        assert!(!text.contains("Kit Secret"), "an anonymous person is shown by their knowledge only");
        assert!(!text.contains("Jo (demo representative)"), "a policy-team-only person is only counted");
        assert_eq!(text.matches("Words from:").count(), 1, "statements nobody's words changed credit no one: {text}");

        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await.text();
        assert!(report.contains(V1_CREDIT), "{report}");
        let trace = app.visitor().get(&format!("{FRAMEWORK}/versions/1/statements/CI-1/trace")).await.text();
        assert!(trace.contains(V1_CREDIT), "{trace}");
        let csv = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.csv")).await.body;
        assert!(csv.lines().next().unwrap().contains(",\"credit\","), "{csv}");
        assert!(csv.contains("\"Sam (demo participant), someone with lived experience and 1 other\""), "{csv}");
        assert!(!csv.contains("Kit Secret") && !csv.contains("Jo (demo representative)"));
        let json: serde_json::Value = serde_json::from_str(&app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.json")).await.body).unwrap();
        let ci1 = json["statements"].as_array().unwrap().iter().find(|s| s["reference"] == "CI-1").unwrap();
        assert_eq!(ci1["credit"], "Sam (demo participant), someone with lived experience and 1 other");

        // Sam's two comments on CI-1 (one only noted) credit him once; the noted one
        // alone brings no credit.
        let stored = app.scalar("SELECT COUNT(*) FROM publication_credits WHERE words > 0 AND comment_id IN (SELECT id FROM comments WHERE body <> $1)", "And keep it short.").await;
        assert_eq!(stored, 3);
    }

    async fn people_see_your_words_are_in_on_their_contributions_page_and_in_their_email(app) {
        let _editor = three_people_are_heard(&app).await;
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        let page = sam.get("/account/contributions").await.text();
        assert!(page.contains("Your words are in CI-1 (version 1)"), "{page}");
        let mut jo = app.visitor();
        jo.sign_in_as("rep@example.org").await;
        assert!(jo.get("/account/contributions").await.text().contains("Your words are in CI-1 (version 1)"), "told privately even when only counted in public");
        let mut quiet = app.visitor();
        quiet.sign_in_as("quiet@example.org").await;
        assert!(!quiet.get("/account/contributions").await.text().contains("Your words are in"));

        let before = app.smtp().messages().len();
        app::server::outbox::drain_once(&app.state).await.unwrap();
        let emails = app.smtp().wait_for(before + 3).await.split_off(before);
        let to_sam = emails.iter().find(|e| e.recipients == ["participant@example.org"]).expect("Sam emailed");
        assert!(to_sam.text_body().contains("Your words are in CI-1 (version 1)."), "{}", to_sam.text_body());
        assert!(to_sam.html_body().contains("Your words are in CI-1 (version 1)."));
    }

    async fn a_later_version_that_removed_their_words_no_longer_credits_them_but_the_earlier_one_still_does(app) {
        let mut editor = three_people_are_heard(&app).await;
        a_month_passes(&app).await;
        let round = open_round(&mut editor, "Second round").await;
        let base = latest_revision(&app, "CI-1").await;
        let saved = redraft(&mut editor, CI1, base, CI1_FIRST, "Back to the shorter text.").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        close_round(&mut editor, round).await;
        assert_eq!(publish(&mut editor, "Shorter again.").await, format!("{FRAMEWORK}/versions/2?published=1"));

        let v2 = app.visitor().get(&format!("{FRAMEWORK}/versions/2")).await.text();
        assert!(!v2.contains("Words from:"), "{v2}");
        let v1 = app.visitor().get(&format!("{FRAMEWORK}/versions/1")).await.text();
        assert!(v1.contains(V1_CREDIT), "{v1}");
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        let page = sam.get("/account/contributions").await.text();
        assert!(page.contains("Your words are in CI-1 (version 1)"));
        assert!(!page.contains("Your words are in CI-1 (version 2)"));
    }

    async fn an_adopted_proposal_credits_its_author_with_the_words_of_the_first_draft(app) {
        let mut editor = signed_in(&app, "editor@example.org", None).await;
        let _kit = signed_in(&app, "kit@example.org", Some("Kit (researcher)")).await;
        let round = open_round(&mut editor, "First round").await;
        let first_draft = app.scalar("SELECT MIN(id) FROM statement_revisions WHERE text_kind = 'standard' AND statement_id = (SELECT id FROM statements WHERE reference = $1)", "CI-1").await;
        let kit = app.scalar("SELECT id FROM users WHERE email = $1", "kit@example.org").await;
        sqlx::query(
            "INSERT INTO proposals (framework_id, theme_id, round_id, author_id, body, knowledge, visibility, status, \
               statement_id, revision_id, reason, submission_key, created_at, updated_at) \
             SELECT s.framework_id, s.theme_id, $1, $2, $3, 'lived_experience', 'named', 'adopted', s.id, $4, 'Adopted.', 'proposal-key-1', 0, 0 \
             FROM statements s WHERE s.reference = 'CI-1'",
        )
        .bind(round)
        .bind(kit)
        .bind(CI1_FIRST)
        .bind(first_draft)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
        close_round(&mut editor, round).await;
        publish(&mut editor, "Kit's statement.").await;
        let page = app.visitor().get(&format!("{FRAMEWORK}/versions/1")).await.text();
        assert!(page.contains("Words from: Kit (researcher)"), "{page}");
        assert_eq!(app.scalar("SELECT words FROM publication_credits WHERE proposal_id IS NOT NULL AND statement_id = (SELECT id FROM statements WHERE reference = $1)", "CI-1").await, 10);
    }

    async fn a_person_recorded_at_an_event_who_chose_email_gets_one_email_and_one_who_chose_post_gets_none(app) {
        let mut editor = signed_in(&app, "editor@example.org", None).await;
        let round = open_round(&mut editor, "First round").await;
        let facilitator = app.scalar("SELECT id FROM users WHERE email = $1", "editor@example.org").await;
        let framework = app.scalar("SELECT id FROM frameworks WHERE slug = $1", "national-care-service-demo").await;
        let statement = app.scalar("SELECT id FROM statements WHERE reference = $1", "CI-1").await;
        let revision = latest_revision(&app, "CI-1").await;
        let mut conn = app.state.db.pool.acquire().await.unwrap();
        let event = events::insert(&mut conn, &NewEvent {
            framework_id: framework,
            round_id: round,
            facilitator_id: facilitator,
            organisation_id: None,
            name: "the Dundee workshop",
            held_on: 0,
            place: "Dundee",
            people_count: Some(12),
            ways: &[Way::InPerson],
            submission_key: "event-key-1",
        }, 0).await.unwrap();
        let morag = events::insert_participant(&mut conn, &NewParticipant {
            event_id: event,
            name: "Morag",
            hear_back: HearBack::Email,
            email: Some("morag@example.org"),
            postal_address: None,
            easy_read: false,
        }, 0).await.unwrap();
        let by_post = events::insert_participant(&mut conn, &NewParticipant {
            event_id: event,
            name: "Angus",
            hear_back: HearBack::Post,
            email: None,
            postal_address: Some("1 High Street, Dundee"),
            easy_read: false,
        }, 0).await.unwrap();
        let voices = [
            (RecordedVoice::Participant(morag), "Morag said: when I want matters.", Visibility::Named),
            (RecordedVoice::Participant(by_post), "Angus said: it reads well.", Visibility::Named),
            (RecordedVoice::Group { agreed: 8, present: 12 }, "The group said: add when.", Visibility::Anonymous),
        ];
        for (i, (voice, body, visibility)) in voices.into_iter().enumerate() {
            comments::insert(&mut conn, &NewComment {
                author: Author::Recorded { event_id: event, voice, recorded_by: facilitator },
                statement_id: statement,
                revision_id: revision,
                round_id: round,
                organisation_id: None,
                body,
                passage: None,
                suggestion: None,
                knowledge: Knowledge::LivedExperience,
                visibility,
                submission_key: &format!("recorded-key-{i}"),
                earlier_comment_id: None,
            }, 0).await.unwrap();
        }
        drop(conn);
        close_round(&mut editor, round).await;
        let (m, a, g) = (
            comment_id(&app, "Morag said: when I want matters.").await,
            comment_id(&app, "Angus said: it reads well.").await,
            comment_id(&app, "The group said: add when.").await,
        );
        redraft_answering(&mut editor, CI1, "CI-1", CI1_WHEN, "Dundee asked for when.", &[
            (m, "incorporated", "We added 'when I want'."),
            (g, "incorporated", "We added when."),
        ]).await;
        answer(&mut editor, round, a, "noted", "Thank you: we kept it.").await;
        publish(&mut editor, "Dundee's words.").await;
        publish(&mut editor, "Dundee's words.").await;

        let page = app.visitor().get(&format!("{FRAMEWORK}/versions/1")).await.text();
        assert!(page.contains("Words from: Morag and 8 people at the Dundee workshop"), "{page}");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1", "morag@example.org").await, 1);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE dedupe_key LIKE $1", "%:participant:%").await, 1, "Angus asked for a letter by post, and a group has no address");

        let before = app.smtp().messages().len();
        app::server::outbox::drain_once(&app.state).await.unwrap();
        let emails = app.smtp().wait_for(before + 1).await.split_off(before);
        let to_morag = emails.iter().find(|e| e.recipients == ["morag@example.org"]).expect("Morag emailed");
        let text = to_morag.text_body();
        assert!(text.contains("Hello Morag,"), "{text}");
        assert!(text.contains("Morag said: when I want matters."));
        assert!(text.contains("What we did: Incorporated."));
        assert!(text.contains("Why: We added 'when I want'."));
        assert!(text.contains(&format!("It now says: \"{CI1_WHEN}\"")));
        assert!(text.contains("Your words are in CI-1 (version 1)."));
        assert!(text.contains("what you said at the Dundee workshop"));
        assert!(!text.contains("Angus said"), "only her own words");
    }
}
