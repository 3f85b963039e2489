//! Reading statements: the statement page, the redraft page, history and the comment form.

use super::{OrganisationRef, Viewer};
use crate::{
    domain::{diff::WordDiff, plain_language::JargonEntry},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundStatus {
    Open {
        id: i64,
        title: String,
        introduction: String,
        closes_label: String,
    },
    Upcoming {
        title: String,
        opens_label: String,
    },
    NonePlanned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PassageNote {
    /// About the whole statement.
    Whole,
    /// The quoted words are still in the text and are highlighted.
    Highlighted,
    /// The words it quoted have since been changed.
    Changed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    /// Its number on this page, shown beside highlighted passages.
    pub number: usize,
    pub author: String,
    pub knowledge: String,
    /// Set when the comment is not public.
    pub visibility_note: Option<String>,
    pub body: String,
    pub suggestion: Option<String>,
    pub quote: Option<String>,
    pub passage: PassageNote,
    pub draft_number: usize,
    pub on_current_draft: bool,
    pub created_label: String,
    pub mine: bool,
    pub editable: bool,
    pub answer: Option<AnswerView>,
}

/// The policy team's answer to a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    /// The outcome's value, for forms.
    pub outcome: String,
    pub outcome_label: String,
    pub reason: String,
    /// The draft it was acted on in, if it changed the text.
    pub acted_in_draft: Option<usize>,
    /// Published in a version, so it can no longer change.
    pub settled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HighlightSegment {
    pub text: String,
    pub comment_numbers: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionView {
    pub id: i64,
    pub number: usize,
    pub author: String,
    pub note: String,
    pub created_label: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementView {
    pub framework_slug: String,
    pub framework_title: String,
    pub theme_code: String,
    pub theme_title: String,
    pub reference: String,
    pub text: String,
    pub revision_id: i64,
    pub draft_number: usize,
    pub revised_at: i64,
    pub retired: bool,
    pub segments: Vec<HighlightSegment>,
    pub comments: Vec<CommentView>,
    pub round: RoundStatus,
    pub viewer: Option<Viewer>,
    pub can_edit: bool,
    pub can_comment: bool,
}

impl StatementView {
    pub fn path(&self) -> String {
        format!(
            "/frameworks/{}/statements/{}",
            self.framework_slug, self.reference
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedraftView {
    pub statement: StatementView,
    pub revisions: Vec<RevisionView>,
    pub jargon: Vec<JargonEntry>,
    pub submission_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryView {
    pub statement: StatementView,
    pub revisions: Vec<RevisionView>,
    pub from: i64,
    pub to: i64,
    pub diff: WordDiff,
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordChoice {
    pub number: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentFormView {
    pub statement: StatementView,
    pub words: Vec<WordChoice>,
    pub organisations: Vec<OrganisationRef>,
    pub jargon: Vec<JargonEntry>,
    pub submission_key: String,
    /// Present when editing an existing comment.
    pub existing: Option<ExistingComment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingComment {
    pub id: i64,
    pub body: String,
    pub suggestion: String,
    pub knowledge: String,
    pub visibility: String,
    pub on_behalf_of: String,
    pub quote: Option<String>,
}

#[server]
pub async fn get_statement(slug: String, reference: String) -> Result<StatementView, AppError> {
    let loaded = crate::server::views::load_statement(&slug, &reference).await?;
    Ok(loaded.view)
}

#[server]
pub async fn get_redraft(slug: String, reference: String) -> Result<RedraftView, AppError> {
    use crate::server::{auth, request, store, views};
    let viewer = request::require_signed_in()?;
    crate::server::drafting::require_editor(&viewer)?;
    let loaded = views::load_statement(&slug, &reference).await?;
    let state = request::app_state()?;
    Ok(RedraftView {
        revisions: loaded.revisions,
        statement: loaded.view,
        jargon: store::jargon::all(&state.db.pool).await?,
        submission_key: auth::new_secret(),
    })
}

#[server]
pub async fn get_history(
    slug: String,
    reference: String,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<HistoryView, AppError> {
    use crate::domain::diff;
    let loaded = crate::server::views::load_statement(&slug, &reference).await?;
    let revisions = loaded.revisions;
    let last = revisions.last().map(|r| r.id).unwrap_or_default();
    let first = revisions.first().map(|r| r.id).unwrap_or_default();
    let to = to
        .filter(|id| revisions.iter().any(|r| r.id == *id))
        .unwrap_or(last);
    // By default compare with the draft before the newest, or the first.
    let default_from = revisions.iter().rev().nth(1).map(|r| r.id).unwrap_or(first);
    let from = from
        .filter(|id| revisions.iter().any(|r| r.id == *id))
        .unwrap_or(default_from);
    let text_of = |id: i64| {
        revisions
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.text.clone())
            .unwrap_or_default()
    };
    let word_diff = diff::word_diff(&text_of(from), &text_of(to));
    let changes = diff::list_changes(&word_diff)
        .iter()
        .map(|c| c.describe())
        .collect();
    Ok(HistoryView {
        statement: loaded.view,
        revisions,
        from,
        to,
        diff: word_diff,
        changes,
    })
}

#[server]
pub async fn get_comment_form(
    slug: String,
    reference: String,
    comment_id: Option<i64>,
) -> Result<CommentFormView, AppError> {
    use crate::{
        domain::passage,
        server::{auth, request, store, views},
    };
    let viewer = request::require_signed_in()?;
    let state = request::app_state()?;
    let loaded = views::load_statement(&slug, &reference).await?;
    let existing = match comment_id {
        None => None,
        Some(id) => {
            let mut conn = state.db.pool.acquire().await?;
            let row = store::comments::find(&mut conn, id)
                .await?
                .filter(|c| c.author_id == viewer.id && c.withdrawn_at.is_none())
                .ok_or(AppError::NotFound)?;
            Some(ExistingComment {
                id: row.id,
                body: row.body,
                suggestion: row.suggestion.unwrap_or_default(),
                knowledge: row.knowledge,
                visibility: row.visibility,
                on_behalf_of: row
                    .organisation_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
                quote: row.quote,
            })
        }
    };
    let words = passage::words(&loaded.view.text)
        .into_iter()
        .enumerate()
        .map(|(i, w)| WordChoice {
            number: i + 1,
            text: w.text,
        })
        .collect();
    let organisations = store::organisations::memberships_of_user(&state.db.pool, viewer.id)
        .await?
        .into_iter()
        .map(|m| OrganisationRef {
            id: m.organisation_id,
            name: m.organisation_name,
        })
        .collect();
    Ok(CommentFormView {
        statement: loaded.view,
        words,
        organisations,
        jargon: store::jargon::all(&state.db.pool).await?,
        submission_key: auth::new_secret(),
        existing,
    })
}

#[server]
pub async fn get_jargon() -> Result<Vec<JargonEntry>, AppError> {
    let state = crate::server::request::app_state()?;
    Ok(crate::server::store::jargon::all(&state.db.pool).await?)
}
