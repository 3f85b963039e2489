//! Reporting comments and moderating them, as the pages show it.

use super::{Paged, WordChoice};
use serde::{Deserialize, Serialize};

/// The report form's name, for its feedback.
pub const REPORT_FORM: &str = "report";
/// The moderation page's forms' name, for their feedback.
pub const MODERATE_FORM: &str = "moderate";

/// The comment as the person reporting it reads it, and the report form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFormView {
    pub comment_id: i64,
    pub framework_slug: String,
    pub framework_title: String,
    pub reference: String,
    pub statement_path: String,
    pub author: String,
    /// The words as this person may read them.
    pub body: String,
    pub submission_key: String,
}

/// A report as the queue lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedReportView {
    pub id: i64,
    pub comment_id: i64,
    pub kind: String,
    pub note: String,
    pub reporter: String,
    pub reported_label: String,
    /// "Handled by Alex on 3 March 2026"; `None` while open.
    pub handled: Option<String>,
    pub reference: String,
    /// The start of the comment's words as the public reads them now.
    pub excerpt: String,
    pub moderate_href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueueView {
    pub open: i64,
    pub reports: Paged<QueuedReportView>,
}

/// One thing a moderator did, for the comment's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationActionView {
    pub what: String,
    pub reason: Option<String>,
    pub note: String,
    pub removed_words: Option<String>,
    pub by: String,
    pub when: String,
}

/// A reported comment as a moderator handles it: the original, what the public reads,
/// the reports and what was done before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerateView {
    pub comment_id: i64,
    pub framework_slug: String,
    pub reference: String,
    pub statement_path: String,
    pub author: String,
    pub original_body: String,
    pub original_suggestion: Option<String>,
    pub shown_body: String,
    pub shown_suggestion: Option<String>,
    /// "Hidden: abusive language", "Some words removed: personal information"; `None`
    /// when the public reads it as written.
    pub state: Option<String>,
    /// The words a redaction is chosen from (the public text, or the original when the
    /// whole comment is hidden or nothing is removed yet).
    pub words: Vec<WordChoice>,
    pub reports: Vec<QueuedReportView>,
    pub history: Vec<ModerationActionView>,
    /// The public text's state when the page was made: a form sent after someone else
    /// changed it is refused rather than taking out the wrong words.
    pub shown_version: String,
    pub submission_key: String,
    /// The "leave it as written" form's own key.
    pub dismiss_key: String,
}

/// On a person's own comment (contributions page): what a moderator changed and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationNotice {
    /// "A moderator hid your comment from public view" or "… removed some of its words".
    pub what: String,
    pub reason: String,
    /// What everyone else reads.
    pub shown: String,
}
