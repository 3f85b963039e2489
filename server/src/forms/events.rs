//! Events a facilitator records, and what was said there. The service checks the
//! facilitator role, and that the event is theirs, before anything else.

use super::{Submitted, refused, see_other};
use app::{
    domain::events::Way,
    model::{CORRECT_FORM, EVENT_FORM, EventInput, RECORD_FORM, RecordAction, RecordInput, Saved},
    server::{Context, events},
};
use axum::{extract::Path, response::Response};

pub async fn add_event(cx: Context, submitted: Submitted) -> Response {
    let ways: Vec<Way> = Way::ALL
        .into_iter()
        .filter(|w| submitted.field(&EventInput::way_field(*w)) == "yes")
        .collect();
    match events::create(&cx, &submitted.input(), &ways).await {
        Ok(id) => see_other(&Saved::EventAdded.redirect(&format!("/events/{id}"), "record")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                "/events",
                EVENT_FORM,
                EventInput::NAME,
                error,
            )
            .await
        }
    }
}

/// One page, three forms: one person's comment, a group view, or withdrawing either.
pub async fn record(cx: Context, Path(id): Path<i64>, submitted: Submitted) -> Response {
    let page = format!("/events/{id}");
    let action = submitted
        .action(RecordAction::parse)
        .unwrap_or(RecordAction::Person);
    let input: RecordInput = submitted.input();
    let outcome = match action {
        RecordAction::Withdraw => match input.comment_id.trim().parse::<i64>() {
            Ok(comment) => events::withdraw(&cx, id, comment)
                .await
                .map(|()| Saved::RecordedWithdrawn),
            Err(_) => Err(app::error::AppError::NotFound),
        },
        person_or_group => events::record(&cx, id, person_or_group, &input)
            .await
            .map(|_| Saved::Recorded),
    };
    match outcome {
        Ok(saved) => see_other(&saved.redirect(&page, "recorded")),
        Err(error) => {
            // A refused withdrawal is told beside the list of what was said.
            let field = match action {
                RecordAction::Withdraw => "said",
                _ => RecordInput::BODY,
            };
            // The words offered for a statement are offered again, with those chosen.
            let words_of = input.words_of.trim();
            let shown = if words_of.is_empty()
                || !words_of
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                page
            } else {
                format!("{page}?statement={words_of}")
            };
            refused(&cx.state, submitted, &shown, RECORD_FORM, field, error).await
        }
    }
}

/// A correction to something recorded: back to the event's page, at what was corrected.
pub async fn correct(
    cx: Context,
    Path((id, comment)): Path<(i64, i64)>,
    submitted: Submitted,
) -> Response {
    match events::correct(&cx, id, comment, &submitted.input()).await {
        Ok(()) => see_other(
            &Saved::RecordedCorrected
                .redirect(&format!("/events/{id}"), &format!("comment-{comment}")),
        ),
        Err(error) => {
            // A refusal that names no field (the round closed) is told where the page
            // says why.
            let page = format!("/events/{id}/comments/{comment}/edit");
            refused(&cx.state, submitted, &page, CORRECT_FORM, "correct", error).await
        }
    }
}
