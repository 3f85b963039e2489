//! Routes that plain HTML forms post to. Each follows post/redirect/get: on success it
//! redirects (303) to a page that says what happened; when input is refused it renders
//! the same page again with the errors and everything the person typed.

mod account;
mod admin;
mod alike;
mod drafting;
mod events;
mod moderation;
mod proposals;
mod publishing;
mod sign_in;
mod still_matters;
mod twins;
mod unsubscribe;
mod values;

use crate::render::page_with_feedback;
use app::{error::AppError, form::FormFeedback, server::AppState};
use axum::{
    Form, Router,
    extract::{FromRequest, Request},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Redirect, Response},
    routing::post,
};
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-in", post(sign_in::request_link))
        .route("/sign-in/confirm", post(sign_in::confirm))
        .route("/sign-out", post(sign_in::sign_out))
        .route(
            "/account/sign-out-everywhere",
            post(sign_in::sign_out_everywhere),
        )
        .route("/account", post(account::save))
        .route("/unsubscribe/{token}", post(unsubscribe::stop))
        .route(
            "/unsubscribe/{token}/start-again",
            post(unsubscribe::start_again),
        )
        .route("/admin/people", post(admin::add_person))
        .route("/admin/people/{id}", post(admin::change_person))
        .route("/admin/organisations", post(admin::add_organisation))
        .route(
            "/admin/audit.csv",
            axum::routing::get(admin::audit_download),
        )
        .route("/comments/{id}/report", post(moderation::report))
        .route("/moderation/comments/{id}", post(moderation::moderate))
        .route("/events", post(events::add_event))
        .route("/events/{id}", post(events::record))
        .route(
            "/events/{id}/comments/{comment}/edit",
            post(events::correct),
        )
        .route("/frameworks/new", post(drafting::new_framework))
        .route("/frameworks/{slug}/edit", post(drafting::edit_framework))
        .route("/frameworks/{slug}/rounds", post(drafting::rounds))
        .route(
            "/frameworks/{slug}/rounds/{id}/comments",
            post(drafting::answer),
        )
        .route(
            "/frameworks/{slug}/rounds/{id}/groups/{group}",
            post(alike::group),
        )
        .route(
            "/frameworks/{slug}/themes/{code}/new-statement",
            post(drafting::new_statement),
        )
        .route(
            "/frameworks/{slug}/statements/{reference}/redraft",
            post(drafting::redraft),
        )
        .route(
            "/frameworks/{slug}/statements/{reference}/comment",
            post(drafting::comment),
        )
        .route(
            "/frameworks/{slug}/statements/{reference}/comments/{id}/edit",
            post(drafting::edit_comment),
        )
        .route(
            "/frameworks/{slug}/statements/{reference}/still-matters",
            post(still_matters::say),
        )
        .route(
            "/frameworks/{slug}/statements/{reference}/manage",
            post(drafting::manage_statement),
        )
        .route("/frameworks/{slug}/propose", post(proposals::propose))
        .route(
            "/frameworks/{slug}/proposals/{id}",
            post(proposals::proposal),
        )
        .route("/frameworks/{slug}/values", post(values::framework_values))
        .route(
            "/frameworks/{slug}/statements/{reference}/values",
            post(values::statement_values),
        )
        .route(
            "/frameworks/{slug}/statements/{reference}/easy-read",
            post(twins::easy_read).layer(axum::extract::DefaultBodyLimit::max(
                twins::EASY_READ_BODY_LIMIT,
            )),
        )
        .route(
            "/frameworks/{slug}/statements/{reference}/easy-read/still-fits",
            post(twins::still_fits),
        )
        .route("/pictures/{id}", axum::routing::get(twins::picture))
        .route("/jargon", post(drafting::add_jargon))
        .route("/frameworks/{slug}/publish", post(publishing::publish))
        .route(
            "/frameworks/{slug}/versions/{version}/outbox",
            post(publishing::retry_failed),
        )
        .route(
            "/frameworks/{slug}/versions/{version}/{file}",
            axum::routing::get(publishing::report_download),
        )
}

/// A submitted form: the request it came with (who is signed in, where from) and the
/// fields as typed.
pub struct Submitted {
    pub parts: Parts,
    pub fields: BTreeMap<String, String>,
}

impl Submitted {
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// The `action` the form asked for, read through its one spelling in `app::model`.
    pub fn action<A>(&self, parse: impl Fn(&str) -> Option<A>) -> Option<A> {
        parse(self.field(app::model::ACTION))
    }

    /// The fields as the typed input the page and the service share (a field the form
    /// did not send is empty).
    pub fn input<T: serde::de::DeserializeOwned + Default>(&self) -> T {
        use serde::de::{IntoDeserializer, value::MapDeserializer};
        let fields = self
            .fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str().into_deserializer()));
        let deserializer: MapDeserializer<'_, _, serde::de::value::Error> =
            MapDeserializer::new(fields);
        T::deserialize(deserializer).unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequest<S> for Submitted {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let Form(fields) = Form::<BTreeMap<String, String>>::from_request(
            Request::from_parts(parts.clone(), body),
            state,
        )
        .await
        .map_err(|_| {
            (
                StatusCode::BAD_REQUEST,
                "We could not read that form. Go back, reload the page and try again.",
            )
                .into_response()
        })?;
        Ok(Self { parts, fields })
    }
}

/// What to do with an error from a form post. Mistakes in the input (and problems the
/// person can retry) go back to the form beside the field; a page the person may not
/// use is rendered as that page's own error.
pub async fn refused(
    state: &AppState,
    submitted: Submitted,
    page: &str,
    form: &str,
    field: &str,
    error: AppError,
) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    // Signed out while writing (their session ended): nothing they typed is lost.
    if matches!(error, AppError::SignInRequired)
        && let Some(response) = crate::middleware::held::keep_and_sign_in(
            state,
            &submitted.parts,
            page,
            (form, field),
            &submitted.fields,
        )
        .await
    {
        return response;
    }
    let feedback = match error {
        AppError::SignInRequired | AppError::Forbidden | AppError::NotFound => None,
        // An error that names its field shows beside that field; any other beside the
        // field the route says the form is mostly about.
        AppError::Field(own_field, message) => {
            Some(FormFeedback::new(form, submitted.fields.clone()).with_error(&own_field, message))
        }
        other => Some(
            FormFeedback::new(form, submitted.fields.clone()).with_error(field, other.to_string()),
        ),
    };
    page_with_feedback(state, submitted.parts, page, feedback, status).await
}

pub fn see_other(path: &str) -> Response {
    Redirect::to(path).into_response()
}
