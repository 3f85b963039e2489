//! Who is asking, and the state every service works with. Services take a `Context`
//! explicitly, so a server function and a plain axum route call them the same way.
//!
//! The session middleware puts the signed-in person on the request as a [`Viewer`];
//! both doors build a `Context` from that one request extension ([`Context::from_parts`]),
//! and "must be signed in / an editor / an admin" is decided here and nowhere else.

use super::{AppState, Db};
use crate::{domain::easy_read::TextKind, error::AppError, model::Viewer};
use axum::extract::{FromRef, FromRequestParts};
use http::request::Parts;

#[derive(Clone)]
pub struct Context {
    pub state: AppState,
    /// The signed-in person, if anyone is signed in.
    pub viewer: Option<Viewer>,
    /// Which text the reader chose to read statements in: pages show the easy read text
    /// where a statement has one, and the standard text (with a note) where it has not.
    pub reading: TextKind,
}

/// The reading choice the middleware worked out for a request (the signed-in person's
/// stored choice, or else the browser's cookie), put on the request beside the `Viewer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingChoice(pub TextKind);

impl ReadingChoice {
    /// A signed-in person's stored choice follows them to any browser.
    pub fn of_viewer(viewer: &Viewer) -> Self {
        Self(if viewer.easy_read {
            TextKind::EasyRead
        } else {
            TextKind::Standard
        })
    }
}

impl Context {
    /// A context whose reading choice is the viewer's own (standard when signed out).
    pub fn new(state: AppState, viewer: Option<Viewer>) -> Self {
        let reading = viewer
            .as_ref()
            .map_or(TextKind::Standard, |v| ReadingChoice::of_viewer(v).0);
        Self {
            state,
            viewer,
            reading,
        }
    }

    /// The context of a request the session and reading middleware have seen.
    pub fn from_parts(state: AppState, parts: &Parts) -> Self {
        let mut cx = Self::new(state, parts.extensions.get::<Viewer>().cloned());
        if let Some(ReadingChoice(kind)) = parts.extensions.get::<ReadingChoice>() {
            cx.reading = *kind;
        }
        cx
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    pub fn signed_in(&self) -> Result<&Viewer, AppError> {
        self.viewer.as_ref().ok_or(AppError::SignInRequired)
    }

    /// An editor (the policy team): drafts, answers and publishes.
    pub fn editor(&self) -> Result<&Viewer, AppError> {
        self.signed_in().and_then(|v| {
            if v.is_editor {
                Ok(v)
            } else {
                Err(AppError::Forbidden)
            }
        })
    }

    /// An admin: people, organisations and roles.
    pub fn admin(&self) -> Result<&Viewer, AppError> {
        self.signed_in().and_then(|v| {
            if v.is_admin {
                Ok(v)
            } else {
                Err(AppError::Forbidden)
            }
        })
    }

    /// A facilitator: records events and what people said at them.
    pub fn facilitator(&self) -> Result<&Viewer, AppError> {
        self.signed_in().and_then(|v| {
            if v.is_facilitator {
                Ok(v)
            } else {
                Err(AppError::Forbidden)
            }
        })
    }

    /// An editor or an admin: both may watch and retry a version's emails.
    pub fn editor_or_admin(&self) -> Result<&Viewer, AppError> {
        self.signed_in().and_then(|v| {
            if v.is_editor || v.is_admin {
                Ok(v)
            } else {
                Err(AppError::Forbidden)
            }
        })
    }

    pub fn is_editor(&self) -> bool {
        self.editor().is_ok()
    }

    pub fn is_editor_or_admin(&self) -> bool {
        self.editor_or_admin().is_ok()
    }
}

/// The one extractor for who is asking, for axum routes: `cx: Context` in a handler.
impl<S> FromRequestParts<S> for Context
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::from_parts(AppState::from_ref(state), parts))
    }
}

impl Context {
    /// A pooled connection for reads.
    pub async fn read(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, AppError> {
        Ok(self.state.db.pool.acquire().await?)
    }

    /// A write transaction (on SQLite it holds the write lock from the start).
    pub async fn write(&self) -> Result<super::db::Tx, AppError> {
        Ok(self.state.db.begin_write().await?)
    }
}
