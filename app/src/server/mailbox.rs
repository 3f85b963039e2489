//! The local mailbox: reads back the `.eml` files the file mailer wrote, so a newcomer
//! running the app with no mail server can still open their sign-in link.

use super::Context;
use crate::{domain::format_date_time, error::AppError, model::MailMessage};
use mail_parser::MessageParser;
use std::path::Path;

/// File names are the UUIDs lettre chose; anything else is refused so an id can never
/// walk out of the mail folder.
fn is_message_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

/// The mail folder, only while mail stays on this machine: otherwise the mailbox does
/// not exist at all.
fn mail_dir(cx: &Context) -> Result<std::path::PathBuf, AppError> {
    if cx.state.config.local_mailbox_enabled() {
        Ok(cx.state.config.mail_dir())
    } else {
        Err(AppError::NotFound)
    }
}

/// Every message in the local mailbox, newest first.
pub async fn messages(cx: &Context) -> Result<Vec<MailMessage>, AppError> {
    let dir = mail_dir(cx)?;
    tokio::task::spawn_blocking(move || list(&dir))
        .await
        .map_err(|e| AppError::internal("mailbox task", e))?
}

pub async fn message(cx: &Context, id: String) -> Result<MailMessage, AppError> {
    let dir = mail_dir(cx)?;
    tokio::task::spawn_blocking(move || read(&dir, &id))
        .await
        .map_err(|e| AppError::internal("mailbox task", e))?
}

fn list(dir: &Path) -> Result<Vec<MailMessage>, AppError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(AppError::internal("reading the mail folder", e)),
    };
    let mut messages: Vec<MailMessage> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let id = name.strip_suffix(".eml")?;
            is_message_id(id).then(|| read(dir, id).ok()).flatten()
        })
        .collect();
    messages.sort_by(|a, b| b.sent_at.cmp(&a.sent_at).then_with(|| a.id.cmp(&b.id)));
    Ok(messages)
}

fn read(dir: &Path, id: &str) -> Result<MailMessage, AppError> {
    if !is_message_id(id) {
        return Err(AppError::NotFound);
    }
    let raw = match std::fs::read(dir.join(format!("{id}.eml"))) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(AppError::NotFound),
        Err(e) => return Err(AppError::internal("reading a mail file", e)),
    };
    let parsed = MessageParser::default()
        .parse(&raw)
        .ok_or_else(|| AppError::internal("parsing a mail file", id))?;
    let sent_at = parsed.date().map(|d| d.to_timestamp()).unwrap_or_default();
    let text = parsed
        .body_text(0)
        .map(|t| t.into_owned())
        .unwrap_or_default();
    let links = text
        .split_whitespace()
        .filter(|word| word.starts_with("http://") || word.starts_with("https://"))
        .map(str::to_owned)
        .collect();
    Ok(MailMessage {
        id: id.to_owned(),
        to: parsed
            .to()
            .and_then(|to| to.first())
            .and_then(|addr| addr.address())
            .unwrap_or_default()
            .to_owned(),
        subject: parsed.subject().unwrap_or("(no subject)").to_owned(),
        sent_at,
        sent_label: format_date_time(sent_at),
        text,
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_that_could_escape_the_folder_are_refused() {
        assert!(!is_message_id("../secrets"));
        assert!(!is_message_id(""));
        assert!(is_message_id("6f1c2d3e-0000-4000-8000-00000000abcd"));
    }
}
