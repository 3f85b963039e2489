//! Email through lettre: pooled SMTP when an SMTP URL is configured (see [`SmtpPool`]),
//! otherwise each message is written as an `.eml` file so the app runs locally with no
//! mail server.

use super::{Config, smtp::SmtpPool};
use crate::{domain::EmailAddress, error::AppError};
use askama::Template;
use lettre::{
    AsyncFileTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox, MultiPart,
        header::{Header, HeaderName, HeaderValue},
    },
};

pub enum Mailer {
    Smtp(Box<SmtpPool>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Self, String> {
        match &config.smtp_url {
            Some(url) => SmtpPool::from_url(url)
                .map(|pool| Mailer::Smtp(Box::new(pool)))
                .map_err(|e| format!("OUR_WORDS_SMTP_URL is not usable: {e}")),
            None => {
                let dir = config.mail_dir();
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create mail folder {}: {e}", dir.display()))?;
                Ok(Mailer::Files(AsyncFileTransport::new(dir)))
            }
        }
    }

    /// Send one message as it is: `Ok` once the SMTP server has answered 250 (or the
    /// file is written), else whether it is worth trying again.
    pub async fn deliver(&self, message: Message) -> Result<(), SendFailure> {
        match self {
            // 5xx is permanent; 4xx, refused or dropped connections, timeouts and TLS
            // trouble are transient: the message itself may be fine, so it is tried
            // again later.
            Mailer::Smtp(smtp) => smtp.send(&message).await,
            Mailer::Files(files) => files
                .send(message)
                .await
                .map(|id| tracing::debug!("email written to the local mailbox as {id}.eml"))
                .map_err(|e| SendFailure::Transient(e.to_string())),
        }
    }

    /// The sign-in email, written and signed, ready to send (see `sign_in_mail`).
    pub fn sign_in_message(
        config: &Config,
        to: &EmailAddress,
        link: &str,
    ) -> Result<Message, AppError> {
        let from = config.mail_from.clone();
        let to: Mailbox = to
            .as_str()
            .parse()
            .map_err(|e| AppError::internal("address passed checks but lettre refused it", e))?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject("Your sign-in link for Our Words")
            .multipart(MultiPart::alternative_plain_html(
                sign_in_text(link),
                sign_in_html(link),
            ))
            .map_err(|e| AppError::internal("building the sign-in email failed", e))?;
        Ok(signed(config, message))
    }
}

/// The message as it leaves: DKIM-signed when a key is configured. Signing is the last
/// thing done to a message, so every header it covers is already there.
fn signed(config: &Config, mut message: Message) -> Message {
    if let Some(dkim) = &config.dkim {
        dkim.sign(&mut message);
    }
    message
}

/// Why an outbox message was not sent, so the outbox knows whether to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// Worth another try later: the server could not be reached, the connection dropped,
    /// or it answered 4xx.
    Transient(String),
    /// It will never go: the server answered 5xx, or the address is not one.
    Permanent(String),
}

/// One email from the outbox, with the `Message-ID` that every retry of it repeats.
pub struct OutboxEmail<'a> {
    pub message_id: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: Option<&'a str>,
    /// The address that stops these emails with one click (RFC 8058), for emails
    /// people did not ask for one by one (a version's emails): sent as
    /// `List-Unsubscribe` with `List-Unsubscribe-Post`, so mail programs show an
    /// "Unsubscribe" button that works without opening a browser.
    pub unsubscribe: Option<&'a str>,
}

impl Mailer {
    /// Send one outbox email (plain text, and HTML as an alternative when there is one),
    /// telling a failure worth retrying from one that is not. `Ok` means the SMTP server
    /// answered 250 (or the file was written).
    pub async fn send_outbox_message(
        &self,
        config: &Config,
        email: &OutboxEmail<'_>,
    ) -> Result<(), SendFailure> {
        let from = config.mail_from.clone();
        let to: Mailbox = one_line(email.to)
            .trim()
            .parse()
            .map_err(|e| SendFailure::Permanent(format!("not an email address: {e}")))?;
        let mut builder = Message::builder()
            .from(from)
            .to(to)
            .subject(one_line(email.subject))
            .message_id(Some(one_line(email.message_id)));
        if let Some(url) = email.unsubscribe {
            builder = builder
                .header(ListUnsubscribe(format!("<{}>", one_line(url))))
                .header(ListUnsubscribePost);
        }
        let message = match email.html {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(
                email.text.to_owned(),
                html.to_owned(),
            )),
            None => builder.singlepart(lettre::message::SinglePart::plain(email.text.to_owned())),
        }
        .map_err(|e| SendFailure::Permanent(format!("the email could not be built: {e}")))?;
        self.deliver(signed(config, message)).await
    }
}

/// `List-Unsubscribe: <https://…/unsubscribe/…>` (RFC 2369): where to stop these emails.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the mail program may
/// stop the emails with a POST to the `List-Unsubscribe` address, with no page to open.
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// A header value built from what a person typed: CR and LF would start a new header.
pub fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// The sign-in email's words are in `app/templates/email/sign_in.{txt,html}`.
#[derive(Template)]
#[template(path = "email/sign_in.txt")]
struct SignInText<'a> {
    link: &'a str,
}

/// The link holds only URL-safe characters from our own base URL and token, but the
/// `.html` template escapes it all the same: nothing goes into HTML unescaped.
#[derive(Template)]
#[template(path = "email/sign_in.html")]
struct SignInHtml<'a> {
    link: &'a str,
}

// Rendering only fails when a value's `Display` does; a `&str` written into a `String`
// cannot fail.
fn sign_in_text(link: &str) -> String {
    SignInText { link }
        .render()
        .expect("the sign-in email's text renders")
}

fn sign_in_html(link: &str) -> String {
    SignInHtml { link }
        .render()
        .expect("the sign-in email's HTML renders")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "http://127.0.0.1:3000/sign-in/confirm?token=abc";

    #[test]
    fn sign_in_email_says_the_link_works_once_for_fifteen_minutes() {
        let text = sign_in_text(LINK);
        assert!(text.contains(LINK));
        assert!(text.contains("works once, for 15 minutes"));
    }

    #[test]
    fn html_part_escapes_the_link() {
        let html = sign_in_html("http://x/?a=1&b=<2>\"");
        assert!(
            html.contains(r#"href="http://x/?a=1&#38;b=&#60;2&#62;&#34;""#),
            "{html}"
        );
    }

    #[test]
    fn the_sign_in_email_reads_word_for_word() {
        insta::assert_snapshot!("sign_in_text", sign_in_text(LINK));
        insta::assert_snapshot!("sign_in_html", sign_in_html(LINK));
    }
}
