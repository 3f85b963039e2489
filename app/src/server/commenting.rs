//! Participants' comments: made only while a round is open, on the revision they read,
//! optionally on a passage of it, for themselves or an organisation they belong to.

use super::{AppState, clock::now, store};
use crate::{
    api::Viewer,
    domain::{
        Invalid,
        drafting::{self, Knowledge, Visibility},
        passage,
    },
    error::AppError,
};

/// The comment form as submitted.
pub struct CommentForm<'a> {
    pub revision_id: &'a str,
    pub body: &'a str,
    pub suggestion: &'a str,
    pub knowledge: &'a str,
    pub visibility: &'a str,
    /// "" for myself, or an organisation id.
    pub on_behalf_of: &'a str,
    /// "whole" or "part".
    pub passage: &'a str,
    /// 1-based word numbers, when a part is chosen.
    pub first_word: &'a str,
    pub last_word: &'a str,
    pub submission_key: &'a str,
}

struct Checked {
    body: String,
    suggestion: Option<String>,
    knowledge: Knowledge,
    visibility: Visibility,
    organisation_id: Option<i64>,
}

async fn check_common(
    state: &AppState,
    viewer: &Viewer,
    form: &CommentForm<'_>,
) -> Result<Checked, AppError> {
    let body = drafting::comment_body(form.body).map_err(|e| AppError::field("body", e))?;
    let suggestion =
        drafting::suggestion(form.suggestion).map_err(|e| AppError::field("suggestion", e))?;
    let knowledge =
        Knowledge::parse(form.knowledge).map_err(|e| AppError::field("knowledge", e))?;
    let visibility =
        Visibility::parse(form.visibility).map_err(|e| AppError::field("visibility", e))?;
    let organisation_id = match form.on_behalf_of.trim() {
        "" => None,
        raw => {
            let id: i64 = raw.parse().map_err(|_| {
                AppError::Field(
                    "on_behalf_of".into(),
                    "Choose who you are commenting for".into(),
                )
            })?;
            let memberships =
                store::organisations::memberships_of_user(&state.db.pool, viewer.id).await?;
            if !memberships.iter().any(|m| m.organisation_id == id) {
                // Checked on the server: a representative speaks only for their own organisations.
                return Err(AppError::Field(
                    "on_behalf_of".into(),
                    "You can only comment for an organisation you represent".into(),
                ));
            }
            Some(id)
        }
    };
    Ok(Checked {
        body,
        suggestion,
        knowledge,
        visibility,
        organisation_id,
    })
}

fn word_number(raw: &str, field: &str) -> Result<usize, AppError> {
    raw.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| AppError::Field(field.into(), "Choose a word from the list".into()))
}

pub async fn add(
    state: &AppState,
    viewer: &Viewer,
    slug: &str,
    reference: &str,
    form: &CommentForm<'_>,
) -> Result<i64, AppError> {
    let framework = store::frameworks::find_by_slug(&state.db.pool, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let statement = store::frameworks::statement(&state.db.pool, framework.id, reference)
        .await?
        .ok_or(AppError::NotFound)?;
    if statement.retired_at.is_some() {
        return Err(AppError::Invalid(
            "This statement has been retired, so it no longer takes comments.".into(),
        ));
    }
    let checked = check_common(state, viewer, form).await?;
    let revision_id: i64 = form
        .revision_id
        .trim()
        .parse()
        .map_err(|_| AppError::Invalid("Reload the page and try again.".into()))?;

    let mut tx = state.db.begin_write().await?;
    if let Some(existing) = store::comments::find_by_key(&mut tx, form.submission_key).await? {
        return Ok(existing); // The same form sent twice: one comment.
    }
    let Some(round) = store::rounds::open_at(&mut tx, framework.id, now()).await? else {
        return Err(AppError::Invalid("Comments are closed: there is no consultation round open now. Your comment has not been saved.".into()));
    };
    let Some(revision_text) =
        store::statements::revision_body(&mut tx, statement.id, revision_id).await?
    else {
        return Err(AppError::Invalid("Reload the page and try again.".into()));
    };
    let chosen = match form.passage {
        "part" => {
            let first = word_number(form.first_word, "first_word")?;
            let last = word_number(form.last_word, "last_word")?;
            Some(
                passage::passage_from_words(&revision_text, first, last)
                    .map_err(|e: Invalid| AppError::field("last_word", e))?,
            )
        }
        _ => None,
    };
    let new = store::comments::NewComment {
        statement_id: statement.id,
        revision_id,
        round_id: round.id,
        author_id: viewer.id,
        organisation_id: checked.organisation_id,
        body: &checked.body,
        passage: chosen
            .as_ref()
            .map(|p| (p.start as i64, p.end as i64, p.quote.as_str())),
        suggestion: checked.suggestion.as_deref(),
        knowledge: checked.knowledge.as_str(),
        visibility: checked.visibility.as_str(),
        submission_key: form.submission_key,
    };
    let id = store::comments::insert(&mut tx, &new, now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Check the comment is the viewer's own and its round is still open.
async fn own_open_comment(
    viewer: &Viewer,
    id: i64,
    tx: &mut super::db::Tx,
) -> Result<store::comments::CommentRow, AppError> {
    let comment = store::comments::find(tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if comment.author_id != viewer.id || comment.withdrawn_at.is_some() {
        return Err(AppError::NotFound);
    }
    let round = store::rounds::find(tx, comment.round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    if !(round.opens_at <= at && at < round.closes_at) {
        return Err(AppError::Invalid(
            "The round this comment was made in has closed, so it can no longer be changed.".into(),
        ));
    }
    Ok(comment)
}

pub async fn edit(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    form: &CommentForm<'_>,
) -> Result<(), AppError> {
    let checked = check_common(state, viewer, form).await?;
    let mut tx = state.db.begin_write().await?;
    own_open_comment(viewer, id, &mut tx).await?;
    let edit = store::comments::CommentEdit {
        organisation_id: checked.organisation_id,
        body: &checked.body,
        suggestion: checked.suggestion.as_deref(),
        knowledge: checked.knowledge.as_str(),
        visibility: checked.visibility.as_str(),
    };
    store::comments::update(&mut tx, id, &edit, now()).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn withdraw(state: &AppState, viewer: &Viewer, id: i64) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    own_open_comment(viewer, id, &mut tx).await?;
    store::comments::withdraw(&mut tx, id, now()).await?;
    tx.commit().await?;
    Ok(())
}
