//! The forms on a group's page: one answer for every member, splitting a member out, and
//! a personal line to one member. Each calls one service, which checks who may do it.

use super::{Submitted, refused, see_other};
use app::{
    model::{AlikeAction, AlikeInput, AnswerFieldNames, ListQuery, PageRequest, Saved},
    server::{Context, alike, responding},
};
use axum::{extract::Path, response::Response};

pub async fn group(
    cx: Context,
    Path((slug, round, group)): Path<(String, i64, i64)>,
    submitted: Submitted,
) -> Response {
    let input: AlikeInput = submitted.input();
    let comment_id: i64 = input.comment_id.parse().unwrap_or(-1);
    let page_number = PageRequest::new(Some(input.page.as_str()), u32::MAX).number;
    let path = format!("/frameworks/{slug}/rounds/{round}/groups/{group}");
    let page = ListQuery::new().href(&path, page_number);
    let action = submitted.action(AlikeAction::parse);
    let (outcome, saved, form, field) = match action {
        Some(AlikeAction::Answer) => {
            let form = super::drafting::answer_form(&submitted, comment_id);
            (
                responding::answer_group(&cx, &slug, round, group, form)
                    .await
                    .map(|_| None),
                Saved::GroupAnswered,
                format!("answer-{comment_id}"),
                AnswerFieldNames::reason(comment_id),
            )
        }
        Some(AlikeAction::Split) => (
            alike::split(&cx, &slug, round, group, comment_id)
                .await
                .map(Some),
            Saved::SplitOut,
            format!("line-{comment_id}"),
            AnswerFieldNames::personal_line(comment_id),
        ),
        Some(AlikeAction::PersonalLine) | None => {
            let line = submitted
                .field(&AnswerFieldNames::personal_line(comment_id))
                .to_owned();
            (
                alike::personal_line(&cx, &slug, round, group, comment_id, &line)
                    .await
                    .map(|()| None),
                Saved::PersonalLine,
                format!("line-{comment_id}"),
                AnswerFieldNames::personal_line(comment_id),
            )
        }
    };
    // `Some(address)`: the comment has left the group's page (split out) and is there.
    match outcome {
        Ok(Some(moved_to)) => see_other(&saved.redirect_to_linked(&moved_to)),
        Ok(None) => see_other(&saved.redirect(&page, &format!("comment-{comment_id}"))),
        Err(error) => refused(&cx.state, submitted, &page, &form, &field, error).await,
    }
}
