//! The round's comments for editors to answer, and each person's own contributions.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentFilters {
    pub statement: String,
    pub outcome: String,
    pub organisation: String,
    pub knowledge: String,
}

impl CommentFilters {
    /// As a query string, to come back to the same filtered list after answering.
    pub fn query(&self) -> String {
        [
            ("statement", &self.statement),
            ("outcome", &self.outcome),
            ("organisation", &self.organisation),
            ("knowledge", &self.knowledge),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            format!(
                "{k}={}",
                v.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect::<String>()
            )
        })
        .collect::<Vec<_>>()
        .join("&")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundComment {
    pub id: i64,
    pub reference: String,
    pub statement_path: String,
    pub author: String,
    pub organisation: Option<String>,
    pub knowledge: String,
    pub visibility: String,
    pub body: String,
    pub quote: Option<String>,
    pub suggestion: Option<String>,
    pub outcome: String,
    pub reason: String,
    /// The text it was made on.
    pub text_kind: crate::domain::easy_read::TextKind,
    /// Set when it says an earlier comment still matters.
    pub still_matters: Option<super::StillMattersNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundCommentsView {
    pub framework_slug: String,
    pub framework_title: String,
    pub round_id: i64,
    pub round_title: String,
    /// The version that published this round's answers; they can no longer change.
    pub published_version: Option<i64>,
    pub total: usize,
    pub unanswered: usize,
    pub comments: Vec<RoundComment>,
    pub statements: Vec<String>,
    pub organisations: Vec<String>,
    pub filters: CommentFilters,
    /// How many people said an earlier comment still matters: in the round, and per
    /// statement (only statements where someone did).
    pub still_matters_people: usize,
    pub still_matters_by_statement: Vec<super::StillMattersCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub reference: String,
    pub statement_path: String,
    pub body: String,
    pub quote: Option<String>,
    pub created_label: String,
    pub on_behalf_of: Option<String>,
    pub outcome: String,
    pub reason: Option<String>,
    /// Once the round is answered in a published version: where to read about it.
    pub published: Option<PublishedIn>,
}

/// The version that answered a comment, and where the comment landed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedIn {
    pub version: i64,
    /// The comment in the version's report (the report itself for a private comment).
    pub report_href: String,
    /// The draft it was acted on in, and its place on the trace page.
    pub landed: Option<super::Landing>,
}
