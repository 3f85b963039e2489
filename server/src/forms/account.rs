//! Someone's own account: their name and their email choices.

use super::{Submitted, refused, see_other};
use app::{
    model::{AccountAction, AccountInput, Saved},
    server::{Context, accounts},
};
use axum::response::Response;

pub async fn save(cx: Context, submitted: Submitted) -> Response {
    if submitted.action(AccountAction::parse) == Some(AccountAction::EmailChoices) {
        let input: AccountInput = submitted.input();
        let outcome = accounts::set_email_preferences(
            &cx,
            input.easy_read == "yes",
            input.email_opt_out == "yes",
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
                    AccountInput::EASY_READ,
                    error,
                )
                .await
            }
        };
    }
    match accounts::set_display_name(&cx, submitted.field(AccountInput::DISPLAY_NAME)).await {
        Ok(()) => see_other(&Saved::Name.redirect("/account", "")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                "/account",
                "display-name",
                AccountInput::DISPLAY_NAME,
                error,
            )
            .await
        }
    }
}
