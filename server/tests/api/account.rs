use crate::on_both_databases;
use axum::http::StatusCode;

on_both_databases! {
    async fn a_person_can_set_the_name_shown_with_their_comments(app) {
        let mut visitor = app.visitor();
        visitor.sign_in_as("new@example.org").await;
        let saved = visitor.post("/account", &[("display_name", "  Siân   O'Neill ")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        let page = visitor.get(saved.location()).await;
        assert!(page.text().contains("Your name has been saved."), "{}", page.text());
        assert!(page.text().contains("Signed in as Siân O'Neill") || page.text().contains("Signed in as Siân O&#x27;Neill"));
    }

    async fn an_empty_name_is_refused_with_a_message(app) {
        let mut visitor = app.visitor();
        visitor.sign_in_as("new@example.org").await;
        let refused = visitor.post("/account", &[("display_name", "   ")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.text().contains("Enter the name you want to be shown"));
        assert!(refused.body.contains("<title>Error: Your account – Our Words</title>"));
    }

    async fn a_name_that_would_turn_the_text_after_it_around_is_refused_beside_the_field(app) {
        let mut visitor = app.visitor();
        visitor.sign_in_as("new@example.org").await;
        // Shown before ", speaking for ..." on a comment, U+202E would reverse what follows.
        let refused = visitor.post("/account", &[("display_name", "Jo\u{202E}tnemnrevog")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = crate::html::message_beside(&refused.body, "display_name").expect("beside the name");
        assert!(message.contains("changes the direction of the text"), "{message}");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM users WHERE display_name = $1", "Jo\u{202E}tnemnrevog").await, 0);
    }

    async fn a_name_that_would_pass_for_an_organisation_or_its_representative_is_refused_beside_the_field(app) {
        let mut visitor = app.visitor();
        visitor.sign_in_as("new@example.org").await;
        // The demo's organisation: a person cannot go by its name...
        let refused = visitor.post("/account", &[("display_name", "speaking up together (DEMO)")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = crate::html::message_beside(&refused.body, "display_name").expect("beside the name");
        assert!(message.contains("is the name of an organisation here"), "{message}");
        assert!(refused.body.contains(r#"value="speaking up together (DEMO)""#), "what they typed is kept");
        // ...nor write the words the site adds for a representative.
        let refused = visitor.post("/account", &[("display_name", "Jo, for Speaking Up Together (demo)")]).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = crate::html::message_beside(&refused.body, "display_name").expect("beside the name");
        assert!(message.contains("Enter just your name"), "{message}");
        assert_eq!(app.scalar("SELECT COUNT(*) FROM users WHERE display_name LIKE $1", "%Speaking Up%").await, 0);
    }

    async fn names_are_shown_as_text_never_as_markup(app) {
        let mut visitor = app.visitor();
        visitor.sign_in_as("new@example.org").await;
        visitor.post("/account", &[("display_name", "<script>alert(1)</script>")]).await;
        let page = visitor.get("/account").await;
        assert!(!page.body.contains("<script>alert(1)</script>"));
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    async fn signed_out_visitors_cannot_change_a_name(app) {
        let mut visitor = app.visitor();
        let refused = visitor.post("/account", &[("display_name", "Sneaky")]).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.scalar("SELECT COUNT(*) FROM users WHERE display_name = $1", "Sneaky").await, 0);
    }
}
