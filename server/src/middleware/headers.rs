use app::server::AppState;
use axum::{
    extract::{Request, State},
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};

/// Used where a page did not set its own nonce-based policy (static files, plain errors).
const FALLBACK_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// Powerful browser features no page here uses, turned off for every page and anything
/// it might embed.
const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()";

pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Server functions answer with what a page shows: a person's own comments, the
    // answer list. Like pages, they are kept out of every cache.
    let is_server_function = req.uri().path().starts_with("/api/");
    let mut response = next.run(req).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Sign-in links carry a token in the address: never send it to another site. Not
    // `no-referrer`: under it browsers send `Origin: null` on our own form posts (the
    // Fetch standard), and a browser that sends no `Sec-Fetch-Site` (Safari before 16.4,
    // any browser on a plain-http address other than localhost) would then be refused
    // by the cross-site check. `same-origin` keeps the origin on our own requests.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    // No other site's window keeps a handle on ours, and no other site may load what
    // we serve into its pages.
    headers.insert(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        header::HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(FALLBACK_CSP));
    if is_html || is_server_function {
        // Pages can show who is signed in and carry tokens: keep them out of every cache.
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    if state.config.is_https() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}
