//! Published versions, their "You said, we did" reports, publishing and its emails.

use super::PictureView;
use crate::domain::{diff::WordDiff, easy_read::TextKind, values::ValueTally};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationHeader {
    pub framework_slug: String,
    pub framework_title: String,
    pub version: i64,
    pub summary: String,
    pub published_label: String,
}

impl PublicationHeader {
    pub fn path(&self) -> String {
        format!(
            "/frameworks/{}/versions/{}",
            self.framework_slug, self.version
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportComment {
    /// The comment's id on the page ("comment-12"), so changes can link to it.
    pub anchor: String,
    pub author: crate::domain::byline::Byline,
    pub knowledge: String,
    pub quote: Option<String>,
    pub body: String,
    pub outcome: String,
    pub reason: String,
    /// Where it landed: the drafts it was acted on in, each a link to the trace.
    pub landed: Vec<Landing>,
    /// The text it was made on.
    pub text_kind: TextKind,
    /// The group of alike comments it was answered with, if any.
    pub alike_group: Option<i64>,
    /// On the report page, on the comment a campaign is shown by: how many more said the
    /// same and got the same answer ("and 399 others said the same"); the page does not
    /// repeat them. Left out of the downloads, which keep one line per comment.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub others_said_the_same: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Landing {
    pub draft: usize,
    pub href: String,
}

/// A link from a change to a comment behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentLink {
    pub anchor: String,
    pub author: String,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One draft between the text consulted on and the published text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportStep {
    pub draft: usize,
    pub date: String,
    /// The editor's note on why the draft was made.
    pub note: String,
    pub changes: Vec<String>,
    /// The public comments answered as acted on in this draft (on the report page, only
    /// the first few: see `more_because_of`).
    pub because_of: Vec<CommentLink>,
    /// On the report page: how many more public comments were acted on here than
    /// `because_of` names. Always 0 in the downloads, which name every one (and then
    /// leave it out, so they read as they always have).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_because_of: usize,
    /// Comments shared only with the policy team that were acted on here: counted only.
    pub private_because_of: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportStatement {
    pub reference: String,
    pub theme_title: String,
    pub statement_path: String,
    pub trace_path: String,
    pub first_text: String,
    pub published_text: String,
    pub diff: WordDiff,
    pub changes: Vec<String>,
    /// Draft by draft, each change with the comments behind it.
    pub steps: Vec<ReportStep>,
    pub comments: Vec<ReportComment>,
    /// Comments shared only with the policy team: counted, never shown.
    pub private_comments: usize,
    /// The text the story is told in (`first_text`, `published_text`, `diff`, `steps`):
    /// easy read for a reader who chose it, where the version has an easy read text.
    pub shown: TextKind,
    /// For easy read readers: the version has no easy read text of this statement.
    pub reading_note: Option<String>,
    pub picture: Option<PictureView>,
    /// What the version published, whichever text is shown.
    pub standard_text: String,
    pub published_easy_read_text: Option<String>,
    /// The titles of the values it carried in this version.
    pub values: Vec<String>,
    /// Whose words are in the published text, as each allowed it to be shown ("Sam,
    /// someone with lived experience and 2 others"); None when nobody is credited.
    pub credit: Option<String>,
}

/// A version's totals and changes by value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueTotals {
    /// What "changed" is measured against, in words: "version 1", or "the text first
    /// consulted on" for a first version.
    pub changed_since: String,
    pub values: Vec<ValueTally>,
    /// The whole version, each statement and comment counted once.
    pub all: ValueTally,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    /// The text the reader chose.
    pub reading: TextKind,
    pub header: PublicationHeader,
    /// The consultation rounds this version answers, oldest first.
    pub rounds: Vec<String>,
    pub total_comments: usize,
    pub by_outcome: Vec<Count>,
    pub changes_by_knowledge: Vec<Count>,
    /// None when the version's statements carry no values.
    pub by_value: Option<ValueTotals>,
    pub statements: Vec<ReportStatement>,
    /// The proposals for new statements its rounds decided.
    pub proposals: super::ReportProposals,
}

/// One statement's line in the report's summary: its comments counted by outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportStatementLine {
    pub reference: String,
    pub theme_title: String,
    /// Every comment on it the version answers (public or not).
    pub comments: u64,
    /// Those comments by outcome, in `Outcome::ALL` order.
    pub by_outcome: Vec<u64>,
    /// Those shared only with the policy team: counted, never shown.
    pub private: u64,
    /// Whether its text changed from the text first consulted on.
    pub changed: bool,
}

/// The filters of the report's list of comments, as the page was asked for them (those
/// the version does not know are left empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilters {
    /// A statement's reference.
    pub statement: String,
    /// A theme's code.
    pub theme: String,
    /// An outcome's value, or `not_answered`.
    pub outcome: String,
    /// A kind of knowledge's value.
    pub knowledge: String,
}

/// A public comment in the report's list, with the statement it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportListedComment {
    pub reference: String,
    pub comment: ReportComment,
}

