use crate::{error::AppError, model::*};
use leptos::prelude::*;

/// The form to report a comment, with the comment as the reporter reads it.
#[server]
pub async fn get_report_form(comment_id: i64) -> Result<ReportFormView, AppError> {
    use crate::server::{moderation, request};
    moderation::report_form(&request::context()?, comment_id).await
}

/// One page (`?page=N`) of the moderation queue, open reports first.
#[server]
pub async fn get_moderation_queue(page: Option<String>) -> Result<ModerationQueueView, AppError> {
    use crate::server::{moderation, request};
    moderation::queue(&request::context()?, page.as_deref()).await
}

/// A reported comment as a moderator handles it.
#[server]
pub async fn get_moderate(comment_id: i64) -> Result<ModerateView, AppError> {
    use crate::server::{moderation, request};
    moderation::moderate_page(&request::context()?, comment_id).await
}
