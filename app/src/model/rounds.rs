use super::{Paged, RoundStatus};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundView {
    pub id: i64,
    pub title: String,
    pub introduction: String,
    pub dates: String,
    /// "Open now", "Coming up" or "Closed".
    pub state: String,
    pub is_open: bool,
    /// Closed, answered by no version, and no round has opened since: an editor may
    /// open it again.
    pub can_reopen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundsView {
    pub framework_slug: String,
    pub framework_title: String,
    pub rounds: Vec<RoundView>,
    pub status: RoundStatus,
    pub can_edit: bool,
}

/// Who wrote more than a handful of comments within one hour of a round, for editors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundBurstsView {
    pub framework_slug: String,
    pub framework_title: String,
    pub round_id: i64,
    pub round_title: String,
    /// A burst is more than this many comments within one hour.
    pub above: i64,
    pub bursts: Vec<BurstView>,
    /// One person's comments in the round, when the editor chose someone.
    pub person: Option<PersonComments>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BurstView {
    pub person_id: i64,
    pub name: String,
    pub count: usize,
    /// "22 November 2026 at 3:05pm (UTC) to 3:58pm": the first and last of them.
    pub when: String,
    /// This page listing that person's comments in the round.
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonComments {
    pub person_id: i64,
    pub name: String,
    pub comments: Paged<PersonComment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonComment {
    pub id: i64,
    pub reference: String,
    pub body: String,
    pub written: String,
    /// "Not answered yet" or the answer's outcome.
    pub outcome: String,
    /// The comment in the round's answer list, to answer it there.
    pub answer_href: String,
}
