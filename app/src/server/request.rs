//! What server functions know about the request they serve: the app state, who is
//! signed in, and role checks. Every role check happens here, on the server.

use super::AppState;
use crate::{api::Viewer, error::AppError};
use leptos::prelude::*;

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>()
        .ok_or_else(|| AppError::internal("request context", "AppState missing from context"))
}

/// The signed-in person, put on the request by the session middleware.
pub fn viewer() -> Option<Viewer> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Viewer>().cloned())
}

pub fn require_signed_in() -> Result<Viewer, AppError> {
    viewer().ok_or(AppError::SignInRequired)
}

pub fn require_admin() -> Result<Viewer, AppError> {
    let viewer = require_signed_in()?;
    if viewer.is_admin {
        Ok(viewer)
    } else {
        Err(AppError::Forbidden)
    }
}
