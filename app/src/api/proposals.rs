use crate::{error::AppError, model::*};
use leptos::prelude::*;

/// One page (`?page=N`) of a framework's proposals.
#[server]
pub async fn get_proposals(slug: String, page: Option<String>) -> Result<ProposalsView, AppError> {
    use crate::server::{proposing, request};
    proposing::list(&request::context()?, &slug, page.as_deref()).await
}

#[server]
pub async fn get_proposal(slug: String, id: i64) -> Result<ProposalView, AppError> {
    use crate::server::{proposing, request};
    proposing::page(&request::context()?, &slug, id).await
}

#[server]
pub async fn get_propose_form(
    slug: String,
    theme: Option<String>,
) -> Result<ProposeFormView, AppError> {
    use crate::server::{proposing, request};
    proposing::propose_form(&request::context()?, &slug, theme).await
}

#[server]
pub async fn get_my_proposals() -> Result<Vec<ProposalSummary>, AppError> {
    use crate::server::{proposing, request};
    proposing::mine(&request::context()?).await
}
