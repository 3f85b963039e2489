//! Values beside themes: editors define them and choose each statement's; the framework
//! page reads as a grid, grouped by value or filtered by one; a published version keeps
//! the values it had, and its report counts by value.

use crate::{
    comments::comment,
    drafting::form_value,
    html::{message_beside, summary_links, table_cell, texts_within},
    on_both_databases,
    support::TestApp,
    two_rounds::{
        a_month_passes, answer, close_round, comment_id, open_round, publish, redraft_answering,
    },
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const VALUES: &str = "/frameworks/national-care-service-demo/values";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const HL1: &str = "/frameworks/national-care-service-demo/statements/HL-1";
const WF1: &str = "/frameworks/national-care-service-demo/statements/WF-1";
const NEW_IN_HL: &str = "/frameworks/national-care-service-demo/themes/HL/new-statement";

/// The references a framework page lists, in order.
fn listed(body: &str) -> Vec<String> {
    texts_within(body, "main", ".statement-list .reference")
}

async fn values_of(app: &TestApp, reference: &str) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT v.code FROM statement_values sv JOIN framework_values v ON v.id = sv.value_id \
         JOIN statements s ON s.id = sv.statement_id WHERE s.reference = $1 ORDER BY v.position",
    )
    .bind(reference)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap()
}

