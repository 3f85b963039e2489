//! Groups of alike comments, for editors: grouping a round in bulk, a group's own page,
//! splitting a comment out, and a personal line to one person. Answering a group is in
//! `responding`, beside every other answer.

use super::{Context, clock::now, lookups, responding, store};
use crate::{
    domain::response,
    error::AppError,
    model::{AlikeGroupView, AnswerFieldNames, PageRequest, Paged},
};
use sqlx::AnyConnection;

/// How many members one page of a group's page lists.
pub const MEMBERS_PAGE_SIZE: u32 = 50;

/// Group every comment of a round that grouping has not looked at yet: comments saved
/// before grouping existed (at start-up) and comments a seeder inserted in bulk SQL.
/// Reads the round's comments once and writes in batches; run it in a write transaction.
/// Returns how many comments it looked at. A published round's version is counted
/// again, so its report shows the campaigns found.
pub async fn group_round(conn: &mut AnyConnection, round_id: i64) -> Result<usize, sqlx::Error> {
    let looked_at = store::alike::group_round(conn, round_id, now()).await?;
    if looked_at > 0
        && let Some(publication) = store::rounds::find(conn, round_id)
            .await?
            .and_then(|r| r.publication_id)
    {
        store::reports::record_counts(conn, publication).await?;
    }
    Ok(looked_at)
}

/// At start-up: group the comments of every round that has some not yet looked at, one
/// round per transaction.
pub async fn group_waiting(db: &super::Db) -> Result<usize, sqlx::Error> {
    let rounds = {
        let mut conn = db.pool.acquire().await?;
        store::alike::rounds_waiting(&mut conn).await?
    };
    let mut looked_at = 0;
    for round in rounds {
        let mut tx = db.begin_write().await?;
        looked_at += group_round(&mut tx, round).await?;
        tx.commit().await?;
    }
    Ok(looked_at)
}

/// The group, checked to be in this framework's round.
async fn checked_group(
    conn: &mut AnyConnection,
    slug: &str,
    round_id: i64,
    group_id: i64,
) -> Result<
    (
        store::frameworks::FrameworkRow,
        store::rounds::RoundRow,
        store::alike::GroupRow,
    ),
    AppError,
> {
    let framework = lookups::framework(conn, slug).await?;
    let round = lookups::round(conn, framework.id, round_id).await?;
    let group = store::alike::group(conn, group_id)
        .await?
        .filter(|g| g.round_id == round.id && g.members > 0)
        .ok_or(AppError::NotFound)?;
    Ok((framework, round, group))
}

/// A group's page: what it says, who is behind it, and its members a page at a time.
pub async fn group_page(
    cx: &Context,
    slug: &str,
    round_id: i64,
    group_id: i64,
    page: Option<String>,
) -> Result<AlikeGroupView, AppError> {
    cx.editor()?;
    let mut conn = cx.read().await?;
    let (framework, round, group) = checked_group(&mut conn, slug, round_id, group_id).await?;
    let published_version =
        store::publications::version_answering_round(&mut conn, round.id).await?;
    let representative = store::comments::find(&mut conn, group.representative_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let asked = PageRequest::new(page.as_deref(), MEMBERS_PAGE_SIZE).within(group.members as u64);
    let (rows, total) =
        store::answer_list::group_members(&mut conn, group.id, asked.offset(), asked.limit())
            .await?;
    let summary = responding::summaries(
        &mut conn,
        &framework.slug,
        std::slice::from_ref(&representative),
    )
    .await?
    .remove(&group.id)
    .unwrap_or_else(|| crate::model::AlikeSummary {
        id: group.id,
        members: group.members.max(0) as u64,
        unanswered: group.unanswered.max(0) as u64,
        organisations: Vec::new(),
        href: format!(
            "/frameworks/{}/rounds/{}/groups/{}",
            framework.slug, round.id, group.id
        ),
    });
    Ok(AlikeGroupView {
        reference: representative.reference.clone(),
        representative: responding::round_comment(&representative, None),
        members: Paged::new(
            rows.iter()
                .map(|r| responding::round_comment(r, None))
                .collect(),
            asked,
            total,
        ),
        framework_slug: framework.slug,
        framework_title: framework.title,
        round_id: round.id,
        round_title: round.title,
        group: summary,
        published_version,
    })
}

/// A member of the group, in a write transaction under the framework lock, refused when
/// its answer is published.
async fn unpublished_member(
    conn: &mut AnyConnection,
    slug: &str,
    round_id: i64,
    group_id: i64,
    comment_id: i64,
) -> Result<store::comments::CommentRow, AppError> {
    let (framework, _, group) = checked_group(conn, slug, round_id, group_id).await?;
    store::frameworks::lock(conn, framework.id).await?;
    let comment = store::comments::find(conn, comment_id)
        .await?
        .filter(|c| c.alike_group_id == Some(group.id) && c.withdrawn_at.is_none())
        .ok_or(AppError::NotFound)?;
    if comment.published_in.is_some() {
        return Err(AppError::Field(
            AnswerFieldNames::personal_line(comment.id),
            "This comment's answer has been published in a version, so it can no longer change."
                .into(),
        ));
    }
    Ok(comment)
}

/// An editor takes one comment out of its group: it is answered on its own from then on
/// and never grouped again. Returns where it now is: its place on the answer list.
pub async fn split(
    cx: &Context,
    slug: &str,
    round_id: i64,
    group_id: i64,
    comment_id: i64,
) -> Result<String, AppError> {
    cx.editor()?;
    let mut tx = cx.write().await?;
    let comment = unpublished_member(&mut tx, slug, round_id, group_id, comment_id).await?;
    store::alike::split(&mut tx, comment.id).await?;
    tx.commit().await?;
    Ok(crate::model::answer_list_link(
        slug,
        comment.round_id,
        &comment.reference,
        comment.id,
    ))
}

/// An editor's personal line to the person behind one comment of a group, shown in
/// their email and on their contributions beside the group's answer. Empty removes it.
pub async fn personal_line(
    cx: &Context,
    slug: &str,
    round_id: i64,
    group_id: i64,
    comment_id: i64,
    line: &str,
) -> Result<(), AppError> {
    cx.editor()?;
    let line = response::personal_line(line)
        .map_err(|e| AppError::field(&AnswerFieldNames::personal_line(comment_id), e))?;
    let mut tx = cx.write().await?;
    let comment = unpublished_member(&mut tx, slug, round_id, group_id, comment_id).await?;
    store::alike::set_personal_line(&mut tx, comment.id, line.as_deref()).await?;
    tx.commit().await?;
    Ok(())
}
