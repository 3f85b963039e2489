//! Reporting a comment, and a moderator's decision on one. The services check who may
//! do each before anything else.

use super::{Submitted, refused, see_other};
use app::{
    error::AppError,
    model::{MODERATE_FORM, ModerateAction, ModerateInput, REPORT_FORM, ReportInput, Saved},
    server::{Context, moderation},
};
use axum::{extract::Path, response::Response};

pub async fn report(cx: Context, Path(id): Path<i64>, submitted: Submitted) -> Response {
    let input: ReportInput = submitted.input();
    let back = match moderation::report(&cx, id, &input).await {
        Ok(()) => moderation::statement_of(&cx, id).await,
        Err(error) => Err(error),
    };
    match back {
        Ok(statement) => see_other(&Saved::Reported.redirect(&statement, "comments")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                &format!("/comments/{id}/report"),
                REPORT_FORM,
                ReportInput::KIND,
                error,
            )
            .await
        }
    }
}

pub async fn moderate(cx: Context, Path(id): Path<i64>, submitted: Submitted) -> Response {
    let page = moderation::moderate_path(id);
    let input: ModerateInput = submitted.input();
    let outcome = match submitted.action(ModerateAction::parse) {
        Some(ModerateAction::Remove) => {
            moderation::moderate(&cx, id, moderation::Decision::Remove, &input).await
        }
        Some(ModerateAction::Dismiss) => {
            moderation::moderate(&cx, id, moderation::Decision::Dismiss, &input).await
        }
        None => cx.moderator().and(Err(AppError::Invalid(
            "We did not understand that form. Reload the page and try again.".into(),
        ))),
    };
    match outcome {
        Ok(()) => see_other(&Saved::Moderated.redirect(&page, "")),
        Err(error) => {
            refused(
                &cx.state,
                submitted,
                &page,
                MODERATE_FORM,
                ModerateInput::REASON,
                error,
            )
            .await
        }
    }
}
