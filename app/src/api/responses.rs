use crate::{error::AppError, model::*};
use leptos::prelude::*;

/// A page of the round's answer list; with no page asked for, `comment` opens the page
/// that holds that comment (or its group).
#[server]
pub async fn get_round_comments(
    slug: String,
    round_id: i64,
    filters: CommentFilters,
    page: Option<String>,
    comment: Option<i64>,
) -> Result<RoundCommentsView, AppError> {
    use crate::server::{request, responding};
    responding::round_comments(
        &request::context()?,
        &slug,
        round_id,
        filters,
        page,
        comment,
    )
    .await
}

#[server]
pub async fn get_alike_group(
    slug: String,
    round_id: i64,
    group_id: i64,
    page: Option<String>,
) -> Result<AlikeGroupView, AppError> {
    use crate::server::{alike, request};
    alike::group_page(&request::context()?, &slug, round_id, group_id, page).await
}

/// One page (`?page=N`) of the signed-in person's comments, newest first.
#[server]
pub async fn get_my_contributions(page: Option<String>) -> Result<Paged<Contribution>, AppError> {
    use crate::server::{commenting, request};
    commenting::my_contributions(&request::context()?, page.as_deref()).await
}

#[server]
pub async fn get_round_bursts(
    slug: String,
    round_id: i64,
    person: Option<i64>,
    page: Option<String>,
) -> Result<RoundBurstsView, AppError> {
    use crate::server::{flooding, request};
    flooding::round_bursts(&request::context()?, &slug, round_id, person, page).await
}
