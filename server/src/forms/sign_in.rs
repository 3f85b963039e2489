use super::{Submitted, refused, see_other};
use crate::middleware::session::{cookie_name, removal_cookie, session_cookie};
use app::{
    model::SignInInput,
    server::{
        AppState, Context, auth,
        client_address::{client_address, rate_limit_key},
        sign_in_mail::Sending,
    },
};
use axum::{
    extract::{ConnectInfo, State},
    response::{IntoResponse, Response},
};
use axum_extra::extract::cookie::CookieJar;
use std::net::{IpAddr, SocketAddr};

const SIGN_IN_FORM: &str = "sign-in";
const CONFIRM_FORM: &str = "confirm-sign-in";

/// The address of the person's browser: the connection's, or the one a trusted proxy
/// says it forwarded for.
fn client_ip(state: &AppState, submitted: &Submitted) -> Option<IpAddr> {
    let ConnectInfo(addr) = submitted
        .parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()?;
    // A proxy may add its own header line rather than extend the last one.
    let forwarded_for: Vec<&str> = submitted
        .parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let forwarded_for = forwarded_for.join(",");
    Some(client_address(
        addr.ip(),
        Some(forwarded_for.as_str()).filter(|h| !h.is_empty()),
        &state.config.trusted_proxies,
    ))
}

pub async fn request_link(State(state): State<AppState>, submitted: Submitted) -> Response {
    let client = client_ip(&state, &submitted)
        .map(rate_limit_key)
        .unwrap_or_else(|| "unknown".to_owned());
    let return_to = Some(submitted.field(SignInInput::RETURN_TO)).filter(|r| !r.is_empty());
    match auth::request_sign_in(
        &state,
        submitted.field(SignInInput::EMAIL),
        &client,
        return_to,
    )
    .await
    {
        Ok(Sending::Sent) => see_other("/sign-in/check-email"),
        // The mail server is slow or asked us to wait: the link is still being sent.
        Ok(Sending::OnItsWay) => see_other("/sign-in/check-email?sending=1"),
        Err(error) => {
            refused(
                &state,
                submitted,
                "/sign-in",
                SIGN_IN_FORM,
                SignInInput::EMAIL,
                error,
            )
            .await
        }
    }
}

pub async fn confirm(
    State(state): State<AppState>,
    jar: CookieJar,
    submitted: Submitted,
) -> Response {
    let client = client_ip(&state, &submitted);
    match auth::confirm_sign_in(&state, submitted.field(SignInInput::TOKEN), client).await {
        Ok(session) => {
            // A fresh session id on every sign-in; any old one on this browser is ended.
            if let Some(old) = jar.get(cookie_name(&state.config)) {
                let _ = auth::sign_out(&state, old.value()).await;
            }
            let jar = jar.add(session_cookie(&state.config, session.secret));
            let next = session
                .return_to
                .as_deref()
                .unwrap_or("/account?signed_in=1");
            (jar, see_other(next)).into_response()
        }
        Err(error) => {
            refused(
                &state,
                submitted,
                "/sign-in/confirm",
                CONFIRM_FORM,
                SignInInput::TOKEN,
                error,
            )
            .await
        }
    }
}

pub async fn sign_out(State(state): State<AppState>, jar: CookieJar) -> Response {
    if let Some(cookie) = jar.get(cookie_name(&state.config))
        && let Err(error) = auth::sign_out(&state, cookie.value()).await
    {
        tracing::warn!(%error, "ending a session failed");
    }
    let jar = jar.remove(removal_cookie(&state.config));
    (jar, see_other("/signed-out")).into_response()
}

/// "Sign out everywhere" on the account page: every session of the person ends, on
/// every device, this one included.
pub async fn sign_out_everywhere(cx: Context, jar: CookieJar) -> Response {
    let Ok(viewer) = cx.signed_in() else {
        return see_other("/sign-in");
    };
    if let Err(error) = auth::sign_out_everywhere(&cx.state, viewer.id).await {
        tracing::warn!(%error, "ending every session failed");
        return see_other("/account");
    }
    let jar = jar.remove(removal_cookie(&cx.state.config));
    (jar, see_other("/signed-out?everywhere=1")).into_response()
}
