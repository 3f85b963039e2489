//! Admin changes. The admin role is checked here, on the server, before anything else.

use super::{Submitted, refused, see_other};
use app::{
    api::Viewer,
    error::AppError,
    server::{AppState, accounts},
};
use axum::{
    extract::{Path, State},
    response::Response,
};

fn require_admin(submitted: &Submitted) -> Result<(), AppError> {
    match submitted.parts.extensions.get::<Viewer>() {
        Some(viewer) if viewer.is_admin => Ok(()),
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::SignInRequired),
    }
}

pub async fn add_person(State(state): State<AppState>, submitted: Submitted) -> Response {
    let outcome = match require_admin(&submitted) {
        Ok(()) => accounts::add_person(&state.db, submitted.field("email")).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(id) => see_other(&format!("/admin/people/{id}?saved=added")),
        Err(error) => {
            refused(
                &state,
                submitted,
                "/admin/people",
                "add-person",
                "email",
                error,
            )
            .await
        }
    }
}

/// One page, several forms: the `action` field says which one was pressed.
pub async fn change_person(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    submitted: Submitted,
) -> Response {
    let page = format!("/admin/people/{id}");
    let action = submitted.field("action").to_owned();
    let (form, field) = match action.as_str() {
        "roles" => ("roles", "editor"),
        _ => ("membership", "organisation_id"),
    };
    let outcome = match require_admin(&submitted) {
        Err(e) => Err(e),
        Ok(()) => match action.as_str() {
            "roles" => accounts::set_roles(
                &state,
                id,
                submitted.field("editor") == "yes",
                submitted.field("admin") == "yes",
            )
            .await
            .map(|()| "roles"),
            "add-membership" => match submitted.field("organisation_id").parse::<i64>() {
                Ok(organisation) => accounts::add_membership(&state, id, organisation)
                    .await
                    .map(|()| "membership"),
                Err(_) => Err(AppError::Invalid(
                    "Choose an organisation from the list".into(),
                )),
            },
            "remove-membership" => match submitted.field("organisation_id").parse::<i64>() {
                Ok(organisation) => accounts::remove_membership(&state, id, organisation)
                    .await
                    .map(|()| "removed"),
                Err(_) => Err(AppError::Invalid("Choose an organisation to remove".into())),
            },
            _ => Err(AppError::Invalid(
                "We did not understand that form. Reload the page and try again.".into(),
            )),
        },
    };
    match outcome {
        Ok(saved) => see_other(&format!("{page}?saved={saved}")),
        Err(error) => refused(&state, submitted, &page, form, field, error).await,
    }
}

pub async fn add_organisation(State(state): State<AppState>, submitted: Submitted) -> Response {
    let outcome = match require_admin(&submitted) {
        Ok(()) => accounts::create_organisation(&state, submitted.field("name")).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => see_other("/admin/organisations?saved=1"),
        Err(error) => {
            refused(
                &state,
                submitted,
                "/admin/organisations",
                "add-organisation",
                "name",
                error,
            )
            .await
        }
    }
}
