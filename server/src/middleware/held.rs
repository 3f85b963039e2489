//! The web half of `app::server::held`: a form posted after its sender's session ended
//! is kept, and they are sent to sign in (`keep_and_sign_in`); once they are signed in
//! and back on the page, it is shown again filled with what they typed
//! (`give_back_held`).

use super::session::cookie_name;
use crate::render::page_with_feedback;
use app::{
    model::Viewer,
    server::{AppState, Config, held},
};
use axum::{
    extract::{Request, State},
    http::{Method, StatusCode, request::Parts},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use std::collections::BTreeMap;

/// Fields that carry no words of the person's own: a post of only these is not kept.
const NOT_TYPED: [&str; 2] = ["submission_key", "action"];

/// `__Secure-`, not `__Host-`: the cookie is scoped to the page it was posted from (see
/// `held_cookie`), and `__Host-` demands `Path=/`.
fn held_cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Secure-our_words_held"
    } else {
        "our_words_held"
    }
}

/// The cookie is sent back only on `page` (its path), so no other page looks for a kept
/// post: without the scope every page view for a day would run a write to find none.
fn held_cookie(config: &Config, value: String, max_age: i64, page: &str) -> Cookie<'static> {
    let plain = page.starts_with('/') && page.chars().all(|c| c.is_ascii_graphic() && c != ';');
    Cookie::build((held_cookie_name(config), value))
        .path(if plain {
            page.to_owned()
        } else {
            "/".to_owned()
        })
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.is_https())
        .max_age(time::Duration::seconds(max_age))
        .build()
}

/// Keep a post refused because the sender's session ended, if they typed anything, and
/// send them to sign in with a way back to `page`. `None` when there is nothing to keep,
/// or the browser sent no session at all (it was never signed in: nobody was writing
/// when a session ended, and the page's own "sign in" message is the answer).
pub async fn keep_and_sign_in(
    state: &AppState,
    parts: &Parts,
    page: &str,
    (form, field): (&str, &str),
    fields: &BTreeMap<String, String>,
) -> Option<Response> {
    let typed = fields
        .iter()
        .any(|(name, value)| !NOT_TYPED.contains(&name.as_str()) && !value.trim().is_empty());
    let jar = CookieJar::from_headers(&parts.headers);
    let session = jar.get(cookie_name(&state.config)).map(Cookie::value);
    if !typed || session.is_none() {
        return None;
    }
    let path = page.split(['?', '#']).next().unwrap_or(page);
    let secret = match held::hold(state, session, path, (form, field), fields).await {
        Ok(secret) => secret,
        Err(error) => {
            tracing::warn!(%error, "keeping a post sent after its session ended failed");
            return None;
        }
    };
    let jar = jar.add(held_cookie(
        &state.config,
        secret,
        held::HELD_FOR_SECS,
        path,
    ));
    let to = format!(
        "/sign-in?held=1&return={}",
        utf8_percent_encode(page, NON_ALPHANUMERIC)
    );
    Some((jar, Redirect::to(&to)).into_response())
}

/// On a page whose form someone posted after their session ended, once they are signed
/// in again: the page with that form filled with what they sent, not yet saved.
pub async fn give_back_held(
    State(state): State<AppState>,
    jar: CookieJar,
    req: Request,
    next: Next,
) -> Response {
    let held_secret = jar
        .get(held_cookie_name(&state.config))
        .map(|c| c.value().to_owned());
    let viewer = req.extensions().get::<Viewer>().map(|v| v.id);
    let (Some(secret), Some(viewer), true) = (held_secret, viewer, req.method() == Method::GET)
    else {
        return next.run(req).await;
    };
    let path = req.uri().path().to_owned();
    match held::take(&state, &secret, &path, viewer).await {
        Ok(Some(feedback)) => {
            let (parts, _) = req.into_parts();
            let page = parts
                .uri
                .path_and_query()
                .map_or(path.clone(), |p| p.as_str().to_owned());
            let response =
                page_with_feedback(&state, parts, &page, Some(feedback), StatusCode::OK).await;
            let jar = jar.remove(held_cookie(&state.config, String::new(), 0, &path));
            (jar, response).into_response()
        }
        Ok(None) => next.run(req).await,
        Err(error) => {
            tracing::warn!(%error, "giving back a kept post failed");
            next.run(req).await
        }
    }
}
