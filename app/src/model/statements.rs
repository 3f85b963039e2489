//! Reading statements: the statement page, the redraft page, history and the comment form.

use super::{OrganisationRef, PictureView, Viewer};
use crate::domain::{diff::WordDiff, easy_read::TextKind, plain_language::JargonEntry};
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
    /// Its number in the whole list (across pages), shown beside highlighted passages.
    pub number: usize,
    pub author: crate::domain::byline::Byline,
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
    /// The text it was made on; `draft_number` counts that text's drafts.
    pub text_kind: TextKind,
    /// The number of that text's newest draft.
    pub current_draft: usize,
    /// For the policy team and the author, when a moderator changed what others read:
    /// "Others read this with some words removed (personal information)."
    pub moderation_note: Option<String>,
    /// Someone signed in who did not write it may report it to the moderators.
    pub can_report: bool,
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
    /// The values it carries, in the framework's order.
    pub values: Vec<super::ValueDetail>,
    pub segments: Vec<HighlightSegment>,
    /// The comments shown: one page of them on the statement page, every one on the
    /// redraft page, none where the page does not list them.
    pub comments: Vec<CommentView>,
    /// How many comments the viewer may see on the statement, counted by the database.
    pub comments_total: u64,
    /// Which page of them `comments` is.
    pub comments_page: super::PageRequest,
    pub round: RoundStatus,
    pub viewer: Option<Viewer>,
    pub can_edit: bool,
    pub can_comment: bool,
    pub statement_id: i64,
    /// Earlier rounds in which the viewer commented here and has not yet said, in the
    /// open round, that it still matters (statement page only; empty elsewhere).
    pub earlier_rounds: Vec<String>,
    /// Where the easy read twin stands, for editors only.
    pub twin: Option<super::TwinStatusView>,
    /// The reader's choice of text.
    pub reading: TextKind,
    /// The text shown (`text`, `segments`, `revision_id`, `draft_number` and `revised_at`
    /// are this text's): easy read only where the statement has one.
    pub shown: TextKind,
    /// The easy read text's picture, when it is shown and has one.
    pub picture: Option<PictureView>,
    /// For easy read readers: no easy read text yet, or one written for an earlier draft.
    pub reading_note: Option<String>,
    /// Whether the statement has an easy read text at all.
    pub has_easy_read: bool,
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
    /// The statement; its `comments` are left empty: a statement can hold 1,500 of them,
    /// so the page shows them a page at a time, in `comments`.
    pub statement: StatementView,
    /// One page of the statement's comments, numbered as on the statement page.
    pub comments: super::Paged<CommentView>,
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
    /// Which text's drafts are compared.
    pub text: TextKind,
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
    /// The viewer's comments on this statement in earlier rounds, with their answers.
    pub earlier: Vec<super::EarlierComment>,
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
