use crate::{error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn list_local_mail() -> Result<Vec<MailMessage>, AppError> {
    use crate::server::{mailbox, request};
    mailbox::messages(&request::context()?).await
}

#[server]
pub async fn get_local_mail(id: String) -> Result<MailMessage, AppError> {
    use crate::server::{mailbox, request};
    mailbox::message(&request::context()?, id).await
}
