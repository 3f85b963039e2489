use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailMessage {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub sent_at: i64,
    pub sent_label: String,
    pub text: String,
    pub links: Vec<String>,
}

#[cfg(feature = "ssr")]
fn mail_dir() -> Result<std::path::PathBuf, AppError> {
    let state = crate::server::request::app_state()?;
    // The page does not exist at all unless mail stays on this machine.
    if state.config.local_mailbox_enabled() {
        Ok(state.config.mail_dir())
    } else {
        Err(AppError::NotFound)
    }
}

#[server]
pub async fn list_local_mail() -> Result<Vec<MailMessage>, AppError> {
    let dir = mail_dir()?;
    tokio::task::spawn_blocking(move || crate::server::mailbox::list(&dir))
        .await
        .map_err(|e| AppError::internal("mailbox task", e))?
}

#[server]
pub async fn get_local_mail(id: String) -> Result<MailMessage, AppError> {
    let dir = mail_dir()?;
    tokio::task::spawn_blocking(move || crate::server::mailbox::read(&dir, &id))
        .await
        .map_err(|e| AppError::internal("mailbox task", e))?
}
