//! Editors answer every comment: what happened to it and why, linked to the draft in
//! which it was acted on; and the round's list of comments they answer from.

use super::{Context, clock::now, lookups, store};
use crate::{
    domain::{
        drafting::Knowledge,
        easy_read::TextKind,
        response::{self, Outcome},
    },
    error::AppError,
    model::{AnswerFieldNames, CommentFilters, RoundComment, RoundCommentsView},
};
use sqlx::AnyConnection;

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
                .map_err(|e| AppError::field(&AnswerFieldNames::outcome(a.comment_id), e))?;
            let reason = response::reason(&a.reason)
                .map_err(|e| AppError::field(&AnswerFieldNames::reason(a.comment_id), e))?;
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
///
/// Takes the framework's lock first, the same lock publishing takes, so an answer and a
/// publish never interleave: either the answer lands before the version is written (and
/// is in it), or it waits, then finds the comment published and is refused.
pub async fn store_answers(
    conn: &mut AnyConnection,
    editor_id: i64,
    framework_id: i64,
    statement_id: Option<i64>,
    answers: &[CheckedAnswer],
    acted_in: impl Fn(i64) -> Option<i64>,
) -> Result<(), AppError> {
    if answers.is_empty() {
        return Ok(());
    }
    store::frameworks::lock(conn, framework_id).await?;
    let at = now();
    for answer in answers {
        let comment = store::comments::find(conn, answer.comment_id)
            .await?
            .filter(|c| {
                c.withdrawn_at.is_none()
                    && c.framework_id == framework_id
                    && statement_id.is_none_or(|s| s == c.statement_id)
            })
            .ok_or(AppError::NotFound)?;
        if comment.published_in.is_some() {
            // What a published version says people were told must never change under it.
            return Err(AppError::Field(
                AnswerFieldNames::outcome(comment.id),
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
            conn,
            comment.id,
            editor_id,
            answer.outcome,
            &answer.reason,
            revision,
            at,
        )
        .await?;
    }
    Ok(())
}

/// Answer one comment from the round's list. A comment that changed the text is linked
/// to the current draft of the text it was made on (standard or easy read).
pub async fn answer(cx: &Context, slug: &str, form: AnswerForm) -> Result<(), AppError> {
    let editor = cx.editor()?;
    let answers = check(&[form])?;
    let mut tx = cx.write().await?;
    let framework = lookups::framework(&mut tx, slug).await?.id;
    let comment = store::comments::find(&mut tx, answers[0].comment_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // An answer links to the newest draft of the text the comment was about.
    let latest = match comment.text_kind {
        TextKind::Standard => {
            store::statements::latest_revision_id(&mut tx, comment.statement_id).await?
        }
        TextKind::EasyRead => store::easy_read::twin(&mut tx, comment.statement_id)
            .await?
            .map_or(comment.revision_id, |t| t.revision_id),
    };
    store_answers(&mut tx, editor.id, framework, None, &answers, |_| {
        Some(latest)
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A round's comments for editors to answer, filtered, with the count still unanswered.
pub async fn round_comments(
    cx: &Context,
    slug: &str,
    round_id: i64,
    filters: CommentFilters,
) -> Result<RoundCommentsView, AppError> {
    cx.editor()?;
    let mut conn = cx.read().await?;
    let framework = lookups::framework(&mut conn, slug).await?;
    let round = lookups::round(&mut conn, framework.id, round_id).await?;
    let published_version =
        store::publications::version_answering_round(&mut conn, round.id).await?;
    let rows = store::comments::for_round(&mut conn, round.id).await?;
    let mut still_matters =
        super::still_matters::editor_notes(&mut conn, &framework.slug, round.id).await?;
    let total = rows.len();
    let unanswered = rows.iter().filter(|r| r.outcome.is_none()).count();
    let mut statements: Vec<String> = rows.iter().map(|r| r.reference.clone()).collect();
    statements.dedup();
    let mut organisations: Vec<String> = rows
        .iter()
        .filter_map(|r| r.organisation_name.clone())
        .collect();
    organisations.sort();
    organisations.dedup();
    let knowledge_filter = Knowledge::parse(&filters.knowledge).ok();
    let keep = |r: &store::comments::CommentRow| {
        (filters.statement.is_empty() || r.reference == filters.statement)
            && knowledge_filter.is_none_or(|k| r.knowledge == k)
            && (filters.organisation.is_empty()
                || r.organisation_name.as_deref() == Some(filters.organisation.as_str()))
            && match filters.outcome.as_str() {
                "" => true,
                "unanswered" => r.outcome.is_none(),
                outcome => r.outcome.is_some_and(|o| o.as_str() == outcome),
            }
    };
    let comments = rows
        .iter()
        .filter(|r| keep(r))
        .map(|r| RoundComment {
            id: r.id,
            reference: r.reference.clone(),
            statement_path: format!(
                "/frameworks/{}/statements/{}",
                r.framework_slug, r.reference
            ),
            author: r.author_label(),
            organisation: r.organisation_name.clone(),
            knowledge: r.knowledge.label().to_owned(),
            visibility: r.visibility.label().to_owned(),
            body: r.body.clone(),
            quote: r.quote.clone(),
            suggestion: r.suggestion.clone(),
            outcome: r.outcome.map(|o| o.as_str().to_owned()).unwrap_or_default(),
            reason: r.reason.clone().unwrap_or_default(),
            text_kind: r.text_kind,
            still_matters: still_matters.notes.remove(&r.id),
        })
        .collect();
    Ok(RoundCommentsView {
        framework_slug: framework.slug,
        framework_title: framework.title,
        round_id: round.id,
        round_title: round.title,
        published_version,
        total,
        unanswered,
        comments,
        statements,
        organisations,
        filters,
        still_matters_people: still_matters.people,
        still_matters_by_statement: still_matters.by_statement,
    })
}
