//! Rendering a page again after a form post it could not accept.

use app::{form::FormFeedback, server::AppState};
use axum::{
    body::Body,
    http::{Method, Request, StatusCode, Uri, request::Parts},
    response::Response,
};
use leptos::prelude::*;

/// Render the page at `path` for this request, with `feedback` in context so the form
/// shows its errors and everything the person typed. The status is `status` unless the
/// page itself chose an error status (for example 403 for someone who may not see it).
pub async fn page_with_feedback(
    state: &AppState,
    mut parts: Parts,
    path: &str,
    feedback: Option<FormFeedback>,
    status: StatusCode,
) -> Response {
    parts.method = Method::GET;
    parts.uri = path
        .parse::<Uri>()
        .unwrap_or_else(|_| Uri::from_static("/"));
    let request = Request::from_parts(parts, Body::empty());
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            if let Some(feedback) = feedback.clone() {
                provide_context(feedback);
            }
            leptos::nonce::provide_nonce();
        }
    };
    let options = state.leptos_options.clone();
    let render =
        leptos_axum::render_app_async_with_context(context, move || app::shell(options.clone()));
    let mut response = render(request).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}
