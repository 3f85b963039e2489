//! One-click unsubscribe (RFC 8058) from a version's emails.
//!
//! Each email carries a link, `/unsubscribe/u42.…`, naming whom it was sent to and
//! signed with a key only the app knows (HMAC-SHA-256), so the link is the person's
//! authority to stop their own emails, with no sign-in: a mail program posts to it with
//! no cookies, and a person may have no account at all (someone recorded at an event).
//! Signed rather than stored: sending 10,000 emails writes nothing per email, and a link
//! keeps working for as long as the person keeps the email.
//!
//! The link only ever turns emails off, which is why its POST is let through without
//! the cross-site checks (`server::middleware::cross_site`); opening it (GET) changes
//! nothing, because mail scanners open every link in a message. Turning emails back on
//! is a button on the same page, an ordinary form post from our own page.

use super::{
    Config, Context, Db,
    auth::new_secret,
    clock,
    store::{self, unsubscribe::People},
};
use crate::{error::AppError, model::Unsubscribe};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::AnyConnection;
use std::{fmt, sync::Arc};

/// The name the signing key is kept under in `site_secrets`.
const KEY_NAME: &str = "unsubscribe-links";

/// Whom an unsubscribe link speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// Someone with an account (`users.id`).
    Person(i64),
    /// Someone recorded at an event who asked to hear back by email
    /// (`event_participants.id`).
    Participant(i64),
}

impl Recipient {
    fn letter(self) -> char {
        match self {
            Recipient::Person(_) => 'u',
            Recipient::Participant(_) => 'p',
        }
    }

    fn id(self) -> i64 {
        match self {
            Recipient::Person(id) | Recipient::Participant(id) => id,
        }
    }

    /// Where their choice is kept.
    fn people(self) -> People {
        match self {
            Recipient::Person(_) => People::Users,
            Recipient::Participant(_) => People::EventParticipants,
        }
    }
}

/// The key unsubscribe links are signed with: made once, at the first start, and kept in
/// the database so every app server signs and checks alike.
#[derive(Clone)]
pub struct LinkKey(Arc<[u8]>);

/// Never the key itself.
impl fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LinkKey(REDACTED)")
    }
}

impl LinkKey {
    pub fn new(secret: &[u8]) -> Self {
        Self(secret.into())
    }

    fn mac(&self, who: Recipient) -> Hmac<Sha256> {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        // Named for what it is for, so this key's signatures mean nothing anywhere else.
        mac.update(format!("unsubscribe:{}{}", who.letter(), who.id()).as_bytes());
        mac
    }

    /// The token in the link: `u42.` (or `p42.`) and the signature.
    pub fn token(&self, who: Recipient) -> String {
        let signature = URL_SAFE_NO_PAD.encode(self.mac(who).finalize().into_bytes());
        format!("{}{}.{signature}", who.letter(), who.id())
    }

    /// Whom a token speaks for, if this key signed it (compared in constant time).
    pub fn read(&self, token: &str) -> Option<Recipient> {
        let (who, signature) = token.trim().split_once('.')?;
        let id = who.get(1..)?;
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let id: i64 = id.parse().ok()?;
        let who = match who.as_bytes().first()? {
            b'u' => Recipient::Person(id),
            b'p' => Recipient::Participant(id),
            _ => return None,
        };
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        self.mac(who).verify_slice(&signature).ok()?;
        Some(who)
    }

    /// The whole address to put in an email.
    pub fn url(&self, config: &Config, who: Recipient) -> String {
        config.absolute_url(&format!("/unsubscribe/{}", self.token(who)))
    }
}

/// Make the key if this database has none yet. At start, before anything is sent.
pub async fn prepare(db: &Db) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    store::unsubscribe::keep_secret_once(&mut tx, KEY_NAME, &new_secret(), clock::now()).await?;
    tx.commit().await
}

/// The key, as [`prepare`] made it.
pub async fn key(conn: &mut AnyConnection) -> Result<LinkKey, sqlx::Error> {
    let secret = store::unsubscribe::secret(conn, KEY_NAME)
        .await?
        .ok_or_else(|| sqlx::Error::Protocol("the unsubscribe key has not been made".into()))?;
    Ok(LinkKey::new(secret.as_bytes()))
}

fn not_valid() -> AppError {
    AppError::Invalid(
        "This unsubscribe link does not work. Check you used the whole link from the email. \
         Nothing has been changed."
            .into(),
    )
}

/// Whom a token speaks for, or a plain error that changes nothing.
async fn recipient(conn: &mut AnyConnection, token: &str) -> Result<Recipient, AppError> {
    key(conn).await?.read(token).ok_or_else(not_valid)
}

async fn opted_out(conn: &mut AnyConnection, who: Recipient) -> Result<bool, AppError> {
    store::unsubscribe::opted_out(conn, who.people(), who.id())
        .await?
        // Signed by us, but for someone no longer here: nothing to stop.
        .ok_or_else(not_valid)
}

/// What the link's page shows: whether these emails still come.
pub async fn choice(cx: &Context, token: &str) -> Result<Unsubscribe, AppError> {
    let mut conn = cx.db().pool.acquire().await?;
    let who = recipient(&mut conn, token).await?;
    Ok(Unsubscribe {
        receiving: !opted_out(&mut conn, who).await?,
        has_account: matches!(who, Recipient::Person(_)),
    })
}

/// Stop the emails (the link's button, or a mail program's one-click POST). Doing it
/// twice is the same as once.
pub async fn stop(cx: &Context, token: &str) -> Result<(), AppError> {
    set(cx, token, true).await
}

/// Send the emails again (the button on the page after stopping them).
pub async fn start_again(cx: &Context, token: &str) -> Result<(), AppError> {
    set(cx, token, false).await
}

async fn set(cx: &Context, token: &str, opted_out_now: bool) -> Result<(), AppError> {
    let mut tx = cx.db().begin_write().await?;
    let who = recipient(&mut tx, token).await?;
    // Checked inside the write: a link for someone no longer here changes nothing.
    opted_out(&mut tx, who).await?;
    store::unsubscribe::set_opted_out(&mut tx, who.people(), who.id(), opted_out_now).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> LinkKey {
        LinkKey::new(b"a key for tests only")
    }

    #[test]
    fn a_token_names_whom_it_was_made_for() {
        let key = key();
        for who in [Recipient::Person(42), Recipient::Participant(42)] {
            assert_eq!(key.read(&key.token(who)), Some(who));
        }
        assert_ne!(
            key.token(Recipient::Person(42)),
            key.token(Recipient::Participant(42))
        );
        assert!(key.token(Recipient::Person(7)).starts_with("u7."));
    }

    #[test]
    fn a_changed_or_forged_token_is_refused() {
        let key = key();
        let token = key.token(Recipient::Person(42));
        let signature = token.split_once('.').unwrap().1;
        for forged in [
            format!("u43.{signature}"),
            format!("p42.{signature}"),
            format!("{}x", token),
            "u42.".to_owned(),
            "u42".to_owned(),
            String::new(),
            format!("u-1.{signature}"),
            format!("u+42.{signature}"),
            LinkKey::new(b"another key").token(Recipient::Person(42)),
        ] {
            assert_eq!(key.read(&forged), None, "{forged}");
        }
    }

    #[test]
    fn the_key_never_shows_in_logs() {
        assert_eq!(format!("{:?}", key()), "LinkKey(REDACTED)");
    }
}
