//! People propose new statements; others back and comment on them; editors adopt, merge
//! or decline them with a reason; undecided proposals stop publishing.

use crate::{
    comments::open_round,
    drafting::form_value,
    html::message_beside,
    on_both_databases,
    publishing::close_round,
    support::{TestApp, TestResponse, Visitor},
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const WORDS: &str = "I can get to my allotment every week.";

/// Propose a statement under HL, named and from lived experience unless `extra` says
/// otherwise.
pub async fn propose(visitor: &mut Visitor<'_>, extra: &[(&str, &str)]) -> TestResponse {
    let page = visitor.get(&format!("{FRAMEWORK}/propose?theme=HL")).await;
    let key = form_value(&page.body, "submission_key");
    let mut fields: Vec<(String, String)> = vec![
        ("submission_key".into(), key),
        ("theme".into(), "HL".into()),
        ("body".into(), WORDS.into()),
        ("why".into(), "Growing food keeps me well.".into()),
        ("knowledge".into(), "lived_experience".into()),
        ("visibility".into(), "named".into()),
        ("action".into(), "send".into()),
    ];
    for (k, v) in extra {
        match fields.iter_mut().find(|(name, _)| name == k) {
            Some(field) => field.1 = (*v).to_owned(),
            None => fields.push(((*k).to_owned(), (*v).to_owned())),
        }
    }
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    visitor.post(&format!("{FRAMEWORK}/propose"), &fields).await
}

async fn proposal_id(app: &TestApp) -> i64 {
    app.scalar("SELECT id FROM proposals WHERE body = $1", WORDS)
        .await
}

async fn proposed_by_participant(app: &TestApp) -> String {
    open_round(app).await;
    let mut participant = app.visitor();
    participant.sign_in_as("participant@example.org").await;
    let saved = propose(&mut participant, &[]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    format!("{FRAMEWORK}/proposals/{}", proposal_id(app).await)
}

on_both_databases! {
    async fn a_participant_proposes_a_statement_in_their_own_words_and_everyone_can_read_it(app) {
        let path = proposed_by_participant(&app).await;
        let mut reader = app.visitor();
        let page = reader.get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        assert!(text.contains(WORDS), "{text}");
        assert!(text.contains("Proposed by Sam (demo participant)"), "{text}");
        assert!(text.contains("Growing food keeps me well."));
        assert!(text.contains("Waiting for a decision"));
        let list = reader.get(&format!("{FRAMEWORK}/proposals")).await.text();
        assert!(list.contains(WORDS) && list.contains("HL: "), "{list}");
        let framework = reader.get(FRAMEWORK).await.text();
        assert!(framework.contains("Proposed statements (1)"), "{framework}");
        assert!(framework.contains("Propose a new statement"));
    }

    async fn proposing_is_refused_without_an_open_round_and_nothing_typed_is_lost(app) {
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let refused = propose(&mut participant, &[]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("none is open now"), "{}", refused.text());
        assert!(refused.body.contains(&format!("{WORDS}</textarea>")), "the words are kept");
        assert!(refused.body.contains("Growing food keeps me well.</textarea>"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposals WHERE body <> $1", "").await, 0);
    }

    async fn an_empty_proposal_is_refused_beside_its_field(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let refused = propose(&mut participant, &[("body", "   ")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(message_beside(&refused.body, "body").is_some(), "{}", refused.text());
        assert!(refused.body.contains("Growing food keeps me well.</textarea>"));
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposals WHERE body <> $1", "").await, 0);
    }

    async fn checking_the_words_without_javascript_shows_advice_and_saves_nothing(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let checked = propose(&mut participant, &[("action", "check"), ("body", "I am supported to facilitate my outcomes.")]).await;
        assert_eq!(checked.status, StatusCode::OK);
        assert!(checked.body.contains("I am supported to facilitate my outcomes.</textarea>"));
        assert!(checked.text().to_lowercase().contains("facilitate"), "advice names the word");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposals WHERE body <> $1", "").await, 0);
    }

    async fn a_doubled_submit_makes_one_proposal(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let first = propose(&mut participant, &[("submission_key", "proposal-key-0123456789abcdef")]).await;
        let second = propose(&mut participant, &[("submission_key", "proposal-key-0123456789abcdef")]).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.text());
        assert_eq!(second.location(), first.location());
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposals WHERE body = $1", WORDS).await, 1);
    }

    async fn backing_counts_once_per_person_never_ones_own_and_can_be_taken_back(app) {
        let path = proposed_by_participant(&app).await;
        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        for _ in 0..2 {
            let backed = rep.post(&path, &[("action", "back")]).await;
            assert_eq!(backed.status, StatusCode::SEE_OTHER, "{}", backed.text());
        }
        assert!(rep.get(&path).await.text().contains("1 person says this is true for them too"));
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        assert!(!participant.get(&path).await.text().contains("This is true for me too\u{a0}"), "no button on one's own");
        let own = participant.post(&path, &[("action", "back")]).await;
        assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(own.text().contains("your own proposal"));
        rep.post(&path, &[("action", "take-back")]).await;
        assert!(rep.get(&path).await.text().contains("0 people say this is true for them too"));
    }

    async fn people_comment_on_a_proposal_as_their_consent_allows(app) {
        let path = proposed_by_participant(&app).await;
        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        let page = rep.get(&path).await;
        let key = form_value(&page.body, "comment_key");
        let fields = [("action", "comment"), ("comment_key", key.as_str()), ("comment_body", "Our members say this too."), ("comment_knowledge", "organisation"), ("comment_visibility", "anonymous")];
        let saved = rep.post(&path, &fields).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        rep.post(&path, &fields).await;
        let text = app.visitor().get(&path).await.text();
        assert_eq!(text.matches("Our members say this too.").count(), 1, "a doubled submit is one comment");
        assert!(text.contains("An organisation"), "{text}");
    }

    async fn a_policy_team_only_proposal_is_seen_by_editors_and_its_author_only(app) {
        open_round(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        propose(&mut participant, &[("visibility", "policy_team")]).await;
        let path = format!("{FRAMEWORK}/proposals/{}", proposal_id(&app).await);
        assert_eq!(participant.get(&path).await.status, StatusCode::OK);
        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        assert_eq!(rep.get(&path).await.status, StatusCode::NOT_FOUND);
        assert!(!rep.get(&format!("{FRAMEWORK}/proposals")).await.text().contains(WORDS));
        assert_eq!(app.visitor().get(&path).await.status, StatusCode::NOT_FOUND);
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let seen = editor.get(&path).await.text();
        assert!(seen.contains(WORDS) && !seen.contains("Sam (demo participant)"), "{seen}");
    }

    async fn only_editors_decide_proposals(app) {
        let path = proposed_by_participant(&app).await;
        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        assert!(!rep.get(&path).await.text().contains("Adopt as a new statement"));
        let tried = rep.post(&path, &[("action", "decline"), ("reason", "I do not like it.")]).await;
        assert_eq!(tried.status, StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposals WHERE status = $1", "open").await, 1);
    }

    async fn adopting_makes_a_statement_whose_first_draft_is_the_persons_words(app) {
        let path = proposed_by_participant(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let no_values = editor.post(&path, &[("action", "adopt"), ("reason", "Nothing covered this."), ("adopt_theme", "HL")]).await;
        assert_eq!(no_values.status, StatusCode::UNPROCESSABLE_ENTITY, "values are required in this framework");
        let adopted = editor.post(&path, &[("action", "adopt"), ("reason", "Nothing covered this."), ("adopt_theme", "HL"), ("value-MP", "yes")]).await;
        assert_eq!(adopted.status, StatusCode::SEE_OTHER, "{}", adopted.text());
        let page = editor.get(&path).await.text();
        assert!(page.contains("Adopted as a new statement") && page.contains("Nothing covered this."), "{page}");
        let reference: String = sqlx::query_scalar("SELECT s.reference FROM proposals p JOIN statements s ON s.id = p.statement_id WHERE p.body = $1")
            .bind(WORDS).fetch_one(&app.state.db.pool).await.unwrap();
        let first: i64 = app.scalar("SELECT MIN(r.id) FROM statement_revisions r JOIN statements s ON s.id = r.statement_id WHERE s.reference = $1", &reference).await;
        assert_eq!(app.scalar("SELECT revision_id FROM proposals WHERE body = $1", WORDS).await, first, "credit follows the first draft");
        let statement = app.visitor().get(&format!("{FRAMEWORK}/statements/{reference}")).await.text();
        assert!(statement.contains(WORDS), "{statement}");
        let history = app.visitor().get(&format!("{FRAMEWORK}/statements/{reference}/history")).await.text();
        assert!(history.contains("This statement began as a proposal by Sam (demo participant)"), "{history}");
        let again = editor.post(&path, &[("action", "adopt"), ("reason", "Nothing covered this."), ("adopt_theme", "HL"), ("value-MP", "yes")]).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "a doubled submit is one decision");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM statement_revisions WHERE body = $1", WORDS).await, 1);
    }

    async fn merging_makes_a_new_draft_of_the_chosen_statement(app) {
        let path = proposed_by_participant(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let wording = "I'm able to spend time with people important to me, and outdoors.";
        let merged = editor.post(&path, &[("action", "merge"), ("reason", "It fits CI-1."), ("merge_into", "CI-1"), ("wording", wording)]).await;
        assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.text());
        let latest = app.scalar("SELECT latest_revision_id FROM statements WHERE reference = $1", "CI-1").await;
        assert_eq!(app.scalar("SELECT revision_id FROM proposals WHERE body = $1", WORDS).await, latest);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM statement_revisions WHERE body = $1", wording).await, 1);
        let history = app.visitor().get(&format!("{FRAMEWORK}/statements/CI-1/history")).await.text();
        assert!(history.contains("Takes in proposal"), "{history}");
    }

    async fn declining_needs_a_reason(app) {
        let path = proposed_by_participant(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let refused = editor.post(&path, &[("action", "decline"), ("reason", "  ")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(message_beside(&refused.body, "reason").is_some());
        let declined = editor.post(&path, &[("action", "decline"), ("reason", "HL-2 already says this.")]).await;
        assert_eq!(declined.status, StatusCode::SEE_OTHER);
        let page = app.visitor().get(&path).await.text();
        assert!(page.contains("Not taken forward") && page.contains("HL-2 already says this."), "{page}");
        assert!(app.scalar("SELECT decided_by FROM proposals WHERE body = $1", WORDS).await > 0);
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let mine = participant.get("/account/contributions").await.text();
        assert!(mine.contains("Statements you proposed") && mine.contains(WORDS), "{mine}");
        assert!(mine.contains("What happened: Not taken forward") && mine.contains("HL-2 already says this."), "{mine}");
    }

    async fn publishing_waits_for_every_proposal_to_be_decided(app) {
        let path = proposed_by_participant(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        close_round(&app, &mut editor).await;
        let page = editor.get(&format!("{FRAMEWORK}/publish")).await;
        assert!(page.text().contains("1 proposal still needs a decision"), "{}", page.text());
        assert!(page.body.contains(&format!("href=\"{path}\"")), "linked");
        let refused = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Version one")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("1 proposal still needs a decision."));
        editor.post(&path, &[("action", "decline"), ("reason", "HL-2 already says this.")]).await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Version one")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
    }

    async fn a_proposer_who_made_no_comments_is_emailed_the_decision_and_the_statement(app) {
        let path = proposed_by_participant(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let adopted = editor.post(&path, &[("action", "adopt"), ("reason", "Nothing covered this."), ("adopt_theme", "HL"), ("value-MP", "yes")]).await;
        assert_eq!(adopted.status, StatusCode::SEE_OTHER, "{}", adopted.text());
        close_round(&app, &mut editor).await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Version one")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await.text();
        assert!(report.contains("Proposed statements") && report.contains(WORDS), "{report}");
        assert!(report.contains("Adopted as a new statement") && report.contains("Nothing covered this."), "{report}");
        let json = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.json")).await.text();
        assert!(json.contains("\"proposals\"") && json.contains(WORDS), "the export carries them too");
        let before = app.smtp().messages().len();
        let sent = app::server::outbox::drain_once(&app.state).await.unwrap();
        assert_eq!(sent, 1, "the proposer is the one contributor");
        let emails = app.smtp().wait_for(before + 1).await.split_off(before);
        assert_eq!(emails[0].recipients, ["participant@example.org"]);
        let text = emails[0].text_body();
        assert!(text.contains(&format!("You proposed: \"{WORDS}\"")), "{text}");
        assert!(text.contains("What we decided: Adopted as a new statement."), "{text}");
        assert!(text.contains("Why: Nothing covered this."));
        assert!(text.contains(&format!("which now says: \"{WORDS}\"")), "{text}");
    }
}
