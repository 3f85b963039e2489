//! The one error type. Every variant carries only what is safe to show a person;
//! internal causes are logged where they happen and never travel to the browser.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Invalid(String),
    /// Input refused, with the form field it is about, so the error summary can link to it.
    #[error("{1}")]
    Field(String, String),
    #[error("You need to sign in to do that.")]
    SignInRequired,
    #[error("You do not have permission to do that.")]
    Forbidden,
    #[error("We could not find that page.")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    RateLimited(String),
    #[error(
        "This form came from another website, so we did not act on it. Go back, reload the page and try again."
    )]
    CrossSite,
    #[error(
        "Something went wrong on our side. Nothing you typed has been lost: please try again in a moment."
    )]
    Internal,
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::Field(..) => 422,
            AppError::SignInRequired => 401,
            AppError::Forbidden | AppError::CrossSite => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::RateLimited(_) => 429,
            AppError::Internal => 500,
        }
    }

    /// Log an internal failure with its cause and turn it into the plain message.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "{context}");
        AppError::Internal
    }
}

impl AppError {
    /// Input refused because of what is in `field`.
    pub fn field(field: &str, invalid: crate::domain::Invalid) -> Self {
        AppError::Field(field.to_owned(), invalid.0)
    }
}

impl From<crate::domain::Invalid> for AppError {
    fn from(invalid: crate::domain::Invalid) -> Self {
        AppError::Invalid(invalid.0)
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        AppError::internal("database error", err)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::error!(error = %value, "server function failed");
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        AppError::Internal
    }
}
