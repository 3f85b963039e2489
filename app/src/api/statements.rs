use crate::{domain::plain_language::JargonEntry, error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn get_statement(
    slug: String,
    reference: String,
    page: Option<String>,
) -> Result<StatementView, AppError> {
    use crate::server::{request, statements};
    statements::statement_page(&request::context()?, &slug, &reference, page.as_deref()).await
}

#[server]
pub async fn get_redraft(
    slug: String,
    reference: String,
    page: Option<String>,
) -> Result<RedraftView, AppError> {
    use crate::server::{request, statements};
    statements::redraft_page(&request::context()?, &slug, &reference, page).await
}

#[server]
pub async fn get_history(
    slug: String,
    reference: String,
    from: Option<i64>,
    to: Option<i64>,
    text: Option<String>,
) -> Result<HistoryView, AppError> {
    use crate::{
        domain::easy_read::TextKind,
        server::{request, statements},
    };
    let text = text.as_deref().map(TextKind::from_query);
    statements::history(&request::context()?, &slug, &reference, from, to, text).await
}

#[server]
pub async fn get_comment_form(
    slug: String,
    reference: String,
    comment_id: Option<i64>,
    text: Option<String>,
) -> Result<CommentFormView, AppError> {
    use crate::{
        domain::easy_read::TextKind,
        server::{request, statements},
    };
    let text = text.as_deref().map(TextKind::from_query);
    statements::comment_form(&request::context()?, &slug, &reference, comment_id, text).await
}

#[server]
pub async fn get_jargon() -> Result<Vec<JargonEntry>, AppError> {
    use crate::server::{request, statements};
    statements::jargon(&request::context()?).await
}
