//! The knowledge balance: whose knowledge a round's comments draw on, counted for the
//! round, each theme and each statement, shown to everyone without names; the
//! under-heard notice; and the framework's target, set by editors only.

use crate::{
    comments::{comment, open_round},
    html::message_beside,
    on_both_databases,
    support::{TestApp, Visitor},
};
use axum::http::StatusCode;
use scraper::{ElementRef, Html, Selector};

const FRAMEWORK: &str = "/frameworks/national-care-service-demo";
const EDIT: &str = "/frameworks/national-care-service-demo/edit";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";
const CI2: &str = "/frameworks/national-care-service-demo/statements/CI-2";
const HL1: &str = "/frameworks/national-care-service-demo/statements/HL-1";

const PUBLIC_NOTICE: &str = "We have heard less from people with lived experience than we want to. If you draw on care and support, please tell us what you think.";
const EDITOR_NOTICE: &str = "There is still time: the round closes on";

fn text_of(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows of the table captioned with id `caption_id`, each as its cells' text, the
/// heading row and the total row included.
fn table(html: &str, caption_id: &str) -> Vec<Vec<String>> {
    let page = Html::parse_document(html);
    let caption = page
        .select(&Selector::parse(&format!(r#"caption[id="{caption_id}"]"#)).unwrap())
        .next()
        .unwrap_or_else(|| panic!("no table captioned {caption_id} on the page"));
    let table = caption.parent().and_then(ElementRef::wrap).unwrap();
    let cells = Selector::parse("th, td").unwrap();
    table
        .select(&Selector::parse("tr").unwrap())
        .map(|row| row.select(&cells).map(text_of).collect())
        .collect()
}

/// The row whose first cell starts with `label`.
fn row(rows: &[Vec<String>], label: &str) -> Vec<String> {
    rows.iter()
        .find(|r| r.first().is_some_and(|c| c.starts_with(label)))
        .unwrap_or_else(|| panic!("no row {label} in {rows:?}"))
        .clone()
}

async fn round_path(app: &TestApp, title: &str) -> String {
    let id = app
        .scalar("SELECT id FROM rounds WHERE title = $1", title)
        .await;
    format!("{FRAMEWORK}/rounds/{id}")
}

async fn signed_in<'a>(app: &'a TestApp, email: &str) -> Visitor<'a> {
    let mut visitor = app.visitor();
    visitor.sign_in_as(email).await;
    visitor
}

async fn say(visitor: &mut Visitor<'_>, path: &str, knowledge: &str, body: &str) {
    let sent = comment(visitor, path, &[("knowledge", knowledge), ("body", body)]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
}

async fn set_target(
    editor: &mut Visitor<'_>,
    target: &str,
    easy_read: bool,
) -> crate::support::TestResponse {
    let mut fields = vec![
        ("action", "framework"),
        ("title", "National Care Service standards (demo)"),
        ("summary", "Draft standards."),
        ("lived_experience_target", target),
    ];
    if easy_read {
        fields.push(("requires_easy_read", "yes"));
    }
    editor.post(EDIT, &fields).await
}

on_both_databases! {
    async fn the_round_page_counts_each_kind_of_knowledge_for_the_round_its_themes_and_statements(app) {
        open_round(&app).await;
        let mut sam = signed_in(&app, "participant@example.org").await;
        say(&mut sam, CI1, "lived_experience", "Friends matter too.").await;
        say(&mut sam, CI2, "lived_experience", "I need help to get out.").await;
        let mut jo = signed_in(&app, "rep@example.org").await;
        say(&mut jo, CI1, "practice", "In my work I see this.").await;
        say(&mut jo, HL1, "research", "Studies show this.").await;
        say(&mut jo, HL1, "organisation", "Our members agreed this.").await;

        // Anyone may read it: counts name nobody.
        let page = app.visitor().get(&round_path(&app, "First round").await).await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        assert!(!text.contains("Sam (demo participant)") && !text.contains("Jo (demo representative)"));
        assert!(!text.contains("Friends matter too."), "the comments themselves are not shown");

        let round = table(&page.body, "round-balance-caption");
        assert_eq!(row(&round, "Lived experience"), ["Lived experience", "2", "40%"]);
        assert_eq!(row(&round, "Practice knowledge"), ["Practice knowledge", "1", "20%"]);
        assert_eq!(row(&round, "Research"), ["Research", "1", "20%"]);
        assert_eq!(row(&round, "An organisation's position"), ["An organisation's position", "1", "20%"]);
        assert_eq!(row(&round, "All comments"), ["All comments", "5", "100%"]);

        let themes = table(&page.body, "theme-balance-caption");
        assert_eq!(
            row(&themes, "Community inclusion"),
            ["Community inclusion", "3", "2 (67%)", "1 (33%)", "0 (0%)", "0 (0%)", "At or above target"]
        );
        assert_eq!(
            row(&themes, "Home and living arrangements"),
            ["Home and living arrangements", "2", "0 (0%)", "0 (0%)", "1 (50%)", "1 (50%)", "Under-heard"]
        );
        assert_eq!(
            row(&themes, "Personalised support"),
            ["Personalised support", "0", "0", "0", "0", "0", "No comments yet"]
        );

        let statements = table(&page.body, "statement-balance-caption");
        let ci1 = row(&statements, "CI-1");
        assert!(ci1[0].contains("I'm able to spend time with people important to me."), "{ci1:?}");
        assert_eq!(ci1[1..], ["2", "1 (50%)", "1 (50%)", "0 (0%)", "0 (0%)", "At or above target"]);
        assert_eq!(row(&statements, "HL-1")[1..], ["2", "0 (0%)", "0 (0%)", "1 (50%)", "1 (50%)", "Under-heard"]);
        assert_eq!(row(&statements, "WF-3")[6], "No comments yet");
        // 40% lived experience is below the default target of 50%.
        assert!(text.contains(PUBLIC_NOTICE), "{text}");
    }

    async fn the_under_heard_notice_shows_below_the_target_and_goes_once_it_is_reached(app) {
        open_round(&app).await;
        let path = round_path(&app, "First round").await;
        let mut editor = signed_in(&app, "editor@example.org").await;
        let mut visitor = app.visitor();
        let quiet = visitor.get(&path).await.text();
        assert!(quiet.contains("Nobody has commented in this round yet."));
        assert!(quiet.contains("No comments yet."));
        assert!(!quiet.contains("NaN"));
        assert!(!quiet.contains("Lived experience is under-heard"), "no comments: nothing under-heard yet");

        let mut jo = signed_in(&app, "rep@example.org").await;
        say(&mut jo, CI1, "practice", "From my work.").await;
        let public = visitor.get(&path).await.text();
        assert!(public.contains("Lived experience is under-heard"));
        assert!(public.contains(PUBLIC_NOTICE));
        assert!(!public.contains(EDITOR_NOTICE), "the public are not told what editors can do");
        let for_editor = editor.get(&path).await.text();
        assert!(for_editor.contains(EDITOR_NOTICE), "{for_editor}");
        assert!(for_editor.contains("Only 0% of the 1 comment so far draws on lived experience. The framework's target is 50%."));
        assert!(for_editor.contains("reach out to people who draw on care and support"));
        // The framework page says so too, while the round is open.
        let framework = visitor.get(FRAMEWORK).await.text();
        assert!(framework.contains(PUBLIC_NOTICE), "{framework}");
        assert!(framework.contains("So far, 1 comment: lived experience 0%, practice knowledge 100%"));

        // One of two comments from lived experience is exactly the target: no notice.
        let mut sam = signed_in(&app, "participant@example.org").await;
        say(&mut sam, CI1, "lived_experience", "From my life.").await;
        for page in [visitor.get(&path).await.text(), editor.get(&path).await.text(), visitor.get(FRAMEWORK).await.text()] {
            assert!(!page.contains("Lived experience is under-heard"), "{page}");
        }
        let round = table(&visitor.get(&path).await.body, "round-balance-caption");
        assert_eq!(row(&round, "Lived experience"), ["Lived experience", "1", "50%"]);
        assert!(visitor.get(FRAMEWORK).await.text().contains("So far, 2 comments: lived experience 50%, practice knowledge 50%"));

        // A higher target makes the same comments under-heard again.
        assert_eq!(set_target(&mut editor, "60", false).await.status, StatusCode::SEE_OTHER);
        let page = visitor.get(&path).await.text();
        assert!(page.contains(PUBLIC_NOTICE));
        assert!(page.contains("Lived experience is below the target of 60%."));
    }

    async fn withdrawn_comments_are_not_counted(app) {
        open_round(&app).await;
        let mut sam = signed_in(&app, "participant@example.org").await;
        say(&mut sam, CI1, "lived_experience", "Thinking out loud.").await;
        let mut jo = signed_in(&app, "rep@example.org").await;
        say(&mut jo, CI1, "research", "Evidence says so.").await;
        let id = app.scalar("SELECT id FROM comments WHERE body = $1", "Thinking out loud.").await;
        let withdrawn = sam.post(&format!("{CI1}/comments/{id}/edit"), &[("action", "withdraw")]).await;
        assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);

        let path = round_path(&app, "First round").await;
        let page = app.visitor().get(&path).await;
        let round = table(&page.body, "round-balance-caption");
        assert_eq!(row(&round, "Lived experience"), ["Lived experience", "0", "0%"]);
        assert_eq!(row(&round, "Research"), ["Research", "1", "100%"]);
        assert_eq!(row(&round, "All comments"), ["All comments", "1", "100%"]);
        let statement = table(&app.visitor().get(CI1).await.body, "statement-balance-caption");
        assert_eq!(row(&statement, "All comments"), ["All comments", "1", "100%"]);
    }

    async fn a_statement_page_shows_its_own_balance_in_the_open_round(app) {
        open_round(&app).await;
        let mut sam = signed_in(&app, "participant@example.org").await;
        say(&mut sam, CI1, "lived_experience", "Mine.").await;
        let mut jo = signed_in(&app, "rep@example.org").await;
        say(&mut jo, CI1, "practice", "Work.").await;
        say(&mut jo, CI1, "practice", "More work.").await;
        say(&mut jo, CI2, "lived_experience", "Elsewhere.").await;

        let page = app.visitor().get(CI1).await;
        let text = page.text();
        assert!(text.contains("Whose knowledge we have heard"));
        assert!(text.contains("Under-heard: lived experience is below the target of 50% for this statement."));
        let rows = table(&page.body, "statement-balance-caption");
        assert_eq!(row(&rows, "Lived experience"), ["Lived experience", "1", "33%"]);
        assert_eq!(row(&rows, "Practice knowledge"), ["Practice knowledge", "2", "67%"]);
        assert_eq!(row(&rows, "All comments"), ["All comments", "3", "100%"]);
        assert!(page.body.contains(&format!(r#"href="{}""#, round_path(&app, "First round").await)));

        let quiet = app.visitor().get(HL1).await.text();
        assert!(quiet.contains("No comments yet."));
        assert!(!quiet.contains("Under-heard"));
    }

    async fn an_editor_sets_the_target_and_the_easy_read_rule_and_bad_targets_are_refused_beside_the_field(app) {
        let mut editor = signed_in(&app, "editor@example.org").await;
        let form = editor.get(EDIT).await;
        assert!(form.body.contains(r#"name="lived_experience_target""#));
        assert!(form.body.contains(r#"value="50""#), "the default target is shown");

        let message = "Enter the target as a whole number from 0 to 100, like 50";
        for bad in ["150", "half", "", "-5", "12.5"] {
            let refused = set_target(&mut editor, bad, true).await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
            assert_eq!(message_beside(&refused.body, "lived_experience_target").as_deref(), Some(message), "{bad:?}");
            assert_eq!(message_beside(&refused.body, "title"), None);
            assert!(refused.body.contains(&format!(r#"value="{bad}""#)), "what was typed is kept: {bad:?}");
            assert!(refused.body.contains("Draft standards."), "the summary typed is kept");
        }
        let target = || app.scalar("SELECT lived_experience_target FROM frameworks WHERE slug = $1", "national-care-service-demo");
        assert_eq!(target().await, 50, "nothing refused was saved");

        let saved = set_target(&mut editor, "35", true).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        assert_eq!(target().await, 35);
        let easy_read = || app.scalar("SELECT requires_easy_read FROM frameworks WHERE slug = $1", "national-care-service-demo");
        assert_eq!(easy_read().await, 1);
        let page = editor.get(saved.location()).await;
        assert!(page.text().contains("Saved."));
        let page = Html::parse_document(&page.body);
        let input = page.select(&Selector::parse("#lived_experience_target").unwrap()).next().unwrap();
        assert_eq!(input.value().attr("value"), Some("35"));
        let checkbox = page.select(&Selector::parse("#requires_easy_read").unwrap()).next().unwrap();
        assert!(checkbox.value().attr("checked").is_some(), "the easy read rule shows as ticked");

        assert_eq!(set_target(&mut editor, "0", false).await.status, StatusCode::SEE_OTHER);
        assert_eq!(target().await, 0);
        assert_eq!(easy_read().await, 0, "unticking turns the rule off");
    }

    async fn only_editors_may_change_the_target(app) {
        let mut participant = signed_in(&app, "participant@example.org").await;
        let refused = set_target(&mut participant, "10", true).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let mut visitor = app.visitor();
        let refused = set_target(&mut visitor, "10", true).await;
        assert_ne!(refused.status, StatusCode::SEE_OTHER);
        let target = app.scalar("SELECT lived_experience_target FROM frameworks WHERE slug = $1", "national-care-service-demo").await;
        assert_eq!(target, 50);
        let easy_read = app.scalar("SELECT requires_easy_read FROM frameworks WHERE slug = $1", "national-care-service-demo").await;
        assert_eq!(easy_read, 0);
    }

    async fn a_round_of_another_framework_or_none_at_all_is_not_found(app) {
        assert_eq!(app.visitor().get(&format!("{FRAMEWORK}/rounds/99999")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.visitor().get(&format!("{FRAMEWORK}/rounds/nope")).await.status, StatusCode::NOT_FOUND);
    }

    async fn the_demo_round_shows_lived_experience_under_heard(app) {
        app::server::demo::open_round(&app.state.db).await.unwrap();
        let path = round_path(&app, "Spring consultation (demo)").await;
        let page = app.visitor().get(&path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains(PUBLIC_NOTICE));
        let round = table(&page.body, "round-balance-caption");
        // Eighteen comments made online, two from lived experience, the four copies of the
        // demo's campaign (practice knowledge), and two recorded at the demo's Dundee
        // workshop (one person's, one group view), both lived experience.
        assert_eq!(row(&round, "Lived experience"), ["Lived experience", "4", "17%"]);
        assert_eq!(row(&round, "All comments"), ["All comments", "24", "100%"]);
        let themes = table(&page.body, "theme-balance-caption");
        assert_eq!(row(&themes, "Personalised support")[6], "Under-heard");
        assert_eq!(row(&themes, "Community inclusion")[6], "At or above target");
        let framework = app.visitor().get(FRAMEWORK).await.text();
        assert!(framework.contains("Spring consultation (demo) is open for comments until"));
        assert!(framework.contains(PUBLIC_NOTICE));
        let rounds = app.visitor().get(&format!("{FRAMEWORK}/rounds")).await;
        assert!(rounds.body.contains(&format!(r#"href="{path}""#)), "the rounds page links to the balance");
    }
}
