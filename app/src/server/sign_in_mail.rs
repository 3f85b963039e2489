//! Sending a sign-in link without holding the request on a slow mail server.
//!
//! The link is sent from a task of its own. The request waits for it at most
//! `OUR_WORDS_SIGN_IN_MAIL_WAIT` (5 s): time enough for a healthy server to answer, so
//! most people see "Check your email" with the link already sent. A server slower than
//! that, or one that asks us to try again later, no longer keeps the person looking at a
//! spinning page: they are told the link is on its way, and the task carries on sending,
//! retrying temporary failures while the link would still work.
//!
//! Why not the outbox, which retries durably: the outbox keeps each email's words in
//! the database until it is sent, and a sign-in email's words are the sign-in token,
//! which is kept nowhere but in the email (the database holds only its hash). A link
//! lost to a restart mid-retry costs a person one more "Send me a link"; a token stored
//! readable would hand sign-ins to anyone who can read the database or its backups.

use super::{AppState, auth::TOKEN_LIFETIME_SECS, mail::SendFailure};
use crate::{domain::EmailAddress, error::AppError};
use lettre::Message;
use std::time::Duration;
use tokio::{sync::oneshot, time::Instant};

/// How far sending a sign-in link got while the request waited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sending {
    /// The mail server has it.
    Sent,
    /// Still going (the server is slow, or asked us to try again): it carries on after
    /// the request has answered.
    OnItsWay,
}

/// The wait before the first retry; each further one doubles it.
const FIRST_RETRY: Duration = Duration::from_secs(15);

/// Retries stop in time for a link that arrives to still be worth opening.
const KEEP_TRYING_FOR: Duration = Duration::from_secs(TOKEN_LIFETIME_SECS as u64 * 2 / 3);

/// Send the sign-in email with `link` to `to`, waiting at most the configured time.
/// An error is a message for the person: the server refused the email for good.
pub async fn send_link(
    state: &AppState,
    to: &EmailAddress,
    link: &str,
) -> Result<Sending, AppError> {
    let message = super::mail::Mailer::sign_in_message(&state.config, to, link)?;
    let (first_attempt, outcome) = oneshot::channel();
    let mailer = state.mailer.clone();
    tokio::spawn(async move {
        deliver_with_retries(&mailer, message, first_attempt).await;
    });
    match tokio::time::timeout(state.config.sign_in_mail_wait, outcome).await {
        Ok(Ok(Ok(()))) => Ok(Sending::Sent),
        Ok(Ok(Err(SendFailure::Permanent(_)))) => Err(AppError::Conflict(
            "We could not send the email just now. Please try again in a few minutes.".into(),
        )),
        // A temporary failure is being retried; a slow server is still being waited for.
        Ok(Ok(Err(SendFailure::Transient(_)))) | Ok(Err(_)) | Err(_) => Ok(Sending::OnItsWay),
    }
}

/// Send `message`, telling `first_attempt` how the first try went, and try again after
/// temporary failures (15 s, 30 s, 1 min, 2 min, 4 min) for as long as the link is
/// worth sending.
async fn deliver_with_retries(
    mailer: &super::mail::Mailer,
    message: Message,
    first_attempt: oneshot::Sender<Result<(), SendFailure>>,
) {
    let give_up_at = Instant::now() + KEEP_TRYING_FOR;
    let mut first_attempt = Some(first_attempt);
    let mut wait = FIRST_RETRY;
    loop {
        let outcome = mailer.deliver(message.clone()).await;
        match &outcome {
            Ok(()) => {}
            Err(SendFailure::Permanent(cause)) => {
                tracing::warn!(%cause, "the mail server refused a sign-in email for good");
            }
            Err(SendFailure::Transient(cause)) => {
                tracing::warn!(%cause, ?wait, "a sign-in email was not sent; trying again");
            }
        }
        let again = matches!(outcome, Err(SendFailure::Transient(_)));
        if let Some(first) = first_attempt.take() {
            // The request may have stopped waiting; the email goes on regardless.
            let _ = first.send(outcome);
        }
        if !again || Instant::now() + wait > give_up_at {
            if again {
                tracing::error!("gave up sending a sign-in email; the person can ask again");
            }
            return;
        }
        tokio::time::sleep(wait).await;
        wait *= 2;
    }
}
