//! Editors answer every comment: what happened to it and why, linked to the draft in
//! which it was acted on.

use super::{AppState, clock::now, drafting::require_editor, store};
use crate::{
    api::Viewer,
    domain::response::{self, Outcome},
    error::AppError,
};

/// One answer as typed on a form.
pub struct AnswerForm {
    pub comment_id: i64,
    pub outcome: String,
    pub reason: String,
}

/// A checked answer, ready to store.
pub struct CheckedAnswer {
    pub comment_id: i64,
    pub outcome: Outcome,
    pub reason: String,
}

/// Check answers before anything is written, naming the field at fault.
pub fn check(answers: &[AnswerForm]) -> Result<Vec<CheckedAnswer>, AppError> {
    answers
        .iter()
        .map(|a| {
            let outcome = Outcome::parse(&a.outcome)
                .map_err(|e| AppError::field(&format!("outcome-{}", a.comment_id), e))?;
            let reason = response::reason(&a.reason)
                .map_err(|e| AppError::field(&format!("reason-{}", a.comment_id), e))?;
            Ok(CheckedAnswer {
                comment_id: a.comment_id,
                outcome,
                reason,
            })
        })
        .collect()
}

/// Store answers inside the caller's transaction. A comment that changed the text is
/// linked to `acted_in` (the new draft when answering while redrafting).
pub async fn store_answers(
    tx: &mut super::db::Tx,
    editor: &Viewer,
    statement_id: Option<i64>,
    answers: &[CheckedAnswer],
    acted_in: impl Fn(i64) -> Option<i64>,
) -> Result<(), AppError> {
    let at = now();
    for answer in answers {
        let comment = store::comments::find(tx, answer.comment_id)
            .await?
            .filter(|c| {
                c.withdrawn_at.is_none() && statement_id.is_none_or(|s| s == c.statement_id)
            })
            .ok_or(AppError::NotFound)?;
        if comment.published_in.is_some() {
            // What a published version says people were told must never change under it.
            return Err(AppError::Field(
                format!("outcome-{}", comment.id),
                "This comment's answer has been published in a version, so it can no longer change."
                    .into(),
            ));
        }
        let revision = if answer.outcome.changed_the_text() {
            acted_in(comment.statement_id)
        } else {
            None
        };
        store::comments::answer(
            tx,
            comment.id,
            editor.id,
            answer.outcome.as_str(),
            &answer.reason,
            revision,
            at,
        )
        .await?;
    }
    Ok(())
}

/// Answer one comment from the round's list. A comment that changed the text is linked
/// to its statement's current draft.
pub async fn answer(state: &AppState, viewer: &Viewer, form: AnswerForm) -> Result<(), AppError> {
    require_editor(viewer)?;
    let answers = check(&[form])?;
    let mut tx = state.db.begin_write().await?;
    let comment = store::comments::find(&mut tx, answers[0].comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let latest: i64 = sqlx::query_scalar("SELECT latest_revision_id FROM statements WHERE id = $1")
        .bind(comment.statement_id)
        .fetch_one(&mut *tx)
        .await?;
    store_answers(&mut tx, viewer, None, &answers, |_| Some(latest)).await?;
    tx.commit().await?;
    Ok(())
}
