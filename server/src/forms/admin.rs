//! Admin changes. The services check the admin role before anything else.

use super::{Submitted, refused, see_other};
use app::{
    error::AppError,
    model::{PersonAction, Saved},
    server::{Context, accounts},
};
use axum::{extract::Path, response::Response};

pub async fn add_person(cx: Context, submitted: Submitted) -> Response {
    match accounts::add_person(&cx, submitted.field("email")).await {
        Ok(id) => see_other(&Saved::PersonAdded.redirect(&format!("/admin/people/{id}"), "")),
        Err(error) => {
            refused(
                &cx.state,
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
pub async fn change_person(cx: Context, Path(id): Path<i64>, submitted: Submitted) -> Response {
    let page = format!("/admin/people/{id}");
    let action = submitted.action(PersonAction::parse);
    let (form, field) = match action {
        Some(PersonAction::Roles) => ("roles", "editor"),
        _ => ("membership", "organisation_id"),
    };
    let organisation = submitted.field("organisation_id");
    let outcome = match action {
        Some(PersonAction::Roles) => accounts::set_roles(
            &cx,
            id,
            submitted.field("editor") == "yes",
            submitted.field("admin") == "yes",
        )
        .await
        .map(|()| Saved::Roles),
        Some(PersonAction::AddMembership) => accounts::add_membership(&cx, id, organisation)
            .await
            .map(|()| Saved::MembershipAdded),
        Some(PersonAction::RemoveMembership) => accounts::remove_membership(&cx, id, organisation)
            .await
            .map(|()| Saved::MembershipRemoved),
        None => cx.admin().and(Err(AppError::Invalid(
            "We did not understand that form. Reload the page and try again.".into(),
        ))),
    };
    match outcome {
        Ok(saved) => see_other(&saved.redirect(&page, "")),
        Err(error) => refused(&cx.state, submitted, &page, form, field, error).await,
    }
}

pub async fn add_organisation(cx: Context, submitted: Submitted) -> Response {
    match accounts::create_organisation(&cx, submitted.field("name")).await {
        Ok(_) => see_other(&Saved::OrganisationAdded.redirect("/admin/organisations", "")),
        Err(error) => {
            refused(
                &cx.state,
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