on_both_databases! {
    async fn an_editor_adds_renames_and_orders_values(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let page = editor.get(VALUES).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("CC Choice and control"), "{}", page.text());

        let added = editor.post(VALUES, &[("action", "value-add"), ("value_code", "sf"), ("value_title", "Feeling safe"), ("value_description", "Safe at home and out.")]).await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text());
        let page = editor.get(added.location()).await;
        assert!(page.text().contains("Value added."));
        assert!(page.text().contains("SF Feeling safe"));

        let taken = editor.post(VALUES, &[("action", "value-add"), ("value_code", "CC"), ("value_title", "Again")]).await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&taken.body, "value_code").as_deref(), Some("There is already a value with the code CC"));
        assert!(taken.body.contains(r#"value="Again""#), "what was typed is kept");
        let bad = editor.post(VALUES, &[("action", "value-add"), ("value_code", "C1"), ("value_title", "x")]).await;
        assert_eq!(message_beside(&bad.body, "value_code").as_deref(), Some("Enter a short code of 1 to 4 letters, like CC"));

        let renamed = editor.post(VALUES, &[("action", "value-update"), ("value_code", "SF"), ("value-title-SF", "Safety"), ("value-description-SF", "")]).await;
        assert_eq!(renamed.status, StatusCode::SEE_OTHER);
        let blank = editor.post(VALUES, &[("action", "value-update"), ("value_code", "SF"), ("value-title-SF", " ")]).await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&blank.body, "value-title-SF").as_deref(), Some("Enter a title for the value"));

        let moved = editor.post(VALUES, &[("action", "value-up"), ("value_code", "SF")]).await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER);
        let grid = editor.get(&format!("{FRAMEWORK}?view=grid")).await;
        let headers = texts_within(&grid.body, "table", "thead th");
        assert_eq!(headers, ["Theme", "Choice and control", "Belonging and relationships", "Inclusive places", "Safety", "Meaning and purpose"]);
    }

    async fn a_participant_cannot_change_values(app) {
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        assert_eq!(participant.get(VALUES).await.status, StatusCode::FORBIDDEN);
        let add = participant.post(VALUES, &[("action", "value-add"), ("value_code", "ZZ"), ("value_title", "Mine")]).await;
        assert_eq!(add.status, StatusCode::FORBIDDEN);
        let rename = participant.post(VALUES, &[("action", "value-update"), ("value_code", "CC"), ("value-title-CC", "Mine")]).await;
        assert_eq!(rename.status, StatusCode::FORBIDDEN);
        let retag = participant.post(&format!("{HL1}/values"), &[("value-MP", "yes")]).await;
        assert_eq!(retag.status, StatusCode::FORBIDDEN);
        assert_eq!(participant.get(&format!("{HL1}/manage")).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM framework_values WHERE title <> $1", "Choice and control").await, 3);
        assert_eq!(values_of(&app, "HL-1").await, ["CC", "BR"]);
        let visitor = app.visitor().post(VALUES, &[("action", "value-add"), ("value_code", "ZZ"), ("value_title", "Mine")]).await;
        assert!(visitor.status.is_client_error(), "{}", visitor.status);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM framework_values WHERE code = $1", "ZZ").await, 0);
    }

    async fn a_new_statement_needs_a_value_once_the_framework_has_values(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let form = editor.get(NEW_IN_HL).await;
        assert!(form.text().contains("Which values is this statement about?"));
        let key = form_value(&form.body, "submission_key");
        let without = [("body", "I can have a pet if I want one."), ("note", "Workshop"), ("submission_key", key.as_str()), ("action", "save")];
        let refused = editor.post(NEW_IN_HL, &without).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&refused.body, "values").as_deref(), Some("Choose at least one value this statement is about"));
        assert_eq!(summary_links(&refused.body), [("#values".to_owned(), "Choose at least one value this statement is about".to_owned())]);
        assert!(refused.body.contains("I can have a pet if I want one.</textarea>"), "the text typed is kept");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM statements WHERE reference = $1", "HL-5").await, 0);

        let unknown = [("body", "I can have a pet."), ("value-ZZ", "yes"), ("submission_key", key.as_str()), ("action", "save")];
        let refused = editor.post(NEW_IN_HL, &unknown).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(message_beside(&refused.body, "values").unwrap().contains("no value with the code ZZ"));

        let with = [("body", "I can have a pet if I want one."), ("value-CC", ""), ("value-MP", "yes"), ("value-BR", "yes"), ("submission_key", key.as_str()), ("action", "save")];
        let created = editor.post(NEW_IN_HL, &with).await;
        assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.text());
        assert_eq!(values_of(&app, "HL-5").await, ["BR", "MP"]);
        let page = editor.get(created.location()).await;
        assert!(page.text().contains("Values:"), "{}", page.text());
        assert_eq!(texts_within(&page.body, ".statement-values-line", "a"), ["Belonging and relationships", "Meaning and purpose"]);

        // A framework without values takes statements without any.
        let made = editor.post("/frameworks/new", &[("title", "Valueless"), ("summary", "")]).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER);
        editor.post("/frameworks/valueless/edit", &[("action", "theme"), ("code", "AB"), ("theme_title", "Alpha")]).await;
        let form = editor.get("/frameworks/valueless/themes/AB/new-statement").await;
        assert!(!form.text().contains("Which values"));
        let key = form_value(&form.body, "submission_key");
        let plain = editor.post("/frameworks/valueless/themes/AB/new-statement", &[("body", "I am here."), ("submission_key", key.as_str()), ("action", "save")]).await;
        assert_eq!(plain.location(), "/frameworks/valueless/statements/AB-1");
        // Values added later: the page says which statements still need one.
        editor.post("/frameworks/valueless/values", &[("action", "value-add"), ("value_code", "CC"), ("value_title", "Choice")]).await;
        let page = editor.get("/frameworks/valueless/values").await;
        assert!(page.text().contains("1 statement is not yet given a value."), "{}", page.text());
        assert!(page.body.contains(r#"href="/frameworks/valueless/statements/AB-1/manage""#));
    }

    async fn the_grid_and_the_value_filter_show_the_statements_carrying_each_value(app) {
        let visitor = &mut app.visitor();
        let grid = visitor.get(&format!("{FRAMEWORK}?view=grid")).await;
        assert_eq!(grid.status, StatusCode::OK);
        assert_eq!(table_cell(&grid.body, "Community inclusion", "Belonging and relationships").as_deref(), Some("CI-1 CI-3"));
        assert_eq!(table_cell(&grid.body, "Wellbeing and fulfilment", "Meaning and purpose").as_deref(), Some("WF-1"));
        assert_eq!(table_cell(&grid.body, "Personalised support", "Inclusive places").as_deref(), Some("None"));
        assert!(grid.body.contains(r#"aria-current="page""#));

        let filtered = visitor.get(&format!("{FRAMEWORK}?value=mp")).await;
        assert_eq!(filtered.status, StatusCode::OK);
        assert_eq!(texts_within(&filtered.body, "main", "h2.heading-m"), ["Statements about Meaning and purpose"]);
        assert!(filtered.text().contains("3 statements carry this value."), "{}", filtered.text());
        assert_eq!(listed(&filtered.body), ["PS-1", "CI-3", "WF-1"]);
        let grouped = visitor.get(&format!("{FRAMEWORK}?view=values")).await;
        assert_eq!(texts_within(&grouped.body, r#"section[aria-labelledby="value-IP"]"#, ".reference"), ["HL-3", "HL-4", "CI-2", "CI-3", "WF-3"]);
        let everything = listed(&visitor.get(FRAMEWORK).await.body);
        assert_eq!(everything.len(), 14);
        let unknown = visitor.get(&format!("{FRAMEWORK}?value=QQ")).await;
        assert!(unknown.text().contains("This framework has no value with the code “QQ”, so every statement is shown."));
        assert_eq!(listed(&unknown.body).len(), 14);

        // An editor changes a statement's values; the grid and filter follow.
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let manage = editor.get(&format!("{CI1}/manage")).await;
        assert!(manage.body.contains(r#"name="value-BR" value="yes" checked"#), "the values it carries are ticked");
        let none = editor.post(&format!("{CI1}/values"), &[("value-BR", "")]).await;
        assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(message_beside(&none.body, "values").as_deref(), Some("Choose at least one value this statement is about"));
        let changed = editor.post(&format!("{CI1}/values"), &[("value-MP", "yes")]).await;
        assert_eq!(changed.status, StatusCode::SEE_OTHER);
        assert!(editor.get(changed.location()).await.text().contains("The statement's values have been saved. "));
        assert_eq!(listed(&visitor.get(&format!("{FRAMEWORK}?value=MP")).await.body), ["PS-1", "CI-1", "CI-3", "WF-1"]);
        let grid = visitor.get(&format!("{FRAMEWORK}?view=grid")).await;
        assert_eq!(table_cell(&grid.body, "Community inclusion", "Belonging and relationships").as_deref(), Some("CI-3"));
    }

    async fn a_published_version_keeps_its_values_and_its_report_counts_by_value(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let round = open_round(&mut editor, "Values round").await;
        let mut sam = app.visitor();
        sam.sign_in_as("participant@example.org").await;
        comment(&mut sam, CI1, &[("body", "Say friends.")]).await;
        comment(&mut sam, WF1, &[("body", "Purpose is personal.")]).await;
        comment(&mut sam, HL1, &[("body", "Home is fine as it is."), ("visibility", "policy_team")]).await;
        close_round(&mut editor, round).await;
        let friends = comment_id(&app, "Say friends.").await;
        let purpose = comment_id(&app, "Purpose is personal.").await;
        let home = comment_id(&app, "Home is fine as it is.").await;
        redraft_answering(&mut editor, CI1, "CI-1", "I'm able to spend time with friends and people important to me.", "Friends", &[(friends, "incorporated", "Added friends.")]).await;
        redraft_answering(&mut editor, WF1, "WF-1", "I have things to do that give my life meaning.", "Shorter", &[(purpose, "partly", "Shortened.")]).await;
        answer(&mut editor, round, home, "noted", "Kept as it is.").await;
        publish(&mut editor, "First version.").await;

        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report")).await;
        assert_eq!(report.status, StatusCode::OK);
        let column = "Changed since the text first consulted on";
        let row = |name: &str| ["Statements", column, "Comments", "Incorporated", "Partly incorporated"]
            .map(|c| table_cell(&report.body, name, c).unwrap_or_default());
        // PS-4 (choice and control) has a second draft in the demo, so it changed too.
        assert_eq!(row("Choice and control"), ["10", "1", "1", "0", "0"]);
        assert_eq!(row("Belonging and relationships"), ["4", "1", "2", "1", "0"]);
        assert_eq!(row("Inclusive places"), ["5", "0", "0", "0", "0"]);
        assert_eq!(row("Meaning and purpose"), ["3", "1", "1", "0", "1"]);
        assert_eq!(row("All statements"), ["14", "3", "3", "1", "1"]);
        assert!(!report.text().contains("Home is fine as it is."), "policy-team-only comments are counted, not shown");

        // Values change after publishing: version 1 keeps what it published.
        let retagged = editor.post(&format!("{CI1}/values"), &[("value-MP", "yes")]).await;
        assert_eq!(retagged.status, StatusCode::SEE_OTHER);
        let json = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.json")).await;
        let data: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        let belonging = &data["by_value"]["values"][1];
        assert_eq!((belonging["code"].as_str(), belonging["statements"].as_u64()), (Some("BR"), Some(4)));
        let ci1 = data["statements"].as_array().unwrap().iter().find(|s| s["reference"] == "CI-1").unwrap();
        assert_eq!(ci1["values"], serde_json::json!(["Belonging and relationships"]));
        let csv = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report.csv")).await;
        assert!(csv.body.lines().next().unwrap().contains(r#""landed_in_drafts","values""#));
        assert!(csv.body.contains(r#""Say friends.","Incorporated","Added friends.","2","Belonging and relationships""#), "{}", csv.body);
        let totals = app.visitor().get(&format!("{FRAMEWORK}/versions/1/report-by-value.csv")).await;
        assert_eq!(totals.status, StatusCode::OK);
        assert!(
            totals.body.starts_with(r#""value_code","value","statements","changed","comments","incorporated","partly_incorporated","changed_since""#),
            "the same header for every version: {}",
            totals.body
        );
        assert!(totals.body.contains(r#""BR","Belonging and relationships","4","1","2","1","0","the text first consulted on""#), "{}", totals.body);
        assert!(totals.body.contains(r#""","All statements","14","3","3","1","1""#), "{}", totals.body);

        // A second version counts changes since version 1, by the values it has now.
        a_month_passes(&app).await;
        let second = open_round(&mut editor, "Second values round").await;
        comment(&mut sam, CI1, &[("body", "Add neighbours.")]).await;
        close_round(&mut editor, second).await;
        let neighbours = comment_id(&app, "Add neighbours.").await;
        redraft_answering(&mut editor, CI1, "CI-1", "I'm able to spend time with friends, neighbours and people important to me.", "Neighbours", &[(neighbours, "incorporated", "Added neighbours.")]).await;
        publish(&mut editor, "Second version.").await;
        let report = app.visitor().get(&format!("{FRAMEWORK}/versions/2/report")).await;
        let cell = |row: &str, column: &str| table_cell(&report.body, row, column).unwrap_or_default();
        assert_eq!(cell("Meaning and purpose", "Statements"), "4");
        assert_eq!(cell("Meaning and purpose", "Changed since version 1"), "1");
        assert_eq!(cell("Belonging and relationships", "Statements"), "3");
        assert_eq!(cell("Belonging and relationships", "Changed since version 1"), "0");
        assert_eq!(cell("All statements", "Comments"), "1");
    }
}
