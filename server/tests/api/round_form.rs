//! The round form says what is wrong beside the field it is about, and its summary links
//! there: overlapping dates beside the opening date (it used to link to the title).

use crate::{
    comments::{open_round, today_plus},
    html::{message_beside, summary_links},
    on_both_databases,
};
use axum::http::StatusCode;

const ROUNDS: &str = "/frameworks/national-care-service-demo/rounds";

on_both_databases! {
    async fn overlapping_dates_are_reported_beside_the_opening_date(app) {
        open_round(&app).await;
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let refused = editor
            .post(ROUNDS, &[("action", "create"), ("title", "Second"), ("opens", &today_plus(3)), ("closes", &today_plus(20))])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let message = "These dates overlap another round. Rounds of one framework cannot overlap.";
        assert_eq!(message_beside(&refused.body, "opens").as_deref(), Some(message));
        assert_eq!(message_beside(&refused.body, "title"), None, "nothing is said beside the title");
        assert_eq!(summary_links(&refused.body), vec![("#opens".to_owned(), message.to_owned())]);
        assert!(refused.body.contains(r#"value="Second""#), "the title typed is kept");
    }

    async fn a_closing_date_before_the_opening_date_is_reported_beside_the_closing_date(app) {
        let mut editor = app.visitor();
        editor.sign_in_as("editor@example.org").await;
        let refused = editor
            .post(ROUNDS, &[("action", "create"), ("title", "Backwards"), ("opens", &today_plus(9)), ("closes", &today_plus(2))])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            message_beside(&refused.body, "closes").as_deref(),
            Some("The closing date must be on or after the opening date")
        );
        assert_eq!(message_beside(&refused.body, "opens"), None);
    }
}
