//! Who is signed in: read the session cookie, look the session up, and put the person
//! on the request for pages, server functions and form handlers.

use app::server::{AppState, Config, auth};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

/// Over https the cookie takes the `__Host-` prefix, which browsers only accept with
/// `Secure`, `Path=/` and no domain: it cannot be set or read by any other subdomain.
pub fn cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Host-our_words_session"
    } else {
        "our_words_session"
    }
}

pub fn session_cookie(config: &Config, secret: String) -> Cookie<'static> {
    Cookie::build((cookie_name(config), secret))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.is_https())
        .max_age(time::Duration::seconds(auth::SESSION_LIFETIME_SECS))
        .build()
}

pub fn removal_cookie(config: &Config) -> Cookie<'static> {
    Cookie::build((cookie_name(config), ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.is_https())
        .build()
}

pub async fn load_viewer(
    State(state): State<AppState>,
    jar: CookieJar,
    mut req: Request,
    next: Next,
) -> Response {
    // Static files need no session lookup.
    let is_asset = req.uri().path().starts_with("/pkg/");
    if !is_asset
        && let Some(cookie) = jar.get(cookie_name(&state.config))
        // A failed lookup is logged where it happens; the page still renders, signed out.
        && let Ok(Some(viewer)) = auth::session_viewer(&state, cookie.value()).await
    {
        req.extensions_mut().insert(viewer);
    }
    next.run(req).await
}
