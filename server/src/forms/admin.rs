//! Admin changes. The services check the admin role before anything else.

use super::{Submitted, refused, see_other};
use app::{
    error::AppError,
    model::{OrganisationInput, PersonAction, PersonInput, Saved},
    server::{Context, accounts, audit},
};
use axum::{
    body::Body,
    extract::{Path, Query},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use std::collections::HashMap;

pub async fn add_person(cx: Context, submitted: Submitted) -> Response {
    match accounts::add_person(&cx, submitted.field(PersonInput::EMAIL)).await {
        Ok(id) => see_other(&Saved::PersonAdded.redirect(&format!("/admin/people/{id}"), "")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                "/admin/people",
                "add-person",
                PersonInput::EMAIL,
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
        Some(PersonAction::Roles) => ("roles", PersonInput::EDITOR),
        _ => ("membership", PersonInput::ORGANISATION_ID),
    };
    let input: PersonInput = submitted.input();
    let organisation = input.organisation_id.as_str();
    let outcome = match action {
        Some(PersonAction::Roles) => accounts::set_roles(
            &cx,
            id,
            accounts::Roles {
                editor: input.editor == "yes",
                admin: input.admin == "yes",
                facilitator: input.facilitator == "yes",
                moderator: input.moderator == "yes",
            },
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
    match accounts::create_organisation(&cx, submitted.field(OrganisationInput::NAME)).await {
        Ok(_) => see_other(&Saved::OrganisationAdded.redirect("/admin/organisations", "")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                "/admin/organisations",
                "add-organisation",
                OrganisationInput::NAME,
                error,
            )
            .await
        }
    }
}

/// `audit.csv`: the audit log (all of it, or one kind of action with `?action=`), oldest
/// first, written as it is read from the database.
pub async fn audit_download(cx: Context, Query(query): Query<HashMap<String, String>>) -> Response {
    match audit::export(&cx, query.get("action").map(String::as_str)).await {
        Err(error) => (
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::FORBIDDEN),
            error.to_string(),
        )
            .into_response(),
        Ok(chunks) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"our-words-audit-log.csv\"",
                ),
            ],
            Body::from_stream(chunks),
        )
            .into_response(),
    }
}
