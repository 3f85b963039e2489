//! Someone's own account: their name and their email choices.

use super::{Submitted, refused, see_other};
use app::{
    model::{AccountAction, Saved},
    server::{Context, accounts},
};
use axum::response::Response;

pub async fn save(cx: Context, submitted: Submitted) -> Response {
    if submitted.action(AccountAction::parse) == Some(AccountAction::EmailChoices) {
        let outcome = accounts::set_email_preferences(
            &cx,
            submitted.field("easy_read") == "yes",
            submitted.field("email_opt_out") == "yes",
        )
        .await;
        return match outcome {
            Ok(()) => see_other(&Saved::EmailChoices.redirect("/account", "")),
            Err(error) => {
                refused(
                    &cx.state,
                    submitted,
                    "/account",
                    "preferences",
                    "easy_read",
                    error,
                )
                .await
            }
        };
    }
    match accounts::set_display_name(&cx, submitted.field("display_name")).await {
        Ok(()) => see_other(&Saved::Name.redirect("/account", "")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                "/account",
                "display-name",
                "display_name",
                error,
            )
            .await
        }
    }
}
