//! The reading choice: standard text or easy read. A plain link on any page
//! (`?reading=easy-read` or `?reading=standard` on the page's own address) switches it;
//! this layer remembers the choice in a cookie for everyone and, for a signed-in person,
//! with their account, then sends the browser back to the same page without the
//! parameter. Every other request learns the choice here and carries it on to pages,
//! server functions and form routes as a [`ReadingChoice`].
//!
//! The switch is a GET that changes something, but only the person's own display
//! preference, and only when the browser says the link was followed from our own pages
//! or typed in (`Sec-Fetch-Site` absent, `same-origin` or `none`): another site cannot
//! flip it by linking or embedding.

use app::{
    domain::easy_read::TextKind,
    model::Viewer,
    server::{AppState, Config, Context, accounts, context::ReadingChoice},
};
use axum::{
    extract::{Request, State},
    http::{HeaderMap, Method},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

// The query parameter the switch links carry: one spelling, shared with the pages.
use app::model::READING_PARAMETER as PARAMETER;

/// Over https the cookie takes the `__Host-` prefix, like the session cookie.
pub fn cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        "__Host-our_words_reading"
    } else {
        "our_words_reading"
    }
}

/// Remembered for a year on this browser.
pub fn reading_cookie(config: &Config, reading: TextKind) -> Cookie<'static> {
    Cookie::build((cookie_name(config), reading.as_str()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.is_https())
        .max_age(time::Duration::days(365))
        .build()
}

pub async fn reading_choice(
    State(state): State<AppState>,
    jar: CookieJar,
    mut req: Request,
    next: Next,
) -> Response {
    if req.method() == Method::GET
        && let Some((wanted, rest)) = take_parameter(req.uri().query())
    {
        let target = same_page(req.uri().path(), rest.as_deref());
        if !followed_from_here(req.headers()) {
            // Another site linked here with a switch: show the page, change nothing.
            return Redirect::to(&target).into_response();
        }
        let reading = TextKind::from_query(&wanted);
        let viewer = req.extensions().get::<Viewer>().cloned();
        if viewer.is_some() {
            let cx = Context::new(state.clone(), viewer);
            // A failed save is logged where it happens; the cookie still remembers it here.
            if let Err(error) = accounts::set_reading(&cx, reading).await {
                tracing::warn!(%error, "could not store a reading choice");
            }
        }
        let jar = jar.add(reading_cookie(&state.config, reading));
        return (jar, Redirect::to(&target)).into_response();
    }
    let choice = match req.extensions().get::<Viewer>() {
        Some(viewer) => ReadingChoice::of_viewer(viewer),
        None => ReadingChoice(
            jar.get(cookie_name(&state.config))
                .map_or(TextKind::Standard, |c| TextKind::from_query(c.value())),
        ),
    };
    req.extensions_mut().insert(choice);
    next.run(req).await
}

/// The switch's value, and the rest of the query without it, when the query has one.
fn take_parameter(query: Option<&str>) -> Option<(String, Option<String>)> {
    let query = query?;
    let mut wanted = None;
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        // The pair decoded (`easy%2Dread` is `easy-read`); the others are kept as sent.
        match url::form_urlencoded::parse(pair.as_bytes()).next() {
            Some((name, value)) if name == PARAMETER => wanted = Some(value.into_owned()),
            _ => rest.push(pair),
        }
    }
    let rest = (!rest.is_empty()).then(|| rest.join("&"));
    wanted.map(|w| (w, rest))
}

/// The page's own address, always a path on this site: a path that starts with two
/// slashes would be read by the browser as another host.
fn same_page(path: &str, query: Option<&str>) -> String {
    let path = format!("/{}", path.trim_start_matches('/'));
    match query {
        Some(q) => format!("{path}?{q}"),
        None => path,
    }
}

fn followed_from_here(headers: &HeaderMap) -> bool {
    match headers.get("sec-fetch-site").map(|v| v.to_str()) {
        None => true,
        Some(Ok("same-origin" | "none")) => true,
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_is_taken_out_of_the_address_and_the_rest_is_kept() {
        assert_eq!(
            take_parameter(Some("from=3&reading=easy-read&to=5")),
            Some(("easy-read".to_owned(), Some("from=3&to=5".to_owned())))
        );
        assert_eq!(
            take_parameter(Some("reading=standard")),
            Some(("standard".to_owned(), None))
        );
        assert_eq!(take_parameter(Some("text=easy-read")), None);
        assert_eq!(
            take_parameter(Some("reading=easy%2Dread")),
            Some(("easy-read".to_owned(), None))
        );
        assert_eq!(take_parameter(None), None);
    }

    #[test]
    fn the_way_back_never_leaves_the_site() {
        assert_eq!(same_page("//evil.example/x", None), "/evil.example/x");
        assert_eq!(same_page("/frameworks/f", Some("a=1")), "/frameworks/f?a=1");
    }

    #[test]
    fn only_links_followed_from_our_pages_or_typed_in_switch() {
        let mut headers = HeaderMap::new();
        assert!(followed_from_here(&headers));
        headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
        assert!(followed_from_here(&headers));
        headers.insert("sec-fetch-site", "none".parse().unwrap());
        assert!(followed_from_here(&headers));
        headers.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(!followed_from_here(&headers));
        headers.insert("sec-fetch-site", "same-site".parse().unwrap());
        assert!(!followed_from_here(&headers));
    }
}
