//! The server-function door: the `Context` of the request a server function serves,
//! from the Leptos context the router provides. Services never read Leptos context
//! themselves; only server functions call this.

use super::{AppState, Context};
use crate::error::AppError;
use leptos::prelude::*;

pub fn context() -> Result<Context, AppError> {
    let state = use_context::<AppState>()
        .ok_or_else(|| AppError::internal("request context", "AppState missing from context"))?;
    let parts = use_context::<http::request::Parts>()
        .ok_or_else(|| AppError::internal("request context", "request parts missing"))?;
    Ok(Context::from_parts(state, &parts))
}
