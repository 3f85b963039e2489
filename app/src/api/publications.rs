use crate::{error::AppError, model::*};
use leptos::prelude::*;

/// The report page: `filters` as (statement, theme, outcome, knowledge), the page of
/// its comments asked for, and a comment whose page to open when no page is asked for.
#[server]
pub async fn get_report(
    slug: String,
    version: i64,
    filters: ReportFilters,
    page: Option<String>,
    comment: Option<i64>,
) -> Result<ReportPageView, AppError> {
    use crate::server::{reports, request};
    let asked = reports::ReportQuery {
        statement: filters.statement,
        theme: filters.theme,
        outcome: filters.outcome,
        knowledge: filters.knowledge,
        page,
        comment,
    };
    reports::report_page(&request::context()?, &slug, version, &asked).await
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
    draft: Option<usize>,
    page: Option<String>,
) -> Result<TraceView, AppError> {
    use crate::{
        domain::easy_read::TextKind,
        server::{reports, request},
    };
    let text = text.as_deref().map(TextKind::from_query);
    let cx = request::context()?;
    reports::trace(
        &cx,
        &slug,
        version,
        &reference,
        text,
        draft,
        page.as_deref(),
    )
    .await
}
