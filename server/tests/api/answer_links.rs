//! Links into the round's answer list find their comment: `?comment=ID` opens the page
//! of the (filtered) list that holds it, or its group, and the link's `#comment-ID`
//! lands on it. The publish page's links to missing answers lead there too.

use crate::{
    alike::campaign,
    comments::{comment, open_round},
    html::{has, links, text_at},
    on_both_databases,
    paging::seed_in_round,
    publishing::close_round,
    support::{TestApp, Visitor},
};
use app::model::answer_list_link;
use axum::http::StatusCode;

const SLUG: &str = "national-care-service-demo";
const CI1: &str = "/frameworks/national-care-service-demo/statements/CI-1";

async fn first_round(app: &TestApp) -> i64 {
    app.scalar("SELECT id FROM rounds WHERE title = $1", "First round")
        .await
}

async fn editor(app: &TestApp) -> Visitor<'_> {
    let mut editor = app.visitor();
    editor.sign_in_as("editor@example.org").await;
    editor
}

async fn group_of(app: &TestApp, comment: i64) -> Option<i64> {
    sqlx::query_scalar("SELECT alike_group_id FROM comments WHERE id = $1")
        .bind(comment)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
}

/// A link as a browser asks for it: without its fragment.
fn asked(link: &str) -> &str {
    link.split('#').next().unwrap_or(link)
}

on_both_databases! {
    async fn a_link_to_a_comment_on_page_two_opens_page_two_with_the_comment_on_it(app) {
        open_round(&app).await;
        seed_in_round(&app, "First round", "CI-1", "participant@example.org", 70, "named", "Seeded comment").await;
        seed_in_round(&app, "First round", "HL-2", "rep@example.org", 5, "named", "Housing comment").await;
        let round = first_round(&app).await;
        let sixtieth = app.scalar("SELECT id FROM comments WHERE body = $1", "Seeded comment 060").await;
        let path = format!("/frameworks/{SLUG}/rounds/{round}/comments");
        let link = answer_list_link(SLUG, round, "CI-1", sixtieth);
        assert_eq!(link, format!("{path}?statement=CI-1&comment={sixtieth}#comment-{sixtieth}"));
        let mut editor = editor(&app).await;

        let opened = editor.get(asked(&link)).await;
        assert_eq!(opened.status, StatusCode::OK);
        let text = opened.text();
        assert!(text.contains("Showing 51 to 70 of 70 comments."), "page 2 of CI-1's comments: {text}");
        assert!(has(&opened.body, &format!("li#comment-{sixtieth}")), "the fragment lands on it");
        assert!(has(&opened.body, r#"input[name="page"][value="2"]"#), "answering it comes back to page 2");

        // Without a statement, the whole round's list: still the page that holds it.
        let whole = editor.get(&format!("{path}?comment={sixtieth}")).await;
        assert!(whole.text().contains("Showing 51 to 75 of 75 comments."), "{}", whole.text());
        assert!(has(&whole.body, &format!("li#comment-{sixtieth}")));

        // A page asked for is the page shown.
        let first = editor.get(&format!("{path}?statement=CI-1&comment={sixtieth}&page=1")).await.text();
        assert!(first.contains("Showing 1 to 50 of 70 comments."), "{first}");

        // Filters that leave it out: their list's page 1, without a word about it.
        let housing = editor.get(&format!("{path}?statement=HL-2&comment={sixtieth}")).await;
        assert_eq!(housing.status, StatusCode::OK);
        assert!(housing.text().contains("Showing 5 comments."), "{}", housing.text());
        assert!(!has(&housing.body, &format!("#comment-{sixtieth}")));
        let searched = editor.get(&format!("{path}?q=seeded%20comment%2000&comment={sixtieth}")).await.text();
        assert!(searched.contains("Showing 9 comments."), "{searched}");
        // A comment that is not there, or not a number: page 1.
        for nowhere in ["99999999", "sixty"] {
            let page = editor.get(&format!("{path}?comment={nowhere}")).await;
            assert_eq!(page.status, StatusCode::OK, "{nowhere}");
            assert!(page.text().contains("Showing 1 to 50 of 75 comments."), "{nowhere}: {}", page.text());
        }
    }

    async fn a_link_to_a_group_member_opens_the_page_with_its_group_and_says_it_is_there(app) {
        open_round(&app).await;
        // Sixty comments of their own on CI-1 fill page 1; the campaign's group comes after.
        seed_in_round(&app, "First round", "CI-1", "participant@example.org", 60, "named", "Seeded comment").await;
        let names = ["Alice Brown", "Mohammed Khan", "Jo Smith"];
        for (n, name) in names.iter().enumerate() {
            let mut person = app.visitor();
            person.sign_in_as(&format!("carer{n}@example.org")).await;
            let sent = comment(&mut person, CI1, &[("body", &campaign(name))]).await;
            assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.text());
        }
        let shown = app.scalar("SELECT id FROM comments WHERE body = $1", &campaign(names[0])).await;
        let member = app.scalar("SELECT id FROM comments WHERE body = $1", &campaign(names[2])).await;
        let group = group_of(&app, member).await;
        assert!(group.is_some(), "the campaign copies are grouped");
        assert_eq!(group_of(&app, shown).await, group);
        let round = first_round(&app).await;
        let mut editor = editor(&app).await;

        let link = answer_list_link(SLUG, round, "CI-1", member);
        let opened = editor.get(asked(&link)).await;
        let text = opened.text();
        assert!(text.contains("Showing 51 to 61 of 61 comments and groups."), "page 2, with the group: {text}");
        assert!(text.contains("Group of 3 alike comments"), "{text}");
        // The fragment lands inside the group's entry, on a line that says why.
        let landing = format!("li#comment-{shown} #comment-{member}");
        assert!(has(&opened.body, &landing), "the group's entry holds the link's target");
        assert_eq!(
            text_at(&opened.body, &landing).as_deref(),
            Some("The comment you followed a link to is in this group of alike comments. It is answered with the group.")
        );
        // Linked to the member the group is shown by, there is nothing to explain.
        let by_its_first = editor.get(asked(&answer_list_link(SLUG, round, "CI-1", shown))).await;
        assert!(has(&by_its_first.body, &format!("li#comment-{shown}")));
        assert!(!by_its_first.text().contains("The comment you followed a link to"));
        // Only the linked page says it.
        let plain = editor.get(&format!("/frameworks/{SLUG}/rounds/{round}/comments?page=2")).await;
        assert!(!plain.text().contains("The comment you followed a link to"));
    }

    async fn the_publish_pages_missing_answers_open_the_list_at_each_comment(app) {
        open_round(&app).await;
        seed_in_round(&app, "First round", "CI-1", "participant@example.org", 60, "named", "Seeded comment").await;
        let mut editor = editor(&app).await;
        close_round(&app, &mut editor).await;
        let round = first_round(&app).await;
        let publish = editor.get(&format!("/frameworks/{SLUG}/publish")).await;
        let fifty_fifth = app.scalar("SELECT id FROM comments WHERE body = $1", "Seeded comment 055").await;
        let missing = links(&publish.body, "a[href]")
            .into_iter()
            .map(|(href, _)| href)
            .find(|href| href.ends_with(&format!("#comment-{fifty_fifth}")))
            .expect("the missing answer is linked");
        assert_eq!(missing, answer_list_link(SLUG, round, "CI-1", fifty_fifth));
        let opened = editor.get(asked(&missing)).await;
        assert!(opened.text().contains("Showing 51 to 60 of 60 comments."), "{}", opened.text());
        assert!(has(&opened.body, &format!("li#comment-{fifty_fifth}")));
    }
}
