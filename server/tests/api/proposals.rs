//! People propose new statements; others back and comment on them; editors adopt, merge
//! or decline them with a reason; undecided proposals stop publishing.

use crate::{
    comments::open_round,
    drafting::form_value,
    html::{links, message_beside, summary_links, texts_within},
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

/// The labels of the proposal page's withdraw buttons.
fn withdraw_buttons(html: &str) -> Vec<String> {
    texts_within(html, "main", r#"button[name="action"][value="withdraw"]"#)
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

const MERGED_WORDS: &str = "I choose when I eat.";
const CI1_MERGED: &str =
    "I'm able to spend time with people important to me, and to eat when I choose.";
const PRIVATE_WORDS: &str = "I keep my own front door key.";
const HL1_MERGED: &str = "I live in a place I call home, with my own front door key.";
const DECLINED_WORDS: &str = "I choose my bedtime.";

/// Four proposals decided and published as version 1: Sam's named one adopted (its new
/// statement's reference is returned), Sam's anonymous one merged into CI-1, Jo's
/// policy-team-only one merged into HL-1, and Jo's named one declined.
async fn four_proposals_decided_and_published(app: &TestApp) -> String {
    let adopted = proposed_by_participant(app).await;
    let mut sam = app.visitor();
    sam.sign_in_as("participant@example.org").await;
    let mut jo = app.visitor();
    jo.sign_in_as("rep@example.org").await;
    for (visitor, words, visibility) in [
        (&mut sam, MERGED_WORDS, "anonymous"),
        (&mut jo, PRIVATE_WORDS, "policy_team"),
    ] {
        let saved = propose(visitor, &[("body", words), ("visibility", visibility)]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    }
    let saved = propose(&mut jo, &[("body", DECLINED_WORDS)]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
    let path_of = |id: i64| format!("{FRAMEWORK}/proposals/{id}");
    let id_of = |words: &'static str| app.scalar("SELECT id FROM proposals WHERE body = $1", words);
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    let decisions: [(String, Vec<(&str, &str)>); 4] = [
        (
            adopted,
            vec![
                ("action", "adopt"),
                ("reason", "Nothing covered this."),
                ("adopt_theme", "HL"),
                ("value-MP", "yes"),
            ],
        ),
        (
            path_of(id_of(MERGED_WORDS).await),
            vec![
                ("action", "merge"),
                ("reason", "It fits CI-1."),
                ("merge_into", "CI-1"),
                ("wording", CI1_MERGED),
            ],
        ),
        (
            path_of(id_of(PRIVATE_WORDS).await),
            vec![
                ("action", "merge"),
                ("reason", "It fits HL-1."),
                ("merge_into", "HL-1"),
                ("wording", HL1_MERGED),
            ],
        ),
        (
            path_of(id_of(DECLINED_WORDS).await),
            vec![("action", "decline"), ("reason", "HL-2 already says this.")],
        ),
    ];
    for (path, fields) in &decisions {
        let decided = editor.post(path, fields).await;
        assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.text());
    }
    close_round(app, &mut editor).await;
    let published = editor
        .post(
            &format!("{FRAMEWORK}/publish"),
            &[("summary", "Version one")],
        )
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.text()
    );
    sqlx::query_scalar("SELECT s.reference FROM proposals p JOIN statements s ON s.id = p.statement_id WHERE p.body = $1")
        .bind(WORDS)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// report.csv read as a spreadsheet reads it: its header, and each row by column name.
fn csv_rows(body: &str) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (header, rows)
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
        assert_eq!(emails[0].subject(), "What happened to your proposal on National Care Service standards (demo) (version 1)");
        let text = emails[0].text_body();
        assert!(text.contains("so here is what became of your proposal, and why."), "{text}");
        assert!(!text.to_lowercase().contains("comment"), "they made no comment: {text}");
        assert!(text.contains(&format!("You proposed: \"{WORDS}\"")), "{text}");
        assert!(text.contains("What we decided: Adopted as a new statement."), "{text}");
        assert!(text.contains("Why: Nothing covered this."));
        assert!(text.contains(&format!("which now says: \"{WORDS}\"")), "{text}");
    }
    async fn a_proposer_withdraws_their_proposal_and_it_leaves_the_list_the_count_and_the_publish_gate(app) {
        let path = proposed_by_participant(&app).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let own = participant.get(&path).await;
        assert_eq!(withdraw_buttons(&own.body), ["Withdraw my proposal"], "the proposer is offered it");
        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        assert!(withdraw_buttons(&rep.get(&path).await.body).is_empty(), "nobody else is");
        let cross_site = participant.post_with_headers(&path, &[("action", "withdraw")], &[("sec-fetch-site", "cross-site")]).await;
        assert_eq!(cross_site.status, StatusCode::FORBIDDEN, "another website cannot withdraw it");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposals WHERE withdrawn_at IS NULL AND body = $1", WORDS).await, 1);

        let withdrawn = participant.post(&path, &[("action", "withdraw")]).await;
        assert_eq!(withdrawn.status, StatusCode::SEE_OTHER, "{}", withdrawn.text());
        assert_eq!(withdrawn.location(), format!("{path}?saved=proposal-withdrawn"));
        let again = participant.post(&path, &[("action", "withdraw")]).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "a second press changes nothing: {}", again.text());
        assert!(participant.get(withdrawn.location()).await.text().contains("Your proposal has been withdrawn."));

        let page = app.visitor().get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "an old link still opens");
        let text = page.text();
        assert!(text.contains("Withdrawn by the person who proposed it"), "{text}");
        assert!(!text.contains(WORDS) && !text.contains("Growing food keeps me well."), "its words are no longer shown: {text}");
        assert!(!app.visitor().get(&format!("{FRAMEWORK}/proposals")).await.text().contains(WORDS));
        assert!(app.visitor().get(FRAMEWORK).await.text().contains("Proposed statements (0)"));
        assert!(!participant.get("/account/contributions").await.text().contains(WORDS));

        let backed = rep.post(&path, &[("action", "back")]).await;
        assert_eq!(backed.status, StatusCode::UNPROCESSABLE_ENTITY);
        let told = "This proposal was withdrawn by the person who proposed it, so it no longer takes backing, comments or a decision.";
        assert_eq!(summary_links(&backed.body), [("#decision".to_owned(), told.to_owned())], "{}", backed.text());
        let key = "proposal-comment-key-0123456789abcdef";
        let commented = rep.post(&path, &[("action", "comment"), ("comment_key", key), ("comment_body", "Me too."), ("comment_knowledge", "practice"), ("comment_visibility", "named")]).await;
        assert_eq!(commented.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(summary_links(&commented.body), [("#decision".to_owned(), told.to_owned())]);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposal_backings WHERE proposal_id IN (SELECT id FROM proposals WHERE body = $1)", WORDS).await, 0);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposal_comments WHERE body = $1", "Me too.").await, 0);

        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let decided = editor.post(&path, &[("action", "decline"), ("reason", "HL-2 already says this.")]).await;
        assert_eq!(decided.status, StatusCode::UNPROCESSABLE_ENTITY, "a withdrawn proposal is not decided");
        assert_eq!(summary_links(&decided.body), [("#decision".to_owned(), told.to_owned())]);
        close_round(&app, &mut editor).await;
        let publish = editor.get(&format!("{FRAMEWORK}/publish")).await.text();
        assert!(!publish.contains("still needs a decision"), "{publish}");
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "Version one")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "it no longer stops publishing: {}", published.text());
        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await.text();
        assert!(!report.contains(WORDS), "{report}");
        let csv = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.csv")).await.text();
        assert!(!csv.contains(WORDS), "{csv}");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM outbox WHERE recipient = $1", "participant@example.org").await, 0, "nothing to tell them");
    }

    async fn only_the_proposer_withdraws_and_only_while_it_waits_for_a_decision(app) {
        let path = proposed_by_participant(&app).await;
        let mut rep = app.visitor();
        rep.sign_in_as("rep@example.org").await;
        let not_theirs = rep.post(&path, &[("action", "withdraw")]).await;
        assert_eq!(not_theirs.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(summary_links(&not_theirs.body), [("#decision".to_owned(), "Only the person who proposed a statement can withdraw it.".to_owned())]);
        let anyone = app.visitor().post(&path, &[("action", "withdraw")]).await;
        assert_ne!(anyone.status, StatusCode::SEE_OTHER, "signing in comes first");
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        editor.post(&path, &[("action", "decline"), ("reason", "HL-2 already says this.")]).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        assert!(withdraw_buttons(&participant.get(&path).await.body).is_empty(), "not offered once decided");
        let decided = participant.post(&path, &[("action", "withdraw")]).await;
        assert_eq!(decided.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(decided.text().contains("already been decided (not taken forward), so it can no longer be withdrawn"), "{}", decided.text());
        assert_eq!(app.scalar("SELECT COUNT(*) FROM proposals WHERE withdrawn_at IS NULL AND body = $1", WORDS).await, 1);
    }

    async fn a_proposal_cannot_be_withdrawn_once_its_round_has_closed(app) {
        let path = proposed_by_participant(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        close_round(&app, &mut editor).await;
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        assert!(withdraw_buttons(&participant.get(&path).await.body).is_empty());
        let refused = participant.post(&path, &[("action", "withdraw")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(summary_links(&refused.body), [("#decision".to_owned(), "The round this proposal was made in has closed, so it can no longer be withdrawn.".to_owned())], "shown where the page says it still waits");
        assert!(editor.get(&format!("{FRAMEWORK}/publish")).await.text().contains("1 proposal still needs a decision"));
    }
    async fn report_csv_stacks_each_decided_proposal_under_the_comments_as_its_proposer_allows(app) {
        let reference = four_proposals_decided_and_published(&app).await;
        let csv = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        let (header, rows) = csv_rows(&csv.body);
        assert_eq!(
            header,
            ["statement", "published_text", "commenter", "based_on", "about_the_words", "comment", "outcome", "reason",
             "landed_in_drafts", "values", "made_on_text", "published_easy_read_text", "credit", "kind", "proposed_under_theme",
             "alike_group"],
            "the columns people already use keep their places; new ones come last"
        );
        assert!(rows.iter().all(|r| r["kind"] == "comment" || r["kind"] == "proposal"));
        let proposal = |words: &str| rows.iter().find(|r| r["kind"] == "proposal" && r["comment"] == words);
        let adopted = proposal(WORDS).expect("the adopted proposal has a row");
        assert_eq!(
            [&adopted["statement"], &adopted["published_text"], &adopted["commenter"], &adopted["based_on"], &adopted["outcome"], &adopted["reason"], &adopted["proposed_under_theme"]],
            [&reference, WORDS, "Sam (demo participant)", "Lived experience", "Adopted as a new statement", "Nothing covered this.", "HL"]
        );
        let merged = proposal(MERGED_WORDS).expect("the merged proposal has a row");
        assert_eq!(
            [&merged["statement"], &merged["published_text"], &merged["commenter"], &merged["outcome"], &merged["reason"]],
            ["CI-1", CI1_MERGED, "Someone with lived experience", "Merged into a statement", "It fits CI-1."],
            "an anonymous proposer is shown by their kind of knowledge"
        );
        let declined = proposal(DECLINED_WORDS).expect("the declined proposal has a row");
        assert_eq!(
            [&declined["statement"], &declined["published_text"], &declined["commenter"], &declined["outcome"], &declined["reason"]],
            ["", "", "Jo (demo representative)", "Not taken forward", "HL-2 already says this."]
        );
        assert!(!csv.body.contains(PRIVATE_WORDS) && !csv.body.contains("It fits HL-1."), "a policy-team-only proposal is never shown: {}", csv.body);
        let counted: Vec<_> = rows.iter().filter(|r| r["comment"] == "1 proposal(s) shared only with the policy team").collect();
        assert_eq!(counted.len(), 1, "{}", csv.body);
        assert_eq!(counted[0]["kind"], "proposal");
        assert!(counted[0].iter().all(|(column, value)| value.is_empty() || column == "comment" || column == "kind"), "only counted: {:?}", counted[0]);
    }

    async fn the_trace_says_a_statement_began_as_a_proposal_and_which_draft_took_one_in(app) {
        let reference = four_proposals_decided_and_published(&app).await;
        let adopted_path = format!("{FRAMEWORK}/proposals/{}", proposal_id(&app).await);
        let trace = app.visitor().get(&format!("{FRAMEWORK}/versions/1/statements/{reference}/trace")).await;
        assert_eq!(trace.status, StatusCode::OK);
        assert_eq!(
            links(&trace.body, ".trace-origin a"),
            [(adopted_path, "Began as a proposal by Sam (demo participant), adopted in version 1".to_owned())]
        );

        let merged = app.scalar("SELECT id FROM proposals WHERE body = $1", MERGED_WORDS).await;
        let ci1 = app.visitor().get(&format!("{FRAMEWORK}/versions/1/statements/CI-1/trace")).await.body;
        assert_eq!(
            links(&ci1, ".timeline__item .trace-origin a"),
            [(format!("{FRAMEWORK}/proposals/{merged}"), "From a proposal by someone with lived experience".to_owned())],
            "beside the draft that took its words in"
        );
        assert!(texts_within(&ci1, "main", ".trace-origin").iter().all(|t| !t.starts_with("Began")), "CI-1 did not begin as a proposal");

        let hl1 = app.visitor().get(&format!("{FRAMEWORK}/versions/1/statements/HL-1/trace")).await.body;
        assert_eq!(texts_within(&hl1, ".timeline", ".trace-origin"), ["From a proposal by a participant"]);
        assert!(links(&hl1, ".trace-origin a").is_empty(), "a policy-team-only proposal is not linked");
        assert!(!hl1.contains("Jo (demo representative)"));
    }
}
