//! Nothing a person typed is lost when their session ends: a form posted after it
//! ended is kept, they are asked to sign in, and when they are back on the page the form
//! is filled again with everything they typed, unsent, for them to check and send.
//!
//! The post is kept in the database (a day at most) under a secret whose hash is its
//! key; the secret lives in a cookie on their browser only. It is given back on the page
//! it was posted from, once, and only to the person whose session it was when that is
//! known (anyone else signing in on the same browser gets nothing).

use super::{AppState, auth, clock::now, store};
use crate::{error::AppError, form::FormFeedback};
use std::collections::BTreeMap;

/// How long a held post waits for its sender to sign in again.
pub const HELD_FOR_SECS: i64 = 24 * 60 * 60;

/// What the form says when it is filled again.
pub const RETURNED: &str = "You were signed out before this was sent, so it has not been saved yet. \
    Here is everything you typed: check it, then send it again.";

/// Keep a form post sent without a live session. `session_secret` is the cookie the
/// browser still sent, if any, to tell whose it was. Returns the secret for the cookie.
pub async fn hold(
    state: &AppState,
    session_secret: Option<&str>,
    page: &str,
    (form, field): (&str, &str),
    fields: &BTreeMap<String, String>,
) -> Result<String, AppError> {
    let secret = auth::new_secret();
    let now = now();
    let fields =
        serde_json::to_string(fields).map_err(|e| AppError::internal("keeping a form post", e))?;
    let mut tx = state.db.begin_write().await?;
    let user_id = match session_secret {
        Some(s) => store::sessions::owner(&mut tx, &auth::hash_secret(s)).await?,
        None => None,
    };
    store::held_submissions::delete_expired(&mut tx, now).await?;
    store::held_submissions::insert(
        &mut tx,
        store::held_submissions::NewHeld {
            token_hash: &auth::hash_secret(&secret),
            user_id,
            page,
            form,
            field,
            fields: &fields,
            now,
            expires_at: now + HELD_FOR_SECS,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(secret)
}

/// The held post for `page`, as the form's feedback, if `viewer_id` may have it. It is
/// removed either way once found: it fills the form once.
pub async fn take(
    state: &AppState,
    secret: &str,
    page: &str,
    viewer_id: i64,
) -> Result<Option<FormFeedback>, AppError> {
    let mut tx = state.db.begin_write().await?;
    let held =
        store::held_submissions::take(&mut tx, &auth::hash_secret(secret), page, now()).await?;
    tx.commit().await?;
    let Some(held) = held.filter(|h| h.user_id.is_none_or(|id| id == viewer_id)) else {
        return Ok(None);
    };
    let values: BTreeMap<String, String> = serde_json::from_str(&held.fields)
        .map_err(|e| AppError::internal("reading a kept form post", e))?;
    Ok(Some(
        FormFeedback::new(&held.form, values).with_error(&held.field, RETURNED),
    ))
}

/// `raw` as a path on this site to come back to after signing in, or `None` if it is
/// anything else (another site, a scheme, a path that browsers read as another host),
/// so a link cannot send someone elsewhere once they have signed in.
pub fn return_path(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let local = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(char::is_control)
        && raw.len() <= 2000;
    local.then(|| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_on_this_site_is_returned_to() {
        assert_eq!(
            return_path("/frameworks/x/statements/CI-1").as_deref(),
            Some("/frameworks/x/statements/CI-1")
        );
        for elsewhere in [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "javascript:alert(1)",
            "",
            "/a\nb",
        ] {
            assert_eq!(return_path(elsewhere), None, "{elsewhere:?}");
        }
    }
}
