use crate::{error::AppError, model::*};
use leptos::prelude::*;

#[server]
pub async fn get_report(slug: String, version: i64) -> Result<ReportView, AppError> {
    use crate::server::{reports, request};
    reports::report(&request::context()?, &slug, version).await
}

#[server]
pub async fn get_publication(slug: String, version: i64) -> Result<PublicationView, AppError> {
    use crate::server::{reports, request};
    reports::publication_page(&request::context()?, &slug, version).await
}

#[server]
pub async fn get_publish_page(slug: String) -> Result<PublishView, AppError> {
    use crate::server::{publishing, request};
    publishing::publish_page(&request::context()?, &slug).await
}

#[server]
pub async fn get_publication_outbox(slug: String, version: i64) -> Result<OutboxView, AppError> {
    use crate::server::{publishing, request};
    publishing::outbox_page(&request::context()?, &slug, version).await
}

/// "Why does it say this?" for one published statement.
#[server]
pub async fn get_trace(
    slug: String,
    version: i64,
    reference: String,
    text: Option<String>,
) -> Result<TraceView, AppError> {
    use crate::{
        domain::easy_read::TextKind,
        server::{reports, request},
    };
    let text = text.as_deref().map(TextKind::from_query);
    reports::trace(&request::context()?, &slug, version, &reference, text).await
}
