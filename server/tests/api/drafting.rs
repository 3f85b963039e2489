use crate::{
    html::texts_within,
    on_both_databases,
    support::{TestApp, Visitor},
};
use axum::http::StatusCode;

const HL1: &str = "/frameworks/national-care-service-demo/statements/HL-1";
const HL1_TEXT: &str = "I live in a place I call home, with people I choose to live with.";

pub async fn latest_revision(app: &TestApp, reference: &str) -> i64 {
    app.scalar(
        "SELECT latest_revision_id FROM statements WHERE reference = $1",
        reference,
    )
    .await
}

pub fn form_value(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    body.split(&marker)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned()
}

pub async fn redraft(
    editor: &mut Visitor<'_>,
    path: &str,
    base: i64,
    text: &str,
    note: &str,
) -> crate::support::TestResponse {
    let page = editor.get(&format!("{path}/redraft")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let key = form_value(&page.body, "submission_key");
    editor
        .post(
            &format!("{path}/redraft"),
            &[
                ("base_revision_id", &base.to_string()),
                ("body", text),
                ("note", note),
                ("submission_key", &key),
                ("action", "save"),
            ],
        )
        .await
}

on_both_databases! {
    async fn an_editor_redrafts_and_the_history_shows_each_word_changed(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "HL-1").await;
        let saved = redraft(&mut editor, HL1, base, "I live in a place I call home, with people I decide to live with.", "Carers asked for 'decide'.").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let page = editor.get(saved.location()).await;
        assert!(page.text().contains("The new draft has been saved."));
        assert!(page.text().contains("people I decide to live with"));
        assert!(page.text().contains("Draft 2"));

        let history = editor.get(&format!("{HL1}/history")).await;
        assert_eq!(history.status, StatusCode::OK);
        let text = history.text();
        assert!(text.contains("[removed: choose ]"), "{text}");
        assert!(text.contains("[added: decide ]"), "{text}");
        assert!(text.contains("Carers asked for 'decide'."));
        let list = editor.get(&format!("{HL1}/history?view=list")).await.text();
        assert!(list.contains("'choose' replaced by 'decide'"), "{list}");
        let side = editor.get(&format!("{HL1}/history?view=side")).await.text();
        assert!(side.contains("Draft 1") && side.contains("Draft 2"));
    }

    async fn a_participant_cannot_redraft(app) {
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        assert_eq!(participant.get(&format!("{HL1}/redraft")).await.status, StatusCode::FORBIDDEN);
        let base = latest_revision(&app, "HL-1").await;
        let attempt = participant
            .post(&format!("{HL1}/redraft"), &[("base_revision_id", &base.to_string()), ("body", "I was here."), ("submission_key", "k1"), ("action", "save")])
            .await;
        assert_eq!(attempt.status, StatusCode::FORBIDDEN);
        assert_eq!(latest_revision(&app, "HL-1").await, base);
    }

    async fn a_stale_redraft_is_refused_and_offers_a_merge_that_loses_nothing(app) {
        let mut first = app.visitor();
        first.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "HL-1").await;
        // Both start from the same draft; the first saves a change at the end.
        let theirs = redraft(&mut first, HL1, base, "I live in a place I call home, with people I choose to share it with.", "").await;
        assert_eq!(theirs.status, StatusCode::SEE_OTHER);
        let mut second = app.visitor();
        second.sign_in_as("editor@example.org").await;
        let stale = redraft(&mut second, HL1, base, "I live in a home I call home, with people I choose to live with.", "").await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        let text = stale.text();
        assert!(text.contains("Someone else saved a new draft while you were working"), "{text}");
        assert!(text.contains("What changed while you were working"));
        assert!(stale.body.contains("I live in a home I call home, with people I choose to share it with.</textarea>"), "merged text offered");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM statement_revisions r JOIN statements s ON s.id = r.statement_id WHERE s.reference = $1 AND r.text_kind = 'standard'", "HL-1").await, 2);

        // Saving the merged text against the newer draft goes through.
        let newer = latest_revision(&app, "HL-1").await;
        let merged = redraft(&mut second, HL1, newer, "I live in a home I call home, with people I choose to share it with.", "").await;
        assert_eq!(merged.status, StatusCode::SEE_OTHER, "{}", merged.text());
    }

    async fn overlapping_changes_are_marked_and_cannot_be_saved_until_chosen(app) {
        let mut first = app.visitor();
        first.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "HL-1").await;
        redraft(&mut first, HL1, base, "I live in a place I call home, with people I pick to live with.", "").await;
        let mut second = app.visitor();
        second.sign_in_as("editor@example.org").await;
        let stale = redraft(&mut second, HL1, base, "I live in a place I call home, with people I want to live with.", "").await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert!(stale.text().contains("some of your changes overlap with theirs"));
        let proposal = stale.body.split("name=\"body\"").nth(1).unwrap().split('>').nth(1).unwrap().split("</textarea").next().unwrap().to_owned();
        assert!(proposal.contains("[[their version: pick"), "{proposal}");
        assert!(proposal.contains("your version: want"), "{proposal}");

        let newer = latest_revision(&app, "HL-1").await;
        let unresolved = redraft(&mut second, HL1, newer, "I live in a place I call home, with people I [[their version: pick | your version: want]] to live with.", "").await;
        assert_eq!(unresolved.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unresolved.text().contains("The text still has [[ ]] marks"));
        assert_eq!(latest_revision(&app, "HL-1").await, newer);
    }

    async fn a_redraft_sent_twice_makes_one_draft(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "HL-1").await;
        let page = editor.get(&format!("{HL1}/redraft")).await;
        let key = form_value(&page.body, "submission_key");
        let fields = [("base_revision_id", base.to_string()), ("body", "I live where I choose.".to_owned()), ("submission_key", key), ("action", "save".to_owned())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(editor.post(&format!("{HL1}/redraft"), &fields).await.status, StatusCode::SEE_OTHER);
        assert_eq!(editor.post(&format!("{HL1}/redraft"), &fields).await.status, StatusCode::SEE_OTHER);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM statement_revisions r JOIN statements s ON s.id = r.statement_id WHERE s.reference = $1 AND r.text_kind = 'standard'", "HL-1").await, 2);
    }

    async fn previewing_a_redraft_shows_the_diff_and_plain_language_advice_without_saving(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "HL-1").await;
        let preview = editor
            .post(&format!("{HL1}/redraft"), &[("base_revision_id", &base.to_string()), ("body", "Services facilitate my home."), ("submission_key", "p1"), ("action", "preview")])
            .await;
        assert_eq!(preview.status, StatusCode::OK);
        let text = preview.text();
        assert!(text.contains("[added:"), "{text}");
        // The advice itself, not the text box that echoes the draft back: it names the
        // jargon with a plainer word, and counts the words.
        let advice = texts_within(&preview.body, ".preview .advice", ".advice__list li");
        assert!(advice.contains(&"'facilitate' is jargon: try 'help'.".to_owned()), "{advice:?}");
        let counted = texts_within(&preview.body, ".preview .advice", ".meta");
        assert!(counted.len() == 1 && counted[0].starts_with("About 4 words."), "{counted:?}");
        assert!(preview.body.contains("Services facilitate my home.</textarea>"));
        assert_eq!(latest_revision(&app, "HL-1").await, base);
    }

    async fn an_empty_redraft_is_refused_and_nothing_is_written(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let base = latest_revision(&app, "HL-1").await;
        let refused = redraft(&mut editor, HL1, base, "   ", "a note I typed").await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("Enter the text of the statement"));
        assert!(refused.body.contains(r#"value="a note I typed""#));
        assert_eq!(latest_revision(&app, "HL-1").await, base);
        assert!(editor.get(HL1).await.text().contains(HL1_TEXT));
    }

    async fn an_editor_adds_moves_and_retires_a_statement_keeping_its_reference(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let new_page = "/frameworks/national-care-service-demo/themes/HL/new-statement";
        let form = editor.get(new_page).await;
        assert_eq!(form.status, StatusCode::OK);
        let key = form_value(&form.body, "submission_key");
        let fields = [("body", "I can have a pet if I want one."), ("note", "Workshop idea"), ("value-CC", "yes"), ("submission_key", key.as_str()), ("action", "save")];
        let created = editor.post(new_page, &fields).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
        assert_eq!(created.location(), "/frameworks/national-care-service-demo/statements/HL-5");
        assert_eq!(editor.post(new_page, &fields).await.location(), "/frameworks/national-care-service-demo/statements/HL-5");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM statements WHERE reference LIKE $1", "HL-%").await, 5);

        let path = "/frameworks/national-care-service-demo/statements/HL-5";
        let moved = editor.post(&format!("{path}/manage"), &[("action", "move"), ("theme", "WF"), ("place", "1")]).await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER);
        let framework = editor.get("/frameworks/national-care-service-demo").await.text();
        let wellbeing = framework.find("Wellbeing and fulfilment A good life").unwrap();
        let pet = framework.find("HL-5 I can have a pet").unwrap();
        let first_wf = framework.find("WF-1").unwrap();
        assert!(wellbeing < pet && pet < first_wf, "moved to the top of wellbeing, keeping HL-5");

        let bad_place = editor.post(&format!("{path}/manage"), &[("action", "move"), ("theme", "WF"), ("place", "first")]).await;
        assert_eq!(bad_place.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad_place.text().contains("Enter the place as a number"));

        let retired = editor.post(&format!("{path}/manage"), &[("action", "retire")]).await;
        assert_eq!(retired.status, StatusCode::SEE_OTHER);
        assert!(!editor.get("/frameworks/national-care-service-demo").await.text().contains("I can have a pet"));
        let page = editor.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("This statement has been retired."));
        let redraft_retired = redraft(&mut editor, path, latest_revision(&app, "HL-5").await, "I can have two pets.", "").await;
        assert_eq!(redraft_retired.status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    async fn an_editor_renames_and_reorders_themes(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let edit = "/frameworks/national-care-service-demo/edit";
        let renamed = editor
            .post(edit, &[("action", "theme-update"), ("code", "CI"), ("theme-title-CI", "Being part of my community"), ("theme-description-CI", "Where I belong.")])
            .await;
        assert_eq!(renamed.status, StatusCode::SEE_OTHER);
        let page = editor.get(renamed.location()).await;
        assert!(page.text().contains("Theme saved."), "{} {}", page.status, page.text());
        let moved = editor.post(edit, &[("action", "theme-up"), ("code", "CI")]).await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER);
        let framework = editor.get("/frameworks/national-care-service-demo").await.text();
        let community = framework.find("Being part of my community Where I belong.").expect("renamed");
        let support = framework.find("Personalised support Support that fits").unwrap();
        assert!(community < support, "moved above personalised support");
        let blank = editor.post(edit, &[("action", "theme-update"), ("code", "CI"), ("theme-title-CI", " ")]).await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(blank.text().contains("Enter a theme title"));
    }

    async fn a_participant_cannot_add_or_move_statements(app) {
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        let attempt = participant
            .post("/frameworks/national-care-service-demo/themes/HL/new-statement", &[("body", "I rule."), ("submission_key", "x"), ("action", "save")])
            .await;
        assert_eq!(attempt.status, StatusCode::FORBIDDEN);
        let retire = participant.post(&format!("{HL1}/manage"), &[("action", "retire")]).await;
        assert_eq!(retire.status, StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM statements WHERE retired_at IS NOT NULL AND reference <> $1", "").await, 0);
    }

    async fn editors_add_words_to_avoid_and_the_checker_uses_them(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        assert!(editor.get("/jargon").await.text().contains("facilitate"));
        let added = editor.post("/jargon", &[("term", "Wraparound"), ("plainer", "all-round")]).await;
        assert_eq!(added.status, StatusCode::SEE_OTHER);
        let again = editor.post("/jargon", &[("term", "wraparound"), ("plainer", "x")]).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        let base = latest_revision(&app, "HL-1").await;
        let preview = editor
            .post(&format!("{HL1}/redraft"), &[("base_revision_id", &base.to_string()), ("body", "I get wraparound support."), ("action", "preview")])
            .await;
        assert!(preview.text().contains("all-round"), "{}", preview.text());
    }
}
