use super::{Submitted, refused, see_other};
use app::{
    api::Viewer,
    error::AppError,
    server::{AppState, accounts},
};
use axum::{extract::State, response::Response};

pub async fn save_name(State(state): State<AppState>, submitted: Submitted) -> Response {
    if submitted.field("action") == "preferences" {
        return save_preferences(state, submitted).await;
    }
    let outcome = match submitted.parts.extensions.get::<Viewer>() {
        Some(viewer) => {
            accounts::set_display_name(&state, viewer, submitted.field("display_name")).await
        }
        None => Err(AppError::SignInRequired),
    };
    match outcome {
        Ok(()) => see_other("/account?saved=1"),
        Err(error) => {
            refused(
                &state,
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

async fn save_preferences(state: AppState, submitted: Submitted) -> Response {
    let outcome = match submitted.parts.extensions.get::<Viewer>() {
        Some(viewer) => {
            accounts::set_email_preferences(
                &state,
                viewer,
                submitted.field("easy_read") == "yes",
                submitted.field("email_opt_out") == "yes",
            )
            .await
        }
        None => Err(AppError::SignInRequired),
    };
    match outcome {
        Ok(()) => see_other("/account?saved=preferences"),
        Err(error) => {
            refused(
                &state,
                submitted,
                "/account",
                "preferences",
                "easy_read",
                error,
            )
            .await
        }
    }
}
