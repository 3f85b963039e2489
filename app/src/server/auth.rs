//! Passwordless sign-in by emailed link, and sessions.
//!
//! The link opens a confirmation page; only the button on that page (a POST) uses the
//! token, because mail scanners open every link in a message before the person does.

use super::{AppState, audit, clock::now, db::Tx, sign_in_mail::Sending, store};
use crate::{
    domain::{EmailAddress, audit::AuditAction},
    error::AppError,
    model::Viewer,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

pub const TOKEN_LIFETIME_SECS: i64 = 15 * 60;
pub const SESSION_LIFETIME_SECS: i64 = 30 * 24 * 60 * 60;
/// A session not used for this long ends: a week for people who comment, so a phone
/// left signed in is not signed in for a month unused...
pub const IDLE_SECS: i64 = 7 * 24 * 60 * 60;
/// ...and two hours for editors, admins and facilitators, who can publish, change
/// people's roles and read what people asked to keep from the public.
pub const STAFF_IDLE_SECS: i64 = 2 * 60 * 60;
/// How stale the record of a session's last use may get before a request updates it:
/// one write per session every few minutes, not one per page.
const TOUCH_AFTER_SECS: i64 = 5 * 60;

/// At most this many links per address per hour (OWASP ASVS suggests 3–5).
pub const PER_ADDRESS_LIMIT: (i64, i64) = (5, 60 * 60);
/// And this many sign-in requests per client address per hour, whatever the address.
pub const PER_CLIENT_LIMIT: (i64, i64) = (30, 60 * 60);

/// 256 random bits from the operating system, as URL-safe text.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system has no random source");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What we store instead of a secret. A plain SHA-256 suffices: the secrets are 256-bit
/// random values, so there is nothing to guess and no need for a slow hash.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Make a sign-in link for the address and send it, waiting for the mail server only so
/// long (see [`super::sign_in_mail`]).
pub async fn request_sign_in(
    state: &AppState,
    raw_email: &str,
    client: &str,
    return_to: Option<&str>,
) -> Result<Sending, AppError> {
    let email = EmailAddress::parse(raw_email)?;
    let token = new_secret();
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let (max, window) = PER_CLIENT_LIMIT;
    if !store::rate_limits::try_hit(
        &mut tx,
        state.db.backend,
        &format!("sign-in-client:{client}"),
        now,
        window,
        max,
    )
    .await?
    {
        return Err(AppError::RateLimited(
            "There have been too many sign-in requests from your connection. Wait an hour, then try again.".into(),
        ));
    }
    let (max, window) = PER_ADDRESS_LIMIT;
    if !store::rate_limits::try_hit(
        &mut tx,
        state.db.backend,
        &format!("sign-in-address:{email}"),
        now,
        window,
        max,
    )
    .await?
    {
        // Commit the client hit: a flood aimed at one address still counts against the sender.
        tx.commit().await?;
        return Err(AppError::RateLimited(format!(
            "We have already sent {max} sign-in links to that address in the last hour. \
             Use one of those, or wait an hour and ask again."
        )));
    }
    store::sign_in_tokens::insert(
        &mut tx,
        &hash_secret(&token),
        email.as_str(),
        (now, now + TOKEN_LIFETIME_SECS),
        return_to.and_then(super::held::return_path).as_deref(),
    )
    .await?;
    store::sign_in_tokens::delete_stale(&mut tx, now).await?;
    store::rate_limits::purge_old(&mut tx, now).await?;
    tx.commit().await?;

    let link = state
        .config
        .absolute_url(&format!("/sign-in/confirm?token={token}"));
    super::sign_in_mail::send_link(state, &email, &link).await
}

pub struct NewSession {
    /// The cookie value; only its hash is stored.
    pub secret: String,
    pub user_id: i64,
    /// The page they asked to sign in from, to go back to.
    pub return_to: Option<String>,
}

/// Use a sign-in link: a new session for its address's person (made on first sign-in),
/// recorded in the audit log with the address of the browser it came from.
pub async fn confirm_sign_in(
    state: &AppState,
    token: &str,
    client: Option<IpAddr>,
) -> Result<NewSession, AppError> {
    let token_hash = hash_secret(token.trim());
    let now = now();
    let mut tx = state.db.begin_write().await?;
    let Some((email, return_to)) =
        store::sign_in_tokens::consume(&mut tx, &token_hash, now).await?
    else {
        let reason = unusable_token_reason(&mut tx, &token_hash, now).await?;
        return Err(AppError::Invalid(reason));
    };
    let user = store::users::find_or_create_by_email(&mut tx, &email, now).await?;
    let secret = new_secret();
    store::sessions::create(
        &mut tx,
        &hash_secret(&secret),
        user.id,
        now,
        now + SESSION_LIFETIME_SECS,
    )
    .await?;
    store::sessions::delete_expired(&mut tx, now).await?;
    let from = client.map_or_else(String::new, |ip| format!("From {ip}"));
    audit::record(&mut tx, Some(user.id), AuditAction::SignedIn, None, &from).await?;
    tx.commit().await?;
    Ok(NewSession {
        secret,
        user_id: user.id,
        return_to,
    })
}

async fn unusable_token_reason(
    tx: &mut Tx,
    token_hash: &str,
    now: i64,
) -> Result<String, AppError> {
    let state = store::sign_in_tokens::state(tx, token_hash).await?;
    Ok(match state {
        Some(s) if s.used_at.is_some() => {
            "This sign-in link has already been used. Each link works once. Ask for a new link below."
        }
        Some(s) if s.expires_at <= now => {
            "This sign-in link has expired. Links work for 15 minutes. Ask for a new link below."
        }
        _ => "This sign-in link is not valid. Check you used the whole link from the email, or ask for a new link below.",
    }
    .to_owned())
}

pub async fn sign_out(state: &AppState, session_secret: &str) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    store::sessions::delete(&mut tx, &hash_secret(session_secret)).await?;
    tx.commit().await?;
    Ok(())
}

/// The person a session cookie belongs to, if the session is live.
pub async fn session_viewer(
    state: &AppState,
    session_secret: &str,
) -> Result<Option<Viewer>, AppError> {
    let id_hash = hash_secret(session_secret);
    let now = now();
    let mut conn = state.db.pool.acquire().await?;
    let Some(found) =
        store::sessions::find_user(&mut conn, &id_hash, now, (IDLE_SECS, STAFF_IDLE_SECS)).await?
    else {
        return Ok(None);
    };
    drop(conn);
    if found.last_seen_at <= now - TOUCH_AFTER_SECS
        && let Err(error) = touch(state, &id_hash, now).await
    {
        // The page still knows who is asking; the next request records the use.
        tracing::warn!(%error, "recording a session's use failed");
    }
    Ok(Some(Viewer::from(found.user)))
}

async fn touch(state: &AppState, id_hash: &str, now: i64) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    store::sessions::touch(&mut tx, id_hash, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Sign out on every device: end all of the person's sessions.
pub async fn sign_out_everywhere(state: &AppState, user_id: i64) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    store::sessions::delete_for_user(&mut tx, user_id).await?;
    audit::record(
        &mut tx,
        Some(user_id),
        AuditAction::SignedOutEverywhere,
        None,
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_carry_256_random_bits_and_differ() {
        let a = new_secret();
        let b = new_secret();
        assert_ne!(a, b);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), 32);
    }

    #[test]
    fn stored_hash_does_not_reveal_the_secret() {
        let secret = new_secret();
        let hash = hash_secret(&secret);
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&secret));
        assert_eq!(hash, hash_secret(&secret));
    }
}
