//! Easy read twins, the editors' side: writing and redrafting the easy read text with a
//! picture, "needs updating" after a main redraft, "It still fits", the framework's
//! counts, and publishing's warning and refusal.

use crate::{
    comments::open_round,
    drafting::{form_value, latest_revision, redraft},
    html::{message_beside, texts_within},
    on_both_databases,
    support::{TestApp, TestResponse, Visitor},
};
use axum::http::StatusCode;

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const HL1: &str = "/frameworks/national-care-service-demo/statements/HL-1";
const HL2: &str = "/frameworks/national-care-service-demo/statements/HL-2";
const PS4: &str = "/frameworks/national-care-service-demo/statements/PS-4";

/// The demo's house drawing: a real PNG.
const HOUSE_PNG: &[u8] = include_bytes!("../../../app/src/server/demo/home.png");

/// A real JPEG's opening (SOI, JFIF, a 300 by 200 baseline frame header): all a picture
/// check reads.
fn jpeg_header() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    bytes.extend_from_slice(b"JFIF\0");
    bytes.extend_from_slice(&[1, 1, 0, 0, 1, 0, 1, 0, 0]);
    bytes.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 8, 0, 200, 1, 44]);
    bytes.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    bytes
}

/// The value of the input named `name`, whatever order its attributes come in.
fn input_value(body: &str, name: &str) -> String {
    let page = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse(&format!(r#"input[name="{name}"]"#)).unwrap();
    page.select(&selector)
        .next()
        .and_then(|input| input.value().attr("value"))
        .unwrap_or_default()
        .to_owned()
}

async fn editor(app: &TestApp) -> Visitor<'_> {
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    editor
}

/// The ids an easy read form starts from, as the page gives them.
struct Started {
    base: String,
    main: String,
    key: String,
}

async fn open_easy_read(visitor: &mut Visitor<'_>, path: &str) -> (TestResponse, Started) {
    let page = visitor.get(&format!("{path}/easy-read")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let started = Started {
        base: form_value(&page.body, "base_easy_read_id"),
        main: form_value(&page.body, "main_revision_id"),
        key: form_value(&page.body, "submission_key"),
    };
    (page, started)
}

async fn save_easy_read(
    visitor: &mut Visitor<'_>,
    path: &str,
    started: &Started,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &str, &[u8])>,
) -> TestResponse {
    let mut all = vec![
        ("base_easy_read_id", started.base.as_str()),
        ("main_revision_id", started.main.as_str()),
        ("submission_key", started.key.as_str()),
        ("action", "save"),
    ];
    all.extend_from_slice(fields);
    visitor
        .post_multipart(&format!("{path}/easy-read"), &all, file)
        .await
}

async fn drafts_of_easy_read(app: &TestApp, reference: &str) -> i64 {
    app.scalar(
        "SELECT COUNT(*) FROM statement_revisions r JOIN statements s ON s.id = r.statement_id \
         WHERE s.reference = $1 AND r.text_kind = 'easy_read'",
        reference,
    )
    .await
}

/// The framework page's sentence counting the twins out of step, for an editor.
async fn twin_counts(visitor: &mut Visitor<'_>) -> String {
    let page = visitor.get(FRAMEWORK).await;
    texts_within(&page.body, ".twin-overview", "#twin-counts")
        .pop()
        .unwrap_or_default()
}

on_both_databases! {
    async fn an_editor_writes_the_easy_read_version_of_a_new_statement_and_redrafts_it(app) {
        let mut editor = editor(&app).await;
        let new_page = format!("{FRAMEWORK}/themes/HL/new-statement");
        let key = form_value(&editor.get(&new_page).await.body, "submission_key");
        let created = editor
            .post(&new_page, &[("body", "I choose my own front door."), ("value-CC", "yes"), ("submission_key", &key), ("action", "save")])
            .await;
        let hl5 = created.location().to_owned();
        assert!(editor.get(&hl5).await.text().contains("No easy read version yet"));

        let (page, started) = open_easy_read(&mut editor, &hl5).await;
        assert!(page.text().contains("Write the easy read version of HL-5"));
        assert_eq!(started.base, "");
        let saved = save_easy_read(&mut editor, &hl5, &started, &[("body", "I choose my door.\nIt is my door."), ("note", "First easy read draft.")], None).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let statement = editor.get(saved.location()).await.text();
        assert!(statement.contains("The easy read version has been saved."), "{statement}");
        assert!(statement.contains("Easy read version up to date"), "{statement}");

        let (page, started) = open_easy_read(&mut editor, &hl5).await;
        assert!(page.text().contains("Redraft the easy read version of HL-5"));
        let saved = save_easy_read(&mut editor, &hl5, &started, &[("body", "I choose my door.\nIt is my own door."), ("note", "Plainer.")], None).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let page = editor.get(&format!("{hl5}/easy-read")).await.text();
        assert!(page.contains("Easy read draft 2"), "{page}");
        assert!(page.contains("What changed from easy read draft 1"), "{page}");
        assert!(page.contains("[added: own ]"), "{page}");
        assert_eq!(drafts_of_easy_read(&app, "HL-5").await, 2);
    }

    async fn someone_who_is_not_an_editor_cannot_see_or_change_the_easy_read_version(app) {
        let mut participant = app.visitor();
        participant.sign_in_as("participant@example.org").await;
        assert_eq!(participant.get(&format!("{HL1}/easy-read")).await.status, StatusCode::FORBIDDEN);
        assert!(!participant.get(HL1).await.text().contains("Easy read version up to date"));
        let mut editor = editor(&app).await;
        let (_, started) = open_easy_read(&mut editor, HL1).await;
        let refused = save_easy_read(&mut participant, HL1, &started, &[("body", "I say so.")], None).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let main = latest_revision(&app, "HL-1").await.to_string();
        let refused = participant
            .post(&format!("{HL1}/easy-read/still-fits"), &[("main_revision_id", &main), ("easy_read_id", &started.base)])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let mut stranger = app.visitor();
        assert_eq!(save_easy_read(&mut stranger, HL1, &started, &[("body", "I say so.")], None).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(drafts_of_easy_read(&app, "HL-1").await, 1);
    }

    async fn a_new_main_draft_marks_the_easy_read_version_as_needing_an_update(app) {
        let mut editor = editor(&app).await;
        assert!(editor.get(HL2).await.text().contains("Easy read version up to date"));
        let redraft_page = editor.get(&format!("{HL2}/redraft")).await.text();
        assert!(redraft_page.contains("the easy read version will be marked as needing an update"), "{redraft_page}");
        let before = twin_counts(&mut editor).await;
        assert_eq!(before, "1 statement needs updating. 0 statements have no easy read version yet.");

        let base = latest_revision(&app, "HL-2").await;
        let saved = redraft(&mut editor, HL2, base, "I decide how my home looks and what goes on in it.", "Plainer.").await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let statement = editor.get(HL2).await;
        assert!(statement.text().contains("Easy read version needs updating"), "{}", statement.text());
        assert!(statement.text().contains("Update the easy read version"));
        assert_eq!(twin_counts(&mut editor).await, "2 statements need updating. 0 statements have no easy read version yet.");
        let framework = editor.get(FRAMEWORK).await;
        let listed = texts_within(&framework.body, ".twin-overview", "#twins-needs-updating + ul a");
        assert!(listed.iter().any(|l| l.starts_with("HL-2")), "{listed:?}");

        // The easy read page shows how the main text changed since the twin last matched.
        let page = editor.get(&format!("{HL2}/easy-read")).await.text();
        assert!(page.contains("How the main text changed since the easy read version was last checked"), "{page}");
        assert!(page.contains("[added: goes on ]"), "{page}");
    }

    async fn it_still_fits_puts_the_easy_read_version_back_in_step_unless_a_text_moved_on(app) {
        let mut editor = editor(&app).await;
        let statement = editor.get(PS4).await;
        assert!(statement.text().contains("Easy read version needs updating"));
        let main = form_value(&statement.body, "main_revision_id");
        let easy_read = form_value(&statement.body, "easy_read_id");

        // Someone redrafts the main text after the page was opened: the confirmation is refused.
        let base = latest_revision(&app, "PS-4").await;
        redraft(&mut editor, PS4, base, "I only tell my story once, and people remember it.", "Shorter.").await;
        let stale = editor
            .post(&format!("{PS4}/easy-read/still-fits"), &[("main_revision_id", &main), ("easy_read_id", &easy_read), ("back", "statement")])
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert!(stale.text().contains("changed after you opened this page"), "{}", stale.text());
        assert!(stale.text().contains("Easy read version needs updating"));
        let links = crate::html::summary_links(&stale.body);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].0, "#still-fits");

        let statement = editor.get(PS4).await;
        let main = form_value(&statement.body, "main_revision_id");
        let confirmed = editor
            .post(&format!("{PS4}/easy-read/still-fits"), &[("main_revision_id", &main), ("easy_read_id", &easy_read), ("back", "statement")])
            .await;
        assert_eq!(confirmed.status, StatusCode::SEE_OTHER, "{}", confirmed.text());
        let page = editor.get(confirmed.location()).await.text();
        assert!(page.contains("it still fits the main text"), "{page}");
        assert!(page.contains("Easy read version up to date"), "{page}");
        assert_eq!(twin_counts(&mut editor).await, "All 14 statements' easy read versions are up to date.");
    }

    async fn a_concurrent_easy_read_save_is_refused_and_both_texts_are_kept(app) {
        let mut first = editor(&app).await;
        let mut second = editor(&app).await;
        let (_, first_started) = open_easy_read(&mut first, HL1).await;
        let (_, second_started) = open_easy_read(&mut second, HL1).await;
        let saved = save_easy_read(&mut first, HL1, &first_started,
            &[("body", "I live in a place I call home.\nI choose the people I live with."), ("picture_alt", "A small house.")], None).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());

        let refused = save_easy_read(&mut second, HL1, &second_started,
            &[("body", "I live in a home I like.\nI choose who I live with."), ("picture_alt", "A small house.")], None).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
        let text = refused.text();
        assert!(text.contains("What changed while you were working"), "{text}");
        assert!(text.contains("Someone else saved a new easy read draft while you were working"), "{text}");
        // Both changes are in the box: theirs (the people I live with) and mine (a home I like).
        let body = texts_within(&refused.body, ".easy-read-form", "textarea").join(" ");
        assert!(body.contains("a home I like") && body.contains("the people I live with"), "{body}");
        assert_eq!(drafts_of_easy_read(&app, "HL-1").await, 2);
        // Saving again from the merged text works: it now starts from the newer draft.
        let merged = Started {
            base: form_value(&refused.body, "base_easy_read_id"),
            main: form_value(&refused.body, "main_revision_id"),
            key: form_value(&refused.body, "submission_key"),
        };
        let again = save_easy_read(&mut second, HL1, &merged, &[("body", &body), ("picture_alt", "A small house.")], None).await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.text());
        assert_eq!(drafts_of_easy_read(&app, "HL-1").await, 3);
    }

    async fn the_same_easy_read_form_sent_twice_saves_one_draft(app) {
        let mut editor = editor(&app).await;
        let (_, started) = open_easy_read(&mut editor, HL2).await;
        let fields = [("body", "I decide how my home looks.")];
        assert_eq!(save_easy_read(&mut editor, HL2, &started, &fields, None).await.status, StatusCode::SEE_OTHER);
        assert_eq!(save_easy_read(&mut editor, HL2, &started, &fields, None).await.status, StatusCode::SEE_OTHER);
        assert_eq!(drafts_of_easy_read(&app, "HL-2").await, 2);
    }

    async fn a_png_or_jpeg_picture_is_taken_and_other_files_are_refused_beside_the_field(app) {
        let mut editor = editor(&app).await;
        let typed = "I decide how my home looks.\nI pick the colours.";

        // A GIF named .png, sent as image/png: refused by what it holds, text kept.
        let gif = b"GIF89a\x10\x00\x10\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00";
        let (_, started) = open_easy_read(&mut editor, HL2).await;
        let refused = save_easy_read(&mut editor, HL2, &started, &[("body", typed), ("picture_alt", "Paint pots.")], Some(("picture", "pots.png", "image/png", gif))).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = message_beside(&refused.body, "picture").unwrap();
        assert!(message.starts_with("The picture must be a PNG or JPEG file"), "{message}");
        assert!(texts_within(&refused.body, ".easy-read-form", "textarea").join("").contains("I pick the colours."));
        assert_eq!(input_value(&refused.body, "picture_alt"), "Paint pots.");

        // A text file named .png.
        let refused = save_easy_read(&mut editor, HL2, &started, &[("body", typed), ("picture_alt", "Paint pots.")], Some(("picture", "notes.png", "image/png", b"just some words"))).await;
        assert!(message_beside(&refused.body, "picture").unwrap().starts_with("The picture must be a PNG or JPEG file"));

        // Over 1 MB: refused with the size, whatever it starts with.
        let mut big = HOUSE_PNG.to_vec();
        big.resize(1_100_000, 0);
        let refused = save_easy_read(&mut editor, HL2, &started, &[("body", typed), ("picture_alt", "Paint pots.")], Some(("picture", "big.png", "image/png", &big))).await;
        assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(message_beside(&refused.body, "picture").unwrap_or_else(|| panic!("{}", refused.text())).contains("1 MB or smaller"));
        assert!(texts_within(&refused.body, ".easy-read-form", "textarea").join("").contains("I pick the colours."));

        // A picture needs a description.
        let refused = save_easy_read(&mut editor, HL2, &started, &[("body", typed)], Some(("picture", "pots.jpg", "image/jpeg", &jpeg_header()))).await;
        assert!(message_beside(&refused.body, "picture_alt").unwrap().starts_with("Describe what the picture shows"));
        assert_eq!(drafts_of_easy_read(&app, "HL-2").await, 1);

        // A JPEG with a description is taken, stored with its type and size.
        let saved = save_easy_read(&mut editor, HL2, &started, &[("body", typed), ("picture_alt", "Paint pots.")], Some(("picture", "pots.jpg", "image/jpeg", &jpeg_header()))).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.text());
        let jpeg: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pictures WHERE content_type = 'image/jpeg' AND width = 300 AND height = 200")
            .fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(jpeg, 1);
        let page = editor.get(&format!("{HL2}/easy-read")).await;
        assert!(page.text().contains("A picture was added."), "{}", page.text());
        assert!(page.body.contains("alt=\"Paint pots.\""));

        // A later draft may remove it.
        let (_, started) = open_easy_read(&mut editor, HL2).await;
        let removed = save_easy_read(&mut editor, HL2, &started, &[("body", typed), ("picture_choice", "remove")], None).await;
        assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.text());
        assert!(editor.get(&format!("{HL2}/easy-read")).await.text().contains("The picture was removed."));
    }

    async fn a_picture_is_served_with_its_own_type_and_safe_headers(app) {
        let id = app.scalar("SELECT picture_id FROM statement_revisions WHERE picture_alt = $1", "A drawing of a small blue house with a red roof.").await;
        let mut anyone = app.visitor();
        let picture = anyone.get(&format!("/pictures/{id}")).await;
        assert_eq!(picture.status, StatusCode::OK);
        let header = |name: &str| picture.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert_eq!(header("content-type"), "image/png");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert_eq!(header("content-security-policy"), "default-src 'none'; sandbox");
        assert_eq!(header("cache-control"), "public, max-age=31536000, immutable");
        assert_eq!(header("content-disposition"), "inline");
        assert_eq!(picture.bytes, HOUSE_PNG);
        assert_eq!(anyone.get("/pictures/999999").await.status, StatusCode::NOT_FOUND);
        assert_eq!(anyone.get("/pictures/house.png").await.status, StatusCode::NOT_FOUND);
    }

    async fn publishing_warns_while_easy_read_versions_are_out_of_step_and_refuses_when_they_are_required(app) {
        open_round(&app).await;
        let mut editor = editor(&app).await;
        let round = app.scalar("SELECT id FROM rounds WHERE title = $1", "First round").await.to_string();
        let closed = editor.post(&format!("{FRAMEWORK}/rounds"), &[("action", "close"), ("round_id", &round)]).await;
        assert_eq!(closed.status, StatusCode::SEE_OTHER);

        let page = editor.get(&format!("{FRAMEWORK}/publish")).await;
        assert!(page.text().contains("1 statement's easy read version is missing or needs updating"), "{}", page.text());
        let listed = texts_within(&page.body, ".twin-warning", "a");
        assert_eq!(listed, vec!["PS-4: Easy read version needs updating"]);

        sqlx::query("UPDATE frameworks SET requires_easy_read = 1").execute(&app.state.db.pool).await.unwrap();
        let refused = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "First version.")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("This framework needs every statement's easy read version up to date before it is published."), "{}", refused.text());
        assert_eq!(input_value(&refused.body, "summary"), "First version.");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM publications WHERE summary = $1", "First version.").await, 0);

        let statement = editor.get(PS4).await;
        let main = form_value(&statement.body, "main_revision_id");
        let easy_read = form_value(&statement.body, "easy_read_id");
        editor.post(&format!("{PS4}/easy-read/still-fits"), &[("main_revision_id", &main), ("easy_read_id", &easy_read)]).await;
        let published = editor.post(&format!("{FRAMEWORK}/publish"), &[("summary", "First version.")]).await;
        assert_eq!(published.status, StatusCode::SEE_OTHER, "{}", published.text());
    }
}