/// The "You said, we did" page: the version's totals and a line per statement, then
/// one page of the public comments the filters choose, with the chosen statement's
/// story. Its size does not grow with the round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPageView {
    /// The version's totals, rounds and proposals (its `statements` left empty: a line
    /// per statement is in `lines`, and the stories told on this page in `stories`).
    pub report: ReportView,
    pub lines: Vec<ReportStatementLine>,
    /// The version's themes (code, title), for the theme filter.
    pub themes: Vec<(String, String)>,
    pub filters: ReportFilters,
    /// How each statement with comments on this page changed (or the statement chosen),
    /// in the report's order; their comments are in `comments`, not in these.
    pub stories: Vec<ReportStatement>,
    pub comments: super::Paged<ReportListedComment>,
    /// The filters as an address, for the page links.
    pub query: super::ListQuery,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedTheme {
    pub title: String,
    pub statements: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationView {
    pub header: PublicationHeader,
    /// Each statement in the reader's choice of text, where the version has it.
    pub themes: Vec<PublishedTheme>,
    pub can_edit: bool,
    pub reading: TextKind,
    /// For easy read readers: each statement's picture and note, by reference.
    pub easy_read: Vec<PublishedEasyRead>,
    /// Each credited statement's credit line, by reference.
    pub credits: Vec<(String, String)>,
}

/// What goes with a published statement's easy read text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedEasyRead {
    pub reference: String,
    pub picture: Option<PictureView>,
    /// The version has no easy read text of this statement.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub reference: String,
    pub author: String,
    pub excerpt: String,
    pub answer_href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishView {
    pub framework_slug: String,
    pub framework_title: String,
    /// The rounds the next version would answer, oldest first.
    pub round_titles: Vec<String>,
    /// One of those rounds that is still open, which stops publishing.
    pub open_round: Option<String>,
    pub missing: Vec<Missing>,
    /// Proposals still waiting for a decision, which stop publishing too.
    pub undecided_proposals: Vec<Missing>,
    /// Reported comments no moderator has handled yet, which stop publishing too.
    pub unhandled_reports: Vec<Missing>,
    /// Newest first.
    pub versions: Vec<i64>,
    /// Easy read twins missing or out of step: a warning, or a refusal when the
    /// framework requires them.
    pub twins: super::TwinOverview,
}

impl PublishView {
    pub fn ready(&self) -> bool {
        // Shown even with comments unanswered, so a refused attempt keeps what was typed.
        !self.round_titles.is_empty() && self.open_round.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    pub header: PublicationHeader,
    pub queued: i64,
    pub sent: i64,
    pub retrying: i64,
    pub failed: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceSpan {
    pub text: String,
    /// The draft that introduced these words; None for the first draft.
    pub draft: Option<usize>,
}

/// On a trace: the proposal a statement or one of its drafts came from ("Began as a
/// proposal by Sam, adopted in version 1"), linked to the proposal's page unless only
/// the policy team may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalOrigin {
    pub text: String,
    pub href: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceStep {
    pub draft: usize,
    pub author: String,
    pub date: String,
    pub note: String,
    pub introduced: Vec<String>,
    /// The public comments acted on in this draft.
    pub comments: TraceComments,
    /// A proposal merged into the statement in this draft.
    pub from_proposals: Vec<ProposalOrigin>,
}

/// The comments acted on in one draft: the first few of the public ones (or, when asked
/// for, a page of all of them), how many there are, and how many only the policy team
/// may see (counted, never shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceComments {
    pub listed: super::Paged<ReportComment>,
    /// Whether every one was asked for (`?draft=N`), so `listed` is one of its pages.
    pub all_listed: bool,
    pub private: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceView {
    pub header: PublicationHeader,
    pub reference: String,
    /// The published text traced: easy read or standard (`shown`).
    pub text: String,
    pub shown: TextKind,
    pub reading: TextKind,
    pub picture: Option<PictureView>,
    pub reading_note: Option<String>,
    /// Whether the version has an easy read text of this statement.
    pub has_easy_read: bool,
    pub spans: Vec<TraceSpan>,
    pub steps: Vec<TraceStep>,
    /// Whose words are in the published text (see `ReportStatement::credit`).
    pub credit: Option<String>,
    /// The proposal the statement was adopted from, if it was.
    pub began_as: Option<ProposalOrigin>,
}

/// "Your words are in HL-3 (version 2)", for the person whose words they are, with a link
/// to the version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YourWordsIn {
    pub line: String,
    pub version_href: String,
}
