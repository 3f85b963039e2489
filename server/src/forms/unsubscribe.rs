//! The unsubscribe link in a version's emails (RFC 8058). `stop` is posted by the link
//! page's button and by mail programs' own "Unsubscribe" button, which posts with no
//! cookies, from no page of ours, and as `multipart/form-data` or URL-encoded, so it
//! reads no form fields: the signed token in the address is the whole authority.

use super::see_other;
use crate::render::page_with_feedback;
use app::server::{Context, unsubscribe};
use axum::{
    body::Bytes,
    extract::Path,
    http::{StatusCode, request::Parts},
    response::Response,
};

/// Stop the emails. A person's button goes on to the page saying so (post/redirect/get);
/// a mail program's one-click post (its body says `One-Click`) gets that page at once,
/// a 200, as it does not follow redirects.
pub async fn stop(cx: Context, Path(token): Path<String>, parts: Parts, body: Bytes) -> Response {
    let page = format!("/unsubscribe/{}", encoded(&token));
    match unsubscribe::stop(&cx, &token).await {
        Ok(()) if one_click(&body) => {
            page_with_feedback(&cx.state, parts, &page, None, StatusCode::OK).await
        }
        Ok(()) => see_other(&page),
        // The page says why in words (a link that does not work is a 404) and nothing
        // has changed.
        Err(_) => page_with_feedback(&cx.state, parts, &page, None, StatusCode::OK).await,
    }
}

/// Send the emails again: the button on the page after stopping them, an ordinary form
/// post from our own page (not exempt from the cross-site checks).
pub async fn start_again(cx: Context, Path(token): Path<String>, parts: Parts) -> Response {
    let page = format!("/unsubscribe/{}", encoded(&token));
    match unsubscribe::start_again(&cx, &token).await {
        Ok(()) => see_other(&format!("{page}?again=1")),
        Err(_) => page_with_feedback(&cx.state, parts, &page, None, StatusCode::OK).await,
    }
}

/// `List-Unsubscribe=One-Click`, URL-encoded or as a multipart field.
fn one_click(body: &[u8]) -> bool {
    body.windows(b"One-Click".len()).any(|w| w == b"One-Click")
}

/// The token as it goes back into an address: a real one is letters, digits, `.`, `-`
/// and `_`, kept as they are; a made-up one may hold anything.
fn encoded(token: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'.')
        .remove(b'-')
        .remove(b'_');
    percent_encoding::utf8_percent_encode(token, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_click_post_is_known_however_the_mail_program_encodes_it() {
        assert!(one_click(b"List-Unsubscribe=One-Click"));
        assert!(one_click(
            b"--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b--\r\n"
        ));
        assert!(!one_click(b""), "our own page's button sends nothing");
    }

    #[test]
    fn a_real_token_goes_back_into_the_address_as_it_is_and_anything_else_is_escaped() {
        assert_eq!(encoded("u42.aB-_9"), "u42.aB-_9");
        assert_eq!(encoded("u42/../x y"), "u42%2F..%2Fx%20y");
    }
}
