//! CSRF defence: refuse any state-changing request that a browser says came from another
//! site. Forms post as plain HTML (so they work without JavaScript), which means
//! SameSite cookies alone are not enough.

use app::{error::AppError, server::AppState};
use axum::{
    extract::{Request, State},
    http::{HeaderMap, Method, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};

pub async fn refuse_cross_site_posts(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let safe_method = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe_method
        || is_one_click_unsubscribe(req.method(), req.uri().path())
        || is_same_origin(req.headers(), &state.config.origin())
    {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), path = %req.uri().path(), "refused a cross-site request");
    (
        StatusCode::FORBIDDEN,
        Html(format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Request refused – Our Words</title></head><body>\
             <main><h1>We did not do that</h1><p>{}</p><p><a href=\"/\">Go to Our Words</a></p></main>\
             </body></html>",
            AppError::CrossSite
        )),
    )
        .into_response()
}

/// A POST to an email's unsubscribe link (`/unsubscribe/TOKEN`, nothing after it). Mail
/// programs' one-click "Unsubscribe" (RFC 8058) posts there from their own servers or
/// pages, with no cookies and a foreign `Origin` or none, so this one route is let
/// through. It is safe to: the signed token in the address is the authority, not a
/// cookie another site could ride on, and the route can only turn emails off (turning
/// them back on, `/unsubscribe/TOKEN/start-again`, is checked like any other post).
fn is_one_click_unsubscribe(method: &Method, path: &str) -> bool {
    *method == Method::POST
        && path
            .strip_prefix("/unsubscribe/")
            .is_some_and(|token| !token.is_empty() && !token.contains('/'))
}

/// Modern browsers send `Sec-Fetch-Site`; older ones at least send `Origin` on a POST.
/// A request with neither cannot be shown to come from our own pages, so it is refused.
pub fn is_same_origin(headers: &HeaderMap, our_origin: &str) -> bool {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
    };
    match header(header::HeaderName::from_static("sec-fetch-site")) {
        Some("same-origin") => true,
        Some(_) => false,
        None => header(header::ORIGIN) == Some(our_origin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    const OURS: &str = "http://127.0.0.1:3000";

    #[test]
    fn same_origin_fetch_metadata_is_accepted() {
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            OURS
        ));
    }

    #[test]
    fn cross_site_and_same_site_fetch_metadata_are_refused_whatever_the_origin_says() {
        for site in ["cross-site", "same-site", "none"] {
            let h = headers(&[
                ("sec-fetch-site", site),
                ("origin", "http://127.0.0.1:3000"),
            ]);
            assert!(!is_same_origin(&h, OURS), "{site}");
        }
    }

    #[test]
    fn only_the_one_click_unsubscribe_post_is_let_through_from_anywhere() {
        assert!(is_one_click_unsubscribe(
            &Method::POST,
            "/unsubscribe/u42.abc"
        ));
        for (method, path) in [
            (Method::POST, "/unsubscribe/u42.abc/start-again"),
            (Method::POST, "/unsubscribe/"),
            (Method::POST, "/unsubscribe"),
            (Method::POST, "/account"),
            (Method::PUT, "/unsubscribe/u42.abc"),
            (Method::DELETE, "/unsubscribe/u42.abc"),
        ] {
            assert!(!is_one_click_unsubscribe(&method, path), "{method} {path}");
        }
    }

    #[test]
    fn without_fetch_metadata_the_origin_must_be_ours() {
        assert!(is_same_origin(
            &headers(&[("origin", "http://127.0.0.1:3000")]),
            OURS
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", "https://evil.example")]),
            OURS
        ));
        assert!(!is_same_origin(&headers(&[("origin", "null")]), OURS));
        assert!(!is_same_origin(&headers(&[]), OURS));
    }
}
