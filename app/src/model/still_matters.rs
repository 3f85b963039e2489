//! "This still matters to me": a person's comments on a statement in earlier rounds,
//! shown before they comment again, and what editors see of the links.

use serde::{Deserialize, Serialize};

/// The form field names of the "This still matters to me" button.
pub struct StillMattersInput;

impl StillMattersInput {
    pub const EARLIER_COMMENT_ID: &'static str = "earlier_comment_id";
    pub const SUBMISSION_KEY: &'static str = "submission_key";

    /// The field an error about one earlier comment is shown beside: its button's id.
    pub fn button(earlier_comment_id: i64) -> String {
        format!("still-matters-{earlier_comment_id}")
    }
}

/// One of the viewer's own comments on this statement in an earlier round, with the
/// answer it got, shown before they comment again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierComment {
    pub id: i64,
    pub round_title: String,
    /// The draft it was made on, counted among its text's drafts ("draft 1").
    pub draft_number: usize,
    pub body: String,
    pub quote: Option<String>,
    /// The words it quoted are no longer in the statement: saying it still matters makes
    /// a comment on the whole statement.
    pub quote_gone: bool,
    /// "Not incorporated", or "Not answered yet".
    pub outcome_label: String,
    pub reason: Option<String>,
    /// The comment in the open round that says this still matters, once they said so.
    pub still_matters_in: Option<i64>,
}

/// On the editors' answer list: the earlier comment a comment says still matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StillMattersNote {
    pub earlier_round_title: String,
    /// "Not incorporated: We kept the wording because …", or "not answered".
    pub earlier_answer: String,
    /// Where editors read the earlier comment: its place on its round's answer list.
    pub earlier_href: String,
}

/// How many people said an earlier comment still matters, for one statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StillMattersCount {
    pub reference: String,
    pub people: usize,
}

/// "3 people said an earlier comment still matters".
pub fn still_matters_sentence(people: usize) -> String {
    format!(
        "{} said an earlier comment still matters",
        crate::domain::plural(people, "person", "people")
    )
}
